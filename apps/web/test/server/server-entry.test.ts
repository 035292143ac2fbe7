import { afterEach, describe, expect, it } from "vitest";
import {
  markServerEntry,
  runsDevServer,
  startedThroughServerEntry,
} from "../../lib/server/server-entry.ts";

const SERVER_ENTRY = Symbol.for("ownlist.web.server-entry");
const globals = globalThis as Record<symbol, unknown>;

afterEach(() => {
  delete globals[SERVER_ENTRY];
});

/** What the proxy's Content-Security-Policy relaxes for: Next's dev server, never NODE_ENV. */
describe("the server-entry mark", () => {
  it("is absent until server.ts sets it: no entry, no dev server", () => {
    expect(startedThroughServerEntry()).toBe(false);
    expect(runsDevServer()).toBe(false);
  });

  it("marks a production server as started through server.ts and not as a dev server", () => {
    markServerEntry("production");
    expect(startedThroughServerEntry()).toBe(true);
    expect(runsDevServer()).toBe(false);
  });

  it("marks server.ts --dev as the dev server", () => {
    markServerEntry("dev");
    expect(startedThroughServerEntry()).toBe(true);
    expect(runsDevServer()).toBe(true);
  });
});
