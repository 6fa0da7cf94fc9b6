import type { Split } from "../../src/data/types";

/** True when two splits hold byte-identical inputs, targets and masks. */
export function sameSplit(a: Split, b: Split): boolean {
  if (a.size !== b.size) return false;
  const columns = (split: Split) => [...Object.entries(split.inputs), ...Object.entries(split.targets)];
  const left = columns(a);
  const right = columns(b);
  if (left.length !== right.length) return false;
  return (
    left.every(([name, column], i) => {
      const other = right[i];
      return other !== undefined && other[0] === name && bytesEqual(column.values, other[1].values);
    }) &&
    Object.keys(a.masks ?? {}).every((name) =>
      bytesEqual(a.masks?.[name] ?? new Uint8Array(), b.masks?.[name] ?? new Uint8Array(1)),
    )
  );
}

function bytesEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
