import { describe, expect, it } from "vitest";
import {
  FIXED_SECURITY_HEADERS,
  strictTransportSecurity,
} from "../../lib/security/security-headers.ts";
import nextConfig from "../../next.config.ts";

// What a running web sends is checked in a browser by e2e/content-security-policy.test.ts (over
// http); these pin what only the configuration changes.
describe("web's fixed security headers", () => {
  it("are what next.config.ts sends on every path", async () => {
    const rules = await nextConfig.headers?.();
    expect(rules).toEqual([{ source: "/:path*", headers: [...FIXED_SECURITY_HEADERS] }]);
  });

  it("deny camera, microphone, geolocation and the other powerful features", () => {
    const headers = Object.fromEntries(FIXED_SECURITY_HEADERS.map((h) => [h.key, h.value]));
    const denied = (headers["Permissions-Policy"] ?? "").split(", ");
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(denied).toContain(`${feature}=()`);
    }
    expect(denied.every((entry) => entry.endsWith("=()"))).toBe(true);
    expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin");
  });
});

describe("strictTransportSecurity", () => {
  it("is sent for an https WEB_ORIGIN, for two years, subdomains included", () => {
    expect(strictTransportSecurity("https://todo.example.com")).toBe(
      "max-age=63072000; includeSubDomains",
    );
  });

  it("is never sent over plain http (it would lock browsers out of the site)", () => {
    expect(strictTransportSecurity("http://localhost:3000")).toBeUndefined();
  });
});
