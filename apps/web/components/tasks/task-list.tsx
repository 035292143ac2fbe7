"use client";

import {
  defaultRangeExtractor,
  type Range,
  useWindowVirtualizer,
  type VirtualItem,
} from "@tanstack/react-virtual";
import {
  memo,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { Task } from "@/lib/tasks/types.ts";
import { type TaskRowActions, TaskRow } from "./task-row.tsx";
import { secondaryButton } from "./styles.ts";

interface TaskListProps extends TaskRowActions {
  tasks: Task[];
  today: string;
  /** Rows from the previous query stay, dimmed, until the new ones arrive. */
  stale: boolean;
  activeId: string | null;
  editingId: string | null;
  /** The editor for the row being edited. */
  renderEditor: (task: Task) => ReactNode;
  onActivate: (id: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  remaining: number;
  onLoadMore: () => Promise<void>;
}

/**
 * The rows, one tab stop for the whole list (roving tabindex: the selected row is focusable,
 * arrows and j/k move between rows), and the next page loaded as its end scrolls into view —
 * with a button for the same, for keyboards and for browsers that scroll differently.
 */
export function TaskList(props: TaskListProps) {
  const { tasks, today, stale, activeId, editingId, renderEditor, onActivate } = props;
  const actions = useStableActions(props);
  const focusable = tasks.some((task) => task.id === activeId) ? activeId : (tasks[0]?.id ?? null);
  const listRef = useRef<HTMLUListElement>(null);
  const scrollMargin = useDocumentTop(listRef);
  const focusableIndex = focusable === null ? -1 : tasks.findIndex((task) => task.id === focusable);
  const editingIndex = editingId === null ? -1 : tasks.findIndex((task) => task.id === editingId);
  // Set size: every task of the query, the pages not loaded yet included.
  const setSize = tasks.length + (props.hasMore ? props.remaining : 0);

  // Rows are windowed past WINDOW_FROM (decision 043): only those near the viewport are in the
  // document, plus the row in the tab order and the one being edited, so that focus and an
  // open editor never lose their element while the page scrolls.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes =
        range.count <= WINDOW_FROM
          ? Array.from({ length: range.count }, (_, index) => index)
          : defaultRangeExtractor(range);
      for (const pinned of [focusableIndex, editingIndex]) {
        if (pinned >= 0 && !indexes.includes(pinned)) indexes.push(pinned);
      }
      return indexes.sort((a, b) => a - b);
    },
    [focusableIndex, editingIndex],
  );
  const getItemKey = useCallback((index: number) => tasks[index]?.id ?? index, [tasks]);
  const virtualizer = useWindowVirtualizer({
    count: tasks.length,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    // Rows before the first measurement, and on the server: a typical viewport.
    initialRect: { width: 0, height: 800 },
    overscan: 8,
    scrollMargin,
    getItemKey,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  const run = mainRun(items);
  const first = run[0];
  const last = run.at(-1);
  const paddingTop = first ? first.start - scrollMargin : 0;
  const paddingBottom = last
    ? Math.max(0, virtualizer.getTotalSize() - (last.end - scrollMargin))
    : 0;

  // The space of the rows not rendered, set through the CSSOM, not a `style` attribute: the first
  // page is rendered on the server, and web's CSP refuses style attributes in its HTML
  // (decisions 019, 042).
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    list.style.paddingTop = `${paddingTop}px`;
    list.style.paddingBottom = `${paddingBottom}px`;
  }, [paddingTop, paddingBottom]);

  // A row reached with the keyboard (End, a j past the window) is brought fully into view once
  // it is measured; the browser's own scroll on focus went to its estimated place.
  const activeIndex = activeId === null ? -1 : tasks.findIndex((task) => task.id === activeId);
  useEffect(() => {
    if (activeIndex < 0 || !listRef.current?.contains(document.activeElement)) return;
    virtualizer.scrollToIndex(activeIndex, { align: "auto" });
    // The virtualizer scrolls by its own offsets, which a slow machine can leave stale (rows
    // measured after the scroll); the focused row itself, always rendered, then corrects it.
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && listRef.current?.contains(active)) {
        active.scrollIntoView({ block: "nearest" });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [activeIndex, virtualizer]);

  // Each row is memoised and every prop it gets is stable unless that row changed, so a key
  // press that moves the selection re-renders the two rows it concerns, not the whole list
  // (issue 17; docs/benchmarks/keyboard.md, decisions 037 and 043).
  return (
    <div>
      <ul
        ref={listRef}
        aria-label="Tasks"
        aria-busy={stale || undefined}
        data-testid="task-list"
        className={`relative rounded-xl border border-slate-200 bg-white transition-opacity dark:border-slate-800 dark:bg-slate-900/40 ${stale ? "opacity-60" : ""}`}
      >
        {items.map((item) => {
          const task = tasks[item.index]!;
          const editing = task.id === editingId;
          return (
            <TaskListItem
              key={task.id}
              task={task}
              today={today}
              index={item.index}
              setSize={setSize}
              // A pinned row far from the window floats at its place in the list.
              floatingTop={run.includes(item) ? null : item.start - scrollMargin}
              measure={virtualizer.measureElement}
              active={task.id === activeId}
              focusable={task.id === focusable}
              renderEditor={editing ? renderEditor : null}
              onActivate={onActivate}
              actions={actions}
            />
          );
        })}
      </ul>
      {props.hasMore ? <LoadMore {...props} /> : null}
    </div>
  );
}

/** Rendered in full up to this many rows (find-in-page works on them); windowed past it. */
const WINDOW_FROM = 200;
/** A one-line row with its meta line; rows are measured once rendered. */
const ESTIMATED_ROW_HEIGHT = 73;

/** The longest run of consecutive indexes: the window, laid out in the list's flow. */
function mainRun(items: VirtualItem[]): VirtualItem[] {
  let [bestStart, bestEnd, start] = [0, 0, 0];
  items.forEach((item, k) => {
    if (k > 0 && items[k - 1]!.index !== item.index - 1) start = k;
    if (k + 1 - start > bestEnd - bestStart) [bestStart, bestEnd] = [start, k + 1];
  });
  return items.slice(bestStart, bestEnd);
}

/**
 * Where the list's first row starts in the document (the virtualizer's scroll margin), read
 * again whenever the page's size changes: the add form and filters above it change height.
 */
function useDocumentTop(ref: RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    // A ResizeObserver reports once when it starts observing, then on every change.
    const observer = new ResizeObserver(() =>
      setTop(element.getBoundingClientRect().top + window.scrollY + element.clientTop),
    );
    observer.observe(document.body);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return top;
}

/**
 * The row actions as one object that never changes: each calls the latest handler it was
 * given. The board's handlers are rebuilt on most renders; passed as they are, every row
 * would re-render on every selection move.
 */
function useStableActions(props: TaskRowActions): TaskRowActions {
  const latest = useRef<TaskRowActions>(props);
  useLayoutEffect(() => {
    latest.current = {
      onToggle: props.onToggle,
      onEdit: props.onEdit,
      onDelete: props.onDelete,
      onTagClick: props.onTagClick,
    };
  });
  return useMemo(
    () => ({
      onToggle: (task) => latest.current.onToggle(task),
      onEdit: (task) => latest.current.onEdit(task),
      onDelete: (task) => latest.current.onDelete(task),
      onTagClick: (tag) => latest.current.onTagClick(tag),
    }),
    [],
  );
}

interface TaskListItemProps {
  task: Task;
  today: string;
  /** Its place in the list, from 0. */
  index: number;
  setSize: number;
  /** Set for a row kept rendered outside the window: its offset in the list. */
  floatingTop: number | null;
  /** The virtualizer's measuring ref (stable). */
  measure: (element: HTMLElement | null) => void;
  active: boolean;
  /** The one row in the tab order (roving tabindex). */
  focusable: boolean;
  /** Set only for the row being edited. */
  renderEditor: ((task: Task) => ReactNode) | null;
  onActivate: (id: string) => void;
  actions: TaskRowActions;
}

const TaskListItem = memo(function TaskListItem({
  task,
  today,
  index,
  setSize,
  floatingTop,
  measure,
  active,
  focusable,
  renderEditor,
  onActivate,
  actions,
}: TaskListItemProps) {
  return (
    <li
      ref={measure}
      data-index={index}
      // Windowed rows say where they are in the whole list (decision 043).
      aria-posinset={index + 1}
      aria-setsize={setSize}
      style={floatingTop === null ? undefined : { position: "absolute", top: floatingTop }}
      data-task-id={task.id}
      data-completed={task.completed || undefined}
      data-active={active || undefined}
      tabIndex={focusable ? 0 : -1}
      // Title and state ("Buy milk, completed"): what a screen reader says for the focused row
      // (docs/contract.md#tabs-states-and-text-on-the-task-page).
      aria-label={
        renderEditor ? undefined : `${task.title}, ${task.completed ? "completed" : "pending"}`
      }
      onFocus={() => onActivate(task.id)}
      className={`flex items-start gap-3 px-3 py-3 outline-none ${index > 0 ? "border-t border-slate-200 dark:border-slate-800" : "rounded-t-xl"} ${index === setSize - 1 ? "rounded-b-xl" : ""} inset-x-0 focus-visible:bg-indigo-50 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-inset data-active:bg-slate-50 dark:focus-visible:bg-indigo-950/40 dark:focus-visible:ring-indigo-400 dark:data-active:bg-slate-800/40`}
    >
      {renderEditor ? (
        renderEditor(task)
      ) : (
        <TaskRow task={task} today={today} saving={task.id.startsWith("temp-")} {...actions} />
      )}
    </li>
  );
});

function LoadMore({
  loadingMore,
  remaining,
  onLoadMore,
}: Pick<TaskListProps, "loadingMore" | "remaining" | "onLoadMore">) {
  const sentinel = useRef<HTMLDivElement>(null);
  // Re-observed after each page: a fresh observer reports at once if the end is still in view.
  useEffect(() => {
    const element = sentinel.current;
    if (loadingMore || !element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && void onLoadMore(),
      {
        rootMargin: "400px 0px",
      },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [loadingMore, onLoadMore]);

  return (
    <div ref={sentinel} className="mt-3 flex justify-center">
      <button
        type="button"
        onClick={() => void onLoadMore()}
        disabled={loadingMore}
        className={secondaryButton}
      >
        {loadingMore ? "Loading…" : `Load more (${remaining} more)`}
      </button>
    </div>
  );
}
