"use client";

import { useEffect, useRef, useState } from "react";
import { CloseIcon } from "./icons.tsx";
import type { Toast, ToastCloseReason } from "./toasts.tsx";

const DEFAULT_DURATION_MS = { info: 5_000, error: 8_000 };

interface ToastCardProps {
  toast: Toast;
  onDismiss: (id: number, reason: ToastCloseReason) => void;
}

/** One toast: its own countdown, paused while hovered or focused. */
export function ToastCard({ toast, onDismiss }: ToastCardProps) {
  const tone = toast.tone ?? "info";
  const [paused, setPaused] = useState({ hover: false, focus: false });
  const remaining = useRef(toast.durationMs ?? DEFAULT_DURATION_MS[tone]);
  const isPaused = paused.hover || paused.focus;

  useEffect(() => {
    if (isPaused) return;
    const started = Date.now();
    const timer = setTimeout(() => onDismiss(toast.id, "timeout"), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1_000, remaining.current - (Date.now() - started));
    };
  }, [isPaused, onDismiss, toast.id]);

  const colours =
    tone === "error"
      ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      : "border-slate-700 bg-slate-900 text-white dark:border-slate-600 dark:bg-slate-800";

  return (
    <div
      // The surrounding region is the live region (polite, or assertive for errors); a role
      // here as well would have some screen readers announce each toast twice.
      data-testid="toast"
      data-tone={tone}
      onMouseEnter={() => setPaused((p) => ({ ...p, hover: true }))}
      onMouseLeave={() => setPaused((p) => ({ ...p, hover: false }))}
      onFocus={() => setPaused((p) => ({ ...p, focus: true }))}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget))
          setPaused((p) => ({ ...p, focus: false }));
      }}
      className={`pointer-events-auto flex w-full max-w-md items-center gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg transition duration-150 ease-out starting:translate-y-2 starting:opacity-0 motion-reduce:transition-none ${colours}`}
    >
      <p className="min-w-0 flex-1 break-words">{toast.message}</p>
      {toast.action ? (
        <button
          type="button"
          onClick={() => {
            toast.action?.run();
            onDismiss(toast.id, "action");
          }}
          className={`shrink-0 rounded px-2 py-1 font-semibold underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 ${
            tone === "error"
              ? "text-red-800 focus-visible:outline-red-700 dark:text-red-200"
              : "text-indigo-200 focus-visible:outline-white"
          }`}
        >
          {toast.action.label}
        </button>
      ) : null}
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(toast.id, "dismissed")}
        className="-mr-1 shrink-0 rounded p-1 opacity-80 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-current"
      >
        <CloseIcon />
      </button>
    </div>
  );
}
