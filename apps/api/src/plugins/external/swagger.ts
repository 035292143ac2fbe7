import { createHash } from "node:crypto";
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

/**
 * Scalar's page runs its bundled script from /docs/ and fetches /openapi.json. Its HTML also
 * carries one inline script (the configuration): that one is allowed by its hash, computed from
 * the page actually served (`docsPolicyFor`), never by 'unsafe-inline', so no other inline
 * script can run on the api's origin. Scalar sets styles at run time: 'unsafe-inline' stays for
 * styles only.
 */
function docsPolicy(scriptSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
const DOCS_CSP = docsPolicy();

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([^]*?)<\/script\s*>/gi;

/** The policy for a page: its own inline scripts, and no others, allowed by SHA-256 hash. */
export function docsPolicyFor(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    ([, body]) =>
      `'sha256-${createHash("sha256")
        .update(body ?? "")
        .digest("base64")}'`,
  );
  return docsPolicy([...new Set(hashes)]);
}

/**
 * The OpenAPI 3.1 document, built by @fastify/swagger from the route schemas (which come from
 * @ownlist/contract), served at /openapi.json; and Scalar's interactive reference at /docs, with
 * a Bearer field. Both without authentication. Register before the routes it documents.
 */
export default fp<ApiDocsOptions>(
  async function apiDocs(app, { apiUrl }) {
    await app.register(swagger, {
      transformObject: (document) =>
        optionalQueryParametersOff("openapiObject" in document ? document.openapiObject : {}),
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

    const docsPolicyHook: onRequestHookHandler = (_request, reply, done) => {
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
      if (String(answer.headers["content-type"]).startsWith("text/html")) {
        reply.header("content-security-policy", docsPolicyFor(answer.payload));
      }
      return reply.code(answer.statusCode).send(answer.rawPayload);
    };
    const hidden = { schema: { hide: true }, onRequest: docsPolicyHook };
    app.get("/docs", hidden, forward);
    app.get("/docs/*", hidden, forward);
  },
  { name: "api-docs" },
);

/**
 * An api explorer fills an optional query parameter with its schema's default, else its first
 * enum value, and sends it: Scalar's "Test Request" asked for `priority=low&order=asc`, so a
 * person with tasks got `[]` (issue 17). A parameter with a default sends what the api would
 * do anyway; one without (a filter, or `order`, whose default follows `sort`) is marked off
 * with an example that has no value and `x-disabled` — the OpenAPI extension Scalar reads for
 * "not in the request until the person ticks it". The document's schemas, and so validation,
 * are unchanged (docs/contract.md#service-routes).
 */
export function optionalQueryParametersOff<T>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  for (const operation of Object.values(paths).flatMap((item) => Object.values(item))) {
    const parameters = (operation as { parameters?: unknown } | null)?.parameters;
    if (!Array.isArray(parameters)) continue;
    for (const parameter of parameters as QueryParameter[]) {
      if (parameter.in !== "query" || parameter.required || parameter.schema?.default !== undefined)
        continue;
      parameter.examples = {
        default: { summary: "Not sent: the api applies no filter", "x-disabled": true },
      };
    }
  }
  return document;
}

interface QueryParameter {
  in: string;
  required?: boolean;
  schema?: { default?: unknown };
  examples?: Record<string, { summary: string; "x-disabled": boolean }>;
}

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
      // Its fonts come from fonts.scalar.com, which the policy (font-src 'self') refuses: use the
      // browser's own instead of asking.
      withDefaultFonts: false,
      // Scalar's own services, not Ownlist's: its hosted API client, developer toolbar, AI agent
      // and MCP buttons, and its telemetry.
      hideClientButton: true,
      showDeveloperTools: "never",
      agent: { disabled: true },
      mcp: { disabled: true },
      telemetry: false,
    },
  });
  await docsApp.ready();
  return docsApp;
}
