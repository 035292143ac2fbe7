import type { Config } from "@ownlist/config";
import type { DbHandle } from "@ownlist/db";
import Fastify, { type FastifyInstance } from "fastify";

export interface AppDependencies {
  config: Config;
  db: DbHandle;
}

/**
 * Composes the api. Configuration and the database come in as arguments, so a test builds an
 * app on its own database. (The full plugin layout arrives with the task API.)
 */
export async function createApp({ db }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? "info" } });

  app.get("/health", async () => ({ status: "ok" }));

  app.get("/ready", async (_request, reply) => {
    try {
      await db.sql`select 1`;
      return { status: "ready" };
    } catch {
      return reply.code(503).header("retry-after", "5").send({ status: "database unavailable" });
    }
  });

  return app;
}
