// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// Pointers are byte offsets into the wasm backend's heap, which this module imports as its memory.

/**
 * The filter gradient of a valid NHWC convolution, dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, sh·oh+kh, sw·ow+kw, ci] ·
 * dy[n,oh,ow,co] (the weight gradient of Rumelhart et al. 1986 for a convolution), written to `dw` as
 * [taps = kh·kw·ci, outChannels]. Padding is the caller's (x already padded). A tile of four taps (one
 * broadcast float each) times up to two four-lane groups of output channels stays in registers over all
 * positions of one image; the last tap block and the last channel group overlap their neighbours and mask out
 * what those already counted, so there are no scalar tails. Needs taps ≥ 4 and outChannels ≥ 4.
 * Writes only dw's rows [tapBegin, tapEnd) (tapBegin a multiple of 4), so two threads can each take a range:
 * every element's sum runs in the same order whatever the split.
 */
export function conv2dFilterGradient(
  x: usize,
  dy: usize,
  dw: usize,
  batch: i32,
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
  tapBegin: i32,
  tapEnd: i32,
): void {
  const taps = filterHeight * filterWidth * inChannels;
  memory.fill(dw + ((<usize>(tapBegin * outChannels)) << 2), 0, (<usize>((tapEnd - tapBegin) * outChannels)) << 2);
  const tapRow = filterWidth * inChannels;
  const groups = (outChannels + 3) >> 2;
  tileOutHeight = outHeight;
  tileOutWidth = outWidth;
  tileXRow = (<usize>(strideHeight * width * inChannels)) << 2;
  tileXColumn = (<usize>(strideWidth * inChannels)) << 2;
  tileDyColumn = (<usize>outChannels) << 2;
  for (let n = 0; n < batch; n++) {
    const xImage = x + ((<usize>(n * height * width * inChannels)) << 2);
    const dyImage = dy + ((<usize>(n * outHeight * outWidth * outChannels)) << 2);
    // Channel blocks outside tap blocks: one block's dy columns stay in L1 while every tap block sweeps them.
    for (let g = 0; g < groups; g += 2) {
      const count = min(2, groups - g);
      const c0 = groupOffset(g, outChannels);
      const c1 = groupOffset(g + 1, outChannels);
      for (let t0 = tapBegin; t0 < tapEnd; t0 += 4) {
        const start = min(t0, taps - 4);
        const skip = t0 - start;
        const o0 = tapOffset(start, tapRow, inChannels, width);
        const o1 = tapOffset(start + 1, tapRow, inChannels, width);
        const o2 = tapOffset(start + 2, tapRow, inChannels, width);
        const o3 = tapOffset(start + 3, tapRow, inChannels, width);
        const target = dw + ((<usize>(start * outChannels)) << 2);
        const final = g + 1 == groups - 1;
        if (count == 2 && o3 == o0 + 12 && c1 == c0 + 16)
          tile2Contiguous(xImage + o0, dyImage + c0, target + c0, skip, outChannels, final);
        else if (count == 2) tile2(xImage, dyImage, o0, o1, o2, o3, c0, c1, target, skip, outChannels, final);
        else tile1(xImage, dyImage, o0, o1, o2, o3, c0, target, skip, outChannels);
      }
    }
  }
}

// The sweep over one image's positions that every tile makes (globals: the stub runtime must not allocate,
// since the heap is the wasm backend's): output size and the byte steps of one output row / column.
let tileOutHeight: i32 = 0;
let tileOutWidth: i32 = 0;
let tileXRow: usize = 0;
let tileXColumn: usize = 0;
let tileDyColumn: usize = 0;

// The byte offset of tap t = (kh, kw, ci) from the top-left input pixel of its window.
function tapOffset(t: i32, tapRow: i32, inChannels: i32, width: i32): usize {
  const kh = t / tapRow;
  return (<usize>(kh * width * inChannels + (t - kh * tapRow))) << 2;
}

// The byte offset of four-lane group g of output channels; the last group ends at the last channel.
function groupOffset(g: i32, outChannels: i32): usize {
  return (<usize>min(g << 2, outChannels - 4)) << 2;
}

// The lanes of the last group that the group before it did not already count.
function lastGroupMask(outChannels: i32): v128 {
  const overlap = (outChannels & 3) == 0 ? 0 : 4 - (outChannels & 3);
  const lane = i32x4(0, 1, 2, 3);
  return i32x4.ge_s(lane, i32x4.splat(overlap));
}

// Adds one tap's accumulated group to dw (row r of the tile), masked, unless an earlier tile did that row.
function addRow(target: usize, r: i32, skip: i32, outChannels: i32, offset: usize, sum: v128, mask: v128): void {
  if (r < skip) return;
  const at = target + ((<usize>(r * outChannels)) << 2) + offset;
  v128.store(at, f32x4.add(v128.load(at), v128.and(sum, mask)));
}

