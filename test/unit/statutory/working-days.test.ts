import assert from 'node:assert/strict';
import {
  StatutoryInputError,
  addWorkingDays,
  createEnglandAndWalesCalendar,
  firstWorkingDayAfter,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  withAdditionalBankHolidays,
  workingDaysBetween,
} from '../../../bot/statutory';
import type { BankHolidayCalendar } from '../../../bot/statutory';

describe('isWorkingDay()', () => {
  it('is true on an ordinary weekday and false at weekends', () => {
    assert.equal(isWorkingDay('2026-03-05'), true);
    assert.equal(isWorkingDay('2026-03-07'), false);
    assert.equal(isWorkingDay('2026-03-08'), false);
  });

  it('is false on Christmas Day, Good Friday, Easter Monday and every 2026 bank holiday', () => {
    for (const date of ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']) {
      assert.equal(isWorkingDay(date), false, date);
    }
  });

  it('is false on the 2027 Christmas and Boxing Day substitute days', () => {
    assert.equal(isWorkingDay('2027-12-27'), false);
    assert.equal(isWorkingDay('2027-12-28'), false);
    assert.equal(isWorkingDay('2027-12-29'), true);
  });

  it('throws for a year outside the supported calendar range', () => {
    assert.throws(() => isWorkingDay('1999-06-01'), /not supported/);
  });
});

describe('addWorkingDays()', () => {
  it('returns the date unchanged for n = 0, even at a weekend (documented choice)', () => {
    assert.equal(addWorkingDays('2026-03-05', 0), '2026-03-05');
    assert.equal(addWorkingDays('2026-04-04', 0), '2026-04-04');
  });

  it('never counts the start date: 5 working days after Monday is the next Monday', () => {
    assert.equal(addWorkingDays('2026-03-02', 5), '2026-03-09');
  });

  it('starts counting on Monday when the start date is a Saturday', () => {
    assert.equal(addWorkingDays('2026-03-07', 1), '2026-03-09');
  });

  it('skips Good Friday and Easter Monday', () => {
    assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07');
  });

  it('skips the early May, spring and summer bank holidays', () => {
    assert.equal(addWorkingDays('2026-05-01', 1), '2026-05-05');
    assert.equal(addWorkingDays('2026-05-22', 1), '2026-05-26');
    assert.equal(addWorkingDays('2026-08-28', 1), '2026-09-01');
  });

  it('skips Christmas Day and the Boxing Day substitute day in 2026', () => {
    assert.equal(addWorkingDays('2026-12-24', 1), '2026-12-29');
  });

  it('skips both substitute days in 2027 and the New Year substitute in 2028', () => {
    assert.equal(addWorkingDays('2027-12-24', 1), '2027-12-29');
    assert.equal(addWorkingDays('2027-12-31', 1), '2028-01-04');
  });

  it('counts backwards for a negative n', () => {
    assert.equal(addWorkingDays('2026-04-07', -1), '2026-04-02');
    assert.equal(addWorkingDays('2026-03-09', -5), '2026-03-02');
  });

  it('rejects a fractional or non-numeric n', () => {
    assert.throws(() => addWorkingDays('2026-03-05', 2.5), StatutoryInputError);
    assert.throws(() => addWorkingDays('2026-03-05', Number.POSITIVE_INFINITY), /n must be a whole number/);
  });

  it('always lands on a working day and is undone by workingDaysBetween()', () => {
    for (const start of ['2026-03-07', '2026-04-01', '2026-12-20', '2027-12-23', '2028-08-25']) {
      for (let n = 1; n <= 30; n += 1) {
        const end = addWorkingDays(start, n);
        assert.equal(isWorkingDay(end), true, `${start} + ${n}`);
        assert.equal(workingDaysBetween(start, end), n, `${start} + ${n}`);
      }
    }
  });

  it('uses a calendar passed in the options', () => {
    const closure = { date: '2026-03-09', name: 'Example extra holiday', substitute: false };
    const calendar = withAdditionalBankHolidays(createEnglandAndWalesCalendar(), [closure]);
    assert.equal(addWorkingDays('2026-03-06', 1), '2026-03-09');
    assert.equal(addWorkingDays('2026-03-06', 1, { calendar }), '2026-03-10');
    assert.equal(isWorkingDay('2026-03-09', { calendar }), false);
  });

  it('works with a calendar that has no holidays at all', () => {
    const none: BankHolidayCalendar = { description: 'none', bankHolidaysIn: () => [], bankHolidayOn: () => undefined };
    assert.equal(addWorkingDays('2026-04-02', 1, { calendar: none }), '2026-04-03');
  });
});

describe('nextWorkingDayOnOrAfter() and firstWorkingDayAfter()', () => {
  it('keeps a working day and rolls a weekend or holiday forward', () => {
    assert.equal(nextWorkingDayOnOrAfter('2026-03-05'), '2026-03-05');
    assert.equal(nextWorkingDayOnOrAfter('2026-03-07'), '2026-03-09');
    assert.equal(nextWorkingDayOnOrAfter('2026-04-03'), '2026-04-07');
  });

  it('always moves at least one day', () => {
    assert.equal(firstWorkingDayAfter('2026-03-05'), '2026-03-06');
    assert.equal(firstWorkingDayAfter('2026-12-31'), '2027-01-04');
  });
});

describe('workingDaysBetween()', () => {
  it('counts working days after the first date up to and including the second', () => {
    assert.equal(workingDaysBetween('2026-12-21', '2026-12-30'), 5);
    assert.equal(workingDaysBetween('2026-03-05', '2026-03-05'), 0);
    assert.equal(workingDaysBetween('2026-03-07', '2026-03-08'), 0);
  });

  it('is negative when the second date is earlier', () => {
    assert.equal(workingDaysBetween('2026-12-30', '2026-12-21'), -5);
  });
});
