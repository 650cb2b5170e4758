"""Organisation shapes, sport teams, language gating and titles (own sentences)."""

from __future__ import annotations

import pytest

from reader.analysis import analyze
from reader.analysis.entities import find_entities, person_registry
from reader.analysis.sentences import split_sentences


def ents(text: str, language: str | None = "en") -> set[tuple[str, str]]:
    spans = find_entities(text, split_sentences(text), language=language)
    return {(text[s:e], label) for s, e, label in spans}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Shares of Acme Holdings Inc rose after the deal.", "Acme Holdings Inc"),
        ("Brightline Corp said it would cut jobs.", "Brightline Corp"),
        ("Nordwind GmbH opened a plant near Lyon.", "Nordwind GmbH"),
        ("Talvik Mining Ltd and others bid for the mine.", "Talvik Mining Ltd"),
        ("Investors sold Harbor Capital Partners LLC in May.", "Harbor Capital Partners LLC"),
        ("Quarrystone plc reported a loss on Tuesday.", "Quarrystone plc"),
        ("Airbus SE delivered more jets.", "Airbus SE"),
        ("Vellmar AG and its rivals gained.", "Vellmar AG"),
        ("Orsina Airlines cancelled flights.", "Orsina Airlines"),
        ("Korlan Motors recalled 10,000 cars.", "Korlan Motors"),
        ("The Ministry of Commerce said exports fell.", "Ministry of Commerce"),
        ("A spokesman for the Department of Justice declined to comment.", "Department of Justice"),
        ("The Federal Reserve raised rates.", "Federal Reserve"),
        ("The Supreme Court ruled on Monday.", "Supreme Court"),
        ("The Bundestag voted on the budget.", "Bundestag"),
        ("The Conservative Party won the vote.", "Conservative Party"),
        ("Members of the United Auto Workers union walked out.", "United Auto Workers"),
        (
            "Experts at the Institute for Russian, East European and Central Asian Studies disagreed.",
            "Institute for Russian, East European and Central Asian Studies",
        ),
        ("Oxford University said it would appeal.", "Oxford University"),
        ("The Food and Drug Administration approved the drug.", "Food and Drug Administration"),
        ("The story was first reported by Xinhua.", "Xinhua"),
        ("The BBC and Reuters reported the blast.", "BBC"),
        ("The BBC and Reuters reported the blast.", "Reuters"),
        ("The New York Times reported the blast.", "New York Times"),
        ("She told BBC Radio 4 that she was sorry.", "BBC Radio 4"),
        ("The S&P 500 fell 1%.", "S&P 500"),
        ("Power cuts by PG&E angered residents.", "PG&E"),
        ("The commerce ministry did not comment.", "commerce ministry"),
        ("Russia’s defence ministry said drones were shot down.", "defence ministry"),
    ],
)
def test_org_shapes(text, name):
    assert (name, "ORG") in ents(text)


def test_acronym_defined_in_brackets_and_reused():
    text = (
        "The Coastal Fisheries Monitoring Authority (CFMA) issued a warning. "
        "THE CFMA WARNING WAS IGNORED, and CFMA inspectors left."
    )
    found = ents(text)
    assert ("Coastal Fisheries Monitoring Authority", "ORG") in found
    assert sum(1 for n, lab in found if n == "CFMA" and lab == "ORG") >= 1
    spans = find_entities(text, split_sentences(text), language="en")
    assert all(label == "ORG" for s, e, label in spans if text[s:e] == "CFMA")


def test_acronym_definition_unknown_name_is_not_a_person():
    text = "Researchers from Velden Ostrow Kessler (VOK) published the study."
    assert ("Velden Ostrow Kessler", "ORG") in ents(text)


def test_national_teams_in_sport_report():
    text = (
        "Portugal beat Norway 3-1 in Oslo on Sunday. Ronaldo scored twice for Portugal "
        "and the Norway coach said his side had missed a penalty before half-time."
    )
    found = ents(text)
    assert ("Portugal", "ORG") in found
    assert ("Norway", "ORG") in found
    assert ("Oslo", "PLACE") in found
    assert ("Portugal", "PLACE") not in found


def test_country_outside_sport_stays_a_place():
    text = "Portugal and Norway signed a trade agreement in Lisbon on Monday."
    found = ents(text)
    assert ("Portugal", "PLACE") in found
    assert ("Norway", "PLACE") in found


def test_player_nationality_stays_a_place_in_sport():
    text = (
        "Keys of the United States beat Sabalenka in the final of the tournament, "
        "her first title of the season after a tie-break in the semi-final."
    )
    assert ("United States", "PLACE") in ents(text)


GERMAN = (
    "Nach Angaben der Polizei wurden in der Stadt drei Menschen verletzt. Die Firma blickt "
    "auf 150 Jahren Geschichte zurück. Bundeskanzler Scholz sagte am Montag in Berlin, "
    "Herr Müller von der Deutschen Bank und Frau Schmidt hätten widersprochen."
)
FRENCH = (
    "Le président Emmanuel Macron a déclaré lundi à Paris que la Commission devait agir. "
    "M. Macron a rencontré Mme Dupont au ministère. Selon le Gouvernement, la Croissance reste faible."
)


def test_german_capitalised_nouns_are_not_people():
    found = ents(GERMAN, language="de")
    people = {n for n, lab in found if lab == "PERSON"}
    assert people == {"Scholz", "Müller", "Schmidt"}
    assert ("Berlin", "PLACE") in found


def test_french_titles_and_no_false_people():
    found = ents(FRENCH, language="fr")
    people = {n for n, lab in found if lab == "PERSON"}
    assert people == {"Emmanuel Macron", "Macron", "Dupont"}
    assert ("Paris", "PLACE") in found


def test_spanish_and_italian_lower_case_titles():
    assert ("Pérez", "PERSON") in ents("El ministro Pérez dijo el martes que sí.", language="es")
    assert ("Rossi", "PERSON") in ents("Ha incontrato il dottor Rossi a Roma.", language="it")


@pytest.mark.parametrize(
    "text",
    [
        "The Premier said the plan would work.",
        "President said nothing, aides said.",
        "Mr said nothing.",
        "The Prime Minister arrived late.",
        "Chief Executive Officer spoke first.",
    ],
)
def test_titles_alone_are_not_people(text):
    assert not {n for n, lab in ents(text) if lab == "PERSON"}


def test_titles_are_not_part_of_names_and_resolve_to_full_name():
    text = (
        "Premier Li Qiang met President Joe Biden. Mr Li said trade mattered. "
        "Premier Li left on Friday, and Li later spoke to James Whitlow KC."
    )
    spans = find_entities(text, split_sentences(text), language="en")
    people = [(s, text[s:e]) for s, e, lab in spans if lab == "PERSON"]
    names = {n for _, n in people}
    assert "Li Qiang" in names and "Joe Biden" in names and "James Whitlow" in names
    assert not any(n.split()[0] in ("Premier", "President", "Mr") for n in names)
    reg = person_registry(text, spans)
    assert {reg[s] for s, n in people if n == "Li"} == {"Li Qiang"}


def test_registry_accepts_entities_and_prefers_longer_name():
    text = "Anna Maria Kowalczyk spoke. Later Maria Kowalczyk left, and Kowalczyk smiled."
    a = analyze(text)
    reg = person_registry(text, a.entities)
    assert set(reg.values()) == {"Anna Maria Kowalczyk"}
