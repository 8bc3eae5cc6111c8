import { formatLongDate } from '../bot/statutory';
import type { EscalationReason, KnowledgeResult } from './types';

/**
 * Plain-text rendering of a result, in GOV.UK style: the answer first, dates as "5 March 2026",
 * the legal source and when the article was last checked. Used by the `ask` CLI; dialogs build
 * their own cards from the same result.
 */

export const ESCALATION_MESSAGES: Readonly<Record<EscalationReason, string>> = {
  safeguarding: [
    'I am passing this to a member of staff now.',
    'If anyone is in immediate danger, call 999.',
    "If a child or young person is at risk of harm, contact children's social care straight away.",
    'For urgent mental health help, call NHS 111 and choose the mental health option. Children and young people can call Childline on 0800 1111.',
  ].join('\n'),
  legal_advice: [
    'I cannot give advice about your own case or say how it is likely to turn out.',
    'For free, impartial advice, contact your local SENDIASS (SEND information, advice and support service) or IPSEA (Independent Provider of Special Education Advice). You can also speak to a solicitor.',
    'I can still explain how the process works.',
  ].join('\n'),
  third_party_data: [
    "I cannot share information about a child's plan or records here.",
    'Only people entitled to see a plan, such as a parent with parental responsibility or the young person, can get a copy, and we need to check who they are first.',
    "Ask the child's parent, or contact the SEND team.",
  ].join('\n'),
};

export const OUT_OF_SCOPE_MESSAGE = 'I can only help with special educational needs and disabilities (SEND). For other council services, please use the council website.';

export const NO_MATCH_MESSAGE =
  'Sorry, I could not find an answer to that. Try asking in a different way, or contact the SEND team or your local SENDIASS (SEND information, advice and support service).';

/**
 * The check-in when the disclosure detector is unsure: short and kind, never promising secrecy.
 * `childrensServices` says how to reach them (the chat names the council's front door).
 */
export function checkInMessage(childrensServices = "contact children's social care"): string {
  return [
    'It sounds like things may be hard right now. If you or a child are in danger, call 999.',
    `If you are worried about a child's safety, ${childrensServices}. Children and young people can call Childline free on 0800 1111. For urgent mental health help, call NHS 111 and choose option 2.`,
  ].join('\n\n');
}

export function formatResult(result: KnowledgeResult): string {
  const text = formatOutcome(result);
  return result.checkIn ? `${checkInMessage()}\n\n${text}` : text;
}

function formatOutcome(result: KnowledgeResult): string {
  switch (result.outcome) {
    case 'answer': {
      const a = result.article;
      const lines = [a.title, '', a.summary];
      if (result.deadlines) {
        lines.push('', `Dates, counting from ${formatLongDate(result.deadlines.from.date)} (${result.deadlines.from.meaning}):`);
        for (const d of result.deadlines.deadlines) lines.push(`- ${d.label}: ${formatLongDate(d.date)}`);
      }
      lines.push('', `Sources: ${a.sources.map((s) => s.citation).join('; ')}`);
      lines.push(`Last checked: ${formatLongDate(a.lastReviewed)}`);
      lines.push(`(article ${a.id}, confidence ${result.confidence.toFixed(2)}${result.alternatives.length > 0 ? `; see also ${result.alternatives.join(', ')}` : ''})`);
      return lines.join('\n');
    }
    case 'clarify':
      return ['Which of these is closest to your question?', ...result.candidates.map((c, i) => `${i + 1}. ${c.title}`)].join('\n');
    case 'escalate':
      return result.alsoAnswer
        ? `${ESCALATION_MESSAGES[result.reason]}\n\nAfter that, about the rest of your question: see article ${result.alsoAnswer}.`
        : ESCALATION_MESSAGES[result.reason];
    case 'out_of_scope':
      return OUT_OF_SCOPE_MESSAGE;
    case 'no_match':
      return NO_MATCH_MESSAGE;
  }
}
