/**
 * Web's HTTP server: Next.js behind a plain node:http server whose only job is to tell Better
 * Auth the client's real address (lib/server/client-address.ts). `next start` would pass a
 * client's own X-Forwarded-For through untouched, letting anyone dodge the sign-in rate limit.
 *
 *   node --import tsx server.ts          production (after `next build`)
 *   node --import tsx server.ts --dev    development, hot reload
 */
import { createServer } from "node:http";
import { ConfigError, loadConfig } from "@ownlist/config";
import next from "next";
import { setClientAddress } from "./lib/server/client-address.ts";

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const config = loadConfig();
  const trustProxies = config.trustedProxies.length > 0;
  const app = next({ dev, dir: import.meta.dirname, hostname: config.host, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request, response) => {
    setClientAddress(request, trustProxies);
    void handle(request, response);
  });

  let closing = false;
  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`web: ${signal}, draining`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGINT", () => close("SIGINT"));
  process.on("SIGTERM", () => close("SIGTERM"));

  server.listen(config.port, config.host, () => {
    console.log(`web: listening on http://${config.host}:${config.port}${dev ? " (dev)" : ""}`);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
