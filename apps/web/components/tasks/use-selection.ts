"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Task } from "@/lib/tasks/types.ts";

/** Moves focus to a task's row once it is on screen. */
export function focusRow(id: string): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(id)}"]`)?.focus();
  });
}

/**
 * The selected task (the keyboard's cursor). When it leaves the list (deleted, completed under
 * "Pending", filtered away), its neighbour takes over, and focus follows if it was lost with it.
 */
export function useSelection(visible: Task[]) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const lastIndex = useRef(0);

  const index = activeId === null ? -1 : visible.findIndex((task) => task.id === activeId);
  if (index >= 0) lastIndex.current = index;

  useEffect(() => {
    if (activeId === null || visible.some((task) => task.id === activeId)) return;
    const neighbour = visible[Math.min(lastIndex.current, visible.length - 1)] ?? null;
    setActiveId(neighbour?.id ?? null);
    const focusLost = document.activeElement === document.body || document.activeElement === null;
    if (neighbour && focusLost) focusRow(neighbour.id);
  }, [activeId, visible]);

  const select = useCallback((id: string, focus = false) => {
    setActiveId(id);
    if (focus) focusRow(id);
  }, []);

  return { activeId, index, select };
}
