import { createEvent, type EventAttributes } from 'ics';

export interface MeetingInvitation {
  /** Stable across updates of the same meeting, so calendars replace rather than duplicate it. */
  readonly uid: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:MM`, UK local time; without it the event is all-day. */
  readonly startTime?: string;
  readonly durationMinutes?: number;
  readonly title: string;
  readonly location: string;
  readonly description: string;
  /** 0 for a new invitation; increase on every change. */
  readonly sequence?: number;
  readonly cancelled?: boolean;
}

/**
 * An iCalendar (.ics) file for a review meeting, made with the `ics` library. Times are written as
 * local "floating" times: the meeting is in England and every invitee reads it in UK time.
 */
export function meetingInvitation(meeting: MeetingInvitation): string {
  const [y, m, d] = meeting.date.split('-').map(Number) as [number, number, number];
  const timed = meeting.startTime?.match(/^(\d{2}):(\d{2})$/);
  const base = {
    uid: meeting.uid,
    title: meeting.title,
    location: meeting.location,
    description: meeting.description,
    productId: 'send-assistant/ics',
    method: meeting.cancelled ? 'CANCEL' : 'PUBLISH',
    status: meeting.cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: meeting.sequence ?? 0,
  } as const;
  const attributes: EventAttributes = timed
    ? {
        ...base,
        start: [y, m, d, Number(timed[1]), Number(timed[2])],
        startInputType: 'local',
        startOutputType: 'local',
        duration: { minutes: meeting.durationMinutes ?? 90 },
      }
    : { ...base, start: [y, m, d], end: nextDay(y, m, d) };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new Error(`meetingInvitation(): could not make the calendar file: ${error?.message ?? 'no output'}`);
  return value;
}

function nextDay(y: number, m: number, d: number): [number, number, number] {
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}
