"""The config file's core (reader/config.py): reading, checking, writing."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import config as config_module
from reader.config import (
    ALL_LAYERS,
    DEFAULT_COLOURS,
    ERROR,
    LAYER_NAMES,
    SORT_ORDERS,
    WARNING,
    Config,
    ConfigError,
    ConfigExistsError,
    Problem,
    check_keys,
    config_path,
    default_config_text,
    format_problem,
    init_config,
    key_lines,
    load_config,
    parse_colour,
)

REPO = Path(__file__).resolve().parent.parent
THEMES = frozenset({"textual-dark", "textual-light", "nord", "gruvbox"})
BINDING_IDS = frozenset({"next-article", "previous-article", "quit", "find"})


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, **known) -> tuple[Config, list[Problem]]:
    return load_config(write(tmp_path, text), **known)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [format_problem(p) for p in problems]
    return problems[0]


# -- the file as a whole ---------------------------------------------------------------


def test_missing_file_is_the_defaults_without_a_problem(tmp_path):
    config, problems = load_config(tmp_path / "nowhere" / "config.toml")
    assert problems == []
    assert config == Config()
    assert config.set_in_file == frozenset()


def test_empty_file_is_the_defaults(tmp_path):
    config, problems = load(tmp_path, "")
    assert problems == [] and config == Config()


def test_defaults_are_what_ships():
    config = Config()
    assert config.theme == "textual-dark"
    assert config.sidebar_width == 38
    assert config.text_width == 76
    assert config.sidebar_sort == "added"
    assert config.library_folders == ()
    assert config.keymap == {}
    assert config.layers_on == ALL_LAYERS
    assert config.layers_on == frozenset(LAYER_NAMES.values())
    assert dict(config.layer_colours) == dict(DEFAULT_COLOURS)


def test_a_valid_file_gives_every_setting(tmp_path):
    text = """\
theme = "nord"

[sidebar]
width = 30
sort = "title"

[article]
width = 72

[library]
folders = ["/srv/articles", "/srv/papers"]

[layers]
on = ["quotes", "Person", "group"]

[highlights]
person = "#abc"
group = "rgb(1, 2, 3)"

