import type { MenuAction } from './menu';

/**
 * Free text that asks to *do* one of the jobs starts its dialog; questions about how things work
 * ("how do I complain?") go to the knowledge base instead. Patterns are about wanting to act:
 * "I want to", "can I", "book", "check my", possessives like "my son's plan".
 */
const INTENTS: readonly { action: MenuAction; pattern: RegExp }[] = [
  { action: 'dueThisWeek', pattern: /\bwhat(?:'s| is) due\b|\bdue this week\b/i },
  {
    action: 'overdue',
    pattern: /^(?:show |what(?:'s| is| are) )?(?:my |the )?(?:overdue|late)\b|\bwhat(?:'s| is) overdue\b/i,
  },
  { action: 'complaintQueue', pattern: /\bcomplaints? queue\b|\bopen complaints\b/i },
  { action: 'sendiasQueue', pattern: /^\s*(?:show|open|see|view)(?: me)? (?:the |my )?(?:[a-z]+ ){0,2}queue\b|\bsendias (?:enquiries|queue)\b|\benquir(?:y|ies) queue\b/i },
  { action: 'recordOutcome', pattern: /\brecord (?:an?|the)? ?(?:annual )?review (?:outcome|meeting|decision)\b|\b(?:review|meeting) (?:was )?held\b/i },
  {
    action: 'bookReview',
    pattern: /\b(?:book|arrange|schedule|set up|organise|organize)\b.{0,30}\b(?:annual )?review\b|\breview meeting\b.{0,20}\b(?:book|arrange)\b/i,
  },
  {
    action: 'complaint',
    pattern: /\b(?:i (?:want|would like|wish|need) to|i'?d like to|can i|how can i|let me) (?:make|raise|log|file|submit|put in) (?:an? )?(?:formal )?complaint\b|^\s*(?:make|log|raise) (?:an? )?complaint\b|^\s*complaint\s*$/i,
  },
  {
    action: 'contactSendias',
    pattern: /\b(?:contact|speak to|talk to|get help from|refer me to|message|email) (?:the )?(?:sendias|sendiass|ias|information,? advice and support)\b|^\s*sendias\s*$/i,
  },
  {
    action: 'planStatus',
    pattern:
      /\b(?:check|status of|progress (?:of|with|on)|update on|what(?:'s| is) happening with|where (?:are we|is it) (?:up to|with)|look up|find)\b.{0,40}\b(?:plan|ehcp|ehc plan|assessment|ehcna|EHC-\d{6})\b|\bmy (?:son|daughter|child|kid|boy|girl)'?s? (?:ehcp|ehc plan|plan|assessment)\b.{0,30}\b(?:status|progress|happening|up to|where)\b|^\s*EHC-\d{6}\s*$|\bmy caseload\b|^\s*plan status\b/i,
  },
];

export function intentOf(text: string): MenuAction | undefined {
  return INTENTS.find((intent) => intent.pattern.test(text))?.action;
}
