/**
 * Plays conversation scripts against the real service in local mode, over HTTP, the way Web Chat
 * does: POST /api/webchat/token, then Direct Line v3. Each script gets a fresh database (on one
 * embedded Cosmos server) with the demo dataset, so scripts cannot affect each other.
 *
 *   npm run conversations -- test/conversations/plan-status.yaml   (no files: every script)
 *
 * Placeholders: {{code}} (and any other `capture`), {{persona.planRef}}, {{persona.childName}},
 * {{persona.childDob}} (14/3/2015), {{persona.email}}, {{persona.phone}}, {{persona.contactId}},
 * {{longtext}} (5,000 characters), {{child.C0005.name}}, {{child.C0005.dob}}, {{child.C0005.planRef}} (any demo child),
 * {{plan.notOnS001Caseload}}, {{unrecorded.planRef}} (S001's plan with a past meeting never recorded; also .childName, .longdate,
 * .beforeBooking, .schoolEmail), {{date+N}} (today + N days, as 5/3/2026), {{iso+N}} (as 2026-03-05), {{longdate+N}} ("5 March 2026").
 * Exits non-zero on the first failure, printing the step, what was expected and what the bot said.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logging';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/storage/cosmos';
import { generateDemoData } from '../../bot/records/demo-data';
import { addDays, englandDateOf, formatLongDate } from '../../bot/statutory';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { Script, check, fill, fillDeep, type Step } from './script';

export const SCRIPT_DIR = path.join(__dirname);
const QUIET_MS = 1500;

export interface ScriptResult {
  readonly file: string;
  readonly title: string;
  readonly ok: boolean;
  readonly steps: number;
  readonly failure?: string;
  readonly ms: number;
}

export function scriptFiles(dir = SCRIPT_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function loadScript(file: string): Script {
  const parsed = Script.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: not a valid conversation script:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
}

/** Placeholder values for a persona, from the same demo dataset the service loads. */
export function personaVars(persona: string, today: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (let n = -30; n <= 400; n++) {
    const day = addDays(today, n);
    const key = n >= 0 ? `+${n}` : `${n}`;
    vars[`date${key}`] = ukDate(day);
    vars[`iso${key}`] = day;
    vars[`longdate${key}`] = formatLongDate(day);
  }
  vars.longtext = 'word '.repeat(1000);
  const data = generateDemoData({ today });
  for (const child of data.children) {
    vars[`child.${child.id}.name`] = `${child.givenName} ${child.familyName}`;
    vars[`child.${child.id}.dob`] = ukDate(child.dateOfBirth);
    const plan = data.plans.find((p) => p.childId === child.id);
    if (plan) vars[`child.${child.id}.planRef`] = plan.id;
  }
  const notMine = data.plans.find((p) => p.status === 'final_issued' && p.caseworkerId !== undefined && p.caseworkerId !== 'S001');
  if (notMine) vars['plan.notOnS001Caseload'] = notMine.id;
  // A plan on S001's caseload whose booked meeting's date has passed with no record ("booked, not recorded").
  const unrecorded = data.planted.meetingsNotRecorded.map((ref) => data.plans.find((p) => p.id === ref)!).find((p) => p.caseworkerId === 'S001');
  const meeting = unrecorded && data.reviews.find((r) => r.planRef === unrecorded.id && r.status === 'booked' && r.proposedDate < today);
  if (unrecorded && meeting) {
    Object.assign(vars, {
      'unrecorded.planRef': unrecorded.id,
      'unrecorded.childName': data.children.find((c) => c.id === unrecorded.childId)!.givenName,
      'unrecorded.longdate': formatLongDate(meeting.proposedDate),
      'unrecorded.beforeBooking': ukDate(addDays(englandDateOf(new Date(meeting.createdAt)), -1)),
      'unrecorded.schoolEmail': meeting.invitees.find((i) => i.role === 'head_or_setting')?.email ?? '',
    });
  }
  if (persona.startsWith('parent:')) {
    const contact = data.contacts.find((c) => c.id === persona.slice('parent:'.length));
    if (!contact) throw new Error(`persona ${persona} is not in the demo dataset`);
    const childId = contact.childIds[0]!;
    const child = data.children.find((c) => c.id === childId)!;
    const plan = data.plans.find((p) => p.childId === childId);
    Object.assign(vars, {
      'persona.contactId': contact.id,
      'persona.email': contact.email ?? '',
      'persona.phone': contact.phone ?? '',
      'persona.address': (contact.preferredContact === 'phone' ? contact.phone : contact.email) ?? contact.email ?? contact.phone ?? '',
      'persona.childId': child.id,
      'persona.childName': `${child.givenName} ${child.familyName}`,
      'persona.childDob': ukDate(child.dateOfBirth),
      'persona.planRef': plan?.id ?? '',
    });
  }
  return vars;
}

