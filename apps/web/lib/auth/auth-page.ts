import "server-only";
import { redirect } from "next/navigation";
import { getCurrentUser } from "../server/session.ts";
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from "./safe-next-path.ts";

export type AuthPageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * What the sign-in and sign-up pages share: the safe `next` destination, the links between the
 * two pages carrying it along, and sending people who are already signed in straight on.
 */
export async function prepareAuthPage(searchParams: AuthPageSearchParams) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  const carry = next === DEFAULT_AFTER_SIGN_IN ? "" : `?next=${encodeURIComponent(next)}`;
  return { next, signInHref: `/sign-in${carry}`, signUpHref: `/sign-up${carry}` };
}
