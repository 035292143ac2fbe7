import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import { RETRY_AFTER_SECONDS } from "../plugins/app/problems/to-problem.ts";
import { OVERLOADED } from "./problem-responses.ts";

const Status = Type.Object({ status: Type.String() });

/**
 * How long `/ready` waits for the database (docs/contract.md#service-routes): with the time a
 * statement under way gets to be cancelled, it answers within a second, well inside a load
 * balancer's probe timeout, whether the database answers, refuses or hangs.
 */
const READY_DEADLINE_MS = 500;

/** Liveness and readiness, without authentication (load balancers and the start script poll). */
const healthRoutes: FastifyPluginAsync = async (app) => {
  // `security: []` says so in the document: these two routes take no token.
  const common = { tags: ["service"], security: [] };
  const health = {
    ...common,
    operationId: "getHealth",
    summary: "200 while the process lives",
    description:
      "Liveness: answers without touching the database, so a load balancer can tell a running process from a stopped one.",
    response: { 200: Status, 503: OVERLOADED },
  };
  app.get("/health", { schema: health }, async () => ({ status: "ok" }));

  const ready = {
    ...common,
    operationId: "getReadiness",
    summary: "200 when the database answers and lets the api act as an owner, else 503",
    description:
      "Readiness: runs one owner-scoped transaction, so an api whose database is down or whose role was not granted says 503 instead of failing every task request.",
    response: {
      200: Status,
      503: {
        description:
          "The database does not answer or refuses the api's role (JSON), or the api is overloaded (a problem).",
        headers: OVERLOADED.headers,
        content: {
          "application/json": { schema: Status },
          ...OVERLOADED.content,
        },
      },
    },
  };
  app.get("/ready", { schema: ready }, async (request, reply) => {
    try {
      // More than `select 1`: a database that answers but will not let the api take its role
      // (a DATABASE_URL role not granted ownlist_api) would fail every task request.
      await app.tasks.checkReady(AbortSignal.timeout(READY_DEADLINE_MS));
      return { status: "ready" };
    } catch (error) {
      request.log.warn({ reason: (error as Error).message }, "not ready");
      return reply
        .code(503)
        .header("retry-after", RETRY_AFTER_SECONDS)
        .send({ status: "database unavailable" });
    }
  });
};

export default healthRoutes;
