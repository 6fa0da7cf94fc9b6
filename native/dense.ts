// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// The small GEMMs of dense layers (batch ≈ 128, widths ≤ 1024), where XNNPACK's per-call operator
// creation and weight packing cost as much as the multiply: no packing here, transposed A read in place.
import { tile1x8, tile3x8, tile4x8 } from "./lib/tiles";

/**
 * C = op(A) · B (+ bias) (then max(·, 0) with `relu`), float32, accumulated in k order per element.
 * op(A)'s element (i, p) is at a + 4·(i·aRow + p·aCol): row-major A has aRow = k, aCol = 1; Aᵀ of a
 * row-major [k, m] matrix has aRow = 1, aCol = m. B is row-major [k, n] with row stride bRow floats, C is
 * row-major [m, n]. Tiles of 4 rows × 8 columns keep 8 accumulators in registers (native/lib/tiles.ts); three
 * rows left over take a 3-row tile.
 */
export function gemm(
  a: usize,
  b: usize,
  c: usize,
  bias: usize,
  m: i32,
  k: i32,
  n: i32,
  aRow: i32,
  aCol: i32,
  bRow: i32,
  hasBias: i32,
  relu: i32,
): void {
  const rowStep = (<usize>aRow) << 2;
  const colStep = (<usize>aCol) << 2;
  const bStep = (<usize>bRow) << 2;
  const rowBytes = (<usize>n) << 2;
  // Row blocks of four, then three or one at a time for what is left.
  for (let i = 0; i < m;) {
    const rows = m - i >= 4 ? 4 : m - i == 3 ? 3 : 1;
    const a0 = a + <usize>i * rowStep;
    const c0 = c + <usize>i * rowBytes;
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      const jBytes = (<usize>j) << 2;
      const at = biasColumn(bias, hasBias, j);
      if (rows == 4) tile4x8(a0, rowStep, colStep, 0, b + jBytes, bStep, 0, 1, k, c0 + jBytes, rowBytes, at, relu);
      else if (rows == 3) tile3x8(a0, rowStep, colStep, 0, b + jBytes, bStep, 0, 1, k, c0 + jBytes, rowBytes, at, relu);
      else tile1x8(a0, colStep, b + jBytes, bStep, k, c0 + jBytes, at, relu);
    }
    for (; j < n; j++) {
      for (let r = 0; r < rows; r++)
        column(a0 + <usize>r * rowStep, colStep, b, bStep, c, i + r, j, n, k, bias, hasBias, relu);
    }
    i += rows;
  }
}

// The bias from column j for a tile (0: none).
function biasColumn(bias: usize, hasBias: i32, j: i32): usize {
  return hasBias ? bias + ((<usize>j) << 2) : 0;
}

// One element, in the same k order as the tiles (the scalar tail of a row).
function column(
  a0: usize,
  colStep: usize,
  b: usize,
  bStep: usize,
  c: usize,
  i: i32,
  j: i32,
  n: i32,
  k: i32,
  bias: usize,
  hasBias: i32,
  relu: i32,
): void {
  let sum: f32 = hasBias ? load<f32>(bias + ((<usize>j) << 2)) : 0;
  let pa = a0;
  let pb = b + ((<usize>j) << 2);
  for (let p = 0; p < k; p++) {
    sum += load<f32>(pa) * load<f32>(pb);
    pa += colStep;
    pb += bStep;
  }
  if (relu) sum = Mathf.max(sum, 0);
  store<f32>(c + ((<usize>i * <usize>n + <usize>j) << 2), sum);
}

/**
 * Writes the transpose of the [rows, cols] matrix at `from` (rows `stride` floats apart) to `to` ([cols, rows],
 * contiguous): 4 × 4 blocks transposed in registers (four loads, eight shuffles, four stores), scalar copies
 * at the edges.
 */
export function transpose(from: usize, to: usize, rows: i32, cols: i32, stride: i32): void {
  const inRow = (<usize>stride) << 2;
  const outRow = (<usize>rows) << 2;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const source = from + <usize>i * inRow;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const p = source + ((<usize>j) << 2);
      const r0 = v128.load(p);
      const r1 = v128.load(p + inRow);
      const r2 = v128.load(p + 2 * inRow);
      const r3 = v128.load(p + 3 * inRow);
      const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const q = to + <usize>j * outRow + ((<usize>i) << 2);
      v128.store(q, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
      v128.store(q + outRow, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
      v128.store(q + 2 * outRow, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
      v128.store(q + 3 * outRow, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
    }
    for (; j < cols; j++) {
      for (let r = 0; r < 4; r++) copy(from, to, i + r, j, inRow, outRow);
    }
  }
  for (; i < rows; i++) {
    for (let j = 0; j < cols; j++) copy(from, to, i, j, inRow, outRow);
  }
}

function copy(from: usize, to: usize, i: i32, j: i32, inRow: usize, outRow: usize): void {
  store<f32>(to + <usize>j * outRow + ((<usize>i) << 2), load<f32>(from + <usize>i * inRow + ((<usize>j) << 2)));
}

/** Sums the rows of the row-major [rows, cols] matrix at `from` into `to` ([cols]), in row order. */
export function sumRows(from: usize, to: usize, rows: i32, cols: i32): void {
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    let acc = f32x4.splat(0);
    let p = from + ((<usize>j) << 2);
    const step = (<usize>cols) << 2;
    for (let i = 0; i < rows; i++) {
      acc = f32x4.add(acc, v128.load(p));
      p += step;
    }
    v128.store(to + ((<usize>j) << 2), acc);
  }
  for (; j < cols; j++) {
    let sum: f32 = 0;
    for (let i = 0; i < rows; i++) sum += load<f32>(from + ((<usize>i * <usize>cols + <usize>j) << 2));
    store<f32>(to + ((<usize>j) << 2), sum);
  }
}
