/** Class lists shared by the task components, so controls look and focus alike everywhere. */

export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-400";

/** A text field's look without its width (selects in a row size to their content). */
export const inputBase =
  "block rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-xs placeholder:text-slate-500 focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500/40 aria-invalid:border-red-600 sm:text-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 dark:aria-invalid:border-red-400";

export const inputClass = `w-full ${inputBase}`;

export const labelClass = "block text-sm font-medium text-slate-800 dark:text-slate-200";

export const errorClass = "mt-1 text-sm text-red-700 dark:text-red-400";

export const primaryButton = `inline-flex items-center justify-center gap-1.5 rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-700 disabled:opacity-60 dark:bg-indigo-500 dark:text-white dark:hover:bg-indigo-400 ${focusRing}`;

export const secondaryButton = `inline-flex items-center justify-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 ${focusRing}`;

export const dangerButton = `inline-flex items-center justify-center gap-1.5 rounded-md bg-red-700 px-3 py-2 text-sm font-semibold text-white hover:bg-red-800 dark:bg-red-600 dark:hover:bg-red-500 ${focusRing}`;

export const iconButton = `inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100 ${focusRing}`;
