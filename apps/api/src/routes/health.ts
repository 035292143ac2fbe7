import type { DbHandle } from "@ownlist/db";
import type { FastifyPluginAsync } from "fastify";
import { RETRY_AFTER_SECONDS } from "../plugins/app/problems/to-problem.ts";

export interface HealthRoutesOptions {
  db: DbHandle;
}

/** Liveness and readiness, without authentication (load balancers and the start script poll). */
const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { db }) => {
  const tags = ["service"];
  app.get("/health", { schema: { tags, summary: "200 while the process lives" } }, async () => ({
    status: "ok",
  }));

  app.get(
    "/ready",
    { schema: { tags, summary: "200 when the database answers, else 503" } },
    async (_request, reply) => {
      try {
        await db.sql`select 1`;
        return { status: "ready" };
      } catch {
        return reply
          .code(503)
          .header("retry-after", RETRY_AFTER_SECONDS)
          .send({ status: "database unavailable" });
      }
    },
  );
};

export default healthRoutes;
