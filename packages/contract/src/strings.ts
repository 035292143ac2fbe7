/**
 * JSON-schema patterns shared by every schema. Exported so that the api's error formatter can
 * turn a pattern failure into words ("must not contain NUL characters") instead of a regex.
 */
export const NO_NUL_PATTERN = "^[^\\u0000]*$";

/** A calendar date's shape; year 0000 does not exist in PostgreSQL's calendar. */
export const CALENDAR_DATE_PATTERN = "^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/** Length in Unicode code points (what docs/contract.md#task counts), without an array. */
export function codePointLength(value: string): number {
  let length = 0;
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    length++;
  }
  return length;
}
