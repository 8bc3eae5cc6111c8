import SearchableMap from 'minisearch/SearchableMap';

/**
 * Text analysis shared by indexing and querying. The same pipeline runs over article fields and
 * over questions, so a synonym only has to be listed once:
 *
 *   normaliseText()            lower case, no accents or apostrophes, "£6,000" → "6000"
 *   → spelling correction      questions only: unknown words → closest word of the articles' prose
 *   → joinSectionLetters()     "section F" → "section sectionf"
 *   → applySynonyms()          SYNONYM_GROUPS: "EHC plan", "echp", "education, health and care
 *                              plan" → "ehcp"; "ending the plan" → "ceas ehcp"
 *   → split, STOP_WORDS, stem()  light stemming: "assessed", "assessment" → "assess"
 *   → bigrams                  adjacent terms joined: "draft_plan", "refus_assess"
 *
 * Everything is general vocabulary (abbreviations, official names, everyday phrasings), not
 * rules for particular questions. All functions are pure; analysers are built per knowledge base.
 */

/**
 * A synonym group: every variant (one or more words) is rewritten to `canonical` before
 * tokenising. The words of canonical forms bypass stop words and the stemmer, so they must be
 * written already stemmed ("ceas", "refus"). Groups are applied in order.
 */
export interface SynonymGroup {
  readonly canonical: string;
  readonly variants: readonly string[];
  /**
   * Regular expressions (sources, matched on normalised text with word boundaries added) for
   * phrasings a word list cannot express, e.g. "ending the plan" or "won't assess".
   */
  readonly patterns?: readonly string[];
}

