import type { IncomingMessage, ServerResponse } from "node:http";
import fp from "fastify-plugin";
import helmet, { type HelmetOptions } from "helmet";

/**
 * The api serves JSON, so its content security policy forbids everything; the /docs page sets
 * its own (see swagger.ts).
 */
const OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
};

/**
 * Security headers, exactly helmet's for OPTIONS. @fastify/helmet builds helmet's middleware
 * anew on every request (visible in the api's CPU profile, docs/benchmarks); our headers never
 * depend on the request, so helmet runs once here and each reply gets the recorded headers.
 */
export default fp(
  async function securityHeaders(app) {
    const headers = helmetHeaders(OPTIONS);
    app.addHook("onRequest", (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: "helmet" },
);

/** Runs helmet's middleware against a recording response and returns the headers it set. */
function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    failure = error;
  });
  if (failure)
    throw failure instanceof Error ? failure : new Error("helmet failed", { cause: failure });
  return headers;
}
