import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApiTokenVerifier } from "@ownlist/token";
import { createVerifier } from "fast-jwt";
import { jwtVerify } from "jose";
import { writeMarkdown } from "./lib/markdown.ts";
import { type Candidate, measureCandidates } from "./lib/micro-bench.ts";
import { createRawHmacVerifier } from "./lib/raw-hmac.ts";
import { benchTokenSettings, mintTokens } from "./lib/tokens.ts";

/**
 * `npm run bench:token`: the api's token verifier (createApiTokenVerifier) beside the raw
 * `node:crypto` HMAC floor, bare fast-jwt and jose (async WebCrypto), on 1,000 distinct valid
 * tokens. Target (issue 7): the verifier within 1.5× of the floor. Prints and writes token.{json,md}.
 */
const TARGET_RATIO = 1.5;
const root = fileURLToPath(new URL("../..", import.meta.url));
const outputDir = process.env.BENCH_OUTPUT_DIR || join(root, "docs", "benchmarks");
const roundMs = Number(process.env.BENCH_TOKEN_ROUND_MS ?? 300);
const rounds = Number(process.env.BENCH_TOKEN_ROUNDS ?? 9);
const warmupMs = Number(process.env.BENCH_TOKEN_WARMUP_MS ?? 500);

const secret = randomBytes(32).toString("base64url");
const settings = benchTokenSettings(secret);
const ids = Array.from({ length: 1000 }, (_, index) => `bench-user-${index}`);
const tokens = mintTokens(settings, ids).map((user) => user.token);
const token = (index: number) => tokens[index % tokens.length]!;

const verifyApiToken = createApiTokenVerifier(settings);
const rawFloor = createRawHmacVerifier(secret);
const fastJwt: (token: string) => unknown = createVerifier({
  key: Buffer.from(secret, "utf8"),
  algorithms: ["HS256"],
  allowedIss: settings.issuer,
  allowedAud: settings.audience,
  cache: false,
});
const joseKey = new Uint8Array(Buffer.from(secret, "utf8"));
const joseOptions = { algorithms: ["HS256"], issuer: settings.issuer, audience: settings.audience };

const candidates: Candidate[] = [
  { name: "raw HMAC floor (node:crypto)", run: (i) => rawFloor(token(i)) },
  { name: "createApiTokenVerifier (@ownlist/token)", run: (i) => verifyApiToken(token(i)) },
  { name: "fast-jwt createVerifier, bare", run: (i) => fastJwt(token(i)) },
  {
    name: "jose jwtVerify (async WebCrypto)",
    run: (i) => jwtVerify(token(i), joseKey, joseOptions),
  },
];

async function main(): Promise<void> {
  // Measure only the success path: every candidate must accept the tokens.
  if (!rawFloor(token(0)) || !verifyApiToken(token(0)).ok || !fastJwt(token(0))) {
    throw new Error("a verifier refused a valid token: nothing to measure");
  }
  await jwtVerify(token(0), joseKey, joseOptions);

  const results = await measureCandidates(candidates, { rounds, roundMs, warmupMs });
  const floor = results[0]!.nsPerOp;
  const rows = results.map((result) => ({
    name: result.name,
    microsecondsPerVerify: Math.round(result.nsPerOp) / 1000,
    verifiesPerSecond: Math.round(result.opsPerSecond),
    vsFloor: Math.round((result.nsPerOp / floor) * 100) / 100,
  }));
  const ratio = rows[1]!.vsFloor;
  const verdict = `${ratio <= TARGET_RATIO ? "met" : "MISSED"}: createApiTokenVerifier is ${ratio}× the raw HMAC floor (target ≤ ${TARGET_RATIO}×)`;

  const table = [
    "| verifier | µs / verify | verifies/s | × floor |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.microsecondsPerVerify} | ${row.verifiesPerSecond} | ${row.vsFloor} |`,
    ),
  ].join("\n");
  console.log(`${table}\n\n${verdict}`);

  mkdirSync(outputDir, { recursive: true });
  const generatedAt = new Date().toISOString();
  const meta = { generatedAt, node: process.version, rounds, roundMs, tokens: tokens.length };
  writeFileSync(
    join(outputDir, "token.json"),
    `${JSON.stringify({ ...meta, rows, ratio }, null, 2)}\n`,
  );
  await writeMarkdown(
    join(outputDir, "token.md"),
    `# Token verification micro-benchmark\n\nWritten by \`npm run bench:token\` on ${generatedAt} (Node ${process.version}); median of ${rounds} interleaved rounds of ${roundMs} ms, 1,000 distinct valid tokens.\n\n${table}\n\n${verdict}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
