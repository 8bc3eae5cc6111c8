import { NotifyClient } from 'notifications-node-client';
import { NotifyMessage, type Notifier, type SentMessage } from './message';

export interface GovUkNotifierOptions {
  readonly apiKey: string;
  /** The generic email template: placeholders ((subject)), ((body)) and optional ((link_to_file)). */
  readonly emailTemplateId: string;
  /** The generic text message template: placeholder ((body)). */
  readonly smsTemplateId: string;
  /** Only for tests against a local stand-in for the Notify API. */
  readonly baseUrl?: string;
}

/**
 * GOV.UK Notify, through its official Node client. One generic template per channel; the text is
 * ours. An attachment (the meeting's calendar file) goes as a Notify file link.
 */
export class GovUkNotifier implements Notifier {
  readonly #client: NotifyClient;

  constructor(private readonly options: GovUkNotifierOptions) {
    this.#client = options.baseUrl ? new NotifyClient(options.baseUrl, options.apiKey) : new NotifyClient(options.apiKey);
  }

  async send(message: NotifyMessage): Promise<SentMessage> {
    const valid = NotifyMessage.parse(message);
    if (valid.kind === 'sms') {
      const response = await this.#client.sendSms(this.options.smsTemplateId, valid.to, {
        personalisation: { body: valid.body },
        ...(valid.reference ? { reference: valid.reference } : {}),
      });
      return { id: String((response.data as { id?: unknown }).id ?? '') };
    }
    const personalisation: Record<string, unknown> = { subject: valid.subject, body: valid.body, link_to_file: '' };
    if (valid.attachment) {
      personalisation.link_to_file = this.#client.prepareUpload(Buffer.from(valid.attachment.content, 'utf8'), {
        filename: valid.attachment.filename,
        confirmEmailBeforeDownload: true,
        retentionPeriod: '4 weeks',
      });
    }
    const response = await this.#client.sendEmail(this.options.emailTemplateId, valid.to, {
      personalisation,
      ...(valid.reference ? { reference: valid.reference } : {}),
    });
    return { id: String((response.data as { id?: unknown }).id ?? '') };
  }
}
