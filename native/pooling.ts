// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// Pointers are byte offsets into the wasm backend's heap, which this module imports as its memory.

/**
 * The gradient of a 2×2, stride-2, unpadded NHWC max pool: each dy[n,oh,ow,c] goes to the first of the
 * window's four inputs x[n, 2oh+i, 2ow+j, c] (order (0,0), (0,1), (1,0), (1,1)) holding its maximum, compared
 * with `>` from the first, so all-negative windows, ties and NaNs behave as in tfjs's cpu kernel; every other
 * dx is 0. Four channels a vector; the last vector overlaps the one before it (it writes the same values), so
 * only fewer than four channels take the scalar loop.
 */
export function maxPoolGrad2x2(
  x: usize,
  dy: usize,
  dx: usize,
  batch: i32,
  inHeight: i32,
  inWidth: i32,
  channels: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  // Rows and columns no window covers (odd sizes) get no gradient.
  if (2 * outHeight < inHeight || 2 * outWidth < inWidth) {
    memory.fill(dx, 0, (<usize>(batch * inHeight * inWidth * channels)) << 2);
  }
  const pixel = (<usize>channels) << 2;
  const row = (<usize>(inWidth * channels)) << 2;
  let d = dy;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const start = (<usize>((n * inHeight + 2 * oh) * inWidth * channels)) << 2;
      for (let ow = 0; ow < outWidth; ow++) {
        const at = start + <usize>(2 * ow) * pixel;
        if (channels >= 4) {
          for (let c = 0; c < channels; c += 4) {
            const lane = (<usize>min(c, channels - 4)) << 2;
            window4(x + at + lane, d + lane, dx + at + lane, pixel, row);
          }
        } else {
          for (let c = 0; c < channels; c++) {
            const lane = (<usize>c) << 2;
            window1(x + at + lane, d + lane, dx + at + lane, pixel, row);
          }
        }
        d += pixel;
      }
    }
  }
}

// Four channels of one window: masks of "this input is the first maximum", then dy or 0 to each input.
function window4(x: usize, dy: usize, dx: usize, pixel: usize, row: usize): void {
  const a = v128.load(x);
  const b = v128.load(x + pixel);
  const c = v128.load(x + row);
  const d = v128.load(x + row + pixel);
  const g = v128.load(dy);
  const isB = f32x4.gt(b, a);
  let best = v128.bitselect(b, a, isB);
  const isC = f32x4.gt(c, best);
  best = v128.bitselect(c, best, isC);
  const isD = f32x4.gt(d, best);
  const later = v128.or(isC, isD);
  v128.store(dx, v128.andnot(g, v128.or(isB, later)));
  v128.store(dx + pixel, v128.andnot(v128.and(g, isB), later));
  v128.store(dx + row, v128.andnot(v128.and(g, isC), isD));
  v128.store(dx + row + pixel, v128.and(g, isD));
}

// One channel of one window, for fewer than four channels (no arrays: the stub runtime must not allocate).
function window1(x: usize, dy: usize, dx: usize, pixel: usize, row: usize): void {
  let best = load<f32>(x);
  let winner: usize = 0;
  let value = load<f32>(x + pixel);
  if (value > best) {
    best = value;
    winner = pixel;
  }
  value = load<f32>(x + row);
  if (value > best) {
    best = value;
    winner = row;
  }
  if (load<f32>(x + row + pixel) > best) winner = row + pixel;
  store<f32>(dx, 0);
  store<f32>(dx + pixel, 0);
  store<f32>(dx + row, 0);
  store<f32>(dx + row + pixel, 0);
  store<f32>(dx + winner, load<f32>(dy));
}
