"""Reading outcome wording by how the phrase is built, not by keywords alone.

Two readings, each explainable: it returns the words that decided it.

* :func:`read_statement` (OTP105): a statement is vague when it states a
  direction (a direction verb such as *improve*, a phrasal verb such as *speed
  up*, *keep*/*make*/*be* + a quality, a comparative or superlative, a negated
  direction such as *stop letting*), a quality (*seamless*, *proactively*) or
  an aspiration (*team morale*) that no target holds to account. A target is a
  number in the role of a target -- a bound, an amount, a percentage, a count
  -- or a quantity word (double, halve, zero, none). Years (2027), periods (Q2,
  FY27), scope counts ("our 4 flagship stores") and digits inside names (P2,
  ISO 27001, Level 3) are not targets. A noun phrase headed by a measure word
  ("Current ratio", "Time to first reply") is the name of a measure, not a
  direction: fine when the outcome carries a structured metric, range and
  timeframe. "As needed" and "asap" are vague even beside a number.
* :func:`read_metric` (OTP106): a metric counts activity when an action
  participle is applied to countable work items with no result qualifier on
  them ("Quotes issued", "Check-ins logged by the coaching agent"); a
  qualifier on the head ("resolved on first contact", "accepted without
  edits", "that renewed", "within SLA") makes it a result, a result word
  before the head ("retention emails sent") does not. Technical measures
  (latency, tokens, tool calls, steps per task) and effort per person ("dials
  per SDR") are activity too.

The lexicons are small and the rules positional; a hand suffix stripper is the
lemmatizer. tests/lint/rules/test_wording.py holds both readings to precision
and recall of at least 0.9 on a held-out split of a labelled corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# ---------------------------------------------------------------------------
# Tokens and lemmas


def _words(text: str) -> frozenset[str]:
    """A lexicon written as one space-separated string."""
    return frozenset(text.split())

_TOKEN = re.compile(
    r"1:1s?"  # one-to-one meetings
    r"|[$€£]?\d[\d,]*(?:\.\d+)?(?:%|[a-z]+\b)?"  # 12, $1.2m, 99.9%, 3x, 24x7, 90-day
    r"|[a-z][a-z0-9]*(?:['’-][a-z0-9]+)*"  # words, check-ins, fy27, p2, world-class
    r"|[≤≥<>:,;()#%/]"
)
_IRREGULAR_PLURALS = {"people": "person", "data": "data", "criteria": "criterion",
                      "media": "media", "staff": "staff"}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "news")
_NOT_PLURALS = frozenset(("has", "was", "its", "yes", "gas", "plus", "always", "perhaps",
                          "series", "sales", "ops", "vs", "aws", "sms", "kms", "ms", "dos"))


def _singular(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith(_NOT_PLURAL_ENDINGS) or len(word) < 3 or word in _NOT_PLURALS:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _is_plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or _singular(word) != word


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a phrase: its lower-cased text and its lemma."""

    text: str
    lemma: str

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit() or self.text[0] in "$€£"


