// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// Pointers are byte offsets into the wasm backend's heap, which this module imports as its memory.

/**
 * A valid NHWC convolution (padding is the caller's, x already padded), y[n,oh,ow,co] = Σ_{kh} Σ_{j<kw·ci}
 * x[n, sh·oh+kh, sw·ow·ci + j] · W[kh, j, co]: in NHWC one filter row's taps (kw, ci) are a contiguous run
 * of x, so each output row is a GEMM over runs read in place (no im2col columns are stored), in tiles of
 * 4 positions × 8 output channels with 8 accumulators in registers, each element summed in (kh, kw, ci)
 * order. A row's last one to three positions take a 3-position tile, and the last channel block starts
 * earlier; where these overlap their neighbours they write the same values again, so there are no tails. Images [imageBegin, imageEnd) only, so threads can split
 * the batch. Needs outWidth ≥ 4 and outChannels ≥ 8.
 */
export function conv2dForward(
  x: usize,
  w: usize,
  y: usize,
  height: i32,
  width: i32,
  inChannels: i32,
  outHeight: i32,
  outWidth: i32,
  outChannels: i32,
  filterHeight: i32,
  filterWidth: i32,
  strideHeight: i32,
  strideWidth: i32,
  imageBegin: i32,
  imageEnd: i32,
): void {
  const run = filterWidth * inChannels;
  const position = (<usize>(strideWidth * inChannels)) << 2;
  const xRow = (<usize>(width * inChannels)) << 2;
  const wRow = (<usize>outChannels) << 2;
  const wFilterRow = <usize>run * wRow;
  const yRow = (<usize>(outWidth * outChannels)) << 2;
  for (let n = imageBegin; n < imageEnd; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const xStart = x + <usize>(n * height + oh * strideHeight) * xRow;
      const yStart = y + <usize>(n * outHeight + oh) * yRow;
      for (let j0 = 0; j0 < outChannels; j0 += 8) {
        const j = min(j0, outChannels - 8);
        const wBlock = w + ((<usize>j) << 2);
        const yBlock = yStart + ((<usize>j) << 2);
        let i = 0;
        for (; i + 4 <= outWidth; i += 4) {
          const xAt = xStart + <usize>i * position;
          tile4(xAt, position, xRow, wBlock, wRow, wFilterRow, yBlock + <usize>i * wRow, wRow, filterHeight, run);
        }
        // One to three positions left: a three-position tile ending at the last one.
        if (i < outWidth) {
          const last = outWidth - 3;
          const xAt = xStart + <usize>last * position;
          tile3(xAt, position, xRow, wBlock, wRow, wFilterRow, yBlock + <usize>last * wRow, wRow, filterHeight, run);
        }
      }
    }
  }
}

// Four positions (x runs `position` bytes apart) × eight channels, over filterHeight runs of `run` taps.
function tile4(
  x: usize,
  position: usize,
  xRow: usize,
  w: usize,
  wRow: usize,
  wFilterRow: usize,
  y: usize,
  yPosition: usize,
  filterHeight: i32,
  run: i32,
): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0),
    c10 = f32x4.splat(0),
    c11 = f32x4.splat(0),
    c20 = f32x4.splat(0),
    c21 = f32x4.splat(0),
    c30 = f32x4.splat(0),
    c31 = f32x4.splat(0);
  for (let kh = 0; kh < filterHeight; kh++) {
    let pa = x + <usize>kh * xRow;
    let pb = w + <usize>kh * wFilterRow;
    for (let p = 0; p < run; p++) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.load32_splat(pa);
      const x1 = v128.load32_splat(pa + position);
      const x2 = v128.load32_splat(pa + 2 * position);
      const x3 = v128.load32_splat(pa + 3 * position);
      c00 = f32x4.add(c00, f32x4.mul(x0, b0));
      c01 = f32x4.add(c01, f32x4.mul(x0, b1));
      c10 = f32x4.add(c10, f32x4.mul(x1, b0));
      c11 = f32x4.add(c11, f32x4.mul(x1, b1));
      c20 = f32x4.add(c20, f32x4.mul(x2, b0));
      c21 = f32x4.add(c21, f32x4.mul(x2, b1));
      c30 = f32x4.add(c30, f32x4.mul(x3, b0));
      c31 = f32x4.add(c31, f32x4.mul(x3, b1));
      pa += 4;
      pb += wRow;
    }
  }
  v128.store(y, c00);
  v128.store(y, c01, 16);
  v128.store(y + yPosition, c10);
  v128.store(y + yPosition, c11, 16);
  v128.store(y + 2 * yPosition, c20);
  v128.store(y + 2 * yPosition, c21, 16);
  v128.store(y + 3 * yPosition, c30);
  v128.store(y + 3 * yPosition, c31, 16);
}

// Three positions × eight channels: tile4 without its fourth position.
function tile3(
  x: usize,
  position: usize,
  xRow: usize,
  w: usize,
  wRow: usize,
  wFilterRow: usize,
  y: usize,
  yPosition: usize,
  filterHeight: i32,
  run: i32,
): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0),
    c10 = f32x4.splat(0),
    c11 = f32x4.splat(0),
    c20 = f32x4.splat(0),
    c21 = f32x4.splat(0);
  for (let kh = 0; kh < filterHeight; kh++) {
    let pa = x + <usize>kh * xRow;
    let pb = w + <usize>kh * wFilterRow;
    for (let p = 0; p < run; p++) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.load32_splat(pa);
      const x1 = v128.load32_splat(pa + position);
      const x2 = v128.load32_splat(pa + 2 * position);
      c00 = f32x4.add(c00, f32x4.mul(x0, b0));
      c01 = f32x4.add(c01, f32x4.mul(x0, b1));
      c10 = f32x4.add(c10, f32x4.mul(x1, b0));
      c11 = f32x4.add(c11, f32x4.mul(x1, b1));
      c20 = f32x4.add(c20, f32x4.mul(x2, b0));
      c21 = f32x4.add(c21, f32x4.mul(x2, b1));
      pa += 4;
      pb += wRow;
    }
  }
  v128.store(y, c00);
  v128.store(y, c01, 16);
  v128.store(y + yPosition, c10);
  v128.store(y + yPosition, c11, 16);
  v128.store(y + 2 * yPosition, c20);
  v128.store(y + 2 * yPosition, c21, 16);
}
