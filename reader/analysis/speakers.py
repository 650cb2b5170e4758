"""Attributing quotations to speakers: who said what, and why.

For each quotation the attribution is looked for where news writing puts it,
in this order:

1. right after the closing mark: ``“…,” said Mr Li`` / ``“…,” Mr Li said`` /
   ``“…,” he said`` / ``“…,” according to Reuters``;
2. inside the quotation, between dialogue dashes (Spanish and Italian
   style): ``«… —dijo el ministro—, …»``;
3. before the opening mark in the same sentence: ``Mr Li said: “…”`` /
   ``Smith called the plan “reckless”`` / ``According to Reuters, “…”`` /
   ``“A,” she said, “B.”`` (B's attribution sits between the two); of
   several cues the nearest with a subject wins, so words quoted in reported
   speech belong to the person reported (``Smith said Chen had called it
   “a disaster”`` is Chen's);
4. elsewhere in the sentence (a cue word outside quotations);
5. otherwise the quotation continues an attributed one: the previous
   quotation of the paragraph, a quotation continued over paragraphs, the
   speaker introduced by the previous sentence (``Wheeler said he was
   confident. “…”``) or by a paragraph ending in a colon;
6. or the next sentence names its speaker (``“…” That was the verdict of …``).

Cue words, articles, pronouns and the dropped subjects of Spanish or
Italian verbs are known for English, German, French, Spanish, Italian and
some of Swedish, Finnish, Polish and Hungarian.

The mention found is resolved to a speaker: a named person by the fullest
name the text gives (``Mr Li`` → ``Li Qiang``), a named organisation, a
pronoun by the nearest compatible person outside quotations (a new name in
the paragraph beats a carried-over speaker), a definite description by the
person or organisation it names (``the premier``, ``the ministry``), and a
source described without a name (``a spokeswoman for the ministry``) is kept
as written and marked as described.  Each quotation records the mention and
the cue used, with their offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from . import scan
from .model import (
    DATE,
    ORG,
    PERSON,
    PLACE,
    SPEAKER_DESCRIBED,
    SPEAKER_KINDS,
    SPEAKER_ORG,
    SPEAKER_PERSON,
    Quote,
)
from .patterns import (
    PERSON_CUES,
    SPEECH_VERB_WORDS,
    STOP_CAP,
    TITLE_MODIFIERS,
    TITLES,
    trie_regex,
)
from .quotes import RawQuote

# ------------------------------------------------------------------ cues ---
_EN_CUES = SPEECH_VERB_WORDS | set(
    """tweeted posted wrote writes texted emailed messaged found finds showed shows concluded
    estimated estimates forecast predicted projected testified pleaded begged demanded
    questioned wondered conceded countered acknowledged argued noted warned insisted stressed
    charged accused blasted slammed praised reported explained summarised summarized recalled
    confided whispered yelled screamed exclaimed interjected offered ventured added replied
    chanted chanting sang quoted writing telling describing
    adds says notes warns insists argues stresses explains recalls concedes admits tweets
    writes posts told tells""".split()
)
_EN_MULTI = (
    "pointed out|points out|went on|goes on|quoted as saying|was quoted as saying|"
    "is quoted as saying|said in a statement|told reporters"
)
_DE_CUES = set(
    """sagte sagt sagten erklärte erklärt erklärten betonte betont betonten meinte meint
    warnte warnt kritisierte kritisiert räumte fügte schrieb schreibt teilte twitterte
    behauptete bekräftigte unterstrich ergänzte versicherte forderte sprach antwortete
    berichtete kommentierte nannte nennt bezeichnete bezeichnet sprach spricht klagte
    mahnte lobte verteidigte versprach kündigte sagten erklärten betonten warnten meinten
    forderten kritisierten gesagt erklärt betont gewarnt gefordert angekündigt kritisiert
    bekräftigt""".split()
)
_FR_CUES = set(
    """déclaré dit affirmé ajouté expliqué estimé souligné indiqué assuré précisé lancé martelé
    confié jugé reconnu prévenu averti insisté rappelé regretté dénoncé répondu annoncé écrit
    déclare dit affirme ajoute explique estime souligne indique assure précise lance martèle
    confie juge reconnaît prévient avertit insiste rappelle regrette dénonce répond annonce
    écrit qualifié qualifie dénoncé fustigé salué promis soupirait expliquait disait
    affirmait déclarait lançait confiait racontait estimait ajoutait témoignait raconté
    témoigné soupiré lâché lâche réagi réagit commenté poursuivi tranché souligne appelé
    plaidé""".split()
)
_ES_CUES = set(
    """dijo afirmó aseguró añadió explicó declaró señaló indicó advirtió sostuvo subrayó
    destacó insistió agregó manifestó reconoció apuntó comentó recordó precisó expresó
    respondió escribió reconoció admitió lamentó criticó denunció insistió concluyó calificó
    tildó definió describió defendió despachó aseguraron dijeron afirmaron señalaron
    indicaron explicaron advirtieron añadieron insistieron relató contó contaba apuntó
    apuntaron subrayaron recalcó lamentaron pidió
    dice afirma asegura añade explica declara señala indica advierte
    sostiene subraya destaca insiste agrega""".split()
)
_IT_CUES = set(
    """detto dichiarato aggiunto spiegato affermato sottolineato osservato ricordato raccontato
    replicato ribadito assicurato denunciato
    precisato commentato avvertito annunciato scritto dice dichiara aggiunge spiega afferma
    sottolinea osserva ricorda precisa commenta""".split()
)
# Swedish, Finnish, Polish and Hungarian
_NORTH_EAST_CUES = set(
    """sade sa säger berättar berättade menar skriver skrev konstaterar konstaterade
    understryker tillägger tillade sanoo sanoi kertoo kertoi toteaa totesi lisää lisäsi
    painottaa muistuttaa arvioi powiedział powiedziała powiedzieli mówi dodał dodała
    stwierdził stwierdziła podkreślił podkreśliła zapewnił zapewniła przyznał przyznała
    ocenił oceniła mondta közölte hangsúlyozta tette nyilatkozta fogalmazott mondja""".split()
)
_ALL_CUE_WORDS = _EN_CUES | _DE_CUES | _FR_CUES | _ES_CUES | _IT_CUES | _NORTH_EAST_CUES
# French, Spanish, Italian and German perfect tenses: "a déclaré", "ha detto", "hat gesagt"
CUE = rf"(?:(?:a|ont|avait|ha|han|hanno|aveva)[ ])?(?:{_EN_MULTI}|{trie_regex(_ALL_CUE_WORDS)})"
_CUE_RE = re.compile(rf"(?<![\w-])(?P<cue>{CUE})(?![\w-])")
# "according to X" and its equivalents: the source follows the cue
_PREP_CUES = {
    "en": r"[Aa]ccording[ ]to",
    "de": r"[Ll]aut|[Ss]o|[Nn]ach[ ]Angaben[ ](?:von|des|der)|hieß[ ]es[ ](?:von|aus|bei)",
    "fr": r"[Ss]elon|[Dd]'après|[Dd]’après",
    "es": r"[Ss]egún",
    "it": r"[Ss]econdo",
    "sv": r"[Ee]nligt",
    "pl": r"[Ww]edług",
}
_PREP_ALL = re.compile(rf"(?<![\w-])(?P<cue>{'|'.join(_PREP_CUES.values())})[ ]+")
_PREP_SAFE = re.compile(
    rf"(?<![\w-])(?P<cue>{'|'.join(v for k, v in _PREP_CUES.items() if k != 'de')}|[Ll]aut)[ ]+"
)
_ADVERBS = (
    r"(?:[ ]+(?:\w+ly|also|then|later|once|again|further|previously|separately|earlier|"
    r"has|had|have|would|will|was|is|were|did|herself|himself|themselves|on[ ]\w+day|"
    r"today|yesterday|recently|repeatedly|last[ ]week|last[ ]month|this[ ]week))*"
)
_AUX_TAIL = re.compile(rf"{_ADVERBS}[ ]*\Z")
_ADV_HEAD = re.compile(r"(?:(?:\w+ly|also|then|later|again|further|previously|separately)[ ]+)*")

# ------------------------------------------------------------ mentions ---
_PRONOUNS = {
    "he": "m", "she": "f", "He": "m", "She": "f",
    "er": "m", "Er": "m", "sie": "?", "Sie": "?",
    "il": "m", "Il": "m", "elle": "f", "Elle": "f",
    "él": "m", "Él": "m", "ella": "f", "Ella": "f",
    "lui": "m", "Lui": "m", "lei": "f", "Lei": "f",
}  # fmt: skip
_PLURAL_PRONOUNS = frozenset("they They ils Ils elles Elles ellos Ellos".split())
_IT_PRONOUNS = frozenset(("it", "It"))
_PRONOUN_RE = re.compile(
    r"(?<![\w-])(?:he|she|He|She|they|They|it|It|er|Er|sie|il|Il|elle|Elle|ils|Ils|elles|Elles"
    r"|él|Él|ella|Ella|ellos|Ellos|lui|lei)(?![\w-])"
)
# "a-t-il ajouté", "ajoute-t-elle", "dit-il"
_FR_INVERTED = re.compile(r"(?:a-t-|ont-|-t-|-)(?P<pron>il|elle|ils|elles)\b")

_MALE = frozenset(
    """mr sir lord king prince herr m. m monsieur señor sr. signor spokesman chairman
    congressman businessman father husband son brother grandfather uncle nephew boyfriend
    actor emperor duke baron count sheikh""".split()
)
_FEMALE = frozenset(
    """mrs ms miss dame lady queen princess frau mme madame señora sra. signora spokeswoman
    chairwoman congresswoman businesswoman mother wife daughter sister grandmother aunt niece
    girlfriend actress empress duchess baroness countess sheikha""".split()
)
# heads of noun phrases that describe an unnamed source
_SOURCE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson spokesmen spokespeople official officials source
    sources analyst analysts diplomat diplomats aide aides adviser advisers advisor advisors
    people person resident residents witness witnesses expert experts economist economists
    observer observers insider insiders executive executives lawmaker lawmakers legislator
    legislators officer officers investor investors trader traders banker bankers lawyer
    lawyers attorney attorneys negotiator negotiators member members employee employees
    worker workers staff staffer staffers campaigner campaigners activist activists critic
    critics supporter supporters opponent opponents researcher researchers scientist
    scientists doctor doctors teacher teachers student students parent parents farmer
    farmers voter voters fan fans police prosecutors prosecutor investigators investigator
    authorities organisers organizers colleague colleagues friend friends neighbour
    neighbours neighbor neighbors relative relatives commentator commentators strategist
    strategists survivor survivors victim victims protester protesters protestors
    representative representatives delegate delegates envoy envoys engineer engineers
    pilot pilots soldier soldiers commander commanders mediator mediators minister
    ministers manager managers director directors owner owners shopkeeper shopkeepers
    man woman men women someone somebody one judge magistrate jury coroner inspector
    detective paramedic nurse nurses porter pal pals chef delegation delegations government
    author authors researcher researchers team scientists pundit pundits
    administration embassy campaign camp spokespeople operator operators consultant consultants
    figures figure insiders statement report study survey memo letter filing document
    documents note notice release paper review audit assessment analysis
    sprecher sprecherin regierungssprecher regierungssprecherin abgeordnete abgeordneter
    rentner rentnerin anwohner anwohnerin experten experte expertin beamte beamter insider
    kreise kreisen zeuge zeugin augenzeuge mitarbeiter mitarbeiterin vertreter vertreterin
    porte-parole conseiller conseillère proche proches source sources responsable
    responsables agent agents cadre cadres voyageur voyageuse habitant habitante habitants
    témoin témoins expert experts analyste analystes syndicaliste syndicalistes entourage
    portavoz fuentes fuente aficionado aficionada aficionados miembro miembros vecino vecina
    vecinos experto expertos analista analistas asesor asesora funcionario funcionarios
    portavoce fonti fonte esperto esperti residente residenti funzionario funzionari
    consigliere préfet préfète maire ministre fiscal juez jueza alcalde""".split()
)
_DOC_NOUNS = frozenset(
    """statement report study survey memo letter filing document note notice release paper
    review audit assessment analysis""".split()
)
# definite descriptions that point to an organisation in play
_ORG_NOUNS = frozenset(
    """company firm group bank ministry department agency court commission council committee
    club party union regulator carrier airline retailer lender chipmaker carmaker automaker
    drugmaker watchdog board office authority institute university foundation insurer
    conglomerate broadcaster newspaper network publisher manufacturer exchange fund charity
    team side organisation organization federation association parliament senate cabinet
    label studio festival council kremlin pentagon ministerium regierung unternehmen konzern verband
    gewerkschaft bundesregierung behörde polizei institución ministerio gobierno empresa
    compañía banco sindicato ayuntamiento ministère gouvernement entreprise société groupe
    syndicat banque mairie ministero governo azienda società comune""".split()
)
_ORG_GENERIC = frozenset(
    """company firm group carrier airline retailer lender chipmaker carmaker automaker drugmaker
    insurer conglomerate broadcaster publisher manufacturer giant startup start-up agency
    newspaper paper broadcaster network outlet club team side label studio""".split()
)
_PERSON_ROLES = (
    frozenset(w.lower() for w in TITLES) | PERSON_CUES | {
        "leader", "veteran", "champion", "winner", "incumbent", "challenger", "candidate",
        "frontrunner", "teenager", "youngster", "newcomer", "premier", "boss", "chief",
        "frenchman", "spaniard", "briton", "dutchman", "englishman", "scot", "american",
        "ministro", "ministra", "minister", "ministerin", "ministre", "président",
        "présidente", "presidente", "präsident", "präsidentin", "kanzler", "kanzlerin",
        "bundeskanzler", "bundeskanzlerin", "alcalde", "alcaldesa", "maire", "bürgermeister",
        "bürgermeisterin", "entrenador", "técnico", "trainer", "entraîneur", "allenatore",
        "sindaco", "consejera", "consejero", "ministerpräsident", "ministerpräsidentin",
        "première", "chef", "cheffe", "directeur", "directrice", "director",
        "directora", "direttore", "vorsitzende", "vorsitzender", "chefin", "gouverneur",
        "secrétaire", "secretario", "secretaria", "primer", "capitán", "capitaine", "kapitän",
        "referee", "umpire", "presenter", "host", "pundit", "author", "novelist", "poet",
        "singer", "actor", "actress", "defendant", "witness", "juror", "victim",
    }
)  # fmt: skip
# definite articles: "the" and its equivalents
_DEFINITE = frozenset("the el la los las le les l’ l' der die das den dem des il lo gli i".split())
_INDEFINITE = frozenset("a an un una uno unos unas une ein eine einer einem einen".split())
_DETERMINERS = frozenset(
    """a an the one two three four five six seven eight nine ten several some many few
    other others another various numerous dozens hundreds thousands most all both un una uno
    unos unas une ein eine einer einem einen des mehrere plusieurs varios varias alcuni""".split()
)
_NP_STOP = re.compile(
    r"[,.;:!?(“”\"«»„「」—–]|[ ]-[ ]|\n|(?<![\w-])(?:who|which|that|when|where|while|whose|"
    r"in[ ]a[ ]statement|in[ ]an?[ ](?:interview|email|post|letter|video|speech)|on[ ]condition|"
    r"told|on[ ](?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|and[ ](?:added|said)"
    r"|speaking|adding|saying|after|before|because|as|but|yesterday|today|last|this[ ]week)(?![\w-])"
)
_CLAUSE_BREAK = re.compile(
    r"[,;:(—–]|[ ]-[ ]|(?<![\w-])(?:(?<![A-Z]\w)(?<![A-Z]\w\w)(?<![A-Z]\w\w\w)and(?![ ][A-Z])|but|while|"
    r"whereas|although|though|as|because|after|"
    r"before|when|since|that|which|who|where|so|und|et|y|e|mais|pero|aber|ma)[ ]"
)
_ABBREV_END = re.compile(
    r"(?<![\w])(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof|St|Jr|Sr|Sgt|Capt|Rev|Maj|Adm|M|"
    r"Mme|Hon|Pres|Sra|No|U\.S|U\.N|[A-Z])\.\Z"
)
_SENT_END = re.compile(r"[.!?;]")
_COLON_END = re.compile(r":\s*\Z")
_LEAD_JUNK = re.compile(
    r"(?:[\s,—–-]|and[ ]|but[ ]|while[ ]|as[ ]|so[ ]|with[ ]|y[ ]|et[ ]|und[ ])+"
)
_QUOTED_AS = re.compile(r"\bquoted[ ]+(?P<np>[^“”\"«»]{1,60}?)[ ]+as[ ]+saying\b")


