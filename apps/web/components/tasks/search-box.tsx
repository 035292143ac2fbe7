"use client";

import { type Ref, useEffect, useRef, useState } from "react";
import { LIST_FILTER_LIMITS } from "@ownlist/contract/limits";
import { SearchIcon } from "./icons.tsx";
import { inputClass } from "./styles.ts";

/** Waits this long after the last keystroke before searching: one request per pause, not per key. */
const SEARCH_DEBOUNCE_MS = 250;

interface SearchBoxProps {
  /** The search in the URL (changes on back/forward too). */
  value: string;
  onSearch: (q: string) => void;
  inputRef: Ref<HTMLInputElement>;
}

export function SearchBox({ value, onSearch, inputRef }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const sent = useRef(value);

  // The URL changed without us (back/forward, "clear filters"): show what it says.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text.trim() === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text.trim();
      onSearch(text.trim());
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onSearch]);

  return (
    <div className="relative min-w-0 flex-1 basis-40">
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
      <input
        ref={inputRef}
        type="search"
        aria-label="Search tasks"
        placeholder="Search"
        dir="auto"
        // The api refuses a longer search (422). The browser counts UTF-16 units, never more
        // than the api's code points, so what fits here always fits there.
        maxLength={LIST_FILTER_LIMITS.searchMaxLength}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && text === "") event.currentTarget.blur();
          if (event.key === "Enter") {
            sent.current = text.trim();
            onSearch(text.trim());
          }
        }}
        className={`pr-8 pl-8 ${inputClass}`}
      />
      {text === "" ? (
        <kbd className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border border-slate-300 px-1.5 text-xs text-slate-600 sm:block dark:border-slate-600 dark:text-slate-400">
          /
        </kbd>
      ) : null}
    </div>
  );
}
