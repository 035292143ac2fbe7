import type { Metadata } from "next";

export const metadata: Metadata = { title: "Tasks · Ownlist" };

/** Placeholder: the task list UI replaces this page. */
export default function TasksPage() {
  return <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>;
}
