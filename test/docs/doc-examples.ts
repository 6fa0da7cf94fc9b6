// Finds the `@example` blocks of src/ doc comments and turns each into a runnable async function body whose
// `expr; // → value` lines become checks. Used by test/docs/examples.test.ts; kept apart so it can be tested.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** One `@example` block: where it is, what it documents, its code, and a skip reason when it is marked so. */
export interface DocExample {
  file: string;
  line: number;
  name: string;
  code: string;
  skip?: string;
  /** An environment variable the example needs: without it the example is skipped, saying why. */
  needs?: { variable: string; reason: string };
}

/** Every `.ts` file under `dir`, sorted. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return entry.endsWith(".ts") && !entry.endsWith(".d.ts") ? [path] : [];
    });
}

const SKIP = /^\/\/\s*example:\s*skip\s*[—–-]+\s*(.+)$/;
const SKIP_UNLESS = /^\/\/\s*example:\s*skip unless (\w+)\s*[—–-]+\s*(.+)$/;

/** The `@example` blocks of one file, named after the declaration that follows their comment. */
export function examplesIn(path: string, root: string): DocExample[] {
  const text = readFileSync(path, "utf8");
  const file = relative(root, path);
  const examples: DocExample[] = [];
  for (const match of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const start = match.index as number;
    const lines = (match[1] as string).split("\n").map((line) => line.replace(/^\s*\* ?/, ""));
    const firstLine = text.slice(0, start).split("\n").length;
    const name = declarationAfter(text.slice(start + match[0].length));
    let current: { line: number; body: string[] } | undefined;
    const flush = () => {
      if (current) examples.push(toExample(file, current.line, name, current.body));
      current = undefined;
    };
    lines.forEach((line, index) => {
      const tag = /^\s*@(\w+)(.*)$/.exec(line);
      if (tag) {
        flush();
        if (tag[1] === "example") current = { line: firstLine + index, body: tag[2]?.trim() ? [tag[2].trim()] : [] };
      } else if (current) current.body.push(line);
    });
    flush();
  }
  return examples;
}