@dataclass(slots=True)
class Attribution:
    speaker: str
    kind: str
    start: int  # the mention's offsets
    end: int
    cue: str | None = None
    cue_start: int = -1
    cue_end: int = -1
    gender: str = "?"


class _Attributor:
    def __init__(self, text, quotes, paras, sentences, entities, registry, language) -> None:
        self.text = text
        self.quotes = quotes
        self.paras = paras
        self.sentences = list(sentences)
        self.sent_starts = [s for s, _ in self.sentences]
        self.registry = registry
        self.language = language
        self.prep_re = _PREP_ALL if language == "de" else _PREP_SAFE
        # a place that speaks stands for its government ("Beijing said"): it
        # is kept beside people and organisations, and speaks as one
        self.ents = [e for e in entities if e[2] == PERSON or e[2] == ORG or e[2] == PLACE]
        self.starts = [e[0] for e in self.ents]
        self.by_end = {e[1]: e for e in self.ents}
        self.by_start = {e[0]: e for e in self.ents}
        self.dates = sorted((s, e) for s, e, lab in entities if lab == DATE)
        self.qspans = [(q.start, q.end) for q in quotes]
        self.qstarts = [q.start for q in quotes]
        self.gender: dict[str, str] = {}
        self.described: list[Attribution] = []  # described sources met so far
        self._described_by_word: dict[str, list[Attribution]] = {}  # ... by their words
        # the attributions made so far, and indexes of them: the latest
        # person's by gender; groups (described sources and organisations)
        # by (start, order)
        self.history: list[Attribution] = []
        self._indexed = self._described_indexed = 0  # how much of them is indexed
        self._found_cache: dict[str, _Found] = {}
        self._names_found: tuple[list[int], list[tuple[int, int, str]]] | None = None
        self._ranges: dict[tuple[str, int, int], list] = {}  # see _in_range
        self._last_person: dict[str, tuple[int, Attribution]] = {}
        self._group_keys: list[tuple[int, int]] = []
        self._groups: list[Attribution] = []
        self._described_keys: list[tuple[int, int]] = []
        self._described_groups: list[Attribution] = []
        # surname (and given name) -> the full name, for names the entity
        # rules missed in one place and found in another
        self.full_names: dict[str, str] = {}
        for s, e, label in self.ents:
            if label == PERSON:
                full = self.canon((s, e, label))
                parts = full.split()
                if len(parts) > 1:
                    self.full_names.setdefault(parts[-1], full)
                    self.full_names.setdefault(parts[0], full)
        # a given name and a surname the entity rules did not take ("Raúl
        # Cifuentes" in a Spanish report): their surname is a name too
        given = _given_names() if language != "en" else ()
        for m in scan.finditer_starting(_GIVEN_SURNAME, _NAME_START, text) if given else ():
            if m.group(1) in given and m.group(1) not in STOP_CAP and m.group(2) not in _NOT_NAMES:
                full = m.group(0)
                self.full_names.setdefault(m.group(2), full)
                self.full_names.setdefault(full, full)
        self.roles: dict[str, set[str]] = {}
        self._learn_people()
        # the first word of an organisation's full name -> the full name, when
        # only one organisation starts with it
        firsts: dict[str, set[str]] = {}
        for s, e, label in self.ents:
            if label == ORG:
                name = text[s:e]
                name = name[4:] if name.startswith(("the ", "The ")) else name
                head, _, rest = name.partition(" ")
                if rest and head[:1].isupper() and head not in _ORG_HEAD_WORDS:
                    firsts.setdefault(head, set()).add(name)
        self.org_names = {head: next(iter(v)) for head, v in firsts.items() if len(v) == 1}

    # -- facts about the people in the text ----------------------------------
    def _learn_people(self) -> None:
        text = self.text
        for s, e, label in self.ents:
            if label != PERSON:
                continue
            name = self.canon((s, e, label))
            before = text[max(0, s - 60) : s]
            cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("“"), before.rfind("”"))
            words = [w.strip(",;:()") for w in before[cut + 1 :].split()[-4:]]
            after = _APPOSITIVE.match(text, e, e + 70) if text[e : e + 1] == "," else None
            role_words = [w.lower().rstrip(".") for w in words]
            if after:
                role_words += [w for w in after.group(1).split()[:5] if w.islower()]
            roles = self.roles.setdefault(name, set())
            for w in role_words:
                if w in _PERSON_ROLES or w in _MALE or w in _FEMALE:
                    roles.add(w)
                elif len(w) > 8 and w.endswith(_ROLE_SUFFIXES):
                    roles.add(w)  # "landesinnenminister" is a minister
            for w in [w.lower() for w in words[-2:]] + role_words:
                w = w.rstrip(".") if w not in ("m.",) else w
                g = "m" if w in _MALE else "f" if w in _FEMALE else None
                if g and self.gender.get(name, g) == g:
                    self.gender[name] = g
        # a given name that is nearly always one gender's ("Marcus", "Anika")
        gaz = _gazetteer()
        for name in {self.canon(e) for e in self.ents if e[2] == PERSON}:
            if name not in self.gender and " " in name:
                first = name.split()[0]
                if first in gaz.male:
                    self.gender[name] = "m"
                elif first in gaz.female:
                    self.gender[name] = "f"

    def canon(self, ent) -> str:
        s, e, label = ent
        if label == PERSON:
            name = self.registry.get(s) or self.text[s:e]
            if " " not in name and hasattr(self, "full_names"):
                name = self.full_names.get(name, name)
            return name
        name = self.text[s:e]
        name = name[4:] if name.startswith(("the ", "The ")) else name
        if " " not in name and hasattr(self, "org_names"):
            # "Corvane" after "Corvane Therapeutics", "Harrowfield" after
            # "Harrowfield District Council"
            name = self.org_names.get(name, name)
        return name

    def from_entity(self, ent) -> Attribution:
        name = self.canon(ent)
        kind = SPEAKER_PERSON if ent[2] == PERSON else SPEAKER_ORG
        return Attribution(name, kind, ent[0], ent[1], gender=self.gender.get(name, "?"))

    def _modifies_noun(self, ent) -> bool:
        """Whether an organisation or place stands before a noun it modifies
        ("the Birmingham manager", "a Siemens spokesman")."""
        if ent[2] == PERSON:
            return False
        m = _NEXT_WORD.match(self.text, ent[1])
        return bool(m) and (m.group(1) in _PERSON_ROLES or m.group(1) in _SOURCE_NOUNS)

    def _whole_place(self, ent, gap: str, limit: int) -> bool:
        """Whether a place is the whole phrase (“…,” said Beijing.), not the
        start of a name the entity rules split ("UK Finance")."""
        if gap.strip():
            return False
        return bool(_PHRASE_END.match(self.text, ent[1], limit) or ent[1] >= limit)

    def remember(self, att: Attribution) -> None:
        """Record an attribution made (in the order of the quotations)."""
        self.history.append(att)
        if att.kind == SPEAKER_DESCRIBED:
            self.described.append(att)

    def _index_history(self) -> None:
        """Bring the indexes of the history up to date (when one is needed)."""
        history = self.history
        for seq in range(self._indexed, len(history)):
            att = history[seq]
            if att.kind == SPEAKER_PERSON:
                self._last_person[att.gender] = (seq, att)
            elif att.kind in (SPEAKER_DESCRIBED, SPEAKER_ORG):
                key = (att.start, seq)
                i = bisect_right(self._group_keys, key)
                self._group_keys.insert(i, key)
                self._groups.insert(i, att)
                if att.kind == SPEAKER_DESCRIBED:
                    i = bisect_right(self._described_keys, key)
                    self._described_keys.insert(i, key)
                    self._described_groups.insert(i, att)
        self._indexed = len(history)
        described = self.described
        for k in range(self._described_indexed, len(described)):
            att = described[k]
            for word in set(att.speaker.lower().split()):
                self._described_by_word.setdefault(word, []).append(att)
        self._described_indexed = len(described)

    def last_person(self, gender: str) -> Attribution | None:
        """The latest person attributed whose gender is compatible."""
        self._index_history()
        best = None
        for known, (seq, att) in self._last_person.items():
            if _compatible(known, gender) and (best is None or seq > best[0]):
                best = (seq, att)
        return best[1] if best else None

    @staticmethod
    def _latest(keys: list[tuple[int, int]], atts: list, lo: int, hi: int):
        """Of the attributions indexed by ``keys`` (start, order), the one
        starting last in ``[lo, hi)``; of several there, the earliest made."""
        i = bisect_left(keys, (hi, -1)) - 1
        if i < 0 or keys[i][0] < lo:
            return None
        return atts[bisect_left(keys, (keys[i][0], -1))]

    # -- positions --------------------------------------------------------
    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.qstarts, pos) - 1
        return i >= 0 and pos < self.qspans[i][1]

    def quote_starts_in(self, a: int, b: int) -> bool:
        """Does a quotation start in ``[a, b)``?"""
        i = bisect_left(self.qstarts, a)
        return i < len(self.qstarts) and self.qstarts[i] < b

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return (pos, pos)

    def sentence_index(self, pos: int) -> int:
        return bisect_right(self.sent_starts, pos) - 1

    def ents_in(self, a: int, b: int, label: str | None = None) -> list:
        out = []
        i = bisect_left(self.starts, a)
        while i < len(self.ents) and self.ents[i][0] < b:
            ent = self.ents[i]
            if ent[1] <= b and (label is None or ent[2] == label) and not self.in_quote(ent[0]):
                out.append(ent)
            i += 1
        return out

    def last_ent(self, a: int, b: int, label: str) -> tuple | None:
        """``ents_in(a, b, label)[-1]``, or None, looking back from ``b``."""
        i = bisect_left(self.starts, b) - 1
        while i >= 0 and self.ents[i][0] >= a:
            ent = self.ents[i]
            if ent[1] <= b and ent[2] == label and not self.in_quote(ent[0]):
                return ent
            i -= 1
        return None

    # -- noun phrases -----------------------------------------------------
    def np_right(self, pos: int, limit: int) -> Attribution | None:
        """The speaker named by the phrase starting at ``pos`` (after an
        inverted cue: ``said Mr Li``, ``said a spokeswoman for the ministry``)."""
        text = self.text
        while pos < limit and text[pos] == " ":
            pos += 1
        m = _PRONOUN_RE.match(text, pos, limit)
        if m and self.is_pronoun(m.group()):
            return self.pronoun_at(m.start(), m.end())
        # an entity after title words only: "said Prime Minister Keir Starmer"
        i = bisect_left(self.starts, pos)
        if i < len(self.ents) and self.ents[i][0] < min(limit, pos + 60):
            ent = self.ents[i]
            gap = text[pos : ent[0]]
            if (
                _title_gap(gap)
                and (ent[2] != PLACE or self._whole_place(ent, gap, limit))
                and not self._modifies_noun(ent)
            ):
                return self.from_entity(ent)
        stop = _NP_STOP.search(text, pos, limit)
        end = stop.start() if stop else limit
        if stop and text[end] == ",":
            # "said the club’s coach, Tom Hale," / "a estimé l’entraîneur, Moussa Sarr"
            j = end + 1
            while j < limit and text[j] == " ":
                j += 1
            ent = self.by_start.get(j)
            if ent is not None and ent[2] == PERSON:
                return self.from_entity(ent)
        if self.language != "en":
            # "dijo la ministra en el Congreso", "explicó Castells a los periodistas"
            prep = _NP_STOP_FOREIGN.search(text, pos + 1, end)
            if prep:
                end = prep.start()
        return self.classify(pos, self._trim_np_end(pos, end))

    def np_left(self, end: int, lo: int) -> Attribution | None:
        """The speaker named by the phrase ending at ``end`` (the subject of a
        cue: ``Mr Li said``, ``Wang Tao, chief economist at UBS, said``)."""
        text = self.text
        seg = text[lo:end]
        m = _AUX_TAIL.search(seg)
        if m:
            end = lo + m.start()
        while end > lo and text[end - 1] == " ":
            end -= 1
        if end > lo and text[end - 1] == ")":
            opening = text.rfind("(", lo, end)
            if opening > lo:
                end = opening
                while end > lo and text[end - 1] == " ":
                    end -= 1
        if end <= lo:
            return None
        m = _RELATIVE.search(text, max(0, end - 60), end)
        if m:
            # "former President Grant Mallory, who wrote on Truth Social …"
            ante = m.start()
            while ante > 0 and text[ante - 1] == " ":
                ante -= 1
            ent = self.by_end.get(ante)
            if ent is not None and ent[2] != PLACE:
                return self.from_entity(ent)
            return None
        m = _LAST_WORD.search(text[max(lo, end - 8) : end])
        if m and self.is_pronoun(m.group(1)):
            return self.pronoun_at(end - len(m.group(1)), end)
        if text[end - 1] == ",":
            # an appositive: "Wang Tao, chief economist at UBS, said" / "Li, 45,
            # said" / "His coach, Darren Cahill, said"
            inner_end = end - 1
            while inner_end > lo and text[inner_end - 1] == " ":
                inner_end -= 1
            comma = text.rfind(",", lo, inner_end)
            while (
                comma > lo and text[comma - 1].isdigit() and text[comma + 1 : comma + 2].isdigit()
            ):
                comma = text.rfind(",", lo, comma)
            if comma < 0:
                return None
            head_end = comma
            while head_end > lo and text[head_end - 1] == " ":
                head_end -= 1
            head = self.classify(self._last_break(lo, head_end), head_end)
            if head is not None and head.kind != SPEAKER_DESCRIBED:
                return head
            second = self.classify(comma + 1, inner_end)
            if second is not None and second.kind == SPEAKER_PERSON:
                ent = self.by_start.get(second.start) or self.by_end.get(second.end)
                if ent is not None and _title_gap(text[comma + 1 : ent[0]]):
                    return second
            return head
        return self.classify(self._last_break(lo, end), end)

    def _last_break(self, lo: int, end: int) -> int:
        """Where the clause ending at ``end`` starts (never inside a name)."""
        start = lo
        for m in _CLAUSE_BREAK.finditer(self.text, lo, end):
            i = bisect_right(self.starts, m.start()) - 1
            if i >= 0 and self.ents[i][0] <= m.start() < self.ents[i][1]:
                continue
            start = m.end()
        return start

    def _trim_np_end(self, start: int, end: int) -> int:
        text = self.text
        # a date at the end of the phrase: "said a spokeswoman on Tuesday"
        # (the dates are sorted: only those starting inside the phrase)
        dates = self.dates
        i = bisect_right(dates, (start, 1 << 62))
        while i < len(dates) and dates[i][0] < end:
            ds, de = dates[i]
            if end <= de + 2:
                end = ds
            i += 1
        while end > start and text[end - 1] in " ,":
            end -= 1
        return end

    def classify(self, start: int, end: int) -> Attribution | None:
        """What a noun phrase ``text[start:end]`` says of the speaker."""
        text = self.text
        m = _LEAD_JUNK.match(text, start, end)
        if m:
            start = m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in " ,’'":
            end -= 1
        if end - start < 2 or end - start > 90:
            return None
        phrase = text[start:end]
        words = phrase.split()
        if len(words) > 12:
            return None
        lower = [w.lower().strip("’'") for w in words]
        if lower[0][:2] in ("l’", "l'") and len(lower[0]) > 2:
            lower = ["the", lower[0][2:], *lower[1:]]  # "l’entraîneur"
            words = [words[0][:2], words[0][2:], *words[1:]]
        if lower[0] in _DEFINITE:
            lower[0] = "the"
        elif lower[0] in _INDEFINITE:
            lower[0] = "a"
        ents = self.ents_in(start, end)
        preps = {"for", "of", "at", "with", "from", "by", "in", "to", "close", "familiar", "on"}
        head_ents = []
        for ent in ents:
            before = text[start : ent[0]].split()
            if not before or not any(w.lower() in preps for w in before):
                head_ents.append(ent)
        # "Siemens spokesman Karl Huber": a person at the end is the head
        persons = [e for e in head_ents if e[2] == PERSON]
        if persons:
            return self.from_entity(persons[-1])
        places = [e for e in head_ents if e[2] == PLACE]
        if places and places[0][0] == start and places[0][1] == end:
            return self.from_entity(places[0])
        ents = [e for e in ents if e[2] != PLACE]
        head_ents = [e for e in head_ents if e[2] != PLACE]
        first = lower[0]
        head_idx = _source_head(lower)
        if head_idx is not None:
            # a description ends where its clause's verb begins: "A second
            # official said investigators had …" is "A second official"
            cut = next(
                (i for i in range(head_idx + 1, len(lower)) if lower[i] in _VERBISH),
                len(lower),
            )
            if cut < len(lower):
                words, lower = words[:cut], lower[:cut]
                end = start + len(" ".join(words))
                phrase = text[start:end]
            head = lower[head_idx]
            if head in _DOC_NOUNS:
                # "a report by the central bank", "a statement from the ministry"
                m = re.search(r"\b(?:by|from|of|issued[ ]by)[ ]+", phrase)
                if m:
                    inner = self.classify(start + m.end(), end)
                    if inner is not None and inner.kind != SPEAKER_DESCRIBED:
                        return inner
                if first != "the" or head_idx > 0:
                    return Attribution(phrase, SPEAKER_DESCRIBED, start, end)
            if first == "the" and head_idx == len(lower) - 1 and head in _PERSON_ROLES:
                found = self.role_person(head, start)
                if found is not None:
                    return found
            if first == "the" and head_idx == len(lower) - 1:
                # "the person said", after "a person with knowledge of …"
                self._index_history()
                for prev in reversed(self._described_by_word.get(head, ())):
                    if prev.start < start:
                        return Attribution(prev.speaker, SPEAKER_DESCRIBED, start, end)
            if (
                first in _DETERMINERS
                or head_idx == 0
                or lower[0].endswith("s")
                or first[:1].isdigit()
            ):
                return Attribution(phrase, SPEAKER_DESCRIBED, start, end)
            if len(words) <= 6:
                return Attribution(phrase, SPEAKER_DESCRIBED, start, end)
        if lower[0] == "a" and len(words) >= 2 and not head_ents:
            # "Eine Pendlerin am Kölner Hauptbahnhof", "un agent d’accueil"
            return Attribution(phrase, SPEAKER_DESCRIBED, start, end)
        orgs = [e for e in head_ents if e[2] == ORG and not self._modifies_noun(e)]
        if orgs:
            return self.from_entity(orgs[0])
        if not ents:
            named = self._name_like(start, end)
            if named is not None:
                return named
            if (
                first == "the"
                and 2 <= len(words) <= 6
                and all(w[:1].isupper() or w in ("of", "and", "for") for w in words[1:])
                # German capitalises every noun: "die Ministerin" is a role
                and not (self.language == "de" and lower[-1] in _PERSON_ROLES | _ORG_NOUNS)
            ):
                if not (len(words) == 2 and words[1].rstrip("’'s") in _demonyms()):
                    # "The White House", "the Kremlin": an organisation by its name
                    return Attribution(
                        " ".join(words[1:]), SPEAKER_ORG, start + len(words[0]) + 1, end
                    )
        if first == "the" and len(words) == 2 and words[1][:1].isupper():
            # "the Nigerian", "the Spaniard": the last person named
            found = self.role_person("", start)
            if found is not None:
                return Attribution(found.speaker, SPEAKER_PERSON, start, end, gender=found.gender)
        if first == "the" and len(lower) <= 5:
            head = lower[-1]
            if head in _ORG_NOUNS:
                found = self.role_org(lower[1:], start)
                if found is not None:
                    return Attribution(found[0], SPEAKER_ORG, start, end)
                return Attribution(phrase, SPEAKER_DESCRIBED, start, end)
            if head in _PERSON_ROLES or re.fullmatch(r"\d+-year-old", head):
                found = self.role_person(head, start)
                if found is not None:
                    return Attribution(
                        found.speaker, SPEAKER_PERSON, start, end, gender=found.gender
                    )
        return None

    def _name_like(self, start: int, end: int) -> Attribution | None:
        """A name the entity rules missed: one to four capitalised words
        ("Rain Newton-Smith"), resolved to a fuller name the text gives."""
        text = self.text
        while start < end and text[start] == " ":
            start += 1
        phrase = text[start:end].strip()
        words = phrase.split()
        if not 1 <= len(words) <= 4 or len(phrase) > 50:
            return None
        for w in words:
            if not (w[:1].isupper() and w.rstrip(".").replace("-", "").replace("’", "").isalpha()):
                return None
            if w in _NOT_NAMES or w.lower() in _PERSON_ROLES or w.lower() in _DETERMINERS:
                return None
        if len(words) == 1 and words[0] not in self.full_names and self.language != "en":
            return None  # every German noun is capitalised
        full = self.full_names.get(words[-1]) or self.full_names.get(words[0])
        name = full if full and len(words) == 1 else phrase
        return Attribution(
            name, SPEAKER_PERSON, start, start + len(phrase), gender=self.gender.get(name, "?")
        )

    def subject_of(self, lo: int, hi: int) -> Attribution | None:
        """The subject of the clause a participle hangs on: "Reeves has
        defended the rises, insisting …" -> the first name of the sentence."""
        ss, _ = self.sentence_of(hi)
        a = min(lo, max(ss, hi - _LOOKBACK)) if ss < hi else lo
        # the phrase before the sentence's first verb: "The national team
        # coach stepped down, saying …"
        verb = _FIRST_VERB.search(self.text, a, hi)
        if verb and verb.start() > a:
            att = self.classify(a, verb.start())
            if att is not None:
                return att
        ents = self.ents_in(a, hi)
        persons = [e for e in ents if e[2] == PERSON]
        # "Analysts at Morgan Stanley were more relaxed, writing …" (but
        # "Prime Minister Mishustin echoed this, highlighting …" is a name)
        m = re.match(r"[\w’'-]+(?:[ ][\w’'-]+){0,2}", self.text[a:hi])
        if m and not (persons and persons[0][0] < a + m.end()):
            words = m.group().split()
            head = _source_head([w.lower() for w in words])
            if head is not None:
                end = a + len(" ".join(words[: head + 1]))
                np_end = end
                if re.match(
                    r"[ ](?:at|for|of|from|with|close|familiar|in)[ ]", self.text[end : end + 12]
                ):
                    stop = _NP_STOP.search(self.text, end, hi)
                    np_end = self._trim_np_end(a, stop.start() if stop else end)
                return Attribution(self.text[a:np_end], SPEAKER_DESCRIBED, a, np_end)
        if persons or ents:
            return self.from_entity((persons or ents)[0])
        return None

    def role_person(self, role: str, before: int) -> Attribution | None:
        """The person a definite description points to: the one person in
        play with that role ("the premier"), else for a generic description
        ("the 22-year-old", "the veteran") the last person named."""
        ents = self.ents_in(max(0, before - 4000), before, PERSON)
        seen: list[str] = []
        seen_set: set[str] = set()
        for ent in reversed(ents):
            name = self.canon(ent)
            if name not in seen_set:
                seen_set.add(name)
                seen.append(name)

        def has(n: str, r: str) -> bool:
            return any(x == r or (len(r) > 4 and x.endswith(r)) for x in self.roles.get(n, ()))

        with_role = [n for n in seen if has(n, role)]
        if len(with_role) >= 1:
            name = with_role[0]
        elif role in ("spokesman", "spokeswoman", "spokesperson", "official", "minister"):
            return None
        elif seen:
            # the subject of the nearest sentence naming someone not known
            # for another role ("the defender said" after "Whitlock was
            # booked, and the referee, Martin Cole, was escorted off")
            name = self._nearest_subject(before, role) or seen[0]
        else:
            return None
        return Attribution(name, SPEAKER_PERSON, before, before, gender=self.gender.get(name, "?"))

    def _nearest_subject(self, before: int, role: str) -> str | None:
        k = self.sentence_index(before - 1) if before > 0 else -1
        for _ in range(6):
            if k < 0:
                return None
            ss, se = self.sentences[k]
            for ent in self.ents_in(max(ss, before - _LOOKBACK), min(se, before), PERSON):
                name = self.canon(ent)
                occupied = self.roles.get(name, set()) & _OCCUPATIONS
                if _prev_word(self.text, ent[0]) not in _PREPS and not (occupied - {role}):
                    return name
            k -= 1
        return None

    def role_org(self, words: list[str], before: int) -> tuple[str] | None:
        head = words[-1]
        ents = self.ents_in(max(0, before - 6000), before, ORG)
        for ent in reversed(ents):
            name = self.canon(ent)
            low = name.lower()
            if head in low.split() or all(w in low for w in words):
                return (name,)
        if head in _ORG_GENERIC and ents:
            # the organisation that is the subject of the nearest sentence
            k = self.sentence_index(before - 1)
            while k >= 0 and self.sentences[k][1] > ents[0][0]:
                ss, se = self.sentences[k]
                inside = [e for e in self.ents_in(ss, min(se, before)) if e[2] != PERSON]
                # the one that speaks ("…, Apple said that") before any other subject
                speaking = [e for e in inside if _CUE_AFTER.match(self.text, e[1])]
                subjects = [e for e in inside if _prev_word(self.text, e[0]) not in _PREPS]
                if speaking or subjects:
                    return (self.canon((speaking or subjects)[-1 if speaking else 0]),)
                k -= 1
            return (self.canon(ents[-1]),)
        return None

    # -- pronouns -----------------------------------------------------------
    def is_pronoun(self, word: str) -> bool:
        """A subject pronoun of English or of the text's language ("il" is
        French, an article in Italian)."""
        return word in _LANG_PRONOUNS["en"] or word in _LANG_PRONOUNS.get(self.language, ())

    def pro_drop(self, cue) -> Attribution | None:
        """The subject a Spanish or Italian cue leaves out ("«…», afirmó en
        rueda de prensa"): a pronoun at the cue, plural for a plural verb."""
        if self.language not in _PRO_DROP:
            return None
        word = cue.group("cue").split()[-1]
        kind = (
            "they" if word.endswith(("aron", "ieron", "eron", "ono", "arono", "ano")) else "pronoun"
        )
        return Attribution("", kind, cue.start(), cue.end())

    def pronoun_at(self, s: int, e: int) -> Attribution | None:
        word = self.text[s:e]
        if word in _PLURAL_PRONOUNS:
            return Attribution("", "they", s, e)
        if word in _IT_PRONOUNS:
            return Attribution("", "it", s, e)
        return Attribution("", "pronoun", s, e, gender=_PRONOUNS.get(word, "?"))

    def resolve_pronoun(self, att: Attribution, q: RawQuote) -> Attribution | None:
        """Resolve a pronoun mention: the nearest compatible person outside
        quotations in the paragraph before it, else the speaker carried over
        from earlier quotations, else a person of the previous paragraph."""
        ps, _pe = self.paras[q.para]
        at = min(att.start, q.start)
        if att.kind == "pronoun":
            found = self.nearest_person(ps, at, att.gender)
            if found is None:
                found = self.last_person(att.gender)
            if found is None and q.para > 0:
                pps, _ = self.paras[q.para - 1]
                found = self.nearest_person(pps, ps, att.gender)
            if found is None:
                return None
            if att.gender in "mf" and found.gender == "?":
                self.gender.setdefault(found.speaker, att.gender)
            return Attribution(
                found.speaker,
                found.kind,
                att.start,
                att.end,
                att.cue,
                att.cue_start,
                att.cue_end,
                found.gender,
            )
        if att.kind == "it":
            org = self.last_ent(max(0, ps - 3000, at - 3000 - _LOOKBACK), at, ORG)
            if org is not None:
                name = self.canon(org)
                return Attribution(
                    name, SPEAKER_ORG, att.start, att.end, att.cue, att.cue_start, att.cue_end
                )
            return None
        # they: the nearest plural source or organisation before the quotation
        found = self.nearest_group(self.paras[max(0, q.para - 1)][0], at)
        if found is None:
            return None
        return Attribution(
            found.speaker, found.kind, att.start, att.end, att.cue, att.cue_start, att.cue_end
        )

    def nearest_group(self, lo: int, hi: int) -> Attribution | None:
        """What "they" stands for: the nearest plural described source (a
        sentence's subject, "European diplomats were unconvinced", or an
        earlier attribution) or organisation before ``hi``."""
        lo = max(lo, hi - _LOOKBACK)
        self._index_history()
        # the candidates: earlier attributions in [lo, hi), then those the
        # sentences give, nearest sentence first; the one starting last wins
        # (of several starting there, the first candidate)
        best = self._latest(self._group_keys, self._groups, lo, hi)
        best_group = self._latest(self._described_keys, self._described_groups, lo, hi)
        k = self.sentence_index(hi - 1) if hi > 0 else -1
        stop = k - _LOOKBACK_SENTENCES
        while k >= 0 and k > stop and self.sentences[k][1] > lo:
            ss, se = self.sentences[k]
            found = []
            subject = self._plural_subject(max(ss, lo), min(se, hi)) if ss >= lo else None
            if subject is not None:
                found.append(subject)
            for ent in self.ents_in(max(ss, lo), min(se, hi), ORG):
                if _prev_word(self.text, ent[0]) not in _PREPS:
                    found.append(self.from_entity(ent))
            for c in found:
                if best is None or c.start > best.start:
                    best = c
                if c.kind == SPEAKER_DESCRIBED and (
                    best_group is None or c.start > best_group.start
                ):
                    best_group = c
            if best is not None and best.start >= ss:
                break
            k -= 1
        # "they" are people; an organisation is more often "it"
        return best_group if best_group is not None else best

    def _plural_subject(self, ss: int, hi: int) -> Attribution | None:
        m = _LEADING_WORDS.match(self.text, ss, hi)
        if not m or self.in_quote(ss):
            return None
        words = m.group().split()
        head = _source_head([w.lower() for w in words])
        if head is None:
            return None
        noun = words[head].lower()
        if not (noun.endswith("s") or noun in ("police", "staff", "people")):
            return None
        end = ss + len(" ".join(words[: head + 1]))
        if _SOURCE_PP.match(self.text, end, end + 14):
            stop = _NP_STOP.search(self.text, end, hi)
            end = self._trim_np_end(ss, stop.start() if stop else end)
        return Attribution(self.text[ss:end], SPEAKER_DESCRIBED, ss, end)

    def nearest_person(self, lo: int, hi: int, gender: str) -> Attribution | None:
        """The person a pronoun at ``hi`` refers to, looking back to ``lo``:
        the sentence of the pronoun first, then each earlier sentence, whose
        subject (a person not after a preposition) is preferred."""
        lo = max(lo, hi - _LOOKBACK)
        k = self.sentence_index(hi - 1) if hi > 0 else -1
        stop = k - _LOOKBACK_SENTENCES
        while k >= 0 and k > stop and self.sentences[k][1] > lo:
            ss, se = self.sentences[k]
            a, b = max(ss, lo), min(se, hi)
            persons = [
                p
                for p in self.ents_in(a, b, PERSON)
                if _compatible(self.gender.get(self.canon(p), "?"), gender)
            ]
            if not persons:
                persons = self._known_names(a, b, gender)
            desc = self._described_subject(a, b)
            if desc is not None and (not persons or desc.start < persons[0][0]):
                return desc  # "One nurse … said …. ‘…,’ she said."
            cands = [(p[0], self.from_entity(p)) for p in persons]
            cands += self._role_mentions(a, b, gender)
            if cands:
                cands.sort(key=lambda c: c[0])
                subjects = [c for c in cands if _prev_word(self.text, c[0]) not in _PREPS]
                if b == hi and b != se:
                    # in the pronoun's own sentence, the nearest one before it
                    return (subjects or cands)[-1][1]
                return (subjects or cands)[0][1]
            k -= 1
        return None

    def _found(self, name: str, pattern: re.Pattern, starts: re.Pattern | None) -> _Found:
        """The matches of ``pattern`` over the whole text (found once)."""
        found = self._found_cache.get(name)
        if found is None:
            text = self.text
            if starts is None:
                matches = scan.finditer(pattern, text)
            else:
                matches = scan.finditer_starting(pattern, starts, text)
            found = self._found_cache[name] = _Found(text, matches, self.in_quote)
        return found

    def _in_range(self, kind: str, a: int, b: int) -> list:
        """What of ``kind`` stands in ``[a, b)`` outside quotations: "cues" and
        "roles" (the matches of _CUE_RE and _ROLE_MENTION), "names" (words
        naming someone the text names in full, as (start, end, full name)).
        Fixed by the text: remembered, as pronoun resolution looks at the
        same sentences for quotation after quotation."""
        if len(self.text) < _INDEXED_RANGE * 16:  # a short text: nothing to gain
            return self._find_in_range(kind, a, b)
        key = (kind, a, b)
        found = self._ranges.get(key)
        if found is None:
            if len(self._ranges) >= 4096:
                self._ranges.clear()
            found = self._ranges[key] = self._find_in_range(kind, a, b)
        return found

    def _find_in_range(self, kind: str, a: int, b: int) -> list:
        text = self.text
        if kind == "names":
            if (
                b - a < _INDEXED_RANGE
                or (a and _NAME_CHAR.match(text, a - 1))
                or (
                    0 < b < len(text)
                    and _NAME_CHAR.match(text, b - 1)
                    and _NAME_CHAR.match(text, b)
                )
            ):
                # a short range, or a word cut by the range: scan the range as it is
                out = []
                for m in _CAPITALISED.finditer(text[a:b]):
                    full = self.full_names.get(m.group())
                    if full and not self.in_quote(a + m.start()):
                        out.append((a + m.start(), a + m.end(), full))
                return out
            # no word crosses a or b: the words of the whole text that name
            # someone, found once, are the range's
            if self._names_found is None:
                starts, hits = [], []
                for m in scan.finditer_starting(_CAPITALISED, _CAPITAL, text):
                    full = self.full_names.get(m.group())
                    if full and not self.in_quote(m.start()):
                        starts.append(m.start())
                        hits.append((m.start(), m.end(), full))
                self._names_found = (starts, hits)
            starts, hits = self._names_found
            return hits[bisect_left(starts, a) : bisect_left(starts, b)]
        pattern = _CUE_RE if kind == "cues" else _ROLE_MENTION
        found = None
        if b - a >= _INDEXED_RANGE:
            starts_re = None if kind == "cues" else _ROLE_MENTION_START
            found = self._found(kind, pattern, starts_re).within(a, b)
        if found is None:  # a short range, or one that cuts a match: scan it
            found = [m for m in pattern.finditer(text, a, b) if not self.in_quote(m.start())]
        return found

    def _role_mentions(self, a: int, b: int, gender: str) -> list:
        """Definite descriptions of a person in play ("the premier", "le
        ministre", "die Ministerin") in ``[a, b)``, as (offset, attribution)."""
        out = []
        for m in self._in_range("roles", a, b):
            found = self.role_person(m.group("role").lower(), m.start())
            if found is not None and _compatible(found.gender, gender):
                found.start, found.end = m.start(), m.end()
                out.append((m.start(), found))
        return out

    def _described_subject(self, a: int, b: int) -> Attribution | None:
        """A singular described source that is the subject of a cue in
        ``[a, b)`` outside quotations ("One nurse, who …, said")."""
        if len(self.text) < _INDEXED_RANGE * 16:  # a short text: the first cues only
            cues = (m for m in _CUE_RE.finditer(self.text, a, b) if not self.in_quote(m.start()))
        else:
            cues = self._in_range("cues", a, b)
        for m in cues:
            att = self.np_left(m.start(), a)
            if att is not None and att.kind == SPEAKER_DESCRIBED:
                head = att.speaker.split()[-1].lower()
                if not head.endswith("s") and head not in ("police", "staff", "people"):
                    return att
            if att is not None:
                return None
        return None

    def _known_names(self, a: int, b: int, gender: str) -> list:
        """Surnames of people named in full elsewhere that the entity rules
        missed here ("Hale, who scored twice, …"), as PERSON spans."""
        return [
            (s, e, PERSON)
            for s, e, full in self._in_range("names", a, b)
            if _compatible(self.gender.get(full, "?"), gender)
        ]

    # -- finding the attribution -------------------------------------------
    def after(self, q: RawQuote, limit: int) -> Attribution | None:
        """``“…,” said Mr Li`` / ``“…,” Mr Li said`` / ``“…,” he said``."""
        text = self.text
        if text[q.end - 2 : q.end - 1] == "." and q.end - q.start > 3:
            return None  # “… the data.” ends its sentence: what follows is another
        j = q.end
        while j < limit and text[j] in " \t,—–-":
            j += 1
        end = self._clause_end(j, limit if limit < j + 161 else j + 161)  # (frames: 160)
        if end <= j:
            return None
        frame = text[j:end]
        if len(frame) > 160:
            end = j + 160
        m = self.prep_re.match(text, j, end)
        if m:
            return self._with_cue(self.np_right(m.end(), end), m, "cue")
        m = _FR_INVERTED.match(text, j, end)
        if m:
            att = self.pronoun_at(m.start("pron"), m.end("pron"))
            return self._with_cue(att, m, "pron")
        m = _ADV_HEAD.match(text, j, end)
        k = m.end() if m else j
        m = _CUE_RE.match(text, k, end)
        if m:
            att = self.np_right(m.end(), end)
            fr = _FR_INVERTED.match(text, m.end(), end)
            if fr:
                att = self.pronoun_at(fr.start("pron"), fr.end("pron"))
            if att is None:
                att = self.pro_drop(m)
            return self._with_cue(att, m, "cue")
        if _CONJUNCTION.match(text, j, end):
            return None  # “…”, though campaigners said it fell short
        for m in _CUE_RE.finditer(text, j, end):
            if self.in_quote(m.start()):
                break
            att = self.np_left(m.start(), j)
            if att is not None:
                return self._with_cue(att, m, "cue")
            break
        return None

    def _clause_end(self, j: int, limit: int) -> int:
        text = self.text
        pos = j
        while True:
            m = _SENT_END.search(text, pos, limit)
            if not m:
                return limit
            if text[m.start()] == "." and _ABBREV_END.search(text, max(0, m.start() - 5), m.end()):
                pos = m.end()
                continue
            return m.start()

    def inciso(self, q: RawQuote) -> Attribution | None:
        """``«Es un día histórico —dijo el ministro—, pero…»``."""
        text = self.text
        for m in re.finditer(r"[—–][ ]?(?=\w)", text[q.start : q.end]):
            a = q.start + m.end()
            close = re.compile(r"[—–]").search(text, a, q.end)
            if not close:
                return None
            cm = _CUE_RE.match(text, a, close.start())
            if cm:
                att = self.np_right(cm.end(), close.start()) or self.pro_drop(cm)
                if att is not None:
                    return self._with_cue(att, cm, "cue")
            for cm in _CUE_RE.finditer(text, a, close.start()):
                att = self.np_left(cm.start(), a)
                if att is not None:
                    return self._with_cue(att, cm, "cue")
        return None

    def before(self, q: RawQuote, lo: int) -> Attribution | None:
        """``Mr Li said: “…”`` / ``Smith called the plan “reckless”`` /
        ``According to Reuters, “…”``."""
        text = self.text
        if q.start - lo > 400:
            lo = q.start - 400
        m = _QUOTED_AS.search(text, lo, q.start)
        if m:
            att = self.classify(m.start("np"), m.end("np"))
            if att is not None:
                return self._with_cue(att, m, None)
        cues = [m for m in _CUE_RE.finditer(text, lo, q.start) if not self.in_quote(m.start())]
        last = cues[-1] if cues else None
        prep = None
        for m in self.prep_re.finditer(text, lo, q.start):
            if not self.in_quote(m.start()):
                prep = m
        if prep is not None and (last is None or prep.start() > last.start()):
            stop = _NP_STOP.search(text, prep.end(), q.start)
            end = stop.start() if stop else q.start
            att = self.np_right(prep.end(), end)
            if att is not None:
                return self._with_cue(att, prep, "cue")
        # the nearest cue with a subject: words quoted in reported speech
        # belong to the person reported ("Smith said that Chen had called
        # the plan “a disaster”" is Chen's); "X said …, but called it ‘…’"
        # has no subject for "called" and goes back to "said"
        for cue in cues[::-1]:
            att = self.np_left(cue.start(), lo)
            if att is None and cue is last:
                tail = text[cue.end() : q.start]
                if re.fullmatch(r"[^,.;:“”\"]{2,60}[,:]\s*", tail):
                    att = self.np_right(cue.end(), q.start)
            if att is None and cue.group("cue").endswith("ing"):
                if self.sentence_of(lo)[0] < lo:
                    return None  # “…,” adding: “…” continues the quotation before
                att = self.subject_of(lo, cue.start())
            if att is not None:
                return self._with_cue(att, cue, "cue")
        if prep is not None:
            stop = _NP_STOP.search(text, prep.end(), q.start)
            att = self.np_right(prep.end(), stop.start() if stop else q.start)
            if att is not None:
                return self._with_cue(att, prep, "cue")
        colon = _COLON_END.search(text, lo, q.start)
        if colon:
            # the subject of the introducing clause: "Un portavoz del Partido
            # Popular, en cambio, lo despachó con una frase: «…»"
            first_break = _SUBJECT_END.search(text, lo, colon.start())
            att = self.classify(lo, first_break.start() if first_break else colon.start())
            if att is None:
                ents = [e for e in self.ents_in(lo, q.start) if e[2] != PLACE]
                att = self.from_entity(ents[0]) if ents else None
            if att is not None:
                att.cue, att.cue_start, att.cue_end = ":", colon.start(), colon.start() + 1
                return att
        return None

    def later_in_sentence(self, q: RawQuote, hi: int) -> Attribution | None:
        """A cue after the quotation further on in its sentence."""
        for m in _CUE_RE.finditer(self.text, q.end, min(hi, q.end + _LOOKBACK)):
            if self.in_quote(m.start()):
                continue
            att = self.np_left(m.start(), q.end) or self.np_right(m.end(), hi)
            if att is not None:
                return self._with_cue(att, m, "cue")
            return None
        return None

    def sentence_speaker(self, ss: int, se: int) -> Attribution | None:
        """The speaker a sentence without quotations introduces: ``Wheeler
        said he was confident.``"""
        for m in _CUE_RE.finditer(self.text, ss, min(se, ss + _LOOKBACK)):
            if self.in_quote(m.start()):
                return None
            att = self.np_left(m.start(), ss)
            if att is not None:
                return self._with_cue(att, m, "cue")
            return None
        return None

    def named_next(self, q: RawQuote, pe: int) -> Attribution | None:
        """“…” That was the verdict of Jane Roe, … — a speaker named by the
        sentence right after the quotation."""
        m = _NAMED_NEXT.match(self.text, q.end, pe)
        if not m:
            return None
        stop = _NP_STOP.search(self.text, m.end(), pe)
        att = self.np_right(m.end(), stop.start() if stop else pe)
        return self._with_cue(att, m, "cue") if att is not None else None

    @staticmethod
    def _with_cue(att: Attribution | None, m, group: str | None) -> Attribution | None:
        if att is None:
            return None
        g = group or 0
        att.cue = m.group(g)
        att.cue_start, att.cue_end = m.start(g), m.end(g)
        return att


