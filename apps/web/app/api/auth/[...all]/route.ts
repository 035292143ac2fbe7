import { handleAuthRequest } from "@/lib/auth/handle-auth-request.ts";
import { getAuth } from "@/lib/server/services.ts";

// Better Auth at /api/auth/* (sign-up, sign-in, sign-out, session). Node.js for the database.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handle(request: Request): Promise<Response> {
  return handleAuthRequest(getAuth(), request);
}

export { handle as GET, handle as POST };
