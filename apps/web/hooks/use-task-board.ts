"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createActivityTracker } from "@/lib/tasks/activity.ts";
import type { TaskDraft, TaskFields } from "@/lib/tasks/draft.ts";
import { loadDrafts, saveDraft, type StoredDrafts } from "@/lib/tasks/draft-store.ts";
import { displayedCounts, visibleTasks } from "@/lib/tasks/list-state.ts";
import { matchesFilters, matchesSearch } from "@/lib/tasks/order.ts";
import { ApiProblemError, describeError, isQuietError } from "@/lib/tasks/problem.ts";
import type { FirstPage } from "@/lib/tasks/first-page.ts";
import type { TasksClient } from "@/lib/tasks/tasks-client.ts";
import type { Task, TaskPatch } from "@/lib/tasks/types.ts";
import {
  type DeleteNotifier,
  UNDO_WINDOW_MS,
  useDeferredDeletes,
} from "@/hooks/use-deferred-deletes.ts";
import { useBulkComplete } from "@/hooks/use-bulk-complete.ts";
import { useTaskListLoader } from "@/hooks/use-task-list.ts";
import { useTaskMutations } from "@/hooks/use-task-mutations.ts";
import { useTaskQuery } from "@/hooks/use-task-query.ts";
import type { EditorStart } from "@/components/tasks/task-editor.tsx";
import { useLiveRefresh } from "@/hooks/use-live-refresh.ts";
import type { Announcement } from "@/components/tasks/announcer.tsx";
import { useToasts } from "@/components/tasks/toasts.tsx";
import { focusRow, useSelection } from "./use-selection.ts";

export interface EditingState {
  id: string;
  /** New for each opening: a reopened editor starts afresh from `initial`. */
  serial: number;
  /** Set when a save failed or a draft was restored: the editor opens with what was typed. */
  initial?: EditorStart;
}

const quote = (title: string) => `“${title.length > 40 ? `${title.slice(0, 39)}…` : title}”`;

