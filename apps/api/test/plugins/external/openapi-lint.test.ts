import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../helper.ts";

const t = build();
const redoclyCli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
const config = fileURLToPath(new URL("../../../../../redocly.yaml", import.meta.url));
let workDir: string | undefined;
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: {
    ruleId: string;
    severity: string;
    message: string;
    location: { pointer: string }[];
  }[];
}

/** Redocly CLI's own verdict on a document, with the repository's redocly.yaml. */
async function lint(document: string): Promise<LintReport> {
  workDir ??= await mkdtemp(join(tmpdir(), "ownlist-openapi-"));
  const file = join(workDir, "openapi.json");
  await writeFile(file, document);
  const run = promisify(execFile);
  // Exit status 1 means "problems found": the report on stdout says which, so read it either way.
  const output = await run(
    process.execPath,
    [redoclyCli, "lint", file, "--config", config, "--format", "json"],
    {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  return JSON.parse(output.stdout) as LintReport;
}

const summary = (report: LintReport) =>
  report.problems.map(
    (problem) => `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer}`,
  );

describe("/openapi.json under Redocly's recommended rules", () => {
  it("has no errors and no warnings (exceptions are argued in redocly.yaml)", async () => {
    const response = await t.app.inject({ method: "GET", url: "/openapi.json" });
    const report = await lint(response.body);
    expect(summary(report)).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  it("still reports what the rules exist for: an operation without security or a 4XX", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    delete document.paths["/ready"].get.security;
    delete document.paths["/api/{user_id}/tasks/{task_id}"].get.operationId;
    const read = document.paths["/api/{user_id}/tasks/{task_id}"].get;
    for (const status of Object.keys(read.responses)) {
      if (status.startsWith("4")) delete read.responses[status];
    }
    const report = await lint(JSON.stringify(document));
    expect(summary(report).sort()).toEqual([
      "error security-defined #/paths/~1ready/get",
      "warn operation-operationId #/paths/~1api~1{user_id}~1tasks~1{task_id}/get/operationId",
      "warn rule/api-operation-4xx-response #/paths/~1api~1{user_id}~1tasks~1{task_id}/get/responses",
    ]);
  });
});