[keymap]
next-article = "ctrl+n, right_square_bracket"
quit = "ctrl+q"
"""
    config, problems = load(tmp_path, text, known_themes=THEMES, known_binding_ids=BINDING_IDS)
    assert problems == []
    assert config.theme == "nord"
    assert config.sidebar_width == 30
    assert config.sidebar_sort == "title"
    assert config.text_width == 72
    assert config.library_folders == (Path("/srv/articles"), Path("/srv/papers"))
    assert config.layers_on == frozenset({"QUOTES", "PERSON", "NORP"})
    assert config.layer_colours["PERSON"] == "#aabbcc"
    assert config.layer_colours["NORP"] == "#010203"
    assert config.layer_colours["ORG"] == DEFAULT_COLOURS["ORG"]  # not given: default
    assert dict(config.keymap) == {"next-article": "ctrl+n,right_square_bracket", "quit": "ctrl+q"}
    assert config.set_in_file == {
        "theme",
        "sidebar.width",
        "sidebar.sort",
        "article.width",
        "library.folders",
        "layers.on",
        "highlights.person",
        "highlights.group",
        "keymap.next-article",
        "keymap.quit",
    }


def test_dotted_keys_and_inline_tables_are_read_too(tmp_path):
    config, problems = load(tmp_path, "sidebar.width = 20\narticle = { width = 60 }\n")
    assert problems == []
    assert (config.sidebar_width, config.text_width) == (20, 60)


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf[sidebar]\nwidth = 25\n")
    config, problems = load_config(path)
    assert problems == [] and config.sidebar_width == 25


def test_path_may_be_a_string(tmp_path):
    path = write(tmp_path, "[article]\nwidth = 70\n")
    config, problems = load_config(str(path))
    assert problems == [] and config.text_width == 70
    assert config.path == path


def test_syntax_error_gives_its_line_and_column_and_the_defaults(tmp_path):
    config, problems = load(tmp_path, "[sidebar]\nwidth = 30\nsort = = 'title'\n")
    problem = only(problems)
    assert problem.line == 3
    assert problem.key is None
    assert problem.severity == ERROR
    assert "syntax" in problem.message and "column 8" in problem.message
    assert "(at line" not in problem.message  # tomllib's suffix is rewritten
    assert config == Config()  # nothing can be trusted in a file that does not parse


def test_syntax_error_at_the_end_of_the_file_points_at_its_last_line(tmp_path):
    _, problems = load(tmp_path, "[sidebar]\nwidth = 30\nsort = ")
    problem = only(problems)
    assert problem.line == 3
    assert "end of the file" in problem.message


def test_a_duplicate_key_is_a_syntax_error(tmp_path):
    _, problems = load(tmp_path, "[sidebar]\nwidth = 30\n\n[sidebar]\nwidth = 31\n")
    assert only(problems).line == 4


def test_folder_instead_of_a_file(tmp_path):
    folder = tmp_path / "config.toml"
    folder.mkdir()
    config, problems = load_config(folder)
    problem = only(problems)
    assert problem.line is None and problem.key is None
    assert "folder" in problem.message
    assert config == Config()


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "[sidebar]\nwidth = 30\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(config_module, "open", refuse, raising=False)
    config, problems = load_config(path)
    problem = only(problems)
    assert "cannot be read" in problem.message and "Permission denied" in problem.message
    assert problem.line is None
    assert config == Config()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_for_real(tmp_path):
    path = write(tmp_path, "[sidebar]\nwidth = 30\n")
    path.chmod(0)
    try:
        config, problems = load_config(path)
    finally:
        path.chmod(0o600)
    assert "cannot be read" in only(problems).message
    assert config == Config()


def test_non_utf8_file_gives_the_line_and_column_of_the_bad_byte(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes("[sidebar]\nwidth = 30\n# caf\xe9\n".encode("latin-1"))
    config, problems = load_config(path)
    problem = only(problems)
    assert problem.line == 3
    assert (
        "UTF-8" in problem.message and "0xe9" in problem.message and "column 6" in problem.message
    )
    assert config == Config()


def test_dangling_symlink_is_reported(tmp_path):
    link = tmp_path / "config.toml"
    link.symlink_to(tmp_path / "gone.toml")
    config, problems = load_config(link)
    assert "does not exist" in only(problems).message
    assert config == Config()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_not_opened(tmp_path):
    pipe = tmp_path / "config.toml"
    os.mkfifo(pipe)
    config, problems = load_config(pipe)  # would block for ever if opened
    assert "not a regular file" in only(problems).message
    assert config == Config()


def test_a_huge_file_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(config_module, "MAX_CONFIG_BYTES", 100)
    config, problems = load(tmp_path, "# " + "x" * 200 + "\n[sidebar]\nwidth = 30\n")
    assert "larger than" in only(problems).message
    assert config == Config()


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path):
    config, problems = load(tmp_path, "a = " + "[" * 50_000)
    assert len(problems) == 1
    assert config == Config()


# -- settings one by one ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "line", "wanted"),
    [
        ("theme = 5\n", "theme", 1, "theme name"),
        ("[sidebar]\nwidth = 'wide'\n", "sidebar.width", 2, "whole number"),
        ("[sidebar]\nwidth = 30.5\n", "sidebar.width", 2, "whole number"),
        ("[sidebar]\nwidth = true\n", "sidebar.width", 2, "whole number"),
        ("[sidebar]\nsort = 1\n", "sidebar.sort", 2, '"title"'),
        ("\n[article]\n\nwidth = [80]\n", "article.width", 4, "whole number"),
        ("[library]\nfolders = '~/articles'\n", "library.folders", 2, "array of paths"),
        ("[layers]\non = 'quotes'\n", "layers.on", 2, "array of layer names"),
        ("[highlights]\nperson = 0x6cb6ff\n", "highlights.person", 2, "colour string"),
        ("[keymap]\nquit = ['q']\n", "keymap.quit", 2, "string of keys"),
        ("sidebar = 3\n", "sidebar", 1, "table"),
        ("theme = 1979-05-27\n", "theme", 1, "theme name"),
    ],
)
def test_wrong_types_are_reported_and_the_default_kept(tmp_path, text, key, line, wanted):
    config, problems = load(tmp_path, text)
    problem = only(problems)
    assert problem.key == key
    assert problem.line == line
    assert problem.severity == ERROR
    assert wanted in problem.message
    assert "default" in problem.message
    assert config == Config()


def test_a_wrong_value_keeps_everything_else(tmp_path):
    text = "[sidebar]\nwidth = -4\nsort = 'length'\n\n[article]\nwidth = 70\n"
    config, problems = load(tmp_path, text)
    assert only(problems).key == "sidebar.width"
    assert config.sidebar_width == 38
    assert config.sidebar_sort == "length"
    assert config.text_width == 70
    assert "sidebar.width" not in config.set_in_file
    assert "sidebar.sort" in config.set_in_file


@pytest.mark.parametrize(
    ("text", "key", "line", "hint"),
    [
        ("[sidebar]\nwidht = 30\n", "sidebar.widht", 2, '"width"'),
        ("colour = 'red'\n", "colour", 1, ""),
        ("\n[colors]\nperson = 'red'\n", "colors", 2, ""),
        ("[article]\n# a comment\nwrap = true\n", "article.wrap", 3, ""),
        ("thme = 'nord'\n", "thme", 1, '"theme"'),
    ],
)
def test_unknown_keys_are_warnings(tmp_path, text, key, line, hint):
    config, problems = load(tmp_path, text)
    problem = only(problems)
    assert problem.severity == WARNING
    assert (problem.key, problem.line) == (key, line)
    assert "unknown" in problem.message and "ignored" in problem.message
    assert hint in problem.message
    assert config == Config()


def test_theme_is_checked_against_the_known_names(tmp_path):
    config, problems = load(tmp_path, 'theme = "nrod"\n', known_themes=THEMES)
    problem = only(problems)
    assert problem.key == "theme" and problem.line == 1
    assert 'did you mean "nord"' in problem.message
    assert config.theme == "textual-dark"


def test_any_theme_when_no_names_are_known(tmp_path):
    config, problems = load(tmp_path, 'theme = "my-own"\n')
    assert problems == [] and config.theme == "my-own"


def test_empty_theme(tmp_path):
    config, problems = load(tmp_path, 'theme = "  "\n')
    assert only(problems).key == "theme"
    assert config.theme == "textual-dark"


@pytest.mark.parametrize("value", [0, -1, -38, 1001, 2**63 - 1])
@pytest.mark.parametrize("table", ["sidebar", "article"])
def test_widths_out_of_range(tmp_path, table, value):
    config, problems = load(tmp_path, f"[{table}]\nwidth = {value}\n")
    problem = only(problems)
    assert problem.key == f"{table}.width" and problem.line == 2
    assert str(value) in problem.message
    assert config == Config()


@pytest.mark.parametrize("value", [1, 1000])
def test_widths_at_the_limits(tmp_path, value):
    config, problems = load(tmp_path, f"[sidebar]\nwidth = {value}\n[article]\nwidth = {value}\n")
    assert problems == []
    assert config.sidebar_width == config.text_width == value


def test_unknown_sort_order(tmp_path):
    config, problems = load(tmp_path, "[sidebar]\nsort = 'newest'\n")
    problem = only(problems)
    assert problem.key == "sidebar.sort" and problem.line == 2
    assert all(f'"{name}"' in problem.message for name in SORT_ORDERS)
    assert config.sidebar_sort == "added"


@pytest.mark.parametrize("order", sorted(SORT_ORDERS))
def test_every_sort_order(tmp_path, order):
    config, problems = load(tmp_path, f"[sidebar]\nsort = ' {order.upper()} '\n")
    assert problems == [] and config.sidebar_sort == order


# -- colours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("#abc", "#aabbcc"),
        ("#ABC", "#aabbcc"),
        ("#6cb6ff", "#6cb6ff"),
        (" #6CB6FF ", "#6cb6ff"),
        ("rgb(1,2,3)", "#010203"),
        ("rgb( 255 , 0 , 16 )", "#ff0010"),
        ("bright_red", "#ff0000"),
        ("Red", "#800000"),
        ("red\n", "#800000"),
        ("grey50", "#808080"),
        ("color(9)", "#ff0000"),
    ],
)
def test_colours_are_normalised(value, expected):
    assert parse_colour(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        " ",
        "#12",
        "#12345",
        "#1234567",
        "#ggg",
        "blurple",
        "default",
        "rgb(300,0,0)",
        "rgb(1,2)",
        "6cb6ff",
        "#abc def",
        "rgb(1,2,3",
        "\u202e#abc",
    ],
)
def test_not_colours(value):
    assert parse_colour(value) is None


def test_bad_colour_is_reported_and_the_other_colours_kept(tmp_path):
    text = "[highlights]\nquotes = '#fff'\nperson = 'blurple'\nplace = '#123456'\n"
    config, problems = load(tmp_path, text)
    problem = only(problems)
    assert problem.key == "highlights.person" and problem.line == 3
    assert '"blurple" is not a colour' in problem.message
    assert config.layer_colours["PERSON"] == DEFAULT_COLOURS["PERSON"]
    assert config.layer_colours["QUOTES"] == "#ffffff"
    assert config.layer_colours["PLACE"] == "#123456"


def test_colours_are_kept_by_the_apps_layer_names(tmp_path):
    config, problems = load(tmp_path, "[highlights]\nGroup = '#010101'\n")
    assert problems == []
    assert config.layer_colours["NORP"] == "#010101"
    assert set(config.layer_colours) == ALL_LAYERS


# -- layers --------------------------------------------------------------------------


def test_unknown_layer_in_the_highlights(tmp_path):
    config, problems = load(tmp_path, "[highlights]\npersn = '#fff'\n")
    problem = only(problems)
    assert problem.key == "highlights.persn" and problem.line == 2
    assert "unknown layer" in problem.message and '"person"' in problem.message
    assert config == Config()


def test_unknown_layer_in_the_layers_on_is_left_out(tmp_path):
    config, problems = load(tmp_path, "[layers]\non = ['quotes', 'peeple', 3, 'money']\n")
    assert [p.key for p in problems] == ["layers.on", "layers.on"]
    assert all(p.line == 2 for p in problems)
    assert "peeple" in problems[0].message and "quotes, person" in problems[0].message
    assert config.layers_on == frozenset({"QUOTES", "MONEY"})


def test_no_layers_on(tmp_path):
    config, problems = load(tmp_path, "[layers]\non = []\n")
    assert problems == [] and config.layers_on == frozenset()
    assert "layers.on" in config.set_in_file


# -- keymap --------------------------------------------------------------------------


def test_unknown_binding_id(tmp_path):
    text = "[keymap]\nquit = 'ctrl+q'\nnext-artcle = 'ctrl+n'\n"
    config, problems = load(tmp_path, text, known_binding_ids=BINDING_IDS)
    problem = only(problems)
    assert problem.key == "keymap.next-artcle" and problem.line == 3
    assert problem.severity == WARNING
    assert 'did you mean "next-article"' in problem.message
    assert dict(config.keymap) == {"quit": "ctrl+q"}


def test_any_binding_id_when_none_are_known(tmp_path):
    config, problems = load(tmp_path, "[keymap]\n'whatever.id' = 'x'\n")
    assert problems == [] and dict(config.keymap) == {"whatever.id": "x"}


@pytest.mark.parametrize(
    ("keys", "reason"),
    [
        ("", "no key"),
        ("   ", "no key"),
        ("ctrl+ n", "no spaces"),
        ("ctrl +n", "no spaces"),
        ("ctrl+n,,j", "empty key"),
        ("ctrl+n,", "empty key"),
        (",", "empty key"),
        ("ctrl+", '"+" must join'),
        ("ctrl++", '"+" must join'),
        ("+n", '"+" must join'),
        ("ctlr+n", 'unknown modifier "ctlr"'),
        ("j,cmd+k", 'unknown modifier "cmd"'),
        ("ctrl+\x1b", "control character"),
    ],
)
def test_bad_key_strings(keys, reason):
    normalised, why = check_keys(keys)
    assert normalised is None
    assert reason in why


@pytest.mark.parametrize(
    ("keys", "normalised"),
    [
        ("ctrl+n", "ctrl+n"),
        ("ctrl+n, j", "ctrl+n,j"),
        (" j , k ", "j,k"),
        ("+", "+"),
        ("question_mark", "question_mark"),
        ("ctrl+shift+up", "ctrl+shift+up"),
        ("Ctrl+N", "Ctrl+N"),
        ("é", "é"),
    ],
)
def test_good_key_strings(keys, normalised):
    assert check_keys(keys) == (normalised, None)


def test_bad_key_string_in_the_file_keeps_the_binding(tmp_path):
    text = "[keymap]\nquit = 'ctrl+q'\n\nfind = 'ctrl + f'\n"
    config, problems = load(tmp_path, text, known_binding_ids=BINDING_IDS)
    problem = only(problems)
    assert problem.key == "keymap.find" and problem.line == 4
    assert "no spaces" in problem.message and "keeps its key" in problem.message
    assert dict(config.keymap) == {"quit": "ctrl+q"}


# -- library folders ----------------------------------------------------------------------


def test_folders_expand_the_home_and_start_relative_paths_at_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    text = "[library]\nfolders = ['~/articles', 'papers', '/abs', 'papers']\n"
    config, problems = load(tmp_path, text)
    assert problems == []
    assert config.library_folders == (
        tmp_path / "home" / "articles",
        tmp_path / "papers",
        Path("/abs"),
    )


def test_bad_folders_are_left_out_and_the_rest_kept(tmp_path):
    text = '[library]\nfolders = ["/a", 5, "", "/b\\u0000c", "/d"]\n'
    config, problems = load(tmp_path, text)
    assert [p.key for p in problems] == ["library.folders"] * 3
    assert all(p.line == 2 and p.severity == ERROR for p in problems)
    assert config.library_folders == (Path("/a"), Path("/d"))


# -- line numbers ----------------------------------------------------------------------


def test_key_lines():
    text = """\
