import { describe, expect, it } from "vitest";
import { isPostgresWriteAfterCloseRace } from "../src/driver-races.ts";

describe("isPostgresWriteAfterCloseRace", () => {
  const race = Object.assign(new TypeError("Cannot read properties of null (reading 'write')"), {
    stack:
      "TypeError: Cannot read properties of null (reading 'write')\n    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)",
  });

  it("recognises postgres.js writing to a socket the database already closed", () => {
    expect(isPostgresWriteAfterCloseRace(race)).toBe(true);
    expect(isPostgresWriteAfterCloseRace({ message: race.message, stack: race.stack })).toBe(true);
  });

  it("lets every other error through", () => {
    expect(isPostgresWriteAfterCloseRace(new TypeError(race.message))).toBe(false);
    expect(
      isPostgresWriteAfterCloseRace(Object.assign(new TypeError("other"), { stack: race.stack })),
    ).toBe(false);
    expect(isPostgresWriteAfterCloseRace(null)).toBe(false);
    expect(isPostgresWriteAfterCloseRace("nextWrite")).toBe(false);
  });
});
