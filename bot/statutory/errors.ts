/**
 * Errors thrown by the statutory deadline functions.
 *
 * Every message says where (the public function) and why, so a caller can log it as it is
 * and a dialog can catch `StatutoryInputError` and ask the user to re-enter a date.
 */

/** Any invalid input to a statutory function: a bad date, a bad count, dates in the wrong order. */
export class StatutoryInputError extends Error {
  override readonly name: string = 'StatutoryInputError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A date argument that is not a real calendar date written as `YYYY-MM-DD`.
 *
 * Example message: `assessmentDeadlines(): requestReceived "2026-02-30" is not a real date (expected YYYY-MM-DD)`.
 */
export class InvalidDateError extends StatutoryInputError {
  override readonly name: string = 'InvalidDateError';

  /** The public function that rejected the value, e.g. `assessmentDeadlines`. */
  readonly functionName: string;
  /** The name of the rejected argument, e.g. `requestReceived`. */
  readonly argumentName: string;
  /** The value as received. */
  readonly value: unknown;

  constructor(functionName: string, argumentName: string, value: unknown) {
    super(`${functionName}(): ${argumentName} ${describeValue(value)} is not a real date (expected YYYY-MM-DD)`);
    this.functionName = functionName;
    this.argumentName = argumentName;
    this.value = value;
  }
}

/** A short, safe description of any value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  if (value instanceof Date) return 'a Date object';
  return `a value of type ${typeof value}`;
}
