import { type Static, Type } from "@sinclair/typebox";
import { TASK_LIMITS } from "./limits.ts";

/** One of a person's tags and how many of their tasks carry it (docs/contract.md#tags). */
export const TagCount = Type.Object(
  {
    tag: Type.String({
      minLength: 1,
      maxLength: TASK_LIMITS.tagMaxLength,
      description:
        "The tag as written on the person's tasks; spellings that differ only in case are one tag (the first in code-point order is shown).",
    }),
    count: Type.Integer({ minimum: 1, description: "How many of the person's tasks carry it." }),
  },
  { title: "TagCount", additionalProperties: false },
);
export type TagCount = Static<typeof TagCount>;

export const TagList = Type.Array(TagCount, { title: "TagList" });
export type TagList = Static<typeof TagList>;
