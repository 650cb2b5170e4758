"""detect_language: script first, then function-word frequencies.

Every paragraph here was written for these tests.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.language import detect_language

PARAGRAPHS = {
    "en": "The library will close for two weeks in August while the roof is repaired, "
    "and the council said that readers could return their books at the town hall.",
    "de": "Die Bibliothek bleibt im August zwei Wochen geschlossen, weil das Dach repariert "
    "wird, und die Stadt sagte, dass man die Bücher im Rathaus abgeben kann.",
    "fr": "La bibliothèque sera fermée pendant deux semaines en août pour la réparation du "
    "toit, et la mairie a dit que les lecteurs pourront rendre leurs livres à l’hôtel de ville.",
    "es": "La biblioteca estará cerrada dos semanas en agosto mientras se repara el tejado, y "
    "el ayuntamiento dijo que los lectores podrán devolver sus libros en la alcaldía.",
    "it": "La biblioteca resterà chiusa per due settimane ad agosto mentre si ripara il tetto, "
    "e il comune ha detto che i lettori potranno restituire i libri in municipio.",
    "pt": "A biblioteca vai fechar durante duas semanas em agosto enquanto o telhado é "
    "reparado, e a câmara disse que os leitores podem devolver os livros na prefeitura.",
    "nl": "De bibliotheek is in augustus twee weken dicht omdat het dak wordt gerepareerd, en "
    "de gemeente zei dat lezers hun boeken bij het stadhuis kunnen inleveren.",
    "pl": "Biblioteka będzie zamknięta przez dwa tygodnie w sierpniu, ponieważ dach jest "
    "naprawiany, a urząd powiedział, że czytelnicy mogą oddać książki w ratuszu.",
    "hu": "A könyvtár augusztusban két hétre bezár, mert javítják a tetőt, és a városháza "
    "azt mondta, hogy az olvasók a polgármesteri hivatalban adhatják le a könyveket.",
    "sv": "Biblioteket stänger i två veckor i augusti medan taket lagas, och kommunen sa att "
    "låntagarna kan lämna tillbaka sina böcker i stadshuset.",
    "fi": "Kirjasto on kiinni kaksi viikkoa elokuussa, kun kattoa korjataan, ja kaupunki "
    "sanoi, että lainaajat voivat palauttaa kirjat kaupungintalolle.",
    "da": "Biblioteket lukker i to uger i august, mens taget bliver repareret, og kommunen "
    "sagde, at lånerne kan aflevere deres bøger på rådhuset.",
    "no": "Biblioteket stenger i to uker i august mens taket blir reparert, og kommunen sa at "
    "lånerne kan levere bøkene sine på rådhuset.",
    "zh": "图书馆将在八月关闭两周以修理屋顶，市政府表示读者可以把书还到市政厅。",
    "ja": "図書館は屋根の修理のため八月に二週間休館し、市は本を市役所に返却できると述べた。",
    "ko": "도서관은 지붕 수리를 위해 8월에 2주 동안 문을 닫으며, 시는 책을 시청에 반납할 수 있다고 밝혔다.",
    "ru": "Библиотека закроется на две недели в августе на ремонт крыши, а в мэрии сказали, "
    "что читатели смогут сдать книги в ратуше.",
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_each_language_on_a_short_paragraph(lang):
    assert detect_language(PARAGRAPHS[lang]) == lang


@pytest.mark.parametrize(
    "text",
    [
        "Angela Merkel and Emmanuel Macron met in São Paulo, where the mayor, João da Silva, "
        "said the plan was muito bom and that the talks would continue.",
        "The striker, who joined from Real Madrid, said the dressing room at Borussia "
        "Mönchengladbach was full of characters, from Herr Müller to the kit man.",
        "Critics called the film a succès de scandale, but the director said he had "
        "always wanted to make a comedy about la dolce vita and its discontents.",
        "Premier Li Qiang met officials from Beijing and Tokyo on Monday (会议 in the "
        "original) and said the two sides had agreed to talk again.",
        "The band, from Malmö, have sold out the Olympia in Paris and the Teatro Real in "
        "Madrid; their singer said it was the best year they had ever had.",
    ],
)
def test_english_with_foreign_names_and_words_stays_english(text):
    assert detect_language(text) == "en"


def test_english_with_a_short_foreign_quote_stays_english():
    text = (
        "The minister told reporters that the budget would be balanced by next year. "
        "“C’est la vie,” she added with a shrug, before she left the room for a meeting "
        "with the unions, who have said they will strike if wages are not raised."
    )
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "OK", "Hello", "Paris", "東京", "2024", "!!!"])
def test_empty_or_very_short_text_is_undetermined(text):
    assert detect_language(text) == "und"


def test_a_german_article_quoting_english_stays_german():
    text = (
        "Der Sänger sagte am Abend, dass die Tournee „the best time of my life“ gewesen sei. "
        "Die Konzerte in Berlin und Hamburg waren ausverkauft, und die Band will im "
        "nächsten Jahr wiederkommen."
    )
    assert detect_language(text) == "de"


def test_only_the_first_characters_are_read():
    text = " ".join([PARAGRAPHS["fr"]] * 20 + [PARAGRAPHS["en"]] * 200)
    assert detect_language(text) == "fr"


def test_fast_on_a_long_article():
    article = " ".join([PARAGRAPHS["en"]] * 75)  # about 2,000 words
    assert len(article.split()) >= 2000
    detect_language(article)
    best = min(_timed(article) for _ in range(20))
    assert best < 0.005  # well under 1 ms on an idle machine; slack for a busy one


def _timed(text: str) -> float:
    t0 = time.perf_counter()
    detect_language(text)
    return time.perf_counter() - t0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_returns_a_code(text):
    code = detect_language(text)
    assert code == "und" or (len(code) == 2 and code.isalpha() and code.islower())
