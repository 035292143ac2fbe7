"use client";

export interface Announcement {
  text: string;
  /** Counts announcements, so the same words said twice are heard twice. */
  count: number;
}

/**
 * A polite live region, always in the page and visually hidden, that says what a change did
 * ("Completed “Buy milk”"): a screen reader hears every add, completion, reopening and edit
 * (docs/contract.md#tabs-states-and-text-on-the-task-page). Deletions and completions that take a
 * task out of view are said by their toast, which carries the Undo.
 */
export function Announcer({ announcement }: { announcement: Announcement | null }) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className="sr-only"
      data-testid="announcer"
    >
      {announcement ? (
        // A new node per announcement: screen readers speak additions, even of equal text.
        <span key={announcement.count}>{announcement.text}</span>
      ) : null}
    </div>
  );
}
