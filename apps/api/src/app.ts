import { MAX_BODY_BYTES } from "@ownlist/contract";
import type { ApiConfig } from "@ownlist/config";
import type { PoolHandle } from "@ownlist/db";
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from "fastify";
import { pathOf } from "./plugins/app/api-path.ts";
import accessLog from "./plugins/app/access-log.ts";
import admissionQueue from "./plugins/app/admission-queue.ts";
import authentication from "./plugins/app/authentication.ts";
import bodyParsing from "./plugins/app/body-parsing.ts";
import cors from "./plugins/app/cors.ts";
import { handleFrameworkError } from "./plugins/app/problems/framework-errors.ts";
import problems from "./plugins/app/problems/index.ts";
import rateLimits from "./plugins/app/rate-limits/index.ts";
import requestContext, { requestIdFor } from "./plugins/app/request-context.ts";
import idempotencyRepository from "./plugins/app/idempotency/index.ts";
import requestDeadline from "./plugins/app/request-deadline.ts";
import tasksRepository from "./plugins/app/tasks/index.ts";
import validation from "./plugins/app/validation.ts";
import helmet from "./plugins/external/helmet.ts";
import apiDocs from "./plugins/external/swagger.ts";
import taskRoutes from "./routes/api/tasks/index.ts";
import transferRoutes from "./routes/api/transfer/index.ts";
import healthRoutes from "./routes/health.ts";

export interface AppDependencies {
  config: ApiConfig;
  db: PoolHandle;
  /** Pino options; tests pass a stream to read the security log. Default level: LOG_LEVEL. */
  logger?: Exclude<FastifyServerOptions["logger"], boolean>;
}

/**
 * docs/contract.md#access-log: in a terminal, readable lines (pino-pretty, in a worker thread of
 * its own); anywhere else (a file, a pipe, a log collector) pino's JSON, written as is.
 */
function terminalLogger(): Exclude<FastifyServerOptions["logger"], boolean> {
  if (!process.stdout.isTTY) return {};
  return {
    msgPrefix: "[api] ",
    transport: {
      target: "pino-pretty",
      options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" },
    },
  };
}

/**
 * Composes the api: external plugins, then our own (order matters where noted), then routes.
 * Configuration and the database come in as arguments, so a test builds an app on its own
 * database.
 */
export async function createApp({ config, db, logger }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logger ?? terminalLogger()),
      // Request logs carry the path only: a query string may hold a token.
      serializers: {
        req: (request) => ({ method: request.method, path: pathOf(request.url) }),
      },
    },
    genReqId: requestIdFor,
    // One access line per request instead of Fastify's two (plugins/app/access-log.ts).
    logController: new LogController({
      requestIdLogLabel: "request_id",
      disableRequestLogging: true,
    }),
    bodyLimit: MAX_BODY_BYTES,
    // Slowloris: a client must send its headers, then its whole request, within a bound, and an
    // idle socket is closed (docs/operations.md). Node checks these every second here.
    connectionTimeout: config.socketTimeouts.connectionTimeoutSeconds * 1000,
    // Node swaps connectionTimeout for keepAliveTimeout once a response is sent: without this an
    // idle keep-alive socket would live Fastify's default 72 s, whatever the setting (decision 021).
    keepAliveTimeout: config.socketTimeouts.connectionTimeoutSeconds * 1000,
    requestTimeout: config.socketTimeouts.requestTimeoutSeconds * 1000,
    http: {
      headersTimeout: config.socketTimeouts.headersTimeoutSeconds * 1000,
      connectionsCheckingInterval: 1000,
    },
    frameworkErrors: handleFrameworkError,
    // request.ip (rate limits, security log): the socket's peer, or behind a proxy listed in
    // TRUSTED_PROXIES the first untrusted X-Forwarded-For hop from the right — never what a
    // client that connects directly claims (decision 006, as on web).
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
  });

  // onRequest hooks run in registration order: request id and no-store first (every reply
  // carries them), then the admission queue, then CORS (answers preflights), then authentication (everything else).
  await app.register(requestContext);
  await app.register(accessLog);
  await app.register(problems);
  // Before any per-request work: a request waits here, in order, for one of a bounded number of
  // slots (docs/benchmarks/README.md: unbounded work starves late connections).
  await app.register(admissionQueue, config.admissionQueue);
  await app.register(cors, { webOrigin: config.webOrigin });
  await app.register(helmet);
  // Before authentication, which asks it whether a rejected token's address is over its limit;
  // the per-user limit runs after authentication (preParsing). Routes come after authentication:
  // it attaches itself to every /api route as the route is registered (decision 023).
  await app.register(rateLimits, { ...config.rateLimits, store: config.rateLimitStore });
  await app.register(authentication, { tokenSettings: config.token });
  await app.register(validation);
  await app.register(bodyParsing);
  await app.register(requestDeadline, { deadlineMs: config.requestDeadlineMs });
  await app.register(tasksRepository, {
    db,
    ...config.taskQuota,
    rememberImportsHours: config.idempotencyTtlHours,
    exportTimeoutSeconds: config.exportTimeoutSeconds,
  });
  await app.register(idempotencyRepository, { db, ttlHours: config.idempotencyTtlHours });
  await app.register(apiDocs, { apiUrl: config.apiUrl });

  await app.register(healthRoutes);
  await app.register(taskRoutes, { prefix: "/api" });
  await app.register(transferRoutes, { prefix: "/api", importMaxBytes: config.importMaxBytes });
  return app;
}
