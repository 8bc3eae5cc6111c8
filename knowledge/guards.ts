/**
 * Rule-based guards that run before retrieval: escalation to a person, and questions that are
 * not about SEND at all. They are regular expressions over a simplified form of the message
 * (lower case, apostrophes dropped, punctuation as spaces), grouped by reason. Every pattern is
 * word-bounded and describes a situation, not a keyword: "safeguarding lead" or "how do I appeal"
 * must not escalate, "I can't go on" must.
 *
 * Patterns deliberately contain no negation handling ("he is not being abused" still escalates):
 * for safeguarding a false alarm costs a short hand-over, a miss can cost a life.
 */

export type EscalationReason = 'safeguarding' | 'legal_advice' | 'third_party_data';

/** Lower case, apostrophes removed ("can't" → "cant", "sister's" → "sisters"), other punctuation → space. */
export function simplify(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

const CHILD = '(?:child|children|kid|kids|son|daughter|boy|girl|grandson|granddaughter|grandchild|nephew|niece|baby|babies|toddler|him|her|them)';
const SELF = '(?:myself|himself|herself|themselves|themself|yourself|my ?self|him ?self|her ?self|them ?selves|your ?self)';
/** Everyone a harm can happen to, as an object: "hits him", "touched my daughter", "threatens us". */
const FAMILY = '(?:brother|sister|brothers|sisters|siblings?|baby|babies|toddler|twins?|mum|mother|dad|father|wife|husband|partner)';
const VICTIM = `(?:me|us|you|${CHILD}|(?:my|the|his|her|our|their) (?:\\w+ )?${FAMILY}|my (?:\\w+ )?${CHILD}|the (?:\\w+ )?${CHILD}|his (?:\\w+ )?(?:son|daughter|sister|brother|mum|mother|child|kids)|her (?:\\w+ )?(?:son|daughter|sister|brother|mum|mother|child|kids)|my (?:wife|husband|partner|mum|mother|sister|brother))`;
/** Passive and past forms of violence: "was slapped", "got hit", "been touched". */
const HARMED =
  '(?:hit|hurt|punched|kicked|slapped|smacked|beaten|beat up|attacked|assaulted|strangled|choked|bitten|burn(?:ed|t)|dragged|pinned (?:down|to)|restrained|held down|touched|groped|grabbed|threatened|stabbed|shaken|shook|whipped|strapped|tied up|locked (?:in|up)|kicked out of the house|thrown out of the house|raped|abused|molested|groomed|exploited|trafficked|neglected|starved)';
const CANT = '(?:cant|cannot|can not|couldnt|dont think i can)';
const ANYMORE = '(?:any ?more|any longer)';
const BODY = '(?:arms?|legs?|wrists?|body|face|back|neck|tummy|stomach|chest|bottom|thighs?|head)';

/**
 * safeguarding: harm, abuse, self-harm, suicide, risk to life, and indirect phrasing of despair.
 * Groups: suicide and despair · self-harm · injuries · abuse and assault · neglect, restraint and
 * missing children · an explicit wish to report a safeguarding concern.
 */
const SAFEGUARDING: readonly RegExp[] = [
  // Suicide, wanting to die, despair ("I can't go on", "better off without me", "end it all").
  /\bsuicid\w*/,
  new RegExp(`\\bkill(?:s|ing)? ${SELF}`),
  /\b(?:end|ending|take|taking|took) (?:my|his|her|their|your) (?:own )?li(?:fe|ves)\b/,
  /\bend(?:ing|ed)? it all\b/,
  /\b(?:want|wants|wanted|wanting) to die\b/,
  new RegExp(`\\b(?:dont|doesnt|didnt|do not|does not|not) (?:want|wanna) to (?:be alive|live|be here|exist|wake up)\\b`),
  /\bwish(?:es)? (?:i|he|she|they) (?:was|were) dead\b/,
  /\bbetter off (?:dead|without (?:me|him|her|us))\b/,
  new RegExp(`\\b${CANT} go on\\b`),
  new RegExp(`\\b${CANT} (?:cope|do this|take (?:it|this)|carry on|keep going)(?: \\w+){0,3} ${ANYMORE}`),
  /\b(?:at )?(?:the )?end of (?:my|our) (?:rope|tether)\b/,
  /\bno (?:point|reason) (?:in )?(?:living|going on|being alive|carrying on)\b/,
  /\b(?:risk|threat|danger) to (?:his |her |their |my )?life\b/,
  /\b(?:want|wants|wanted|wish|wishes) (?:i|he|she|they)? ?(?:could )?(?:to )?disappear\b/,
  /\b(?:see|there is|theres|is) no way out\b/,
  /\b(?:jump|jumping|jumped) (?:off|in front of)\b/,
  // Self-harm and overdose.
  /\bself ?harm\w*/,
  new RegExp(`\\b(?:hurt|hurts|hurting|harm|harms|harming|cut|cuts|cutting|burn|burns|burning|hit|hits|hitting|starv\\w*) ${SELF}`),
  /\boverdos\w*/,
  /\b(?:taken|took|swallowed|swallow|take) (?:a load of|loads of|lots of|a lot of|too many|a handful of|a bunch of|a whole (?:packet|box|bottle) of|all (?:of )?(?:his|her|my|their|the)) (?:\w+ )?(?:tablets|pills|paracetamol|meds|medication|medicine)\b/,
  // Injuries that need explaining.
  new RegExp(`\\b(?:bruises|bruising|bruised|burns|cuts|scratches|bite marks|marks|injuries|welts|scars) (?:all )?(?:on|over|to) (?:his|her|their|my) ${BODY}\\b`),
  /\b(?:came|comes|come|coming|sent) home with (?:\w+ )?(?:bruises|bruising|burns|cuts|injuries|marks|a black eye|blood)\b/,
  /\bfound (?:\w+ ){0,2}(?:blades|razors?)\b/,
  // Abuse, assault and violence.
  /\b(?:sexual|sexually|physical|physically|emotional|emotionally|domestic|domestically) (?:abuse|abused|abusing|assault|assaulted|violence|violent)\b/,
  /\b(?:being|been|was|were|is|is being|getting|got) (?:abused|beaten|assaulted|molested|groomed|raped|neglected|strangled|choked)\b/,
  new RegExp(`\\b(?:abuse|abuses|abusing|abused|rape|raped|molest\\w*|grooming) (?:me|us|${CHILD}|my \\w+)\\b`),
  new RegExp(
    `\\b(?:hits|hit|hitting|beats|beat|beating|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|slap(?:s|ped|ping)?|smack(?:s|ed|ing)?|strangl\\w*|chok(?:e|es|ed|ing)|hurts|hurting|touch(?:es|ed|ing)|grab(?:s|bed|bing)|shak(?:e|es|ing)|shook) (?:me|us|${CHILD}|my ${CHILD}|the ${CHILD})\\b`,
  ),
  /\b(?:threaten\w*|threat) to (?:kill|hurt|harm|stab|hit)\b/,
  new RegExp(
    `\\b(?:im |i am |i )?(?:going to|gonna|might|could|will|want to|scared i will|scared ill|afraid i will) (?:hurt|harm|hit|kill|shake|smack|strangle) (?:him|her|them|the kids|the children|my ${CHILD})\\b`,
  ),
  /\b(?:will|going to|gonna|threatened to|threatens to|threatening to) kill (?:me|us|him|her|them)\b/,
  /\b(?:violent|aggressive) (?:to|towards|with) (?:me|us|him|her|them|the kids|the children)\b/,
  /\b(?:scared|afraid|frightened|terrified) of (?:my|his|her|their) (?:partner|husband|wife|boyfriend|girlfriend|dad|father|mum|mother|stepdad|stepmum|step dad|step mum)\b/,
  /\b(?:indecent|inappropriate|nude|naked|sexual) (?:photos?|pictures?|images?|videos?|messages?|texts?)\b/,
  /\b(?:not|never|isnt|hasnt been|not being) (?:being )?fed\b/,
  /\bmissing since\b/,
  /\b(?:fgm|female genital mutilation|forced marriage|(?<!(?:across|over|crossing|cross) )county lines)\b/,
  // Restraint, seclusion, neglect, missing children, fear of going home.
  new RegExp(
    `\\block(?:s|ed|ing)? (?:${CHILD}|my (?:\\w+ ){0,2}${CHILD}|the (?:\\w+ ){0,2}${CHILD}) (?:\\w+ ){0,2}in (?:a|the|his|her) (?:room|cupboard|cellar|shed|toilet|car)\\b`,
  ),
  /\b(?:tied|strapped) (?:him|her|them) (?:to|down)\b/,
  /\b(?:not|never) safe (?:at home|at school|with (?:him|her|them))\b/,
  /\b(?:feel|feels|felt) (?:unsafe|in danger)\b/,
  /\b(?:scared|afraid|frightened|terrified) (?:to go|of going) home\b/,
  /\b(?:not come|not came|hasnt come|has not come|didnt come|not been) home (?:tonight|last night|since)\b/,
  /\b(?:gone missing|run away from home|ran away from home|missing from home)\b/,
  /\b(?:left|leaves|leaving) (?:him|her|them|the kids|the children) (?:home )?alone (?:for|all|overnight)\b/,
  /\b(?:report|raise|raising|make|making) (?:a )?safeguarding (?:concern|issue|referral|disclosure)\b/,
  // Recall first: words that almost never appear in an innocent question about SEND processes.
  /\b(?:abus(?:e|es|ed|ing|ive|er)(?! (?:of|its|their) (?:power|process|position|authority|discretion))|assault\w*|bruis\w*|injur(?:y|ies|ed)|knife|knives|stab(?:s|bed|bing)?|weapons?|molest\w*|rape[ds]?|raping|unsafe|police)\b/,
  new RegExp(`\\b(?:hurt|hurts|hurting|harm|harms|harmed|harming|hit|hits|hitting|beat|beats|beaten|beating) (?:me|us|him|her|them|my ${CHILD}|the ${CHILD}|${CHILD})\\b`),
  /\bsafeguarding (?:concern|issue|emergency) (?:about|for|regarding)\b/,

  // ---- General vocabulary, recall first: everyday phrasing, misspellings, first and third person. ----
  // Suicide and wanting to die ("he said he wants to die", "rather be dead", "sucidal", "nobody would miss me").
  /\b(?:sui?c[ie]?d\w*|suiside\w*|sucide\w*|sucid\w*|suicd\w*|suidic\w*)\b/,
  /\b(?:want|wants|wanted|wanting|wanna|going|gonna|wish|wishes|wished|hope|hopes|ready|deserve|deserves|rather|try|tried|trying) (?:to )?die\b/,
  /\b(?:could|might|will|going to|gonna|nearly|almost) die\b/,
  /\b(?:rather|better off|as well|wants? to be|wanted to be|wish(?:es|ed)? (?:i|he|she|they|we) (?:was|were)|end up)(?: be)? dead\b/,
  /\b(?:no one|nobody|noone) (?:would|will|is going to|d) (?:miss|notice|care if)\b/,
  /\bhat(?:e|es|ed|ing) (?:my|his|her|their) (?:own )?li(?:fe|ves)\b/,
  /\b(?:want|wants|wanted|going|gonna|will|try|tried|trying|decided) to end it\b/,
  /\bend(?:ing)? it (?:all|tonight|today|now|soon)\b/,
  new RegExp(`\\b(?:kill|hang|hanged|hung|hurt|harm|cut|burn|strangle|suffocate|drown|poison|stab|starve|shoot|throw)(?:s|ed|ing)? ${SELF}`),
  /\b(?:tried|trying|try|attempted|attempt|threatened|threatens|threatening|wants|wanted|going|gonna) to (?:hang|kill|hurt|harm|strangle|drown|poison|suffocate|stab|overdose|jump off|jump in front)\b/,
  /\b(?:ligature|noose|hanging himself|hanging herself)\b/,
  /\b(?:in front of|under) (?:a|the) (?:train|car|bus|lorry|traffic)\b/,
  // Self-harm: "she's been cutting", "scratches herself until she bleeds", "bangs his head till it bleeds".
  /\b(?:selfharm\w*|self injur\w*|slef harm\w*|sh ing)\b/,
  /\b(?:been|is|was|keeps?|kept|started|starts|still|caught (?:him|her|them)) (?:cutting|burning|scratching|hurting|harming)(?! (?:down|back|out|off|his (?:hours|support|provision|timetable|day)|her (?:hours|support|provision|timetable|day)|their|the|my|our|a|an|it|costs?|hours|support|provision|funding|budgets?|class|school|corners))\b/,
  /\b(?:bang|bangs|banging|banged|hit|hits|hitting) (?:his|her|their|my) head (?:against|on|off|until|till|so)\b/,
  /\b(?:bleed|bleeds|bleeding|bled|blood everywhere|covered in blood)\b/,
  /\b(?:starving|starved|wasting away|skin and bone)\b/,
  /\b(?:not eaten|not eating|hasnt eaten|not eat|wont eat|refusing to eat|refuses to eat|stopped eating) (?:\w+ ){0,3}(?:days|a week|weeks)\b/,
  // Harm by someone else, any person or tense: "hits him", "was slapped", "burns him with cigarettes".
  new RegExp(`\\b(?:is|was|were|been|being|got|gets|get|getting|has|have|had) ${HARMED}\\b`),
  new RegExp(
    `\\b(?:hit|hits|hitting|hurt|hurts|hurting|punch\\w*|kick(?:s|ed|ing)?|slap\\w*|smack\\w*|beat|beats|beating|burn(?:s|ed|t|ing)?|drag(?:s|ged|ging)|pin(?:s|ned|ning)|push(?:es|ed|ing)|shov(?:e|es|ed|ing)|bit|bites|biting|threaten(?:s|ed|ing)?|restrain(?:s|ed|ing)?|grab(?:s|bed|bing)?|touch(?:es|ed|ing)?|strangl\\w*|chok(?:e|es|ed|ing)|shak(?:e|es|ing)|shook|lock(?:s|ed|ing)?|starv(?:e|es|ed|ing)) ${VICTIM}\\b`,
  ),
  /\b(?:grab\w*|squeez\w*|chok\w*|strangl\w*|held|holds?|holding) (?:him|her|them|me)? ?(?:by )?(?:the|his|her|their|my) (?:neck|throat|hair)\b/,
  /\b(?:does|did|doing|do) (?:things|stuff|bad things|sexual things) to (?:me|him|her|them)\b/,
  /\b(?:touch\w*|behav\w*) (?:\w+ ){0,2}inappropriate(?:ly)?\b|\binappropriate(?:ly)? (?:touch\w*|contact)\b/,
  /\bsexual(?:ly)?\b/,
  /\b(?:nudes|sexting|sextortion|predator|paedo\w*|pedo\w*|pedophile|child porn\w*)\b/,
  /\b(?:man|men|stranger|adult|someone|somebody|person) (?:he|she|they)? ?(?:met |talks to |chatting to |chats to |messaging )?online\b/,
  // "The waiting is killing me" is a figure of speech.
  new RegExp(`(?<!(?:is|its|are|was|s) )\\b(?:kill|stab|strangle|murder|shoot|smother|suffocate|drown|batter|rape)(?:s|ed|ing)? ${VICTIM}\\b`),
  /\b(?:dark room|seclusion|secluded|locked (?:in|up|away)|shut (?:him|her|them) in|pinned (?:him|her|them)? ?(?:down|to the floor)|dragged (?:him|her|them))\b/,
  // Domestic abuse, coercion and threats.
  /\b(?:domestic (?:abuse|violence|incident)|dv|violen(?:t|ce)|coercive|controlling (?:behaviour|partner|husband|wife|boyfriend|girlfriend)|controlled by)\b/,
  /\b(?:threaten(?:s|ed|ing)?|threats) (?:me|us|him|her|them|the kids|the children|to)\b/,
  /\b(?:wont|will not|doesnt|does not) let (?:me|us) (?:leave|go out|see (?:anyone|my family|friends))\b/,
  /\b(?:abusive|violent) (?:relationship|partner|husband|wife|boyfriend|girlfriend|ex|father|mother|dad|mum)\b/,
  // Neglect. "Neglected to hold the review" means failed to; "neglected to feed him" is still neglect.
  /\bneglect(?:ed|ing)? to (?:feed|wash|bathe|clothe|change|look after|care for|take care of|get (?:him|her|them) (?:food|medical|to (?:a|the) doctor))\b/,
  /\b(?:neglect(?:ed|ing)?(?! to\b)|neglectful|hungry(?! for)|no food (?:in|at|for)|not fed|unfed|filthy|unwashed|left (?:home )?alone|home alone)\b/,
  // Missing and runaway children, fear of home.
  /\b(?:ran|run|runs|running|has run) (?:away|off)\b|\b(?:runaway|absconded|absconding|absconds)\b/,
  /\b(?:he|she|they|son|daughter|child|kid|boy|girl) (?:is|has gone|went|has been|been|is now|are) missing\b(?! (?:school|out|from (?:the|his|her) plan|lessons|class|classes|education|information|sections?|days|a lot|loads|so much))/,
  /\b(?:he|she|they|son|daughter|child|kid|boy|girl|old|teenager|teen) (?:has |had |have )?(?:gone|went|go|going|been reported|was reported|is reported) missing\b|\breported (?:him|her|them) missing\b/,
  /\b(?:hasnt|has not|not|didnt|did not|never) (?:come|came|been|got|gotten) (?:back )?home\b/,
  /\bnot answering (?:his|her|their) phone\b/,
  /\b(?:scared|afraid|frightened|terrified|doesnt want|dont want|does not want|wont|refuses|too scared) (?:to )?(?:go|going|come|coming|be|being) (?:back )?home\b/,
  // Exploitation, grooming, radicalisation.
  /\b(?:exploit(?:ed|ing|ation)|groom(?:ed|ing)(?! (?:and|skills|needs|routine|tasks))|(?<!(?:across|over|crossing|cross) )county lines|(?:sell|selling|sold|carry|carrying|deliver|delivering|run|running) drugs|trafficking|trafficked|radicali[sz]\w*|cse|cce)\b/,
  // Danger and risk to a child.
  /\b(?:child|children|son|daughter|kid|kids|he|she|they|him|her|them|i|we|baby) (?:is |are |am |was |were |be |feel |feels |could be |might be )?(?:at risk|in danger)\b(?! of (?:exclu|los|fail|miss|not|fall|being excluded|being left))/,
  /\b(?:not|isnt|arent|never|dont feel|doesnt feel|do not feel|does not feel|no longer) safe\b/,
  new RegExp(`\\b${CANT} keep (?:him|her|them|myself|us|my ${CHILD}) safe\\b`),
  /\b(?:not|isnt|arent|wont|doesnt|dont|does not|do not|cant|failing to|failed to) (?:keeping|keep) (?:him|her|them|us|me|my \w+|the \w+) safe\b/,
  /\b(?:never|not) (?:been )?(?:born|wake up|woke up|waking up)\b/,
  /\b(?:life|living) (?:isnt|is not|not|aint) worth\b|\bnot worth living\b/,
  /\b(?:scared|afraid|fear|fears|frightened|terrified|worried) for (?:my|his|her|their|our) (?:life|lives|safety)\b/,
  /\bsomething (?:stupid|silly|bad|terrible) to (?:him|her|them|my)self\b|\bdo something stupid\b/,
  new RegExp(`\\b(?:cut|cuts|cutting|burn|burns|burning|scratch|scratches|scratching|marks|scars|bruises?) (?:on )?(?:his|her|their|my) ${BODY}\\b`),
  new RegExp(`\\b(?:hit|hits|hitting|punch\\w*|kick\\w*|slap\\w*|bit|bites|biting|hurt\\w*|harm\\w*|cut\\w*|scratch\\w*|burn\\w*|starv\\w*)(?: \\w+){0,3} ${SELF}\\b`),
  /\b(?:took|taken|take|swallowed|swallow|drank|drunk|drink|ate|eaten) (?:\w+ ){0,4}(?:pills|tablets|paracetamol|bleach|poison|weedkiller|anti ?freeze)\b/,
  /\b(?:older|grown|adult|strange) (?:men|man|boys|lads|guys|males|women|woman|person|people)\b|\b(?:in|into|joined|join|for|from|by) (?:a |the )?gangs?\b|\bgang (?:members?|related|violence|involvement)\b/,
  /\b(?:getting|got|gets|get) into cars?\b|\bwander\w* (?:the )?streets\b|\b(?:out|staying out|stays out|stayed out) (?:all night|overnight|until|till|at night)\b/,
  /\bthrow\w* (?:\w+ ){0,2}at (?:me|us|him|her|them)\b|\b(?:gets|is|was|always|comes home) (?:drunk|high|off his face)\b/,
  /\b(?:flee|fled|fleeing|refuge|womens aid|restraining order|non molestation)\b/,
  /\b(?:doesnt|dont|does not|do not|never|not|wont|isnt|arent) (?:\w+ )?(?:feed|feeding|wash|washing|change|changing|bath|bathe|clothe) (?:him|her|them|the kids|the children|my \w+)(?: properly| at all| enough)?\b/,
  /\bsleeps? in (?:his|her|their) own\b|\bleft in (?:soiled|dirty|wet)\b/,
  /\b(?:in|into) (?:a|the) (?:cupboard|cellar|shed|cage|dark)\b/,
  /\b(?:goodbye|suicide) (?:note|letter|message)\b|\bgiv(?:e|es|ing|en) (?:away )?(?:all )?(?:his|her|their|my) (?:things|stuff|belongings) away\b/,
  /\bgiv(?:e|es|ing|en) up on (?:everything|life|living|myself|himself|herself|themselves)\b/,
  /\b(?:better off|happier|easier) (?:if|when) (?:i|he|she|they) (?:wasnt|werent|was not|were not|am not|is not|isnt|arent) (?:here|around|alive)\b|\b(?:wasnt|werent) here any ?more\b/,
  /\b(?:she|daughter|girl|shes|niece|granddaughter) (?:is |has got |got |might be |could be )?(?:\w+ )?pregnant\b/,
  /\bno food\b(?! (?:allerg\w*|intoleran\w*|technolog\w*))/,
  /\b(?:wont|doesnt|does not|will not|refuses to|cant) (?:say|tell (?:me|us)|explain) where (?:\w+ ){0,3}from\b/,
  /\b(?:teacher|adult|man|coach|staff member|member of staff|tutor|driver|escort|carer|ta|stranger) (?:has been |is |keeps |was |kept )?(?:messaging|texting|dming|snapchatting|contacting|meeting|following) (?:my|our|him|her|them)\b/,
  /\b(?:dont|do not|no one|nobody) knows? where (?:he|she|they|my \w+|our \w+) (?:is|are)\b/,
  /\b(?:slap|punch|kick|hit|pull|yank|grab|bit|bite|scratch|pinch|kiss|lick|strangl|chok|squeez|twist|stamp)\w* (?:on )?(?:his|her|their|my) (?:face|hair|head|neck|arms?|legs?|body|ears?|throat|private\w*|bottom|bum|chest|wrists?|fingers?|hands?)\b/,
  /\bkiss(?:es|ed|ing)? (?:him|her|them|my (?:\w+ )?(?:son|daughter|child|boy|girl))\b/,
  /\b(?:taking|selling|dealing|using|smoking|doing|on|into) (?:drugs|cannabis|weed|cocaine|ket|ketamine|heroin|crack)\b|\bdealing\b(?! with)/,
  /\bjump\w* (?:from|out of|off) (?:a |the |his |her |my |our )?(?:window|bridge|roof|building|balcony|cliff|car park)\b/,
  /\b(?:want|wants|wanted|wish) (?:it all|everything|it|the pain|all this) to (?:stop|end|be over)\b|\bsleep (?:forever|and never)\b/,
  /\b(?:ways|how) to (?:die|kill (?:myself|himself|herself|yourself)|end (?:it|my life)|hang|overdose)\b|\bhow many (?:pills|tablets|paracetamol)\b/,
  /\b(?:snatch\w*|abduct\w*|kidnap\w*)\b/,
  /\b(?:after|has|have|had|he|she|they) (?:taking|taken|took|swallowed|eaten|drunk|drank) something\b/,
  /\b(?:scared|afraid|terrified|frightened|petrified) (?:of|to be (?:with|near|alone with)) (?:his|her|their|my|the|our|a) (?:\w+ )?(?:uncle|aunt|auntie|dad|father|mum|mother|step\w*|brother|sister|cousin|grandad|granddad|grandpa|grandma|nan|partner|boyfriend|girlfriend|husband|wife|carer|teacher|ta|driver|escort|coach|neighbour|babysitter|man|men|ex)\b/,
  /\b(?:comes?|came|coming) (?:back|home) (?:\w+ )?(?:scared|terrified|frightened|petrified|hurt|injured|bleeding|crying and scared)\b/,
  /\b(?:blackmail\w*|sextort\w*|sedat\w*|drugged|spiked)\b/,
  /\btwice (?:his|her|their) age\b|\bmuch older (?:man|men|boyfriend|girlfriend|woman)\b|\bolder boyfriend\b/,
  /\b(?:out|staying out|hanging around|hanging out|meeting) with strangers\b/,
  /\b(?:drinking|drunk) (?:alcohol|vodka|cider|beer|at (?:\d+|night))\b|\b(?:teenager|teen|son|daughter|he|she) (?:is |has been |keeps )?(?:drinking|getting drunk)\b/,
  /\b(?:stopped eating|losing (?:\w+ ){0,2}weight|lost (?:\w+ ){0,2}weight|anorexi\w*|bulimi\w*|eating disorder|making (?:himself|herself|themselves) sick)\b/,
  /\b(?:hears|hearing|heard) voices\b|\bpsychos\w*|\bpsychotic\b/,
  /\b(?:hurt|harm|kill|stab|attack) (?:people|someone|somebody|others|other people|anyone|everyone)\b/,
  /\bcovered in (?:bruises|scratches|marks|cuts|burns|bites|blood|sores)\b/,
  /\b(?:grab|pull|yank|squeez|twist|pinch|slap|punch|kick|hit|bit|bite|scratch|burn)\w* (?:my|the|his|her|their) \w+s (?:face|hair|head|neck|arms?|legs?|body|ears?|throat|wrists?|hands?)\b/,
  /\b(?:comes?|came|coming|creeps?|crept|sneaks?|snuck|gets?|got) into (?:his|her|their|my) (?:bed|bedroom|room)\b/,
  /\b(?:belt|rope|cord|scarf|tie|string|cable|wire|lead|bag|ligature) (?:round|around|over) (?:his|her|their|my) (?:neck|head|throat)\b/,
  /\b(?:is|aged|shes|hes|only) (?:1[0-6]|[0-9]) (?:\w+ ){0,5}(?:1[89]|[2-9]\d) (?:year|yr)s? old (?:boyfriend|girlfriend|partner|man|woman|friend|lover)\b/,
  // Marks left by someone: "pinches him, he showed me the marks".
  /\b(?:pinch\w*|slap\w*|grab\w*|hits? (?:him|her|them)|hitting (?:him|her|them)|shouts? at (?:him|her|them)|screams? at (?:him|her|them))\b[^.?!]{0,60}\b(?:marks|bruises|bruised|scratches|red marks)\b/,
  /\b(?:showed|shown|show) me (?:the |his |her |their |some )?(?:marks|bruises|cuts|scratches|burns)\b/,
  // A parent or carer at the end of their tether: risk to them as well as the child.
  /\b(?:dont|do not) know how (?:much )?(?:longer|more) (?:i|we) can (?:keep going|go on|cope|carry on|take (?:it|this))\b|\bcant (?:keep going|go on|cope|carry on) (?:any ?more|like this)\b/,
  // Neglect: children left alone for long spells, no food at home.
  /\b(?:left|leaves?|leaving) (?:\w+ )?(?:on (?:their|his|her) own|alone|home alone|by (?:themselves|himself|herself)) (?:for (?:days|hours|nights?|the (?:night|weekend|day))|all (?:day|night|weekend)|overnight)\b/,
  /\b(?:never|no|not) (?:any )?food in (?:the|their|his|her) (?:house|home|fridge|flat)\b/,
  // A child who will not say how or why something happened; not an organisation that will not explain itself.
  /\b(?:he|she|they|him|her|my (?:son|daughter|child|boy|girl|kid)|[a-z]+'?s (?:son|daughter|child))(?: just)? (?:wont|will not|doesnt|does not|cant|refuses to|is too scared to|is scared to|too scared to) (?:say|explain|tell (?:me|us|anyone)) (?:why|how|what happened|who)\b/,
];

const SAFEGUARDING_GLOBAL: readonly RegExp[] = SAFEGUARDING.map((p) => new RegExp(p.source, 'g'));

/**
 * legal_advice: a request for individual legal advice or a prediction about a case.
 * "how do I appeal" or "can I appeal" are process questions and stay with the articles;
 * "should I accept", "should we take it", "will I win", "what are my chances" are not.
 */
const ACTIONS = '(?:accept|agree|sign|settle|take|withdraw|drop|appeal|challenge|sue|refuse|reject|concede|go to (?:the )?tribunal|go ahead with|fight|push for|pull out)';
const LEGAL_ADVICE: readonly RegExp[] = [
  new RegExp(`\\b(?:should|shall|ought) (?:i|we) (?:\\w+ )?${ACTIONS}\\b`),
  new RegExp(`\\b(?:i|we) should (?:\\w+ )?${ACTIONS}\\b`),
  // "will I lose at tribunal" is a prediction; "will I lose my EHCP if we move" is a process question.
  /\b(?:will|would|could|can|am|are) (?:i|we) (?:going to |likely to |gonna )?(?:win|succeed|lose(?= *$| (?:at|in|if|against|it|the appeal|my appeal|our appeal|the case|my case|our case)\b))\b/,
  /\b(?:will|would) (?:the tribunal|the judge|the panel|they) (?:rule|side|find|agree) (?:for|with|in favour of) (?:me|us)\b/,
  /\b(?:my|our) (?:chances|odds|prospects)\b/,
  /\b(?:chances|odds|prospects|likelihood) of (?:winning|success|succeeding|losing|getting)\b/,
  /\bis it worth (?:me |us |my |our )?(?:appealing|going to tribunal|taking|fighting|challenging|suing|complaining|pursuing)\b/,
  /\b(?:strong|good|winnable|decent|solid|strong enough|good enough) (?:legal )?case\b/,
  /\b(?:do|have) (?:i|we) (?:got |have )?a case\b/,
  /\btell (?:me|us) (?:whether|if) (?:i|we) should\b|\btell (?:me|us) whether to\b|\blook at (?:my|our) case and (?:tell|advise|say)\b/,
  /\b(?:can|could) (?:i|we) sue\b/,
  /\bcase to sue\b/,
  /\b(?:represent|act for|advocate for) (?:me|us) (?:at|in)\b/,
  /\b(?:advise|tell) (?:me|us) (?:whether|if) (?:i|we) should\b/,
  /\bwhat would you do\b/,
  /\bin (?:my|our) (?:position|shoes)\b/,
  /\b(?:my|our) case (?:is )?(?:strong|good|winnable|weak)\b/,
  /\b(?:do|have) (?:i|we) (?:got )?(?:grounds|good grounds)\b/,
  /\bwhat will the (?:tribunal|judge|panel) (?:decide|say|do|think)\b/,
  /\blikely (?:outcome|result)\b/,
  /\bcan you (?:check|review|read|look over|go through) (?:my|our) (?:appeal|letter|draft|form|evidence|case|statement|response|complaint)\b/, // General forms, in any spelling of "should": opinions, odds, worth, and asking for a lawyer.
  new RegExp(`\\b(?:shud|shoud|shld|sould|shuold|shoudl) (?:i|we) (?:\\w+ )?${ACTIONS}\\b`),
  /\b(?:do|would) you (?:think|reckon|say) (?:i|we) (?:should|shud|ought|need to|have to|could win|would win|will win|can win)\b/,
  /\b(?:would|do|could|can) you (?:recommend|advise|suggest) (?:that )?(?:i|we|me to|us to|whether|if|appealing|accepting|agreeing|going|taking|withdrawing|challenging|settling)\b/,
  /\bwhat (?:should|shall|shud|would you advise|do you advise|do you suggest) (?:i|we)? ?do\b/,
  /\b(?:how likely|what are the odds|what are the chances|whats the chance|what chance|any chance) (?:am i|are we|is it|of|that|we|i|do we|do i)\b/,
  /\b(?:am i|are we|is he|is she|would we|would i) likely to (?:win|get|succeed|lose)\b/,
  /\b(?:stand|have|got) (?:a |any |much |no |some )?(?:good |real |decent |fair )?(?:chance|hope)\b/,
  /\b(?:will|would|might|could|do you think) (?:the |a )?(?:tribunal|judge|panel|sendist) (?:will |would )?(?:agree|order|side|rule|find|decide|award|grant|name|accept|support|back|give)\b/,
  /\bis (?:there )?(?:any |much )?point (?:in )?(?:me |us )?(?:appealing|going to (?:the )?tribunal|complaining|challenging|fighting|mediation|pursuing|taking it)\b/,
  /\bis (?:it|this|that|the (?:\w+ ){0,2}(?:offer|deal|plan|proposal|settlement)) (?:a )?(?:good|bad|fair|reasonable|sensible|wise) (?:idea|deal|offer|move|decision|option|settlement)\b/,
  /\bis (?:it|this|that) (?:a )?good (?:idea|deal|offer) to\b/,
  /\b(?:which|what) (?:option|choice|route) (?:is|would be|should) (?:best|better|right)\b|\bwhich is (?:best|better) for (?:my|our)\b/,
  /\b(?:legal advice|legal representation|legal aid|solicitor|solicitors|lawyer|lawyers|barrister|barristers)\b/,
  /\b(?:sue|sued|suing) (?:the|them|him|her|council|school|la|academy|for)\b/,
  /\bis my case\b|\b(?:our|my) case (?:good|strong|weak) enough\b/,
  /\bwould it be (?:better|best|wise|wiser|sensible|worth it|a good idea)\b|\bis it (?:better|best|wiser) (?:to|if) (?:i|we|accept|appeal|agree|go|take|sign|withdraw|wait)\b/,
  /\bwould (?:we|i) (?:get|win|succeed|lose)\b/,
  /\b(?:do|d) you (?:reckon|believe) (?:we|i|wed|id|well|ill|the|they|he|she)\b/,
  /\badvi[sc]e (?:me|us) (?:on|whether|if|about|what|which)\b/,
  /\b(?:act as|be) (?:my|our) (?:representative|rep|advocate|solicitor|lawyer)\b/,
];

/**
 * third_party_data: someone who is not the parent (grandparent, relative, neighbour, childminder,
 * a parent's new partner) or who names another child, asking for that child's plan or records.
 * Needs both a third-party signal and a request to disclose, so "my nephew is 2, can a child that
 * young have an EHC plan?" is a general question, not a data request.
 */
const THIRD_PARTY_RELATION: readonly RegExp[] = [
  /\bmy (?:grandson|granddaughter|grandchild|grandchildren|grandkids?|nephew|niece|cousin|godson|goddaughter|stepson|stepdaughter|step son|step daughter)s?\b/,
  /\b(?:im|i am|as) (?:his|her|their|the|a|an|mias?|\w+s) (?:uncle|aunt|auntie|aunty|grandma|grandmother|grandad|granddad|grandfather|nan|nana|grandparent|neighbour|neighbor|childminder|babysitter|nanny|cousin|family friend|friend|step ?(?:mum|mother|dad|father)|(?:dads|mums|fathers|mothers) (?:new )?(?:partner|girlfriend|boyfriend|wife|husband))\b/,
  /\b(?:dads|mums|fathers|mothers|exs|ex partners|ex wifes|ex husbands) (?:new )?(?:partner|girlfriend|boyfriend|wife|husband)\b/,
  /\b(?:neighbours|neighbors|friends|sisters|brothers|cousins|colleagues|exs|partners|aunts|uncles) (?:son|daughter|child|children|kid|kids|boy|girl)\b/,
  /\b(?:the )?(?:boy|girl|child|kid|family) next door\b/,
  /\b(?:another|other|someone elses|somebody elses|a different) (?:parents |familys )?(?:child|childs|pupil|pupils|student|students|boy|girl|kid|kids)\b/,
  /\b(?:in|from) (?:my|his|her) (?:sons|daughters|childs|kids) class\b/,
  /\bim a (?:neighbour|neighbor|childminder|journalist|reporter|family friend)\b/,
  // Someone who looks after or teaches another family's child: "I coach Noah's team", "for her foster carer".
  /\bi (?:coach|tutor|babysit|childmind)\b|\bfor (?:his|her|their) (?:foster carers?|parents?|mum|dad|mother|father)\b|\bi look after [a-z]+ (?:at weekends|on weekends|after school|for)\b/,
  /\b(?:another|other|someone elses|somebody elses|a different) (?:family|familys|families|persons|parents|parent|childs|pupils|kids)\b/,
  /\b(?:ex|exs|ex partners|ex wifes|ex husbands|ex girlfriends|ex boyfriends) (?:son|sons|daughter|daughters|child|childs|kid|kids|children)\b/,
];
const DISCLOSURE: readonly RegExp[] = [
  /\b(?:send|email|e mail|forward|post|give|show|share|pass|copy) (?:over |across |on )?(?:me|us|over|across)\b/,
  /\b(?:a )?copy of (?:the|his|her|their|its|this|that)\b/,
  /\bwhat (?:does |do |is in |s in )?(?:it|the plan|the ehcp|his plan|her plan|their plan|his ehcp|her ehcp|their ehcp) (?:says?|contains?|includes?)\b/,
  /\bwhat(?:s| is| does)? in (?:\w+ ){0,4}(?:plan|ehcp|ehc plan|file|records)\b/,
  /\b(?:what|which) school (?:is|does|do) (?:he|she|they) (?:at|go|attend|in)\b/,
  /\b(?:can|could|may) (?:i|we) (?:see|read|have|get|access|look at|view|find out|know|obtain)\b/,
  /\bfind out (?:if|whether|what|which|where)\b/,
  /\bconfirm (?:if|whether|that)\b/,
  /\b(?:does|do|has) (?:the|that|this|a|an|any|my \w+s?|his|her) (?:\w+ ){0,3}(?:have|has|got) (?:an? )?(?:ehcp|ehc plan|plan|diagnosis|sen)\b/,
  /\b(?:is there|are there) (?:a|any) (?:child|children|pupil|pupils|kid|kids|boy|girl)s? (?:\w+ ){0,5}with (?:an? )?(?:ehcp|ehc plan|plan|sen|diagnosis)\b/,
  /\b(?:details|copy|copies|contents|information|info) (?:of|about|on|from) \b/,
  /\b(?:email|send|post) (?:me|us) (?:the|a|his|her|their)\b/,
  /\bwhich (?:school|college|setting) (?:is|was) named\b/,
  /\btell me (?:if|whether|what|which|where|about|how)\b/,
  /\b(?:can|could|may) i (?:see|read|have|get|access|look at|view) (?:his|her|their|the) (?:plan|ehcp|ehc plan|records|reports?|file|details)\b/,
  /\b(?:wont|will not|refuses to|doesnt|does not) (?:share|show|tell|give|send)\b/,
  /\b(?:address|phone number|diagnosis|records|file) (?:of|for) (?:a|the|this|that) (?:child|boy|girl|pupil)\b/,
];
const PLAN_OR_RECORD_WORDS = /\b(?:ehcp|ehc plan|plan|plans|records|reports|report|file|details|diagnosis|address|school)\b/;
/** A capitalised name with a possessive followed by personal data: "Jake Smith's EHCP", "Mia's plan". Run on original text. */
const NAMED_CHILD_DATA =
  /\b(?<!(?:[Mm]y|[Oo]ur) (?:son|daughter|child|boy|girl) )[A-Z][a-z]+(?: [A-Z][a-z]+)?['\u2019]s (?:EHCP|EHC plan|ehcp|plan|records|reports|file|details|diagnosis|address|school)\b/;

function firstMatch(patterns: readonly RegExp[], text: string): RegExp | undefined {
  return patterns.find((p) => p.test(text));
}

export interface Escalation {
  readonly reason: EscalationReason;
  /** The pattern that fired, for logs and tests; never shown to the user. */
  readonly pattern: string;
}

/**
 * Common misspellings and chat spellings of the words the safeguarding patterns look for, so
 * "he sed he wants to kil himself" reads like "he said he wants to kill himself". Word for word
 * on simplified text; only used for safeguarding, where a miss costs most.
 */
const HARM_SPELLINGS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    kil: 'kill',
    kils: 'kills',
    killin: 'killing',
    kiling: 'killing',
    kild: 'killed',
    harmin: 'harming',
    hurtin: 'hurting',
    cuttin: 'cutting',
    cuting: 'cutting',
    burnin: 'burning',
    hitin: 'hitting',
    hiting: 'hitting',
    beatin: 'beating',
    sed: 'said',
    sayd: 'said',
    wanna: 'want to',
    gonna: 'going to',
    wants2: 'wants to',
    ded: 'dead',
    dieing: 'dying',
    dyin: 'dying',
    hisself: 'himself',
    himslef: 'himself',
    herslef: 'herself',
    mysef: 'myself',
    myslef: 'myself',
    slef: 'self',
    abusd: 'abused',
    abuesd: 'abused',
    abussed: 'abused',
    raiped: 'raped',
    touchd: 'touched',
    touchin: 'touching',
    overdoes: 'overdose',
    ovrdose: 'overdose',
    tablits: 'tablets',
    pils: 'pills',
  }),
);

