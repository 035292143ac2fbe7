import swagger from "@fastify/swagger";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type onRequestHookHandler,
} from "fastify";
import fp from "fastify-plugin";

export interface ApiDocsOptions {
  /** Where clients reach the api (API_URL): the document's server. */
  apiUrl: string;
}

const DESCRIPTION = `The Ownlist task API. Every \`/api/*\` request needs \`Authorization: Bearer <token>\`,
a short-lived HS256 JWT that the web app issues at \`GET /api/token\` to a signed-in person.
Errors are \`application/problem+json\` (RFC 9457).`;

/** Scalar's page runs its bundled script and styles from /docs/ and fetches /openapi.json. */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The OpenAPI 3.1 document, built by @fastify/swagger from the route schemas (which come from
 * @ownlist/contract), served at /openapi.json; and Scalar's interactive reference at /docs, with
 * a Bearer field. Both without authentication. Register before the routes it documents.
 */
export default fp<ApiDocsOptions>(
  async function apiDocs(app, { apiUrl }) {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: { title: "Ownlist API", version: "1.0.0", description: DESCRIPTION },
        servers: [{ url: apiUrl }],
        tags: [
          { name: "tasks", description: "A person's own tasks." },
          { name: "service", description: "Liveness and readiness." },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: "http",
              scheme: "bearer",
              bearerFormat: "JWT",
              description: "An API token from the web app's GET /api/token.",
            },
          },
        },
      },
    });

    app.get("/openapi.json", { schema: { hide: true } }, () => app.swagger());

    const docsPolicy: onRequestHookHandler = (_request, reply, done) => {
      reply.header("content-security-policy", DOCS_CSP);
      done();
    };
    // Scalar's bundle is large, and larger still in memory once imported: it is loaded on the
    // first /docs request, into an instance of its own, instead of at start.
    let docsApp: Promise<FastifyInstance> | undefined;
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      docsApp ??= createDocsApp();
      const answer = await (
        await docsApp
      ).inject({
        method: request.method as "GET" | "HEAD",
        url: request.url,
        headers: request.headers,
      });
      for (const [name, value] of Object.entries(answer.headers)) {
        // A HEAD answer keeps the length of the body it stands for.
        const skip =
          HOP_HEADERS.has(name) && !(name === "content-length" && request.method === "HEAD");
        if (value !== undefined && !skip) reply.header(name, value);
      }
      return reply.code(answer.statusCode).send(answer.rawPayload);
    };
    const hidden = { schema: { hide: true }, onRequest: docsPolicy };
    app.get("/docs", hidden, forward);
    app.get("/docs/*", hidden, forward);
  },
  { name: "api-docs" },
);

/** Headers the outer reply sets itself. */
const HOP_HEADERS = new Set([
  "content-length",
  "connection",
  "date",
  "keep-alive",
  "transfer-encoding",
]);

async function createDocsApp(): Promise<FastifyInstance> {
  const { default: scalar } = await import("@scalar/fastify-api-reference");
  const docsApp = Fastify({ logger: false });
  await docsApp.register(scalar, {
    routePrefix: "/docs",
    configuration: {
      url: "/openapi.json",
      pageTitle: "Ownlist API",
      authentication: { preferredSecurityScheme: "bearerAuth" },
    },
  });
  await docsApp.ready();
  return docsApp;
}
