import * as tf from "@tensorflow/tfjs-core";
import type { LossDefinition } from "./types";

/**
 * The GIoU loss per box, 1 − GIoU with GIoU = IoU − |C \ (A ∪ B)| / |C| and C the smallest box
 * enclosing prediction A and target B (Rezatofighi et al. 2019, Algorithm 2). Boxes are
 * [xMin, yMin, xMax, yMax]; a predicted max below its min is raised to the min, as in step 1 of the
 * algorithm. Unlike 1 − IoU it still has a gradient when the boxes do not overlap.
 *
 * @example
 * giou.perSample(tf.tensor2d([[0, 0, 1, 1]]), tf.tensor2d([[2, 0, 3, 1]])); // IoU 0, C = 3, A ∪ B = 2: [1 + 1/3]
 */
export const giou: LossDefinition = {
  kinds: ["bbox"],
  perSample: (outputs, targets) =>
    tf.tidy(() => {
      const [px1, py1, rawX2, rawY2] = tf.unstack(outputs, 1) as tf.Tensor1D[];
      const [tx1, ty1, tx2, ty2] = tf.unstack(tf.reshape(targets, outputs.shape), 1) as tf.Tensor1D[];
      const px2 = tf.maximum(rawX2 as tf.Tensor1D, px1 as tf.Tensor1D);
      const py2 = tf.maximum(rawY2 as tf.Tensor1D, py1 as tf.Tensor1D);
      const area = (x1: tf.Tensor, y1: tf.Tensor, x2: tf.Tensor, y2: tf.Tensor) =>
        tf.mul(tf.sub(x2, x1), tf.sub(y2, y1));
      const predicted = area(px1!, py1!, px2, py2);
      const target = area(tx1!, ty1!, tx2!, ty2!);
      const width = tf.relu(tf.sub(tf.minimum(px2, tx2!), tf.maximum(px1!, tx1!)));
      const height = tf.relu(tf.sub(tf.minimum(py2, ty2!), tf.maximum(py1!, ty1!)));
      const intersection = tf.mul(width, height);
      const union = tf.sub(tf.add(predicted, target), intersection);
      const enclosing = area(
        tf.minimum(px1!, tx1!),
        tf.minimum(py1!, ty1!),
        tf.maximum(px2, tx2!),
        tf.maximum(py2, ty2!),
      );
      // The small constant keeps degenerate boxes (zero area) finite; it moves no value at 4 decimals.
      const eps = 1e-7;
      const iou = tf.div(intersection, tf.add(union, eps));
      const gap = tf.div(tf.sub(enclosing, union), tf.add(enclosing, eps));
      return tf.add(tf.sub(1, iou), gap) as tf.Tensor1D;
    }),
};