function fixHarmSpellings(simplified: string): string {
  return simplified.replace(/[a-z0-9]+/g, (w) => HARM_SPELLINGS.get(w) ?? w);
}

/**
 * The message with every safeguarding phrase blanked out, in simplified form: what is left is any
 * SEND question the message also asks ("my son said he wants to die, the LA refused to assess him").
 */
export function withoutSafeguardingWords(message: string): string {
  let text = fixHarmSpellings(simplify(message));
  for (const p of SAFEGUARDING_GLOBAL) text = text.replace(p, ' ');
  return text.replace(/\s+/g, ' ');
}

/** Checks the message for a reason to hand over to a person. Safeguarding wins over the others. */
export function detectEscalation(message: string): Escalation | null {
  const text = simplify(message);
  const safeguarding = firstMatch(SAFEGUARDING, fixHarmSpellings(text));
  if (safeguarding) return { reason: 'safeguarding', pattern: safeguarding.source };
  const thirdParty = detectThirdPartyRequest(message, text);
  if (thirdParty) return { reason: 'third_party_data', pattern: thirdParty };
  const legal = firstMatch(LEGAL_ADVICE, text);
  if (legal) return { reason: 'legal_advice', pattern: legal.source };
  return null;
}

/** Where a named child lives or goes to school: "which school does Tom Smith go to". Run on original text. */
const NAMED_CHILD_WHEREABOUTS =
  /\b(?:where does|which school does|what school does|where is) (?!He\b|She\b|It\b|They\b|My\b)[A-Z][a-z]+(?: [A-Z][a-z]+)? (?:live|go to|attend|go)\b/;

