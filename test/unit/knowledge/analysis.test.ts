import assert from 'node:assert/strict';
import { createAnalyzer, createSpellingCorrector, joinSectionLetters, normaliseText, stem } from '../../../knowledge/analysis';

describe('stem()', () => {
  it('conflates inflections of the same word', () => {
    assert.equal(stem('assessment'), stem('assessing'));
    assert.equal(stem('assessed'), 'assess');
    assert.equal(stem('naming'), stem('name'));
    assert.equal(stem('reviews'), 'review');
    assert.equal(stem('policies'), stem('policy'));
    assert.equal(stem('planned'), 'plan');
  });
  it('leaves short words and numbers alone', () => {
    assert.equal(stem('bus'), 'bus');
    assert.equal(stem('20'), '20');
  });
});

describe('normaliseText()', () => {
  it('lower-cases, drops possessives and apostrophes, and joins thousands', () => {
    assert.equal(normaliseText("My son's EHCP can't cost £6,000"), 'my son ehcp cant cost 6000');
  });
  it('reads capitalised SEND as the abbreviation', () => {
    assert.equal(normaliseText('SEND support'), 'sen support');
  });
});

describe('joinSectionLetters()', () => {
  it('turns plan sections into tokens', () => {
    assert.equal(joinSectionLetters('what should go in sections c d g and h'), 'what should go in section sectionc sectiond sectiong sectionh');
    assert.equal(joinSectionLetters('section i is blank'), 'section sectioni is blank');
  });
});

describe('createAnalyzer()', () => {
  const analyzer = createAnalyzer({ corpus: ['The tribunal hears appeals about the annual review and the education plan.'] });

  it('maps abbreviations and full names to the same term', () => {
    const terms = (q: string): string[] => analyzer.queryWords(q);
    assert.deepEqual(terms('EHCP'), terms('education, health and care plan'));
    assert.deepEqual(terms('EHC plan'), terms('echp'));
    assert.deepEqual(terms('SENCo'), terms('special educational needs co-ordinator'));
    assert.deepEqual(terms('SENDIST'), terms('tribunal'));
    assert.deepEqual(terms('AR'), terms('annual review'));
    assert.deepEqual(terms('LA'), terms('local authority'));
    assert.deepEqual(terms('LGSCO'), terms('ombudsman'));
    assert.deepEqual(terms('SALT'), terms('speech and language therapy'));
    assert.deepEqual(terms('ICB'), terms('CCG'));
    assert.deepEqual(terms('PfA'), terms('preparing for adulthood'));
    assert.deepEqual(terms('PB'), terms('direct payments'));
    assert.deepEqual(terms('IASS'), terms('SENDIASS'));
  });

  it('drops stop words and adds bigrams for adjacent terms', () => {
    assert.deepEqual(analyzer.indexTerms('what is the draft plan'), ['draft', 'plan', 'draft_plan']);
  });

  it('rewrites everyday phrasings to the concept', () => {
    assert.deepEqual(analyzer.queryWords('they are ending the plan'), analyzer.queryWords('they cease the ehcp'));
    assert.deepEqual(analyzer.queryWords("the council won't assess"), analyzer.queryWords('la refused assess'));
  });

  it('corrects misspellings against the prose before matching synonyms', () => {
    assert.deepEqual(analyzer.queryWords('tribnal apeals'), analyzer.queryWords('tribunal appeals'));
    assert.deepEqual(analyzer.queryWords('anual reveiw'), analyzer.queryWords('annual review'));
  });
});

describe('createSpellingCorrector()', () => {
  const speller = createSpellingCorrector(
    new Map([
      ['tribunal', 5],
      ['appeal', 4],
      ['sending', 1],
    ]),
    new Set(['sendist']),
  );
  it('fixes one wrong, missing or extra letter, or two swapped letters', () => {
    assert.equal(speller.correct('tribnal'), 'tribunal');
    assert.equal(speller.correct('apeal'), 'appeal');
    assert.equal(speller.correct('appael'), 'appeal');
  });
  it('leaves known words, short words and words it cannot place alone', () => {
    assert.equal(speller.correct('sendist'), 'sendist');
    assert.equal(speller.correct('cat'), 'cat');
    assert.equal(speller.correct('pothole'), 'pothole');
  });
});
