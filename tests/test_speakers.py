"""Who said what: each shape of attribution that news writing uses.

Every sentence here is written for these tests.  Each test checks the
speaker a reader would name, its kind (a named person, an organisation, a
described source) and, where it matters, the mention and cue that explain it.
"""

from __future__ import annotations

import pytest

from reader.analysis import analyze


def said(text: str) -> list[tuple[str, str | None, str | None]]:
    """(quotation, speaker, kind) for each quotation of ``text``."""
    return [(q.text, q.speaker, q.speaker_kind) for q in analyze(text).quotes]


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in analyze(text).quotes]


# -- named people ---------------------------------------------------------


def test_speaker_after_the_quote_inverted():
    [q] = analyze("“We will win this,” said Maria Lopez, the party’s candidate.").quotes
    assert (q.speaker, q.speaker_kind) == ("Maria Lopez", "person")


def test_speaker_after_the_quote_then_cue():
    text = "Maria Lopez spoke first. “We will win this,” Lopez said on Tuesday."
    [q] = analyze(text).quotes
    assert q.speaker == "Maria Lopez"
    assert text[q.speaker_start : q.speaker_end] == "Lopez"
    assert (q.cue, text[q.cue_start : q.cue_end]) == ("said", "said")


def test_honorific_and_title_give_the_full_name():
    text = (
        "Premier Li Qiang arrived in Moscow on Monday. "
        "“Our ties are strong,” Mr Li said. "
        "“We will build on them,” the premier added."
    )
    assert speakers(text) == ["Li Qiang", "Li Qiang"]


def test_colon_introduction():
    text = "Daniel Okoro faced the press. Okoro said: “Nobody here is giving up.”"
    assert speakers(text) == ["Daniel Okoro"]


def test_mid_quote_attribution_gives_both_halves_one_speaker():
    text = "Greta Lind took questions. “The deal is done,” she said, “and it will hold.”"
    assert speakers(text) == ["Greta Lind", "Greta Lind"]


def test_pronoun_takes_the_nearest_person_of_the_paragraph():
    text = (
        "“The port will open in March,” said Cai Weiming, the envoy.\n\n"
        "Grant Wheeler said he was confident. “Washington has funded projects "
        "like this for decades,” he said."
    )
    assert speakers(text) == ["Cai Weiming", "Grant Wheeler"]


def test_a_person_named_inside_a_quotation_never_speaks():
    text = (
        "Tom Brennan was angry. “Tell Oliver Hart he is wrong,” Brennan said. "
        "“He never listens,” he added."
    )
    assert speakers(text) == ["Tom Brennan", "Tom Brennan"]


def test_pronoun_gender_skips_an_incompatible_name():
    text = "Ms Anna Kovacs met Peter Varga on Friday. “It was a useful meeting,” she said."
    assert speakers(text) == ["Anna Kovacs"]


def test_quoted_as_saying_names_the_person_not_the_agency():
    text = "Xinhua quoted Li Qiang as saying “the door remains open”."
    assert speakers(text) == ["Li Qiang"]


@pytest.mark.parametrize(
    "tail",
    [
        "Ortiz told reporters",
        "Ortiz wrote on X",
        "Ortiz tweeted",
        "Ortiz warned",
        "Ortiz insisted",
        "Ortiz conceded",
        "Ortiz stressed",
        "Ortiz argued",
        "Ortiz noted",
        "added Ortiz",
    ],
)
def test_cue_verbs(tail):
    text = f"Dana Ortiz runs the council. “We are not finished,” {tail}."
    assert speakers(text) == ["Dana Ortiz"]


def test_partial_and_scare_quotes_in_reported_speech_belong_to_the_person():
    text = "Senator Ruth Abara called the plan “reckless” and said it would fail “within a year”."
    assert speakers(text) == ["Ruth Abara", "Ruth Abara"]


def test_words_in_reported_speech_belong_to_the_person_reported():
    text = "Mr Tom Smith said that Ms Sarah Chen had called the plan “a disaster”."
    assert speakers(text) == ["Sarah Chen"]


def test_a_clause_of_its_own_after_the_quote_does_not_attribute_it():
    text = (
        "Delegates approved an agreement that the host, Amina Diallo, called “a historic "
        "step”, though campaigners said it fell short."
    )
    assert speakers(text) == ["Amina Diallo"]


def test_the_subject_phrase_of_a_participle():
    text = "The national team coach stepped down on Friday, saying he took “full responsibility”."
    [q] = analyze(text).quotes
    assert q.speaker == "The national team coach"


