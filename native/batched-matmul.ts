// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.

/**
 * out[i] = op(A[i]) · op(B[i]) for a batch of small float32 matrices, op = transpose when asked, in one
 * call: the wasm backend's own batched matmul runs a scalar loop with transposes, and XNNPACK would pay an
 * operator and a weight packing per matrix. A is rows × inner after op, B is inner × cols after op;
 * aStride / bStride are the elements between consecutive matrices (0 broadcasts one matrix to the batch).
 */
export function batchedMatMul(
  a: usize,
  b: usize,
  out: usize,
  batch: i32,
  rows: i32,
  inner: i32,
  cols: i32,
  aStride: i32,
  bStride: i32,
  transposeA: bool,
  transposeB: bool,
): void {
  for (let i = 0; i < batch; i++) {
    const aMatrix = a + ((<usize>i * <usize>aStride) << 2);
    const bMatrix = b + ((<usize>i * <usize>bStride) << 2);
    const outMatrix = out + ((<usize>i * <usize>rows * <usize>cols) << 2);
    if (!transposeB) rowTimesRows(aMatrix, bMatrix, outMatrix, rows, inner, cols, transposeA);
    else if (!transposeA) rowDotRows(aMatrix, bMatrix, outMatrix, rows, inner, cols);
    else scalarBothTransposed(aMatrix, bMatrix, outMatrix, rows, inner, cols);
  }
}

// B stored inner × cols: each output row is a sum of B's rows scaled by A's entries, four columns a lane.
function rowTimesRows(a: usize, b: usize, out: usize, rows: i32, inner: i32, cols: i32, transposeA: bool): void {
  const vectorCols = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const outRow = out + ((<usize>r * <usize>cols) << 2);
    memory.fill(outRow, 0, (<usize>cols) << 2);
    for (let k = 0; k < inner; k++) {
      const index = transposeA ? k * rows + r : r * inner + k;
      const scale = load<f32>(a + ((<usize>index) << 2));
      const scales = f32x4.splat(scale);
      const bRow = b + ((<usize>k * <usize>cols) << 2);
      let j = 0;
      for (; j < vectorCols; j += 4) {
        const at = (<usize>j) << 2;
        v128.store(outRow + at, f32x4.add(v128.load(outRow + at), f32x4.mul(scales, v128.load(bRow + at))));
      }
      for (; j < cols; j++) {
        const at = (<usize>j) << 2;
        store<f32>(outRow + at, load<f32>(outRow + at) + scale * load<f32>(bRow + at));
      }
    }
  }
}

// A stored rows × inner and B stored cols × inner (transposed): each output is a dot product of two rows.
function rowDotRows(a: usize, b: usize, out: usize, rows: i32, inner: i32, cols: i32): void {
  const vectorInner = inner & ~3;
  for (let r = 0; r < rows; r++) {
    const aRow = a + ((<usize>r * <usize>inner) << 2);
    for (let c = 0; c < cols; c++) {
      const bRow = b + ((<usize>c * <usize>inner) << 2);
      let sums = f32x4.splat(0);
      let k = 0;
      for (; k < vectorInner; k += 4) {
        const at = (<usize>k) << 2;
        sums = f32x4.add(sums, f32x4.mul(v128.load(aRow + at), v128.load(bRow + at)));
      }
      let sum: f32 =
        f32x4.extract_lane(sums, 0) +
        f32x4.extract_lane(sums, 1) +
        (f32x4.extract_lane(sums, 2) + f32x4.extract_lane(sums, 3));
      for (; k < inner; k++) {
        const at = (<usize>k) << 2;
        sum += load<f32>(aRow + at) * load<f32>(bRow + at);
      }
      store<f32>(out + ((<usize>(r * cols + c)) << 2), sum);
    }
  }
}

// Both transposed: rare (tfjs emits it only for the gradient of a doubly transposed matmul); plain loops.
function scalarBothTransposed(a: usize, b: usize, out: usize, rows: i32, inner: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let sum: f32 = 0;
      for (let k = 0; k < inner; k++) {
        sum += load<f32>(a + ((<usize>(k * rows + r)) << 2)) * load<f32>(b + ((<usize>(c * inner + k)) << 2));
      }
      store<f32>(out + ((<usize>(r * cols + c)) << 2), sum);
    }
  }
}
