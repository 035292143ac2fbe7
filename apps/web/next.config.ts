import type { NextConfig } from "next";

/**
 * Sent with every response, pages and static files alike. The Content-Security-Policy is not
 * here: it carries a per-request nonce, so proxy.ts sets it (docs/decisions/019).
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

const nextConfig: NextConfig = {
  // The shared packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@ownlist/config", "@ownlist/contract", "@ownlist/db", "@ownlist/token"],
  poweredByHeader: false,
  reactStrictMode: true,
  headers() {
    return Promise.resolve([{ source: "/:path*", headers: SECURITY_HEADERS }]);
  },
};

export default nextConfig;