# Scorecard shorthand read as the words it stands for.
_SHORTHAND = {"/": "per", "hr": "hour", "hrs": "hours", "min": "minute", "mins": "minutes",
              "wk": "week", "mo": "month", "appts": "appointments", "appt": "appointment",
              "1:1s": "one-on-ones", "1:1": "one-on-one", "%": "percent"}


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, lower-cased, with plural nouns and verb forms reduced and
    scorecard shorthand spelled out ("Calls/day" -> calls per day)."""
    lowered = text.lower().replace("’", "'").replace("–", "-")
    words = [_SHORTHAND.get(match.group(0), match.group(0)) for match in _TOKEN.finditer(lowered)]
    return [Token(word, _singular(word)) for word in words]


# ---------------------------------------------------------------------------
# Numbers and their roles

_NAME_WORDS = _words(
    "iso level tier line agent phase stage version step sev severity gen class zone site plant "
    "building series grade band floor release model category type week layer section article "
    "chapter gate priority route room dock lane region cohort wave sprint round"
)
_SCOPE_DETERMINERS = _words(
    "our the these those their its my your all each every both"
)
_SCOPE_FILLERS = _words(
    "top first last largest biggest oldest newest main"
)
_COMPARATORS = _words(
    "under below above over within least most between from to by than up upto less fewer "
    "more higher lower ≤ ≥ < > max min maximum minimum"
)
_NUMBER_WORDS = _words(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred thousand million"
)
_QUANTITY_WORDS = _words(
    "double doubled halve halved half twice triple tripled zero none nil never no"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_AMOUNT = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?(?:%|x|k|m|bn|b|ms|s|h|pp)?")


def number_role(tokens: list[Token], index: int) -> str:
    """The role of the number at ``index``: ``target`` or why it is not one
    (``year``, ``name``, ``scope``)."""
    text = tokens[index].text
    previous = tokens[index - 1].text if index else ""
    if not tokens[index].is_number:  # a number word
        if text == "one" and previous not in _COMPARATORS:
            return "name"
        return "target"
    if not _AMOUNT.fullmatch(text):
        return "name"  # 24x7, 90-day
    if _YEAR.fullmatch(text) and previous not in ("$", "to", "than", "under", "over", "least"):
        return "year"
    if previous in _NAME_WORDS:
        return "name"
    back = index - 1
    while back >= 0 and tokens[back].text in _SCOPE_FILLERS:
        back -= 1
    if back >= 0 and tokens[back].text in _SCOPE_DETERMINERS and back < index:
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if following not in ("%", "or", "per"):
            return "scope"
    return "target"


def _is_numeric(token: Token) -> bool:
    return token.is_number or token.text in _NUMBER_WORDS or token.text == "one"


@dataclass(frozen=True, slots=True)
class Numbers:
    """The numbers of a phrase: the targets, and the ones that are not targets."""

    targets: tuple[str, ...]
    ignored: tuple[tuple[str, str], ...]  # (number, role)


def read_numbers(tokens: list[Token]) -> Numbers:
    targets: list[str] = []
    ignored: list[tuple[str, str]] = []
    for index, token in enumerate(tokens):
        if token.text in _QUANTITY_WORDS:
            if not (token.text == "double" and index + 1 < len(tokens)
                    and tokens[index + 1].text == "down"):
                targets.append(token.text)
            continue
        if _is_numeric(token):
            role = number_role(tokens, index)
            if role == "target":
                targets.append(token.text)
            else:
                ignored.append((token.text, role))
        elif any(ch.isdigit() for ch in token.text):
            ignored.append((token.text, "period" if re.fullmatch(r"(?:q|h|fy|cy)\d+", token.text)
                            else "name"))
    return Numbers(tuple(targets), tuple(ignored))


# ---------------------------------------------------------------------------
# The statement reading (OTP105)

MEASURE_HEADS = _words(
    "rate ratio margin cost time error score turnover turn retention revenue attrition churn "
    "yield share percentage percent proportion value variance gap accuracy precision recall "
    "effectiveness utilisation utilization attainment payback length cycle flow runway budget "
    "objective index arr mrr nps csat ces backlog age latency days day months month hours "
    "minutes weeks spend cash profit ebitda balance pipeline bookings coverage frequency "
    "velocity throughput duration count number total amount average median mean level "
    "conversion deflection acceptance completion resolution response satisfaction awareness "
    "engagement uptime availability freshness debt income expense expenses outstanding "
    "roas roi cac ltv sla slo multiple"
)
_MEASURE_MODIFIERS = _words(
    "aided unaided net gross average median mean"
)
_ASPIRATIONS = _words(
    "happiness morale awareness engagement culture excellence experience alignment visibility "
    "loyalty trust wellbeing well-being belonging reputation innovation collaboration teamwork "
    "ownership accountability transparency empathy partnership presence readiness fit "
    "leadership mindset harmony synergy maturity presence momentum excellence success impact "
    "delight joy pride passion purpose mission vision agility resilience sustainability "
    "scalability reliability stability security quality clarity focus discipline hygiene "
    "health goodwill credibility authority dominance"
)
# Verbs that state a direction by themselves ("improve retention", "keep clients happy").
_DIRECTION_ALONE = _words(
    "improve increase grow boost enhance optimise optimize maximise maximize minimise minimize "
    "reduce lower raise lift strengthen streamline drive accelerate elevate expand scale deepen "
    "foster champion prioritise prioritize support ensure promote cultivate empower transform "
    "revolutionise revolutionize delight excel modernise modernize cut shorten widen broaden "
    "harden tighten simplify sharpen nail dominate protect develop build keep maintain stay "
    "remain make be become get go position avoid stop prevent strive aim embrace leverage "
    "turn narrow bridge revamp overhaul rethink upgrade upskill amplify nurture unlock "
    "solidify sustain safeguard diversify differentiate innovate inspire engage encourage "
    "enable facilitate align explore pursue refine polish enrich energise energize invigorate "
    "reinforce bolster stabilise stabilize evolve curb curtail tackle combat lessen shrink "
    "trim slash decrease extend mature crush reignite attract own fill win conquer smash wow "
    "impress reinvent reimagine rebuild revitalise revitalize rejuvenate captivate excite lead "
    "hit supercharge turbocharge jumpstart kickstart reinvigorate advance further cement instil "
    "instill democratise democratize operationalise operationalize professionalise "
    "professionalize standardise standardize consolidate unify personalise personalize "
    "humanise humanize celebrate thrive flourish succeed shine pioneer disrupt outperform "
    "outpace outgrow surpass exceed beat amaze wow retain preserve defend mitigate de-risk "
    "derisk address listen learn understand communicate collaborate rationalise rationalize "
    "declutter energise re-energise invest spark want aspire hope wish"
)
# Verbs that are a direction only with a quality, comparative or aspiration
# ("handle complaints professionally", but "close the books within 5 days").
_DIRECTION_VERBS = _DIRECTION_ALONE | _words(
    "sell win retain push tell manage handle provide deliver create respond hire onboard "
    "spend close achieve reach attain continue own"
)
# Verbs that state a direction with a particle: "speed up", "iron out", "win back".
_PHRASAL_VERBS = _words(
    "pay speed step ramp level shore free clean double tighten scale sort shake smooth iron "
    "figure beef wind dial bring firm bulk tone crack stamp weed root catch wrap"
)
_PARTICLES = _words(
    "up down back out in"
)
_NEGATIONS = _words(
    "stop avoid don't dont prevent"
)
_QUALITY_WORDS = _words(
    "world-class best-in-class excellent high-quality top-notch seamless seamlessly robust "
    "efficient efficiently effective effectively significant significantly substantial "
    "substantially continuous continuously proactive proactively appropriate appropriately "
    "timely reasonable adequate optimal strong great exceptional innovative "
    "engaging impactful meaningful healthy sustainable scalable empathetic transparent "
    "data-driven consistent consistently painless effortless tidy happy stable lean fresh "
    "smart helpful viral compelling compellingly trusted go-to on-brand painful smoothly "
    "gracefully professionally wisely well properly promptly quickly carefully reliably "
    "delightful frictionless responsive agile resilient intuitive loved beloved "
    "household thought-leader friendly fast quick clear simple smooth easy positive good "
    "amazing awesome superb stellar flawless secure modern user-friendly hassle-free "
    "best-practice first-class premium valued heard empowered engaged motivated aligned "
    "informed confident satisfied delighted inspired accountable leading premier preferred "
    "cutting-edge state-of-the-art next-generation next-gen industry-leading market-leading "
    "award-winning high-performing high-performance customer-centric customer-first equitable "
    "inclusive welcoming predictable organised organized streamlined rapid swift speedy "
    "superior remarkable memorable magical relevant exciting inspiring authentic honest "
    "collaborative cohesive vibrant thriving solid top-tier maximal noticeable measurable "
    "sufficient acceptable manageable minimal negligible swiftly rapidly thoughtfully "
    "responsibly sustainably profitably transparently openly regularly frequently closely "
    "tightly actively aggressively strategically holistically outstanding fairly"
)
_IRREGULAR_COMPARATIVES = _words(
    "more less fewer better worse best worst most least"
)
_ADJECTIVE_BASES = _words(
    "quick fast strong healthy big safe smart simple clean hard easy cheap lean tight short high "
    "low great few happy smooth slow small large tidy clear broad deep wide rich fresh sharp "
    "early warm calm fair light heavy quiet busy tough weak bright lucky nimble"
)
_VAGUE_PHRASES = (
    "as needed", "as necessary", "as required", "when needed", "when possible", "where possible",
    "if possible", "as soon as possible", "asap", "as appropriate", "over time", "going forward",
    "in a timely manner", "at scale", "on an ongoing basis", "best effort", "as much as",
    "keep an eye on", "stay on top of", "get on top of", "take care of", "look after",
    "work on", "focus on", "get a handle on", "up to date", "up-to-date", "on top of",
    "tight ship", "like clockwork", "at the heart of", "with care", "raving fans",
    "sells itself", "sell itself",
    "above and beyond", "the extra mile", "next level", "best possible", "as best we can",
)
_VAGUE_PHRASE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(_VAGUE_PHRASES, key=len, reverse=True))
    + r")\b"
)


def _degree_forms(bases: frozenset[str]) -> frozenset[str]:
    """Comparatives and superlatives of ``bases``: quick -> quicker, quickest; tidy -> tidier."""
    forms: set[str] = set()
    for base in bases:
        if "-" in base or (base.endswith("ly") and not base.endswith(("friendly", "lively"))):
            continue
        forms.update((base + "er", base + "est", base + base[-1] + "er", base + base[-1] + "est"))
        if base.endswith("e"):
            forms.update((base + "r", base + "st"))
        if base.endswith("y"):
            forms.update((base[:-1] + "ier", base[:-1] + "iest"))
    return frozenset(forms)


def _comparative(tokens: list[Token], index: int) -> bool:
    """Whether the token at ``index`` is a comparative or superlative used as a
    direction (not part of a bound such as "8 or higher", "more than 3 days")."""
    word = tokens[index].text
    if word not in _IRREGULAR_COMPARATIVES and word not in _DEGREE_FORMS:
        return False
    previous = tokens[index - 1].text if index else ""
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if following == "than" or previous in ("or", "and", "no", "at"):
        return False  # a bound: "more than 3", "8 or higher", "no more than", "at most"
    # "the 25 largest customers" is a scope, not a comparison
    return not (previous and _is_numeric(tokens[index - 1]))


_DEGREE_FORMS = _degree_forms(_ADJECTIVE_BASES | _QUALITY_WORDS | _words("friendly lively"))
# Verbs that also begin the name of a measure: "Win rate", "Lead time", "Fill rate".
_COMPOUND_STARTS = _words(
    "win fill lead close build turn open click burn run hit churn cut"
)
# Nouns that name a direction: "Sev-1 response improvements", "cost reduction".
_DIRECTION_NOUNS = _words(
    "improvement enhancement optimisation optimization reduction uplift growth"
)


# -ing words that usually name a function or a thing, not an action.
_NOUN_GERUNDS = _words(
    "learning training marketing planning onboarding engineering accounting billing hiring "
    "pricing shipping manufacturing recruiting reporting operating spending funding building "
    "meeting listening booking processing routing scheduling ticketing messaging consulting "
    "understanding leading closing opening running winning offering earning saving"
)
_SUBJECTS_AND_MODALS = _words(
    "do don't dont not never we i they you will shall should must would can to let's lets"
)
# Verb + particle pairs that state a direction: "deliver on", "follow through".
_PHRASAL = frozenset((("deliver", "on"), ("capitalise", "on"), ("capitalize", "on"),
                      ("build", "on"), ("lean", "into"), ("follow", "through"),
                      ("zero", "in"), ("up", "our")))


_OBJECT_DETERMINERS = _words("the our a an their its my your every all")
# Verbs that name a deliverable, done or not done: not vague, just not yet measured.
_MILESTONE_VERBS = _words(
    "launch ship release hire migrate publish sign open complete finish implement deploy roll "
    "introduce run hold host file submit pass obtain secure certify document write train "
    "replace retire move set define map design test pilot close book send deliver collect pay "
    "reconcile respond answer resolve route flag fix review approve renew onboard schedule "
    "record report publish install inspect audit"
)


def _leading_verb(tokens: list[Token]) -> tuple[int, Token] | None:
    """The statement's first word, past leading adverbs ("Continuously improve")."""
    for index, token in enumerate(tokens):
        if token.text.endswith("ly") and token.text not in ("only", "early"):
            continue
        if token.text in _SUBJECTS_AND_MODALS and index + 1 < len(tokens):
            continue  # "We will be the leading provider": the verb comes later
        return index, token
    return None


