import { SHORTCUTS } from "@/lib/tasks/shortcuts.ts";
import { ModalDialog } from "./modal-dialog.tsx";

/** The `?` dialog: every shortcut of the task page. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <ModalDialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <dl className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.description} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-slate-700 dark:text-slate-300">{shortcut.description}</dt>
            <dd className="flex shrink-0 gap-1">
              {shortcut.keys.map((key) => (
                <kbd
                  key={key}
                  className="min-w-7 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200"
                >
                  {key}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
        Shortcuts work whenever you are not typing in a field.
      </p>
    </ModalDialog>
  );
}
