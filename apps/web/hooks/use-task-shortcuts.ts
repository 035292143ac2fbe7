"use client";

import { useEffect, useRef } from "react";
import { commandForKey, isTypingTarget, type ShortcutCommand } from "@/lib/tasks/shortcuts.ts";

/**
 * Listens for the task page's shortcuts on the whole document. `rowId` is the task whose row
 * (or a control in it) has focus, when one does. Keys are ignored while a dialog is open: the
 * dialog owns the keyboard then.
 */
export function useTaskShortcuts(
  onCommand: (command: ShortcutCommand, rowId: string | null) => void,
): void {
  const handler = useRef(onCommand);
  useEffect(() => {
    handler.current = onCommand;
  }, [onCommand]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector("dialog[open]")) return;
      const target = event.target instanceof HTMLElement ? event.target : document.body;
      const row = target.closest<HTMLElement>("[data-task-id]");
      const command = commandForKey({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        typing: isTypingTarget({
          tagName: target.tagName,
          type: (target as HTMLInputElement).type,
          isContentEditable: target.isContentEditable,
          inForm: target.closest("form") !== null,
        }),
        onRow: target.hasAttribute("data-task-id"),
        inList: row !== null,
      });
      if (!command) return;
      event.preventDefault();
      handler.current(command, row?.dataset.taskId ?? null);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
