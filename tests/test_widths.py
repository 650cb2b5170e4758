"""Widths: the sidebar follows the window and hides itself when narrow, the
legend stays on one line, the footer shows whole keys, the body text keeps
a readable measure (``+`` / ``-``, kept across restarts), and a panel leaves
the text readable."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from reader.ui.app import LimelightApp
from reader.ui.layers import LAYERS
from reader.ui.legend import legend_content
from reader.ui.widths import (
    MEASURE_MAX,
    MEASURE_MIN,
    MEASURE_STEP,
    NARROW_BELOW,
    AutoHide,
    fit_in_order,
    measure_step,
    panel_width,
    sidebar_in_the_way,
    sidebar_width,
)
from tests.helpers import settle, wait_until, write

ALL = frozenset(layer.name for layer in LAYERS)
DIGITS = {layer.name: layer.key for layer in LAYERS}


# -- the rules, on their own ------------------------------------------------------------
@pytest.mark.parametrize(
    ("window", "expected"), [(60, 24), (80, 24), (100, 30), (120, 36), (160, 40), (300, 40)]
)
def test_the_sidebar_takes_about_30_percent_within_bounds(window, expected):
    assert sidebar_width(window) == expected


def test_a_configured_sidebar_width_wins_under_half_the_window():
    assert sidebar_width(160, configured=50) == 50
    assert sidebar_width(120, configured=20) == 20
    assert sidebar_width(80, configured=60) == 36  # 45% of 80: the text keeps some room


def test_the_panel_takes_about_30_percent_within_bounds():
    assert [panel_width(w) for w in (80, 120, 160, 200)] == [28, 36, 42, 42]


def test_the_sidebar_is_in_the_way_when_narrow_or_when_a_panel_needs_the_room():
    assert sidebar_in_the_way(NARROW_BELOW - 1, 24, None)
    assert not sidebar_in_the_way(NARROW_BELOW, 27, None)
    assert sidebar_in_the_way(120, 36, 36)  # 120 - 36 - 36 leaves the text 43 columns
    assert not sidebar_in_the_way(160, 40, 42)


def test_auto_hide_hides_and_shows_only_when_the_layout_changes():
    auto = AutoHide()
    assert auto.update(False, shown=True) is None  # wide at start: leave it
    assert auto.update(True, shown=True) is False  # narrowed: hide
    assert auto.update(True, shown=False) is None  # still narrow: nothing new
    assert auto.update(False, shown=False) is True  # wide again: show


def test_auto_hide_leaves_a_sidebar_the_reader_hid():
    auto = AutoHide()
    auto.update(True, shown=True)  # hidden by the narrow window
    auto.reader_toggled()  # t: shown...
    auto.reader_toggled()  # ...and t: hidden again, by the reader
    assert auto.update(False, shown=False) is None  # wider: it stays hidden


def test_auto_hide_leaves_a_sidebar_the_reader_showed_while_narrow():
    auto = AutoHide()
    auto.update(True, shown=True)
    auto.reader_toggled()  # t shows it at the narrow width
    assert auto.update(True, shown=True) is None  # a resize within the narrow band
    assert auto.update(False, shown=True) is None  # wider: shown already


def test_the_measure_moves_in_steps_within_bounds():
    assert measure_step(76, 1) == 76 + MEASURE_STEP
    assert measure_step(76, -1) == 76 - MEASURE_STEP
    assert measure_step(MEASURE_MAX, 1) == MEASURE_MAX
    assert measure_step(MEASURE_MIN, -1) == MEASURE_MIN
    assert measure_step(500, -1) == MEASURE_MAX - MEASURE_STEP  # from a configured 500


def test_fit_in_order_keeps_whole_items_in_order_and_the_kept_ones():
    assert fit_in_order([5, 5, 5], 12) == [True, True, False]
    # the kept last item has its room first; the others fill in order, whole
    assert fit_in_order([5, 5, 5, 4], 12, [False, False, False, True]) == [
        True,
        False,
        False,
        True,
    ]
    # a wide item stops the row: a later narrow one does not jump the queue
    assert fit_in_order([5, 9, 1], 10) == [True, False, False]
    # kept items that do not fit together: all in order
    assert fit_in_order([6, 6], 8, [True, True]) == [True, False]


@pytest.mark.parametrize("width", range(10, 130, 3))
def test_the_legend_is_one_line_that_fits_and_keeps_whole_entries(width):
    content = legend_content(ALL, width, DIGITS)
    text = content.plain
    assert "\n" not in text and content.cell_length <= width
    # every word in it is a whole label (full, short or three letters), a key, or nothing cut
    from reader.ui.legend import SHORT_LABELS, TINY_LABELS

    words = {layer.label for layer in LAYERS} | set(SHORT_LABELS.values())
    words |= set(TINY_LABELS.values()) | set(DIGITS.values())
    assert set(text.split()) <= words


def test_the_legend_is_full_when_wide_and_compact_when_narrow():
    full = legend_content(ALL, 120, DIGITS).plain
    assert "1 Quotes" in full and "0 Event" in full and "Quantity" in full
    compact = legend_content(ALL, 66, DIGITS).plain
    assert "Quantity" not in compact and compact.split()[0] == "1"
    assert len(compact.split()) == 2 * len(LAYERS)  # every layer, with its key
    keys_only = legend_content(ALL, 25, DIGITS).plain
    assert keys_only.split() == list("1234567890")


def test_the_legend_shows_the_keys_it_is_given():
    keys = dict(DIGITS, QUOTES="q", EVENT="")
    text = legend_content(ALL, 200, keys).plain
    assert text.startswith("q Quotes") and " Event" in text and "0 Event" not in text


# -- the app ------------------------------------------------------------------------------
def _text_column(app: LimelightApp):
    """The region of the article's body text (its first paragraph)."""
    return app.article_view._blocks[0].region


