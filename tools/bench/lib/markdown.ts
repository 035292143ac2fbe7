import { writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";

/** Writes Markdown formatted as `npm run format` would, so a fresh run keeps the check green. */
export async function writeMarkdown(path: string, markdown: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(markdown, { ...options, parser: "markdown" }));
}
