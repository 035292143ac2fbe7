import { TASK_LIMITS } from "./limits.ts";
import type { ProblemFieldError } from "./problem.ts";
import { codePointLength } from "./strings.ts";

/** The writable fields whose limits apply after trimming or de-duplication. */
export interface NormalizableFields {
  title?: string;
  description?: string | null;
  tags?: string[];
}

export interface NormalizedFields<T> {
  value: T;
  /** One entry per bad field, in the order the fields were checked. */
  errors: ProblemFieldError[];
}

/**
 * Applies the rules of docs/contract.md#task that a JSON schema cannot express: the title is
 * trimmed and then 1..200 code points; the description is 0..5000 code points; tags are trimmed,
 * each 1..32 code points, de-duplicated ignoring case (first spelling kept), at most 10 remaining.
 * Fields named in `skip` (already reported by schema validation) are left alone. Pure: the web app
 * uses it to validate a form exactly as the api will.
 */
export function normalizeTaskFields<T extends NormalizableFields>(
  input: T,
  skip?: ReadonlySet<string>,
): NormalizedFields<T> {
  const value: T = { ...input };
  const errors: ProblemFieldError[] = [];

  if (typeof input.title === "string" && !skip?.has("title")) {
    const title = input.title.trim();
    if (title === "") errors.push({ field: "title", message: "must not be empty" });
    else if (codePointLength(title) > TASK_LIMITS.titleMaxLength)
      errors.push({ field: "title", message: tooLong(TASK_LIMITS.titleMaxLength) });
    value.title = title;
  }

  if (typeof input.description === "string" && !skip?.has("description")) {
    if (codePointLength(input.description) > TASK_LIMITS.descriptionMaxLength)
      errors.push({ field: "description", message: tooLong(TASK_LIMITS.descriptionMaxLength) });
  }

  if (Array.isArray(input.tags) && !skip?.has("tags")) {
    const tags = normalizeTags(input.tags);
    errors.push(...tags.errors);
    value.tags = tags.value;
  }
  return { value, errors };
}

/** Trims, checks and de-duplicates tags (case-insensitively, keeping the first spelling). */
export function normalizeTags(tags: readonly string[]): NormalizedFields<string[]> {
  const value: string[] = [];
  const errors: ProblemFieldError[] = [];
  const seen = new Set<string>();
  tags.forEach((raw, index) => {
    const tag = raw.trim();
    if (tag === "") {
      errors.push({ field: `tags[${index}]`, message: "must not be empty" });
    } else if (codePointLength(tag) > TASK_LIMITS.tagMaxLength) {
      errors.push({ field: `tags[${index}]`, message: tooLong(TASK_LIMITS.tagMaxLength) });
    } else {
      const key = tag.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        value.push(tag);
      }
    }
  });
  if (value.length > TASK_LIMITS.tagsMaxCount) {
    errors.push({
      field: "tags",
      message: `must hold at most ${TASK_LIMITS.tagsMaxCount} distinct tags`,
    });
  }
  return { value, errors };
}

function tooLong(max: number): string {
  return `must be at most ${max} characters`;
}
