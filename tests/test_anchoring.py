from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.store.anchoring import CONTEXT, Anchor, _context_score, _occurrences, anchor
from reader.store.annotations import make_annotation

PARAGRAPHS = [
    "The council met on Tuesday to discuss the budget for the coming year, which "
    "has been delayed twice already by disagreements over school funding.",
    "Ms Alvarez, who chairs the finance committee, said the plan would protect "
    "front-line services while cutting the cost of the new headquarters.",
    "Opposition members were not convinced. They argued that the savings were "
    "optimistic and that the reserves would be exhausted within three years.",
    "A final vote is expected next month, after a public consultation that will "
    "run until the end of the summer and include meetings in every district.",
]
BODY = "\n\n".join(PARAGRAPHS)


def span_of(body: str, text: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = body.index(text, at + 1)
    return at, at + len(text)


def note_on(body: str, text: str, nth: int = 0):
    start, end = span_of(body, text, nth)
    return make_annotation("art", body, start, end, note="n", title="Budget")


def test_make_annotation_takes_quote_and_32_characters_of_context():
    a = note_on(BODY, "protect front-line services")
    assert a.quote == "protect front-line services"
    assert a.prefix == BODY[a.start - 32 : a.start] and len(a.prefix) == 32
    assert a.suffix == BODY[a.end : a.end + 32] and len(a.suffix) == 32
    assert len(a.id) == 32 and int(a.id, 16) >= 0


def test_context_is_shorter_at_the_edges_of_the_body():
    a = make_annotation("art", BODY, 0, 11)
    assert a.prefix == "" and a.quote == "The council"
    b = make_annotation("art", BODY, len(BODY) - 8, len(BODY))
    assert b.suffix == ""


@pytest.mark.parametrize("span", [(0, 0), (5, 3), (-1, 4), (0, len(BODY) + 1)])
def test_make_annotation_rejects_empty_or_invalid_spans(span):
    with pytest.raises(ValueError):
        make_annotation("art", BODY, *span)


def test_unchanged_body_anchors_by_position():
    a = note_on(BODY, "the savings were optimistic")
    assert anchor(BODY, a) == Anchor(a.start, a.end, "position")


def test_insertion_before_the_passage_is_found_by_quote():
    a = note_on(BODY, "the savings were optimistic")
    edited = "An update was added at the top of the story.\n\n" + BODY
    found = anchor(edited, a)
    assert found is not None and found.method == "quote"
    assert edited[found.start : found.end] == a.quote
    assert found.start == a.start + len("An update was added at the top of the story.\n\n")


def test_insertion_inside_the_passage_is_found_fuzzily():
    passage = "who chairs the finance committee, said the plan would protect front-line services"
    a = note_on(BODY, passage)
    edited = BODY.replace("said the plan", "said on Monday the plan")
    found = anchor(edited, a)
    assert found is not None and found.method == "fuzzy"
    assert edited[found.start : found.end] == passage.replace("said the", "said on Monday the")


def test_large_insertion_inside_the_passage_is_found_between_intact_context():
    passage = "a public consultation that will run until the end of the summer"
    a = note_on(BODY, passage)
    inserted = "(which the mayor announced yesterday in a long statement) "
    edited = BODY.replace("that will run", f"that {inserted}will run")
    found = anchor(edited, a)
    assert found is not None and found.method == "fuzzy"
    assert edited[found.start : found.end] == passage.replace("that will", f"that {inserted}will")


def test_small_edits_inside_the_passage_are_found_fuzzily():
    a = note_on(BODY, "the reserves would be exhausted within three years")
    edited = BODY.replace("would be exhausted within three", "could be exhausted in three")
    found = anchor(edited, a)
    assert found is not None and found.method == "fuzzy"
    assert edited[found.start : found.end] == "the reserves could be exhausted in three years"


def test_deleted_passage_is_orphaned():
    a = note_on(BODY, PARAGRAPHS[2])
    edited = "\n\n".join(p for i, p in enumerate(PARAGRAPHS) if i != 2)
    assert anchor(edited, a) is None


def test_rewritten_passage_is_orphaned():
    a = note_on(BODY, "Opposition members were not convinced.")
    edited = BODY.replace("Opposition members were not convinced.", "Critics disagreed, loudly.")
    assert anchor(edited, a) is None


def test_passage_occurring_twice_is_told_apart_by_context():
    body = (
        "In March the price of bread rose sharply, bakers said.\n\n"
        "Nothing changed in April.\n\n"
        "In June the price of bread rose sharply, millers said."
    )
    second = note_on(body, "the price of bread rose sharply", nth=1)
    first = note_on(body, "the price of bread rose sharply", nth=0)
    # Move everything by inserting text at the top: offsets no longer hold.
    edited = "Prices: a timeline.\n\n" + body
    shift = len("Prices: a timeline.\n\n")
    found = anchor(edited, second)
    assert found == Anchor(second.start + shift, second.end + shift, "quote")
    found = anchor(edited, first)
    assert found == Anchor(first.start + shift, first.end + shift, "quote")


def test_passage_occurring_twice_with_the_other_one_first_now():
    body = "Alpha said yes. The vote passed. Beta said no. The vote passed. Gamma left."
    a = note_on(body, "The vote passed.", nth=1)  # the one after "Beta said no."
    swapped = "Beta said no. The vote passed. Gamma left. Alpha said yes. The vote passed. End."
    found = anchor(swapped, a)
    assert found is not None and found.method == "quote"
    assert swapped[found.start - 14 : found.start] == "Beta said no. "


def test_whitespace_changes_are_tolerated():
    passage = "Ms Alvarez, who chairs the finance committee, said the plan would protect"
    a = note_on(BODY, passage)
    edited = BODY.replace("Ms Alvarez, who", "Ms  Alvarez,\nwho").replace(
        "the plan ", "the\tplan  "
    )
    found = anchor(edited, a)
    assert found is not None and found.method == "fuzzy"
    assert " ".join(edited[found.start : found.end].split()) == passage


def test_moved_paragraph_is_found():
    a = note_on(BODY, "after a public consultation")
    moved = "\n\n".join([PARAGRAPHS[3], PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]])
    found = anchor(moved, a)
    assert found is not None and found.method == "quote"
    assert moved[found.start : found.end] == "after a public consultation"


