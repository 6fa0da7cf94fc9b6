import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { withChainedOps } from "../backend/chained-ops";
import { type FusedGruOptions, fusedGru } from "./fused-gru";
import { mtlError, knownNames } from "../errors";

const initializers = {
  glorotUniform: () => tfl.initializers.glorotUniform({}),
  glorotNormal: () => tfl.initializers.glorotNormal({}),
  heUniform: () => tfl.initializers.heUniform({}),
  heNormal: () => tfl.initializers.heNormal({}),
  leCunUniform: () => tfl.initializers.leCunUniform({}),
  leCunNormal: () => tfl.initializers.leCunNormal({}),
  orthogonal: () => tfl.initializers.orthogonal({}),
  zeros: () => tfl.initializers.zeros(),
  ones: () => tfl.initializers.ones(),
};

/** An initializer by tfjs-layers name, or an initializer object. */
export type GruInitializer = keyof typeof initializers | ReturnType<typeof tfl.initializers.zeros>;

function initializer(value: GruInitializer, field: string): ReturnType<typeof tfl.initializers.zeros> {
  if (typeof value !== "string") return value;
  const make = initializers[value as keyof typeof initializers];
  if (make === undefined) {
    throw mtlError({
      code: "unknown-initializer",
      message: `fusedGruLayer ${field} "${value}" is not a known initializer`,
      fix: `use one of ${knownNames(Object.keys(initializers))} or pass an initializer object`,
    });
  }
  return make();
}

/** Arguments of {@link fusedGruLayer}: tfjs-layers' `GRU` arguments that the fused op supports. */
export interface FusedGruLayerArgs extends Omit<FusedGruOptions, "mask"> {
  units: number;
  useBias?: boolean;
  /** Default "glorotNormal", "orthogonal" and "zeros", as tfjs-layers' GRU. */
  kernelInitializer?: GruInitializer;
  recurrentInitializer?: GruInitializer;
  biasInitializer?: GruInitializer;
  name?: string;
  inputShape?: number[];
}

/** A tfjs-layers layer computing tfjs-layers' `GRU` with {@link fusedGru}; same weights, same names. */
export class FusedGru extends tfl.layers.Layer {
  static className = "MtlkitFusedGru";
  readonly units: number;
  readonly options: Required<Omit<FusedGruOptions, "mask">> & { useBias: boolean };
  private readonly initializers: Record<"kernel" | "recurrent" | "bias", GruInitializer>;
  private weightsOf: { kernel?: tfl.LayerVariable; recurrentKernel?: tfl.LayerVariable; bias?: tfl.LayerVariable } = {};

  constructor(args: FusedGruLayerArgs) {
    super({ name: args.name, inputShape: args.inputShape });
    this.units = args.units;
    this.options = {
      recurrentActivation: args.recurrentActivation ?? "hardSigmoid",
      returnSequences: args.returnSequences ?? false,
      useBias: args.useBias ?? true,
    };
    this.initializers = {
      kernel: args.kernelInitializer ?? "glorotNormal",
      recurrent: args.recurrentInitializer ?? "orthogonal",
      bias: args.biasInitializer ?? "zeros",
    };
    for (const [field, value] of Object.entries(this.initializers)) initializer(value, `${field}Initializer`);
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const inputSize = shape[shape.length - 1] as number;
    const U = this.units;
    // tfjs-layers' orthogonal initialiser calls x.flatten(), a chained op mtlkit no longer installs at import.
    this.weightsOf = withChainedOps(() => ({
      kernel: this.addWeight(
        "kernel",
        [inputSize, 3 * U],
        "float32",
        initializer(this.initializers.kernel, "kernelInitializer"),
      ),
      recurrentKernel: this.addWeight(
        "recurrent_kernel",
        [U, 3 * U],
        "float32",
        initializer(this.initializers.recurrent, "recurrentInitializer"),
      ),
      bias: this.options.useBias
        ? this.addWeight("bias", [3 * U], "float32", initializer(this.initializers.bias, "biasInitializer"))
        : undefined,
    }));
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    return this.options.returnSequences
      ? [shape[0] as number, shape[1] as number, this.units]
      : [shape[0] as number, this.units];
  }

  /** `kwargs.mask` [B, T] (1 real, 0 padded) is passed to {@link fusedGru}'s `mask`. */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown> = {}): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    const mask = kwargs.mask as tf.Tensor2D | undefined;
    const { kernel, recurrentKernel, bias } = this.weightsOf;
    return fusedGru(
      x,
      {
        kernel: kernel?.read() as tf.Tensor2D,
        recurrentKernel: recurrentKernel?.read() as tf.Tensor2D,
        bias: bias?.read() as tf.Tensor1D | undefined,
      },
      mask === undefined ? this.options : { ...this.options, mask },
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    const named = Object.fromEntries(
      Object.entries(this.initializers)
        .filter(([, v]) => typeof v === "string")
        .map(([field, v]) => [`${field}Initializer`, v as string]),
    );
    return { ...super.getConfig(), units: this.units, ...this.options, ...named };
  }
}
tf.serialization.registerClass(FusedGru);

/**
 * A drop-in for `tf.layers.gru({ units })` (tfjs-layers' GRU: Cho et al. 2014, reset gate before the
 * recurrent product, zero initial state, no masking or dropout) that runs as one fused op with one
 * custom gradient — ≈10× fewer kernel dispatches on `wasm`. Weights have GRU's names, shapes and
 * initialisers, so `setWeights(gru.getWeights())` carries a trained GRU over.
 *
 * @example
 * const layer = fusedGruLayer({ units: 4 });
 * (layer.apply(tf.zeros([2, 5, 3])) as tf.Tensor).shape; // → [2, 4]
 */
export function fusedGruLayer(args: FusedGruLayerArgs): FusedGru {
  return new FusedGru(args);
}
