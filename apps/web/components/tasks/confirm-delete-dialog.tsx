"use client";

import { useRef } from "react";
import type { Task } from "@/lib/tasks/types.ts";
import { ModalDialog } from "./modal-dialog.tsx";
import { dangerButton, secondaryButton } from "./styles.ts";

interface ConfirmDeleteDialogProps {
  task: Task | null;
  onDelete: (task: Task) => void;
  onKeep: () => void;
}

/** Asked when an edit empties a title (TodoMVC deletes outright; a question is kinder). */
export function ConfirmDeleteDialog({ task, onDelete, onKeep }: ConfirmDeleteDialogProps) {
  const keepRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog
      open={task !== null}
      title="Delete this task?"
      onClose={onKeep}
      initialFocus={keepRef}
      role="alertdialog"
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">
        A task needs a title. Delete “{task?.title}” instead? You can undo for a few seconds.
      </p>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <button ref={keepRef} type="button" onClick={onKeep} className={secondaryButton}>
          Keep editing
        </button>
        <button type="button" onClick={() => task && onDelete(task)} className={dangerButton}>
          Delete task
        </button>
      </div>
    </ModalDialog>
  );
}
