/**
 * Schema building blocks shared by the record types: ids, reference formats, dates, contacts.
 * Dates are ISO calendar dates (`YYYY-MM-DD`, the statutory `IsoDate` schema, so "2026-02-30" is
 * rejected); instants are ISO timestamps with an offset.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IsoDate, isRealIsoDate } from '../statutory';

export { IsoDate };
export type IsoDateString = z.infer<typeof IsoDate>;

/**
 * An instant, e.g. `2026-03-05T09:30:00.000Z` (UTC or with an offset). Checked with one compiled
 * pattern and the calendar: zod's own `datetime()` builds its pattern again on every value, which
 * made reading thousands of records measurably slow.
 */
const ISO_INSTANT = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
export const IsoDateTime = z.string().refine((v) => ISO_INSTANT.test(v) && isRealIsoDate(v.slice(0, 10)), { message: 'must be an ISO timestamp' });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** The shapes of the ids and references, for the schemas below and for checks that cannot afford a zod parse per value. */
export const ID_PATTERNS = {
  childId: /^C\d{4,9}$/,
  planRef: /^EHC-\d{6}$/,
  complaintRef: /^CMP-\d{4}-\d{5}$/,
  staffId: /^S\d{3,6}$/,
  reviewId: /^RVW-C\d{4,9}-[0-9a-f]{12}$/,
} as const;

/** Child id from the council's case management system, `C` and at least 4 digits: `C0001`. */
export const ChildId = z.string().regex(ID_PATTERNS.childId, 'must be a child id like C0001');
export type ChildId = z.infer<typeof ChildId>;

/** EHC plan reference: `EHC-000123`. */
export const PlanRef = z.string().regex(ID_PATTERNS.planRef, 'must be a plan reference like EHC-000123');
export type PlanRef = z.infer<typeof PlanRef>;

/** Complaint reference: `CMP-2026-00042`. */
export const ComplaintRef = z.string().regex(ID_PATTERNS.complaintRef, 'must be a complaint reference like CMP-2026-00042');
export type ComplaintRef = z.infer<typeof ComplaintRef>;

/** SENDIAS enquiry reference: `ENQ-2026-00017`. */
export const EnquiryRef = z.string().regex(/^ENQ-\d{4}-\d{5}$/, 'must be an enquiry reference like ENQ-2026-00017');
export type EnquiryRef = z.infer<typeof EnquiryRef>;

/** Staff id: `S001`. */
export const StaffId = z.string().regex(ID_PATTERNS.staffId, 'must be a staff id like S001');
export type StaffId = z.infer<typeof StaffId>;

/** A parent or carer (`P0001`) or a young person acting for themselves (`Y0287`, for child `C0287`). */
export const ContactId = z.string().regex(/^[PY]\d{4,9}$/, 'must be a contact id like P0001 or Y0001');
export type ContactId = z.infer<typeof ContactId>;

/** Review meeting id, carrying the child id so the partition is known: `RVW-C0001-1a2b3c4d5e6f`. */
export const ReviewId = z.string().regex(ID_PATTERNS.reviewId, 'must be a review id like RVW-C0001-1a2b3c4d5e6f');
export type ReviewId = z.infer<typeof ReviewId>;

/** Assessment request id, carrying the child id: `ASR-C0001-1a2b3c4d5e6f`. */
export const AssessmentRequestId = z.string().regex(/^ASR-C\d{4,9}-[0-9a-f]{12}$/, 'must be an assessment request id like ASR-C0001-1a2b3c4d5e6f');
export type AssessmentRequestId = z.infer<typeof AssessmentRequestId>;

/** Any record reference an audit event or an enquiry may point at. */
export const RecordRef = z.union([ChildId, PlanRef, ComplaintRef, EnquiryRef, StaffId, ContactId, ReviewId, AssessmentRequestId]);
export type RecordRef = z.infer<typeof RecordRef>;

/** An Azure AD (Entra ID) object id. */
export const AadObjectId = z.string().trim().toLowerCase().uuid('must be an Azure AD object id (a UUID)');

/** A caller-supplied idempotency key: the same key twice means the same request. */
export const IdempotencyKey = z.string().min(8, 'must be at least 8 characters').max(200);

export const PersonName = z.string().trim().min(1).max(100);
export const FreeText = z.string().trim().min(1).max(4000);
export const Email = z.string().trim().toLowerCase().email('must be an email address').max(254);
/** UK phone number, stored without spaces: `07700900123` or `+447700900123`. */
export const Phone = z
  .string()
  .transform((s) => s.replace(/[\s()-]/g, ''))
  .pipe(z.string().regex(/^(\+44\d{9,10}|0\d{9,10})$/, 'must be a UK phone number'));

export const ContactPreference = z.enum(['email', 'phone']);
export type ContactPreference = z.infer<typeof ContactPreference>;

/** How something reached the service. */
export const Channel = z.enum(['web_chat', 'teams', 'email', 'phone', 'post', 'in_person', 'system']);
export type Channel = z.infer<typeof Channel>;

/** Name and contact details given with a complaint or enquiry. */
export const ContactDetails = z.object({
  name: PersonName,
  email: Email.optional(),
  phone: Phone.optional(),
  /** The verified contact record, when the person was identified. */
  contactId: ContactId.optional(),
});
export type ContactDetails = z.infer<typeof ContactDetails>;

/** Adds an issue unless the contact details hold the channel the person prefers. */
export function checkPreferredContact(contact: ContactDetails, preference: ContactPreference, ctx: z.RefinementCtx, path: (string | number)[]): void {
  if (preference === 'email' && !contact.email) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path, 'email'], message: 'an email address is needed when email is preferred' });
  }
  if (preference === 'phone' && !contact.phone) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path, 'phone'], message: 'a phone number is needed when phone is preferred' });
  }
}

/** Adds an issue unless `earlier` is on or before `later` (ISO dates compare as strings). */
export function checkOrder(ctx: z.RefinementCtx, earlier: { name: string; value: string | undefined }, later: { name: string; value: string | undefined }): void {
  if (earlier.value !== undefined && later.value !== undefined && earlier.value > later.value) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: later.name.split('.'),
      message: `${later.name} (${later.value}) is before ${earlier.name} (${earlier.value})`,
    });
  }
}

/** First 12 hex characters of a SHA-256 over the parts: stable ids from idempotency keys. */
export function shortHash(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}

/** The child id inside a review or assessment request id (`RVW-C0001-…` → `C0001`). */
export function childIdFromCaseRecordId(id: string): ChildId | undefined {
  const match = /^(?:RVW|ASR)-(C\d{4,9})-[0-9a-f]{12}$/.exec(id);
  return match?.[1];
}

/** Zero-padded decimal. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