_NOT_NAMES = frozenset(
    """The A An This That These Those It Its He She His Her They Their We Our I You But And Or
    So If When While As In On At For From To By With After Before During Since Until Asked
    Speaking Meanwhile However Also Still Then There Here Now Yesterday Today Mr Mrs Ms Dr
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Un Una Uno Une Ein Eine Einer El
    La Los Las Le Les Der Die Das Den Dem Il Lo Gli""".split()
)
_ROLE_MENTION_START = re.compile(
    rf"(?<![\w-])(?:{'|'.join(sorted(_DEFINITE, key=len, reverse=True))})[ ]", re.IGNORECASE
)
_ROLE_MENTION = re.compile(
    rf"(?<![\w-])(?:{'|'.join(sorted(_DEFINITE, key=len, reverse=True))})[ ](?:[\w-]+[ ])?"
    rf"(?P<role>{trie_regex(_PERSON_ROLES | {w.capitalize() for w in _PERSON_ROLES})})(?![\w-])",
    re.IGNORECASE,
)
_CONJUNCTION = re.compile(
    r"(?:though|although|while|whereas|but|and|as|because|since|after|before|when|if|unless|"
    r"aunque|pero|mientras|mais|alors|tandis|obwohl|aber|während|ma|mentre)[ ,]"
)
_FIRST_VERB = re.compile(
    r"(?<=[ ])(?:[a-z]{2,}ed|had|has|have|was|is|were|are|will|would|did|made|took|gave|went|"
    r"came|got|left|kept|hat|ist|war|est|était|fue|era)(?=[ ,.;])"
)
_APPOSITIVE = re.compile(r",[ ](?:(?:a|an|the)[ ])?([^,.;“”\"]{2,60})")
_RELATIVE = re.compile(
    r",[ ](?:who|which|que|qui|der|die|das)(?:[ ]+(?:also|later|then|has|had))?\Z"
)
_LEADING_WORDS = re.compile(r"[\w’'-]+(?:[ ][\w’'-]+){0,3}")
# first words of organisations' names that name no one organisation
_ORG_HEAD_WORDS = frozenset(
    """Bank Ministry Department University Institute National Federal Royal European World
    International United General Central State Supreme High New Democratic Republican
    Labour Conservative Liberal People’s People's Council Committee Office Board""".split()
)
_NEXT_WORD = re.compile(r"[ ]+([a-zà-ÿ][\w-]*)")
_PHRASE_END = re.compile(r"[ ]*(?:[,.;:!?)]|\Z)")
_NAMED_NEXT = re.compile(
    r"\s+(?P<cue>(?:That|This|Such)[ ](?:was|is|were|has[ ]been)[ ](?:the[ ])?(?:\w+[ ]){0,2}?"
    r"(?:verdict|view|message|assessment|warning|reaction|response|word|words|argument|claim|"
    r"prediction|conclusion|advice|plea|promise|pledge|complaint)[ ](?:of|from)"
    r"|(?:That|This)[ ](?:is|was)[ ]how|So[ ](?:says|said))[ ]"
)
_ROLE_SUFFIXES = (
    "minister", "ministerin", "sprecher", "sprecherin", "präsident", "präsidentin",
    "kanzler", "kanzlerin", "chef", "chefin", "direktor", "direktorin", "anwalt", "anwältin",
    "richter", "richterin", "forscher", "forscherin", "trainer", "trainerin",
)  # fmt: skip
_NP_STOP_FOREIGN = re.compile(
    r"[ ](?:en|a|al|ante|tras|durante|sur|dans|devant|après|à|au|aux|lors|im|am|vor|nach|bei|"
    r"auf|gegenüber|nel|nella|alla|ai|davanti|dopo)(?=[ ])"
)
_SUBJECT_END = re.compile(r",")
_CUE_AFTER = re.compile(rf"[’']?s?{_ADVERBS}[ ]+{CUE}(?![\w-])")
_VERBISH = _ALL_CUE_WORDS | frozenset(
    "had has have was is were are will would could can may might did does do".split()
)
_SOURCE_PP = re.compile(
    r"[ ](?:at|for|of|from|with|close|familiar|in|briefed|on|de|del|des|du|di|della|von|vom|"
    r"der|des|am|im)[ ]"
)
_LANG_PRONOUNS = {
    "en": frozenset("he she He She they They it It".split()),
    "de": frozenset("er Er sie".split()),
    "fr": frozenset("il Il elle Elle ils Ils elles Elles".split()),
    "es": frozenset("él Él ella Ella ellos Ellos".split()),
    "it": frozenset("lui lei".split()),
}
_PRO_DROP = frozenset(("es", "it", "pt", "pl", "hu", "fi"))
# roles that tell one person from another ("the referee" is not "the defender")
_OCCUPATIONS = frozenset(
    """referee umpire judge coach manager minister president premier chancellor governor
    mayor senator prosecutor lawyer chairman chairwoman spokesman spokeswoman director
    economist analyst professor""".split()
)
_PREPS = frozenset(
    "to with by from for of against over and than about at on in like after before met".split()
)