# comment
theme = "x"
[sidebar]  # the sidebar
width = 3
"quoted.key" = 1
notes = \"\"\"
fake = 1
\"\"\"
after = 2
[ "keymap" ]
next-article = "n"
a.b . c = 1
[[array]]
item = 1
"""
    lines = key_lines(text)
    assert lines[("theme",)] == 2
    assert lines[("sidebar",)] == 3
    assert lines[("sidebar", "width")] == 4
    assert lines[("sidebar", "quoted.key")] == 5
    assert ("sidebar", "fake") not in lines  # inside a multi-line string
    assert lines[("sidebar", "after")] == 9
    assert lines[("keymap",)] == 10
    assert lines[("keymap", "next-article")] == 11
    assert lines[("keymap", "a", "b", "c")] == 12
    assert lines[("keymap", "a")] == 12
    assert lines[("array", "item")] == 14


def test_a_key_inside_an_inline_table_points_at_the_table(tmp_path):
    _, problems = load(tmp_path, "\n\nsidebar = { width = -1 }\n")
    problem = only(problems)
    assert problem.key == "sidebar.width" and problem.line == 3


def test_a_dotted_key_at_the_root_has_its_line(tmp_path):
    _, problems = load(tmp_path, "theme = 'x'\nsidebar.width = -1\n")
    assert only(problems).line == 2


# -- showing problems ------------------------------------------------------------------


def test_format_problem():
    path = Path("/home/me/.config/limelight/config.toml")
    assert (
        format_problem(Problem(path, 3, "sidebar.width", "must be from 1 to 1000 columns"))
        == "/home/me/.config/limelight/config.toml:3: sidebar.width: must be from 1 to 1000 columns"
    )
    assert format_problem(Problem(path, None, None, "is a folder")) == f"{path}: is a folder"
    assert (
        format_problem(Problem(path, 7, None, "TOML syntax error"))
        == f"{path}:7: TOML syntax error"
    )


def test_format_problem_is_one_line_with_invisible_characters_shown(tmp_path):
    config, problems = load(tmp_path, '"evil\\u202e\\nkey" = 1\n')
    assert config == Config()
    line = format_problem(only(problems))
    assert "\n" not in line and "\u202e" not in line
    assert "evil\\u202e\\nkey" in line


def test_problems_quote_the_bad_value_safely(tmp_path):
    _, problems = load(tmp_path, '[sidebar]\nsort = "x\\u001b[31my"\n')
    line = format_problem(only(problems))
    assert "\x1b" not in line and "\\x1b" in line


# -- the default file ----------------------------------------------------------------------

SETTING_LINE = re.compile(r"^# ((?:[A-Za-z0-9_-]+|\"[^\"]*\") = .*)$", re.MULTILINE)


def uncommented(text: str) -> str:
    return SETTING_LINE.sub(r"\1", text)


def test_default_text_reads_back_as_the_defaults(tmp_path):
    config, problems = load(tmp_path, default_config_text())
    assert problems == []
    assert config == Config()
    assert config.set_in_file == frozenset()


def test_every_setting_uncommented_is_still_the_defaults(tmp_path):
    text = uncommented(default_config_text())
    assert text != default_config_text()
    config, problems = load(tmp_path, text, known_themes=THEMES)
    assert problems == []
    assert config == Config()
    expected = {
        "theme",
        "sidebar.width",
        "sidebar.sort",
        "article.width",
        "library.folders",
        "layers.on",
        "copy.citation",
        "web.connect_timeout",
        "web.timeout",
        "web.max_megabytes",
        *(f"highlights.{name}" for name in LAYER_NAMES),
    }
    assert config.set_in_file == expected  # every setting is in the default file


def test_the_default_text_lists_every_binding_given(tmp_path):
    bindings = {"next-article": "right_square_bracket", "quit": "q", "odd id": "x, y"}
    text = default_config_text(bindings)
    config, problems = load(tmp_path, text)
    assert problems == [] and config == Config()
    config, problems = load(tmp_path, uncommented(text))
    assert problems == []
    assert dict(config.keymap) == {
        "next-article": "right_square_bracket",
        "quit": "q",
        "odd id": "x,y",
    }


def test_the_default_text_explains_every_sort_order_and_layer():
    text = default_config_text()
    assert all(f'"{name}"' in text for name in SORT_ORDERS)
    assert all(f"# {name} = " in text for name in LAYER_NAMES)
    assert config_module.ENV_CONFIG in text


def test_init_config_writes_the_default_file_and_its_folders(tmp_path):
    path = tmp_path / "a" / "b" / "config.toml"
    assert init_config(path) == path
    assert path.read_text(encoding="utf-8") == default_config_text()
    config, problems = load_config(path)
    assert problems == [] and config == Config()


def test_init_config_never_overwrites(tmp_path):
    path = write(tmp_path, "[sidebar]\nwidth = 30\n")
    with pytest.raises(ConfigExistsError, match="already exists"):
        init_config(path)
    assert path.read_text(encoding="utf-8") == "[sidebar]\nwidth = 30\n"


def test_init_config_never_replaces_a_folder_or_follows_a_link(tmp_path):
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ConfigExistsError):
        init_config(folder)
    link = tmp_path / "link.toml"
    link.symlink_to(tmp_path / "target.toml")
    with pytest.raises(ConfigExistsError):
        init_config(link)
    assert not (tmp_path / "target.toml").exists()


def test_init_config_fails_clearly_when_it_cannot_write(tmp_path):
    blocker = write(tmp_path, "", name="file")
    with pytest.raises(ConfigError, match="cannot make the folder") as caught:
        init_config(blocker / "limelight" / "config.toml")
    assert not isinstance(caught.value, ConfigExistsError)


def test_init_config_removes_a_half_written_file(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config_module.os, "fsync", broken_fsync)
    with pytest.raises(ConfigError, match="No space left"):
        init_config(path)
    assert not path.exists()


def test_init_config_uses_the_config_path(tmp_path, monkeypatch):
    path = tmp_path / "here" / "config.toml"
    monkeypatch.setenv("LIMELIGHT_CONFIG", str(path))
    assert init_config() == path
    assert path.is_file()


# -- where the file is -----------------------------------------------------------------


def test_config_path_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LIMELIGHT_CONFIG", "~/my.toml")
    assert config_path() == tmp_path / "my.toml"


def test_config_path_defaults_to_the_platform_config_folder(tmp_path, monkeypatch):
    from platformdirs import user_config_path

    monkeypatch.delenv("LIMELIGHT_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    expected = user_config_path("limelight", appauthor=False) / "config.toml"
    assert config_path() == expected
    if sys.platform.startswith("linux"):
        assert expected == tmp_path / "xdg" / "limelight" / "config.toml"


def test_an_empty_environment_variable_is_ignored(monkeypatch):
    monkeypatch.setenv("LIMELIGHT_CONFIG", "")
    assert config_path().name == "config.toml"
    assert config_path() != Path("")


def test_load_config_reads_the_config_path(tmp_path, monkeypatch):
    path = write(tmp_path, "[article]\nwidth = 66\n", name="elsewhere.toml")
    monkeypatch.setenv("LIMELIGHT_CONFIG", str(path))
    config, problems = load_config()
    assert problems == [] and config.text_width == 66 and config.path == path


# -- the config is a value -----------------------------------------------------------------


def test_config_is_immutable_and_hashable(tmp_path):
    config, _ = load(tmp_path, "[keymap]\nquit = 'ctrl+q'\n[highlights]\nperson = '#fff'\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.theme = "nord"  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.keymap["quit"] = "q"  # type: ignore[index]
    with pytest.raises(TypeError):
        config.layer_colours["PERSON"] = "#000000"  # type: ignore[index]
    hash(config)
    assert Config().layer_colours is not None and DEFAULT_COLOURS["PERSON"] == "#6cb6ff"


# -- in step with the app ------------------------------------------------------------------


def test_layer_names_and_colours_match_the_app():
    from reader.ui.layers import LAYERS

    assert [layer.name for layer in LAYERS] == list(LAYER_NAMES.values())
    assert [layer.label.lower() for layer in LAYERS] == list(LAYER_NAMES)
    for layer in LAYERS:
        assert layer.colour == DEFAULT_COLOURS[layer.name], layer.name
        # drawn in its own colour variable, which the theme's palette defines
        assert f"$limelight-{layer.name.lower()}" in layer.style, layer.name


def test_the_stylesheet_takes_the_text_width_from_the_app():
    # The measure is the app's ($text-measure: the config's, or + / -), one rule for every block.
    css = (REPO / "styles" / "app.tcss").read_text(encoding="utf-8")
    rule = r"ArticleView > Static, ArticleView > LongText \{[^}]*?max-width: \$text-measure;"
    assert re.search(rule, css)
    assert not re.search(r"ArticleView > \w+ \{[^}]*?max-width: \d+;", css)


def test_default_theme_is_textuals():
    from textual.app import App

    assert App().theme == Config().theme


def test_normalised_colours_and_keys_are_what_textual_and_rich_read():
    from rich.style import Style as RichStyle
    from textual.app import _normalize_key_list
    from textual.style import Style as TextualStyle

    for value in ("#abc", "rgb(1, 2, 3)", "bright_red", "grey50", "dark_orange", "color(200)"):
        colour = parse_colour(value)
        TextualStyle.parse(f"bold {colour}")
        RichStyle.parse(f"bold {colour}")
    for keys in ("ctrl+n, j", "?", "ctrl+shift+up,+"):
        normalised, _ = check_keys(keys)
        assert _normalize_key_list(normalised) == _normalize_key_list(keys)


def test_importing_and_loading_stay_cheap(tmp_path):
    path = write(tmp_path, "[highlights]\nperson = 'red'\n[keymap]\nquit = 'q'\n")
    code = (
        "import sys\n"
        "import reader.config as c\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'platformdirs')"
        " or m.startswith('reader.ui')]\n"
        "assert not heavy, heavy\n"
        f"config, problems = c.load_config({str(path)!r})\n"
        "assert problems == [] and config.layer_colours['PERSON'] == '#800000'\n"
        "ui = [m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('reader.ui')]\n"
        "assert not ui, ui\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


# -- never raises ---------------------------------------------------------------------------

_TABLE_NAMES = ["sidebar", "article", "library", "layers", "highlights", "keymap", "other"]
_KEYS = [
    "theme",
    "width",
    "sort",
    "folders",
    "on",
    "quotes",
    "person",
    "group",
    "quit",
    "next-article",
    "x",
    '"a.b"',
    "sidebar.width",
    "keymap.quit",
]
_VALUES = [
    '"nord"',
    '"#abc"',
    '"rgb(1,2,3)"',
    '"ctrl+n, j"',
    '"ctrl+ n"',
    '"title"',
    "0",
    "-1",
    "38",
    "1e3",
    "true",
    "[]",
    '["quotes", "x", 1]',
    '["~/a", ""]',
    "{}",
    "{ width = 3 }",
    "1979-05-27T07:32:00Z",
    '"""\nx = 1\n"""',
    "[[1], [2]]",
    '"\\u0000"',
    "'red'",
    "nan",
    "99999999999999999999",
]

toml_like = st.lists(
    st.one_of(
        st.sampled_from(_TABLE_NAMES).map(lambda name: f"[{name}]"),
        st.tuples(st.sampled_from(_KEYS), st.sampled_from(_VALUES)).map(" = ".join),
        st.sampled_from(["", "# comment", "[[keymap]]", "[sidebar", "= 3", "\ufeff", "\x00"]),
    ),
    max_size=20,
).map("\n".join)


def _check_result(config: Config, problems: list[Problem]) -> None:
    assert isinstance(config, Config)
    assert 1 <= config.sidebar_width <= 1000 and 1 <= config.text_width <= 1000
    assert config.sidebar_sort in SORT_ORDERS
    assert config.layers_on <= ALL_LAYERS
    assert set(config.layer_colours) == ALL_LAYERS
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in config.layer_colours.values())
    assert all(isinstance(k, str) and check_keys(k)[0] == k for k in config.keymap.values())
    assert all(
        isinstance(folder, Path) and folder.is_absolute() for folder in config.library_folders
    )
    for problem in problems:
        assert problem.severity in (ERROR, WARNING)
        assert problem.line is None or problem.line >= 1
        line = format_problem(problem)
        assert "\n" not in line and "\r" not in line


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("config-fuzz")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), toml_like))
def test_arbitrary_text_never_raises(scratch, text):
    path = scratch / "config.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = load_config(path, known_themes=THEMES, known_binding_ids=BINDING_IDS)
    _check_result(*result)
    _check_result(*load_config(path))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(scratch, data):
    path = scratch / "bytes.toml"
    path.write_bytes(data)
    _check_result(*load_config(path))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_colours_and_keys_never_raise(text):
    colour = parse_colour(text)
    assert colour is None or re.fullmatch(r"#[0-9a-f]{6}", colour)
    keys, reason = check_keys(text)
    assert (keys is None) != (reason is None)
    if keys is not None:
        assert check_keys(keys) == (keys, None)  # normalising twice changes nothing


def test_copy_citation_is_a_boolean(tmp_path):
    config, problems = load(tmp_path, "[copy]\ncitation = true\n")
    assert problems == [] and config.copy_citation is True
    config, problems = load(tmp_path, '[copy]\ncitation = "yes"\n')
    assert config.copy_citation is False
    assert [(p.line, p.key) for p in problems] == [(2, "copy.citation")]