// Two channel groups.
function tile2(
  xImage: usize,
  dyImage: usize,
  o0: usize,
  o1: usize,
  o2: usize,
  o3: usize,
  c0: usize,
  c1: usize,
  target: usize,
  skip: i32,
  outChannels: i32,
  lastIsFinal: bool,
): void {
  let a00 = f32x4.splat(0),
    a01 = f32x4.splat(0);
  let a10 = f32x4.splat(0),
    a11 = f32x4.splat(0);
  let a20 = f32x4.splat(0),
    a21 = f32x4.splat(0);
  let a30 = f32x4.splat(0),
    a31 = f32x4.splat(0);
  let d = dyImage;
  for (let oh = 0; oh < tileOutHeight; oh++) {
    let p = xImage + <usize>oh * tileXRow;
    for (let ow = 0; ow < tileOutWidth; ow++) {
      const d0 = v128.load(d + c0);
      const d1 = v128.load(d + c1);
      let s = v128.load32_splat(p + o0);
      a00 = f32x4.add(a00, f32x4.mul(s, d0));
      a01 = f32x4.add(a01, f32x4.mul(s, d1));
      s = v128.load32_splat(p + o1);
      a10 = f32x4.add(a10, f32x4.mul(s, d0));
      a11 = f32x4.add(a11, f32x4.mul(s, d1));
      s = v128.load32_splat(p + o2);
      a20 = f32x4.add(a20, f32x4.mul(s, d0));
      a21 = f32x4.add(a21, f32x4.mul(s, d1));
      s = v128.load32_splat(p + o3);
      a30 = f32x4.add(a30, f32x4.mul(s, d0));
      a31 = f32x4.add(a31, f32x4.mul(s, d1));
      p += tileXColumn;
      d += tileDyColumn;
    }
  }
  const all = i32x4.splat(-1);
  const m1 = lastIsFinal ? lastGroupMask(outChannels) : all;
  addRow(target, 0, skip, outChannels, c0, a00, all);
  addRow(target, 0, skip, outChannels, c1, a01, m1);
  addRow(target, 1, skip, outChannels, c0, a10, all);
  addRow(target, 1, skip, outChannels, c1, a11, m1);
  addRow(target, 2, skip, outChannels, c0, a20, all);
  addRow(target, 2, skip, outChannels, c1, a21, m1);
  addRow(target, 3, skip, outChannels, c0, a30, all);
  addRow(target, 3, skip, outChannels, c1, a31, m1);
}

// One channel group, always the last one.
function tile1(
  xImage: usize,
  dyImage: usize,
  o0: usize,
  o1: usize,
  o2: usize,
  o3: usize,
  c0: usize,
  target: usize,
  skip: i32,
  outChannels: i32,
): void {
  let a0 = f32x4.splat(0),
    a1 = f32x4.splat(0),
    a2 = f32x4.splat(0),
    a3 = f32x4.splat(0);
  let d = dyImage;
  for (let oh = 0; oh < tileOutHeight; oh++) {
    let p = xImage + <usize>oh * tileXRow;
    for (let ow = 0; ow < tileOutWidth; ow++) {
      const d0 = v128.load(d + c0);
      a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(p + o0), d0));
      a1 = f32x4.add(a1, f32x4.mul(v128.load32_splat(p + o1), d0));
      a2 = f32x4.add(a2, f32x4.mul(v128.load32_splat(p + o2), d0));
      a3 = f32x4.add(a3, f32x4.mul(v128.load32_splat(p + o3), d0));
      p += tileXColumn;
      d += tileDyColumn;
    }
  }
  const m0 = lastGroupMask(outChannels);
  addRow(target, 0, skip, outChannels, c0, a0, m0);
  addRow(target, 1, skip, outChannels, c0, a1, m0);
  addRow(target, 2, skip, outChannels, c0, a2, m0);
  addRow(target, 3, skip, outChannels, c0, a3, m0);
}

/**
 * Packs an NHWC filter [kh, kw, ci, co] for {@link conv2dInputGradient}: for each filter row kh, the row's
 * taps t = kw·ci + ci in four-lane vectors [kh][vector][co][lane]; the last vector starts four taps before the
 * row's end and zeroes the lanes the vector before it already holds. Needs filterWidth·inChannels ≥ 4.
 */
