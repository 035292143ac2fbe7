import Bowser from "bowser";

/**
 * "Firefox 133 on Windows 10" from a session's User-Agent, with bowser (MIT, maintained; the
 * choice is docs/decisions/034). Never a home-made regex: user agents change every release.
 */
export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return "An unknown browser";
  const { browser, os } = Bowser.parse(userAgent);
  const name = browser.name ? [browser.name, majorVersion(browser.version)].filter(Boolean) : [];
  const system = os.name
    ? [os.name, os.versionName ?? majorVersion(os.version)].filter(Boolean)
    : [];
  const browserWords = name.length > 0 ? name.join(" ") : "An unknown browser";
  return system.length > 0 ? `${browserWords} on ${system.join(" ")}` : browserWords;
}

function majorVersion(version: string | undefined): string | undefined {
  return version?.split(".")[0] || undefined;
}
