/**
 * The part of node:assert/strict the integration suite uses, for its browser bundle (the web
 * worker extension host has no Node built-ins): ok, equal, notEqual, deepEqual, match.
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function fail(message: string | undefined, fallback: string): never {
  throw new AssertionError(message ?? fallback);
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${String(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string): void {
  if (Object.is(actual, expected)) fail(message, `${JSON.stringify(actual)} should not be ${JSON.stringify(expected)}`);
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same((a as never)[k], (b as never)[k]));
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!same(actual, expected)) fail(message, `${JSON.stringify(actual)} does not deep-equal ${JSON.stringify(expected)}`);
}

export function match(value: string, re: RegExp, message?: string): void {
  if (!re.test(value)) fail(message, `${JSON.stringify(value)} does not match ${String(re)}`);
}
