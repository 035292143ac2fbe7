import type { NextConfig } from "next";
import { FIXED_SECURITY_HEADERS } from "./lib/security/security-headers.ts";

const nextConfig: NextConfig = {
  // The shared packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@ownlist/config", "@ownlist/contract", "@ownlist/db", "@ownlist/token"],
  poweredByHeader: false,
  reactStrictMode: true,
  headers() {
    // Every response, pages and static files alike. The Content-Security-Policy and
    // Strict-Transport-Security are not here: they depend on the request or on WEB_ORIGIN at run
    // time, so proxy.ts sets them (docs/decisions/019).
    return Promise.resolve([{ source: "/:path*", headers: [...FIXED_SECURITY_HEADERS] }]);
  },
};

export default nextConfig;
