import assert from 'node:assert/strict';
import {
  StatutoryInputError,
  bankHolidayOn,
  bankHolidaysInYear,
  createEnglandAndWalesCalendar,
  englandAndWalesBankHolidays,
  isWeekend,
  withAdditionalBankHolidays,
} from '../../../bot/statutory';

const datesIn = (year: number): string[] => bankHolidaysInYear(year).map((h) => h.date);
/** The days that actually close offices: the list without holidays that fall at a weekend. */
const weekdayDatesIn = (year: number): string[] => datesIn(year).filter((d) => !isWeekend(d));

describe('England and Wales bank holidays (date-holidays GB/ENG)', () => {
  // Expected lists: GOV.UK "UK bank holidays", England and Wales.
  it('matches the published 2024, 2025 and 2026 lists', () => {
    assert.deepEqual(weekdayDatesIn(2024), ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']);
    assert.deepEqual(weekdayDatesIn(2025), ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']);
    assert.deepEqual(weekdayDatesIn(2026), ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
  });

  it('names Good Friday, Easter Monday and the early May, spring and summer bank holidays of 2026', () => {
    assert.equal(bankHolidayOn('2026-04-03')?.name, 'Good Friday');
    assert.equal(bankHolidayOn('2026-04-06')?.name, 'Easter Monday');
    assert.equal(bankHolidayOn('2026-05-04')?.name, 'Early May bank holiday');
    assert.equal(bankHolidayOn('2026-05-25')?.name, 'Spring bank holiday');
    assert.equal(bankHolidayOn('2026-08-31')?.name, 'Summer bank holiday');
  });

  it('includes the substitute day when Boxing Day 2026 falls on a Saturday: Monday 28 December', () => {
    const substitute = bankHolidayOn('2026-12-28');
    assert.equal(substitute?.substitute, true);
    assert.match(substitute?.name ?? '', /Boxing Day/);
    assert.equal(bankHolidayOn('2026-12-29'), undefined);
  });

  it('includes both substitute days when Christmas 2027 falls on a Saturday: 27 and 28 December', () => {
    assert.deepEqual(weekdayDatesIn(2027), ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']);
    assert.equal(bankHolidayOn('2027-12-27')?.substitute, true);
    assert.equal(bankHolidayOn('2027-12-28')?.substitute, true);
  });

  it('moves Christmas Day to Tuesday 27 December when it falls on a Sunday (2022)', () => {
    assert.equal(bankHolidayOn('2022-12-26')?.name, 'Boxing Day');
    assert.equal(bankHolidayOn('2022-12-27')?.substitute, true);
  });

  it("includes the New Year's Day substitute when 1 January is at a weekend (2022, 2028)", () => {
    assert.equal(bankHolidayOn('2022-01-03')?.substitute, true);
    assert.equal(bankHolidayOn('2028-01-03')?.substitute, true);
  });

  it('includes one-off bank holidays the package knew about: VE Day 2020, Jubilee and State Funeral 2022, Coronation 2023', () => {
    assert.ok(bankHolidayOn('2020-05-08'));
    assert.equal(bankHolidayOn('2020-05-04'), undefined, 'the early May holiday moved to VE Day in 2020');
    assert.ok(bankHolidayOn('2022-06-02'));
    assert.ok(bankHolidayOn('2022-06-03'));
    assert.ok(bankHolidayOn('2022-09-19'));
    assert.ok(bankHolidayOn('2023-05-08'));
  });

  it("leaves out observances such as Mother's Day", () => {
    assert.equal(bankHolidayOn('2026-03-15'), undefined);
    assert.equal(bankHolidayOn('2026-04-05'), undefined, 'Easter Sunday is not a bank holiday');
  });

  it('lists holidays in date order', () => {
    const dates = datesIn(2027);
    assert.deepEqual([...dates].sort(), dates);
  });

  it('refuses years the modern rules do not describe, instead of answering wrongly', () => {
    assert.throws(() => bankHolidaysInYear(1999), /year 1999 is not supported \(2000 to 2199\)/);
    assert.throws(() => bankHolidaysInYear(2200), StatutoryInputError);
    assert.throws(() => bankHolidaysInYear(2026.5), StatutoryInputError);
  });

  it('computes each year once per calendar and reuses it', () => {
    const calendar = createEnglandAndWalesCalendar();
    assert.equal(calendar.bankHolidaysIn(2026), calendar.bankHolidaysIn(2026));
    assert.equal(englandAndWalesBankHolidays(), englandAndWalesBankHolidays());
  });
});

describe('withAdditionalBankHolidays()', () => {
  const extra = { date: '2026-06-12', name: 'Example one-off bank holiday', substitute: false };

  it('adds days to the base calendar without losing the base days', () => {
    const calendar = withAdditionalBankHolidays(createEnglandAndWalesCalendar(), [extra]);
    assert.deepEqual(calendar.bankHolidayOn('2026-06-12'), extra);
    assert.equal(calendar.bankHolidayOn('2026-12-28')?.substitute, true);
    assert.ok(calendar.bankHolidaysIn(2026).some((h) => h.date === '2026-06-12'));
    assert.equal(bankHolidayOn('2026-06-12'), undefined, 'the shared calendar is unchanged');
  });

  it('rejects an impossible added date', () => {
    assert.throws(() => withAdditionalBankHolidays(createEnglandAndWalesCalendar(), [{ ...extra, date: '2026-02-30' }]), /"2026-02-30" is not a real date/);
  });
});
