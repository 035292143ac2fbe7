import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import manifest from "../package.json" with { type: "json" };

const root = new URL("../", import.meta.url);
const subpaths = Object.entries(manifest.exports).filter(([entry]) => entry !== ".");
const schemaFree = new Set(subpaths.map(([, file]) => file));

/** `import`/`export … from` statements that load a module at run time (not `import type`). */
function valueImports(source: string): string[] {
  const statements = source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms);
  return [...statements].map((match) => match[1] as string);
}

describe("the package's schema-free subpaths", () => {
  it("exist for limits, normalisation, strings, problem types and file formats", () => {
    expect(Object.keys(manifest.exports).sort()).toEqual([
      ".",
      "./limits",
      "./normalize",
      "./problem-types",
      "./strings",
      "./transfer",
    ]);
  });

  // The browser imports these: one value import of TypeBox (or of a module that builds a schema)
  // would put the schema builder back into the web client's bundle.
  it.each(subpaths)("%s loads only other schema-free modules", (_entry, file) => {
    const source = readFileSync(new URL(file, root), "utf8");
    for (const specifier of valueImports(source)) {
      expect(specifier.startsWith("./")).toBe(true);
      expect(schemaFree).toContain(`./src/${specifier.slice(2)}`);
    }
  });

  it("the check sees a value import of the schema builder", () => {
    expect(valueImports('import { Type } from "@sinclair/typebox";\n')).toEqual([
      "@sinclair/typebox",
    ]);
    expect(valueImports('import type { Static } from "@sinclair/typebox";\n')).toEqual([]);
  });
});
