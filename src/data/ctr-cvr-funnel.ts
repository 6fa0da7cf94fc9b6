import type { Rng } from "../backend/random";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { calibrateBias, sigmoid } from "./calibrate-bias";
import { floatColumn } from "./column";
import { generatedSplits, type GeneratedSizes } from "./generated-splits";
import { orthonormalPair } from "./orthonormal-pair";
import { selectTasks } from "./select-tasks";
import type { Dataset, Split } from "./types";

/** Options of {@link ctrCvrFunnel}. */
export interface CtrCvrFunnelOptions extends GeneratedSizes {
  /** Fixes the weights and the samples. Default 0. */
  seed?: number;
  /** Feature dimension. Default 8. */
  d?: number;
  /** Mean click probability over impressions. Default 0.1. */
  ctr?: number;
  /** Mean conversion probability over ALL impressions (clicked or not). Default 0.2. */
  cvr?: number;
  /** Cosine of the click and conversion weight vectors; > 0 means clicked items convert more. Default 0.5. */
  correlation?: number;
  /** Norm of both weight vectors (the standard deviation of the features' part of the logits). Default 2. */
  strength?: number;
  /**
   * Number of item ids K. With K > 0 each impression shows one of K items (uniformly), the input
   * starts with the item's one-hot code, and each logit gains an item effect: appeal a_k for the
   * click and quality q_k = ρ·a_k + √(1 − ρ²)·e_k for the conversion, scaled by `itemStrength`.
   * Rarely clicked items are then nearly unseen by a CVR model trained on clicks. Default 0 (no ids).
   */
  items?: number;
  /** Standard deviation of the item effects in the logits (used when `items` > 0). Default 2. */
  itemStrength?: number;
  /** Tasks among "ctr", "cvr", "ctcvr". Default all three. */
  tasks?: string[];
}

/** Ground-truth probabilities of one split, for every impression. */
export interface FunnelTruth {
  /** P(click | x). */
  ctr: Float32Array;
  /** P(convert | click, x): the CVR a model should learn, defined on all impressions. */
  cvr: Float32Array;
  /** The item id of each impression (all 0 when the dataset has no item ids). */
  item: Int32Array;
}

/** The funnel dataset, with the ground truth and the achieved rates of the training split. */
export interface CtrCvrFunnelDataset extends Dataset {
  truth: { train: FunnelTruth; validation: FunnelTruth; test: FunnelTruth };
  /** Width of the input `x`: items (one-hot) + d. */
  inputSize: number;
  /**
   * Training-split rates: clicks per impression, mean true CVR over all impressions and over clicked ones, conversions
   * per impression.
   */
  rates: { ctr: number; cvrAll: number; cvrClicked: number; ctcvr: number };
}

const funnelTasks: TaskSpec[] = [
  { name: "ctr", kind: "binary", description: "1 when the impression was clicked" },
  {
    name: "cvr",
    kind: "binary",
    description: "1 when the item would convert once clicked; observed only on clicks (mask = click)",
  },
  { name: "ctcvr", kind: "binary", description: "1 when the impression was clicked and converted (= ctr·cvr)" },
];

/**
 * Generates impressions → clicks → conversions with known probabilities, for cascade models
 * (ESMM, Ma et al. SIGIR 2018): x ~ N(0, I_d), P(click) = σ(w_c·x + b_c),
 * P(convert | click) = σ(w_v·x + b_v), with cos(w_c, w_v) = `correlation` and the biases set
 * so the mean rates equal `ctr` and `cvr`. The "cvr" label is masked to clicked impressions, so
 * training on it alone shows the sample-selection bias. With `items` > 0, each impression also
 * shows an item (one-hot at the start of x) whose appeal and quality add to the two logits — the
 * sparse-id setting where ESMM's entire-space training matters. See datasets/ctr-cvr-funnel.md.
 *
 * @example
 * const data = ctrCvrFunnel({ seed: 0, correlation: 0.5 });
 * data.rates; // → { ctr: 0.103, cvrAll: 0.2030, cvrClicked: 0.3732 } (clicked items convert more)
 * ctrCvrFunnel({ items: 300, train: 2000 }).inputSize; // → 308 (one-hot item id, then 8 features)
 */
