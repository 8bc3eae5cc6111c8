/**
 * Prints what the synthetic demo dataset contains and which personas to try.
 *
 *   npm run demo:data                          today's data, default seed
 *   npm run demo:data -- --today 2026-03-05 --seed 7
 *   npm run demo:data -- --load                also load it into an embedded Cosmos server and time it
 *   npm run demo:data -- --children 20000      a large council's volume (the planted cases stay the same)
 */
import { openCosmos } from '../bot/storage/cosmos';
import { RECORD_CONTAINERS, createRecords } from '../bot/records';
import { DEMO_DEFAULT_SEED, generateDemoData, type DemoData } from '../bot/records/demo-data';
import { seedDemoData } from '../bot/records/demo-seed';
import { IsoDate, englandDateOf, formatLongDate } from '../bot/statutory';

interface Args {
  readonly seed: number;
  readonly today: string;
  readonly load: boolean;
  readonly children?: number;
}

export function parseArgs(argv: readonly string[], now: Date): Args {
  let seed = DEMO_DEFAULT_SEED;
  let today = englandDateOf(now);
  let load = false;
  let children: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--load') load = true;
    else if (arg === '--children') children = Number(argv[(i += 1)]);
    else if (arg === '--seed') seed = Number(argv[(i += 1)]);
    else if (arg === '--today') today = IsoDate.parse(argv[(i += 1)]);
    else throw new Error(`demo-data: unknown argument "${String(arg)}" (use --seed N, --today YYYY-MM-DD, --children N, --load)`);
  }
  if (!Number.isSafeInteger(seed)) throw new Error('demo-data: --seed needs a whole number');
  if (children !== undefined && !Number.isSafeInteger(children)) throw new Error('demo-data: --children needs a whole number');
  return { seed, today, load, ...(children !== undefined ? { children } : {}) };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

export function summarise(data: DemoData): string {
  const p = data.personas;
  const lines = [
    `Demo data for ${formatLongDate(data.today)} (seed ${data.seed}): synthetic, no real people.`,
    '',
    `Children: ${data.children.length}. Contacts: ${countBy(data.contacts, (c) => c.kind)}. Staff: ${data.staff.length}.`,
    `Plans by status: ${countBy(data.plans, (x) => x.status)}.`,
    `Review meetings by status: ${countBy(data.reviews, (r) => r.status)}.`,
    `Complaints: ${countBy(data.complaints, (c) => (c.responded ? `stage ${c.stage} answered` : `stage ${c.stage} open`))}.`,
    `SENDIAS enquiries: ${countBy(data.enquiries, (e) => e.status)}.`,
    '',
    'Planted late cases (the compliance views should find exactly these):',
    `  reviews overdue: ${data.planted.reviewsOverdue.join(', ')}`,
    `  reviews due within ${data.planted.reviewsDueWithoutMeeting.weeks} weeks, nothing booked: ${data.planted.reviewsDueWithoutMeeting.planRefs.join(', ')}`,
    `  no decision 4 weeks after the meeting: ${data.planted.decisionsOverdue.join(', ')}`,
    `  amended plan late: ${data.planted.amendedPlansOverdue.join(', ')}`,
    `  assessments late: ${data.planted.assessmentsOverdue.map((a) => `${a.planRef} (${a.kind})`).join(', ')}`,
    `  complaints past their response date: ${data.planted.complaintsOverdue.join(', ')}`,
    `  meetings booked whose date has passed, not recorded as held or not held: ${data.planted.meetingsNotRecorded.length} (${data.planted.meetingsNotRecorded.join(', ')})`,
    `  reviews held in the last year: ${data.expectedTimeliness.held}, on time ${data.expectedTimeliness.heldOnTime}`,
    '',
    'Personas to try:',
    `  parent, plan in assessment: ${p.parentWithPlanInAssessment.name} (${p.parentWithPlanInAssessment.contactId}, ${p.parentWithPlanInAssessment.email}), child ${p.parentWithPlanInAssessment.childName} (${p.parentWithPlanInAssessment.childId}, born ${formatLongDate(p.parentWithPlanInAssessment.childDateOfBirth)}), ${p.parentWithPlanInAssessment.planRef}`,
    `  parent, review due: ${p.parentWithReviewDue.name} (${p.parentWithReviewDue.contactId}, ${p.parentWithReviewDue.email}), child ${p.parentWithReviewDue.childName} (${p.parentWithReviewDue.childId}, born ${formatLongDate(p.parentWithReviewDue.childDateOfBirth)}), ${p.parentWithReviewDue.planRef}, review due ${p.parentWithReviewDue.reviewDue ? formatLongDate(p.parentWithReviewDue.reviewDue) : 'n/a'}`,
    `  parent, review booked: ${p.parentWithReviewBooked.name} (${p.parentWithReviewBooked.contactId}), ${p.parentWithReviewBooked.planRef}`,
    `  caseworker: ${p.caseworker.displayName} (${p.caseworker.staffId}, AAD ${p.caseworker.aadObjectId})`,
    `  team manager: ${p.teamManager.displayName} (${p.teamManager.staffId}, AAD ${p.teamManager.aadObjectId})`,
    `  SENDIAS adviser: ${p.sendiasAdviser.displayName} (${p.sendiasAdviser.staffId}, AAD ${p.sendiasAdviser.aadObjectId})`,
    `  knowledge editor: ${p.knowledgeEditor.displayName} (${p.knowledgeEditor.staffId}, AAD ${p.knowledgeEditor.aadObjectId})`,
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), new Date());
  if (!args.load) {
    process.stdout.write(`${summarise(generateDemoData({ seed: args.seed, today: args.today, ...(args.children ? { children: args.children } : {}) }))}\n`);
    return;
  }
  const handle = await openCosmos({ databaseId: 'demo', createIfMissing: true }, RECORD_CONTAINERS);
  try {
    const result = await seedDemoData(handle, { seed: args.seed, today: args.today, ...(args.children ? { children: args.children } : {}) });
    process.stdout.write(`${summarise(result.data)}\n\n`);
    process.stdout.write(`Loaded ${result.created} documents into the embedded Cosmos server in ${result.elapsedMs} ms.\n`);
    const summary = await createRecords(handle).compliance.summary(args.today);
    process.stdout.write(`Compliance summary from Cosmos: ${JSON.stringify(summary)}\n`);
  } finally {
    await handle.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
