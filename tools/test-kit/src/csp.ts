import type { BrowserContext } from "playwright-core";

/** One Content-Security-Policy violation the browser reported: the directive and what it blocked. */
export interface CspViolation {
  directive: string;
  blocked: string;
}

/**
 * Records every CSP violation in the context's pages (the browser fires `securitypolicyviolation`
 * for each one it blocks), from before the first script of each page runs. The array fills as
 * the pages run.
 */
export async function watchCspViolations(context: BrowserContext): Promise<CspViolation[]> {
  const violations: CspViolation[] = [];
  await context.exposeBinding("reportCspViolation", (_source, violation: CspViolation) => {
    violations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (v: CspViolation) => void })
        .reportCspViolation;
      report({ directive: event.effectiveDirective, blocked: event.blockedURI });
    });
  });
  return violations;
}