/** Everything the task page does, wired together: data, optimistic changes, undo, selection. */
export function useTaskBoard(client: TasksClient, userId: string, firstPage: FirstPage | null) {
  const toasts = useToasts();
  const [query, setQuery] = useTaskQuery();
  const showError = useCallback(
    (message: string) => void toasts.show({ message, tone: "error" }),
    [toasts],
  );
  const [activity] = useState(createActivityTracker);
  const loader = useTaskListLoader(client, query, activity, showError, firstPage);
  const { state, dispatch, stateRef } = loader;
  const mutations = useTaskMutations({ client, activity, userId, dispatch, stateRef });
  const visible = useMemo(() => visibleTasks(state), [state]);
  const selection = useSelection(visible);
  const [editing, setEditing] = useState<EditingState | null>(null);
  const openings = useRef(0);
  const openEditor = useCallback((id: string, initial?: EditorStart) => {
    setEditing({ id, serial: ++openings.current, initial });
  }, []);
  const editingRef = useRef(editing);
  useEffect(() => {
    editingRef.current = editing;
  }, [editing]);
  const [confirming, setConfirming] = useState<Task | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  // Every change the person makes is said in a live region (docs/contract.md#tabs-states-and-text-on-the-task-page).
  const announce = useCallback(
    (text: string) => setAnnouncement((previous) => ({ text, count: (previous?.count ?? 0) + 1 })),
    [],
  );
  useLiveRefresh(loader.refresh, userId);

  // Drafts (decision 035): the open editor's fields are kept in this browser as they are typed, and
  // dropped once saved, cancelled or deleted.
  const rememberEdit = useCallback(
    (id: string, draft: TaskDraft) => saveDraft(userId, "edit", { id, draft }),
    [userId],
  );
  const forgetEdit = useCallback(
    (id: string) => {
      if (loadDrafts(userId).edit?.id === id) saveDraft(userId, "edit", undefined);
    },
    [userId],
  );
  // An editor left open by a reload, a crash or an expired session opens again, as it was, once
  // its task is in the list.
  const toRestore = useRef<StoredDrafts["edit"] | null | undefined>(undefined);
  useEffect(() => {
    if (toRestore.current === undefined) toRestore.current = loadDrafts(userId).edit ?? null;
    const wanted = toRestore.current;
    if (!wanted || !state.items.some((task) => task.id === wanted.id)) return;
    toRestore.current = null;
    openEditor(wanted.id, { draft: wanted.draft, errors: {}, restored: true });
  }, [openEditor, state.items, userId]);

  const notifier = useMemo<DeleteNotifier>(
    () => ({
      offerUndo: (message, undo, expire) =>
        toasts.show({
          message,
          durationMs: UNDO_WINDOW_MS,
          action: { label: "Undo", run: undo },
          onClose: (reason) => reason !== "action" && expire(),
        }),
      dismiss: (id) => toasts.dismiss(id),
      error: showError,
    }),
    [toasts, showError],
  );
  const { select } = selection;
  const onRestored = useCallback(
    (tasks: Task[]) => tasks[0] && select(tasks[0].id, true),
    [select],
  );
  const deletes = useDeferredDeletes({
    client,
    activity,
    dispatch,
    stateRef,
    notifier,
    settled: mutations.settled,
    refreshCounts: loader.refreshCounts,
    onRestored,
  });

  const notify = useCallback(
    (message: string, undo?: () => void) =>
      void toasts.show({ message, action: undo ? { label: "Undo", run: undo } : undefined }),
    [toasts],
  );
  const completeAll = useBulkComplete({
    client,
    activity,
    stateRef,
    dispatch,
    beforeCompleting: deletes.endClearWindows,
    refreshCounts: loader.refreshCounts,
    notify,
    error: showError,
  });

  const failed = useCallback(
    (what: string, error: unknown, retry?: () => void) => {
      if (isQuietError(error)) return;
      toasts.show({
        message: `${what} ${describeError(error)}`,
        tone: "error",
        action: retry ? { label: "Retry", run: retry } : undefined,
      });
    },
    [toasts],
  );

  const toggle = useCallback(
    async function toggleTask(task: Task): Promise<void> {
      const completed = !task.completed;
      if (completed) await deletes.endClearWindows();
      const result = await mutations.setCompleted(task, completed);
      if (result.ok) {
        const message = `${completed ? "Completed" : "Reopened"} ${quote(task.title)}.`;
        const current = stateRef.current.query;
        // Out of view now (completed under "Pending"): say so, with the way back.
        if (!matchesFilters(result.task, current)) {
          toasts.show({
            message,
            action: { label: "Undo", run: () => void toggleTask(result.task) },
          });
        } else {
          announce(message);
        }
      } else {
        const verb = completed ? "complete" : "reopen";
        failed(
          `Could not ${verb} ${quote(task.title)}.`,
          result.error,
          () => void toggleTask({ ...task }),
        );
      }
    },
    [announce, deletes, failed, mutations, stateRef, toasts],
  );

  const create = useCallback(
    async (fields: TaskFields) => {
      const result = await mutations.create(fields);
      const current = stateRef.current.query;
      if (
        result.ok &&
        matchesFilters(result.task, current) &&
        matchesSearch(result.task, current.q)
      ) {
        announce(`Added ${quote(result.task.title)}.`);
      } else if (result.ok) {
        toasts.show({
          message: `Added ${quote(result.task.title)}. Your filters hide it.`,
          action: {
            label: "Show all",
            run: () => setQuery({ status: "all", q: "", priority: null, tag: null }),
          },
        });
      }
      return result;
    },
    [announce, mutations, setQuery, stateRef, toasts],
  );

  const startEdit = useCallback(
    (task: Task) => {
      if (task.id.startsWith("temp-")) return;
      openEditor(task.id);
    },
    [openEditor],
  );

  const cancelEdit = useCallback(
    (refocus: boolean) => {
      if (editing) forgetEdit(editing.id);
      if (editing && refocus) focusRow(editing.id);
      setEditing(null);
    },
    [editing, forgetEdit],
  );

  const saveEdit = useCallback(
    async function saveTask(task: Task, patch: TaskPatch, draft: TaskDraft, refocus: boolean) {
      setEditing(null);
      if (refocus) focusRow(task.id);
      const result = await mutations.update(task, patch);
      if (result.ok) {
        forgetEdit(task.id);
        return announce(`Saved ${quote(result.task.title)}.`);
      }
      // Signed out or navigating away: the draft is kept in storage for when the person is back.
      if (isQuietError(result.error)) return;
      const errors = result.error instanceof ApiProblemError ? result.error.fieldErrors : {};
      const fieldBlamed = Object.keys(errors).length > 0;
      // Nothing typed is thrown away: the editor opens again with it, and says why.
      const initial: EditorStart = fieldBlamed
        ? { draft, errors }
        : { draft, errors, failure: describeError(result.error) };
      const reopen = () => openEditor(task.id, initial);
      const busyElsewhere = editingRef.current !== null && editingRef.current.id !== task.id;
      if (!busyElsewhere) reopen();
      if (fieldBlamed || busyElsewhere) {
        toasts.show({
          message: `Could not save ${quote(task.title)}. ${describeError(result.error)}`,
          tone: "error",
          action: busyElsewhere ? { label: "Edit again", run: reopen } : undefined,
        });
      }
    },
    [announce, forgetEdit, mutations, openEditor, toasts],
  );

  const remove = useCallback(
    (task: Task) => {
      forgetEdit(task.id);
      setEditing((current) => (current?.id === task.id ? null : current));
      setConfirming(null);
      deletes.remove(task);
    },
    [deletes, forgetEdit],
  );

  return {
    query,
    setQuery,
    state,
    visible,
    counts: displayedCounts(state),
    selection,
    editing,
    announcement,
    confirming,
    setConfirming,
    reload: loader.reload,
    loadMore: loader.loadMore,
    create,
    toggle,
    startEdit,
    cancelEdit,
    saveEdit,
    rememberEdit,
    remove,
    clearCompleted: deletes.clearCompleted,
    completeAll,
    undoLast: deletes.undoLast,
  };
}