def test_moved_and_edited_paragraph_is_found_fuzzily():
    a = note_on(BODY, "Opposition members were not convinced. They argued that the savings")
    para = PARAGRAPHS[2].replace("They argued", "They claimed")
    moved = "\n\n".join([para, PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3]])
    found = anchor(moved, a)
    assert found is not None and found.method == "fuzzy"
    assert moved[found.start : found.end] == (
        "Opposition members were not convinced. They claimed that the savings"
    )


def test_multi_paragraph_passage_survives_a_reflow():
    passage = PARAGRAPHS[1][-40:] + "\n\n" + PARAGRAPHS[2][:40]
    a = note_on(BODY, passage)
    edited = BODY.replace("\n\n", "\n")
    found = anchor(edited, a)
    assert found is not None
    assert edited[found.start : found.end].split() == passage.split()


def test_empty_body_orphans_everything():
    a = note_on(BODY, "the budget")
    assert anchor("", a) is None


def test_anchoring_is_fast_on_a_10000_word_article():
    rng = random.Random(5)
    words = (
        "market city council said minister water school energy plan trade "
        "week year people report police court club match season"
    ).split()
    body = "\n\n".join(" ".join(rng.choice(words) for _ in range(100)) + "." for _ in range(100))
    times = []
    for _ in range(10):
        start = rng.randrange(0, len(body) - 300)
        a = make_annotation("big", body, start, start + 150)
        middle = start + 75
        edited = body[:middle] + " newly inserted words " + body[middle:]
        began = time.perf_counter()
        found = anchor(edited, a)
        times.append(time.perf_counter() - began)
        assert found is not None and found.method == "fuzzy"
        assert found.start == start and found.end == start + 150 + len(" newly inserted words ")
    times.sort()
    assert times[len(times) // 2] < 0.05  # typically a few milliseconds


# -- properties ------------------------------------------------------------------

text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=400
)


@st.composite
def body_and_span(draw):
    body = draw(text)
    start = draw(st.integers(0, len(body) - 1))
    end = draw(st.integers(start + 1, len(body)))
    return body, start, end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body_and_span())
def test_property_unchanged_body_anchors_by_position(case):
    body, start, end = case
    a = make_annotation("p", body, start, end)
    assert anchor(body, a) == Anchor(start, end, "position")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body_and_span(), text, st.data())
def test_property_text_inserted_before_the_span_shifts_it(case, inserted, data):
    body, start, end = case
    a = make_annotation("p", body, start, end)
    at = data.draw(st.integers(0, start), label="insert at")
    edited = body[:at] + inserted + body[at:]
    shifted = Anchor(start + len(inserted), end + len(inserted), "quote")
    found = anchor(edited, a)
    assert found is not None and edited[found.start : found.end] == a.quote
    if len(_occurrences(edited, a.quote)) == 1:
        assert found == shifted
    elif at <= start - CONTEXT:
        # The shifted passage kept its whole context. Another occurrence can only
        # win if it is indistinguishable: the same text with the same context.
        window = edited[found.start - len(a.prefix) : found.end + len(a.suffix)]
        assert (found.start, found.end) == (shifted.start, shifted.end) or (
            found.start >= len(a.prefix) and window == a.prefix + a.quote + a.suffix
        )
    else:
        # The insertion went into the prefix: the occurrence chosen must fit the
        # stored context at least as well as the shifted passage does.
        chosen = _context_score(edited, found.start, found.end, a.prefix, a.suffix)
        truth = _context_score(edited, shifted.start, shifted.end, a.prefix, a.suffix)
        assert round(chosen, 6) >= round(truth, 6)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from("alpha beta gamma delta epsilon zeta eta theta".split()),
        min_size=20,
        max_size=200,
    ),
    st.data(),
)
def test_property_prose_with_insertions_before_anchors_exactly(words, data):
    body = " ".join(words)
    start = data.draw(st.integers(0, len(body) - 2))
    end = data.draw(st.integers(start + 1, min(len(body), start + 120)))
    a = make_annotation("p", body, start, end)
    assume(start >= CONTEXT)
    at = data.draw(st.integers(0, start - CONTEXT))
    inserted = data.draw(st.text(alphabet="xyz ", min_size=1, max_size=50))
    edited = body[:at] + inserted + body[at:]
    found = anchor(edited, a)
    assert found is not None and edited[found.start : found.end] == a.quote
    context = edited[found.start - len(a.prefix) : found.end + len(a.suffix)]
    assert found.start == start + len(inserted) or context == a.prefix + a.quote + a.suffix


def test_edited_passage_is_preferred_to_the_same_words_elsewhere():
    body = (
        "The new plan was announced on Monday by the health minister in London.\n\n"
        "Later, critics said the plan was unworkable, and unions agreed with them."
    )
    a = note_on(body, "the plan was unworkable")
    # The passage is edited in place; its old words now appear only elsewhere
    # ("the plan was" alone would not match: the whole quote must).
    edited = body.replace("the plan was unworkable", "the plans were unworkable") + (
        "\n\nAn unrelated line: the plan was unworkable."
    )
    found = anchor(edited, a)
    assert found is not None and found.method == "fuzzy"
    assert edited[found.start : found.end] == "the plans were unworkable"
