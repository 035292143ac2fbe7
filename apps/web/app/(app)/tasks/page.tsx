import type { Metadata } from "next";
import { Suspense } from "react";
import { SignedInTaskBoard } from "@/components/tasks/signed-in-task-board.tsx";
import { TaskSkeleton } from "@/components/tasks/task-skeleton.tsx";

export const metadata: Metadata = { title: "Tasks · Ownlist" };

/** The task list. Its filters live in the URL, read on the client (hence the Suspense boundary). */
export default function TasksPage() {
  return (
    <Suspense fallback={<TaskSkeleton />}>
      <SignedInTaskBoard />
    </Suspense>
  );
}
