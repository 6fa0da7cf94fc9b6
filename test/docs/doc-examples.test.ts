// The example checker itself: a `// → value` line passes when the value holds and fails when it does not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { approximate, difference, examplesIn, leadingLiteral, withChecks, type Approx } from "./doc-examples";

/** Evaluates a `// →` literal the way the examples test does. */
function expected(text: string): unknown {
  const approx = (value: number, decimals: number): Approx => ({ approx: value, decimals });
  return new Function("__approx", `return (${approximate(leadingLiteral(text))});`)(approx);
}

test("numbers compare to the decimals written", () => {
  assert.equal(difference(0.61092, expected("0.6109")), undefined);
  assert.match(difference(0.6115, expected("0.6109")) ?? "", /expected 0.6109/);
  assert.equal(difference(3.4, expected("3")), undefined);
  assert.match(difference(3.6, expected("3")) ?? "", /found 3.6/);
  assert.equal(difference(-0.00015, expected("-1.5e-4")), undefined);
  assert.match(difference(-0.00016, expected("-1.5e-4")) ?? "", /expected/);
  assert.match(difference("0.5", expected("0.5")) ?? "", /expected a number/);
});

test("arrays, typed arrays, objects (a subset of fields), strings and tensors", async () => {
  await initBackend({ backend: "cpu" });
  assert.equal(difference(new Float64Array([0.6, 0.4]), expected("[0.6000, 0.4000] (free text)")), undefined);
  assert.match(difference([1, 2, 3], expected("[1, 2]")) ?? "", /length 2/);
  assert.equal(difference({ tp: 1, fp: 0, fn: 2 }, expected("{ tp: 1, fn: 2 }")), undefined);
  assert.match(difference({ tp: 1 }, expected("{ tp: 2 }")) ?? "", /value\.tp/);
  assert.equal(difference('say "hi"', expected(`'say "hi"' and more`)), undefined);
  assert.match(difference("mse", expected('"mae"')) ?? "", /expected "mae"/);
  assert.equal(difference(true, expected("true")), undefined);
  const tensor = tf.tensor2d([[0.5, 0.25]]);
  assert.equal(difference(tensor, expected("[[0.5, 0.25]]")), undefined);
  assert.match(difference(tensor, expected("[[0.5, 0.35]]")) ?? "", /value\[0\]\[1\]/);
  tensor.dispose();
});

test("examples are found with their name and line, and '// →' lines become checks", () => {
  const dir = mkdtempSync(join(tmpdir(), "mtlkit-doc-examples-"));
  try {
    const file = join(dir, "double.ts");
    const source = [
      "/**",
      " * Doubles.",
      " *",
      " * @example",
      " * double(2); // → 4",
      " * const y = double(0.5); // → 1.0",
      " * // example: skip unless SOME_VARIABLE — needs it",
      " */",
      "export function double(x: number): number {",
      "  return 2 * x;",
      "}",
    ];
    writeFileSync(file, source.join("\n"));
    const [example] = examplesIn(file, dir);
    assert.equal(example?.name, "double");
    assert.equal(example?.line, 4);
    assert.deepEqual(example?.needs, { variable: "SOME_VARIABLE", reason: "needs it" });
    const code = withChecks(example!);
    assert.match(code, /__check\(\(double\(2\)\), __approx\(4, 0\), "double.ts:5", "double\(2\)"\);/);
    assert.match(code, /const y = double\(0\.5\); __check\(\(y\), __approx\(1\.0, 1\), "double.ts:6", "y"\);/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
