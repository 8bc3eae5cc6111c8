/**
 * Every feature, declared once (dialogs/feature.ts): the dialog set, the menu (in this order), the
 * intents (tried in this order) and the card submissions are all built from this list.
 */
import type { Assembled, Feature } from './feature';
import { assemble } from './feature';
import { ASK_QUESTION, AskQuestionDialog } from './ask-question';
import { BOOK_REVIEW, BookReviewDialog } from './book-review';
import { COMPLAINT, ComplaintDialog } from './complaint';
import { COMPLIANCE_REPORT, ComplianceReportDialog } from './compliance-report';
import { CONTACT_SENDIAS, ContactSendiasDialog } from './contact-sendias';
import { DUE_THIS_WEEK, DueThisWeekDialog } from './due-this-week';
import { answerRoute } from './form';
import { knowledgeSubmissions } from './knowledge-routes';
import { PLAN_STATUS, PlanStatusDialog, planStatusSubmissions } from './plan-status';
import { RECORD_OUTCOME, RecordOutcomeDialog } from './record-outcome';
import { QUEUE_FILTERS } from '../bot/casework/enquiries';
import { SENDIAS_REPORT, SendiasReportDialog } from './sendias-report';
import { SENDIAS_FAMILY_REPLY, SENDIAS_QUEUE, SendiasFamilyReplyDialog, SendiasQueueDialog, sendiasSubmissions } from './sendias-queue';
import type { DialogServices } from './services';
import { COMPLAINT_QUEUE, ComplaintQueueDialog, OVERDUE, OverdueDialog } from './staff-queues';
import { VERIFY, VerifyDialog } from './verify';
import { UNRECORDED_MEETING, UnrecordedMeetingDialog } from './unrecorded-meeting';
import { UNRECORDED_ANSWERS } from '../bot/casework/unrecorded';
import { PlanRef, ReviewId } from '../bot/records';
import { z } from 'zod';

