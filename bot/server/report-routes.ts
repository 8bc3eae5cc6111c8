/**
 * The compliance report over HTTP, for the report tab and for downloads: JSON and CSV. Every request
 * carries a bearer token (Teams SSO in production, the persona's local token locally); the casework
 * layer and the access guard decide what it may see, and audit refusals. No token: 401. Not allowed
 * (a parent, an adviser, or a caseworker asking for every plan or someone else's): 403.
 */
import { z } from 'zod';
import type { Casework } from '../casework';
import type { ComplianceReport } from '../casework/compliance';
import type { Identity } from '../identity/identity';
import type { Logger } from '../logging';
import { StaffId } from '../records/common';
import { SCHOOL_PHASES } from '../statutory';
import { PLAN_LIST_MEASURES } from '../records/compliance';
import { complianceCsv } from './report-csv';
import { complianceXlsx } from './report-xlsx';
import { HttpError, bearerFrom, route, type Request, type Server } from './http';

/** Who a bearer token belongs to, if anyone on the staff list. */
export type ReportAuthenticator = (token: string) => Promise<Identity | undefined>;

const Month = z.string().regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, 'a month like 2026-04');
const Query = z
  .object({
    /** `all` for every plan, or one caseworker's id. */
    caseworker: z.union([z.literal('all'), StaffId]).optional(),
    /** The months the period figures cover (`YYYY-MM`), at most 36 months, not in the future. */
    from: Month.optional(),
    to: Month.optional(),
    /** Only plans naming this school, and children in this phase of education. */
    school: z.string().trim().min(1).max(200).optional(),
    phase: z.enum(SCHOOL_PHASES).optional(),
  })
  .strict();

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** What is wrong with the months asked for, in words, or undefined. */
export function monthRangeProblem(from: string | undefined, to: string | undefined, today: string): string | undefined {
  const thisMonth = today.slice(0, 7);
  if (from && to && monthIndex(from) > monthIndex(to)) return 'The first month must not be after the last month.';
  if ((to && monthIndex(to) > monthIndex(thisMonth)) || (from && monthIndex(from) > monthIndex(thisMonth))) return 'The months cannot be in the future.';
  const first = from ?? (to ? to : thisMonth);
  if (monthIndex(to ?? thisMonth) - monthIndex(first) >= 36) return 'Choose at most 36 months.';
  return undefined;
}

export function mountReportRoutes(server: Server, deps: { logger: Logger; casework: Casework; councilName: string; authenticate: ReportAuthenticator }): void {
  const who = async (req: Request): Promise<Identity> => {
    const token = bearerFrom(req.headers.authorization);
    const identity = token ? await deps.authenticate(token) : undefined;
    if (!identity) throw new HttpError(401, 'Unauthorized', 'Sign in through Microsoft Teams to see the report.');
    return identity;
  };
  const FORBIDDEN = 'You cannot see that report. Caseworkers see their own caseload; team managers see every plan.';
  const scopeOf = (req: Request) => {
    const { measure: _measure, ...rest } = (req.query ?? {}) as Record<string, unknown>;
    const query = Query.safeParse(rest);
    if (!query.success) {
      throw new HttpError(
        400,
        'BadRequest',
        'Use ?caseworker=all or a staff id like S001; ?from= and ?to= as months like 2026-04; ?school= a school’s name; ?phase= early_years, primary, secondary or post16.',
      );
    }
    const { caseworker: c, from, to, school, phase } = query.data;
    const problem = monthRangeProblem(from, to, deps.casework.clock.today());
    if (problem) throw new HttpError(400, 'BadRequest', problem);
    return {
      ...(c === 'all' ? { all: true } : c ? { caseworkerId: c } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(school ? { school } : {}),
      ...(phase ? { phase } : {}),
    };
  };
  const reportFor = async (req: Request) => {
    const identity = await who(req);
    const report = await deps.casework.compliance.report(identity, scopeOf(req));
    if (!report) throw new HttpError(403, 'Forbidden', FORBIDDEN);
    return report;
  };

  // The plans behind a figure (each one audited as a read of the child's record).
  server.get(
    '/api/reports/compliance/plans',
    route(deps.logger, async (req, res) => {
      const identity = await who(req);
      const measure = z.enum(PLAN_LIST_MEASURES).safeParse((req.query as Record<string, unknown> | undefined)?.measure);
      if (!measure.success) throw new HttpError(400, 'BadRequest', `Add ?measure= one of ${PLAN_LIST_MEASURES.join(', ')}.`);
      const list = await deps.casework.compliance.reportPlans(identity, scopeOf(req), measure.data);
      if (!list) throw new HttpError(403, 'Forbidden', FORBIDDEN);
      res.header('Cache-Control', 'no-store');
      res.json(list);
    }),
  );

  server.get(
    '/api/reports/compliance',
    route(deps.logger, async (req, res) => {
      const report = await reportFor(req);
      res.header('Cache-Control', 'no-store');
      res.json(report);
    }),
  );

  // What the page's filters offer this person: the caseworkers they may choose, the schools on those plans, the phases.
  server.get(
    '/api/reports/compliance/options',
    route(deps.logger, async (req, res) => {
      const identity = await who(req);
      const options = await deps.casework.compliance.reportOptions(identity);
      if (!options) throw new HttpError(403, 'Forbidden', 'You cannot see the compliance report. It is for council SEND caseworkers and team managers.');
      res.header('Cache-Control', 'no-store');
      res.json(options);
    }),
  );

  // The same figures as files: CSV (with a byte-order mark, so spreadsheet programs read UTF-8) and .xlsx.
  const files: Record<'csv' | 'xlsx', { type: string; body: (report: ComplianceReport) => Promise<string | Buffer> }> = {
    csv: { type: 'text/csv; charset=utf-8', body: async (report) => `\uFEFF${complianceCsv(report, deps.councilName)}` },
    xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: (report) => complianceXlsx(report, deps.councilName) },
  };
  for (const [ext, file] of Object.entries(files)) {
    server.get(
      `/api/reports/compliance.${ext}`,
      route(deps.logger, async (req, res) => {
        const report = await reportFor(req);
        const body = await file.body(report);
        res.writeHead(200, { 'Content-Type': file.type, 'Content-Disposition': `attachment; filename="compliance-report-${report.today}.${ext}"`, 'Cache-Control': 'no-store' });
        res.end(body);
      }),
    );
  }
}
