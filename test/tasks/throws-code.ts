import assert from "node:assert/strict";
import { MtlError } from "../../src/errors";

/** Asserts that `fn` throws an MtlError with this stable code and a message matching `message`. */
export function throwsCode(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof MtlError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}
