/**
 * Web's HTTP server: Next.js behind a plain node:http server whose only job is to tell Better
 * Auth the client's real address (lib/server/client-address.ts). `next start` would pass a
 * client's own X-Forwarded-For through untouched, letting anyone dodge the sign-in rate limit.
 *
 *   node dist/server.mjs                 production (after `npm run build`); `npm run start:web`
 *   node --import tsx server.ts          production from source (after `next build`)
 *   node --import tsx server.ts --dev    development, hot reload; `npm run dev -w apps/web`
 *
 * A bare `next start` or `next dev` refuses to run (instrumentation.ts).
 */
import { existsSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { ConfigError, loadWebConfig } from "@ownlist/config";
import next from "next";
import { setClientAddress } from "./lib/server/client-address.ts";
import { handleWithPageOutage } from "./lib/server/page-outage.ts";
import { markServerEntry } from "./lib/server/server-entry.ts";

/**
 * Web's folder (next.config.ts, .next): this file's own under tsx, the parent of dist/ when it runs
 * as the production unit (dist/server.mjs, docs/operations.md#production-units).
 */
function webDir(): string {
  const here = import.meta.dirname;
  return existsSync(join(here, "next.config.ts")) ? here : dirname(here);
}

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const config = loadWebConfig();
  const trustProxies = config.trustedProxies.length > 0;
  // Before Next loads: instrumentation.ts refuses to serve in a process without this mark.
  markServerEntry(dev ? "dev" : "production");
  const app = next({ dev, dir: webDir(), hostname: config.host, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Responses not yet begun, so that a drain can still turn their keep-alive off.
  const unanswered = new Set<ServerResponse>();
  let closing = false;
  const server = createServer((request, response) => {
    setClientAddress(request, trustProxies);
    if (closing) response.shouldKeepAlive = false;
    unanswered.add(response);
    response.once("close", () => unanswered.delete(response));
    void handleWithPageOutage(response, () => handle(request, response));
  });

  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`web: ${signal}, draining`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // A keep-alive connection busy at this moment would otherwise stay open after its answer
    // until the idle timeout; "Connection: close" on that answer ends it at once and tells the
    // client not to send another request on it.
    for (const response of unanswered) {
      if (!response.headersSent) response.shouldKeepAlive = false;
    }
    // Past the bound, requests still running are cut off: not a clean stop, so not exit 0.
    setTimeout(() => {
      console.error("web: requests still in flight after 10 s, exiting");
      process.exit(1);
    }, 10_000).unref();
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
