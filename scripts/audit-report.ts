/**
 * Who has looked at a child's record: `npm run audit:report -- --child EHC-000123` (or a child id,
 * C0001). Options: `--from YYYY-MM-DD`, `--to YYYY-MM-DD`, `--json`. Staff tooling for subject
 * access requests and investigations; it prints ids, roles and actions, never names.
 * Needs COSMOS_ENDPOINT (the embedded local database lives inside the running app).
 */
import { z } from 'zod';
import { loadConfig } from '../bot/config';
import { ALL_CONTAINERS } from '../bot/containers';
import { ChildId, IsoDate, PlanRef, createRecords, type AuditEvent, type Records } from '../bot/records';
import { openCosmos } from '../bot/storage/cosmos';

const Args = z
  .object({
    child: z.union([PlanRef, ChildId], { errorMap: () => ({ message: '--child must be a plan reference like EHC-000123 or a child id like C0001' }) }),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    json: z.boolean(),
  })
  .strict();

export interface AuditReport {
  readonly childId: string | undefined;
  readonly events: readonly AuditEvent[];
}

/** Every audit event about the child (by child id), plus those keyed only on the plan, oldest first. */
export async function auditReport(records: Records, options: { ref: string; from?: string; to?: string }): Promise<AuditReport> {
  const period = { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) };
  const plan = options.ref.startsWith('EHC-') ? await records.plans.find(options.ref) : undefined;
  const childId = plan?.childId ?? (options.ref.startsWith('C') ? options.ref : undefined);
  const [byChild, byPlan] = await Promise.all([
    childId ? records.audit.forChild(childId, period) : Promise.resolve([]),
    options.ref.startsWith('EHC-') ? records.audit.forRecord(options.ref, period) : Promise.resolve([]),
  ]);
  const seen = new Set<string>();
  const events = [...byChild, ...byPlan].filter((e) => !seen.has(e.id) && seen.add(e.id)).sort((a, b) => a.at.localeCompare(b.at));
  return { childId, events };
}

function parseArgs(argv: readonly string[]): z.infer<typeof Args> {
  const out: Record<string, unknown> = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') out.json = true;
    else if (['--child', '--from', '--to'].includes(arg)) out[arg.slice(2)] = argv[++i];
    else throw new Error(`Unknown argument ${arg}. Use --child EHC-000123 [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]`);
  }
  const parsed = Args.safeParse(out);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
  return parsed.data;
}

function table(report: AuditReport, ref: string): string {
  const time = (iso: string) => new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
  const rows = report.events.map((e) => [time(e.at), e.actor.id, e.actor.role, e.channel, e.action, e.recordRef ?? '', e.outcome, e.reason ?? '']);
  const head = ['when (UK time)', 'who', 'role', 'channel', 'action', 'record', 'outcome', 'reason'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [`Audit trail for ${ref}${report.childId ? ` (child ${report.childId})` : ''}: ${report.events.length} events`, line(head), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  let args: z.infer<typeof Args>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  if (!config.cosmos.endpoint) {
    process.stderr.write(
      'audit:report reads the Cosmos database: set COSMOS_ENDPOINT (and COSMOS_KEY, or sign in for managed identity). The local embedded database exists only inside the running app.\n',
    );
    return 2;
  }
  const cosmos = await openCosmos({ ...config.cosmos, createIfMissing: false }, ALL_CONTAINERS);
  try {
    const report = await auditReport(createRecords(cosmos), { ref: args.child, ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}) });
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${table(report, args.child)}\n`);
    return 0;
  } finally {
    await cosmos.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
