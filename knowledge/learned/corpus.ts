import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { normaliseText } from '../analysis';

/** Training data (knowledge/corpus); never an evaluation set (knowledge/eval). */
export const CORPUS_DIR = resolve(__dirname, '..', 'corpus');
export const EVAL_DIR = resolve(__dirname, '..', 'eval');

/** Escalation kinds that are a risk to someone's safety: the disclosure detector's positives. */
export const SAFETY_KINDS = ['self_harm', 'abuse', 'exploitation', 'neglect', 'domestic_abuse', 'missing_child', 'parent_breaking_point'] as const;
export const ESCALATION_KINDS = [...SAFETY_KINDS, 'legal_advice', 'third_party_data'] as const;
export const EscalationKind = z.enum(ESCALATION_KINDS);
export type EscalationKind = z.infer<typeof EscalationKind>;

/** The classifier's classes besides the article ids. */
export const ESC_SAFEGUARDING = 'ESC_SAFEGUARDING';
export const ESC_LEGAL_ADVICE = 'ESC_LEGAL_ADVICE';
export const ESC_THIRD_PARTY_DATA = 'ESC_THIRD_PARTY_DATA';
export const OUT_OF_SCOPE_CLASS = 'OUT_OF_SCOPE';
export const NO_MATCH_CLASS = 'NO_MATCH';
/**
 * An answer typed to one of the assistant's own questions inside a task (an address, what went
 * wrong, why a meeting moved). Never sent to the knowledge base, but screened for safeguarding like
 * every message: these rows teach the disclosure detector only (not the topic classifier) and
 * calibrate how often the check-in may interrupt a task.
 */
export const DIALOG_ANSWER = 'DIALOG_ANSWER';

export interface CorpusRow {
  readonly question: string;
  /** An article id, ESCALATE, OUT_OF_SCOPE, NO_MATCH or DIALOG_ANSWER. */
  readonly label: string;
  readonly kind?: EscalationKind;
  /** File it came from, e.g. author-a-parents-phone.tsv, or `article:<id>` for example questions. */
  readonly source: string;
}

/** The class a row trains: its article id, OUT_OF_SCOPE, NO_MATCH, or which kind of escalation. */
export function classOf(row: Pick<CorpusRow, 'label' | 'kind'>): string {
  if (row.label !== 'ESCALATE') return row.label;
  if (row.kind === 'legal_advice') return ESC_LEGAL_ADVICE;
  if (row.kind === 'third_party_data') return ESC_THIRD_PARTY_DATA;
  return ESC_SAFEGUARDING;
}

export function isDialogAnswer(row: Pick<CorpusRow, 'label'>): boolean {
  return row.label === DIALOG_ANSWER;
}

/** Rows the topic classifier and its thresholds learn from: every row but the dialog answers. */
export function isQuestion(row: Pick<CorpusRow, 'label'>): boolean {
  return !isDialogAnswer(row);
}

export function isDisclosure(row: Pick<CorpusRow, 'label' | 'kind'>): boolean {
  return row.label === 'ESCALATE' && row.kind !== undefined && (SAFETY_KINDS as readonly string[]).includes(row.kind);
}

/** Reads every `*.tsv` in the corpus folder (question, label, kind, voice), checking each row. */
export async function loadCorpus(dir = CORPUS_DIR, labels?: ReadonlySet<string>): Promise<CorpusRow[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.tsv')).sort();
  const rows: CorpusRow[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const lines = (await readFile(join(dir, file), 'utf8')).split(/\r?\n/);
    lines.forEach((line, i) => {
      if (i === 0 || line.trim() === '') return;
      const [question = '', label = '', kind = ''] = line.split('\t').map((c) => c.trim());
      if (!question || !label) return void problems.push(`${file}:${i + 1}: needs a question and a label`);
      if (labels && !labels.has(label) && !['ESCALATE', 'OUT_OF_SCOPE', 'NO_MATCH', DIALOG_ANSWER].includes(label))
        return void problems.push(`${file}:${i + 1}: unknown label "${label}"`);
      if (label === 'ESCALATE') {
        const parsed = EscalationKind.safeParse(kind);
        if (!parsed.success) return void problems.push(`${file}:${i + 1}: ESCALATE needs a kind (${ESCALATION_KINDS.join(', ')})`);
        rows.push({ question, label, kind: parsed.data, source: file });
      } else {
        if (kind) return void problems.push(`${file}:${i + 1}: only ESCALATE rows have a kind`);
        rows.push({ question, label, source: file });
      }
    });
  }
  if (problems.length > 0) throw new Error(`loadCorpus(): ${problems.length} problem(s):\n- ${problems.slice(0, 20).join('\n- ')}`);
  return rows;
}

/** How questions are compared for overlap between training and evaluation: letters and digits only. */
export function overlapKey(question: string): string {
  return normaliseText(question);
}

/** Corpus questions that also appear in an evaluation file (must be none). */
export async function evaluationOverlaps(corpus: readonly CorpusRow[], evalDir = EVAL_DIR): Promise<string[]> {
  const keys = new Map(corpus.map((r) => [overlapKey(r.question), r] as const));
  const found: string[] = [];
  for (const file of (await readdir(evalDir)).filter((f) => f.endsWith('.tsv')).sort()) {
    const lines = (await readFile(join(evalDir, file), 'utf8')).split(/\r?\n/).slice(1);
    lines.forEach((line, i) => {
      const q = line.split('\t')[0] ?? '';
      const hit = q.trim() ? keys.get(overlapKey(q)) : undefined;
      if (hit) found.push(`${file}:${i + 2} is also in ${hit.source}`);
    });
  }
  return found;
}
