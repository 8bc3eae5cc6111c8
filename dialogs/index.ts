import type { Dialog } from 'botbuilder-dialogs';
import type { SubmissionRoute } from './router';
import type { DialogServices } from './services';
import { VerifyDialog } from './verify';
import { PlanStatusDialog, PLAN_STATUS, planStatusSubmissions } from './plan-status';
import { startDialogRoute } from './router';
import { DueThisWeekDialog, DUE_THIS_WEEK } from './due-this-week';
import { ComplaintDialog, COMPLAINT } from './complaint';
import { BookReviewDialog, BOOK_REVIEW } from './book-review';
import { RecordOutcomeDialog, RECORD_OUTCOME } from './record-outcome';
import { ContactSendiasDialog, CONTACT_SENDIAS } from './contact-sendias';
import { ComplaintQueueDialog, COMPLAINT_QUEUE, OverdueDialog, OVERDUE } from './staff-queues';
import { answerRoute } from './form';
import { SendiasFamilyReplyDialog, SendiasQueueDialog, sendiasSubmissions } from './sendias-queue';

/** Every guided dialog and the card submissions they accept. Each feature adds itself here. */
export function guidedDialogs(services: DialogServices): { dialogs: Dialog[]; submissions: SubmissionRoute[] } {
  return {
    dialogs: [new VerifyDialog(services), new PlanStatusDialog(services), new DueThisWeekDialog(services), new ComplaintDialog(services), new BookReviewDialog(services), new RecordOutcomeDialog(services), new ContactSendiasDialog(services), new OverdueDialog(services), new ComplaintQueueDialog(services), new SendiasQueueDialog(services), new SendiasFamilyReplyDialog(services)],
    submissions: [startDialogRoute(PLAN_STATUS), startDialogRoute(DUE_THIS_WEEK), startDialogRoute(COMPLAINT), startDialogRoute(BOOK_REVIEW), startDialogRoute(RECORD_OUTCOME), startDialogRoute(CONTACT_SENDIAS), startDialogRoute(OVERDUE), startDialogRoute(COMPLAINT_QUEUE), answerRoute(), ...planStatusSubmissions(services), ...sendiasSubmissions(services)],
  };
}
