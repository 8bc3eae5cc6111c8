import assert from 'node:assert/strict';
import { createRecords } from '../../bot/records';
import { localToken, startService, type RunningService } from '../helpers/service';

/** The report API (JSON and CSV) in local mode, with the personas' local tokens. */
describe('the compliance report API: only staff, each in their own scope, as JSON and CSV', function () {
  this.timeout(60_000);
  let service: RunningService;
  const token: Record<string, string> = {};
  before(async () => {
    service = await startService({ DEMO_DATA: 'true' });
    for (const persona of ['anonymous', 'parent:P0001', 'staff:S001', 'staff:S007', 'staff:S008']) token[persona] = await localToken(service.url, persona);
  });
  after(async () => {
    await service?.close();
  });

  const get = (path: string, persona?: string) => fetch(`${service.url}${path}`, persona ? { headers: { Authorization: `Bearer ${token[persona]}` } } : {});

  it('refuses a request with no token, a forged token, a member of the public and a parent with 401', async () => {
    assert.equal((await get('/api/reports/compliance')).status, 401);
    const forged = await fetch(`${service.url}/api/reports/compliance`, { headers: { Authorization: `Bearer ${token['staff:S007']!.slice(0, -4)}abcd` } });
    assert.equal(forged.status, 401);
    assert.equal((await get('/api/reports/compliance', 'anonymous')).status, 401);
    assert.equal((await get('/api/reports/compliance', 'parent:P0001')).status, 401);
  });

  it('refuses a SENDIAS adviser, and a caseworker asking for every plan or someone else’s, with 403 (audited)', async () => {
    assert.equal((await get('/api/reports/compliance', 'staff:S008')).status, 403);
    assert.equal((await get('/api/reports/compliance?caseworker=all', 'staff:S001')).status, 403);
    assert.equal((await get('/api/reports/compliance?caseworker=S002', 'staff:S001')).status, 403);
    assert.equal((await get('/api/reports/compliance?caseworker=nonsense', 'staff:S007')).status, 400);
    const trail = await createRecords(service.app.cosmos).audit.byActor('S001');
    assert.ok(trail.filter((e) => e.action === 'compliance.report' && e.outcome === 'denied').length >= 2);
  });

  it('gives a caseworker their caseload, and a manager every plan or one caseworker’s', async () => {
    const mine = (await (await get('/api/reports/compliance', 'staff:S001')).json()) as { caseloadOnly: boolean; year: { held: number } };
    assert.equal(mine.caseloadOnly, true);
    const all = (await (await get('/api/reports/compliance?caseworker=all', 'staff:S007')).json()) as { caseloadOnly: boolean; year: { held: number } };
    assert.equal(all.caseloadOnly, false);
    const theirs = (await (await get('/api/reports/compliance?caseworker=S001', 'staff:S007')).json()) as { caseloadOnly: boolean; year: { held: number } };
    assert.deepEqual(theirs, mine);
    assert.ok(all.year.held >= mine.year.held);
  });

  it('downloads the same figures as CSV, with the period and the legal source of each measure', async () => {
    const json = (await (await get('/api/reports/compliance', 'staff:S007')).json()) as { today: string; year: { from: string; held: number; heldOnTime: number } };
    const res = await get('/api/reports/compliance.csv', 'staff:S007');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="compliance-report-${json.today}\\.csv"`));
    const rows = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(rows[0], 'Compliance report,Exampleshire Council');
    const cells = (line: string): string[] => [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"'));
    const reviews = cells(rows.find((r) => r.startsWith('Annual review meetings held (last 12 months)'))!);
    const pct = json.year.held ? String(Math.round((json.year.heldOnTime / json.year.held) * 1000) / 10) : '';
    assert.deepEqual(reviews, [
      'Annual review meetings held (last 12 months)',
      'Children and Families Act 2014, section 44(1)',
      json.year.from,
      json.today,
      String(json.year.held),
      String(json.year.heldOnTime),
      pct,
    ]);
    assert.deepEqual(cells(rows.find((r) => r.startsWith('Final plans (within 20 weeks)'))!).slice(0, 2), [
      'Final plans (within 20 weeks)',
      'SEND Regulations 2014, regulation 13(2)',
    ]);
  });
});