function toExample(file: string, line: number, name: string, body: string[]): DocExample {
  const code = body
    .filter((row) => !/^\s*```/.test(row))
    .join("\n")
    .trim();
  const rows = code.split("\n").map((row) => row.trim());
  const skip = rows.map((row) => SKIP.exec(row)?.[1]?.trim()).find((reason) => reason !== undefined);
  const unless = rows.map((row) => SKIP_UNLESS.exec(row)).find((match) => match !== null);
  const example: DocExample = { file, line, name, code };
  if (skip !== undefined) example.skip = skip;
  if (unless) example.needs = { variable: unless[1] as string, reason: (unless[2] as string).trim() };
  return example;
}

/** The name declared right after a doc comment: a function, const, class, type, or a class member. */
function declarationAfter(rest: string): string {
  const head = rest.slice(0, 400);
  const modifiers = String.raw`(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?`;
  const keyword = String.raw`(?:function\*?|const|let|class|interface|type|enum)`;
  const declaration = new RegExp(String.raw`^\s*${modifiers}${keyword}\s+([\w$]+)`);
  const member = /^\s*(?:(?:public|private|protected|static|readonly|async|get|set)\s+)*([\w$]+)\s*[(<:=?]/;
  const named = declaration.exec(head) ?? member.exec(head);
  return named?.[1] ?? "(anonymous)";
}

/**
 * Rewrites the example's `expr; // → value` lines into `__check(expr, expected, "file:line", "expr")` calls.
 * A declaration (`const x = f(); // → 3`) checks the declared name. Code lines keep their positions.
 */
export function withChecks(example: DocExample): string {
  return example.code
    .split("\n")
    .map((row, index) => {
      const arrow = row.indexOf("// →");
      if (arrow < 0) return row;
      const statement = row.slice(0, arrow).trimEnd().replace(/;$/, "");
      const expected = leadingLiteral(
        row
          .slice(arrow + "// →".length)
          .trim()
          .replace(/^≈\s*/, ""),
      );
      const where = JSON.stringify(`${example.file}:${example.line + 1 + index}`);
      const declared = /^(\s*)(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=/.exec(statement);
      const actual = declared ? (declared[2] as string) : statement.trim();
      const prefix = declared ? `${statement}; ` : "";
      return `${prefix}__check((${actual}), ${approximate(expected)}, ${where}, ${JSON.stringify(actual)});`;
    })
    .join("\n");
}

/** The JS literal at the start of a `// →` comment; free text may follow it (`// → 0.1429 (1/7)`). */
export function leadingLiteral(text: string): string {
  const open = text[0];
  if (open === "[" || open === "{") {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text[i] as string;
      if (char === '"' || char === "'" || char === "`") i = endOfString(text, i);
      else if (char === "[" || char === "{") depth += 1;
      else if (char === "]" || char === "}") depth -= 1;
      if (depth === 0) return text.slice(0, i + 1);
    }
    return text;
  }
  if (open === '"' || open === "'" || open === "`") return text.slice(0, endOfString(text, 0) + 1);
  return /^-?[\w.+-]*/.exec(text)?.[0] ?? text;
}

function endOfString(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length && text[j] !== text[start]) j += text[j] === "\\" ? 2 : 1;
  return j;
}

/** An expected number with the tolerance its written decimals imply: |actual − value| ≤ 0.5·10^−decimals. */
export interface Approx {
  readonly approx: number;
  readonly decimals: number;
}

/** Replaces every number literal of a JS literal's source with `__approx(value, decimals)`. */
export function approximate(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (char === '"' || char === "'" || char === "`") {
      let j = i + 1;
      while (j < source.length && source[j] !== char) j += source[j] === "\\" ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(char)) {
      const id = /^[\w$]+/.exec(source.slice(i))?.[0] as string;
      out += id;
      i += id.length;
    } else if (/[0-9.]/.test(char) && /^\.?[0-9]/.test(source.slice(i))) {
      const literal = /^(?:\d[\d_]*)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?/.exec(source.slice(i)) as RegExpExecArray;
      const fraction = (literal[1] ?? "").length;
      const exponent = Number(literal[2] ?? 0);
      // A unary minus goes inside, so that `-0.5` stays a number and not the negation of an object.
      const negative = /(^|[[({,:]\s*)-$/.test(out);
      if (negative) out = out.slice(0, -1);
      out += `__approx(${negative ? "-" : ""}${literal[0]}, ${fraction - exponent})`;
      i += literal[0].length;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** Compares an actual value with an expected literal; returns where they differ, or undefined when equal. */
export function difference(actual: unknown, expected: unknown, path = "value"): string | undefined {
  if (isTensor(actual)) return difference(actual.arraySync(), expected, path);
  if (isApprox(expected)) {
    const value = typeof actual === "bigint" ? Number(actual) : actual;
    if (typeof value !== "number") return `${path}: expected a number ≈ ${expected.approx}, found ${show(actual)}`;
    if (Number.isNaN(expected.approx) && Number.isNaN(value)) return undefined;
    const tolerance = 0.5 * 10 ** -expected.decimals + 1e-12 * Math.abs(expected.approx);
    if (Math.abs(value - expected.approx) <= tolerance || value === expected.approx) return undefined;
    return `${path}: expected ${expected.approx} (±${tolerance}), found ${value}`;
  }
  if (typeof expected === "number") {
    return Object.is(actual, expected) || actual === expected
      ? undefined
      : `${path}: expected ${expected}, found ${show(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!isListLike(actual)) return `${path}: expected an array, found ${show(actual)}`;
    const list = Array.from(actual as ArrayLike<unknown>);
    if (list.length !== expected.length) return `${path}: expected length ${expected.length}, found ${list.length}`;
    for (let i = 0; i < expected.length; i++) {
      const found = difference(list[i], expected[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return `${path}: expected an object, found ${show(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const field = actual instanceof Map ? actual.get(key) : (actual as Record<string, unknown>)[key];
      const found = difference(field, value, `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return actual === expected ? undefined : `${path}: expected ${show(expected)}, found ${show(actual)}`;
}

function isApprox(value: unknown): value is Approx {
  return typeof value === "object" && value !== null && "approx" in value && "decimals" in value;
}

function isTensor(value: unknown): value is { arraySync(): unknown } {
  return (
    typeof value === "object" && value !== null && typeof (value as { arraySync?: unknown }).arraySync === "function"
  );
}

function isListLike(value: unknown): boolean {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

function show(value: unknown): string {
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name} [${Array.from(value as unknown as ArrayLike<number>).join(", ")}]`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}
