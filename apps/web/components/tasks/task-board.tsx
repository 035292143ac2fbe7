"use client";

import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { isNarrowed } from "@/lib/tasks/query.ts";
import { moveSelection, type ShortcutCommand } from "@/lib/tasks/shortcuts.ts";
import type { FirstPage } from "@/lib/tasks/first-page.ts";
import type { TasksClient } from "@/lib/tasks/tasks-client.ts";
import type { Task } from "@/lib/tasks/types.ts";
import { Announcer } from "./announcer.tsx";
import { ConfirmDeleteDialog } from "./confirm-delete-dialog.tsx";
import { KeyboardIcon } from "./icons.tsx";
import { secondaryButton } from "./styles.ts";
import { TaskAddForm } from "./task-add-form.tsx";
import { TaskEditor } from "./task-editor.tsx";
import { type EmptyKind, TaskEmptyState } from "./task-empty-state.tsx";
import { TaskFilters } from "./task-filters.tsx";
import { TaskList } from "./task-list.tsx";
import { TaskSkeleton } from "./task-skeleton.tsx";
import { TaskSummary } from "./task-summary.tsx";
import { useKnownTags } from "@/hooks/use-known-tags.ts";
import { useLocalToday } from "@/hooks/use-local-today.ts";
import { useTaskBoard } from "@/hooks/use-task-board.ts";
import { useTaskShortcuts } from "@/hooks/use-task-shortcuts.ts";

/** The shortcuts dialog, loaded when first opened: the first load neither runs nor hydrates it. */
const HelpDialog = lazy(() =>
  import("./help-dialog.tsx").then((module) => ({ default: module.HelpDialog })),
);

/**
 * The task page: add, filter, list, edit, with every action also on the keyboard. `firstPage`
 * is the list as the server rendered it (docs/contract.md#first-page-on-the-server), or null.
 */
