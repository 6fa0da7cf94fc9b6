import * as mtl from "./src";
async function main() {
  const report = await mtl.initBackend();
  console.log(report.backend);
  const data = await mtl.loadMnistLocalization({ seed: 0, train: +(process.env.N ?? 2000), validation: 200, test: 500, canvas: 40, tasks: ["digit", "box", "mask"] });
  const tasks: mtl.Task[] = data.tasks.map((t) => t.name === "box" ? { ...t, activation: "sigmoid", loss: (process.env.BOXLOSS ?? "giou") as mtl.LossName, metrics: ["iou", "boxAccuracy"] } : t);
  const build = (ts: readonly mtl.Task[]) => mtl.hardSharing({ trunk: mtl.convMap({ inputShape: [40, 40, 1], filters: [8, 16] }), tasks: ts, head: { hidden: [32] }, heads: { mask: { hidden: [8] } }, inputName: "image", seed: 0 });
  const t0 = Date.now();
  const model = build(tasks);
  const history = await mtl.train(model, data, { epochs: +(process.env.E ?? 3), batchSize: 32, seed: 0, optimizer: { learningRate: 3e-3 } });
  console.log(JSON.stringify(mtl.finalScores(history)), (Date.now() - t0) / 1000, "s", mtl.countParameters(model));
}
main();