export function ctrCvrFunnel(options: CtrCvrFunnelOptions = {}): CtrCvrFunnelDataset {
  const settings = resolve(options);
  const seed = options.seed ?? 0;
  const tasks = selectTasks("ctr-cvr-funnel", funnelTasks, options.tasks);
  const made: Made[] = [];
  const generated = generatedSplits(
    "ctr-cvr-funnel",
    seed,
    options,
    (rng) => weights(settings, rng),
    (count, rng, w) => {
      made.push(makeSplit(count, rng, w, settings, tasks));
      return (made[made.length - 1] as Made).split;
    },
  );
  const [train, validation, test] = made as [Made, Made, Made];
  return {
    name: "ctr-cvr-funnel",
    tasks,
    seed,
    source:
      `synthetic impression → click → conversion funnel, ` +
      `ctr ${settings.ctr}, cvr ${settings.cvr}, correlation ${settings.correlation}` +
      `${settings.items > 0 ? `, ${settings.items} items` : ""}; see datasets/ctr-cvr-funnel.md`,
    train: generated.train,
    validation: generated.validation,
    test: generated.test,
    truth: { train: train.truth, validation: validation.truth, test: test.truth },
    inputSize: settings.items + settings.d,
    rates: rates(train),
  };
}

interface Settings {
  d: number;
  ctr: number;
  cvr: number;
  correlation: number;
  strength: number;
  items: number;
  itemStrength: number;
}

interface Weights {
  click: Float64Array;
  convert: Float64Array;
  clickBias: number;
  convertBias: number;
  /** Per item: its effect on the click logit (appeal) and on the conversion logit (quality). */
  appeal: Float64Array;
  quality: Float64Array;
}

function resolve(options: CtrCvrFunnelOptions): Settings {
  const settings = {
    d: options.d ?? 8,
    ctr: options.ctr ?? 0.1,
    cvr: options.cvr ?? 0.2,
    correlation: options.correlation ?? 0.5,
    strength: options.strength ?? 2,
    items: options.items ?? 0,
    itemStrength: options.itemStrength ?? 2,
  };
  const { d, ctr, cvr, correlation, strength, items, itemStrength } = settings;
  if (
    !Number.isInteger(d) ||
    d < 2 ||
    !(ctr > 0 && ctr < 1) ||
    !(cvr > 0 && cvr < 1) ||
    !(correlation >= -1 && correlation <= 1) ||
    !(strength >= 0)
  ) {
    throw mtlError({
      code: "bad-option",
      message:
        `ctrCvrFunnel needs whole d ≥ 2, ctr and cvr in (0, 1), correlation in [−1, 1], strength ≥ 0; ` +
        `got ${JSON.stringify(settings)}`,
      fix: "use e.g. { ctr: 0.1, cvr: 0.2, correlation: 0.5 }",
    });
  }
  if (!Number.isInteger(items) || items < 0 || items > 100_000 || !(itemStrength >= 0)) {
    throw mtlError({
      code: "bad-option",
      message:
        `ctrCvrFunnel needs a whole number of items in [0, 100000] and itemStrength ≥ 0; ` +
        `got items ${items}, itemStrength ${itemStrength}`,
      fix: "use e.g. { items: 300, itemStrength: 2 }, or leave items out for features only",
    });
  }
  return settings;
}

/**
 * Weights as in Ma et al. (KDD 2018) §4.1 (cosine = correlation); item effects correlated by the same ρ; biases found
 * by bisection on a large draw of logits.
 */
