"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Task } from "@/lib/tasks/types.ts";

const findRow = (id: string) =>
  document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(id)}"]`);

/**
 * Moves focus to a task's row once it is on screen (after the frame, so that an editor being
 * closed unmounts before it would lose focus — a blur saves).
 */
export function focusRow(id: string): void {
  requestAnimationFrame(() => findRow(id)?.focus());
}

/**
 * The selected task (the keyboard's cursor). When it leaves the list (deleted, completed under
 * "Pending", filtered away), its neighbour takes over, and focus follows if it was lost with it.
 */
export function useSelection(visible: Task[]) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const lastIndex = useRef(0);

  const index = activeId === null ? -1 : visible.findIndex((task) => task.id === activeId);

  useEffect(() => {
    // Remembered after the render (a ref is not written while rendering), for the render in
    // which the selected task has gone.
    if (index >= 0) lastIndex.current = index;
    if (activeId === null || index >= 0) return;
    const neighbour = visible[Math.min(lastIndex.current, visible.length - 1)] ?? null;
    setActiveId(neighbour?.id ?? null);
    const focusLost = document.activeElement === document.body || document.activeElement === null;
    if (neighbour && focusLost) focusRow(neighbour.id);
  }, [activeId, index, visible]);

  const select = useCallback((id: string, focus = false) => {
    setActiveId(id);
    if (focus) focusRow(id);
  }, []);

  /**
   * Keyboard navigation between rows already on screen focuses at once: a second key press in
   * the same frame then starts from the new row instead of being lost (j j moved one row).
   */
  const moveTo = useCallback((id: string) => {
    setActiveId(id);
    const row = findRow(id);
    if (row) row.focus();
    else focusRow(id);
  }, []);

  return { activeId, index, select, moveTo };
}
