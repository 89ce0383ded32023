/** Small assertions (JSR's @std/assert is out of reach here; node:assert covers the rest). */
import { deepStrictEqual } from "node:assert";

export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  if (!condition) throw new Error(message);
}

export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  try {
    deepStrictEqual(actual, expected);
  } catch {
    throw new Error(
      `${message ? message + "\n" : ""}expected ${JSON.stringify(expected)}, got ${
        JSON.stringify(actual)
      }`,
    );
  }
}

export function assertMatch(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text)) {
    throw new Error(message ?? `expected ${JSON.stringify(text)} to match ${pattern}`);
  }
}

export async function assertRejects(
  fn: () => Promise<unknown>,
  check?: (error: unknown) => void,
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    check?.(error);
    return;
  }
  throw new Error("expected a rejection");
}

export function assertThrows(fn: () => unknown, check?: (error: unknown) => void): void {
  try {
    fn();
  } catch (error) {
    check?.(error);
    return;
  }
  throw new Error("expected an exception");
}