def _pane(app: LimelightApp):
    return app.article_view.region


async def test_the_sidebar_follows_the_window_and_hides_below_90_columns(seed_path):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.sidebar.display and app.sidebar.outer_size.width == 40
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: app.sidebar.outer_size.width == 36)
        await pilot.resize_terminal(80, 30)
        await wait_until(pilot, lambda: not app.sidebar.display)
        assert _pane(app).width == 80
        await pilot.press("t")  # t still shows it...
        await wait_until(pilot, lambda: app.sidebar.outer_size.width == 24)
        await pilot.press("t")  # ...and hides it
        await wait_until(pilot, lambda: not app.sidebar.display)
        await pilot.press("t")
        await pilot.resize_terminal(79, 30)  # a resize within the narrow band leaves it shown
        await pilot.pause()
        assert app.sidebar.display


async def test_growing_the_window_shows_the_sidebar_unless_the_reader_hid_it(seed_path):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        assert not app.sidebar.display  # narrow from the start
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: app.sidebar.display)
        await pilot.press("t")  # the reader hides it
        await pilot.resize_terminal(80, 30)
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert not app.sidebar.display


async def test_a_sidebar_width_in_the_config_wins(seed_path, limelight_home):
    (limelight_home / "config.toml").write_text("[sidebar]\nwidth = 50\n", encoding="utf-8")
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.sidebar.outer_size.width == 50
        await pilot.resize_terminal(80, 30)
        await wait_until(pilot, lambda: not app.sidebar.display)


@pytest.mark.parametrize(("width", "height"), [(80, 30), (120, 40), (160, 50)])
async def test_the_legend_is_one_line_without_a_cut_word(seed_path, width, height):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(width, height)) as pilot:
        await settle(pilot)
        legend = app.reader.legend
        assert legend.outer_size.height == 1
        text = legend.render().plain
        assert len(text) <= legend.content_region.width
        words = text.split()
        assert words[0] == "1" and "0" in words  # every layer's key, whole
        if width >= 120:
            assert "Quantity" in words  # the full names when there is room


async def test_the_legend_follows_the_keymap(seed_path, limelight_home):
    (limelight_home / "config.toml").write_text('[keymap]\nlayer-quotes = "Q"\n', encoding="utf-8")
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        words = app.reader.legend.render().plain.split()
        assert words[:2] == ["Q", "Quotes"] and "1" not in words


@pytest.mark.parametrize("width", [80, 160])
async def test_the_footer_shows_whole_keys_help_and_quit(seed_path, width):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(app.footer.query(FooterKey)))
        await pilot.pause()
        keys = [key for key in app.footer.query(FooterKey) if key.display]
        right = app.footer.region.right
        assert all(key.region.right <= right and key.region.width > 0 for key in keys)
        shown = {key.description for key in keys}
        assert {"Help", "Quit", "Scroll", "Find"} <= shown
        hidden = [key for key in app.footer.query(FooterKey) if not key.display]
        if width == 160:
            assert not hidden  # everything fits
        else:
            assert hidden and all(key.description not in ("Help", "Quit") for key in hidden)


@pytest.mark.parametrize(("width", "column"), [(80, 75), (120, 76), (160, 76)])
async def test_the_text_has_a_readable_measure_centred(seed_path, width, column):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        text, pane = _text_column(app), app.article_view.scrollable_content_region
        assert text.width == column
        assert abs((text.x - pane.x) - (pane.right - text.right)) <= 1  # centred