export const SYNONYM_GROUPS: readonly SynonymGroup[] = [
  {
    canonical: 'ehcp',
    variants: [
      'ehcp',
      'ehcps',
      'echp',
      'echps',
      'ehpc',
      'ehc plan',
      'ehc plans',
      'e h c plan',
      'e h c p',
      'education health and care plan',
      'education health and care plans',
      'education health care plan',
      'education health care plans',
      'education and health care plan',
      'statement of special educational needs',
      'statement of sen',
      'sen statement',
      'ehc',
    ],
  },
  {
    canonical: 'ehcna',
    variants: [
      'ehcna',
      'ehc na',
      'ehc needs assessment',
      'ehc needs assessments',
      'ehcp needs assessment',
      'education health and care needs assessment',
      'education health and care needs assessments',
      'needs assessment',
      'needs assessments',
      'statutory assessment',
      'statutory assessments',
      'ehc assessment',
      'ehcp assessment',
      'ehc plan assessment',
      'assessment for an ehcp',
      'assessment for ehcp',
    ],
  },
  {
    canonical: 'senco',
    variants: [
      'senco',
      'sencos',
      'sendco',
      'sendcos',
      'senco s',
      'special educational needs coordinator',
      'special educational needs co ordinator',
      'special needs coordinator',
      'special needs co ordinator',
      'sen coordinator',
      'sen co ordinator',
      'send coordinator',
      'send co ordinator',
      'inclusion lead',
    ],
  },
  {
    canonical: 'sen',
    variants: [
      'special educational needs and disabilities',
      'special educational needs and disability',
      'special educational needs',
      'special educational need',
      'special needs',
      'additional needs',
    ],
  },
  { canonical: 'annual review', variants: ['ar', 'ars', 'annual reviews', 'yearly review', 'yearly reviews'] },
  {
    canonical: 'tribunal',
    variants: [
      'sendist',
      'send tribunal',
      'sen tribunal',
      'first tier tribunal',
      'first-tier tribunal',
      'hesc',
      'tribunals',
      'tribnal',
      'tribunel',
      'tribunial',
      'tribual',
      'tribuanl',
    ],
  },
  {
    canonical: 'la',
    variants: [
      'la',
      'las',
      'local authority',
      'local authorities',
      'local education authority',
      'lea',
      'council',
      'councils',
      'borough council',
      'county council',
      'city council',
      'the authority',
    ],
  },
  {
    canonical: 'salt',
    variants: [
      'salt',
      'slt',
      'speech and language therapy',
      'speech and language therapist',
      'speech and language therapists',
      'speech language therapy',
      'speech therapy',
      'speech therapist',
      'speech and language',
    ],
  },
  { canonical: 'ot', variants: ['ot', 'occupational therapy', 'occupational therapist', 'occupational therapists'] },
  {
    canonical: 'ep',
    variants: [
      'ep',
      'eps',
      'educational psychologist',
      'educational psychologists',
      'educational psychology',
      'ed psych',
      'ed psychologist',
      'psychologist',
      'psychologists',
      'psychology',
    ],
  },
  {
    canonical: 'health',
    variants: [
      'icb',
      'icbs',
      'ccg',
      'ccgs',
      'integrated care board',
      'integrated care boards',
      'clinical commissioning group',
      'clinical commissioning groups',
      'nhs',
      'health service',
      'health services',
      'health body',
    ],
  },
  {
    canonical: 'personalbudget',
    variants: ['pb', 'personal budget', 'personal budgets', 'direct payment', 'direct payments', 'personal budgeting'],
  },
  {
    canonical: 'sendiass',
    variants: [
      'sendiass',
      'sendias',
      'sendiss',
      'iass',
      'ias',
      'ias service',
      'parent partnership',
      'parent partnership service',
      'information advice and support service',
      'information advice and support services',
      'information advice and support',
      'send information advice and support service',
    ],
  },
  {
    canonical: 'lgsco',
    variants: ['lgsco', 'lgo', 'ombudsman', 'ombudsmen', 'ombudsman s', 'ombusman', 'ombudsmen s', 'local government ombudsman', 'local government and social care ombudsman'],
  },
  { canonical: 'pfa', variants: ['pfa', 'preparing for adulthood', 'preparation for adulthood', 'transition to adulthood'] },
  { canonical: 'camhs', variants: ['camhs', 'child and adolescent mental health services', 'child and adolescent mental health service'] },
  { canonical: 'dsa', variants: ['dsa', 'disabled students allowance', 'disabled student allowance', 'disabled students allowances'] },
  { canonical: 'post16', variants: ['post 16', 'post16', 'post sixteen', 'sixth form', 'sixth forms', '6th form', 'over 16', 'over 16s'] },
  {
    canonical: 'post19',
    variants: ['post 19', 'post19', 'over 19', 'over 19s', 'aged 19', 'age 19'],
    // A young person's age: "my son is 19", "she turns 20", "a 21 year old" (not "20 weeks").
    patterns: [
      '(?:is|turns|turned|turning|aged|age|now|nearly|almost) (?:19|20|21|22|23|24|25)(?! (?:weeks?|days?|months?|working|hours?|minutes?))',
      '(?:19|20|21|22|23|24|25) (?:year|years|yr|yrs) old',
      '(?:19|20|21|22|23|24|25)yo',
    ],
  },
  {
    canonical: 'post16',
    variants: [],
    patterns: [
      '(?:is|turns|turned|turning|aged|age|now|nearly|almost) (?:16|17|18)(?! (?:weeks?|days?|months?|working|hours?|minutes?))',
      '(?:16|17|18) (?:year|years|yr|yrs) old',
      '(?:16|17|18)yo',
    ],
  },
  {
    // Time that has already passed ("its been 8 weeks", "7 weeks since") is not a statutory
    // period: without this, "8 weeks" points at the 8-week amendment deadline. The unit is kept.
    canonical: 'elapsed week',
    variants: [],
    patterns: [
      '(?:been|its been|it has been|waited|waiting|waiting for|wait|over|more than|nearly|almost) (?:about |around |over |nearly |almost |more than )?\\d+ (?:weeks?|days?|wks?)',
      '\\d+ (?:weeks?|days?|wks?) (?:since|ago|later|on|now|and still|and no|and nothing)',
    ],
  },
  {
    canonical: 'elapsed month',
    variants: [],
    patterns: [
      '(?:been|its been|it has been|waited|waiting|waiting for|wait|over|more than|nearly|almost) (?:about |around |over |nearly |almost |more than )?\\d+ (?:months?|years?)',
      '\\d+ (?:months?|years?) (?:since|ago|later|on|now|and still|and no|and nothing)',
    ],
  },
  {
    canonical: 'under5',
    variants: [],
    // A young child's age: "she is 4", "my 3 year old" (not "year 4", a school year).
    patterns: ['(?:is|turns|turned|aged|age|only|just) [0-4](?! (?:weeks?|days?|months?|working|hours?|times?|cycles?))', '[0-4] (?:year|years|yr|yrs) old', '[0-4]yo'],
  },
  {
    // "testing my son for extra help" is an assessment, not the legal test.
    canonical: 'assess',
    variants: [],
    patterns: ['test(?:s|ing|ed)? (?:him|her|them|my \\w+|our \\w+|the child|the \\w+ for|for)'],
  },
  {
    canonical: 'workday',
    variants: [
      'working day',
      'working days',
      'work days',
      'business days',
      'weekend',
      'weekends',
      'calendar days',
      'calendar day',
      'calendar weeks',
      'calendar week',
      'school days',
      'school weeks',
    ],
  },
  { canonical: 'see', variants: ['see', 'seen', 'view', 'viewed', 'viewing', 'look at', 'looked at'] },
  {
    canonical: 'contact',
    variants: ['contact', 'contact details', 'phone number', 'telephone number', 'telephone', 'phone', 'email address', 'get in touch', 'number for', 'helpline'],
  },
  { canonical: 'year9', variants: ['year 9', 'year nine', 'yr 9', 'y9'] },
  { canonical: 'under5', variants: ['under 5', 'under 5s', 'under five', 'under fives', 'under-5s', 'pre school', 'preschool', 'early years'] },
  {
    canonical: 'ap',
    variants: [
      'alternative provision',
      'pupil referral unit',
      'pru',
      'home tuition',
      'home tutor',
      'home tutoring',
      'tuition at home',
      'medical tuition',
      'hospital school',
      'education other than at school',
      'eotas',
    ],
  },
  { canonical: 'transport', variants: ['transport', 'travel assistance', 'travel', 'taxi', 'taxis', 'minibus', 'bus pass', 'school bus'] },
  { canonical: 'complain', variants: ['complaint', 'complaints', 'complain', 'complaining', 'complained'] },
  { canonical: 'amend', variants: ['amend', 'amends', 'amended', 'amending', 'amendment', 'amendments', 'change the plan', 'changes to the plan', 'update the plan'] },
  { canonical: 'ceas', variants: ['cease', 'ceased', 'ceases', 'ceasing', 'cessation', 'end the plan', 'stop the plan', 'take away the plan', 'scrap the plan'] },
  {
    canonical: 'refus',
    variants: [
      'refuse',
      'refused',
      'refuses',
      'refusing',
      'refusal',
      'refusals',
      'turned down',
      'turn down',
      'turned us down',
      'rejected',
      'said no',
      'says no',
      'say no',
      'saying no',
      'declined',
      'denied',
    ],
  },
  { canonical: 'disab', variants: ['disability', 'disabilities', 'disabled'] },
  {
    canonical: 'discrimin',
    variants: ['discrimination', 'discriminate', 'discriminated', 'discriminating', 'discriminatory', 'equality act'],
    // Treated worse because of a disability: "won't let her go on the trip because of her wheelchair".
    patterns: [
      'because (?:of |she is |he is |they are |shes |hes |theyre )(?:his |her |their |my |being )?(?:disability|disabilities|disabled|condition|needs|wheelchair|autism|autistic|adhd|sen|send|diagnosis|behaviour)',
      '(?:wont let|will not let|not allowed to|not letting|refused to let|refuse to let|banned from|left out of|excluded from|cant go on|cant come on|not invited to) (?:him |her |them |my \\w+ )?(?:go on |going on |join |attend |take part in |on |from |to )?(?:the |a |school )?(?:trip|trips|residential|activities|activity|clubs?|lessons?|swimming|sports? day|pe|school play|prom)',
    ],
  },
  { canonical: 'therapy', variants: ['therapy', 'therapies', 'therapist', 'therapists'] },
  {
    canonical: 'exclus',
    variants: ['exclusion', 'exclusions', 'exclude', 'excluded', 'excluding', 'kicked out', 'suspended', 'suspension', 'suspensions', 'sent home'],
  },
  {
    canonical: 'timescale',
    variants: ['timescale', 'timescales', 'time scale', 'time scales', 'time limit', 'time limits', 'timeframe', 'timeframes', 'time frame', 'deadline', 'deadlines'],
  },
  {
    canonical: 'reassess',
    variants: [
      'reassess',
      'reassessed',
      'reassessing',
      'reassessment',
      'reassessments',
      're assess',
      're assessed',
      're assessment',
      're assessments',
      'another assessment',
      'new assessment',
      'second assessment',
      'assess again',
      'assessed again',
    ],
  },
  {
    canonical: 'request',
    variants: ['request', 'requests', 'requested', 'requesting', 'apply for', 'applying for', 'applied for', 'application for', 'ask for', 'asking for', 'asked for'],
  },
  { canonical: 'count', variants: ['count as', 'counts as', 'counted as', 'classed as', 'class as', 'classified as', 'qualify as', 'qualifies as', 'considered as', 'considered'] },
  { canonical: 'standfor', variants: ['stand for', 'stands for', 'short for', 'abbreviation', 'acronym'] },
  { canonical: 'mean', variants: ['mean', 'means', 'meaning', 'definition', 'define', 'defined'] },
  {
    canonical: 'ceas ehcp',
    variants: [],
    patterns: [
      '(?:stop|stops|stopped|stopping|end|ends|ended|ending|cancel|cancels|cancelled|cancelling|remove|removed|removing|withdraw|withdrawn|withdrawing|take away|taking away|took away) (?:the|an|a|his|her|their|my|our|your|this|that) (?:ehcp|plan)',
      '(?:ehcp|plan) (?:will |would |could |is going to |might |to )?(?:stop|end|be stopped|be ended|be cancelled|be removed|finish)',
    ],
  },
  {
    canonical: 'refus assess',
    variants: [],
    patterns: [
      '(?:not|wont|will not|cant|refuse to|refused to|refuses to|refusing to|declined to|decline to|no to) (?:to )?(?:assess|assessing|carry out an assessment|do an assessment|an assessment)',
    ],
  },
  {
    canonical: 'refus issu ehcp',
    variants: [],
    patterns: ['(?:not|wont|will not|refuse to|refused to|refuses to|declined to) (?:to )?(?:issue|give|make|write) (?:him |her |them )?(?:an |a |the )?(?:ehcp|plan)'],
  },
  { canonical: 'law', variants: ['law', 'laws', 'legal', 'legally', 'lawful', 'lawfully', 'unlawful', 'unlawfully', 'illegal', 'illegally', 'legislation'] },
  {
    canonical: 'specific',
    variants: [
      'specific',
      'specifically',
      'specified',
      'specify',
      'specificity',
      'exactly',
      'precise',
      'precisely',
      'vague',
      'vaguely',
      'quantified',
      'quantify',
      'quantifiable',
      'unclear',
      'woolly',
      'wooly',
    ],
  },
  {
    canonical: 'late',
    variants: [
      'late',
      'lateness',
      'overdue',
      'delay',
      'delays',
      'delayed',
      'missed the deadline',
      'missed deadline',
      'missed the time limit',
      'past the deadline',
      'after the deadline',
      'out of time',
      'too late',
      'heard nothing',
      'not heard',
      'not heard anything',
      'havent heard',
      'no reply',
      'no response',
      'no answer',
      'still waiting',
      'nothing back',
      'not had anything back',
      'behind schedule',
    ],
  },
  {
    canonical: 'scrap',
    variants: [
      'scrap',
      'scraps',
      'scrapped',
      'scrapping',
      'abolish',
      'abolished',
      'abolishing',
      'abolition',
      'get rid of',
      'getting rid of',
      'got rid of',
      'do away with',
      'phase out',
      'phased out',
      'phasing out',
    ],
  },
  { canonical: 'decision', variants: ['decide', 'decides', 'decided', 'deciding', 'decision', 'decisions'] },
  {
    canonical: 'deliver',
    variants: ['deliver', 'delivers', 'delivered', 'delivering', 'delivery', 'provided', 'happening'],
    // Help that is not being given: "hasnt had a single session", "cant provide the OT".
    patterns: [
      '(?:not|hasnt|havent|has not|have not|never|isnt|arent|wasnt|not been|stopped) (?:had|got|getting|received|receiving|been getting|been given|given|having|come|started)(?= (?:\\w+ ){0,3}(?:sessions?|therapy|support|provision|hours|help|salt|ot|physio|1 1|one to one|ta)\\b)',
      '(?:cant|cannot|can not|unable to|wont|will not|refuse to|refuses to|failing to|failed to|fail to|not able to) (?:provide|fund|afford|arrange|put in place|staff|find)',
      // "the school isn't doing what the EHCP says", "the plan is not being followed".
      '(?:isnt|arent|not|wont|doesnt|dont|never|is not|are not|does not|do not) (?:doing|following|sticking to|meeting|implementing|providing|giving|putting in place|do|follow|stick to|implement|provide|give)(?= (?:what|the|his|her|their|any|all)\\b)',
      '(?:isnt|arent|is not|are not|not) (?:being )?(?:followed|implemented|honoured|adhered to|put in place|stuck to)',
    ],
  },
  {
    canonical: 'continu',
    variants: [
      'continue',
      'continues',
      'continued',
      'continuing',
      'carry on',
      'carries on',
      'carried on',
      'stay in place',
      'stays in place',
      'remain in place',
      'in the meantime',
      'meanwhile',
      'still stand',
      'still apply',
    ],
  },
  { canonical: 'mediation', variants: ['mediation', 'mediations', 'mediator', 'mediators', 'mediate', 'mediated', 'mediating'] },
  { canonical: 'consult', variants: ['consult', 'consults', 'consulted', 'consulting', 'consultation', 'consultations'] },
  { canonical: 'eligib', variants: ['eligible', 'eligibility', 'entitled', 'entitlement', 'qualify for', 'qualifies for'] },
  {
    canonical: 'holiday',
    variants: [
      'holiday',
      'holidays',
      'school holidays',
      'summer holidays',
      'summer holiday',
      'christmas',
      'easter',
      'half term',
      'half terms',
      'august',
      'bank holiday',
      'bank holidays',
    ],
  },
  {
    canonical: 'status',
    variants: ['status', 'progress update', 'update on', 'what stage', 'which stage', 'how far along'],
    patterns: ['(?:where|how far) (?:is|are|has|have) (?:\\w+ ){0,3}(?:up to|got to)'],
  },
  {
    canonical: 'local offer',
    variants: ['local offer', 'local offers', 'directory of services', 'services directory', 'service directory', 'directory', 'short breaks', 'short break'],
  },
  {
    canonical: 'condition',
    variants: [
      'autism',
      'autistic',
      'asd',
      'asc',
      'adhd',
      'dyslexia',
      'dyslexic',
      'dyspraxia',
      'dyspraxic',
      'dyscalculia',
      'semh',
      'social emotional and mental health',
      'slcn',
      'speech language and communication needs',
      'mld',
      'sld',
      'pmld',
      'global developmental delay',
      'developmental delay',
      'cerebral palsy',
      'down syndrome',
      'downs syndrome',
      'epilepsy',
      'diabetes',
      'hearing impairment',
      'visual impairment',
      'deaf',
      'blind',
      'ocd',
      'pda',
      'tourettes',
      'tourette syndrome',
      'sensory processing disorder',
      'spd',
      'fasd',
      'hypermobility',
    ],
  },
  {
    canonical: 'outofschool',
    variants: [
      'out of school',
      'not in school',
      'not attending school',
      'not going to school',
      'no school place',
      'without a school place',
      'school refusal',
      'school refuser',
      'refusing school',
      'school avoidance',
      'ebsa',
      'emotionally based school avoidance',
      'off rolled',
      'off rolling',
      'sat at home',
      'stuck at home',
      'at home all day',
    ],
  },
  {
    canonical: 'parttime',
    variants: [
      'part time timetable',
      'part time timetables',
      'reduced timetable',
      'reduced timetables',
      'shortened day',
      'shortened timetable',
      'half days',
      'part time',
      'reduced hours',
    ],
    // "only in school 2 hours a day", "just goes in for mornings".
    patterns: [
      '(?:only|just) (?:in|at|attending|going (?:in|to)|goes (?:in|to)|allowed in|allowed to attend) (?:school )?(?:for )?(?:\\d+|a few|two|three|an?|one) (?:hours?|mornings?|afternoons?|days? a week)',
    ],
  },
  { canonical: 'physio', variants: ['physio', 'physiotherapy', 'physiotherapist', 'physiotherapists'] },
  { canonical: 'university', variants: ['university', 'universities', 'uni', 'higher education'] },
  { canonical: 'child', variants: ['son', 'sons', 'daughter', 'daughters', 'kid', 'kids', 'child', 'children', 'childs', 'grandson', 'granddaughter'] },
];

