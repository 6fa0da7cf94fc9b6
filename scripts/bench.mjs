// `npm run bench`: trains the course's representative workloads (bench/workloads.ts) at batch 128 on
// mtlkit's wasm backend (with its training kernels), on plain wasm, on cpu and — when /usr/bin/python3
// has torch — with the PyTorch twins in bench/torch/ against OpenBLAS, then prints samples/s (median
// over repeats, backends interleaved so machine load hits all alike) with the ratio to PyTorch, and
// writes the same as JSON to bench/results/.  Options: --repeats N, --only mlp,gru,
// --quick (one repeat), --cpu-timeout S (default 120 s per cpu run).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = args.includes("--quick");
const repeats = Number(option("repeats", quick ? 1 : 3));
const only = option("only", "")?.split(",").filter(Boolean) ?? [];
const batch = 128;
const python = "/usr/bin/python3";
const openblas = "/usr/lib/x86_64-linux-gnu/openblas-pthread";

// Steps per timed run; cpu trains convolutions and the GRU at a few samples/s, so it gets one step.
const workloads = [
  { name: "mlp", steps: { tfjs: 30, cpu: 10, pytorch: 60 }, goal: 0.3 },
  { name: "mmoe", steps: { tfjs: 30, cpu: 10, pytorch: 60 }, goal: 0.3 },
  { name: "cnn", steps: { tfjs: 5, cpu: 1, pytorch: 15 }, goal: 0.5 },
  { name: "lenet", steps: { tfjs: 5, cpu: 1, pytorch: 15 }, goal: 0.5 },
  { name: "gru", steps: { tfjs: 4, cpu: 1, pytorch: 15 }, goal: 0.2 },
  { name: "vision", steps: { tfjs: 4, cpu: 1, pytorch: 15 }, goal: 0.3 },
  { name: "two-tower", steps: { tfjs: 30, cpu: 10, pytorch: 60 }, goal: 0.3 },
].filter((w) => only.length === 0 || only.includes(w.name));
const forwardMacs = { mlp: 268_288, mmoe: 70_848, cnn: 3_108_480, lenet: 1_017_000, gru: 983_424, vision: 2_074_048 };
forwardMacs["two-tower"] = 53_376; // lesson 11's model: the rating MLP plus one row of the 128 × 128 in-batch scores

function runJson(command, commandArgs, env = {}, timeoutSeconds = 600) {
  const result = spawnSync(command, commandArgs, {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: timeoutSeconds * 1000,
    killSignal: "SIGKILL",
  });
  if (result.signal) return { error: `did not finish within ${timeoutSeconds} s` };
  const line = (result.stdout ?? "")
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .pop();
  if (line === undefined) return { error: (result.stderr || "no output").trim().split("\n").slice(-1)[0] };
  return JSON.parse(line);
}

function ensureTorch() {
  const hasTorch = () => spawnSync(python, ["-c", "import torch"]).status === 0;
  const root = process.getuid?.() === 0;
  if (existsSync(python) && hasTorch() && existsSync(openblas)) return "ready";
  if (!root) return "skipped: /usr/bin/python3 lacks torch or OpenBLAS and installing needs root";
  console.log("installing python3-torch and libopenblas0-pthread with apt-get …");
  const apt = spawnSync(
    "apt-get",
    ["install", "-y", "--no-install-recommends", "python3-torch", "libopenblas0-pthread"],
    {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    },
  );
  if (apt.status !== 0 || !hasTorch()) return "skipped: apt-get install python3-torch libopenblas0-pthread failed";
  return "ready";
}

// cpu's embedding gradient (UnsortedSegmentSum) grows with the vocabulary: cap its runs.
const tfjsRun = (name, backend, steps) =>
  runJson(
    process.execPath,
    ["--import", "tsx", "bench/run-tfjs.ts", name, backend, String(steps), "1", String(batch)],
    {},
    backend === "cpu" ? Number(option("cpu-timeout", 120)) : 600,
  );
const torchRun = (name, steps) =>
  runJson(python, [join("bench", "torch", `${name.replace("-", "_")}.py`), String(steps), "1", String(batch)], {
    LD_LIBRARY_PATH: openblas,
  });

