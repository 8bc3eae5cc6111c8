/**
 * The compliance report over HTTP, for the report tab and for downloads: JSON and CSV. Every request
 * carries a bearer token (Teams SSO in production, the persona's local token locally); the casework
 * layer and the access guard decide what it may see, and audit refusals. No token: 401. Not allowed
 * (a parent, an adviser, or a caseworker asking for every plan or someone else's): 403.
 */
import { z } from 'zod';
import type { Casework } from '../casework';
import type { Identity } from '../identity/identity';
import type { Logger } from '../logging';
import { StaffId } from '../records/common';
import { complianceCsv } from './report-csv';
import { HttpError, bearerFrom, route, type Request, type Server } from './http';

/** Who a bearer token belongs to, if anyone on the staff list. */
export type ReportAuthenticator = (token: string) => Promise<Identity | undefined>;

const Query = z
  .object({
    /** `all` for every plan, or one caseworker's id. */
    caseworker: z.union([z.literal('all'), StaffId]).optional(),
  })
  .strict();

export function mountReportRoutes(server: Server, deps: { logger: Logger; casework: Casework; councilName: string; authenticate: ReportAuthenticator }): void {
  const reportFor = async (req: Request) => {
    const token = bearerFrom(req.headers.authorization);
    const identity = token ? await deps.authenticate(token) : undefined;
    if (!identity) throw new HttpError(401, 'Unauthorized', 'Sign in through Microsoft Teams to see the report.');
    const query = Query.safeParse(req.query ?? {});
    if (!query.success) throw new HttpError(400, 'BadRequest', 'Use ?caseworker=all or ?caseworker= a staff id like S001, or nothing for your own scope.');
    const c = query.data.caseworker;
    const report = await deps.casework.compliance.report(identity, c === 'all' ? { all: true } : c ? { caseworkerId: c } : {});
    if (!report) throw new HttpError(403, 'Forbidden', 'You cannot see that report. Caseworkers see their own caseload; team managers see every plan.');
    return report;
  };

  server.get(
    '/api/reports/compliance',
    route(deps.logger, async (req, res) => {
      const report = await reportFor(req);
      res.header('Cache-Control', 'no-store');
      res.json(report);
    }),
  );

  server.get(
    '/api/reports/compliance.csv',
    route(deps.logger, async (req, res) => {
      const report = await reportFor(req);
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="compliance-report-${report.today}.csv"`,
        'Cache-Control': 'no-store',
      });
      // A byte-order mark, so spreadsheet programs read the file as UTF-8.
      res.end(`\uFEFF${complianceCsv(report, deps.councilName)}`);
    }),
  );
}
