import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  InvalidDateError,
  IsoDate,
  StatutoryInputError,
  addCalendarMonths,
  addDays,
  addWeeks,
  compareIso,
  daysBetween,
  earlierOf,
  englandDateOf,
  formatLongDate,
  formatLongDateWithWeekday,
  isRealIsoDate,
  isWeekend,
  laterOf,
  weekdayName,
} from '../../../bot/statutory';
import { untyped } from './helpers';

describe('IsoDate schema', () => {
  it('accepts real calendar dates, including 29 February in a leap year', () => {
    for (const date of ['2026-03-05', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) {
      assert.equal(IsoDate.safeParse(date).success, true, date);
    }
  });

  it('rejects impossible dates and other shapes', () => {
    for (const date of [
      '2026-02-30',
      '2026-13-01',
      '26-1-1',
      '',
      '2026-1-5',
      '2025-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-00-10',
      '2026-01-00',
      '0000-01-01',
      '2026-01-05T00:00:00Z',
      ' 2026-01-05',
      '2026/01/05',
    ]) {
      assert.equal(IsoDate.safeParse(date).success, false, date);
    }
    assert.equal(IsoDate.safeParse(20260105).success, false);
  });

  it('can be reused inside other schemas and reports a readable message', () => {
    const Booking = z.object({ meetingDate: IsoDate });
    const result = Booking.safeParse({ meetingDate: '2026-02-30' });
    assert.equal(result.success, false);
    assert.match(result.error?.issues[0]?.message ?? '', /real date in the form YYYY-MM-DD/);
    assert.deepEqual(Booking.parse({ meetingDate: '2026-03-05' }), { meetingDate: '2026-03-05' });
  });

  it('isRealIsoDate() agrees with the schema', () => {
    assert.equal(isRealIsoDate('2024-02-29'), true);
    assert.equal(isRealIsoDate('2023-02-29'), false);
    assert.equal(isRealIsoDate(undefined), false);
  });
});

describe('addDays() and addWeeks()', () => {
  it('adds calendar days across month and year ends', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-02-28', 1), '2025-03-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(addDays('2026-03-05', 0), '2026-03-05');
  });

  it('adds weeks as 7 calendar days each, in both directions', () => {
    assert.equal(addWeeks('2026-02-03', 6), '2026-03-17');
    assert.equal(addWeeks('2026-03-05', -2), '2026-02-19');
  });

  it('rejects a fractional count with a message naming the argument', () => {
    assert.throws(
      () => addDays('2026-03-05', 1.5),
      (error: unknown) => {
        assert.ok(error instanceof StatutoryInputError);
        assert.equal(error.message, 'addDays(): days must be a whole number, got number 1.5');
        return true;
      },
    );
    assert.throws(() => addWeeks('2026-03-05', Number.NaN), StatutoryInputError);
  });

  it('refuses results outside years 0001 to 9999 rather than writing a five-digit year', () => {
    assert.throws(() => addDays('9999-12-31', 1), /outside the supported range/);
    assert.throws(() => addDays('0001-01-01', -1), /outside the supported range/);
  });
});

describe('addCalendarMonths()', () => {
  it('keeps the day of the month when the target month has it', () => {
    assert.equal(addCalendarMonths('2026-01-15', 1), '2026-02-15');
    assert.equal(addCalendarMonths('2026-12-15', 2), '2027-02-15');
    assert.equal(addCalendarMonths('2026-03-31', 12), '2027-03-31');
  });

  it('uses the last day of a shorter month: 31 January + 1 month is 28 or 29 February', () => {
    assert.equal(addCalendarMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addCalendarMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addCalendarMonths('2026-08-31', 1), '2026-09-30');
  });

  it('takes 29 February 2024 + 12 months to 28 February 2025, and + 48 months to 29 February 2028', () => {
    assert.equal(addCalendarMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addCalendarMonths('2024-02-29', 48), '2028-02-29');
  });

  it('counts backwards with negative months, clamping the same way', () => {
    assert.equal(addCalendarMonths('2026-03-31', -1), '2026-02-28');
    assert.equal(addCalendarMonths('2027-01-10', -5), '2026-08-10');
  });

  it('does not carry a clamped day into later months (each call starts from its own date)', () => {
    assert.equal(addCalendarMonths(addCalendarMonths('2026-01-31', 1), 1), '2026-03-28');
    assert.equal(addCalendarMonths('2026-01-31', 2), '2026-03-31');
  });
});

