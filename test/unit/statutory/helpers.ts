/**
 * Test helpers for the statutory module.
 */

/**
 * Lets a test pass a value of the wrong type, as untyped JavaScript or a bad JSON payload could,
 * to check the runtime validation. The only cast in these tests.
 */
export function untyped<T>(value: unknown): T {
  return value as T;
}