def _noun_phrase_head(tokens: list[Token]) -> Token | None:
    """The head of a statement read as a noun phrase: the last word before a
    preposition or clause ("Time to first reply" -> time, "Gross margin" -> margin)."""
    stops = {"to", "of", "per", "in", "on", "for", "from", "with", "by", "at", "as", "across",
             "that", "which", "who", "within", ",", ":", "(", "below", "above", "under",
             "over", "between", "before", "after"}
    head: Token | None = None
    for token in tokens:
        if token.text in stops:
            break
        if not _is_numeric(token):
            head = token
    return head


@dataclass(frozen=True, slots=True)
class VagueReading:
    """Why a statement is vague: the words that decided it, what they do, and the
    numbers that were there but are not targets."""

    words: tuple[str, ...]
    reason: str
    ignored_numbers: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        quoted = ", ".join(f"'{word}'" for word in self.words)
        text = f"{quoted} {self.reason}"
        if self.ignored_numbers:
            notes = ", ".join(f"'{number}' is a {role}" for number, role in self.ignored_numbers)
            text += f" ({notes}, not a target)"
        return text


#: Readings are pure functions of the text: a lint before and after an edit (otp retire) and
#: the rules that read the same statement or metric share them.
@lru_cache(maxsize=1 << 16)
def read_statement(statement: str, *, measured: bool = True) -> VagueReading | None:
    """Why ``statement`` is vague, or ``None`` when it states a result or names a
    measure. ``measured`` says the outcome carries a structured metric, range and
    timeframe, which is what makes a bare measure name acceptable."""
    lowered = " ".join(statement.lower().replace("’", "'").split())
    phrases = [match.group(0) for match in _VAGUE_PHRASE.finditer(lowered)]
    if phrases:  # "as needed", "asap": vague even beside a number
        return VagueReading(tuple(dict.fromkeys(phrases)), "leaves the result to judgement")
    tokens = tokenize(statement)
    if not tokens:
        return VagueReading((statement,), "states nothing")
    numbers = read_numbers(tokens)
    if numbers.targets:
        return None
    ignored = numbers.ignored
    cues = _direction_cues(tokens)
    if cues:
        return VagueReading(cues[0], cues[1], ignored)
    head = _noun_phrase_head(tokens)
    if head is None:
        return None
    measure = head.lemma in MEASURE_HEADS or any(
        token.lemma in MEASURE_HEADS for token in tokens[:1])
    modified = any(token.text in _MEASURE_MODIFIERS for token in tokens)
    if head.lemma in _ASPIRATIONS and not modified and not (
            head.lemma in MEASURE_HEADS and measured and len(tokens) > 1
            and tokens[0].text not in ("customer", "client", "employee", "team", "brand")):
        return VagueReading((head.text,), "names an aspiration, not a measure", ignored)
    if measure and not measured:
        return VagueReading((head.text,), "names a measure but no target; the outcome has no "
                            "structured metric, range and timeframe to supply one", ignored)
    return None


