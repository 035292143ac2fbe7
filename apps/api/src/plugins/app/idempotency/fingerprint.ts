import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import stringify from "safe-stable-stringify";

/**
 * What makes two keyed requests "the same request" (docs/contract.md#idempotency-key): the
 * method, the route, its parameters and the body as validated and normalized, with object keys
 * sorted — so neither the path's percent-encoding, the body's key order nor its whitespace
 * matter, and a trimmed title equals its untrimmed spelling, as it does when stored. A file
 * (an import's body, read as bytes) counts by its own SHA-256. SHA-256: a fixed size to store
 * whatever the body.
 */
export function fingerprintOf(request: FastifyRequest): string {
  const body = Buffer.isBuffer(request.body) ? sha256(request.body) : request.body;
  const canonical = stringify([
    request.method,
    request.routeOptions.url,
    request.params,
    body ?? null,
  ]);
  return sha256(canonical);
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
