import type { Metadata } from "next";
import { SignedInTaskBoard } from "@/components/tasks/signed-in-task-board.tsx";
import { loadFirstPage } from "@/lib/server/first-page.ts";
import { getCurrentUser } from "@/lib/server/session.ts";

export const metadata: Metadata = { title: "Tasks · Ownlist" };

/**
 * The task list. Its first page is read from the api on the server and rendered into the HTML
 * (docs/contract.md#first-page-on-the-server); the browser hydrates it without asking again.
 * Its filters live in the URL, read on the server here and on the client by `useTaskQuery`.
 */
export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The layout sends a signed-out visitor to sign-in; this is the same (cached) lookup.
  const user = await getCurrentUser();
  if (!user) return null;
  const firstPage = await loadFirstPage(user, await searchParams);
  // No Suspense boundary: the page is rendered per request (never prerendered), so reading the
  // URL on the client does not suspend, and a boundary would stream the rows after a skeleton,
  // behind a script, instead of in the HTML itself.
  return <SignedInTaskBoard firstPage={firstPage} />;
}
