import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * The most common passwords, offline: zxcvbn-ts's "passwords-common" list (about 49,000 entries
 * from leaked-password corpora, lower case), shipped in the `@zxcvbn-ts/language-common` npm
 * package. Server-only: the list is too large for the browser bundle, so the form learns of a
 * common password from the server's answer (PASSWORD_TOO_COMMON).
 */
let common: Set<string> | undefined;

/** True when the password, in any letter case, is on the list. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"]);
  return common.has(password.toLowerCase());
}
