import * as tf from "@tensorflow/tfjs-core";

/** Chained tensor methods that are the tf op of the same name applied to `this`. */
const sameNameOps = [
  "abs",
  "acos",
  "acosh",
  "add",
  "all",
  "any",
  "argMax",
  "argMin",
  "asin",
  "asinh",
  "atan",
  "atan2",
  "atanh",
  "avgPool",
  "batchNorm",
  "batchToSpaceND",
  "broadcastTo",
  "cast",
  "ceil",
  "clipByValue",
  "concat",
  "conv1d",
  "conv2d",
  "conv2dTranspose",
  "cos",
  "cosh",
  "cumprod",
  "cumsum",
  "depthToSpace",
  "depthwiseConv2d",
  "dilation2d",
  "div",
  "divNoNan",
  "dot",
  "elu",
  "equal",
  "erf",
  "euclideanNorm",
  "exp",
  "expandDims",
  "expm1",
  "floor",
  "floorDiv",
  "gather",
  "greater",
  "greaterEqual",
  "isFinite",
  "isInf",
  "isNaN",
  "leakyRelu",
  "less",
  "lessEqual",
  "localResponseNormalization",
  "log",
  "log1p",
  "logSigmoid",
  "logSoftmax",
  "logSumExp",
  "logicalAnd",
  "logicalNot",
  "logicalOr",
  "logicalXor",
  "matMul",
  "max",
  "maxPool",
  "maximum",
  "mean",
  "min",
  "minimum",
  "mirrorPad",
  "mod",
  "mul",
  "neg",
  "norm",
  "notEqual",
  "oneHot",
  "onesLike",
  "pad",
  "pool",
  "pow",
  "prelu",
  "prod",
  "reciprocal",
  "relu",
  "relu6",
  "reshape",
  "reverse",
  "round",
  "rsqrt",
  "selu",
  "separableConv2d",
  "sigmoid",
  "sign",
  "sin",
  "sinh",
  "slice",
  "softmax",
  "softplus",
  "spaceToBatchND",
  "split",
  "sqrt",
  "square",
  "squaredDifference",
  "squeeze",
  "stack",
  "step",
  "stridedSlice",
  "sub",
  "sum",
  "tan",
  "tanh",
  "tile",
  "topk",
  "transpose",
  "unique",
  "unsortedSegmentSum",
  "unstack",
  "where",
  "zerosLike",
] as const;

type Method = (this: tf.Tensor, ...args: unknown[]) => unknown;

function reshapeTo(shape: (tensor: tf.Tensor, args: number[]) => number[]): Method {
  return function (this: tf.Tensor, ...args: unknown[]) {
    return tf.reshape(this, shape(this, args as number[]));
  };
}

const specialOps: Record<string, Method> = {
  flatten: reshapeTo((tensor) => [tensor.size]),
  as1D: reshapeTo((tensor) => [tensor.size]),
  as2D: reshapeTo((_, args) => args.slice(0, 2)),
  as3D: reshapeTo((_, args) => args.slice(0, 3)),
  as4D: reshapeTo((_, args) => args.slice(0, 4)),
  as5D: reshapeTo((_, args) => args.slice(0, 5)),
  asScalar: reshapeTo(() => []),
  reshapeAs(this: tf.Tensor, ...args: unknown[]) {
    return tf.reshape(this, (args[0] as tf.Tensor).shape);
  },
  asType(this: tf.Tensor, ...args: unknown[]) {
    return tf.cast(this, args[0] as tf.DataType);
  },
  toFloat(this: tf.Tensor) {
    return tf.cast(this, "float32");
  },
  toInt(this: tf.Tensor) {
    return tf.cast(this, "int32");
  },
  toBool(this: tf.Tensor) {
    return tf.cast(this, "bool");
  },
  resizeBilinear(this: tf.Tensor, ...args: unknown[]) {
    return tf.image.resizeBilinear(
      this as tf.Tensor4D,
      args[0] as [number, number],
      args[1] as boolean,
      args[2] as boolean,
    );
  },
  resizeNearestNeighbor(this: tf.Tensor, ...args: unknown[]) {
    return tf.image.resizeNearestNeighbor(
      this as tf.Tensor4D,
      args[0] as [number, number],
      args[1] as boolean,
      args[2] as boolean,
    );
  },
};

let installedForGood = false;
let scopes = 0;
let addedInScope: string[] = [];

/**
 * Installs tfjs's chained tensor methods (`x.flatten()`, `x.square()`, …) on the Tensor class, for
 * code that wants them. tfjs-core's CommonJS build leaves them out and its ES-module files cannot be
 * `require`d. Importing mtlkit does not call this: mtlkit and the lessons use the functional ops
 * (`tf.square(x)`), and the one place tfjs-layers needs a chained method (the orthogonal initialiser
 * of a GRU calls `flatten`) runs inside {@link withChainedOps}. Existing methods are kept.
 *
 * @example
 * installChainedOps();
 * (tf.tensor([[1, 2], [3, 4]]) as unknown as { flatten(): tf.Tensor }).flatten().shape; // → [4]
 */
export function installChainedOps(): void {
  installedForGood = true;
  install();
}

/**
 * Runs `fn` with the chained tensor methods installed and removes the ones it added afterwards
 * (unless {@link installChainedOps} installed them for good), so building tfjs-layers that call
 * them (a GRU's orthogonal initialiser calls `x.flatten()`) leaves `tf.Tensor.prototype` as it was.
 *
 * @example
 * const shape = withChainedOps(() => (tf.ones([2, 2]) as unknown as { flatten(): tf.Tensor }).flatten().shape);
 * shape; // → [4]
 */
export function withChainedOps<T>(fn: () => T): T {
  if (scopes++ === 0 && !installedForGood) addedInScope = install();
  try {
    return fn();
  } finally {
    if (--scopes === 0 && !installedForGood) {
      const prototype = tf.Tensor.prototype as unknown as Record<string, unknown>;
      for (const name of addedInScope) delete prototype[name];
      addedInScope = [];
    }
  }
}

/** Defines every missing chained method; returns the names it added. */
function install(): string[] {
  const prototype = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, unknown>;
  const added: string[] = [];
  const define = (name: string, method: Method) => {
    if (typeof prototype[name] === "function") return;
    added.push(name);
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      value: function (this: tf.Tensor, ...args: unknown[]) {
        if (this.isDisposed) throw new Error(`Tensor is disposed (called .${name}() on it).`);
        return method.apply(this, args);
      },
    });
  };
  for (const name of sameNameOps) {
    const op = ops[name];
    if (typeof op === "function")
      define(name, function (this: tf.Tensor, ...args: unknown[]) {
        return (op as (...all: unknown[]) => unknown)(this, ...args);
      });
  }
  for (const [name, method] of Object.entries(specialOps)) define(name, method);
  return added;
}