def test_two_speakers_in_one_paragraph():
    text = (
        "“The bill is a disgrace,” said Sen. Tom Harlan. "
        "“It is the best we could get,” Sen. Maria Cantwell replied."
    )
    assert speakers(text) == ["Tom Harlan", "Maria Cantwell"]


def test_quotation_continued_over_paragraphs_keeps_its_speaker():
    text = (
        "“We have waited long enough,” said Olena Marchenko.\n\n"
        "“Every pause has been used to bring up more shells.”"
    )
    assert speakers(text) == ["Olena Marchenko", "Olena Marchenko"]


def test_unclosed_multi_paragraph_quotation_keeps_its_speaker():
    text = (
        "Olena Marchenko read the statement aloud: “We have waited long enough.\n\n"
        "“Every pause has been used to bring up more shells.”"
    )
    assert speakers(text) == ["Olena Marchenko", "Olena Marchenko"]


def test_following_quotation_in_the_paragraph_continues():
    text = "“I speak to the chairman every day,” said Daniel Okoro. “Nobody has told me otherwise.”"
    assert speakers(text) == ["Daniel Okoro", "Daniel Okoro"]


# -- organisations --------------------------------------------------------


def test_organisation_speaks():
    [q] = analyze("The Kremlin said the talks had been “useful but difficult”.").quotes
    assert (q.speaker, q.speaker_kind) == ("Kremlin", "org")


def test_according_to_an_organisation():
    text = "The deal is close, according to Reuters. “Only details remain,” according to Reuters."
    [q] = analyze(text).quotes
    assert (q.speaker, q.speaker_kind, q.cue) == ("Reuters", "org", "according to")


def test_the_ministry_resolves_to_the_ministry_named_before():
    text = (
        "The Ministry of Finance published its forecast on Monday. "
        "“Growth will slow next year,” the ministry said in a statement."
    )
    [q] = analyze(text).quotes
    assert (q.speaker, q.speaker_kind) == ("Ministry of Finance", "org")


def test_a_report_by_an_institution_speaks_for_it():
    text = (
        "The Bank of England kept rates on hold. A report by the central bank found "
        "that inflation was “proving stubborn”."
    )
    [q] = analyze(text).quotes
    assert (q.speaker, q.speaker_kind) == ("Bank of England", "org")


def test_a_person_beside_a_university_is_the_speaker():
    text = "“This changes everything,” said Priya Raman, a physicist at Stanford University."
    assert speakers(text) == ["Priya Raman"]


# -- described sources ----------------------------------------------------


@pytest.mark.parametrize(
    "text, description",
    [
        (
            "“We are cooperating fully,” said a spokeswoman for the ministry.",
            "a spokeswoman for the ministry",
        ),
        (
            "Two officials familiar with the talks said a deal was “very close”.",
            "Two officials familiar with the talks",
        ),
        ("“It was chaos,” one resident told reporters.", "one resident"),
        (
            "A senior Western diplomat said the offer was “not serious”.",
            "A senior Western diplomat",
        ),
        ("“Nothing is agreed,” officials said.", "officials"),
    ],
)
def test_described_sources_are_kept_as_written(text, description):
    [q] = analyze(text).quotes
    assert (q.speaker, q.speaker_kind) == (description, "described")
    assert text[q.speaker_start : q.speaker_end] == description


def test_a_spokesman_for_a_company_is_described_not_the_company():
    text = "A spokesman for Siemens said orders were “running well ahead of capacity”."
    [q] = analyze(text).quotes
    assert q.speaker_kind == "described"
    assert q.speaker == "A spokesman for Siemens"


def test_a_described_source_is_not_replaced_by_the_nearest_name():
    text = (
        "Hospital director Grace Okafor declined to comment. One nurse, who asked not "
        "to be named, said staff were exhausted. “We were short before this started,” she said."
    )
    [q] = analyze(text).quotes
    assert q.speaker_kind == "described"
    assert q.speaker == "One nurse"


def test_unattributed_scare_quote_has_no_speaker():
    text = "The so-called “green shift” has divided the town."
    assert speakers(text) == [None]


# -- why: the mention and the cue ------------------------------------------


def test_each_quote_carries_its_mention_and_cue():
    text = "“Prices will fall,” the economist Wang Tao said. “Not soon,” she added."
    qs = analyze(text).quotes
    assert [text[q.speaker_start : q.speaker_end] for q in qs] == ["Wang Tao", "she"]
    assert [text[q.cue_start : q.cue_end] for q in qs] == ["said", "added"]
    assert [q.speaker for q in qs] == ["Wang Tao", "Wang Tao"]


