import { test } from "node:test";
import assert from "node:assert/strict";
import {
  equal,
  interactiveHeatmap,
  interactiveLossCurves,
  paretoPlot,
  plotlyHtml,
  showPlotly,
  tokenAttention,
  toyAverageMinimum,
  toyLossAndGradients,
  toyTrajectory,
  trajectorySurface,
  type PlotlyFigure,
} from "../../src";
import { paretoFront } from "../../src/viz/pareto-plot";
import { assertJsonSnapshot } from "./json-snapshot";

const averageLoss = (x: number, y: number) => {
  const losses = toyLossAndGradients(x, y).losses;
  return ((losses[0] as number) + (losses[1] as number)) / 2;
};

test("trajectorySurface lays each path on the surface, one legend entry per panel", () => {
  const run = toyTrajectory(equal(), [-8.5, 7.5], { steps: 400, recordEvery: 100 });
  const figure = trajectorySurface(
    averageLoss,
    [{ panel: "mean gradient", label: "start (-8.5, 7.5)", path: run.path }],
    {
      resolution: 6,
      points: [{ x: toyAverageMinimum[0], y: toyAverageMinimum[1], label: "minimum" }],
      title: "toy",
    },
  );
  assert.deepEqual(
    figure.data.map((trace) => trace.type),
    ["surface", "scatter3d", "scatter3d"],
  );
  const path = figure.data[1] as { x: number[]; y: number[]; z: number[] };
  const grid = (figure.data[0] as { z: number[][] }).z;
  assert.equal(grid.length, 6);
  // Each path lies on the surface, lifted by 1% of the surface's height range so that it stays visible.
  const lift = 0.01 * (Math.max(...grid.flat()) - Math.min(...grid.flat()));
  path.z.forEach((z, i) =>
    assert.ok(Math.abs(z - lift - averageLoss(path.x[i] as number, path.y[i] as number)) < 1e-3),
  );
  assert.equal(figure.data[1]?.name, "mean gradient");
  assertJsonSnapshot("trajectory-surface", figure);
  assert.throws(() => trajectorySurface(averageLoss, [], { resolution: 1 }), { code: "bad-option" });
});

test("paretoPlot joins exactly the non-dominated runs and names method and seed on hover", () => {
  const points = [
    { method: "MGDA", seed: 0, x: 0.1, y: 0.5 },
    { method: "MGDA", seed: 1, x: 0.3, y: 0.2 },
    { method: "mean", seed: 0, x: 0.3, y: 0.3 },
    { method: "mean", seed: 1, x: 0.2, y: 0.4 },
    { method: "PCGrad", seed: 7, x: 0.5, y: 0.1 },
    { method: "PCGrad", seed: 8, x: 0.6, y: 0.6 },
  ];
  const front = paretoFront(points, { x: -1, y: -1 }).map((point) => `${point.method}/${point.seed}`);
  assert.deepEqual(front, ["MGDA/0", "mean/1", "MGDA/1", "PCGrad/7"]);
  // With "higher is better" on both axes only the top-right run survives.
  assert.deepEqual(
    paretoFront(points, { x: 1, y: 1 }).map((point) => point.seed),
    [8],
  );
  const figure = paretoPlot(points, { xLabel: "left error", yLabel: "right error", title: "front" });
  const pcgrad = figure.data.find((trace) => trace.name === "PCGrad") as {
    customdata: string[];
    hovertemplate: string;
  };
  assert.deepEqual(pcgrad.customdata, ["7", "8"]);
  assert.match(pcgrad.hovertemplate, /<b>PCGrad<\/b><br>seed %\{customdata\}<br>left error/);
  assertJsonSnapshot("pareto-plot", figure);
  assert.throws(() => paretoPlot([{ method: "x", x: Number.NaN, y: 1 }]), { code: "empty-points" });
});

test("paretoPlot traces the front from the named methods only, and draws seed spreads as error bars", () => {
  const points = [
    { method: "static 0.2", x: 80, y: 90, spread: { x: 1, y: 2 } },
    { method: "static 0.8", x: 90, y: 80, spread: { x: 0.5, y: 0.25 } },
    { method: "MGDA", x: 95, y: 95, spread: { x: 1, y: 1 } },
  ];
  const figure = paretoPlot(points, {
    frontFrom: ["static 0.2", "static 0.8"],
    frontName: "static weights",
    better: { x: "higher", y: "higher" },
  });
  const [front, , , mgda] = figure.data as {
    name: string;
    x: number[];
    line?: { shape: string };
    error_y?: { array: number[] };
  }[];
  // MGDA beats both static runs, yet the front is theirs; the step turns at (80, 80), which both dominate
  assert.deepEqual([front?.name, front?.x, front?.line?.shape], ["static weights", [80, 90], "vh"]);
  assert.deepEqual(mgda?.error_y?.array, [1]);
  const markers = figure.data.slice(1).map((trace) => (trace as { marker: { symbol: string; color: string } }).marker);
  assert.deepEqual(
    markers.map((marker) => marker.symbol),
    ["diamond", "diamond", "circle"],
  );
  assert.notEqual(markers[0]?.color, markers[1]?.color);
  assert.equal("error_x" in (paretoPlot([{ method: "a", x: 1, y: 1 }]).data[1] ?? {}), false);
  assert.throws(() => paretoPlot(points, { frontFrom: ["sweep"] }), { code: "unknown-method" });
});

