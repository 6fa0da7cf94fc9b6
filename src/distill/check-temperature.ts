import { mtlError } from "../errors";

/**
 * Returns the temperature when it is a finite number > 0, else throws `bad-temperature`.
 *
 * @example
 * checkTemperature(2); // 2
 */
export function checkTemperature(temperature: number, where = "distillation"): number {
  if (!(Number.isFinite(temperature) && temperature > 0)) {
    throw mtlError({
      code: "bad-temperature",
      message: `${where} has temperature ${temperature} but the softmax temperature τ must be a finite number > 0`,
      fix: "use e.g. temperature: 2 (τ = 1 is the plain softmax; larger τ gives softer targets)",
    });
  }
  return temperature;
}
