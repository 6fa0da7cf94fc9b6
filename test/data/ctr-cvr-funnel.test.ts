import { test } from "node:test";
import assert from "node:assert/strict";
import { ctrCvrFunnel } from "../../src/data";
import type { MtlError } from "../../src/errors";
import { sameSplit } from "./same-split";

const mean = (values: ArrayLike<number>) => Array.from(values).reduce((sum, v) => sum + v, 0) / values.length;

test("funnel rates match the requested CTR and CVR", () => {
  const data = ctrCvrFunnel({ seed: 0, ctr: 0.1, cvr: 0.2, train: 20000, validation: 100, test: 100 });
  assert.ok(Math.abs(mean(data.truth.train.ctr) - 0.1) < 0.01, `mean P(click) ${mean(data.truth.train.ctr)}`);
  assert.ok(Math.abs(mean(data.truth.train.cvr) - 0.2) < 0.01, `mean P(convert | click) ${mean(data.truth.train.cvr)}`);
  assert.ok(Math.abs(data.rates.ctr - mean(data.truth.train.ctr)) < 0.01, "clicks follow P(click)");
  const { ctr, cvr, ctcvr } = data.train.targets;
  for (let i = 0; i < data.train.size; i++) {
    assert.equal(ctcvr?.values[i], ctr!.values[i]! * cvr!.values[i]!, "a conversion needs a click");
    assert.equal(data.train.masks?.cvr?.[i], ctr?.values[i], "CVR is labelled only on clicks");
  }
  assert.ok(Math.abs(data.rates.ctcvr - data.rates.ctr * data.rates.cvrClicked) < 0.01);
});

test("the sign of the correlation knob decides the direction of the sample-selection bias", () => {
  const bias = (correlation: number) => {
    const data = ctrCvrFunnel({ seed: 1, correlation, train: 20000, validation: 0, test: 0 });
    return data.rates.cvrClicked - data.rates.cvrAll;
  };
  assert.ok(bias(0.8) > 0.05, `clicked items convert more: ${bias(0.8)}`);
  assert.ok(bias(-0.8) < -0.05, `clicked items convert less: ${bias(-0.8)}`);
  assert.ok(Math.abs(bias(0)) < 0.02, `no bias without correlation: ${bias(0)}`);
});

test("ctrCvrFunnel is seeded and checks its options", () => {
  const a = ctrCvrFunnel({ seed: 2, train: 100, validation: 10, test: 10 });
  const b = ctrCvrFunnel({ seed: 2, train: 100, validation: 10, test: 10 });
  const c = ctrCvrFunnel({ seed: 3, train: 100, validation: 10, test: 10 });
  assert.ok(sameSplit(a.train, b.train) && sameSplit(a.test, b.test));
  assert.ok(!sameSplit(a.train, c.train));
  assert.throws(
    () => ctrCvrFunnel({ ctr: 1.2 }),
    (error: MtlError) => error.code === "bad-option" && /ctr and cvr in \(0, 1\)/.test(error.message),
  );
  assert.throws(
    () => ctrCvrFunnel({ tasks: ["ctr", "gmv"] }),
    (error: MtlError) => error.code === "unknown-task" && /"ctr", "cvr", "ctcvr"/.test(error.message),
  );
});

test("item ids: one-hot first in x, item effects correlated by the knob, rates still as requested", () => {
  const data = ctrCvrFunnel({ seed: 4, items: 50, d: 3, correlation: 0.8, train: 30000, validation: 10, test: 10 });
  assert.equal(data.inputSize, 53);
  assert.deepEqual(data.train.inputs.x!.shape, [53]);
  const x = data.train.inputs.x!.values as Float32Array;
  const seen = new Set<number>();
  for (let n = 0; n < data.train.size; n++) {
    const row = x.subarray(n * 53, n * 53 + 50);
    assert.equal(
      row.reduce((a, b) => a + b, 0),
      1,
      "exactly one item per impression",
    );
    assert.equal(row[data.truth.train.item[n]!], 1, "the one-hot slot is the reported item");
    seen.add(data.truth.train.item[n]!);
  }
  assert.equal(seen.size, 50, "every item is shown");
  assert.ok(Math.abs(mean(data.truth.train.ctr) - 0.1) < 0.02, `mean P(click) ${mean(data.truth.train.ctr)}`);
  assert.ok(Math.abs(mean(data.truth.train.cvr) - 0.2) < 0.03, `mean P(convert | click) ${mean(data.truth.train.cvr)}`);
  // With d = 3 features the item effects dominate: per-item mean logits of click and conversion correlate positively.
  const perItem = Array.from({ length: 50 }, () => ({ click: 0, convert: 0, count: 0 }));
  const logit = (p: number) => Math.log(p / (1 - p));
  for (let n = 0; n < data.train.size; n++) {
    const entry = perItem[data.truth.train.item[n]!]!;
    entry.click += logit(data.truth.train.ctr[n]!);
    entry.convert += logit(data.truth.train.cvr[n]!);
    entry.count++;
  }
  const clicks = perItem.map((e) => e.click / e.count);
  const converts = perItem.map((e) => e.convert / e.count);
  const r = pearson(clicks, converts);
  assert.ok(r > 0.55, `item appeal and quality correlate (ρ = 0.8): r = ${r}`);
  assert.throws(
    () => ctrCvrFunnel({ items: 2.5 }),
    (error: MtlError) => error.code === "bad-option" && /whole number of items/.test(error.message),
  );
});

test("without item ids the generator draws exactly what it drew before items existed", () => {
  const data = ctrCvrFunnel({ seed: 0, train: 5, validation: 0, test: 0 });
  assert.equal(data.inputSize, 8);
  assert.ok(data.truth.train.item.every((item) => item === 0));
  // First impression of seed 0, recorded before the `items` option was added.
  assert.deepEqual(
    Array.from(data.truth.train.ctr.slice(0, 2), (v) => v.toFixed(5)),
    FIRST_CTR,
  );
});

function pearson(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0,
    aa = 0,
    bb = 0;
  a.forEach((v, i) => {
    ab += (v - ma) * (b[i]! - mb);
    aa += (v - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

const FIRST_CTR = ["0.00472", "0.02607"];
