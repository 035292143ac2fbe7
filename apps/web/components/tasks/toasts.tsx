"use client";

import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from "react";
import { ToastCard } from "./toast-card.tsx";

export type ToastCloseReason = "timeout" | "dismissed" | "action" | "replaced";

export interface ToastInput {
  message: string;
  tone?: "info" | "error";
  /** One button, such as Undo. Running it closes the toast with reason "action". */
  action?: { label: string; run: () => void };
  durationMs?: number;
  /** Called once, however the toast goes away. */
  onClose?: (reason: ToastCloseReason) => void;
}

export interface Toast extends ToastInput {
  id: number;
}

interface ToastApi {
  show(input: ToastInput): number;
  dismiss(id: number, reason?: ToastCloseReason): void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** More would cover the list on a phone; the oldest goes first (and its onClose runs). */
const MAX_TOASTS = 3;

/** One live region per tone, info first: errors interrupt what is being read, the rest wait. */
const LIVE_REGIONS = [
  { tone: "info", politeness: "polite" },
  { tone: "error", politeness: "assertive" },
] as const;

/**
 * Short messages at the bottom of the screen. Their timers pause while the pointer or focus is
 * on them (WCAG 2.2.1), so an Undo can always be reached. Errors are announced assertively,
 * the rest politely; both live regions exist from the start so screen readers pick them up.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const closers = useRef(new Map<number, ToastInput["onClose"]>());

  const dismiss = useCallback((id: number, reason: ToastCloseReason = "dismissed") => {
    const onClose = closers.current.get(id);
    if (!closers.current.delete(id)) return;
    setToasts((current) => current.filter((toast) => toast.id !== id));
    onClose?.(reason);
  }, []);

  const show = useCallback(
    (input: ToastInput) => {
      const id = nextId.current++;
      closers.current.set(id, input.onClose);
      setToasts((current) => [...current, { ...input, id }]);
      const overflow = [...closers.current.keys()].slice(0, -MAX_TOASTS);
      for (const old of overflow) queueMicrotask(() => dismiss(old, "replaced"));
      return id;
    },
    [dismiss],
  );

  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext value={api}>
      {children}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-40 flex flex-col items-center gap-2 px-3 pb-[max(1rem,env(safe-area-inset-bottom))]"
      >
        {LIVE_REGIONS.map(({ tone, politeness }) => (
          <div
            key={tone}
            aria-live={politeness}
            aria-relevant="additions text"
            className="flex w-full flex-col items-center gap-2"
          >
            {toasts
              .filter((toast) => (toast.tone ?? "info") === tone)
              .map((toast) => (
                <ToastCard key={toast.id} toast={toast} onDismiss={dismiss} />
              ))}
          </div>
        ))}
      </section>
    </ToastContext>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToasts() needs a ToastProvider above it");
  return api;
}