# Directions that read the same stated of a noun phrase: "Costs reduced", "Onboarding
# is simplified". Verbs that are also plain actions (raise, fill, engage) are left out.
_PASSIVE_DIRECTIONS = _words(
    "improve reduce increase streamline optimise optimize simplify minimise minimize maximise "
    "maximize accelerate shorten strengthen enhance boost lower expand grow maintain achieve "
    "rebalance modernise modernize harden tighten elevate deepen broaden widen lift cut "
    "decrease lessen upgrade revamp overhaul revitalise revitalize reinvigorate stabilise "
    "stabilize transform refine sharpen consolidate standardise standardize centralise "
    "centralize rationalise rationalize prioritise prioritize foster cultivate nurture empower "
    "align unify diversify bolster reinforce energise energize mitigate preserve sustain"
)


def _participle_base(word: str) -> str | None:
    """The direction verb a past participle comes from: improved -> improve."""
    if not word.endswith("ed") or len(word) < 5:
        return None
    stem = word[:-2]
    candidates = (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem, stem[:-1])
    for candidate in candidates:
        if candidate in _PASSIVE_DIRECTIONS:
            return candidate
    return None


def _passive_direction(tokens: list[Token]) -> str | None:
    """A direction stated of a noun phrase: "Costs reduced", "Onboarding is simplified"."""
    for index in range(1, len(tokens)):
        word = tokens[index].text
        if tokens[index - 1].text in ("that", "who", "which"):
            continue  # "Accounts that expanded": what happened, counted
        if _participle_base(word) is not None:
            return word
    return None


