import { writeFileSync } from "node:fs";

/** Writes a tslab notebook whose code cells are `sources`, for runner tests. */
export function writeNotebook(path: string, sources: string[]): string {
  const notebook = {
    cells: sources.map((source, index) => ({ cell_type: "code", id: `c${index}`, metadata: {}, execution_count: null, outputs: [], source })),
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(notebook, null, 1));
  return path;
}
