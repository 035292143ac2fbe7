import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER, requestPathOf } from "./lib/request-path.ts";

/**
 * Tells server layouts which path was requested (see lib/request-path.ts). Authentication itself
 * happens in the (app) layout against the database, not here: a cookie's presence proves nothing.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, requestPathOf(request.nextUrl));
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
