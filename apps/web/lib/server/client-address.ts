import type { IncomingMessage } from "node:http";

/**
 * The X-Forwarded-For value Better Auth should see for a request, so that its rate limiter and
 * session records use the real client address (docs/decisions/006):
 *
 * - no trusted proxy configured: exactly the socket's peer address. Whatever the client sent is
 *   dropped, so nobody can pick a fresh address per request to escape the limiter.
 * - trusted proxies configured: the chain the client side sent, with the peer appended, as a proxy
 *   would. Better Auth walks it from the right, skips hops in TRUSTED_PROXIES and takes the first
 *   other address; a client that connects directly is therefore still identified by its socket.
 */
export function forwardedForValue(
  received: string | string[] | undefined,
  peer: string | undefined,
  trustProxies: boolean,
): string | undefined {
  if (!peer) return undefined;
  if (!trustProxies) return peer;
  const chain = (Array.isArray(received) ? received.join(",") : (received ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return [...chain, peer].join(", ");
}

/** Rewrites the request's X-Forwarded-For in place, before Next.js sees the request. */
export function setClientAddress(request: IncomingMessage, trustProxies: boolean): void {
  const value = forwardedForValue(
    request.headers["x-forwarded-for"],
    request.socket.remoteAddress,
    trustProxies,
  );
  if (value === undefined) delete request.headers["x-forwarded-for"];
  else request.headers["x-forwarded-for"] = value;
}
