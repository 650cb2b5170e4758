"""Regular expressions and word lists shared by the entity and speaker rules."""

from __future__ import annotations

import re

# --------------------------------------------------------------- numbers ---
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNITS_W = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred"
)
_NUMW = rf"(?i:(?:{_UNITS_W})(?:[- ](?:{_UNITS_W}))?|a few|several|a couple of|dozens of|hundreds of|thousands of)"
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|mln|m|k|tn|trn|b)"
_NUMBER = rf"(?:{_NUM}(?:[ ]?{_SCALE}\b)?|{_NUMW}(?:[ ](?:thousand|million|billion|trillion))?)"
_CURSYM = r"(?:US\$|A\$|C\$|HK\$|S\$|NZ\$|R\$|[$£€¥₹₽₩])"
_CURCODE = r"(?:USD|EUR|GBP|CNY|RMB|JPY|RUB|INR|CHF|AUD|CAD|HKD)"
_CURWORD = (
    r"(?:(?:US |U\.S\. |Hong Kong |Canadian |Australian |Singapore |New Zealand )?dollars?|euros?|"
    r"pounds? sterling|pounds|yuan|renminbi|rubles?|roubles?|yen|rupees?|pesos?|francs?|"
    r"dinars?|rand|lira|shekels?|ringgit|baht|dirhams?|riyals?|reais|pence|cents?|won|"
    rf"hryvnias?|zloty|krona|kronor|kroner|{_CURCODE})"
)
_MONEY = (
    rf"{_CURSYM}[ ]?{_NUM}(?:[ ]?{_SCALE}\b)?"
    rf"|{_CURCODE}[ ]?{_NUM}(?:[ ]?{_SCALE}\b)?"
    rf"|{_NUMBER}[ ]{_CURWORD}\b"
    rf"|\d{{1,3}}(?:\.\d)?p(?=[ ](?:a|per|each|an)\b)"
)
_PERCENT = rf"(?:{_NUM}|{_NUMW})[ ]?(?:%|(?i:per[ ]?cent|percent|percentage points?)\b)"
_UNIT = (
    r"(?:km|kilomet(?:re|er)s?|(?:milli|centi)met(?:re|er)s?|miles?|metres?|meters?|cm|mm|kg|kilo(?:gram)?s?|grams?|tonnes?|"
    r"tons?|lbs?|barrels?|bpd|litres?|liters?|gallons?|square (?:kilomet(?:re|er)s|miles|"
    r"met(?:re|er)s|feet)|sq km|acres?|hectares?|feet|foot|ft|inches|inch|"
    r"degrees(?: Celsius| Fahrenheit)?|°[CF]|megawatts?|gigawatts?|MW|GW|kW|kWh|GWh|TWh|mph|"
    r"km/h|knots|bcm|cubic met(?:re|er)s|nautical miles)"
)
_QUANTITY = rf"{_NUMBER}[ -]?{_UNIT}(?![\w])|\d{{1,2}}(?:\.\d)?C(?![\w])"

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH_NOMAY = (
    r"(?:January|February|March|April|June|July|August|September|October|November|December)"
)
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_ORDW = r"(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
_YEAR = r"(?:1[5-9]|20)\d{2}"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PERIOD = r"(?:year|month|week|weekend|decade|century|quarter|spring|summer|autumn|fall|winter|season|term)"
_PERIOD_NOTERM = (
    r"(?:year|month|week|weekend|decade|century|quarter|spring|summer|autumn|fall|winter|season)"
)
_DATE = (
    rf"(?:{_WEEKDAY},?[ ])?{_MONTH_ANY}[ ]{_DAY}\b(?:,?[ ]{_YEAR}\b)?"
    rf"|(?:{_WEEKDAY},?[ ])?(?:the[ ])?{_DAY}[ ](?:of[ ])?{_MONTH_FULL}(?:,?[ ]{_YEAR}\b)?"
    rf"|(?i:early|mid|late)[- ]{_MONTH_FULL}(?:[ ]{_YEAR})?"
    rf"|{_MONTH_NOMAY}(?:,?[ ]{_YEAR}\b)?|May,?[ ]{_YEAR}\b"
    rf"|(?i:(?:the[ ])?(?:first|second|third|fourth|final|last|past|next|previous|coming|latest)"
    rf"[ ](?:(?:{_UNITS_W}|few|couple of|\d+)[ ])?(?:{_PERIOD_NOTERM}s?|half(?=[ ]of[ ]))"
    rf"(?:[ ]of[ ](?:this|last|next|the)[ ]year|[ ]of[ ]{_YEAR})?)"
    rf"|(?:{_NUM}|{_NUMW}|\d+(?:st|nd|rd|th)|{_ORDW})[ ](?:straight|consecutive|successive)[ ]"
    rf"(?:{_PERIOD}|day|night)s?"
    rf"|(?:{_NUM}|{_NUMW})[ ](?i:hours?|minutes?|seconds?)(?:[ ]and[ ]{_NUM}[ ]minutes)?"
    rf"|(?:[01]?\d[.:][0-5]\d|[01]?\d)[ ]?(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
    rf"|(?:(?<=\bfor[ ])|(?<=\bwithin[ ])|(?<=\bover[ ])|(?<=\bthan[ ]))a[ ]"
    rf"(?:year|month|week|decade|fortnight)"
    rf"|(?i:the[ ]weekend)"
    rf"|(?i:(?:last|this|next|coming|previous|same|that)[ ](?:{_PERIOD}))"
    rf"|(?i:last|this|next)[ ](?:{_WEEKDAY}|{_MONTH_FULL})"
    rf"|(?:{_NUM}|{_NUMW})[ -](?i:years?|months?|weeks?|days?|decades?|centuries)"
    rf"(?i:[ -]old|[ ]ago|[ ]later|[ ]earlier)?"
    rf"|{_WEEKDAY}(?:[ ](?:morning|afternoon|evening))?"
    rf"|(?i:yesterday|tomorrow|today)"
    rf"|(?:the[ ])?(?:early[ ]|mid-|late[ ])?(?:(?:1[5-9]|20)\d0s|'\d0s)"
    rf"|(?:(?:Q[1-4]|H[12])[ ])?(?:fiscal[ ]|FY[ ]?)?{_YEAR}(?:[-–/]\d{{2,4}})?"
)
NUMERIC_RE = re.compile(
    rf"(?<![\w$£€¥₹₽.,-])(?:(?P<MONEY>{_MONEY})|(?P<PERCENT>{_PERCENT})|(?P<QUANTITY>{_QUANTITY})"
    rf"|(?P<DATE>{_DATE}))(?![\w%]|[.,]\d)"
)


