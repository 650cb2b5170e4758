from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.library.contents import contents
from reader.library.loader import load_text
from reader.ui.history import JumpHistory


def test_back_and_forward_retrace_the_jumps():
    history = JumpHistory()
    history.jump("A", "B")
    history.jump("B", "C")
    assert history.back("C") == "B"
    assert history.back("B") == "A"
    assert history.back("A") is None
    assert history.forward("A") == "B"
    assert history.forward("B") == "C"
    assert history.forward("C") is None


def test_a_new_jump_after_going_back_drops_the_forward_places():
    history = JumpHistory()
    history.jump("A", "B")
    history.jump("B", "C")
    assert history.back("C") == "B"
    history.jump("B", "D")
    assert history.forward("D") is None
    assert history.back("D") == "B"
    assert history.back("B") == "A"


def test_a_jump_that_goes_nowhere_is_not_recorded_and_the_oldest_go_first():
    history = JumpHistory(limit=3)
    history.jump("A", "A")
    assert len(history) == 0
    for here, there in zip("ABCDE", "BCDEF", strict=True):
        history.jump(here, there)
    assert len(history) == 3
    assert [history.back("F"), history.back("E"), history.back("D"), history.back("C")] == [
        "E", "D", "C", None]


@given(st.lists(st.tuples(st.sampled_from(["jump", "back", "forward"]), st.integers(0, 5))))
def test_back_and_forward_only_return_places_that_were_visited(steps):
    history = JumpHistory(limit=4)
    here, visited = 0, {0}
    for step, place in steps:
        if step == "jump":
            history.jump(here, place)
            here = place
            visited.add(here)
        else:
            went = history.back(here) if step == "back" else history.forward(here)
            if went is not None:
                assert went in visited
                here = went


def test_contents_lists_the_headings_in_order():
    article = load_text(
        "# The book\n\nIntro.\n\n## First chapter\n\nText.\n\n### A part\n\nMore.\n\n## Second\n\nEnd.\n",
        "book.md",
        "md",
    )
    assert [(h.level, h.text) for h in contents(article)] == [
        (2, "First chapter"), (3, "A part"), (2, "Second")]
    assert all(article.blocks[h.block].text == h.text for h in contents(article))
