import type { DbHandle } from "@ownlist/db";
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import { RETRY_AFTER_SECONDS } from "../plugins/app/problems/to-problem.ts";
import { OVERLOADED } from "./problem-responses.ts";

export interface HealthRoutesOptions {
  db: DbHandle;
}

const Status = Type.Object({ status: Type.String() });

/** Liveness and readiness, without authentication (load balancers and the start script poll). */
const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { db }) => {
  const tags = ["service"];
  const health = {
    tags,
    summary: "200 while the process lives",
    response: { 200: Status, 503: OVERLOADED },
  };
  app.get("/health", { schema: health }, async () => ({ status: "ok" }));

  const ready = {
    tags,
    summary: "200 when the database answers, else 503",
    response: {
      200: Status,
      503: {
        description: "The database does not answer (JSON), or the api is overloaded (a problem).",
        headers: OVERLOADED.headers,
        content: {
          "application/json": { schema: Status },
          ...OVERLOADED.content,
        },
      },
    },
  };
  app.get("/ready", { schema: ready }, async (_request, reply) => {
    try {
      await db.sql`select 1`;
      return { status: "ready" };
    } catch {
      return reply
        .code(503)
        .header("retry-after", RETRY_AFTER_SECONDS)
        .send({ status: "database unavailable" });
    }
  });
};

export default healthRoutes;