/** Records asked for by a full name: "the EHCP for Jayden Brown". Run on original text. */
const RECORDS_FOR_NAMED_CHILD =
  /\b(?:EHCP|EHC plan|ehcp|plan|records|file|details|address|reports?) (?:for|of|about|on) (?!(?:My|Our|Year|Section|Luton|The)\b)[A-Z][a-z]+ [A-Z][a-z]+\b/;

/** Lists of other people's children: "a list of children with EHCPs at my son's school". */
const LIST_OF_CHILDREN =
  /\b(?:list|lists|names|details|number) of (?:the |all )?(?:other )?(?:children|pupils|kids|students|families)\b(?: \w+){0,4} (?:ehcps?|ehc plans?|plans?|sen|send)\b/;

function detectThirdPartyRequest(original: string, text: string): string | null {
  if (NAMED_CHILD_WHEREABOUTS.test(original)) return NAMED_CHILD_WHEREABOUTS.source;
  if (LIST_OF_CHILDREN.test(text)) return LIST_OF_CHILDREN.source;
  if (RECORDS_FOR_NAMED_CHILD.test(original) && firstMatch(DISCLOSURE, text)) return RECORDS_FOR_NAMED_CHILD.source;
  const disclosure = firstMatch(DISCLOSURE, text);
  if (!disclosure) return null;
  const relation = firstMatch(THIRD_PARTY_RELATION, text);
  if (relation && PLAN_OR_RECORD_WORDS.test(text)) return relation.source;
  if (NAMED_CHILD_DATA.test(original)) return NAMED_CHILD_DATA.source;
  return null;
}