export function packInputGradientFilter(
  filter: usize,
  packed: usize,
  filterHeight: i32,
  filterWidth: i32,
  inChannels: i32,
  outChannels: i32,
): void {
  const run = filterWidth * inChannels;
  const vectors = (run + 3) >> 2;
  let to = packed;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let v = 0; v < vectors; v++) {
      const start = min(v << 2, run - 4);
      for (let co = 0; co < outChannels; co++) {
        for (let lane = 0; lane < 4; lane++) {
          const t = start + lane;
          const value: f32 =
            t < v << 2 ? <f32>0 : load<f32>(filter + ((<usize>((kh * run + t) * outChannels + co)) << 2));
          store<f32>(to, value);
          to += 4;
        }
      }
    }
  }
}

/**
 * The input gradient of a valid NHWC convolution, dx[n, sh·oh+kh, sw·ow+kw, ci] += Σ_co dy[n,oh,ow,co] ·
 * W[kh,kw,ci,co] (backpropagation through a convolution, Rumelhart et al. 1986; the transposed convolution of
 * Dumoulin & Visin 2016, §4, without multiplying its zero padding): each output position sends one run of
 * kw·ci taps per filter row back onto a contiguous run of dx. `packed` is the filter from
 * {@link packInputGradientFilter}; `dx` [batch, height, width, inChannels] is zeroed here. Two positions
 * × four tap vectors stay in registers while the output channels are summed.
 */
export function conv2dInputGradient(
  dy: usize,
  packed: usize,
  dx: usize,
  batch: i32,
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
): void {
  memory.fill(dx, 0, (<usize>(batch * height * width * inChannels)) << 2);
  const run = filterWidth * inChannels;
  const vectors = (run + 3) >> 2;
  const vectorStep = (<usize>outChannels) << 4;
  const dyPosition = (<usize>outChannels) << 2;
  const xColumn = (<usize>(strideWidth * inChannels)) << 2;
  const xRow = (<usize>(width * inChannels)) << 2;
  let d = dy;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = dx + ((<usize>((n * height + oh * strideHeight) * width * inChannels)) << 2);
      for (let ow = 0; ow < outWidth; ow += 2) {
        const pair = ow + 1 < outWidth;
        const at = rowStart + <usize>ow * xColumn;
        for (let kh = 0; kh < filterHeight; kh++) {
          const target = at + <usize>kh * xRow;
          const weights = packed + <usize>(kh * vectors) * vectorStep;
          let v = 0;
          if (pair) {
            for (; v + 4 <= vectors; v += 4) {
              pairTile4(
                d,
                dyPosition,
                weights + <usize>v * vectorStep,
                vectorStep,
                outChannels,
                target,
                xColumn,
                v,
                run,
              );
            }
          }
          for (; v < vectors; v++) {
            const start = (<usize>min(v << 2, run - 4)) << 2;
            const w = weights + <usize>v * vectorStep;
            oneTile(d, w, outChannels, target + start);
            if (pair) oneTile(d + dyPosition, w, outChannels, target + xColumn + start);
          }
        }
        d += pair ? dyPosition << 1 : dyPosition;
      }
    }
  }
}

// Two neighbouring positions (dy rows d and d + dyPosition) × tap vectors v..v+3, added onto dx at `target`
// and `target + xColumn`.
function pairTile4(
  d: usize,
  dyPosition: usize,
  w: usize,
  vectorStep: usize,
  outChannels: i32,
  target: usize,
  xColumn: usize,
  v: i32,
  run: i32,
): void {
  let a0 = f32x4.splat(0),
    a1 = f32x4.splat(0),
    a2 = f32x4.splat(0),
    a3 = f32x4.splat(0);
  let b0 = f32x4.splat(0),
    b1 = f32x4.splat(0),
    b2 = f32x4.splat(0),
    b3 = f32x4.splat(0);
  const end = d + ((<usize>outChannels) << 2);
  for (let p = d; p < end; p += 4) {
    const s = v128.load32_splat(p);
    const t = v128.load32_splat(p + dyPosition);
    let k = v128.load(w);
    a0 = f32x4.add(a0, f32x4.mul(s, k));
    b0 = f32x4.add(b0, f32x4.mul(t, k));
    k = v128.load(w + vectorStep);
    a1 = f32x4.add(a1, f32x4.mul(s, k));
    b1 = f32x4.add(b1, f32x4.mul(t, k));
    k = v128.load(w + 2 * vectorStep);
    a2 = f32x4.add(a2, f32x4.mul(s, k));
    b2 = f32x4.add(b2, f32x4.mul(t, k));
    k = v128.load(w + 3 * vectorStep);
    a3 = f32x4.add(a3, f32x4.mul(s, k));
    b3 = f32x4.add(b3, f32x4.mul(t, k));
    w += 16;
  }
  addAt(target, v, run, a0);
  addAt(target, v + 1, run, a1);
  addAt(target, v + 2, run, a2);
  addAt(target, v + 3, run, a3);
  addAt(target + xColumn, v, run, b0);
  addAt(target + xColumn, v + 1, run, b1);
  addAt(target + xColumn, v + 2, run, b2);
  addAt(target + xColumn, v + 3, run, b3);
}

