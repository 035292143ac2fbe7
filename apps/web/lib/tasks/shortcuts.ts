/**
 * The task page's keyboard shortcuts, as data: the help dialog lists `SHORTCUTS`, the page maps
 * key events through `commandForKey`. Keys act only when the person is not typing.
 */
export type ShortcutCommand =
  | "new"
  | "search"
  | "next"
  | "previous"
  | "first"
  | "last"
  | "toggle"
  | "edit"
  | "delete"
  | "undo"
  | "help";

export interface Shortcut {
  keys: string[];
  description: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ["n"], description: "New task" },
  { keys: ["/"], description: "Search" },
  { keys: ["j", "↓"], description: "Next task" },
  { keys: ["k", "↑"], description: "Previous task" },
  { keys: ["Home", "End"], description: "First / last task" },
  { keys: ["x", "Space"], description: "Complete or reopen the selected task" },
  { keys: ["e", "Enter"], description: "Edit the selected task" },
  { keys: ["Delete", "Backspace"], description: "Delete the selected task" },
  { keys: ["Ctrl+Z", "u"], description: "Undo the last delete" },
  { keys: ["Esc"], description: "Cancel an edit, close a dialog" },
  { keys: ["?"], description: "Show these shortcuts" },
];

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element is a text field, select or editable region. */
  typing: boolean;
  /** Focus is on a task row itself (not on a control inside it). */
  onRow: boolean;
  /** Focus is on a row or a control inside the list. */
  inList: boolean;
}

export function commandForKey(input: KeyInput): ShortcutCommand | null {
  if (input.typing || input.altKey) return null;
  const modified = input.ctrlKey || input.metaKey;
  if (modified) return input.key.toLowerCase() === "z" ? "undo" : null;
  switch (input.key) {
    case "n":
    case "N":
      return "new";
    case "/":
      return "search";
    case "?":
      return "help";
    case "j":
      return "next";
    case "k":
      return "previous";
    case "x":
      return "toggle";
    case "e":
      return "edit";
    case "u":
      return "undo";
    case "Delete":
      return "delete";
  }
  // Arrows scroll the page elsewhere: they move the selection only inside the list.
  if (input.inList) {
    switch (input.key) {
      case "ArrowDown":
        return "next";
      case "ArrowUp":
        return "previous";
      case "Home":
        return "first";
      case "End":
        return "last";
    }
  }
  // Space, Enter and Backspace mean something else on buttons: only on a focused row itself.
  if (!input.onRow) return null;
  switch (input.key) {
    case " ":
      return "toggle";
    case "Enter":
      return "edit";
    case "Backspace":
      return "delete";
  }
  return null;
}

/** The neighbour to select after `index` moves by `step`, clamped to the list. */
export function moveSelection(length: number, index: number, step: number): number {
  if (length === 0) return -1;
  if (index < 0) return step > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, index + step));
}

const NON_TEXT_INPUTS = new Set([
  "checkbox",
  "radio",
  "button",
  "submit",
  "reset",
  "range",
  "color",
  "file",
]);

/** Whether keys typed at this element are text (or a form's own keys), not shortcuts. */
export function isTypingTarget(element: {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  inForm: boolean;
}): boolean {
  if (element.inForm || element.isContentEditable) return true;
  const tag = element.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  return tag === "input" && !NON_TEXT_INPUTS.has((element.type ?? "text").toLowerCase());
}
