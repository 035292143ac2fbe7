import { handleTokenRequest } from "@/lib/token/handle-token-request.ts";
import { getAuth, getTokenRateLimit, getTokenSettings } from "@/lib/server/services.ts";

// Signs with node:crypto and reads the session from the database: Node.js, never cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleTokenRequest(
    {
      getSession: (headers) => getAuth().api.getSession({ headers }),
      tokenSettings: getTokenSettings(),
      countTokenRequest: (userId) => getTokenRateLimit().count(userId),
    },
    request,
  );
}