export function TaskBoard({
  client,
  userId,
  firstPage,
}: {
  client: TasksClient;
  userId: string;
  firstPage: FirstPage | null;
}) {
  const board = useTaskBoard(client, userId, firstPage);
  const { query, setQuery, state, visible, counts, selection, editing } = board;
  const [helpOpen, setHelpOpen] = useState(false);
  const [helpLoaded, setHelpLoaded] = useState(false);
  const openHelp = useCallback(() => {
    setHelpLoaded(true);
    setHelpOpen(true);
  }, []);
  const addRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const editorTitleRef = useRef<HTMLInputElement>(null);
  const knownTags = useKnownTags(client, state.items, state.counts);
  const today = useLocalToday(firstPage?.today);

  // The editor takes focus when it opens (by click, double-click, `e` or a refused save).
  useEffect(() => {
    if (editing) editorTitleRef.current?.focus();
  }, [editing]);

  const onCommand = useCallback(
    (command: ShortcutCommand, rowId: string | null) => {
      const target = visible.find((task) => task.id === (rowId ?? selection.activeId));
      const current = rowId ? visible.findIndex((task) => task.id === rowId) : selection.index;
      const move = (step: number) => {
        // From outside the list, the first press lands on the selected row instead of moving.
        if (rowId === null && target) return selection.select(target.id, true);
        const next = visible[moveSelection(visible.length, current, step)];
        if (next) selection.moveTo(next.id);
      };
      switch (command) {
        case "new":
          return addRef.current?.focus();
        case "search":
          return searchRef.current?.select();
        case "help":
          return openHelp();
        case "next":
          return move(1);
        case "previous":
          return move(-1);
        case "first":
          return move(-Infinity);
        case "last":
          return move(Infinity);
        case "undo":
          return void board.undoLast();
        case "toggle":
          return target && void board.toggle(target);
        case "edit":
          return target && board.startEdit(target);
        case "delete":
          return target && board.remove(target);
      }
    },
    [board, openHelp, selection, visible],
  );
  useTaskShortcuts(onCommand);

  const emptyKind: EmptyKind = isNarrowed(query)
    ? "no-match"
    : query.status === "pending" && (counts?.completed ?? 0) > 0
      ? "all-done"
      : query.status === "completed" && (counts?.pending ?? 0) > 0
        ? "none-completed"
        : "fresh";
  // A new person sees the add form and a welcome, not filters for a list that does not exist.
  const nothingYet =
    counts !== null &&
    counts.pending + counts.completed === 0 &&
    visible.length === 0 &&
    query.status === "all" &&
    !isNarrowed(query);
  const showAll = () => setQuery({ status: "all", q: "", priority: null, tag: null });

  const renderEditor = (task: Task) => (
    <TaskEditor
      key={`${task.id}-${editing?.serial}`}
      task={task}
      initial={editing?.initial}
      titleRef={editorTitleRef}
      confirming={board.confirming !== null}
      onSave={board.saveEdit}
      onCancel={board.cancelEdit}
      onEmptyTitle={board.setConfirming}
      onDraft={board.rememberEdit}
    />
  );

  return (
    <div className="space-y-5">
      <div className="flex items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>
        {/* Keyboard help is for keyboards: not shown on phones (the ? key still opens it). */}
        <div className="hidden sm:block">
          <button
            type="button"
            onClick={openHelp}
            className={secondaryButton}
            aria-keyshortcuts="?"
          >
            <KeyboardIcon />
            Shortcuts
          </button>
        </div>
      </div>
      {nothingYet ? null : (
        <TaskSummary
          counts={counts}
          onClearCompleted={board.clearCompleted}
          onCompleteAll={board.completeAll}
        />
      )}
      <TaskAddForm userId={userId} onCreate={board.create} titleRef={addRef} />
      {nothingYet ? null : (
        <TaskFilters
          query={query}
          setQuery={setQuery}
          counts={counts}
          knownTags={knownTags}
          searchRef={searchRef}
        />
      )}
      <section aria-label="Task list">
        {/* Never rows of another query, nor an empty box, when the list could not load. */}
        {state.phase === "error" ? (
          <div
            role="alert"
            className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
          >
            <p>Could not load your tasks. {state.error}</p>
            <p className="mt-1">Ownlist keeps trying, and the list comes back by itself.</p>
            <button type="button" onClick={board.reload} className={`mt-3 ${secondaryButton}`}>
              Try again
            </button>
          </div>
        ) : state.phase === "loading" && state.items.length === 0 ? (
          <TaskSkeleton />
        ) : visible.length === 0 && state.phase === "ready" && !state.hasMore ? (
          <TaskEmptyState
            kind={emptyKind}
            search={query.q}
            onStartAdding={() => addRef.current?.focus()}
            onClearFilters={() => setQuery({ q: "", priority: null, tag: null })}
            onShowAll={showAll}
          />
        ) : (
          // No Suspense boundary around the rows: React's server renderer sends a large boundary
          // after the rest of the page, hidden until a script reveals it, which delays their paint
          // and hides them without JavaScript (docs/contract.md#first-page-on-the-server).
          <TaskList
            tasks={visible}
            today={today}
            stale={state.phase === "loading"}
            activeId={selection.activeId}
            editingId={editing?.id ?? null}
            renderEditor={renderEditor}
            onActivate={selection.select}
            onToggle={(task) => void board.toggle(task)}
            onEdit={board.startEdit}
            onDelete={board.remove}
            onTagClick={(tag) => setQuery({ tag })}
            hasMore={state.hasMore}
            loadingMore={state.loadingMore}
            remaining={Math.max(0, state.total - visible.length)}
            onLoadMore={board.loadMore}
          />
        )}
      </section>
      <Announcer announcement={board.announcement} />
      {helpLoaded ? (
        <Suspense fallback={null}>
          <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
        </Suspense>
      ) : null}
      <ConfirmDeleteDialog
        task={board.confirming}
        onDelete={board.remove}
        onKeep={() => {
          board.setConfirming(null);
          requestAnimationFrame(() => editorTitleRef.current?.focus());
        }}
      />
    </div>
  );
}
