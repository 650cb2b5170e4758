"""Cheap language detection: the script, then stopword frequencies.

``detect_language(text)`` returns an ISO 639-1 code (en, de, fr, es, it, pt,
nl, pl, hu, sv, fi, da, no, zh, ja, ko, ru) or ``"und"`` when it cannot tell
(empty or very short text, or no clear winner).  It looks at the first
``SAMPLE`` characters only, and needs no model: kana means Japanese, Hangul
Korean, Han alone Chinese and Cyrillic Russian; Latin-script text is scored
by its function words, each word counting ``1 / (number of languages that
share it)`` so that words peculiar to one language ("the", "und", "och",
"się") weigh most.

The engine uses it to apply English-only rules to English text only, so the
rule that matters most is that English wins whenever English function words
dominate: an English article naming "São Paulo", "Angela Merkel" or "la
Liga" stays English.
"""

from __future__ import annotations

import re
from collections import Counter

SAMPLE = 2000  # characters looked at
UNDETERMINED = "und"

_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# any of the scripts above: without one, only function words can tell
_OTHER_SCRIPTS = re.compile("|".join(p.pattern for p in (_KANA, _HANGUL, _HAN, _CYRILLIC)))
_WORDS = re.compile(r"[^\W\d_]+")

# function words; a word listed for several languages counts for each, less
_STOPWORDS = {
    "en": """the and of to that it for with said his she they have has this from are were
        not but which would their who been you its there what about after more than when
        also could should our was is be had will an by at he her as a i in on we do or so
        no my me us him them all one can may into out up did does being because while just
        then only other some such these those very how where why told says""",
    "de": """der die das und ist nicht ein eine einen einem dem den des mit sich auf für auch
        es im zu von wir ich sie er sagte aber wird werden hat haben noch nach bei aus wie
        über dass daß nur oder um sind war vor zum zur mehr schon als man kein keine sehr
        was will an in""",
    "nl": """de het een en van is dat niet op te zijn voor met die er maar om ook als dan bij
        nog naar uit wordt heeft hij zij ze wij ik zei worden kan door over geen deze dit
        wel meer werd hebben waren zal in""",
    "fr": """le la les des du de et est un une que qui pas pour dans sur au aux avec il elle
        nous vous ils elles ce cette mais ou où par plus son sa ses ont été sont dit ne se
        leur leurs l d qu c n j était très aussi comme tout en on""",
    "es": """el la los las de del y que en un una es por con para no se su sus al lo como más
        pero dijo ha han este esta son fue también muy sin sobre hay ya entre cuando todo
        le ese esa hasta desde nos porque está según""",
    "it": """il lo la gli le di del della dei delle degli e è che un una per non con su sono ha
        hanno si da al alla nel nella ma come anche più questo questa ci ne ho detto era
        stato molto l dell all nell essere tra fra ed sul dalla in""",
    "pt": """o os as de do da dos das e é que um uma em no na nos nas para por com não se ao
        aos mais mas como foi são ser seu sua disse ele ela eles também já muito há pelo
        pela isso este esta entre quando sobre até está""",
    "pl": """i w z na się nie to że do jest o a jak ale po co tak za od jego jej ich przez dla
        już też tylko być był była było są który która które powiedział może tym czy oraz
        przy bardzo jednak gdy ze we pod jako""",
    "hu": """a az és hogy nem is egy meg van volt de ez azt csak már mint még ki el fel sem
        vagy mondta pedig amely aki ami lesz kell nagyon után között szerint minden ezt
        ezért lehet így több""",
    "sv": """och att det som en är på för med inte jag han hon av till den har de ett om var
        men så sig vi från kan ska vid eller efter också när sa sade mycket nu hade blev
        bara skulle än dem vad där här mot upp ut under sedan hur i""",
    "fi": """ja on ei että hän oli ovat mutta kuin myös tai jo niin nyt sen hänen ole joka
        jotka tämä kun mukaan sanoi vain jos kanssa olla olisi voi koska sitten mitä siitä
        tässä näin vielä kaikki minä sekä jälkeen""",
    "da": """og i at det er en til på som med af for ikke den de et har jeg han hun vi sig fra
        var kan vil skal om men så efter også nu havde blev bliver meget mig dig noget
        hvad siger sagde end mod når her der være over ud""",
    "no": """og i at det er en til på som med av for ikke den de et har jeg han hun vi seg fra
        var kan vil skal om men så etter også nå hadde ble blir mye meg deg noe hva sier
        sa enn mot når her der være over ut""",
}


def _table() -> dict[str, tuple[tuple[str, float], ...]]:
    langs: dict[str, list[str]] = {}
    for lang, words in _STOPWORDS.items():
        for w in set(words.split()):
            langs.setdefault(w, []).append(lang)
    return {w: tuple((lang, 1.0 / len(ls)) for lang in ls) for w, ls in langs.items()}


_TABLE = _table()
_LANGS = tuple(_STOPWORDS)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language of ``text`` ("und" when unsure)."""
    sample = text[:SAMPLE]
    if not sample or sample.isspace():
        return UNDETERMINED
    words = _WORDS.findall(sample.lower())
    if len(words) < 3 and sample.isascii():
        return UNDETERMINED
    if sample.isascii() or not _OTHER_SCRIPTS.search(sample):
        return _by_words(words)  # no script to tell: only function words can
    latin = len(_LATIN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    han = len(_HAN.findall(sample))
    cjk = kana + hangul + han
    # one CJK character is about a word, a Latin letter a fifth of one
    if cjk and cjk * 3 >= latin:
        if hangul >= 2 and hangul * 2 >= cjk:
            return "ko"
        if kana >= 2 and kana * 10 >= cjk:
            return "ja"
        if han >= 4 and kana == 0 and hangul * 10 < cjk:
            return "zh"
        return UNDETERMINED
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic > latin:
        return "ru" if cyrillic >= 12 else UNDETERMINED
    if len(words) < 3:
        return UNDETERMINED
    return _by_words(words)


def _by_words(words: list[str]) -> str:
    """The language whose function words ``words`` use most clearly."""
    if len(words) < 3:
        return UNDETERMINED
    scores = dict.fromkeys(_LANGS, 0.0)
    table = _TABLE
    for w, c in Counter(words).items():
        hit = table.get(w)
        if hit:
            for lang, weight in hit:
                scores[lang] += c * weight
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 1.0 or top < 0.05 * len(words):
        return UNDETERMINED
    if top - second < 0.2 * top and top - second < 1.0:
        return UNDETERMINED  # no clear winner ("la casa de la familia")
    return best
