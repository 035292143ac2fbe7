import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER, requestPathOf } from "./lib/request-path.ts";
import {
  CONTENT_SECURITY_POLICY_HEADER,
  contentSecurityPolicy,
  createNonce,
  type PolicyOptions,
} from "./lib/security/content-security-policy.ts";
import {
  STRICT_TRANSPORT_SECURITY_HEADER,
  strictTransportSecurity,
} from "./lib/security/security-headers.ts";
import { getConfig } from "./lib/server/config.ts";
import { runsDevServer } from "./lib/server/server-entry.ts";

/**
 * Runs before every page:
 * - tells server layouts which path was requested (see lib/request-path.ts). Authentication
 *   itself happens in the (app) layout against the database, not here: a cookie's presence
 *   proves nothing;
 * - gives the page a Content-Security-Policy with a fresh nonce (lib/security). The request's
 *   copy is the one Next.js reads the nonce from while rendering; the response's copy is the one
 *   the browser enforces;
 * - under https (WEB_ORIGIN), Strict-Transport-Security (lib/security/security-headers.ts).
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy({ nonce: createNonce(), ...fixedPolicyOptions() });

  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, requestPathOf(request.nextUrl));
  headers.set(CONTENT_SECURITY_POLICY_HEADER, policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(CONTENT_SECURITY_POLICY_HEADER, policy);
  const hsts = fixedPolicyOptions().strictTransportSecurity;
  if (hsts) response.headers.set(STRICT_TRANSPORT_SECURITY_HEADER, hsts);
  return response;
}

/** What the policy takes from the configuration, which does not change: worked out once. */
type FixedOptions = Omit<PolicyOptions, "nonce"> & { strictTransportSecurity: string | undefined };
let fixedOptions: FixedOptions | undefined;
function fixedPolicyOptions(): FixedOptions {
  if (!fixedOptions) {
    const { apiUrl, webOrigin } = getConfig();
    fixedOptions = {
      apiOrigin: new URL(apiUrl).origin,
      development: runsDevServer(),
      upgradeInsecureRequests: new URL(webOrigin).protocol === "https:",
      strictTransportSecurity: strictTransportSecurity(webOrigin),
    };
  }
  return fixedOptions;
}

// Everything but build output and icons: the api routes too, because an unknown /api/… path is
// answered with Next's HTML 404 page, which needs its nonce like any other page.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
