// Prints the wasm backend's own GEMM rate (512×512×512 float32 matmul, XNNPACK) as JSON.
// Usage: node --import tsx bench/gemm-rate.ts [--threads N]   (default: MTL_THREADS, else 1)
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../src/backend";

function threadsArgument(): number | undefined {
  const at = process.argv.indexOf("--threads");
  return at < 0 ? undefined : Number(process.argv[at + 1]);
}

async function main(): Promise<void> {
  const report = await initBackend({ backend: "wasm", threads: threadsArgument() });
  const n = 512;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const rates: number[] = [];
  for (let r = 0; r < 7; r++) {
    const begin = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    rates.push((2 * n ** 3) / ((performance.now() - begin) * 1e6));
    c.dispose();
  }
  rates.sort((x, y) => x - y);
  console.log(JSON.stringify({ backend: "mtlkit-wasm", threads: report.threads, gemmGflops: rates[3] }));
}

main();
