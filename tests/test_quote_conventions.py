"""find_quotes on the quotation conventions of newspapers and books.

Every sentence here was written for these tests.  Spans run from the opening
mark to just past the closing mark; only the outermost quotation of a nest is
returned.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis.quotes import RawQuote, find_quotes
from reader.analysis.sentences import paragraphs


def raw(text: str) -> list[RawQuote]:
    return find_quotes(text, paragraphs(text))


def found(text: str) -> list[str]:
    return [text[q.start : q.end] for q in raw(text)]


def span_of(text: str, quoted: str) -> tuple[int, int]:
    start = text.index(quoted)
    return start, start + len(quoted)


def assert_exact(text: str, *quoted: str) -> list[RawQuote]:
    qs = raw(text)
    assert [(q.start, q.end) for q in qs] == [span_of(text, s) for s in quoted]
    return qs


# ------------------------------------------------------------- English --


def test_english_curly_double():
    text = "“The harbour will reopen in May,” the port authority said."
    (q,) = assert_exact(text, "“The harbour will reopen in May,”")
    assert q.closed and not q.single and q.marks == "en"


def test_english_straight_double():
    text = 'The engineer said "the cables were never tested" before the storm.'
    (q,) = assert_exact(text, '"the cables were never tested"')
    assert q.marks == "straight"


def test_english_double_with_nested_single():
    text = "“She told me ‘keep the lights on’ and left,” the caretaker recalled."
    assert_exact(text, "“She told me ‘keep the lights on’ and left,”")


# ------------------------------------------------------------- British --


def test_british_single_primary():
    text = "‘We expected a draw at best,’ the goalkeeper admitted. ‘Nobody saw this coming.’"
    qs = assert_exact(text, "‘We expected a draw at best,’", "‘Nobody saw this coming.’")
    assert all(q.single and q.marks == "en-single" for q in qs)


def test_british_nested_double_is_part_of_the_outer_quote():
    text = "‘The referee said “play on” and walked away,’ the captain complained."
    (q,) = assert_exact(text, "‘The referee said “play on” and walked away,’")
    assert q.single


def test_british_nested_double_at_the_end():
    text = "‘Then the coach shouted “get back”,’ said the winger."
    assert_exact(text, "‘Then the coach shouted “get back”,’")


@pytest.mark.parametrize(
    "text",
    [
        "It’s O’Neill’s turn, and the players’ union backs him.",
        "The ’90s were kinder to the club’s accountants.",
        "Fans’ groups met at the stadium’s gates on Saturday.",
        "Rock ’n’ roll never died in the O’Briens’ pub.",
    ],
)
def test_curly_apostrophes_never_open_or_close(text):
    assert found(text) == []


def test_british_quote_full_of_apostrophes():
    text = (
        "‘It’s the players’ union that O’Neill answers to, not the ’90s board,’ "
        "the spokeswoman said."
    )
    assert_exact(text, "‘It’s the players’ union that O’Neill answers to, not the ’90s board,’")


def test_british_plural_possessive_before_a_speech_verb_closes():
    text = "‘We will beat the Wolves’ said the captain, ‘and the teachers’ union agrees.’"
    assert_exact(text, "‘We will beat the Wolves’", "‘and the teachers’ union agrees.’")


def test_british_plural_possessive_at_the_end_closes():
    text = "‘The money belongs to the workers’, she said."
    assert_exact(text, "‘The money belongs to the workers’")


# ------------------------------------------------------ straight single --


def test_straight_single_primary_with_apostrophes_inside():
    text = "'It's the teachers' strike that O'Neill backs,' the organiser said."
    (q,) = assert_exact(text, "'It's the teachers' strike that O'Neill backs,'")
    assert q.single and q.marks == "straight-single"


def test_straight_single_with_rock_n_roll():
    text = "'They played rock 'n' roll until dawn,' a neighbour complained."
    assert_exact(text, "'They played rock 'n' roll until dawn,'")


@pytest.mark.parametrize(
    "text",
    [
        "It's rock 'n' roll from the '90s, isn't it?",
        "The teachers' strike ended when O'Neill's offer arrived.",
        "'Tis the season, and the bakers' ovens are busy.",
    ],
)
def test_straight_apostrophes_never_open_or_close(text):
    assert found(text) == []


def test_straight_single_with_nested_double():
    text = "'The sign read \"closed for repairs\" all summer,' the owner said."
    assert_exact(text, "'The sign read \"closed for repairs\" all summer,'")


# ----------------------------------------------------------------- NYT --


def test_nyt_archive_doubled_apostrophes():
    text = "''We will not sell the farm,'' the widow said. ''It's all we have left.''"
    qs = assert_exact(text, "''We will not sell the farm,''", "''It's all we have left.''")
    assert [q.marks for q in qs] == ["nyt", "nyt"]
    assert not any(q.single for q in qs)


def test_nyt_archive_with_nested_single():
    text = "''He called it 'a fine mess' on the radio,'' the senator recalled."
    assert_exact(text, "''He called it 'a fine mess' on the radio,''")


# -------------------------------------------------------------- German --


def test_german_low_high_quotes():
    text = "„Wir bauen die Brücke bis Ostern“, sagte die Bürgermeisterin."
    (q,) = assert_exact(text, "„Wir bauen die Brücke bis Ostern“")
    assert q.marks == "de" and q.closed


def test_german_paragraph_with_two_quotes():
    text = (
        "„Das Geld reicht nicht“, sagte der Kämmerer am Montag. "
        "Später fügte er hinzu: „Wir müssen sparen, und zwar sofort.“"
    )
    qs = assert_exact(text, "„Das Geld reicht nicht“", "„Wir müssen sparen, und zwar sofort.“")
    assert [q.chain for q in qs] == [0, 1]


def test_german_closing_mark_is_not_an_opening_mark():
    text = "Sie nannte den Plan „unausgegoren“ und „teuer“. Danach schwieg sie."
    assert found(text) == ["„unausgegoren“", "„teuer“"]


def test_german_nested_single():
    text = "„Er rief ‚Halt‘ und rannte los“, erzählte die Zeugin."
    assert_exact(text, "„Er rief ‚Halt‘ und rannte los“")


def test_german_book_guillemets():
    text = "»Der Zug fällt aus«, sagte der Schaffner. »Schon wieder.«"
    qs = assert_exact(text, "»Der Zug fällt aus«", "»Schon wieder.«")
    assert {q.marks for q in qs} == {"de-guillemets"}


def test_german_guillemets_with_nested_single():
    text = "»Sie sagte ›nie wieder‹ und ging«, berichtete er."
    assert_exact(text, "»Sie sagte ›nie wieder‹ und ging«")


# -------------------------------------------------------------- French --


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"], ids=["space", "nbsp", "narrow-nbsp"])
def test_french_guillemets_with_each_kind_of_space(space):
    inner = f"«{space}Nous ne céderons pas{space}»"
    text = f"{inner}, a déclaré la ministre. «{space}Jamais.{space}»"
    qs = assert_exact(text, inner, f"«{space}Jamais.{space}»")
    assert {q.marks for q in qs} == {"fr"}


def test_french_quote_with_elided_article_inside():
    text = "Selon le maire, c’est « l’affaire d’un été » et rien de plus."
    assert_exact(text, "« l’affaire d’un été »")


def test_french_nested_english_quotes():
    text = "« Il m’a dit “attends” puis il est parti », raconte la voisine."
    assert_exact(text, "« Il m’a dit “attends” puis il est parti »")


# ----------------------------------------------------- Spanish, Italian --


def test_spanish_guillemets_with_dash_inciso_is_one_quote():
    text = "«Es un día histórico —dijo el ministro—, pero queda trabajo», añadió después."
    (q,) = assert_exact(text, "«Es un día histórico —dijo el ministro—, pero queda trabajo»")
    assert q.marks == "es"


def test_spanish_dash_inciso_with_full_stop():
    text = "«No habrá más recortes —aseguró la alcaldesa—. Lo prometo.» La sala aplaudió."
    assert_exact(text, "«No habrá más recortes —aseguró la alcaldesa—. Lo prometo.»")


def test_italian_guillemets_without_spaces():
    text = "«Il cantiere chiuderà a giugno», ha detto l’assessore. «Senza ritardi.»"
    assert_exact(text, "«Il cantiere chiuderà a giugno»", "«Senza ritardi.»")


def test_spanish_nested_english_quotes():
    text = "«Lo llamó “un error” delante de todos», contó el testigo."
    assert_exact(text, "«Lo llamó “un error” delante de todos»")


# --------------------------------------------------- Polish, Hungarian --


def test_polish_low_high_right_quotes():
    text = "„Nie podniesiemy podatków” – zapewnił minister. „Ani w tym roku, ani w następnym”."
    qs = assert_exact(text, "„Nie podniesiemy podatków”", "„Ani w tym roku, ani w następnym”")
    assert {q.marks for q in qs} == {"pl"}


def test_hungarian_with_nested_guillemets():
    text = "„Azt mondta, »majd meglátjuk«, és kiment” – mesélte a titkárnő."
    assert_exact(text, "„Azt mondta, »majd meglátjuk«, és kiment”")


# --------------------------------------------------- Swedish, Finnish --


def test_swedish_same_mark_opens_and_closes():
    text = "”Vi öppnar bron i maj”, sa kommunalrådet. ”Om vädret tillåter.”"
    qs = assert_exact(text, "”Vi öppnar bron i maj”", "”Om vädret tillåter.”")
    assert {q.marks for q in qs} == {"sv"}


def test_finnish_same_mark_quotes():
    text = "Ministeri sanoi: ”Päätös tehdään ensi viikolla.” Oppositio vastusti."
    assert_exact(text, "”Päätös tehdään ensi viikolla.”")


def test_swedish_guillemets_same_mark():
    text = "»Det blir ingen strejk» sa ordföranden i går."
    assert_exact(text, "»Det blir ingen strejk»")


# ---------------------------------------------------------------- CJK --


def test_japanese_corner_brackets_with_nested_white_brackets():
    text = "「会議は『予定通り』に始まる」と部長は述べた。"
    (q,) = assert_exact(text, "「会議は『予定通り』に始まる」")
    assert q.marks == "cjk"


def test_white_corner_brackets_alone_are_a_quote():
    text = "彼女は『もう帰ります』と言った。そして「また明日」と続けた。"
    assert_exact(text, "『もう帰ります』", "「また明日」")


def test_chinese_curly_quotes_without_spaces():
    text = "他说：“我们明天出发。”然后关上了门。"
    assert_exact(text, "“我们明天出发。”")


# ------------------------------------------------ multi-paragraph chains --


@pytest.mark.parametrize(
    "first, second, closer",
    [
        ("“", "“", "”"),
        ('"', '"', '"'),
        ("‘", "‘", "’"),
        ("''", "''", "''"),
        ("„", "„", "“"),
        ("»", "»", "«"),
        ("« ", "« ", " »"),
        ("« ", "» ", " »"),  # French and Spanish books reopen with »
        ("«", "»", "»"),
        ("”", "”", "”"),
        ("「", "「", "」"),
    ],
)
def test_multi_paragraph_quote_shares_its_chain(first, second, closer):
    text = (
        f"The mayor said: {first}We start with the schools and the clinics.\n\n"
        f"{second}Then come the roads and the bridges{closer}, she said.\n\n"
        f"{first}A new quote{closer} closed the meeting."
    )
    qs = raw(text)
    assert len(qs) == 3
    assert qs[0].chain == qs[1].chain != qs[2].chain
    assert not qs[0].closed and qs[1].closed and qs[2].closed
    p1, p2, _ = paragraphs(text)
    assert qs[0].start == text.index(first) and qs[0].end == p1[1]
    assert qs[1].start == p2[0]
    assert text[qs[1].end - len(closer) : qs[1].end] == closer


def test_new_paragraph_after_a_closed_quote_starts_a_new_chain():
    text = "„Erstens“, sagte sie.\n\n„Zweitens“, sagte er."
    qs = raw(text)
    assert [q.chain for q in qs] == [0, 1]


def test_unclosed_quote_ends_before_the_next_opening_mark():
    text = "„Wir kommen, sagte sie. „Morgen früh“, fügte sie hinzu."
    qs = raw(text)
    assert [text[q.start : q.end] for q in qs] == ["„Wir kommen, sagte sie.", "„Morgen früh“"]
    assert [q.closed for q in qs] == [False, True]


def test_unclosed_single_quote_without_continuation_is_dropped():
    text = "‘The plan is fine, he said.\n\nNobody agreed."
    assert found(text) == []


# ----------------------------------------------------------- properties --

_MARK_CHARS = "“”\"„‘’'‚«»‹›「」『』"
_PIECES = st.sampled_from(
    [
        *_MARK_CHARS,
        "''",
        "a",
        "Wort",
        "word",
        "s",
        "n",
        "90s",
        " ",
        " ",
        "\u00a0",
        "\u202f",
        ",",
        ".",
        "—",
        "\n",
        "\n\n",
        "it’s",
        "O'Neill",
        "日本",
        "(",
        ":",
    ]
)
_OPENERS = set(_MARK_CHARS) - set("」』")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_find_quotes_spans_are_consistent(text):
    paras = paragraphs(text)
    qs = find_quotes(text, paras)
    last_end = -1
    chains: list[int] = []
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last_end  # in order, never overlapping
        last_end = q.end
        ps, pe = paras[q.para]
        assert ps <= q.start and q.end <= pe  # never across a paragraph
        assert text[q.start] in _OPENERS  # opens with an opening mark of some convention
        if q.closed:
            assert text[q.end - 1] in _MARK_CHARS
        chains.append(q.chain)
    # chain ids never go back: a chain is consecutive quotes
    assert chains == sorted(chains)
    assert all(b - a in (0, 1) for a, b in zip(chains, chains[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        st.sampled_from([*_MARK_CHARS, "a", "s", " ", "\n", "."]) | st.characters(), max_size=80
    )
)
def test_find_quotes_never_raises_on_arbitrary_text(text):
    for q in find_quotes(text, paragraphs(text)):
        assert 0 <= q.start < q.end <= len(text)