// dx's tap vector v of a run (the last one starts four taps before the run's end) += sum.
function addAt(target: usize, v: i32, run: i32, sum: v128): void {
  const at = target + ((<usize>min(v << 2, run - 4)) << 2);
  v128.store(at, f32x4.add(v128.load(at), sum));
}

// One position × one tap vector: dx at `target` += Σ_co dy[co] · w[co].
function oneTile(d: usize, w: usize, outChannels: i32, target: usize): void {
  let a = f32x4.splat(0);
  const end = d + ((<usize>outChannels) << 2);
  for (let p = d; p < end; p += 4) {
    a = f32x4.add(a, f32x4.mul(v128.load32_splat(p), v128.load(w)));
    w += 16;
  }
  v128.store(target, f32x4.add(v128.load(target), a));
}

/**
 * Copies the [inHeight, inWidth] window at (top, left) of each image of an NHWC grid [batch, height, width,
 * channels] into `out` [batch, inHeight, inWidth, channels]: one contiguous row copy per output row.
 */
export function cropRows(
  grid: usize,
  out: usize,
  batch: i32,
  height: i32,
  width: i32,
  channels: i32,
  top: i32,
  left: i32,
  inHeight: i32,
  inWidth: i32,
): void {
  const length = (<usize>(inWidth * channels)) << 2;
  let to = out;
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < inHeight; h++) {
      memory.copy(to, grid + ((<usize>(((n * height + top + h) * width + left) * channels)) << 2), length);
      to += length;
    }
  }
}

// tile2 for four consecutive taps and two consecutive groups (the common case): every load is one base pointer
// plus a constant offset (x at `x`, dy at `d`, dw rows at `target`, all already offset to the tile's first tap
// and channel). 4 taps × 2 groups keeps its 8 accumulators, 2 dy vectors and the tap splats in V8's 15 xmm
// registers on x64; per call on [128,13,13,32] → [3,3,32,64] (AMD EPYC, Node 20, process.cpuUsage) it took
// 13.9 ms against 20.1 ms for the 4 × 3 tile it replaced (which spilled four accumulators) and 21.9 ms when
// unrolled to two positions per trip (which spills).
function tile2Contiguous(x: usize, d: usize, target: usize, skip: i32, outChannels: i32, lastIsFinal: bool): void {
  let a00 = f32x4.splat(0),
    a01 = f32x4.splat(0),
    a10 = f32x4.splat(0),
    a11 = f32x4.splat(0),
    a20 = f32x4.splat(0),
    a21 = f32x4.splat(0),
    a30 = f32x4.splat(0),
    a31 = f32x4.splat(0);
  const outHeight = tileOutHeight;
  const outWidth = tileOutWidth;
  const xRow = tileXRow;
  const xColumn = tileXColumn;
  const dyColumn = tileDyColumn;
  for (let oh = 0; oh < outHeight; oh++) {
    let p = x + <usize>oh * xRow;
    for (let ow = 0; ow < outWidth; ow++) {
      const d0 = v128.load(d);
      const d1 = v128.load(d, 16);
      const s0 = v128.load32_splat(p, 0);
      const s1 = v128.load32_splat(p, 4);
      const s2 = v128.load32_splat(p, 8);
      const s3 = v128.load32_splat(p, 12);
      a00 = f32x4.add(a00, f32x4.mul(s0, d0));
      a01 = f32x4.add(a01, f32x4.mul(s0, d1));
      a10 = f32x4.add(a10, f32x4.mul(s1, d0));
      a11 = f32x4.add(a11, f32x4.mul(s1, d1));
      a20 = f32x4.add(a20, f32x4.mul(s2, d0));
      a21 = f32x4.add(a21, f32x4.mul(s2, d1));
      a30 = f32x4.add(a30, f32x4.mul(s3, d0));
      a31 = f32x4.add(a31, f32x4.mul(s3, d1));
      p += xColumn;
      d += dyColumn;
    }
  }
  const all = i32x4.splat(-1);
  const m1 = lastIsFinal ? lastGroupMask(outChannels) : all;
  addRow(target, 0, skip, outChannels, 0, a00, all);
  addRow(target, 0, skip, outChannels, 16, a01, m1);
  addRow(target, 1, skip, outChannels, 0, a10, all);
  addRow(target, 1, skip, outChannels, 16, a11, m1);
  addRow(target, 2, skip, outChannels, 0, a20, all);
  addRow(target, 2, skip, outChannels, 16, a21, m1);
  addRow(target, 3, skip, outChannels, 0, a30, all);
  addRow(target, 3, skip, outChannels, 16, a31, m1);
}