/**
 * Words that show a question is about SEND even when it also mentions an out-of-scope topic
 * ("do the school holidays stop the 20-week clock?", "SEN transport").
 */
const SEND_MARKERS = new RegExp(
  '\\b(?:' +
    [
      // The service, its plans and people.
      'sen|send|senco|sendco|sen ?d?co|ehcp|ehcps|echp|ehpc|ehc|ehcna|education health (?:and )?care|special educational|special needs|special school|special unit|resource base|additional needs|additional support needs|sen support|sen register|iep|inclusion',
      'tribunal|sendist|mediation|annual review|needs assessment|statutory assessment|section [a-k]|draft plan|final plan|the plan|his plan|her plan|their plan|my plan|our plan',
      'educational psychologist|senco|local offer|sendiass|sendias|iass|personal budget|direct payments?|short breaks?|respite|ta support|teaching assistant|1 1|one to one',
      // Needs, conditions and therapies.
      'disab\\w*|autis\\w*|asd|asc|adhd|dyslexi\\w*|dyspraxi\\w*|dyscalculi\\w*|semh|slcn|sensory|learning difficult\\w*|learning disab\\w*|speech (?:and language|delay)|global (?:developmental )?delay|developmental delay|down ?s? syndrome|cerebral palsy|epilep\\w*|deaf\\w*|blind|visual(?:ly)? impair\\w*|hearing impair\\w*|mental health|anxiety|wheelchair|non verbal|nonverbal|pda|tourette\\w*|ocd',
      'provision|therapy|therapist|salt|ot|ep|physio\\w*|paediatrician|camhs|dla|disability living allowance|pip|personal independence payment',
      // School life that is SEND business.
      'exclu\\w*|part time timetable|reduced timetable|home tuition|alternative provision|pru|school refus\\w*|ebsa',
      // Process words that turn a holiday or school question into a SEND one.
      'time ?limits?|timescales?|deadlines?|statutory|exceptions?|counts?|counted|reviews?|20 weeks?|6 weeks?|16 weeks?|15 days',
    ].join('|') +
    ')\\b',
);