def _prev_word(text: str, pos: int) -> str:
    seg = text[max(0, pos - 20) : pos].split()
    return seg[-1].lower() if seg else ""


def _compatible(known: str, wanted: str) -> bool:
    return known == "?" or wanted == "?" or known == wanted


def _title_gap(gap: str) -> bool:
    """Whether the words before an entity are only titles: "Prime Minister",
    "Sen.", "the French president"."""
    if not gap.strip():
        return True
    if len(gap) > 50:
        return False
    for w in gap.split():
        w2 = w.rstrip(".,")
        if w2 in TITLES or w2 in TITLE_MODIFIERS or w2.lower() in PERSON_CUES:
            continue
        if (
            w2 in ("the", "The", "former", "then", "of", "and", "a", "an")
            or w2.lower() in _DEFINITE
        ):
            continue
        if w2[:1].isupper():
            continue
        return False
    return True


# How far back in a paragraph pronouns, groups ("they") and carried speakers
# are looked for: at most ``_LOOKBACK`` characters and ``_LOOKBACK_SENTENCES``
# sentences -- more than a paragraph of news holds, so that a pathological
# one (a megabyte of “…,” she said.) costs time linear in its length, not
# quadratic.
_LOOKBACK = 3000
_LOOKBACK_SENTENCES = 12
# ranges from this length on are searched for cues, role mentions and names
# in indexes of the whole text's (built once) instead of being scanned
_INDEXED_RANGE = 1000

