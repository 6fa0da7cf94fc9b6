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
  assert.throws(() => ctrCvrFunnel({ ctr: 1.2 }), (error: MtlError) => error.code === "bad-option" && /ctr and cvr in \(0, 1\)/.test(error.message));
  assert.throws(() => ctrCvrFunnel({ tasks: ["ctr", "gmv"] }), (error: MtlError) => error.code === "unknown-task" && /"ctr", "cvr", "ctcvr"/.test(error.message));
});
