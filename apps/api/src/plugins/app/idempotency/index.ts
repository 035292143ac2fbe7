import type { PoolHandle } from "@ownlist/db";
import fp from "fastify-plugin";
import {
  createIdempotencyRepository,
  type IdempotencyRepository,
} from "./idempotency-repository.ts";

declare module "fastify" {
  interface FastifyInstance {
    idempotency: IdempotencyRepository;
  }
}

export interface IdempotencyPluginOptions {
  db: PoolHandle;
  /** API_IDEMPOTENCY_TTL_HOURS: how long a key's answer is replayed. */
  ttlHours: number;
}

/** Decorates the instance with the idempotency-key store; the write routes use `app.idempotency`. */
export default fp<IdempotencyPluginOptions>(
  async function idempotencyRepository(app, { db, ttlHours }) {
    const idempotency = createIdempotencyRepository(db.sql, ttlHours);
    app.decorate("idempotency", idempotency);
    // A purge of expired keys runs beside the requests: let it finish before the pool closes.
    app.addHook("onClose", async () => idempotency.purges());
  },
  { name: "idempotency-repository" },
);