/** Function words and chat filler. Words that carry SEND meaning (who, after, before, not) are kept. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but if of to in on at by for from with as into onto about than then so such
   i im i'm me my mine we our ours you your yours he him his she her hers it its they them their theirs
   this that these those there here is are was were be been being am do does did doing done have has had having
   will would shall should can could may might must
   what which how why where when whats hows
   please thanks thank hi hello hey dear ok okay just really very also still yet
   wat wats wot whta u ur pls plz thx
   actually basically literally already even ever anyway though although whether
   im ive id its hes shes thats theres whats theyre theyll theyve weve were youre dont doesnt didnt cant wont isnt arent wasnt hasnt havent
   one thing things something anything nothing someone anyone everyone lot lots bit
   since ago now today currently even going gonna
   said say says saying told tell telling
   get got getting any some all each every much many more most other own same too
   up out over again further once
   know want wanted like help question ask asking asked
   send sent sending
   january february march april may june july september october november december
   monday tuesday wednesday thursday friday saturday sunday`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/** Lower-cases, folds accents and typographic punctuation, and spells out "&". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\bSEND\b/g, ' sen ')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Lower-case "send" is usually a verb; before these nouns it is the SEND abbreviation. */
const SEND_AS_NOUN =
  /\bsend(?= (?:support|team|service|services|officer|officers|department|system|reform|reforms|provision|case ?worker|code|law|local offer|unit|pupil|pupils|needs|plan|plans|review|reviews)\b)/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledGroup {
  readonly canonical: string;
  readonly pattern: RegExp;
}

