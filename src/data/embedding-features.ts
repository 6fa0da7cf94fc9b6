import { mtlError } from "../errors";
import { floatColumn } from "./column";
import type { Column, Split } from "./types";

/** Options of {@link embeddingFeatures}. */
export interface EmbeddingFeaturesOptions {
  /** Embedding tables, flat row-major, keyed by the id input they are looked up with (e.g. user, item). */
  tables: Readonly<Record<string, { values: ArrayLike<number>; width: number }>>;
  /** Float inputs of the split appended after the embeddings, e.g. ["genres", "age"]. Default none. */
  columns?: readonly string[];
  /** Name of the new input. Default "x". */
  name?: string;
}

/**
 * The split with one more input: each sample's rows of the embedding tables (looked up by its id
 * inputs) followed by its float columns, flat — dense features for a ranking model (MMoE, PLE) on
 * top of a trained two-tower model's embeddings. Fails with id-out-of-range or missing-input.
 *
 * @example
 * const split = { size: 2, inputs: { user: { values: Int32Array.from([1, 0]), shape: [], dtype: "int32" } }, targets: {} };
 * const out = embeddingFeatures(split, { tables: { user: { values: [0, 0, 5, 6], width: 2 } } });
 * Array.from(out.inputs.x.values); // → [5, 6, 0, 0]
 */
export function embeddingFeatures(split: Split, options: EmbeddingFeaturesOptions): Split {
  const tables = Object.entries(options.tables);
  const extra = (options.columns ?? []).map((name) => input(split, name));
  const width =
    tables.reduce((sum, [, table]) => sum + table.width, 0) +
    extra.reduce((sum, column) => sum + column.values.length / Math.max(split.size, 1), 0);
  const values = new Float32Array(split.size * width);
  for (let i = 0; i < split.size; i++) {
    let offset = i * width;
    for (const [name, table] of tables) {
      const id = input(split, name).values[i] as number;
      const rows = table.values.length / table.width;
      if (!(Number.isInteger(id) && id >= 0 && id < rows))
        throw mtlError({
          code: "id-out-of-range",
          message: `embeddingFeatures: input "${name}" has id ${id} at row ${i}, outside the table's [0, ${rows})`,
          fix: `give the ${name} table one row per id`,
        });
      for (let d = 0; d < table.width; d++) values[offset + d] = table.values[id * table.width + d] as number;
      offset += table.width;
    }
    for (const column of extra) {
      const size = column.values.length / split.size;
      values.set(column.values.subarray(i * size, (i + 1) * size), offset);
      offset += size;
    }
  }
  return { ...split, inputs: { ...split.inputs, [options.name ?? "x"]: floatColumn(values, [width]) } };
}

function input(split: Split, name: string): Column {
  const column = split.inputs[name];
  if (column === undefined)
    throw mtlError({
      code: "missing-input",
      message: `embeddingFeatures: the split has no input "${name}" (inputs: ${Object.keys(split.inputs).join(", ")})`,
      fix: "name an input of the split",
    });
  return column;
}
