import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The shared packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@ownlist/config", "@ownlist/contract", "@ownlist/db", "@ownlist/token"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