def _direction_cues(tokens: list[Token]) -> tuple[tuple[str, ...], str] | None:
    leading = _leading_verb(tokens)
    negated = tokens[0].text in _NEGATIONS or (
        len(tokens) > 1 and tokens[0].text in ("do", "don't", "dont") )
    quality = [t.text for i, t in enumerate(tokens) if t.text in _QUALITY_WORDS and not (
        i and tokens[i - 1].text in ("rated", "judged", "scored", "marked", "as", "deemed",
                                     "who", "that", "which"))]
    if any(_is_participle(tokens[j].text) and _is_plural(tokens[j - 1].text)
           for j in range(1, len(tokens))) and (
            leading is None or _verb_lemma(leading[1].text) not in _DIRECTION_VERBS):
        quality = []  # "Proactive outreach emails sent": a kind of thing counted
    if leading is not None and leading[1].text in _COMPOUND_STARTS and leading[0] + 1 < len(
            tokens) and tokens[leading[0] + 1].lemma in MEASURE_HEADS | {"percent"}:
        leading = None  # "Win rate on qualified opportunities": a measure name
    head = _noun_phrase_head(tokens)
    if quality and head is not None and head.lemma in MEASURE_HEADS and (
            leading is None or _verb_lemma(leading[1].text) not in _DIRECTION_VERBS):
        quality = []  # "Perfect order rate": a quality inside the name of a measure
    degrees = [t.text for i, t in enumerate(tokens) if _comparative(tokens, i)]
    aspirations = [t.text for t in tokens if t.lemma in _ASPIRATIONS]
    if leading is not None:
        index, verb = leading
        lemma = _verb_lemma(verb.text) if not verb.text.endswith("s") else verb.text
        if verb.text in _NOUN_GERUNDS:
            lemma = verb.text  # "Learning modules completed": a noun, not a verb
        if lemma.startswith("re-") and _verb_lemma(lemma[3:]) in _DIRECTION_VERBS:
            lemma = _verb_lemma(lemma[3:])  # "re-engage"
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if (lemma, following) in _PHRASAL:
            return (f"{verb.text} {following}",), "is a direction with no target"
        if following in _PARTICLES and lemma in _DIRECTION_VERBS | _PHRASAL_VERBS:
            return (f"{verb.text} {following}",), "is a direction with no target"
        if negated or lemma in ("stop", "avoid", "prevent"):
            words = [tokens[0].text] if tokens[0].text != verb.text else []
            return (*words, verb.text), "is a negated direction with no target"
        if lemma in _DIRECTION_ALONE:
            extra = (quality + degrees)[:1]
            return (verb.text, *extra), "is a direction with no target"
        if lemma == "close" and "gap" in [t.text for t in tokens]:
            return (verb.text, "gap"), "is a direction with no target"
        if lemma in _DIRECTION_VERBS and (quality or degrees or aspirations):
            return (verb.text, *(quality + degrees + aspirations)[:1]), (
                "is a direction with no target")
    passive = _passive_direction(tokens)
    if passive is not None:
        return (passive,), "is a direction with no target"
    if degrees:
        return tuple(degrees[:2]), "compares with nothing: a direction with no target"
    nouns = [t.text for t in tokens if t.lemma in _DIRECTION_NOUNS]
    if nouns and not (head is not None and head.lemma in MEASURE_HEADS and head.lemma not in
                      _DIRECTION_NOUNS):
        return tuple(nouns[:1]), "names a direction with no target"
    if quality:
        return tuple(quality[:2]), "is a quality with nothing to measure it by"
    if leading is not None and _imperative_without_deadline(tokens, *leading):
        return (leading[1].text,), "is an instruction with no target or deadline"
    return None


