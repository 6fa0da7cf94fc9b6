// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// Pointers are byte offsets into the wasm backend's heap, which this module imports as its memory.

/**
 * One Adam step (Kingma & Ba 2015, Algorithm 1, in tfjs's AdamOptimizer form) over n floats, four lanes
 * at a time: m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², x' = x − lr·(m'/(1−β₁ᵗ)) / (√(v'/(1−β₂ᵗ)) + ε).
 * Every operation is a float32 operation, as in tfjs's own elementwise kernels.
 */
export function adamUpdate(
  x: usize,
  m: usize,
  v: usize,
  gradient: usize,
  xOut: usize,
  mOut: usize,
  vOut: usize,
  n: i32,
  beta1: f32,
  beta2: f32,
  oneMinusBeta1: f32,
  oneMinusBeta2: f32,
  correction1: f32,
  correction2: f32,
  epsilon: f32,
  negativeRate: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const c1 = f32x4.splat(oneMinusBeta1);
  const c2 = f32x4.splat(oneMinusBeta2);
  const k1 = f32x4.splat(correction1);
  const k2 = f32x4.splat(correction2);
  const eps = f32x4.splat(epsilon);
  const rate = f32x4.splat(negativeRate);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = (<usize>i) << 2;
    const g = v128.load(gradient + at);
    const m1 = f32x4.add(f32x4.mul(v128.load(m + at), b1), f32x4.mul(g, c1));
    const v1 = f32x4.add(f32x4.mul(v128.load(v + at), b2), f32x4.mul(f32x4.mul(g, g), c2));
    v128.store(mOut + at, m1);
    v128.store(vOut + at, v1);
    const step = f32x4.div(f32x4.div(m1, k1), f32x4.add(f32x4.sqrt(f32x4.div(v1, k2)), eps));
    v128.store(xOut + at, f32x4.add(f32x4.mul(step, rate), v128.load(x + at)));
  }
  for (; i < n; i++) {
    const at = (<usize>i) << 2;
    const g = load<f32>(gradient + at);
    const m1 = load<f32>(m + at) * beta1 + g * oneMinusBeta1;
    const v1 = load<f32>(v + at) * beta2 + g * g * oneMinusBeta2;
    store<f32>(mOut + at, m1);
    store<f32>(vOut + at, v1);
    const step = m1 / correction1 / (Mathf.sqrt(v1 / correction2) + epsilon);
    store<f32>(xOut + at, step * negativeRate + load<f32>(x + at));
  }
}