async def test_plus_and_minus_change_the_measure_kept_after_a_restart(seed_path):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("plus", "plus")
        await wait_until(pilot, lambda: _text_column(app).width == 76 + 2 * MEASURE_STEP)
        await pilot.press("minus")
        await wait_until(pilot, lambda: _text_column(app).width == 76 + MEASURE_STEP)
        await pilot.press("q")
    again = LimelightApp(paths=[seed_path])
    async with again.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert _text_column(again).width == 76 + MEASURE_STEP


async def test_the_measure_stops_at_its_bounds(seed_path):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*["minus"] * 20)
        await wait_until(pilot, lambda: _text_column(app).width == MEASURE_MIN)


async def test_a_text_width_in_the_config_wins_at_start(seed_path, limelight_home):
    (limelight_home / "config.toml").write_text("[article]\nwidth = 64\n", encoding="utf-8")
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert _text_column(app).width == 64


@pytest.mark.parametrize("width", [120, 160])
async def test_the_text_stays_readable_with_a_panel_open(seed_path, width):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        for panel in ("e", "w", "o"):
            await pilot.press(panel)
            await wait_until(pilot, lambda: app.panel.has_class("shown"))
            await pilot.pause()
            assert _text_column(app).width >= 66, panel
            await pilot.press(panel)  # the same key in the panel closes it
            await wait_until(pilot, lambda: not app.panel.has_class("shown"))
        await pilot.pause()
        assert app.sidebar.display  # back once the panel closed


async def test_the_sidebar_steps_aside_for_a_panel_at_120_and_comes_back(seed_path):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: not app.sidebar.display)
        assert app.panel.outer_size.width == 36
        await pilot.press("e")
        await wait_until(pilot, lambda: app.sidebar.display)


async def test_the_block_quotes_and_items_share_the_column(tmp_path):
    path = write(
        tmp_path,
        "lists.md",
        "# Lists\n\nA paragraph of text that is long enough to fill a line of the column.\n\n"
        "> A quoted paragraph.\n\n- an item\n- another\n",
    )
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        lefts = {block.region.x for block in app.article_view._blocks}
        assert len(lefts) == 1  # one column, whatever the kind of block


async def test_a_resize_in_zen_mode_is_fitted_when_leaving_it(seed_path):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert not app.sidebar.display
        await pilot.press("z")  # out of zen at 80 columns: the sidebar stays out of the way
        await pilot.pause()
        assert not app.zen and not app.sidebar.display
        await pilot.resize_terminal(160, 40)
        await wait_until(pilot, lambda: app.sidebar.display)


@pytest.mark.parametrize("saved", ["wide", 5, 999, True, 70.5])
def test_a_saved_text_width_out_of_bounds_gives_way_to_the_default(saved):
    from reader.config import Config
    from reader.store import Store
    from reader.ui.settings import TEXT_WIDTH_SETTING, Settings

    store = Store()
    store.set_setting(TEXT_WIDTH_SETTING, saved)
    settings = Settings(Config(), store, lambda action, *args: action(*args))
    assert settings.text_width() == Config().text_width
    settings.keep_text_width(84)
    assert Settings(Config(), store, lambda action, *args: action(*args)).text_width() == 84
    given = Config(text_width=64, set_in_file=frozenset({"article.width"}))
    assert Settings(given, store, lambda action, *args: action(*args)).text_width() == 64


async def test_the_reading_place_holds_when_the_measure_changes(seed_path):
    app = LimelightApp(paths=[seed_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        view = app.article_view
        await pilot.press("space", "space")
        await pilot.pause()
        block, offset, _ = view.reading_position()
        assert block > 3
        for key, width in (("minus", 72), ("minus", 68), ("plus", 72)):
            await pilot.press(key)
            await wait_until(pilot, lambda width=width: _text_column(app).width == width)
            await pilot.pause()
            now_block, now_offset, _ = view.reading_position()
            assert now_block == block and abs(now_offset - offset) < width, key


def test_config_show_says_an_unset_sidebar_width_follows_the_window():
    from reader.config import Config, settings_text

    assert "follows the window" in settings_text(Config())
    given = Config(sidebar_width=30, set_in_file=frozenset({"sidebar.width"}))
    assert "width = 30\n" in settings_text(given) and "follows" not in settings_text(given)


async def test_a_long_article_follows_the_measure_too(tmp_path):
    from reader.ui.article_view import LONG_BLOCKS

    paragraphs = (
        f"Paragraph {n} says a little more than nothing at all." for n in range(LONG_BLOCKS + 10)
    )
    path = write(tmp_path, "long.txt", "A long one\n\n" + "\n\n".join(paragraphs) + "\n")
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.article_view.long_text is not None)
        long_text = app.article_view.long_text
        await wait_until(pilot, lambda: long_text.region.width == 76)
        await pilot.press("plus")
        await wait_until(pilot, lambda: long_text.region.width == 80)
