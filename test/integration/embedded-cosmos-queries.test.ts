import assert from 'node:assert/strict';
import { openCosmos, type CosmosHandle } from '../../bot/storage/cosmos';
import { linearise } from '../../bot/storage/embedded-query-fix';

interface Doc {
  id: string;
  pk: string;
  docType: 'plan' | 'review';
  status: string;
  n: number;
  tags: { name: string }[];
}

/**
 * The embedded server's queries are made linear (bot/storage/embedded-query-fix.ts) by rewriting
 * the compiled query's accumulators. The answers must not change: each query shape the service
 * uses (and a JOIN, which the other accumulator serves) is checked against the same question
 * answered in plain TypeScript over the same documents.
 */
describe('the embedded Cosmos server: linear queries, same answers', function () {
  this.timeout(60_000);
  let handle: CosmosHandle;
  const docs: Doc[] = Array.from({ length: 600 }, (_, i) => ({
    id: `d${String(i).padStart(4, '0')}`,
    pk: `p${i % 7}`,
    docType: i % 3 === 0 ? 'review' : 'plan',
    status: ['booked', 'held', 'cancelled', 'final_issued'][i % 4]!,
    n: (i * 37) % 101,
    tags: Array.from({ length: i % 3 }, (_, j) => ({ name: `t${(i + j) % 5}` })),
  }));

  before(async () => {
    handle = await openCosmos({ databaseId: 'queries', createIfMissing: true }, [{ id: 'things', partitionKey: '/pk' }]);
    for (const d of docs) await handle.container('things').items.create(d);
  });
  after(async () => {
    await handle?.close();
  });

  const query = async <T>(sql: string, parameters: { name: string; value: unknown }[] = [], partitionKey?: string): Promise<T[]> =>
    (
      await handle
        .container('things')
        .items.query<T>({ query: sql, parameters: parameters as never }, { maxItemCount: -1, ...(partitionKey ? { partitionKey } : {}) })
        .fetchAll()
    ).resources;
  const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id).sort();

  it('filters, parameter arrays, ranges and a partition give what the documents hold', async () => {
    assert.deepEqual(ids(await query<Doc>("SELECT * FROM c WHERE c.docType = 'plan'")), ids(docs.filter((d) => d.docType === 'plan')));
    assert.deepEqual(
      ids(
        await query<Doc>('SELECT * FROM c WHERE ARRAY_CONTAINS(@s, c.status) AND c.n >= @lo AND c.n <= @hi', [
          { name: '@s', value: ['booked', 'held'] },
          { name: '@lo', value: 10 },
          { name: '@hi', value: 60 },
        ]),
      ),
      ids(docs.filter((d) => ['booked', 'held'].includes(d.status) && d.n >= 10 && d.n <= 60)),
    );
    assert.deepEqual(ids(await query<Doc>('SELECT * FROM c WHERE c.pk = @pk', [{ name: '@pk', value: 'p3' }], 'p3')), ids(docs.filter((d) => d.pk === 'p3')));
    assert.deepEqual(
      ids(await query<Doc>("SELECT c.id FROM c WHERE c.id <= 'd0100' OR c.status = 'cancelled'")),
      ids(docs.filter((d) => d.id <= 'd0100' || d.status === 'cancelled')),
    );
  });

  it('projections, ORDER BY, COUNT and JOIN give what the documents hold', async () => {
    const ordered = await query<{ id: string; n: number }>("SELECT c.id, c.n FROM c WHERE c.docType = 'review' ORDER BY c.n DESC");
    const expected = docs.filter((d) => d.docType === 'review').map((d) => d.n);
    assert.deepEqual(
      ordered.map((r) => r.n),
      [...expected].sort((a, b) => b - a),
    );
    assert.deepEqual(await query<number>("SELECT VALUE COUNT(1) FROM c WHERE c.status = 'held'"), [docs.filter((d) => d.status === 'held').length]);
    const joined = await query<{ id: string; name: string }>("SELECT c.id, t.name FROM c JOIN t IN c.tags WHERE t.name = 't1'");
    assert.deepEqual(joined.map((r) => r.id).sort(), docs.flatMap((d) => d.tags.filter((t) => t.name === 't1').map(() => d.id)).sort());
  });

  it('rewrites an accumulator `[...$, x]` to `($.push(x), $)` and leaves other arrays alone', () => {
    const spread = { type: 'SpreadElement', argument: { type: 'Identifier', name: '$' } };
    const x = { type: 'ObjectExpression', properties: [] };
    assert.deepEqual(linearise({ type: 'ArrayExpression', elements: [spread, x] }), {
      type: 'SequenceExpression',
      expressions: [
        {
          type: 'CallExpression',
          callee: { type: 'MemberExpression', object: { type: 'Identifier', name: '$' }, property: { type: 'Identifier', name: 'push' }, computed: false },
          arguments: [x],
        },
        { type: 'Identifier', name: '$' },
      ],
    });
    const other = { type: 'ArrayExpression', elements: [{ type: 'SpreadElement', argument: { type: 'Identifier', name: 'rows' } }, x] };
    assert.deepEqual(linearise(other), other);
  });
});