def test_title_and_dek_are_analysed_with_the_body():
    a = analyze(
        "“We will keep going,” Mr Li said.",
        title="Li Qiang vows to keep going",
        dek="The premier told reporters in Moscow: “The door is open.”",
    )
    assert [(e.text, e.label) for e in a.title.entities] == [("Li Qiang", "PERSON")]
    assert [q.speaker for q in a.dek.quotes] == ["Li Qiang"]
    [dek_quote] = a.dek.quotes
    assert (
        "The premier told reporters in Moscow: “The door is open.”"[dek_quote.start : dek_quote.end]
        == "“The door is open.”"
    )
    assert [q.speaker for q in a.quotes] == ["Li Qiang"]
    assert a.quotes[0].start == 0  # body offsets are the body's own


# -- other languages ------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # German: „…“ and »…«, cues after the quotation, titles, pronouns
        (
            "Die Finanzministerin Anja Roth verteidigte am Dienstag den Haushalt. "
            "„Wir sparen, wo es geht“, sagte Roth in Berlin. „Mehr ist nicht drin“, fügte sie hinzu.",
            ["Anja Roth", "Anja Roth"],
        ),
        (
            "Bundeskanzler Markus Hellwig reiste nach Paris. »Europa muss zusammenstehen«, "
            "erklärte der Kanzler am Abend.",
            ["Markus Hellwig"],
        ),
        (
            "Nach dem Unwetter besuchte die Ministerin die Stadt. „Die Lage ist ernst“, "
            "so Katrin Albers von der Universität Bonn.",
            ["Katrin Albers"],
        ),
        # French: « … » with no-break spaces, inverted pronouns, M. and Mme
        (
            "Le ministre de l’Économie, Julien Marchal, a défendu le budget. "
            "«\u00a0Nous ne pouvons pas vivre à crédit\u00a0», a déclaré M. Marchal. "
            "«\u202fLe débat ira jusqu’au bout\u202f», a-t-il ajouté.",
            ["Julien Marchal", "Julien Marchal"],
        ),
        (
            "« Les gens sont à bout », a estimé l’entraîneur lyonnais, Moussa Sarr, après le match.",
            ["Moussa Sarr"],
        ),
        # Spanish: «…» with a dash aside, pro-drop, según
        (
            "El ministro de Hacienda, Andrés Salvatierra, presentó el presupuesto. "
            "«No vamos a subir los impuestos —dijo el ministro—, pero tampoco recortaremos». "
            "«Es un presupuesto responsable», afirmó en rueda de prensa.",
            ["Andrés Salvatierra", "Andrés Salvatierra"],
        ),
    ],
)
def test_speakers_in_other_languages(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    "text, description",
    [
        (
            "Eine Pendlerin am Kölner Hauptbahnhof sagte, sie sei „einfach nur müde“.",
            "Eine Pendlerin am Kölner Hauptbahnhof",
        ),
        (
            "«\u00a0On fait ce qu’on peut\u00a0», expliquait un agent d’accueil.",
            "un agent d’accueil",
        ),
        (
            "«Las cuentas están cerradas», aseguraron fuentes del ministerio.",
            "fuentes del ministerio",
        ),
    ],
)
def test_described_sources_in_other_languages(text, description):
    [q] = analyze(text).quotes
    assert (q.speaker, q.speaker_kind) == (description, "described")


def test_german_nouns_are_not_people():
    text = (
        "Nach Angaben der Polizei wurde die Stadt nach 800 Jahren Geschichte evakuiert. "
        "„Wir haben so etwas noch nie erlebt“, sagte ein Anwohner."
    )
    a = analyze(text)
    assert a.language == "de"
    assert not [e.text for e in a.entities if e.label == "PERSON"]
    assert [(q.speaker, q.speaker_kind) for q in a.quotes] == [("ein Anwohner", "described")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "”Vi måste agera nu”, sade utbildningsminister Johan Lindqvist i riksdagen.",
            "Johan Lindqvist",
        ),
        ("”Tämä on raskas päätös”, sanoo toimitusjohtaja Mikko Heikkinen.", "Mikko Heikkinen"),
        (
            "„Nie mieliśmy innego wyjścia” – powiedział prezydent miasta Marek Zieliński.",
            "Marek Zieliński",
        ),
        (
            "„Nem örülök ennek a döntésnek” – mondta Szalai Gábor főpolgármester-helyettes.",
            "Szalai Gábor",
        ),
    ],
)
def test_speakers_in_nordic_and_central_european_news(text, expected):
    assert speakers(text) == [expected]
