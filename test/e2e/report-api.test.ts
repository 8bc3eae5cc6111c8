import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createRecords } from '../../bot/records';
import { schoolPhaseOn } from '../../bot/statutory';
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

  it('filters by months, school and phase; the figures equal a recount of the records; bad filters get a clear 400', async () => {
    type Report = {
      today: string;
      year: { from: string; to: string; held: number; heldOnTime: number };
      months: { from: string; held: number }[];
      filters: { from: string; to: string };
    };
    const json = async (query: string): Promise<Report> => (await (await get(`/api/reports/compliance${query}`, 'staff:S007')).json()) as Report;
    const today = (await json('')).today;
    const to = today.slice(0, 7);
    const back = (months: number): string => {
      const n = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - months;
      return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
    };
    const from = back(5);
    const six = await json(`?from=${from}&to=${to}`);
    assert.deepEqual(six.filters, { from: `${from}-01`, to: today });
    assert.equal(six.months.length, 6);
    assert.equal(
      six.months.reduce((n, m) => n + m.held, 0),
      six.year.held,
      'the months add up to the period',
    );

    // A recount straight from the records, with the same rules: meetings held in the period by a secondary-age child at a named school.
    const records = createRecords(service.app.cosmos);
    const plans = await records.plans.list({});
    const school = plans.find((p) => p.schoolName && p.status === 'final_issued')!.schoolName!;
    const filtered = await json(`?from=${from}&to=${to}&school=${encodeURIComponent(school)}`);
    const held = (await records.reviews.list({ statuses: ['held'] })).filter((r) => r.meetingHeld! >= `${from}-01` && r.meetingHeld! <= today);
    const atSchool = new Set(plans.filter((p) => p.schoolName === school).map((p) => p.id));
    assert.equal(filtered.year.held, held.filter((r) => atSchool.has(r.planRef)).length);
    const births = new Map((await records.children.getMany([...new Set(plans.map((p) => p.childId))])).map((c) => [c.id, c.dateOfBirth]));
    const byRef = new Map(plans.map((p) => [p.id, p]));
    const secondary = await json(`?from=${from}&to=${to}&phase=secondary`);
    const recount = held.filter((r) => schoolPhaseOn(births.get(byRef.get(r.planRef)!.childId)!, r.meetingHeld!) === 'secondary');
    assert.equal(secondary.year.held, recount.length);
    assert.equal(secondary.year.heldOnTime, recount.filter((r) => r.meetingHeld! <= r.dueDate).length);
    assert.ok(secondary.year.held > 0 && secondary.year.held < six.year.held);

    for (const [query, message] of [
      [`?from=${to}&to=${from}`, /must not be after/],
      ['?to=2099-01', /cannot be in the future/],
      [`?from=${back(40)}`, /at most 36 months/],
      ['?from=2026-13', /months like 2026-04/],
      ['?phase=nursery', /early_years, primary, secondary or post16/],
      ['?school=', /school/],
    ] as const) {
      const res = await get(`/api/reports/compliance${query}`, 'staff:S007');
      assert.equal(res.status, 400, query);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, message, query);
    }
  });

  it('lists the plans behind each figure, as many as the figure counts, only within the person’s scope, each read audited', async () => {
    type Report = {
      year: { held: number; heldLate: number; reportsOnTime: number; decisionsOnTime: number; amendDecisions: number; amendedOnTime: number };
      reviewsDue: { year: { due: number; heldOnTime: number; heldLate: number; notHeld: number } };
      now: { reviewsOverdue: number; meetingsNotRecorded: number; assessmentsOverdue: number };
      phaseTransfers: { transfers: { late: number }[] };
    };
    type List = { plans: { planRef: string; childId: string; date: string; daysLate?: number }[] };
    const r = (await (await get('/api/reports/compliance', 'staff:S007')).json()) as Report;
    const list = async (measure: string, persona = 'staff:S007', query = ''): Promise<List> => {
      const res = await get(`/api/reports/compliance/plans?measure=${measure}${query}`, persona);
      assert.equal(res.status, 200, measure);
      return (await res.json()) as List;
    };
    const expected: Record<string, number> = {
      held_late: r.year.heldLate,
      due_late: r.reviewsDue.year.due - r.reviewsDue.year.heldOnTime,
      reports_late: r.year.held - r.year.reportsOnTime,
      decisions_late: r.year.held - r.year.decisionsOnTime,
      amended_late: r.year.amendDecisions - r.year.amendedOnTime,
      reviews_overdue: r.now.reviewsOverdue,
      meetings_not_recorded: r.now.meetingsNotRecorded,
      assessments_overdue: r.now.assessmentsOverdue,
      phase_transfers_late: r.phaseTransfers.transfers.reduce((n, t) => n + t.late, 0),
    };
    for (const [measure, count] of Object.entries(expected)) assert.equal((await list(measure)).plans.length, count, measure);
    assert.ok(expected.held_late! > 0 && expected.reviews_overdue! > 0 && r.reviewsDue.year.notHeld > 0 && r.reviewsDue.year.heldLate > 0, JSON.stringify(r.reviewsDue.year));
    const late = (await list('held_late')).plans;
    assert.ok(late.every((p) => /^EHC-\d{6}$/.test(p.planRef) && p.daysLate! > 0));

    // A caseworker sees only their caseload's plans, and cannot ask for every plan's.
    const caseload = new Set((await createRecords(service.app.cosmos).plans.caseload('S001')).map((p) => p.id));
    const mine = (await list('reviews_overdue', 'staff:S001')).plans;
    assert.ok(mine.every((p) => caseload.has(p.planRef)));
    assert.equal((await get('/api/reports/compliance/plans?measure=reviews_overdue&caseworker=all', 'staff:S001')).status, 403);
    assert.equal((await get('/api/reports/compliance/plans?measure=reviews_overdue', 'staff:S008')).status, 403);
    assert.equal((await get('/api/reports/compliance/plans?measure=everything', 'staff:S007')).status, 400);
    assert.equal((await get('/api/reports/compliance/plans?measure=reviews_overdue')).status, 401);
    // Each plan listed is a read of a child's record: audited.
    const trail = await createRecords(service.app.cosmos).audit.forRecord(late[0]!.planRef);
    assert.ok(trail.some((e) => e.action === 'plan.read' && e.actor.id === 'S007' && e.childRef === late[0]!.childId));
  });

  it('offers a manager every caseworker and school to filter by, and a caseworker only their own', async () => {
    type Options = { caseworkers: { id: string }[]; schools: string[]; phases: { id: string }[] };
    const manager = (await (await get('/api/reports/compliance/options', 'staff:S007')).json()) as Options;
    assert.ok(manager.caseworkers.length > 1 && manager.caseworkers.some((c) => c.id === 'S001'));
    assert.deepEqual(
      manager.phases.map((p) => p.id),
      ['early_years', 'primary', 'secondary', 'post16'],
    );
    const mine = (await (await get('/api/reports/compliance/options', 'staff:S001')).json()) as Options;
    assert.deepEqual(
      mine.caseworkers.map((c) => c.id),
      ['S001'],
    );
    const caseload = await createRecords(service.app.cosmos).plans.caseload('S001');
    assert.deepEqual(
      mine.schools,
      [...new Set(caseload.flatMap((p) => (p.schoolName ? [p.schoolName] : [])))].sort((a, b) => a.localeCompare(b, 'en-GB')),
    );
    assert.ok(mine.schools.length > 0 && mine.schools.every((s) => manager.schools.includes(s)));
    assert.equal((await get('/api/reports/compliance/options', 'staff:S008')).status, 403);
    assert.equal((await get('/api/reports/compliance/options')).status, 401);
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

  it('downloads the same table as an Excel workbook (.xlsx), numbers as numbers; refused like the JSON', async () => {
    const csv = (await (await get('/api/reports/compliance.csv', 'staff:S007')).text()).replace(/^\uFEFF/, '');
    const res = await get('/api/reports/compliance.xlsx', 'staff:S007');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /spreadsheetml\.sheet/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('Compliance report')!;
    const values = (n: number): string[] => ((sheet.getRow(n).values as unknown[]).slice(1) ?? []).map((v) => (v === null || v === undefined ? '' : String(v)));
    assert.deepEqual(values(1), ['Compliance report', 'Exampleshire Council']);
    assert.equal(sheet.getRow(1).font?.bold, true);
    const lines = csv.split('\r\n').filter((l) => l !== '');
    const held = lines.findIndex((l) => l.startsWith('Annual review meetings held (last 12 months)'));
    let row = 0;
    sheet.eachRow((r, n) => {
      if (String(r.getCell(1).value) === 'Annual review meetings held (last 12 months)') row = n;
    });
    assert.ok(held > 0 && row > 0);
    assert.equal(typeof sheet.getRow(row).getCell(5).value, 'number', 'the count is a number');
    const json = (await (await get('/api/reports/compliance', 'staff:S007')).json()) as { year: { held: number } };
    assert.equal(sheet.getRow(row).getCell(5).value, json.year.held);
    assert.ok(lines[held]!.includes(`,${json.year.held},`), 'the CSV says the same');
    assert.equal((await get('/api/reports/compliance.xlsx', 'staff:S008')).status, 403);
    assert.equal((await get('/api/reports/compliance.xlsx')).status, 401);
  });
});
