import type { Activity } from 'botbuilder';
import type { CouncilContacts } from '../bot/config';
import { formatLongDate } from '../bot/statutory';
import type { Article } from '../knowledge/schema';
import type { KnowledgeResult, EscalateResult } from '../knowledge/types';
import { checkInMessage } from '../knowledge/format';
import { cardMessage, choiceCard, type SubmitButton } from './cards';

export type { CouncilContacts };

/** Card actions the knowledge replies use; the router validates each with zod. */
export const READ_ARTICLE = 'readArticle';
export const FEEDBACK = 'feedback';
/** How much of the question a "No" button carries (and the curators' store keeps). */
export const FEEDBACK_QUESTION_CHARS = 500;

const articleButton = (a: Pick<Article, 'id' | 'title'>): SubmitButton => ({ title: a.title, data: { action: READ_ARTICLE, articleId: a.id } });

/**
 * The reply to a question: one message, answer first. The question rides on the "No" button so a
 * curator can see what the answer did not help with (redacted when it is stored).
 */
export function knowledgeReply(result: KnowledgeResult, lookup: (id: string) => Article | undefined, council: CouncilContacts, question?: string): Partial<Activity> {
  switch (result.outcome) {
    case 'answer': {
      const { article } = result;
      const lines: string[] = [];
      if (result.deadlines) {
        lines.push(`From ${formatLongDate(result.deadlines.from.date)} (${result.deadlines.from.meaning}):`);
        for (const d of result.deadlines.deadlines) lines.push(`- ${d.label}: ${formatLongDate(d.date)}`);
      }
      lines.push(sourceLine(article));
      const related = article.related
        .map(lookup)
        .filter((a): a is Article => a !== undefined)
        .slice(0, 3);
      return cardMessage(
        [article.summary, ...lines].join('\n\n'),
        choiceCard({
          heading: article.title,
          lines: ['Was this helpful?'],
          buttons: [
            { title: 'Yes, this helped', data: { action: FEEDBACK, articleId: article.id, helpful: 'yes' } },
            { title: 'No', data: { action: FEEDBACK, articleId: article.id, helpful: 'no', ...(question ? { question: question.slice(0, FEEDBACK_QUESTION_CHARS) } : {}) } },
            { title: 'Read more', data: { action: READ_ARTICLE, articleId: article.id } },
            ...related.map(articleButton),
          ],
        }),
      );
    }
    case 'clarify':
      return cardMessage(
        'I found more than one answer. Which is closest to your question?',
        choiceCard({ heading: 'Choose a topic', buttons: result.candidates.map(articleButton) }),
      );
    case 'no_match':
      return cardMessage(
        [
          'Sorry, I could not find an answer to that.',
          `SENDIAS gives free, impartial advice about SEND to families and young people. Call ${council.sendiasPhone} or email ${council.sendiasEmail}.`,
          `For questions about a council decision or your child's plan, email the SEND team at ${council.sendEmail}.`,
        ].join('\n\n'),
        choiceCard({
          heading: 'What would you like to do?',
          buttons: [{ title: 'Ask a different question', data: { action: 'askQuestion' } }],
        }),
      );
    case 'escalate': {
      // Safety first: the contacts lead, and any SEND answer comes after them, never instead.
      const also = result.alsoAnswer ? lookup(result.alsoAnswer) : undefined;
      if (!also) return { type: 'message', text: escalationText(result, council) };
      return cardMessage(
        [escalationText(result, council), `You also asked about: ${also.title}.`, also.summary, sourceLine(also)].join('\n\n'),
        choiceCard({ heading: also.title, buttons: [{ title: 'Read more', data: { action: READ_ARTICLE, articleId: also.id } }] }),
      );
    }
    case 'out_of_scope':
      return {
        type: 'message',
        text: `Sorry, I can only help with special educational needs and disabilities (SEND). For other ${council.name} services, go to ${council.contactUrl}.`,
      };
  }
}

/**
 * The check-in, when the disclosure detector is unsure whether a message is about someone at risk:
 * short and kind, then the conversation carries on. Shown by the router, before anything else the
 * message gets, in or out of a guided dialog. Never promises secrecy.
 */
export function checkInText(council: CouncilContacts): string {
  return checkInMessage(`call ${council.name} children's services on ${council.frontDoorPhone}`);
}

/** The replies for the three kinds of escalation. Never promises secrecy. */
export function escalationText(result: Pick<EscalateResult, 'reason'>, council: CouncilContacts): string {
  switch (result.reason) {
    case 'safeguarding':
      return [
        'If anyone is in immediate danger, call 999 now.',
        `If you are worried about a child's safety, call ${council.name} children's services on ${council.frontDoorPhone}. Someone will listen and can act.`,
        'Children and young people can call Childline free on 0800 1111, at any time.',
        'For urgent mental health help, call NHS 111 and choose option 2.',
        'I am an automated assistant, so I cannot act on this myself. Please contact one of these services now.',
      ].join('\n\n');
    case 'legal_advice':
      return [
        'I cannot give advice about your own case or say what is likely to happen.',
        `SENDIAS gives free, impartial and confidential advice to families: call ${council.sendiasPhone} or email ${council.sendiasEmail}. IPSEA (Independent Provider of Special Education Advice) also gives free legal advice about SEND at www.ipsea.org.uk.`,
        'You can also speak to a solicitor who specialises in education law.',
      ].join('\n\n');
    case 'third_party_data':
      return [
        "I cannot share information about a child's EHC plan with someone who may not be entitled to see it.",
        'A parent with parental responsibility, or a young person aged 16 or over, can see their own plan after proving who they are.',
        `Anyone else needs the consent of the parent or young person. To ask about information the council holds, email ${council.sendEmail}.`,
      ].join('\n\n');
  }
}

/** The full article, for "Read more". */
export function articleMessage(article: Article): Partial<Activity> {
  const sources = article.sources.map((s) => `- ${s.url ? `[${s.citation}](${s.url})` : s.citation}`).join('\n');
  return {
    type: 'message',
    textFormat: 'markdown',
    text: `**${article.title}**\n\n${article.body}\n\n**Sources**\n\n${sources}\n\nLast checked: ${formatLongDate(article.lastReviewed)}.`,
  };
}

function sourceLine(article: Article): string {
  const first = article.sources[0];
  const source = first ? first.citation : 'the SEND Code of Practice';
  return `Source: ${source}. Last checked: ${formatLongDate(article.lastReviewed)}.`;
}