def trie_regex(words) -> str:
    """A regex alternation of ``words`` factored by common prefixes (the
    ``re`` module tries plain alternatives one by one, which is slow)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return build(trie)


_TRIGGER_WORDS = (
    f"{_CURCODE[3:-1]}|{_UNITS_W}|January|February|March|April|May|June|July|August|September|"
    "October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Monday|Tuesday|"
    "Wednesday|Thursday|Friday|Saturday|Sunday|last|this|next|past|coming|previous|same|that|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "final|latest|early|mid|late|yesterday|tomorrow|today|fiscal|a|"
    "several|dozens|hundreds|thousands|half|the|US$|HK$|NZ$|A$|C$|S$|R$"
).split("|")
_GUARDED = {"the", "a", "that", "this"}  # frequent words: triggers only before a date word
_TRIGGER_ALL = {w for w in _TRIGGER_WORDS if w not in _GUARDED}
_TRIGGER_ALL |= {w[0].upper() + w[1:] for w in _TRIGGER_ALL}
_GUARDED_RE = (
    r"(?i:the)[ ](?=[\d']|(?i:first|second|third|fourth|final|last|past|next|previous|coming|"
    r"latest|weekend|early|mid|late)\b)"
    r"|(?i:a)[ ](?=(?i:few|couple|year|month|week|decade|fortnight)\b)"
    rf"|(?i:that|this)[ ](?=(?i:{_PERIOD}|{_WEEKDAY}|{_MONTH_FULL})\b)"
)
# Every numeric entity starts at one of these: scanning for them first and
# trying NUMERIC_RE only there is several times faster than NUMERIC_RE.finditer.
NUMERIC_TRIGGER_RE = re.compile(
    rf"(?<![\w$£€¥₹₽.,-])(?:[\d$£€¥₹₽₩']|{trie_regex(_TRIGGER_ALL)}\b|{_GUARDED_RE})"
)

# -------------------------------------------------------- capitalised chunks ---
_ABBR_TITLE = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|St|Jr|Sr|Mt|Ft)\."
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(
    chr(c) for c in range(0x100, 0x250) if chr(c).isupper()
)
CAPWORD = (
    rf"(?:{_ABBR_TITLE}|[A-Z]\.(?=[ ][A-Z])|[A-Z](?:\.[A-Z])+\.?"
    r"|(?:al|el|ul|bin|ibn|de|di|da|van|von|le|la|du|des)-[A-Z][\w]*"
    rf"|[{_UPPER}][\w]*(?:['’][A-Z][\w]+)?(?:-[\w]+)*)"
)
CONNECTORS = frozenset(
    "of for the upon de du da do dos das del della di la le van von der den ter bin ibn al el y &".split()
)
BREAKING_CONNECTORS = frozenset(("of", "for", "the", "upon"))
_CONN = r"(?:of|for|the|upon|de|du|da|do|dos|das|del|della|di|la|le|van|von|der|den|ter|bin|ibn|al|el|y|and|&)"
# a run of capitalised words (with connectors); at most MAX_RUN words more
# than the first, so that a pathological run ("President Anna Kowalski Dr Li
# Wei ..." over megabytes) is cut into bounded pieces
MAX_RUN = 63
CHUNK_RE = re.compile(rf"(?<![\w’'-]){CAPWORD}(?:(?:[ ]{_CONN}){{0,2}}[ ]{CAPWORD}){{0,{MAX_RUN}}}")
# where a CHUNK_RE match can start (short: scanned in windows, see scan.py)
_NAME_PREFIXES = r"(?:al|el|ul|bin|ibn|de|di|da|van|von|le|la|du|des)-[A-Z]"
CHUNK_START_RE = re.compile(rf"(?<![\w’'-])(?:[{_UPPER}]|{_NAME_PREFIXES})")

_ORG_LIST_HEAD = (
    r"\b(?:Institute|Centres?|Centers?|School|Department|Ministry|Faculty|College|Academy|Council|"
    r"Committee|Commission|Office|Bureau|Society|Association|Federation|Foundation|Agency|Board|"
    r"Authority|Museum|Union|Organi[sz]ation|Fund|Bank|Secretariat)[ ](?:of|for)[ ]"
)
# where an ORG_LIST_RE match can start (short: scanned in windows, see scan.py)
ORG_LIST_HEAD_RE = re.compile(_ORG_LIST_HEAD)
# (at most 24 words in an item and 24 items: a long run is not one name)
ORG_LIST_RE = re.compile(
    _ORG_LIST_HEAD + r"(?:the[ ])?"
    r"[A-Z][\w-]*(?:[ ][A-Z][\w-]*){0,24}(?:,[ ][A-Z][\w-]*(?:[ ][A-Z][\w-]*){0,24}){0,24},?[ ]and[ ]"
    r"(?:[A-Z][\w-]*[ ]){0,3}(?:Studies|Affairs|Sciences|Research|Development|Technology|Arts|"
    r"Relations|Cooperation|Co-operation|Security|Trade|Industry|Resources|Services|Policy|"
    r"Economics|Engineering|Medicine|Culture|Sports?|Education|Health|Welfare|Planning|"
    r"Innovation|Environment|Energy|Commerce|Justice|Media|Communications|Information|"
    r"Tourism|Transport|Agriculture|Fisheries|Food|Investment|Finance|Labour|Labor|Youth|"
    r"Prevention|Control|Reform|Recovery|Rights)\b"
)

ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,5}")

STOP_CAP = frozenset(
    """The A An This That These Those It Its He She His Her Hers Him We Our Us They Their Them
    I You Your My Me But And Or Nor So If When Whenever While Whilst Where What Which Who Whom
    Whose Why How As At In On Of For From To By With Without Within After Before During Since
    Until Till Amid Amidst Among Amongst Despite Due According Upon Unlike Like Although
    Though Because However Meanwhile Moreover Furthermore Also Yet Still Then There Here
    Now All Some Many Most More Both Each Every Other Such No Not Only Even Just Into Over
    Under About Above Below Between Through Throughout Against Across Along Around Beyond
    Instead Indeed Perhaps Maybe Once Thus Therefore Hence Whether Either Neither Nevertheless
    Nonetheless Besides Following Including Regarding Concerning Given Ahead Overall Asked
    Speaking Dear Yes Oh Please Thanks Thank Let""".split()
)

TITLES = frozenset(
    """Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Baroness Baron President Premier
    Minister Chancellor Secretary Senator Sen Rep Representative Congressman Congresswoman
    Governor Gov Mayor King Queen Prince Princess Emperor Empress Pope Cardinal Archbishop
    Bishop Rev Reverend Father Sheikh Sheikha Emir Ayatollah Imam Rabbi General Gen Colonel Col
    Lieutenant Lt Major Maj Captain Capt Sergeant Sgt Admiral Commander Marshal Judge Justice
    Ambassador Envoy Chairman Chairwoman Chairperson Director Commissioner Spokesman Spokeswoman
    Spokesperson Coach Manager Striker Midfielder Defender Goalkeeper Winger CEO Founder
    Inspector Detective Superintendent Constable Dean Treasurer Attorney Councillor Councilman
    Comrade Chief Officer Leader Speaker President-elect Vice-President Tsar Dictator Cllr
    Alderman
    Sultan Crown Hon Honourable""".split()
)
# words that may stand in a title phrase before the title word proper
TITLE_MODIFIERS = frozenset(
    """Prime Foreign Defence Defense Finance Interior Justice Health Trade Economy Economic Vice
    Deputy Former Acting First Chief Executive Senior State Home Culture Education Energy
    Agriculture Environment Labour Transport Treasury Industry Science Security Emergency
    Development Digital Sports Sport Junior Assistant Associate Head Grand Supreme Lord Opposition
    Party Interim Outgoing Incoming Ex Then Managing General Principal Permanent Special Army
    Military Police Fire Team Club Caretaker Assistant""".split()
)
# lower-case words that mark the following capitalised name as a person
PERSON_CUES = frozenset(
    """mr mrs ms dr spokesman spokeswoman spokesperson coach manager striker midfielder defender
    goalkeeper winger forward captain minister president premier chancellor secretary senator
    governor mayor ambassador envoy chairman chairwoman executive founder director leader boss
    general colonel lieutenant sergeant judge actor actress singer rapper author writer
    professor analyst economist journalist reporter correspondent historian spokesperson
    lawmaker legislator congressman congresswoman mp politician player star skipper
    chairperson commissioner officer cardinal bishop king queen prince princess pope teammate
    son daughter wife husband brother sister father mother widow prosecutor lawyer""".split()
)
PLACE_PREPS = frozenset(
    "in near from outside across throughout into inside towards toward via".split()
)
WEAK_PLACE_PREPS = PLACE_PREPS | {"at", "to", "of"}

ORG_KEYWORDS = frozenset(
    """University Institute Institution Ministry Department Agency Commission Council Committee
    Bank Party Parliament Congress Senate Assembly Court Tribunal Inc Ltd Corp Corporation Co
    Company Companies Group Holdings plc PLC LLC LLP AG GmbH NV FC AFC CF SC Club Association
    Federation Union Foundation Trust Fund Organisation Organization Authority Board Office
    Bureau Service Services Academy College School Hospital Museum Society Network News Times
    Post Journal Herald Gazette Telegraph Tribune Airlines Airways Motors Army Navy Police Forces
    Guard Command Brigade Regiment Battalion Movement Front Alliance Coalition Church Mosque
    Pharmaceuticals Technologies Systems Labs Laboratories Industries International Media Press
    Broadcasting Studios Records Entertainment Partners Ventures Securities Investments
    Insurance Exchange Reserve Treasury Pentagon Kremlin Bundestag Duma Knesset Politburo
    Nations League Rovers Wanderers Athletic Albion Hotspur United Olympique Sporting Dynamo
    Real Inter Juventus Borussia Secretariat Cabinet Commonwealth Consortium Cooperative
    Energy Petroleum Oil Gas Electric Steel Telecom Communications Bancorp Capital Brands
    Agency Unit Division Directorate Centre Center Observatory Council Enterprises Lines
    Laboratory Laboratories Markets Semiconductor Semiconductors Therapeutics Biotech Software
    Robotics Networks Foods Pharma Logistics Solutions Aerospace Automotive Mining Resources
    Properties Realty Retail Brewery Airline Rail Railways Bancorp Financial Bureau Tribunal
    Commissariat Inspectorate Ombudsman Corps Guards Consortium Caucus Party Confederation""".split()
)
# last words of names of places and buildings ("Emirates Stadium", "Marina Bay")
FACILITY_KEYWORDS = frozenset(
    """Stadium Arena Airport Bay Bridge Square Circuit Road Avenue Boulevard Street Palace
    Cathedral Abbey Tower Towers Island Islands River Lake Mountains Mountain Valley Beach Coast
    Canal Harbour Harbor Peninsula Desert Forest Park Gardens Oval Stadion Heights Falls Dam
    Castle Terminal Pier Reservoir Glacier Volcano""".split()
)
# last words of names of events ("Australian Open", "Singapore Grand Prix", "Cold War")
EVENT_KEYWORDS = frozenset(
    """Open Prix Cup Games Olympics Championship Championships Festival Marathon Masters War
    Revolution Expo Biennale Summit Classic Derby Tournament Trophy Rally Regatta Grand-Prix
    Invitational Series Uprising Crisis Massacre Olympiad""".split()
)
# lower-case words that mark the following capitalised name as an organisation
ORG_CUES = frozenset(
    """company firm group bank lender insurer carrier airline retailer conglomerate start-up
    startup chipmaker carmaker automaker drugmaker maker broadcaster newspaper regulator giant
    rival subsidiary operator supplier developer brand label network outlet publisher
    manufacturer producer distributor exchange fund charity agency watchdog party club side
    team""".split()
)
# nouns that, after "X, a/an/the …", make X an organisation
ORG_APPOSITION_NOUNS = ORG_CUES - {"party", "side", "team", "club"} | {
    "business",
    "corporation",
    "organisation",
    "organization",
    "institute",
    "association",
    "union",
    "consultancy",
    "platform",
    "app",
    "service",
    "chain",
}
SPORT_RE_WORDS = (
    "match|goal|goals?|wicket|scored|striker|midfielder|defender|goalkeeper|penalty|league|fixture|kick-off|"
    "half-time|stoppage|manager|wickets?|innings|batting|bowled|bowler|Test|Grand Prix|lap|laps|"
    "podium|pole position|tie-break|seed|semi-final|quarter-final|tournament|championship|"
    "title race|season|squad|teammate|coach"
)
SPORT_CUE_RE = re.compile(rf"\b(?:{trie_regex(SPORT_RE_WORDS.replace('?', '').split('|'))}s?)\b")
# words around a place name that make it a team in sport articles
TEAM_BEFORE = frozenset("against beat beating face faces facing host hosts hosting v vs".split())
TEAM_AFTER = frozenset(
    """manager coach boss captain striker midfielder defender goalkeeper forward winger fans
    supporters squad beat beating drew lost won win scored closed were bowled batted batting
    bowling replied declared""".split()
)
# first words of club names ("Real Madrid", "Inter Milan")
ORG_PREFIXES = frozenset("Real Inter Olympique Sporting Dynamo Borussia Atletico Atlético".split())
# words before which a capitalised "May" is the month
MONTH_PREPS = frozenset(
    "in since until by from through before after during of last next this early late mid".split()
)
# words after which "of"/"for"/"the" stays inside the name ("Bank of England")
ORG_HEADS = frozenset(
    """University Bank Ministry Department Institute School College Academy Museum Council
    Committee Commission Board Office Bureau Agency Federation Association Union Society Church
    Court House Chamber Republic Kingdom Emirates States Sea Gulf Bay Strait Cape Isle Islands
    Horn Duchy Province Region Order Party Fund Organisation Organization Centre Center
    Federation League Confederation Army Corps Secretariat Foundation Trust Parliament Congress
    Directorate Observatory Hospital Church Cathedral Mosque Temple Palace Port""".split()
)
NOT_ACRONYMS = frozenset(
    """CEO CFO COO CTO CIO GDP GNP TV AI OK AM PM BC AD VAT IPO ETF EV EVS DNA HIV AIDS COVID PPE
    PC USB ID FAQ UFO VIP MP QC KC OBE MBE CBE LGBT LGBTQ PR HR IT IQ RIP ASAP FYI DIY
    II III IV VI VII VIII IX XI XII NB PS ET GMT BST EST UTC CO2 LNG LPG GB MB KB""".split()
)
# well-known organisations that the cues above miss (kept short)
KNOWN_ORGS = frozenset(
    """TASS Reuters Xinhua Bloomberg Google Microsoft Amazon Facebook Meta Apple Tesla Nvidia
    OpenAI Samsung Huawei Alibaba Tencent Toyota Volkswagen Gazprom Rosneft Aramco Boeing Airbus
    Netflix Twitter YouTube TikTok Instagram WhatsApp Uber Intel IBM Oracle Sony Nissan Honda BMW
    Siemens Shell BP ExxonMobil Chevron Pfizer Moderna AstraZeneca Unilever Nestle Barclays HSBC
    Citigroup Goldman JPMorgan Hamas Hezbollah Taliban Wagner Arsenal Juventus Everton Tottenham
    Celtic Rangers Ajax Benfica Napoli Lazio
    Brexit-era NATO OPEC ASEAN BRICS UNESCO UNICEF FIFA UEFA WHO WTO IMF EU UN""".split()
) - {"Brexit-era"}
PLACE_ACRONYMS = frozenset("US USA UK UAE DRC PRC DPRK USSR ROK KSA DC".split())
DEMONYM_PREFIXES = frozenset(
    "Sino Anglo Franco Indo Afro Euro Russo Italo Judeo Greco Austro".split()
)

# ----------------------------------------------------------- speech verbs ---
SPEECH_VERB_WORDS = frozenset(
    """said says say added adds stressed stresses emphasised emphasized emphasises emphasizes
    noted notes stated states observed observes remarked told tells explained explains argued
    argues insisted insists claimed claims warned warns declared declares announced asserted
    asserts replied replies continued continues wrote writes tweeted posted highlighted
    mentioned affirmed admitted admits acknowledged acknowledges conceded suggested suggests
    asked asks answered recalled recalls confirmed commented concluded predicted cautioned
    urged joked shouted agreed responded retorted boasted maintained contended reiterated
    underlined underscored believes believed thinks thought expressed conveyed hailed described
    echoed welcomed alleged vowed promised pledged revealed disclosed reported mused sighed
    quipped countered complained lamented assured signalled signaled recounted elaborated
    saying adding noting stressing emphasising emphasizing remarking highlighting insisting
    warning describing calling telling explaining arguing claiming declaring expressing
    observing stating asserting recalling predicting urging reiterating underlining called
    branded dubbed""".split()
)
SPEECH_VERBS = trie_regex(
    SPEECH_VERB_WORDS
    | {"pointed out", "points out", "went on", "goes on", "pointing out", "told reporters"}
)
PRONOUNS = frozenset(("he", "she", "He", "She"))

# ------------------------------------------------ organisations (more shapes) ---
# legal-form suffixes of company names ("Acme Holdings Inc", "Airbus SE"); the
# short ones (SA, SE, AB...) count only after another capitalised word
COMPANY_SUFFIXES = frozenset(
    """Inc Corp Co Ltd LLC LLP LP plc Plc PLC AG SA SE NV BV GmbH KGaA SpA SAS SARL AB ASA AS
    Oyj Pty Bhd Tbk PJSC JSC PAO OAO Limited Incorporated Corporation SRL Srl""".split()
)
# suffixes written in lower case, so outside a capitalised chunk ("Rio Tinto plc")
LOWER_COMPANY_SUFFIX_RE = re.compile(
    r"[ ](?:plc|Plc|PLC|S\.A\.|N\.V\.|S\.p\.A\.|SpA|AG|SE|SA|NV|Inc\.?|Corp\.?|Ltd\.?|Co\.)(?![\w])"
)
# more last words of organisation names
ORG_KEYWORDS_EXTRA = frozenset(
    """Administration Workers Brotherhood Brigades Jihad Force Forum Mission Programme
    Watch Electronics Chemicals Chemical Pharmaceutical Healthcare Holding Bancshares
    Railway Motor Magazine Radio Television Institutes Universities Ministries
    Government Prosecutors Prosecutor's Customs Guardian Observer Times Chronicle Examiner
    Inquirer Standard Mirror Express Courier Sentinel Monitor Agencies Clinic Parliament
    Senate Sejm Rada Majlis Knesset Storting Riksdag Folketing Bundesrat Legislature
    Chamber Commissions Councils Committees Courts Ministry Ombudsman Regulator""".split()
)
# words that make a sentence about sport ("Portugal beat Norway 3-1"), in
# addition to SPORT_CUE_RE; a score counts double
SPORT_SCORE_RE = re.compile(r"(?<![\w.,:/-])\d{1,2}-\d{1,2}(?![\w.,:/-]|-\d)")
SPORT_EXTRA_WORDS = (
    "beat|drew|draw|lost to|defeated|thrashed|equaliser|equalizer|hat-trick|goalless|"
    "qualifier|qualifiers|friendly|stoppage time|extra time|injury time|scorer|"
    "kicked off|relegation|promoted|title|fans|stadium|pitch|referee|halftime|half-time|"
    "rugby|football|soccer|cricket|hockey|basketball|World Cup|Premier League|"
    "Bundesliga|La Liga|Serie A|Ligue 1|Six Nations|semifinal|semi-final|quarterfinal|final"
).split("|")
SPORT_EXTRA_RE = re.compile(rf"(?<![\w-])(?:{trie_regex(SPORT_EXTRA_WORDS)})(?![\w-])")
# portfolio words of a ministry or department written in lower case ("the
# commerce ministry", "the defence department")
PORTFOLIO_WORDS = (
    "commerce|foreign|foreign affairs|defence|defense|finance|interior|home|health|education|"
    "economy|economic|economic affairs|justice|trade|agriculture|energy|environment|labour|"
    "labor|transport|transportation|culture|industry|information|communications|"
    "emergencies|emergency situations|science|technology|housing|tourism|oil|petroleum|"
    "mines|mining|water|fisheries|treasury|state|war|intelligence|security|public security|"
    "homeland security|social affairs|family|women|youth|sports|sport|digital|planning|"
    "infrastructure|immigration|labour and employment|commerce and industry|trade and industry"
)
LOWER_MINISTRY_RE = re.compile(
    rf"\b(?:{trie_regex(PORTFOLIO_WORDS.split('|'))})[ ](?:ministry|department)\b"
)
# the heads alone: found first (fast), the portfolio checked before them
MINISTRY_HEAD_RE = re.compile(r"(?<=[a-z] )(?:ministry|department)\b")
PORTFOLIO_SET = frozenset(PORTFOLIO_WORDS.split("|"))
# an acronym defined in brackets after its long form ("World Health Organization (WHO)")
ACRONYM_DEF_RE = re.compile(r"[ ]\(([A-Z][A-Za-z&]{1,8})\)")
# words before a name that make it a team in sport reports (besides TEAM_BEFORE)
TEAM_BEFORE_EXTRA = frozenset("beaten defeated edged thrashed hosted overcame trailed".split())
TEAM_AFTER_EXTRA = frozenset(
    """defeated edged thrashed trailed led lead leads drew draw equalised equalized
    conceded trail host hosted play plays played""".split()
)

# ------------------------------------------------ other languages' titles ---
# capitalised titles and honorifics of other languages, written before a
# name ("Bundeskanzler Scholz", "M. Macron", "Mme Dupont"); used only for
# text that is not English ("M" alone is an initial in English)
FOREIGN_TITLES = frozenset(
    """Herr Frau Fräulein Bundeskanzler Bundeskanzlerin Kanzler Kanzlerin Bundespräsident
    Bundespräsidentin Präsident Präsidentin Minister Ministerin Ministerpräsident
    Ministerpräsidentin Staatssekretär Staatssekretärin Bürgermeister Bürgermeisterin
    Dr Prof M MM Mme Mmes Mlle Me Monsieur Madame Mademoiselle Président Présidente Ministre
    Señor Señora Señorita Sr Sra Srta Don Doña Presidente Presidenta Ministro Ministra
    Signor Signora Signore Dottor Dottore Dottoressa Onorevole Pan Pani Senhor Senhora
    Dona Heer Mevrouw Dhr Mevr Gospodin Gospozha""".split()
)
# the same words written in lower case inside a sentence ("el ministro Pérez",
# "le président Macron", "pan Kowalski")
FOREIGN_PERSON_CUES = frozenset(
    """herr frau président présidente ministre premier maire député sénateur général monsieur
    madame señor señora presidente presidenta ministro ministra alcalde diputado senador
    general don doña dottor dottore dottoressa signor signora sindaco onorevole pan pani
    premier prezydent minister senhor senhora prefeito bundeskanzler kanzler kanzlerin
    bundespräsident präsident präsidentin ministerin ministerpräsident bürgermeister
    staatssekretär""".split()
)
# prepositions before a place name in other languages
FOREIGN_PLACE_PREPS = frozenset(
    "in nach aus bei von à en de dans vers au aux a da di per nel nella w we z ze do na em no na".split()
)
# names with a number: broadcasters' channels and stock indexes ("BBC Radio 4",
# "Channel 4", "S&P 500", "FTSE 100")
NUMBERED_ORG_RE = re.compile(
    r"(?:(?<![\w&])[A-Z]{2,5}[ ])?(?<![\w&])(?:Radio|Channel|TV)[ ]\d{1,2}(?![\w%]|[.,]\d)(?:[ ](?:Live|Extra|News)\b)?"
)
INDEX_NAMES = (
    "S&P FTSE Nifty Nikkei Stoxx Russell CAC DAX MDAX TSX ASX KOSPI Sensex Seng CSI IBEX AEX SMI"
).split()
INDEX_RE = re.compile(
    r"(?<![\w&])(?:S&P|FTSE|Nifty|Nikkei|Stoxx|Euro[ ]Stoxx|Russell|CAC|DAX|MDAX|TSX|ASX|KOSPI|"
    r"Sensex|Hang[ ]Seng|CSI|IBEX|AEX|SMI)[ ]\d{2,4}(?![\w%]|[.,]\d)"
)
# letters after a name that are not part of it ("James Whitlow KC")
POST_NOMINALS = frozenset("KC QC MP MEP MSP OBE MBE CBE Jr Sr PhD MD".split())
# acronyms joined by an ampersand ("PG&E", "AT&T"); not "M&A", "R&D"
AMP_ACRONYM_RE = re.compile(r"(?<![\w&])[A-Z]{1,4}&[A-Z]{1,4}(?![\w&])")
AMP_NOT_ORGS = frozenset("M&A R&D Q&A B&B P&L A&E F&B D&I".split())
# heads of "X of Y" organisation names, besides the shared ORG_HEADS
ORG_OF_HEADS_EXTRA = frozenset(
    "Alliance Coalition Chambers Chamber Organisation Organization League".split()
)
