import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/backend";
import { hardSharing, mlp, countParameters } from "../../src/arch";
import { train, singleTask, finalScores } from "../../src/train";
import { deltaM } from "../../src/metrics";
import { makeDataset, makeModel, tasks } from "./fixtures";

test("singleTask trains one model per task with the same trunk and budget, ready for Δm", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset();
  const options = {
    epochs: 2,
    batchSize: 64,
    seed: 3,
    learningRates: { shared: 0.002, a: 0.003 },
    earlyStopping: { monitor: "a.accuracy", patience: 5 },
  };
  const baseline = await singleTask(
    { tasks, build: (task) => hardSharing({ trunk: mlp({ inputShape: [4], hidden: [16] }), tasks: [task], seed: 1 }) },
    data,
    options,
  );
  assert.deepEqual(Object.keys(baseline.models), ["a", "b"]);
  assert.deepEqual(Object.keys(baseline.scores.a!), ["accuracy", "macroF1"]);
  assert.deepEqual(Object.keys(baseline.scores.b!), ["rmse", "mae"]);
  assert.equal(baseline.histories.b!.best?.monitor, "loss", "a monitor naming another task falls back to the loss");
  assert.equal(baseline.histories.a!.epochs.length, 2);
  const perModel = Object.values(baseline.models).map((model) => countParameters(model).total);
  assert.equal(baseline.parameters, perModel[0]! + perModel[1]!);
  assert.ok(baseline.seconds > 0);
  const model = makeModel();
  const history = await train(model, data, options);
  assert.ok(baseline.parameters > history.parameters.total, "two trunks cost more than one");
  const gain = deltaM(finalScores(history), baseline.scores);
  assert.ok(Number.isFinite(gain.percent));
  assert.deepEqual(Object.keys(gain.perTask), ["a", "b"]);
  Object.values(baseline.models).forEach((m) => m.dispose());
  model.dispose();
});
