import helmet from "@fastify/helmet";
import fp from "fastify-plugin";

/**
 * Security headers. The api serves JSON, so its content security policy forbids everything; the
 * /docs page sets its own (see swagger.ts).
 */
export default fp(
  async function securityHeaders(app) {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
    });
  },
  { name: "helmet" },
);