def _imperative_without_deadline(tokens: list[Token], index: int, verb: Token) -> bool:
    """An instruction to act on something ("Reframe our story") with neither a target nor
    a deadline; milestones ("Launch the new site") are left to the reviewer."""
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if following not in _OBJECT_DETERMINERS or verb.text in _MILESTONE_VERBS:
        return False
    if verb.text in _NOUN_GERUNDS or verb.text.endswith(("ed", "s", "ing")):
        return False
    words = [token.text for token in tokens]
    return not any(word in ("by", "before", "until") and position + 1 < len(words)
                   for position, word in enumerate(words))


_VERB_LEMMAS = {"made": "make", "kept": "keep", "got": "get", "built": "build",
                "grew": "grow", "grown": "grow", "is": "be", "are": "be", "went": "go"}


def _verb_lemma(word: str) -> str:
    if word in _VERB_LEMMAS:
        return _VERB_LEMMAS[word]
    for suffix, replacement in (("ies", "y"), ("es", "e"), ("s", ""), ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) > 4:
            candidate = word[: -len(suffix)] + replacement
            if candidate in _DIRECTION_VERBS:
                return candidate
            if word[:-len(suffix)] in _DIRECTION_VERBS:
                return word[:-len(suffix)]
    return word


def vague_terms(statement: str, *, measured: bool = True) -> list[str]:
    """The words that make ``statement`` vague; empty when it is measurable."""
    reading = read_statement(statement, measured=measured)
    return list(reading.words) if reading else []


# ---------------------------------------------------------------------------
# The metric reading (OTP106)

_IRREGULAR_PARTICIPLES = _words(
    "sent made run held written built taken done read left given shown spent begun drawn seen "
    "met sold told bought brought kept put set found thrown chosen driven spoken known "
    "grown dealt heard meant sought taught undergone fed led struck dug hung stuck spun "
    "rewritten overseen shot"
)
_NOT_PARTICIPLES = _words(
    "need speed feed seed red bed hundred shed bleed breed weed deed embed based need"
)
# Participles that name a result, not an action: counting them counts outcomes.
_RESULT_PARTICIPLES = _words(
    "won paid collected retained renewed converted booked signed accepted reconciled matched "
    "passed captured recovered saved rated judged verified rolled reopened rejected reversed "
    "refunded missed breached failed lost churned cancelled canceled returned backordered "
    "disputed caused realised realized prevented avoided caught upsold expanded recognised "
    "recognized earned acquired activated adopted rescheduled delayed postponed bounced "
    "abandoned escalated influenced attributed "
    "closed-won achieved attained qualified"
)
_RESULT_PREMODIFIERS = _words(
    "qualified accepted approved won paid signed converted renewed retained successful "
    "resolved verified valid billable new"
)
# Words after the participle that qualify the head as a result.
_QUALIFIERS = _words(
    "within before without successfully correctly accurately first on-time same "
    "every all that which who whose ending resulting leading"
)
_QUALIFYING_PARTICIPLES = _RESULT_PARTICIPLES | _words(
    "rated judged"
)
_TIME_UNITS = _words(
    "second minute hour day week month quarter year shift sprint run task conversation "
    "session request call ticket job"
)
# Roles whose effort is counted per head ("dials per SDR"); "per employee" normalises
# a result ("revenue per employee") and is not among them.
_PEOPLE = _words(
    "rep sdr bdr ae agent recruiter picker packer engineer technician analyst csm driver "
    "associate developer marketer seller salesperson representative writer editor coach"
)
# What effort is spent on, per unit: "emails per prospect".
_EFFORT_TARGETS = _words("prospect lead account contact candidate")
# Outreach that is effort even named bare ("Outbound dials"), unless it is demand
# coming in ("Inbound calls").
_EFFORT_ITEMS = _words(
    "dial touch touchpoint follow-up outreach call email inmail voicemail visit meeting demo "
    "walkthrough presentation pitch"
)
_DEMAND_MODIFIERS = _words(
    "inbound incoming customer client user missed failed dropped abandoned repeat escalated "
    "answered returned"
)
# Countable units of work: counting them counts effort unless a qualifier says what
# came of them.
_WORK_ITEMS = _words(
    "call dial email message post meeting demo visit interview touch touchpoint task report "
    "article video episode webinar event session check-in follow-up outreach sequence "
    "proposal quote estimate screen inmail voicemail note comment update review audit "
    "inspection walk training campaign ad creative page document query search request run "
    "job commit deploy deployment story slide pitch appointment invite notification alert "
    "scan survey newsletter blog tweet reply response chat presentation pick delivery pallet "
    "box load dispatch message action activity attempt iteration login trip one-on-one"
)
_TECHNICAL = (
    ("latency",), ("token",), ("tool", "call"), ("step", "per"), ("retry",), ("retries",),
    ("cpu",), ("gpu",), ("uptime",), ("context", "window"), ("memory", "lookup"),
    ("log", "line"), ("api", "call"), ("prompt",), ("query", "run"), ("time", "online"),
    ("compute",), ("memory",), ("disk",), ("ram",), ("bandwidth",), ("function", "call"),
    ("tool", "invocation"), ("tool", "use"), ("llm",), ("inference",), ("embedding",),
    ("model", "call"), ("request", "per", "second"), ("query", "per", "second"),
)
_SHARES = _words("proportion share percentage percent ratio rate fraction")
_EFFORT_TIME = _words(
    "hour minute time"
)
_EFFORT_PARTICIPLES = _words(
    "logged worked spent online active"
)
# Counted things that are themselves results (usually failures), never effort.
_RESULT_NOUNS = _words(
    "error defect incident complaint outage bug mistake injury stockout breach churn "
    "cancellation chargeback escalation win loss sale renewal signup deal saving savings "
    "customer client user subscriber member"
)
_AUXILIARIES = _words(
    "is are was were be been get gets got being"
)
_BOUNDARIES = _words(
    "per in on to for from with without as at within by before after that which who whose "
    "than under over below above between , : ( ; across against into via"
)


