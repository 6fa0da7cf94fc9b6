// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// Pointers are byte offsets into the wasm backend's heap, which this module imports as its memory.

/**
 * The ReLU gradient in one pass, dx = dy · step(x) with step(x) = 1 for x > 0, NaN for NaN and 0 otherwise
 * (tfjs's Step kernel, on which tfjs-core builds the ReLU gradient as dy · cast(step(x))), so every product
 * is the same float32 multiplication and the result is bit for bit tfjs's.
 */
export function reluGradient(x: usize, dy: usize, dx: usize, n: i32): void {
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const at = (<usize>k) << 2;
    const value = v128.load(x + at);
    const positive = v128.bitselect(one, zero, f32x4.gt(value, zero));
    const step = v128.bitselect(value, positive, f32x4.ne(value, value));
    v128.store(dx + at, f32x4.mul(v128.load(dy + at), step));
  }
  for (; k < n; k++) {
    const at = (<usize>k) << 2;
    const value = load<f32>(x + at);
    const step: f32 = value > 0 ? 1 : value != value ? value : 0;
    store<f32>(dx + at, load<f32>(dy + at) * step);
  }
}
