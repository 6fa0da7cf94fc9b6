import { showOutput } from "./notebook-output";

/** The MIME type the course runner reads a lesson's headline numbers from. */
export const headlineMimeType = "application/vnd.mtlkit.headline+json";

function formatValue(value: number | string): string {
  if (typeof value === "string") return value;
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(4);
}

/**
 * Reports a lesson's headline numbers: shown as a small table in the notebook and collected by
 * `npm run course` into its summary table. Outside a notebook it prints them. Returns the values.
 *
 * @example
 * headline({ "left accuracy": 0.962, "right accuracy": 0.949, "Δm %": -1.2 }); // → { "Δm %": -1.2 } (the values)
 */
export function headline(values: Readonly<Record<string, number | string>>): Readonly<Record<string, number | string>> {
  const rows = Object.entries(values).map(([name, value]) => `| ${name} | ${formatValue(value)} |`);
  const markdown = ["| headline | value |", "| --- | --- |", ...rows].join("\n");
  const text = Object.entries(values)
    .map(([name, value]) => `${name}: ${formatValue(value)}`)
    .join("\n");
  const shown = showOutput({
    [headlineMimeType]: JSON.stringify(values),
    "text/markdown": markdown,
    "text/plain": text,
  });
  if (!shown) console.log(text);
  return values;
}