def _is_participle(word: str) -> bool:
    if word in _NOT_PARTICIPLES or "-" in word or word.endswith("eed"):
        return False
    return word in _IRREGULAR_PARTICIPLES or word in _RESULT_PARTICIPLES or (
        word.endswith("ed") and len(word) > 4)


@dataclass(frozen=True, slots=True)
class ActivityReading:
    """Why a metric reads as activity: the words that gave it away and what they are."""

    evidence: tuple[str, ...]
    reason: str = "counts effort"

    def describe(self) -> str:
        return ", ".join(f"'{word}'" for word in self.evidence) + f" {self.reason}"


def _has_qualifier(rest: list[Token]) -> bool:
    """Whether the words after the participle qualify the head as a result."""
    for index, token in enumerate(rest):
        word = token.text
        following = rest[index + 1].text if index + 1 < len(rest) else ""
        if word in _QUALIFIERS:
            if word in ("every", "all") and following and _singular(following) in _TIME_UNITS:
                continue  # "each week", "every day": a cadence, not coverage
            return True
        if word in _QUALIFYING_PARTICIPLES or word.endswith("-free"):
            return True  # "rated useful", "delivered damage-free"
        if token.is_number and (word.endswith("%") or following == "or"):
            return True  # "70% or more": a share that met a bar
        if word == "by" and index + 1 < len(rest):
            after = rest[index + 2].text if index + 2 < len(rest) else ""
            if following in _TIME_WORDS or _is_numeric(rest[index + 1]) or (
                    following == "the" and after in _TIME_WORDS | {"due", "time"}):
                return True
        if word == "on" and following in ("time", "schedule", "plan", "or", "the", "first",
                                          "day", "budget", "target"):
            return True
        if word in ("with", "without") and following in ("a", "an", "no", "zero", "full",
                                                        "the", "at", "every"):
            return True
        if word in ("under", "below", "above", "over", "least", "most", "than") and any(
                _is_numeric(t) or t.text in _QUANTITY_WORDS for t in rest[index + 1:index + 3]):
            return True
        if word == "in" and following in ("full", "under", "the") and index + 2 < len(rest) \
                and rest[index + 2].text in ("first", "same", "promised", "agreed", "under"):
            return True
    return False


_TIME_WORDS = _words(
    "end eod eow close noon midnight monday tuesday wednesday thursday friday saturday sunday "
    "deadline business day month quarter week january february march april may june july "
    "august september october november december"
)


