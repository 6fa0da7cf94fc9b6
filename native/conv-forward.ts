// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// Pointers are byte offsets into the wasm backend's heap, which this module imports as its memory.
import { tile3x8, tile4x8 } from "./lib/tiles";

/**
 * A valid NHWC convolution (padding is the caller's, x already padded), y[n,oh,ow,co] = Σ_{kh} Σ_{j<kw·ci}
 * x[n, sh·oh+kh, sw·ow·ci + j] · W[kh, j, co]: in NHWC one filter row's taps (kw, ci) are a contiguous run
 * of x, so each output row is a GEMM over runs read in place (no im2col columns are stored), in dense's
 * tiles (native/lib/tiles.ts, one filter row per segment) of 4 positions × 8 output channels, each element
 * summed in (kh, kw, ci) order. A row's last one to three positions take a 3-position tile, and the last
 * channel block starts earlier; where these overlap their neighbours they write the same values again, so
 * there are no tails. Images [imageBegin, imageEnd) only, so threads can split the batch. Needs
 * outWidth ≥ 4 and outChannels ≥ 8.
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
          tile4x8(
            xAt,
            position,
            4,
            xRow,
            wBlock,
            wRow,
            wFilterRow,
            filterHeight,
            run,
            yBlock + <usize>i * wRow,
            wRow,
            0,
            0,
          );
        }
        // One to three positions left: a three-position tile ending at the last one.
        if (i < outWidth) {
          const last = outWidth - 3;
          const xAt = xStart + <usize>last * position;
          tile3x8(
            xAt,
            position,
            4,
            xRow,
            wBlock,
            wRow,
            wFilterRow,
            filterHeight,
            run,
            yBlock + <usize>last * wRow,
            wRow,
            0,
            0,
          );
        }
      }
    }
  }
}