/**
 * out_of_scope: other council services, school admissions and rankings, and general chat.
 * Each group only applies when no SEND marker is present.
 */
const OUT_OF_SCOPE_TOPICS: readonly RegExp[] = [
  // Other council services.
  /\b(?:bins?|bin day|rubbish|refuse collection|recycling|fly ?tipping|litter|pothole\w*|street ?lights?|gritting|council tax|business rates|parking|parking permits?|parking fine|pcn|blue badge|planning permission|planning application|building control|housing|council (?:house|flat|home)|repairs?|damp|mould|homeless\w*|rent|housing benefit|universal credit|benefits? claim|register (?:a|the) (?:birth|death|marriage)|birth certificate|marriage|wedding|noisy|noise|antisocial|anti social|library|libraries|leisure centre|swimming pool|gym|allotment|cemetery|burial|crematorium|electoral|register to vote|voting|elections?|licen[cs]e|pest control|dog fouling|graffiti|the tip|household waste|bulky waste|garden waste|gp appointment|doctors appointment|dentist|vaccinations?|passport|driving licen[cs]e|bus pass for)\b/,
  /\b(?:gritt\w*|road ?works|road (?:closed|closure|repairs?)|pavements?|dropped kerb|speed bumps?|abandoned (?:car|vehicle)|trees?|parks?|playground|markets?|community centre|trading standards|food hygiene|environmental health|registry office|register office|citizenship|nationality|ceremony|death certificate|energy bills?|gas bill|electric\w* bill|food ?banks?|cost of living|hardship fund|household support fund|benefits?|pip|dla|carers allowance|pensions?|elderly|care home|meals on wheels|home care for (?:my|an?) (?:mum|dad|mother|father|parent|relative)|(?:be|become|becoming) a foster|fostering|foster carer|apply to (?:foster|adopt)|want to (?:foster|adopt)|adopt a child|adoption|opening (?:hours|times)|open (?:today|tomorrow|on (?:sunday|saturday|bank holidays?))|council jobs?|jobs? (?:at|with|in) the council|apply for a job|working for the council|bus pass|concessionary|taxi licen[cs]e|premises licen[cs]e|alcohol licen[cs]e|pay (?:my|the|a) (?:fine|bill|invoice)|council (?:rent|tenancy|tenant)|somewhere to live|place to live|evict\w*|temporary accommodation)\b/,
  /\b(?:town hall|civic centre|council offices?)\b/,
  // School admissions, term dates and rankings (not SEND placement).
  /\b(?:school holidays?|half term|term dates?|inset days?|school (?:admissions?|applications?)|(?:apply|applying|application) for (?:a )?(?:school|reception|nursery|primary|secondary)(?: school)?(?: place)?|(?:get|getting|find|finding) (?:a |him a |her a |them a )?school place|in year (?:admission|transfer|application)|mid year|reception (?:place|class|year|application)|for reception|national offer day|offer day|catchment|free school meals|school uniform|uniform grant|best (?:primary|secondary|school|schools)|good (?:primary|secondary|school|schools)|(?:recommend|suggest) (?:a|some) (?:school|primary|secondary)|ofsted (?:rating|report|ranking)|league tables?|which school we got|into (?:a |the )?(?:local )?school|school place appeals?|admissions? appeals?|appeal (?:for|against|about) (?:a |the |our |my )?(?:school place|school allocation|allocated school|admission)|(?:autumn|spring|summer) term (?:start|starts|begin|begins|end|ends|dates?)|when does (?:the )?(?:school )?term (?:start|begin|end|finish)|back to school date|(?:which|what) (?:primary|secondary|school|schools|academy|academies) (?:is|has|gets?|are|have) (?:the )?(?:best|better|good|top|highest)|best results|exam results|top schools?|(?:top|best|highest) rated|(?:year 7|year seven|yr 7|year 3|reception) place|school rankings?|(?:which|what) (?:nursery|school|primary|secondary|college|academy) (?:should|shall|do) (?:i|we) (?:choose|pick|go for|apply for|send)|last day of (?:term|school)|end of term|(?:what time|when) does (?:the )?school (?:start|finish|open|close|end))\b/,
  // General chat and unrelated requests.
  /^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks|thank you|cheers|ok|okay|bye|goodbye)(?: there)?(?: \w+)?\s*$/,
  /\b(?:how are you|whats your name|who are you|who made you|are you (?:a )?(?:real|robot|bot|human|person|ai)|what can you do|tell me a joke|joke|weather|forecast|rain|raining|snow|sunny|football|the match|who won|lottery|recipe|cover letter|cv|job application|job vacanc\w*|write (?:me )?(?:a|an) (?:poem|story|essay|letter for a job))\b/,
];