async function runScript(file: string, cosmos: EmbeddedCosmos, index: number): Promise<ScriptResult> {
  const started = Date.now();
  const script = loadScript(file);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEMO_DATA: 'true',
    COSMOS_DATABASE: `conversations-${process.pid}-${index}`,
  });
  const app = await buildApp(config, { embeddedCosmos: cosmos, logger: createLogger(config.logLevel) });
  const url = await app.listen();
  const today = englandDateOf(new Date());
  const vars = personaVars(script.persona, today);
  let stepNo = 0;
  try {
    const client = await DirectLineClient.open(url, script.persona);
    for (const step of script.steps) {
      stepNo++;
      const failure = await runStep(step, client, url, vars);
      if (failure) return { file, title: script.title, ok: false, steps: stepNo, failure: `step ${stepNo}: ${failure}`, ms: Date.now() - started };
    }
    return { file, title: script.title, ok: true, steps: stepNo, ms: Date.now() - started };
  } catch (error) {
    return { file, title: script.title, ok: false, steps: stepNo, failure: `step ${stepNo}: ${(error as Error).message}`, ms: Date.now() - started };
  } finally {
    await app.close();
  }
}

async function runStep(step: Step, client: DirectLineClient, url: string, vars: Record<string, string>): Promise<string | undefined> {
  if ('outbox' in step) {
    const to = fill(step.outbox.to ?? '{{persona.address}}', vars);
    const res = await fetch(`${url}/dev/outbox?to=${encodeURIComponent(to)}`);
    if (!res.ok) return `GET /dev/outbox failed: ${res.status}`;
    const { messages } = (await res.json()) as { messages: { subject?: string; body: string }[] };
    const newest = messages.at(-1);
    if (!newest) return `outbox: nothing was sent to ${to}`;
    const match = new RegExp(step.outbox.pattern).exec(newest.body);
    if (!match) return `outbox: the newest message to ${to} does not match /${step.outbox.pattern}/:\n${indent(newest.body)}`;
    vars[step.outbox.capture] = match[1] ?? match[0];
    return undefined;
  }
  if ('raw' in step) {
    const res = await client.postRaw(fill(step.raw, vars));
    return res.status === step.status ? undefined : `raw post: expected HTTP ${step.status}, got ${res.status}: ${await res.text()}`;
  }
  const activity = 'user' in step ? fill(step.user, vars) : { value: fillDeep(step.submit, vars) as Record<string, unknown> };
  const replies = await client.say(activity, { quietMs: QUIET_MS, timeoutMs: 15_000 });
  const text = replyText(replies);
  const said = 'user' in step ? `user: ${JSON.stringify(activity)}` : `submit: ${JSON.stringify(activity)}`;
  // A turn that failed is never a pass, whatever else the replies contain.
  const expectations = [...step.expect, { not_contains: 'Sorry, something went wrong on our side' }];
  for (const expectation of expectations) {
    const result = check(fillDeep(expectation, vars) as typeof expectation, text);
    if (!result.ok) {
      return `${said}\n  ${result.message}\n  the bot replied (${replies.length} message${replies.length === 1 ? '' : 's'}):\n${indent(text || '(nothing)')}`;
    }
  }
  return undefined;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    | ${l}`)
    .join('\n');
}

/** Runs scripts one after another; stops at the first failure unless `keepGoing`. */
export async function runScripts(files: readonly string[], options: { keepGoing?: boolean; log?: (line: string) => void } = {}): Promise<ScriptResult[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cosmos = await startEmbeddedCosmos();
  const results: ScriptResult[] = [];
  try {
    for (const [i, file] of files.entries()) {
      const result = await runScript(file, cosmos, i);
      results.push(result);
      log(`${result.ok ? 'ok  ' : 'FAIL'} ${path.basename(file)} — ${result.title} (${result.steps} steps, ${(result.ms / 1000).toFixed(1)} s)`);
      if (!result.ok) {
        log(result.failure ?? '');
        if (!options.keepGoing) break;
      }
    }
  } finally {
    await cosmos.close();
  }
  return results;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args.map((f) => path.resolve(f)) : scriptFiles();
  if (files.length === 0) {
    process.stderr.write('No conversation scripts found.\n');
    process.exit(2);
  }
  runScripts(files)
    .then((results) => {
      const failed = results.filter((r) => !r.ok).length;
      const passed = results.length - failed;
      process.stdout.write(`\n${passed} passed, ${failed} failed${results.length < files.length ? `, ${files.length - results.length} not run` : ''}\n`);
      process.exit(failed > 0 ? 1 : 0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
