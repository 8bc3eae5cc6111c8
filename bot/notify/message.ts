/** One message the service sends outside the chat, and the one interface that sends it. */
import { z } from 'zod';

export const NotifyAttachment = z.object({
  filename: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/),
  contentType: z.enum(['text/calendar']),
  content: z.string().min(1).max(200_000),
});
export type NotifyAttachment = z.infer<typeof NotifyAttachment>;

/** One message. `subject` and `body` fill the service's single generic Notify template. */
export const NotifyMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    to: z.string().trim().toLowerCase().email(),
    subject: z.string().min(1).max(200),
    body: z.string().min(1).max(10_000),
    attachment: NotifyAttachment.optional(),
    /** Our own reference for the message (never personal data): e.g. a plan or complaint reference. */
    reference: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/)
      .optional(),
  }),
  z.object({
    kind: z.literal('sms'),
    to: z
      .string()
      .transform((s) => s.replace(/[\s()-]/g, ''))
      .pipe(z.string().regex(/^(\+44\d{9,10}|0\d{9,10})$/)),
    body: z.string().min(1).max(918),
    reference: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/)
      .optional(),
  }),
]);
export type NotifyMessage = z.input<typeof NotifyMessage>;

export interface SentMessage {
  readonly id: string;
}

export interface Notifier {
  send(message: NotifyMessage): Promise<SentMessage>;
}