/** True when the message is plainly not about SEND: an out-of-scope topic and no SEND marker. */
export function isOutOfScope(message: string): boolean {
  const text = simplify(message);
  if (hasSendMarker(text)) return false;
  return OUT_OF_SCOPE_TOPICS.some((p) => p.test(text));
}

/**
 * Subjects next to SEND that no article covers: disability benefits, blue badges, diagnosis and
 * waiting lists, medicines, equipment and home adaptations. With a SEND marker they are not out of
 * scope, but a question about them needs a stronger match before an article is shown (see
 * Thresholds.uncoveredMinStrength in engine.ts), because the words it shares with an article are
 * usually only "autistic son".
 */
const UNCOVERED_TOPICS =
  /\b(?:dla|pip|disability living allowance|personal independence payment|carers? allowance|universal credit|benefits?|blue badge|motability|medication|medicines?|meds|tablets|prescri\w*|melatonin|(?:get|getting|need|needs|buy|new|order|from the nhs) (?:a |an |the )?(?:new )?(?:wheelchair|hoist)|adaptations?|adapt (?:our|the|my) (?:house|home)|disabled facilities grant|grants?|sleep\w*)\b|\b(?:how (?:do|can) (?:i|we) get (?:an? |the )?(?:\w+ )?diagnos\w*|(?:get|getting|obtain|obtaining|private|nhs) (?:an? |the )?(?:autism |adhd |asd |asc )?diagnos\w*|waiting (?:list|time)s? for (?:an? |the )?(?:\w+ )?(?:diagnos\w*|assessment))\b/;

/**
 * True when the message touches a subject the articles do not cover: another council service
 * (OUT_OF_SCOPE_TOPICS) or one of UNCOVERED_TOPICS. Used with a SEND marker, when isOutOfScope() is false.
 */
export function mentionsUncoveredTopic(message: string): boolean {
  const text = simplify(message);
  return UNCOVERED_TOPICS.test(text) || OUT_OF_SCOPE_TOPICS.some((p) => p.test(text));
}

/** True when the (simplified or raw) message contains a SEND word. */
export function hasSendMarker(message: string): boolean {
  return SEND_MARKERS.test(simplify(message));
}
