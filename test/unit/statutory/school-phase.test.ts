import assert from 'node:assert/strict';
import { InvalidDateError, StatutoryInputError, schoolPhaseOn, yearGroupOn } from '../../../bot/statutory';

describe('school year groups and phases (England: Reception in the school year a child turns 5)', () => {
  it('puts a child born on 1 September as the oldest and one born on 31 August as the youngest of their year', () => {
    // Both start Reception in September 2025: born 1 Sep 2020 (turns 5 in Sep 2025) and 31 Aug 2021 (turns 4 just before).
    assert.equal(yearGroupOn('2020-09-01', '2025-09-03'), 0);
    assert.equal(yearGroupOn('2021-08-31', '2025-09-03'), 0);
    // A day apart at the boundary: 31 August 2020 is a year ahead.
    assert.equal(yearGroupOn('2020-08-31', '2025-09-03'), 1);
  });

  it('moves up a year on 1 September, not on the birthday', () => {
    assert.equal(yearGroupOn('2014-12-20', '2026-08-31'), 6);
    assert.equal(yearGroupOn('2014-12-20', '2026-09-01'), 7);
    assert.equal(yearGroupOn('2014-12-20', '2026-12-20'), 7);
  });

  it('counts a leap-day birthday like any other in its school year', () => {
    assert.equal(yearGroupOn('2016-02-29', '2026-12-04'), 6);
    assert.equal(yearGroupOn('2016-02-28', '2026-12-04'), 6);
  });

  it('names the phase: early years, primary (Reception–Year 6), secondary (7–11), post-16 (12+)', () => {
    assert.equal(schoolPhaseOn('2022-09-01', '2026-12-04'), 'early_years');
    assert.equal(schoolPhaseOn('2022-05-01', '2026-12-04'), 'primary', 'turns 5 in May 2027: Reception from September 2026');
    assert.equal(schoolPhaseOn('2021-08-31', '2026-12-04'), 'primary');
    assert.equal(schoolPhaseOn('2015-09-01', '2026-12-04'), 'primary');
    assert.equal(schoolPhaseOn('2015-08-31', '2026-12-04'), 'secondary');
    assert.equal(schoolPhaseOn('2010-09-01', '2026-12-04'), 'secondary');
    assert.equal(schoolPhaseOn('2010-08-31', '2026-12-04'), 'post16');
    assert.equal(schoolPhaseOn('2002-01-01', '2026-12-04'), 'post16');
  });

  it('refuses an impossible date and a date before the birth', () => {
    assert.throws(() => yearGroupOn('2015-02-30', '2026-12-04'), InvalidDateError);
    assert.throws(() => yearGroupOn('2015-03-01', '2014-12-04'), StatutoryInputError);
  });
});