test("interactiveHeatmap keeps the matrix, its labels and a hover with the value", () => {
  const figure = interactiveHeatmap(
    [
      [0.71234567, 0.28765433],
      [0.1, 0.9],
    ],
    {
      rowLabels: ["task1", "task2"],
      columnLabels: ["expert 1", "expert 2"],
      valueLabel: "gate weight",
      title: "gates",
    },
  );
  assert.deepEqual((figure.data[0] as { z: number[][] }).z, [
    [0.712346, 0.287654],
    [0.1, 0.9],
  ]);
  assertJsonSnapshot("interactive-heatmap", figure);
  assert.throws(() => interactiveHeatmap([[1, 2], [3]]), { code: "bad-matrix" });
  const cosines = interactiveHeatmap(
    [
      [1, -0.5],
      [-0.5, 1],
    ],
    { scheme: "rdbu" },
  );
  assert.equal((cosines.data[0] as { zmid?: number }).zmid, 0);
});

test("interactiveLossCurves draws one trace per task and split, skipping missing losses", () => {
  const figure = interactiveLossCurves(
    {
      epochs: [
        { epoch: 0, train: { losses: { left: 1.2, right: 1.4 } }, validation: { left: 1.1, right: Number.NaN } },
        { epoch: 1, train: { losses: { left: 0.7, right: 0.9 } }, validation: { left: 0.8, right: 1.0 } },
      ],
    },
    { title: "losses", logScale: true },
  );
  assert.deepEqual(
    figure.data.map((trace) => [trace.name, (trace as { x: number[] }).x]),
    [
      ["left · train", [1, 2]],
      ["left · validation", [1, 2]],
      ["right · train", [1, 2]],
      ["right · validation", [2]],
    ],
  );
  assertJsonSnapshot("interactive-loss-curves", figure);
  assert.throws(() => interactiveLossCurves([]), { code: "empty-history" });
});

test("tokenAttention shades tokens per row and checks one weight per token", () => {
  const figure = tokenAttention(
    ["we", "cut", "taxes"],
    [
      [0.2, 0.3, 0.5],
      [0.6, 0.3, 0.1],
    ],
    { rowLabels: ["party", "year"], title: "attention" },
  );
  assert.deepEqual((figure.data[0] as { text: string[][] }).text[1], ["we", "cut", "taxes"]);
  assertJsonSnapshot("token-attention", figure);
  assert.throws(() => tokenAttention(["a", "b"], [[1, 0, 0]]), { code: "bad-matrix" });
});

const tiny: PlotlyFigure = {
  data: [{ type: "scatter", x: [1], y: [2] }],
  layout: { title: { text: "a </script> title" } },
};
const bundles = (html: string) => html.match(/<script data-mtlkit-plotly-bundle="4\.\d+\.\d+">/g)?.length ?? 0;

test("plotlyHtml inlines plotly.js v4 only when asked and cannot be broken out of its script", () => {
  const inline = plotlyHtml(tiny, { bundle: "inline" });
  assert.equal(bundles(inline), 1);
  assert.ok(inline.length > 4_000_000, `the bundle is ${inline.length} characters`);
  assert.ok(
    !/\bdefine\.amd\b/.test(inline),
    "a bundle that registers with require.js would not set window.Plotly in classic Notebook",
  );
  const plain = plotlyHtml(tiny);
  assert.equal(bundles(plain), 0);
  assert.ok(plain.length < 3000);
  assert.equal(plain.match(/<\/script>/g)?.length, 1, "the title's </script> is escaped inside the spec");
  assert.match(plain, /data-title="a &lt;\/script> title"/);
});

test("showPlotly sends the bundle with the first figure of a kernel only, and again when asked", () => {
  const sent: { data: Record<string, string> }[] = [];
  const fake = "/fake/node_modules/tslab/dist/jupyter.js";
  showPlotly(tiny); // outside a notebook: nothing shown, nothing remembered
  require.cache[fake] = {
    exports: { lastWriteDisplayData: (message: { data: Record<string, string> }) => sent.push(message) },
  } as unknown as NodeJS.Module;
  try {
    showPlotly(tiny);
    showPlotly(tiny);
    showPlotly(tiny, { bundle: "inline" });
  } finally {
    delete require.cache[fake];
  }
  assert.deepEqual(
    sent.map((message) => bundles(message.data["text/html"] as string)),
    [1, 0, 1],
  );
  assert.equal(sent[0]?.data["text/plain"], "[interactive figure: a </script> title]");
});
