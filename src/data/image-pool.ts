/** Which package a pool of 28×28 images comes from. */
export type ImageSource = "mnist" | "fashion";

/** Which of the source's two parts: the training images or the test images. */
export type SourcePart = "train" | "test";

/**
 * A set of 28×28 grey images with one class label each, as parsed from a package: `images`
 * holds `count` images of 784 bytes (0–255) one after another, `labels` one byte (0–9) each.
 */
export interface ImagePool {
  source: ImageSource;
  part: SourcePart;
  count: number;
  side: number;
  images: Uint8Array;
  labels: Uint8Array;
  /** Names of the 10 classes. */
  classNames: readonly string[];
}
