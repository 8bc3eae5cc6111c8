/**
 * An error and what caused it, outermost first: `cause` (standard) and `error` (botbuilder-dialogs'
 * DialogContextError wraps the step's error there). At most 8 deep, so a cycle cannot loop.
 */
export function errorChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    if (typeof current !== 'object') break;
    const next = (current as { cause?: unknown }).cause ?? (current as { error?: unknown }).error;
    current = next instanceof Error || (typeof next === 'object' && next !== null) ? next : undefined;
  }
  return chain;
}

/** The first error in the chain with this name. */
export function findInChain(err: unknown, name: string): unknown {
  return errorChain(err).find((e) => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === name);
}
