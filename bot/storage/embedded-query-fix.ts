/**
 * A fix for the embedded Cosmos-compatible server (local mode and tests only; never in production).
 *
 * `@vercel/cosmosdb-server` 1.0.1 (as `@zeit/cosmosdb-server` before it) runs every query through
 * `@zeit/cosmosdb-query` 0.7.2 (a dependency here, pinned, because this file patches it), which compiles `FROM c` into
 * `collection.reduce(($, c) => [...$, { c }], [])`: each document copies every one before it, so a
 * query costs the square of the documents in the container. At a large council's volume (143,000
 * documents in `cases`) one query takes minutes, and the report and the scale benchmarks cannot
 * run. This rewrites those accumulators, in the compiled query's syntax tree before it becomes code,
 * to `($.push({ c }), $)`: the same result, in linear time. The accumulator is the fresh `[]`
 * each `reduce` starts with, so pushing to it changes nothing else.
 *
 * Applied once, when the embedded server starts; `test/integration/embedded-cosmos-queries.test.ts`
 * checks that the queries the service uses give the same answers with and without it.
 */
// The query compiler's own module, patched in place (its default export is read at each call).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformer = require('@zeit/cosmosdb-query/lib/transformer') as { default: (sqlAst: unknown) => unknown; linearAccumulators?: boolean };

interface Node {
  type?: unknown;
  [key: string]: unknown;
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;
const isAccumulator = (v: unknown): boolean => isNode(v) && v.type === 'SpreadElement' && isNode(v.argument) && v.argument.type === 'Identifier' && v.argument.name === '$';

/** `[...$, a, ...b]` becomes `($.push(a, ...b), $)`; everything else is left as it is. */
export function linearise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(linearise);
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) out[k] = linearise(v);
  const elements = out.elements;
  if (out.type === 'ArrayExpression' && Array.isArray(elements) && elements.length > 0 && isAccumulator(elements[0])) {
    const acc = { type: 'Identifier', name: '$' };
    return {
      type: 'SequenceExpression',
      expressions: [
        {
          type: 'CallExpression',
          callee: { type: 'MemberExpression', object: acc, property: { type: 'Identifier', name: 'push' }, computed: false },
          arguments: elements.slice(1),
        },
        acc,
      ],
    };
  }
  return out;
}

/** Makes the embedded server's queries linear in the documents they scan (idempotent). */
export function useLinearEmbeddedQueries(): void {
  if (transformer.linearAccumulators) return;
  const compile = transformer.default;
  transformer.default = (sqlAst) => linearise(compile(sqlAst));
  transformer.linearAccumulators = true;
}
