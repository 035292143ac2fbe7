/**
 * The Content-Security-Policy of every page web renders (docs/decisions/019). proxy.ts builds it
 * per request with a fresh nonce; Next.js reads the nonce back from the request's copy of the
 * header and puts it on the scripts it emits, so only those scripts (and what they load, through
 * 'strict-dynamic') run.
 */
export const CONTENT_SECURITY_POLICY_HEADER = "Content-Security-Policy";

export interface PolicyOptions {
  /** This response's nonce (createNonce()); never reused. */
  nonce: string;
  /** The api's origin: the browser calls it directly with a Bearer token. */
  apiOrigin: string;
  /** `next dev`: React rebuilds server error stacks with eval, and styles arrive inline for hot reload. */
  development: boolean;
  /** Web is served over https: make any stray http:// subresource https (never set on plain http, which it would break). */
  upgradeInsecureRequests: boolean;
}

/** 128 random bits, base64: unguessable, and a valid CSP nonce-source. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy(options: PolicyOptions): string {
  const { nonce, apiOrigin, development } = options;
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic': Next's nonce'd bootstrap loads the page's chunks; host lists are ignored
    // by browsers that know it, 'self' stays for those that do not.
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", apiOrigin],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  const policy = Object.entries(directives).map(
    ([name, sources]) => `${name} ${sources.join(" ")}`,
  );
  if (options.upgradeInsecureRequests) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}
