import { createHmac } from "node:crypto";

/**
 * Builds arbitrary compact JWS strings — including ones no honest library would produce — so
 * the verifier can be tested against an attacker's inputs.
 */
export function forgeToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown> | string,
  secret: string,
  algorithm: "sha256" | "sha384" | "sha512" = "sha256",
): string {
  const encode = (value: unknown) =>
    Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = createHmac(algorithm, Buffer.from(secret, "utf8"))
    .update(input)
    .digest("base64url");
  return `${input}.${signature}`;
}