const torchState = ensureTorch();
const backends = ["mtlkit-wasm", "wasm", "cpu", ...(torchState === "ready" ? ["pytorch"] : [])];
const runs = Object.fromEntries(workloads.map((w) => [w.name, Object.fromEntries(backends.map((b) => [b, []]))]));
const failures = {};
// mtlkit's own bar (built to dist/ by npm install): a line redrawn in place on a terminal, plain lines in CI.
const { progressBar } = createRequire(import.meta.url)(join(repoRoot, "dist", "index.js"));
const bar = progressBar({ total: repeats * workloads.length * backends.length, label: "bench" });
let finished = 0;
for (let r = 0; r < repeats; r++) {
  for (const w of workloads) {
    for (const backend of backends) {
      bar.update(finished, `repeat ${r + 1}/${repeats}: ${w.name} on ${backend}`);
      finished++;
      if (failures[`${w.name}/${backend}`]) continue;
      const result =
        backend === "pytorch"
          ? torchRun(w.name, w.steps.pytorch)
          : tfjsRun(w.name, backend, backend === "cpu" ? w.steps.cpu : w.steps.tfjs);
      if (result.error) failures[`${w.name}/${backend}`] = result.error;
      else runs[w.name][backend].push(result);
    }
  }
}
bar.finish(`${finished} runs`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const gemm = {
  "mtlkit-wasm": runJson(process.execPath, ["--import", "tsx", "bench/gemm-rate.ts"]).gemmGflops,
  pytorch:
    torchState === "ready"
      ? runJson(python, ["bench/torch/gemm.py"], { LD_LIBRARY_PATH: openblas }).gemmGflops
      : undefined,
};
const torchInfo = torchState === "ready" ? runs[workloads[0].name].pytorch[0] : undefined;

const rows = workloads.map((w) => {
  const rate = Object.fromEntries(backends.map((b) => [b, median(runs[w.name][b].flatMap((x) => x.samplesPerSecond))]));
  const ratio = rate.pytorch ? rate["mtlkit-wasm"] / rate.pytorch : undefined;
  const gflops = (backend) => (6 * forwardMacs[w.name] * rate[backend]) / 1e9;
  return {
    workload: w.name,
    samplesPerSecond: rate,
    ratioToPytorch: ratio,
    goal: w.goal,
    trainingGflops: { "mtlkit-wasm": gflops("mtlkit-wasm"), pytorch: rate.pytorch ? gflops("pytorch") : undefined },
    fractionOfGemm: {
      "mtlkit-wasm": gflops("mtlkit-wasm") / gemm["mtlkit-wasm"],
      pytorch: rate.pytorch ? gflops("pytorch") / gemm.pytorch : undefined,
    },
    failures: Object.fromEntries(
      backends.filter((b) => failures[`${w.name}/${b}`]).map((b) => [b, failures[`${w.name}/${b}`]]),
    ),
  };
});

const fmt = (x, digits = 0) => (x === undefined || Number.isNaN(x) ? "—" : x.toFixed(digits));
console.log(
  `samples/s at batch ${batch}, median of ${repeats} interleaved repeat(s); tfjs runs use mtlkit's fusedAdam` +
    ` (tf.train.adam's maths) and the gru workload mtlkit's fusedGruLayer (tfjs-layers' GRU maths)` +
    ` with a padding mask (PyTorch: pack_padded_sequence)`,
);
console.log(
  `PyTorch: ${torchState === "ready" ? `torch ${torchInfo?.torch}, ${torchInfo?.threads} thread(s), BLAS loaded: ${torchInfo?.blasLoaded?.join(", ")}` : torchState}`,
);
console.log(`GEMM 512³ GFLOP/s: wasm ${fmt(gemm["mtlkit-wasm"], 1)}, PyTorch ${fmt(gemm.pytorch, 1)}`);
const header = ["workload", ...backends, "ratio", "goal", "wasm %GEMM", "torch %GEMM"];
const table = rows.map((row) => [
  row.workload,
  ...backends.map((b) => fmt(row.samplesPerSecond[b])),
  fmt(row.ratioToPytorch, 2),
  `≥ ${row.goal}`,
  fmt(100 * row.fractionOfGemm["mtlkit-wasm"]),
  fmt(row.fractionOfGemm.pytorch === undefined ? undefined : 100 * row.fractionOfGemm.pytorch),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log([line(header), line(widths.map((w) => "-".repeat(w))), ...table.map(line)].join("\n"));
for (const row of rows)
  for (const [b, message] of Object.entries(row.failures)) console.log(`${row.workload} on ${b}: ${message}`);

const resultsDir = join(repoRoot, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ batch, repeats, torch: torchState, torchInfo, gemm, rows, runs }, null, 2));
console.log(`wrote ${file}`);