# a capitalised word ("Hale", "O’Neill"), where one can start, and its characters
_LAST_WORD = re.compile(r"(?<![\w-])(\w+)\Z")
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-ÝĀ-Ž][\w’'-]+")
_CAPITAL = re.compile(r"(?<![\w-])[A-ZÀ-ÝĀ-Ž]")
_NAME_CHAR = re.compile(r"[\w’'-]")
_WORD_CHAR = re.compile(r"[\w-]")


class _Found:
    """The matches of a pattern over the whole text, found once: the matches
    in a range are then found by bisection instead of a scan of the range
    (pronoun resolution looks at the same sentences for many quotations)."""

    __slots__ = ("text", "starts", "ends", "matches", "outside")

    def __init__(self, text: str, matches, in_quote) -> None:
        self.text = text
        self.matches = list(matches)
        self.starts = [m.start() for m in self.matches]
        self.ends = [m.end() for m in self.matches]
        self.outside = [not in_quote(s) for s in self.starts]

    def within(self, a: int, b: int) -> list | None:
        r"""``pattern.finditer(text, a, b)`` without the matches that start in a
        quotation -- or None when a match of the whole text crosses ``a`` or
        ``b``, or one could end at ``b`` only because the range ends there
        (the patterns end in ``(?![\w-])``): then the range must be scanned."""
        starts, ends = self.starts, self.ends
        i = bisect_left(starts, a)
        if i and ends[i - 1] > a:
            return None
        j = bisect_left(starts, b)
        if j and ends[j - 1] > b:
            return None
        if _WORD_CHAR.match(self.text, b):
            return None
        return [self.matches[k] for k in range(i, j) if self.outside[k]]


_GIVEN_SURNAME = re.compile(r"(?<![\w-])([A-ZÀ-Ý][a-zà-ÿ]+)[ ]([A-ZÀ-Ý][\w’'-]+)(?![\w-]|[ ][A-Z])")
_NAME_START = re.compile(r"(?<![\w-])[A-ZÀ-Ý]")  # where a _GIVEN_SURNAME match can start


def _gazetteer():
    from . import gazetteer

    return gazetteer.get()


def _given_names() -> frozenset[str]:
    return _gazetteer().given


def _demonyms() -> frozenset[str]:
    from . import gazetteer

    return gazetteer.get().demonyms


def _source_head(lower: list[str]) -> int | None:
    """Index of the source noun heading a phrase ("two senior officials
    familiar with the talks" -> 2), before any preposition."""
    for i, w in enumerate(lower):
        if w in ("for", "of", "at", "with", "from", "by", "in", "close", "familiar", "on", "who"):
            return None
        if w in _SOURCE_NOUNS:
            return i
    return None


def attribute(
    text, raws: list[RawQuote], paras, sentences, entities, registry, language: str = "en"
) -> list[Quote]:
    if not raws:
        return []
    at = _Attributor(text, raws, paras, sentences, entities, registry, language)
    found: list[Attribution | None] = []
    for idx, q in enumerate(raws):
        ps, pe = paras[q.para]
        ss, se = at.sentence_of(q.start)
        nxt = raws[idx + 1].start if idx + 1 < len(raws) and raws[idx + 1].para == q.para else pe
        prev_end = raws[idx - 1].end if idx and raws[idx - 1].para == q.para else ps
        lo = max(ps, min(ss, q.start), prev_end if prev_end <= q.start else ps)
        att = None
        if q.closed:
            att = at.after(q, min(pe, nxt))
        if att is None:
            att = at.inciso(q)
        if att is None:
            att = at.before(q, lo)
        if att is None and q.closed:
            _, qse = at.sentence_of(max(q.start, q.end - 1))
            att = at.later_in_sentence(q, min(max(se, qse), nxt))
        if att is not None and att.kind in ("pronoun", "it", "they"):
            att = at.resolve_pronoun(att, q)
        if att is None and idx and found[idx - 1] is not None and raws[idx - 1].para == q.para:
            if at.sentence_of(raws[idx - 1].start)[0] == ss:
                att = found[idx - 1]  # X called it “A” and said it was “B”
        if att is None and not text[lo : q.start].strip():
            att = _carried(at, raws, idx, found, q, ps, ss)
        if att is None and q.closed:
            att = at.named_next(q, pe)
        found.append(att)
        if att is not None:
            at.remember(att)
    # a quotation continued over paragraphs has one speaker
    chain: dict[int, Attribution] = {}
    for q, att in zip(raws, found, strict=True):
        if att is not None and q.chain not in chain:
            chain[q.chain] = att
    out = []
    for q, att in zip(raws, found, strict=True):
        if att is None:
            att = chain.get(q.chain)
        if att is None or att.kind not in SPEAKER_KINDS or not att.speaker:
            out.append(Quote(q.start, q.end, text[q.start : q.end]))  # no one, or unresolved
            continue
        out.append(
            Quote(
                q.start,
                q.end,
                text[q.start : q.end],
                att.speaker,
                att.kind,
                att.start,
                att.end,
                att.cue,
                att.cue_start,
                att.cue_end,
            )
        )
    return out


def _carried(at: _Attributor, raws, idx: int, found, q: RawQuote, ps: int, ss: int):
    """The speaker of a quotation that has no attribution of its own and
    opens its sentence: the paragraph's previous quotation, else the speaker
    introduced by an earlier sentence of the paragraph, else a previous
    paragraph ending in a colon."""
    if idx and raws[idx - 1].para == q.para and found[idx - 1] is not None:
        return found[idx - 1]
    k = at.sentence_index(ss - 1) if ss > ps else -1
    stop = k - _LOOKBACK_SENTENCES
    floor = max(ps, ss - _LOOKBACK)
    while k >= 0 and k > stop and at.sentences[k][0] >= floor:
        s0, s1 = at.sentences[k]
        if not at.quote_starts_in(s0, s1):
            att = at.sentence_speaker(s0, s1)
            if att is not None:
                if att.kind in ("pronoun", "it", "they"):
                    att = at.resolve_pronoun(att, q)
                return att
        k -= 1
    pe = at.paras[q.para][1]
    alone = q.start == ps and not at.text[q.end : pe].strip()
    if alone and q.para > 0 and idx and raws[idx - 1].para == q.para - 1 and found[idx - 1]:
        return found[idx - 1]  # a paragraph that is one quotation goes on from the last speaker
    if q.start == ps and q.para > 0 and q.chain >= 0:
        pps, ppe = at.paras[q.para - 1]
        if at.text[pps:ppe].rstrip().endswith(":"):
            att = at.sentence_speaker(*at.sentence_of(ppe - 1))
            if att is not None and att.kind in ("pronoun", "it", "they"):
                att = at.resolve_pronoun(att, q)
            return att
    return None