function weights(settings: Settings, rng: Rng): Weights {
  const [u1, u2] = orthonormalPair(settings.d, rng);
  const { correlation: p, strength: s, items, itemStrength } = settings;
  const q = Math.sqrt(1 - p * p);
  const click = u1.map((x) => s * x);
  const convert = u1.map((x, i) => s * (p * x + q * (u2[i] as number)));
  const shared = Float64Array.from({ length: items }, () => rng.normal());
  const quality = shared.map((g) => itemStrength * (p * g + q * rng.normal()));
  const appeal = shared.map((g) => itemStrength * g);
  if (items === 0) {
    // Both logits are N(0, s²) before the bias, so one normal draw calibrates both biases.
    const z = Float64Array.from({ length: 20000 }, () => s * rng.normal());
    return {
      click,
      convert,
      clickBias: calibrateBias(z, settings.ctr),
      convertBias: calibrateBias(z, settings.cvr),
      appeal,
      quality,
    };
  }
  // Calibrate on the items actually drawn, so a few hundred items still hit the requested rates.
  const clickZ = new Float64Array(20000);
  const convertZ = new Float64Array(20000);
  for (let n = 0; n < clickZ.length; n++) {
    const item = n % items;
    clickZ[n] = (appeal[item] as number) + s * rng.normal();
    convertZ[n] = (quality[item] as number) + s * rng.normal();
  }
  return {
    click,
    convert,
    clickBias: calibrateBias(clickZ, settings.ctr),
    convertBias: calibrateBias(convertZ, settings.cvr),
    appeal,
    quality,
  };
}

interface Made {
  split: Split;
  truth: FunnelTruth;
  labels: Record<"ctr" | "cvr" | "ctcvr", Float32Array>;
}

function makeSplit(count: number, rng: Rng, w: Weights, settings: Settings, tasks: TaskSpec[]): Made {
  const { d, items } = settings;
  const width = items + d;
  const x = new Float32Array(count * width);
  const truth = { ctr: new Float32Array(count), cvr: new Float32Array(count), item: new Int32Array(count) };
  const labels = { ctr: new Float32Array(count), cvr: new Float32Array(count), ctcvr: new Float32Array(count) };
  for (let n = 0; n < count; n++) {
    let clickLogit = w.clickBias;
    let convertLogit = w.convertBias;
    if (items > 0) {
      const item = Math.min(items - 1, Math.floor(rng.next() * items));
      truth.item[n] = item;
      x[n * width + item] = 1;
      clickLogit += w.appeal[item] as number;
      convertLogit += w.quality[item] as number;
    }
    for (let j = 0; j < d; j++) {
      const value = rng.normal();
      x[n * width + items + j] = value;
      clickLogit += value * (w.click[j] as number);
      convertLogit += value * (w.convert[j] as number);
    }
    truth.ctr[n] = sigmoid(clickLogit);
    truth.cvr[n] = sigmoid(convertLogit);
    labels.ctr[n] = rng.next() < (truth.ctr[n] as number) ? 1 : 0;
    labels.cvr[n] = rng.next() < (truth.cvr[n] as number) ? 1 : 0;
    labels.ctcvr[n] = (labels.ctr[n] as number) * (labels.cvr[n] as number);
  }
  const targets = Object.fromEntries(
    tasks.map((task) => [task.name, floatColumn(labels[task.name as "ctr" | "cvr" | "ctcvr"], [])]),
  );
  const masks = tasks.some((task) => task.name === "cvr") ? { cvr: Uint8Array.from(labels.ctr) } : undefined;
  return {
    split: { size: count, inputs: { x: floatColumn(x, [width]) }, targets, ...(masks ? { masks } : {}) },
    truth,
    labels,
  };
}

function rates({ truth, labels }: Made): CtrCvrFunnelDataset["rates"] {
  const size = labels.ctr.length;
  let clicks = 0;
  let cvrAll = 0;
  let cvrClicked = 0;
  let conversions = 0;
  for (let n = 0; n < size; n++) {
    const clicked = labels.ctr[n] as number;
    clicks += clicked;
    cvrAll += truth.cvr[n] as number;
    cvrClicked += clicked * (truth.cvr[n] as number);
    conversions += labels.ctcvr[n] as number;
  }
  return {
    ctr: clicks / size,
    cvrAll: cvrAll / size,
    cvrClicked: cvrClicked / Math.max(1, clicks),
    ctcvr: conversions / size,
  };
}