/** Compiles the synonym groups into one word-bounded regex each, longest variant first. */
export function compileSynonyms(groups: readonly SynonymGroup[]): readonly CompiledGroup[] {
  return groups.flatMap((g) => {
    const variants = [...new Set(g.variants.map((v) => normaliseText(v)).filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
    const alternatives = [...(g.patterns ?? []), ...variants.map(escapeRegExp)];
    if (alternatives.length === 0) return [];
    return { canonical: g.canonical, pattern: new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'g') };
  });
}

/** Rewrites each synonym variant to its canonical form in normalised text. */
export function applySynonyms(normalised: string, compiled: readonly CompiledGroup[]): string {
  let text = normalised.replace(SEND_AS_NOUN, 'sen');
  for (const g of compiled) text = text.replace(g.pattern, g.canonical);
  return text;
}

const VOWEL = /[aeiouy]/;

/**
 * A light English stemmer (plural, -ing, -ed, -ment, -ly, final -e), enough to conflate
 * "assess/assessed/assessing/assessment" and "name/naming/named" without Porter's
 * over-reach. Short words and canonical synonym tokens are left alone.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(?:ch|sh|x|z|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is|ys)$/.test(w)) w = w.slice(0, -1);

  const strip = (suffix: string): boolean => {
    if (!w.endsWith(suffix)) return false;
    const rest = w.slice(0, -suffix.length);
    if (rest.length < 3 || !VOWEL.test(rest)) return false;
    w = rest;
    return true;
  };
  if (strip('ments') || strip('ment')) {
    // assessment → assess
  } else if (strip('ingly') || strip('ing') || strip('edly') || strip('ed')) {
    if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ss|ll|ff|zz)$/.test(w)) w = w.slice(0, -1);
  } else if (w.endsWith('ly') && w.length > 5) {
    w = w.slice(0, -2);
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Letters of plan sections become single tokens: "sections C, D and G" → "section sectionc sectiond sectiong". */
export function joinSectionLetters(normalised: string): string {
  return normalised.replace(/\bsections? ((?:[a-k]|\d{1,3})(?:(?: and| or)? (?:[a-k]|\d{1,3})\b)*)\b/g, (_m, list: string) =>
    [
      'section',
      ...list
        .split(' ')
        .filter((x) => x !== 'and' && x !== 'or')
        .map((x) => `section${x}`),
    ].join(' '),
  );
}

/** Corrects a misspelt word to the closest word the knowledge base uses (edit distance 1, or a swap of two letters). */
export interface SpellingCorrector {
  correct(word: string): string;
}

/**
 * @param vocabulary correction targets and their frequencies: words of the curated prose (titles,
 *   summaries, bodies). Example questions are left out on purpose: they contain misspellings.
 * @param known other words that must never be "corrected" (abbreviations and variants from the synonym groups).
 */
export function createSpellingCorrector(vocabulary: ReadonlyMap<string, number>, known: ReadonlySet<string> = new Set()): SpellingCorrector {
  const map = new SearchableMap<number>();
  const stems = new Set<string>();
  for (const [word, count] of vocabulary) {
    if (STOP_WORDS.has(word)) continue;
    map.set(word, count);
    stems.add(stem(word));
  }
  const frequency = (w: string): number => vocabulary.get(w) ?? 0;
  const better = (candidate: string, best: string | null): boolean => candidate.length >= 3 && (best === null || frequency(candidate) > frequency(best));
  return {
    correct(word) {
      // Known words, inflections of known words, short words and numbers are left alone.
      if (word.length < 5 || /\d/.test(word) || vocabulary.has(word) || known.has(word) || stems.has(stem(word))) return word;
      let best: string | null = null;
      for (const [candidate] of map.fuzzyGet(word, 1)) {
        // Most typos keep the first letter; requiring it avoids "ending" → "sending".
        if (candidate[0] === word[0] && better(candidate, best)) best = candidate;
      }
      if (best === null) {
        for (let i = 1; i + 1 < word.length; i += 1) {
          const swapped = word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
          if (map.has(swapped) && better(swapped, best)) best = swapped;
        }
      }
      return best ?? word;
    },
  };
}

/** The analyser used by the index and the query parser. Build once per knowledge base. */
export interface Analyzer {
  /** Index side: analysed terms (stop words dropped, synonyms canonical, stemmed) plus adjacent-pair bigrams "a_b". */
  indexTerms(text: string): string[];
  /** Query side: as indexTerms, after correcting misspellings against the knowledge base's vocabulary. */
  queryTerms(text: string): string[];
  /** Query-side unigrams only (no bigrams): the words the question is made of. */
  queryWords(text: string): string[];
}

export interface AnalyzerOptions {
  readonly groups?: readonly SynonymGroup[];
  /**
   * Curated prose whose words are the spelling vocabulary (article titles, summaries and bodies;
   * not the example questions, which contain deliberate misspellings). Without it, no correction.
   */
  readonly corpus?: readonly string[];
}

/** Splits normalised text into words. */
function words(normalised: string): string[] {
  return normalised.split(' ').filter((w) => w.length > 0);
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const groups = options.groups ?? SYNONYM_GROUPS;
  const compiled = compileSynonyms(groups);
  const canonical = new Set(groups.flatMap((g) => g.canonical.split(' ')));

  const vocabulary = new Map<string, number>();
  for (const text of options.corpus ?? []) {
    for (const w of words(normaliseText(text))) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
  }
  const known = new Set<string>([...STOP_WORDS, ...canonical]);
  for (const g of groups) for (const v of g.variants) for (const w of words(normaliseText(v))) known.add(w);
  const speller = options.corpus ? createSpellingCorrector(vocabulary, known) : null;

  const processTerm = (token: string): string | null => {
    if (canonical.has(token) || /^section[a-z0-9]+$/.test(token)) return token;
    if (STOP_WORDS.has(token)) return null;
    if (token.length < 2 && !/\d/.test(token)) return null;
    return stem(token);
  };
  const unigrams = (normalised: string): string[] => words(applySynonyms(joinSectionLetters(normalised), compiled)).flatMap((t) => processTerm(t) ?? []);
  const withBigrams = (terms: readonly string[]): string[] => {
    const out = [...terms];
    for (let i = 0; i + 1 < terms.length; i += 1) out.push(`${terms[i]}_${terms[i + 1]}`);
    return out;
  };
  const corrected = (text: string): string => {
    const normalised = normaliseText(text);
    return speller
      ? words(normalised)
          .map((w) => speller.correct(w))
          .join(' ')
      : normalised;
  };
  return {
    indexTerms: (text) => withBigrams(unigrams(normaliseText(text))),
    queryTerms: (text) => withBigrams(unigrams(corrected(text))),
    queryWords: (text) => unigrams(corrected(text)),
  };
}
