import type * as tf from "@tensorflow/tfjs-core";

/**
 * Adds the columns of an im2col-shaped product back onto the input grid (col2im): row (n, oh, ow)
 * of `columns` holds, for each filter tap (kh, kw, ci), the gradient that flows to input pixel
 * (oh·stride + kh − top, ow·stride + kw − left) channel ci; taps in the padding are dropped.
 * `dx` is NHWC and must start at zero. With it the input gradient of a convolution is one GEMM,
 * dy · Wᵀ, and no zero-padded output gradient is ever multiplied.
 */
export function col2imAdd(columns: Float32Array, dx: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const rowStride = inWidth * inChannels;
  const tapRow = filterWidth * inChannels;
  let source = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++, source += filterHeight * tapRow) {
        const iw0 = ow * strideWidth - left;
        // The run of taps kw ∈ [kwFirst, kwEnd) that land inside the input; contiguous in both.
        const kwFirst = Math.max(0, -iw0);
        const kwEnd = Math.min(filterWidth, inWidth - iw0);
        if (kwEnd <= kwFirst) continue;
        const length = (kwEnd - kwFirst) * inChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh - top;
          if (ih < 0 || ih >= inHeight) continue;
          const from = source + kh * tapRow + kwFirst * inChannels;
          const to = (n * inHeight + ih) * rowStride + (iw0 + kwFirst) * inChannels;
          for (let j = 0; j < length; j++) dx[to + j] = (dx[to + j] as number) + (columns[from + j] as number);
        }
      }
    }
  }
}