export const FEATURES: readonly Feature[] = [
  {
    id: PLAN_STATUS,
    menu: { title: 'Check an EHC plan', staffTitle: 'Look up a plan' },
    requires: 'plan.read',
    intent:
      /\b(?:check|status of|progress (?:of|with|on)|update on|what(?:'s| is) happening with|where (?:are we|is it) (?:up to|with)|look up|find)\b.{0,40}\b(?:plan|ehcp|ehc plan|assessment|ehcna|EHC-\d{6})\b|\bmy (?:son|daughter|child|kid|boy|girl)'?s? (?:ehcp|ehc plan|plan|assessment)\b.{0,30}\b(?:status|progress|happening|up to|where)\b|^\s*EHC-\d{6}\s*$|\bmy caseload\b|^\s*plan status\b/i,
    dialogs: (s) => [new PlanStatusDialog(s)],
    submissions: planStatusSubmissions,
  },
  {
    id: BOOK_REVIEW,
    menu: { title: 'Book an annual review' },
    requires: 'review.book',
    intent: /\b(?:book|arrange|schedule|set up|organise|organize)\b.{0,30}\b(?:annual )?review\b|\breview meeting\b.{0,20}\b(?:book|arrange)\b/i,
    dialogs: (s) => [new BookReviewDialog(s)],
  },
  {
    id: RECORD_OUTCOME,
    menu: { title: 'Record a review outcome' },
    requires: 'review.record_outcome',
    intent: /\brecord (?:an?|the)? ?(?:annual )?review (?:outcome|meeting|decision)\b|\b(?:review|meeting) (?:was )?held\b/i,
    dialogs: (s) => [new RecordOutcomeDialog(s)],
  },
  {
    id: UNRECORDED_MEETING,
    requires: 'review.record_outcome',
    intent: /\b(?:review )?meetings? (?:booked,? (?:but )?)?not recorded\b|\bunrecorded (?:review )?meetings?\b|^\s*booked,? (?:but )?not recorded\s*$/i,
    // The overdue list's and the reminder card's buttons name the plan, the meeting and the answer.
    start: { planRef: PlanRef.optional(), reviewId: ReviewId.optional(), answer: z.enum(UNRECORDED_ANSWERS).optional() },
    dialogs: (s) => [new UnrecordedMeetingDialog(s)],
  },
  {
    id: OVERDUE,
    menu: { title: "What's overdue" },
    requires: 'compliance.overdue',
    intent: /^(?:show |what(?:'s| is| are) )?(?:my |the )?(?:overdue|late)\b|\bwhat(?:'s| is) overdue\b/i,
    dialogs: (s) => [new OverdueDialog(s)],
  },
  {
    id: DUE_THIS_WEEK,
    menu: { title: "What's due this week" },
    requires: 'compliance.overdue',
    intent: /\bwhat(?:'s| is) due\b|\bdue this week\b/i,
    dialogs: (s) => [new DueThisWeekDialog(s)],
  },
  {
    id: COMPLIANCE_REPORT,
    menu: { title: 'Compliance report' },
    requires: 'compliance.report',
    intent: /\bhow are we doing\b|\bcompliance (?:report|figures)\b|\b(?:annual )?review (?:figures|statistics|stats)\b/i,
    dialogs: (s) => [new ComplianceReportDialog(s)],
  },
  {
    id: COMPLAINT_QUEUE,
    menu: { title: 'Complaints queue' },
    requires: 'complaint.queue',
    intent: /\bcomplaints? queue\b|\bopen complaints\b/i,
    dialogs: (s) => [new ComplaintQueueDialog(s)],
  },
  {
    id: COMPLAINT,
    menu: { title: 'Make a complaint' },
    requires: 'complaint.create',
    intent:
      /\b(?:i (?:want|would like|wish|need) to|i'?d like to|can i|how can i|let me) (?:make|raise|log|file|submit|put in) (?:an? )?(?:formal )?complaint\b|^\s*(?:make|log|raise) (?:an? )?complaint\b|^\s*complaint\s*$/i,
    dialogs: (s) => [new ComplaintDialog(s)],
  },
  {
    id: ASK_QUESTION,
    menu: { title: 'Ask a question about SEND' },
    dialogs: (s) => [new AskQuestionDialog(s.questions)],
    submissions: (s) => knowledgeSubmissions(s.questions),
  },
  {
    id: CONTACT_SENDIAS,
    menu: { title: 'Contact SENDIAS' },
    requires: 'enquiry.create',
    intent: /\b(?:contact|speak to|talk to|get help from|refer me to|message|email) (?:the )?(?:sendias|sendiass|ias|information,? advice and support)\b|^\s*sendias\s*$/i,
    dialogs: (s) => [new ContactSendiasDialog(s)],
  },
  {
    id: SENDIAS_QUEUE,
    menu: { title: 'SENDIAS enquiries' },
    requires: 'enquiry.queue',
    intent: /^\s*(?:show|open|see|view)(?: me)? (?:the |my )?(?:[a-z]+ ){0,2}queue\b|\bsendias (?:enquiries|queue)\b|\benquir(?:y|ies) queue\b/i,
    // The queue's filter buttons start it too, with the filter.
    start: { filter: z.enum(QUEUE_FILTERS).optional() },
    dialogs: (s) => [new SendiasQueueDialog(s), new SendiasFamilyReplyDialog(s)],
    submissions: sendiasSubmissions,
  },
  {
    id: SENDIAS_REPORT,
    menu: { title: 'SENDIAS figures' },
    requires: 'enquiry.queue',
    intent: /\bsendias (?:figures|report|statistics|stats)\b/i,
    dialogs: (s) => [new SendiasReportDialog(s)],
  },
  {
    id: VERIFY,
    dialogs: (s) => [new VerifyDialog(s)],
    // Every prompt's buttons answer through this one route (checked again by the waiting question).
    submissions: () => [answerRoute()],
  },
];

/** Every feature's dialogs, submissions, menu entry and intent, for the router. */
export function features(services: DialogServices): Assembled {
  return assemble(FEATURES, services);
}

export { SENDIAS_FAMILY_REPLY };
