import type { TaskCounts, TaskPage } from "./tasks-client.ts";

/**
 * What the task page's server render hands to the browser
 * (docs/contract.md#first-page-on-the-server): the first page of the list for the query in the
 * URL, the person's counts, the API token it was read with, and the date the rows were rendered
 * for. Plain JSON: it travels in the page's own HTML, which is never cached.
 */
export interface FirstPage {
  /** The query these rows answer, serialized as the URL writes it (`serializeTaskQuery`). */
  queryKey: string;
  page: TaskPage;
  counts: TaskCounts;
  /** The token the server minted; the browser's token manager starts with it. */
  token: { token: string; lifetimeMs: number };
  /** The date the server rendered due labels against (its own zone): "today" while hydrating. */
  today: string;
}
