import { describe, expect, it } from "vitest";
import {
  commandForKey,
  isTypingTarget,
  type KeyInput,
  moveSelection,
} from "../../lib/tasks/shortcuts.ts";

const key = (k: string, overrides: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  onRow: false,
  inList: false,
  ...overrides,
});

describe("keyboard shortcuts", () => {
  it("maps letters anywhere outside text fields", () => {
    expect(commandForKey(key("n"))).toBe("new");
    expect(commandForKey(key("/"))).toBe("search");
    expect(commandForKey(key("?"))).toBe("help");
    expect(commandForKey(key("j"))).toBe("next");
    expect(commandForKey(key("k"))).toBe("previous");
    expect(commandForKey(key("x"))).toBe("toggle");
    expect(commandForKey(key("e"))).toBe("edit");
    expect(commandForKey(key("Delete"))).toBe("delete");
    expect(commandForKey(key("z", { ctrlKey: true }))).toBe("undo");
  });

  it("never fires while the person is typing or with other modifiers", () => {
    expect(commandForKey(key("n", { typing: true }))).toBeNull();
    expect(commandForKey(key("Delete", { typing: true, onRow: true }))).toBeNull();
    expect(commandForKey(key("n", { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key("j", { altKey: true }))).toBeNull();
  });

  it("keeps arrows for scrolling outside the list and Space/Enter for buttons", () => {
    expect(commandForKey(key("ArrowDown"))).toBeNull();
    expect(commandForKey(key("ArrowDown", { inList: true }))).toBe("next");
    expect(commandForKey(key("End", { inList: true }))).toBe("last");
    expect(commandForKey(key(" ", { inList: true }))).toBeNull();
    expect(commandForKey(key(" ", { inList: true, onRow: true }))).toBe("toggle");
    expect(commandForKey(key("Enter", { inList: true, onRow: true }))).toBe("edit");
    expect(commandForKey(key("Backspace", { inList: true }))).toBeNull();
  });

  it("moves the selection within bounds", () => {
    expect(moveSelection(0, -1, 1)).toBe(-1);
    expect(moveSelection(3, -1, 1)).toBe(0);
    expect(moveSelection(3, -1, -1)).toBe(2);
    expect(moveSelection(3, 2, 1)).toBe(2);
    expect(moveSelection(3, 0, -1)).toBe(0);
    expect(moveSelection(3, 0, Infinity)).toBe(2);
  });
});

describe("typing targets", () => {
  it("treats text fields, selects and anything in a form as typing; checkboxes and rows not", () => {
    expect(isTypingTarget({ tagName: "INPUT", type: "search", inForm: false })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "date", inForm: false })).toBe(true);
    expect(isTypingTarget({ tagName: "SELECT", inForm: false })).toBe(true);
    expect(isTypingTarget({ tagName: "BUTTON", inForm: true })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true, inForm: false })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "checkbox", inForm: false })).toBe(false);
    expect(isTypingTarget({ tagName: "LI", inForm: false })).toBe(false);
    expect(isTypingTarget({ tagName: "BUTTON", inForm: false })).toBe(false);
  });
});