describe('daysBetween(), compareIso(), laterOf() and earlierOf()', () => {
  it('returns b − a in calendar days', () => {
    assert.equal(daysBetween('2026-02-03', '2026-03-17'), 42);
    assert.equal(daysBetween('2026-03-17', '2026-02-03'), -42);
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    assert.equal(daysBetween('2025-02-28', '2025-03-01'), 1);
    assert.equal(daysBetween('1999-12-31', '2100-01-01'), 36526);
  });

  it('orders dates and works as a sort comparator', () => {
    assert.equal(compareIso('2026-03-05', '2026-03-06'), -1);
    assert.equal(compareIso('2026-03-05', '2026-03-05'), 0);
    assert.equal(compareIso('2027-01-01', '2026-12-31'), 1);
    assert.deepEqual(['2026-12-01', '2025-01-31', '2026-02-03'].sort(compareIso), ['2025-01-31', '2026-02-03', '2026-12-01']);
  });

  it('picks the later and the earlier date', () => {
    assert.equal(laterOf('2026-03-12', '2026-04-02'), '2026-04-02');
    assert.equal(earlierOf('2026-03-12', '2026-04-02'), '2026-03-12');
  });
});

describe('weekdays and GOV.UK date formatting', () => {
  it('names the day of the week', () => {
    assert.equal(weekdayName('2026-03-05'), 'Thursday');
    assert.equal(weekdayName('2026-12-28'), 'Monday');
    assert.equal(weekdayName('1970-01-01'), 'Thursday');
    assert.equal(weekdayName('1969-12-31'), 'Wednesday');
    assert.equal(isWeekend('2026-03-07'), true);
    assert.equal(isWeekend('2026-03-08'), true);
    assert.equal(isWeekend('2026-03-09'), false);
  });

  it('formats "5 March 2026" with no leading zero and the full month', () => {
    assert.equal(formatLongDate('2026-03-05'), '5 March 2026');
    assert.equal(formatLongDate('2026-12-25'), '25 December 2026');
    assert.equal(formatLongDate('2027-01-01'), '1 January 2027');
  });

  it('formats "Thursday 5 March 2026" with the weekday first and no commas', () => {
    assert.equal(formatLongDateWithWeekday('2026-03-05'), 'Thursday 5 March 2026');
    assert.equal(formatLongDateWithWeekday('2027-12-28'), 'Tuesday 28 December 2027');
  });
});

describe('englandDateOf()', () => {
  it('gives the date in England during British Summer Time, not the UTC date', () => {
    assert.equal(englandDateOf(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(englandDateOf(new Date('2026-06-30T22:59:59Z')), '2026-06-30');
  });

  it('gives the UTC date during Greenwich Mean Time', () => {
    assert.equal(englandDateOf(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
  });

  it('rejects an invalid Date', () => {
    assert.throws(() => englandDateOf(new Date('not a date')), StatutoryInputError);
  });
});

describe('date validation errors', () => {
  it('names the function, the argument and the value', () => {
    assert.throws(
      () => addDays('2026-02-30', 1),
      (error: unknown) => {
        assert.ok(error instanceof InvalidDateError);
        assert.ok(error instanceof StatutoryInputError);
        assert.equal(error.name, 'InvalidDateError');
        assert.equal(error.message, 'addDays(): date "2026-02-30" is not a real date (expected YYYY-MM-DD)');
        assert.equal(error.functionName, 'addDays');
        assert.equal(error.argumentName, 'date');
        assert.equal(error.value, '2026-02-30');
        return true;
      },
    );
  });

  it('describes non-string values without throwing while describing them', () => {
    assert.throws(() => formatLongDate(untyped<string>(undefined)), /formatLongDate\(\): iso undefined is not a real date/);
    assert.throws(() => formatLongDate(untyped<string>(20260305)), /iso number 20260305 is not a real date/);
    assert.throws(() => formatLongDate(untyped<string>(new Date())), /iso a Date object is not a real date/);
  });
});
