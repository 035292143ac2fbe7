/**
 * Response headers besides the Content-Security-Policy (docs/decisions/019 and issue 11 item 9).
 * The fixed ones go on every response through next.config.ts; Strict-Transport-Security depends
 * on WEB_ORIGIN, known only at run time, so proxy.ts adds it.
 */

/**
 * Powerful features no Ownlist page uses, denied to the page and to anything it might embed: an
 * injected script cannot ask for the camera or the location. Only features Chromium knows are
 * listed (an unknown one is a console error).
 */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** Sent with every response, pages and static files alike (next.config.ts). */
export const FIXED_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  // A window Ownlist opens, or that opens Ownlist, gets no handle on it (no window.opener tricks,
  // no cross-window leaks).
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export const STRICT_TRANSPORT_SECURITY_HEADER = "Strict-Transport-Security";

/**
 * Under https only (a plain-http deployment would lock its browsers out for the max-age): two
 * years, subdomains included. No `preload`: that is a list an operator opts into on their own.
 */
export function strictTransportSecurity(webOrigin: string): string | undefined {
  return new URL(webOrigin).protocol === "https:"
    ? "max-age=63072000; includeSubDomains"
    : undefined;
}