@lru_cache(maxsize=1 << 16)
def read_metric(metric: str) -> ActivityReading | None:
    """Evidence that ``metric`` counts activity rather than a business result, or ``None``."""
    tokens = tokenize(metric)
    words = [token.text for token in tokens]
    lemmas = [token.lemma for token in tokens]
    first = 1 if words[:1] == ["the"] else 0
    if lemmas[first:first + 1] and lemmas[first] in _SHARES and (
            words[first + 1:first + 2] == ["of"]):
        return None  # "The proportion of API calls that ...": a share, not a count
    if any(_participle_base(word) for word in words[1:]):
        return None  # "Latency optimised for voice calls": a direction, read by OTP105
    for pattern in _TECHNICAL:
        for start in range(len(lemmas) - len(pattern) + 1):
            if tuple(lemmas[start:start + len(pattern)]) == pattern:
                found = " ".join(words[start:start + len(pattern)])
                return ActivityReading((found,), "is a technical measure of effort, not a "
                                       "business result")
    # The head noun phrase: past a count prefix, up to the first participle or boundary.
    index = 0
    while index < len(tokens) and (
            words[index] in ("#", "number", "no", "count", "total", "avg", "average")
            and ((index + 1 < len(tokens) and words[index + 1] in ("of", "#"))
                 or words[index] in ("#", "total", "avg", "average"))):
        index += 2 if index + 1 < len(tokens) and words[index + 1] == "of" else 1
    counted = index > 0 and words[index - 1] in ("of", "#")
    while index < len(tokens) and tokens[index].is_number:
        index += 1  # "10 customer interviews per month"
    start = index
    while index < len(tokens) and words[index] not in _BOUNDARIES | _AUXILIARIES and not (
            index > start and _is_participle(words[index])):
        if words[index] == "of" and index > start and lemmas[start] in MEASURE_HEADS:
            return None  # "Share of contacts handled ...": a measure
        index += 1
    phrase = tokens[start:index]
    if not phrase or phrase[0].text in _QUANTITY_WORDS:
        return None  # "zero errors": a target, not a count
    if tokens[0].is_number and tokens[0].text.endswith("%"):
        return None  # "99.9% of requests ...": a share
    plurals = [token for token in phrase if _is_plural(token.text)]
    head = plurals[-1] if plurals else phrase[-1]
    if head.lemma in _RESULT_NOUNS or (head.lemma not in _EFFORT_TIME and any(
            token.text in _RESULT_PREMODIFIERS for token in phrase)):
        return None  # "Paid hours logged" is still time logged
    effort_on = head.lemma in _EFFORT_TIME or (_is_plural(head.text)
                                               and head.lemma not in MEASURE_HEADS)
    per_person = _per_person(tokens, index)
    if per_person and effort_on:
        return ActivityReading((head.text, per_person), "counts effort per person")
    if index < len(tokens) and words[index] in _AUXILIARIES:
        return None  # "Systems are monitored": a sentence about the work, not a count
    rest = tokens[index + 1:]
    if index < len(tokens) and _is_participle(words[index]):
        participle = words[index]
        if rest and rest[0].text in ("back", "off", "out") and participle in ("rolled", "written"):
            return None
        countable = _is_plural(head.text) or head.lemma in _EFFORT_TIME
        if participle in _RESULT_PARTICIPLES or not countable:
            return None
        if head.lemma in _EFFORT_TIME and participle not in _EFFORT_PARTICIPLES and (
                "of" not in words[start:index]):
            return None  # "Project hours reconciled" is no effort, "hours of training given" is
        if _has_qualifier(rest):
            return None
        return ActivityReading((head.text, participle), "counts an action on work items with "
                               "no result qualifier")
    following = words[index] if index < len(tokens) else ""
    if following == "per" and effort_on and rest and not _is_participle(rest[0].text):
        unit = _unit(rest)  # "per completed job" normalises by a result: not effort
        if head.lemma in _WORK_ITEMS and (
                unit.lemma in _TIME_UNITS or unit.lemma in _EFFORT_TARGETS):
            return ActivityReading((head.text, f"per {unit.text}"), "counts effort per unit "
                                   "of time" if unit.lemma in _TIME_UNITS else "counts effort "
                                   "per target")
    if head.lemma in _EFFORT_TIME and following in ("on", "in") and rest and (
            _unit(rest).lemma in _WORK_ITEMS):
        return ActivityReading((head.text, following, _unit(rest).text), "counts time spent, "
                               "not what it achieved")
    if index == len(tokens) and head.lemma in _EFFORT_TIME and len(phrase) > 1 and (
            phrase[-2].text.endswith("ing")):
        return ActivityReading((phrase[-2].text, head.text), "counts time spent, not what it "
                               "achieved")
    if counted and head.lemma in _WORK_ITEMS and not _has_qualifier(tokens[index:]):
        return ActivityReading((head.text,), "counts work items with no result qualifier")
    if index == len(tokens) and _bare_outreach(tokens, phrase, head):
        return ActivityReading((head.text,), "counts outreach, not what came of it")
    return None


def _bare_outreach(tokens: list[Token], phrase: list[Token], head: Token) -> bool:
    """A bare count of outgoing effort: "Outbound dials", "Prospect meetings"."""
    return (head is phrase[-1] and head.lemma in _EFFORT_ITEMS and _is_plural(head.text)
            and phrase[0].text not in _DIRECTION_VERBS | _COMPOUND_STARTS
            and not any(_comparative(tokens, i) for i in range(len(phrase)))
            and not any(token.text in _DEMAND_MODIFIERS for token in phrase))


def _unit(rest: list[Token]) -> Token:
    """The noun a "per" or "on" phrase ends on: "per labour hour" -> hour."""
    unit = rest[0]
    for position, token in enumerate(rest):
        if token.text in _BOUNDARIES or token.is_number or (
                position > 0 and _is_participle(token.text)):
            break
        unit = token
    return unit


def _per_person(tokens: list[Token], index: int) -> str | None:
    """The "per <role>" in the phrase ("dials per SDR", "hours on site per technician")."""
    for position in range(index, len(tokens) - 1):
        if tokens[position].text == "per":
            unit = _unit(tokens[position + 1:])
            if unit.lemma in _PEOPLE:
                return f"per {unit.text}"
    return None


def activity_evidence(metric: str) -> ActivityReading | None:
    """Evidence that ``metric`` counts activity rather than a business result, or ``None``."""
    return read_metric(metric)
