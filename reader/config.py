"""Limelight's configuration file: find it, read and check it, write a default one.

Pure core (no Textual, no widgets): the app and the command line call it.

The file is TOML, at ``$LIMELIGHT_CONFIG`` when set, else ``config.toml`` in
the platform's user config folder (on Linux ``~/.config/limelight``). Every
setting is optional; a missing file means the defaults, which are what
Limelight ships with.

:func:`load_config` never raises on a bad file: a setting whose value is wrong
keeps its default, everything else in the file is kept, and each thing wrong
is returned as a :class:`Problem` with the file's path, the line (found by a
light scan of the text, since :mod:`tomllib` gives no positions) and the
setting's dotted name (``sidebar.width``, ``keymap.next-article``).
:func:`format_problem` prints one as ``PATH:LINE: key: message``.

Names that only the app knows are passed in: ``known_themes`` (Textual's
theme names) and ``known_binding_ids`` (the ids of the app's bindings, for
``[keymap]``). Layer names are fixed here, in :data:`LAYER_NAMES`, in the
same order as ``reader.ui.layers.LAYERS`` (a test keeps the two in step).

Importing this module is cheap: :mod:`re`; :mod:`tomllib` (only when a
config file is there), platformdirs and ``rich.color`` are imported only when
needed.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from reader.record import Frozen

if TYPE_CHECKING:
    import tomllib

ENV_CONFIG = "LIMELIGHT_CONFIG"
APP_NAME = "limelight"
CONFIG_NAME = "config.toml"
MAX_CONFIG_BYTES = 1_000_000  # a config file is a few kilobytes; /dev/zero is not one

# The highlight layers, as the config file names them (the legend's labels,
# lower case) -> the names the app uses (``Layer.name`` in reader/ui/layers.py),
# in the order of their keys 1 ... 9, 0.
LAYER_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "quotes": "QUOTES",
        "person": "PERSON",
        "org": "ORG",
        "place": "PLACE",
        "group": "NORP",
        "date": "DATE",
        "money": "MONEY",
        "percent": "PERCENT",
        "quantity": "QUANTITY",
        "event": "EVENT",
    }
)
# The text colour of each layer as shipped, for a dark background: the hue each
# layer keeps in every theme (reader/colours.py makes each theme's palette).
DEFAULT_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "QUOTES": "#f2d49b",
        "PERSON": "#6cb6ff",
        "ORG": "#d2a8ff",
        "PLACE": "#7ee787",
        "NORP": "#56d4dd",
        "DATE": "#ffa657",
        "MONEY": "#f0e68c",
        "PERCENT": "#ff7b72",
        "QUANTITY": "#e3b341",
        "EVENT": "#a5d6ff",
    }
)
ALL_LAYERS: frozenset[str] = frozenset(LAYER_NAMES.values())

# How the sidebar can order the library, with what each means.
SORT_ORDERS: Mapping[str, str] = MappingProxyType(
    {
        "added": "the order the library's sources were added (as Limelight has always listed it)",
        "title": "by title, A to Z",
        "read": "most recently read first",
        "length": "longest first",
        "date": "latest published first (a feed's or a page's date), undated after",
    }
)

DEFAULT_THEME = "textual-dark"
DEFAULT_SIDEBAR_WIDTH = 38
DEFAULT_TEXT_WIDTH = 76  # a readable measure; `+` / `-` change it in the app
DEFAULT_SORT = "added"
MIN_WIDTH = 1
MAX_WIDTH = 1000
# [web]: seconds to connect, seconds for a whole fetch, the largest page (MB)
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_WEB_TIMEOUT = 30.0
DEFAULT_MAX_MEGABYTES = 20.0
# What each [web] setting may be: (config name, Config field, lowest, highest, unit).
WEB_SETTINGS: tuple[tuple[str, str, float, float, str], ...] = (
    ("connect_timeout", "web_connect_timeout", 0.1, 600.0, "seconds"),
    ("timeout", "web_timeout", 0.1, 3600.0, "seconds"),
    ("max_megabytes", "web_max_megabytes", 0.01, 1000.0, "megabytes"),
)

# Modifiers Textual puts in key names ("ctrl+shift+up").
KEY_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})

ERROR = "error"  # a value was wrong: its default is used
WARNING = "warning"  # something unknown was ignored


class ConfigError(Exception):
    """The config file could not be written (:func:`init_config`)."""


class ConfigExistsError(ConfigError):
    """:func:`init_config` found a file already there and left it alone."""


class Problem(Frozen):
    """One thing wrong in the config file.

    ``line`` is 1-based, None when the problem is the file as a whole (it
    cannot be read); ``key`` the setting's dotted name (``sidebar.width``),
    None for the file as a whole or a syntax error. ``severity`` is
    :data:`ERROR` when a value was refused (its default is used) and
    :data:`WARNING` when something unknown was ignored.
    """

    __slots__ = ("path", "line", "key", "message", "severity")
    path: Path
    line: int | None
    key: str | None
    message: str
    severity: str

    def __init__(
        self, path: Path, line: int | None, key: str | None, message: str, severity: str = ERROR
    ) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "severity", severity)


@dataclass(frozen=True)
class Config:
    """Every setting, with the defaults Limelight ships with.

    Layer names here are the app's (``"QUOTES"``, ``"PERSON"``, ``"NORP"``…,
    as in ``reader.ui.layers``); colours are always ``#rrggbb``, which both
    Textual and Rich read. ``keymap`` is ready for ``App.set_keymap``.
    ``set_in_file`` holds the dotted names of the settings the file gave
    (validly), so a caller can tell a default from a choice (say, the layers
    the file turns on against those the reader last toggled); it and
    ``path`` are left out of comparisons.
    """

    theme: str = DEFAULT_THEME
    layer_colours: Mapping[str, str] = field(default_factory=lambda: DEFAULT_COLOURS, hash=False)
    layers_on: frozenset[str] = ALL_LAYERS
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    sidebar_width: int = DEFAULT_SIDEBAR_WIDTH
    sidebar_sort: str = DEFAULT_SORT
    text_width: int = DEFAULT_TEXT_WIDTH
    library_folders: tuple[Path, ...] = ()
    copy_citation: bool = False  # `y` adds a line naming the article and its source
    # [web]: fetching pages and feeds (reader/library/fetch.py)
    web_connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    web_timeout: float = DEFAULT_WEB_TIMEOUT
    web_max_megabytes: float = DEFAULT_MAX_MEGABYTES
    path: Path | None = field(default=None, compare=False)
    set_in_file: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def chosen_colours(self) -> Mapping[str, str]:
        """The layer colours the file sets (``[highlights]``), by layer name: they
        win over the theme's palette; the others follow the theme."""
        return MappingProxyType(
            {
                layer: self.layer_colours[layer]
                for name, layer in LAYER_NAMES.items()
                if f"highlights.{name}" in self.set_in_file and layer in self.layer_colours
            }
        )


# -- where the file is ------------------------------------------------------------


def config_path() -> Path:
    """``$LIMELIGHT_CONFIG`` when set (``~`` expanded), else ``config.toml`` in
    the platform's user config folder."""
    override = os.environ.get(ENV_CONFIG)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / CONFIG_NAME


# -- showing problems ---------------------------------------------------------------


def _visible(text: object) -> str:
    """``text`` on one line with every invisible or control character escaped
    (``\\n``, ``\\u202e``), so a problem shows exactly what the file holds."""
    text = str(text)
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable():
            out.append(char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return "".join(out)


def format_problem(problem: Problem) -> str:
    """One line: ``PATH:LINE: key: message`` (the line and key left out when unknown)."""
    where = _visible(problem.path)
    if problem.line is not None:
        where += f":{problem.line}"
    parts = [where]
    if problem.key:
        parts.append(_visible(problem.key))
    parts.append(_visible(problem.message))
    return ": ".join(parts)


def _show(value: Any) -> str:
    """A value as the file would spell it, short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    shown = str(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean "x"?)`` when one of ``choices`` is close to ``word``."""
    import difflib

    lowered = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f' (did you mean "{lowered[close[0]]}"?)' if close else ""


# -- checking values ----------------------------------------------------------------


def parse_colour(value: str) -> str | None:
    """``value`` as ``#rrggbb``, or None when it is not a colour.

    Accepts ``#rgb``, ``#rrggbb``, ``rgb(r, g, b)``, ``color(n)`` and Rich's
    colour names (``red``, ``bright_red``, ``grey50``, ``dark_orange``), case
    and surrounding spaces ignored. Names become their standard RGB, so the
    app and ``limelight analyze`` show the same colour; ``default`` is not a
    colour.
    """
    text = value.strip().lower()
    short = re.fullmatch(r"#([0-9a-f])([0-9a-f])([0-9a-f])", text)
    if short:
        return "#" + "".join(digit * 2 for digit in short.groups())
    if not text or not text.isascii() or not text.isprintable():
        return None
    from rich.color import Color, ColorParseError

    try:
        colour = Color.parse(text)
    except ColorParseError:
        return None
    if colour.is_default:
        return None
    red, green, blue = colour.get_truecolor()
    return f"#{red:02x}{green:02x}{blue:02x}"


def check_keys(keys: str) -> tuple[str | None, str | None]:
    """``(normalised, None)`` for a key string of a binding, else ``(None, reason)``.

    The shape Textual's ``App.set_keymap`` takes: keys separated by commas,
    each non-empty with no spaces inside (``"ctrl+n"``, ``"ctrl+n, j"``),
    modifiers among ctrl, shift, alt, meta, super and hyper. The result has
    the spaces around commas removed (``"ctrl+n,j"``). Whether a key name
    exists is Textual's business: an unknown one is never pressed.
    """
    if not keys.strip():
        return None, "no key given"
    parts = [part.strip() for part in keys.split(",")]
    for part in parts:
        if not part:
            return None, 'an empty key between commas (the comma key is "comma")'
        if any(char.isspace() for char in part):
            return None, f'"{part}": no spaces inside a key'
        if not part.isprintable():
            return None, f'"{part}": a control character in a key'
        if len(part) == 1:
            continue  # "+" is a key of its own
        segments = part.split("+")
        if any(not segment for segment in segments):
            return None, f'"{part}": a "+" must join a modifier and a key (the + key is "plus")'
        for modifier in segments[:-1]:
            if modifier.lower() not in KEY_MODIFIERS:
                known = ", ".join(sorted(KEY_MODIFIERS))
                return None, f'"{part}": unknown modifier "{modifier}" (modifiers: {known})'
    return ",".join(parts), None


# -- finding lines ------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _parse_key(text: str, start: int) -> tuple[list[str], int] | None:
    """A dotted TOML key at ``text[start:]``: its parts and where it ends."""
    parts: list[str] = []
    i = start
    n = len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            return None
        if text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                return None
            raw = text[i : j + 1]
            import tomllib

            try:
                parts.append(tomllib.loads(f"k = {raw}")["k"])
            except tomllib.TOMLDecodeError:
                parts.append(raw[1:-1])
            i = j + 1
        elif text[i] == "'":
            j = text.find("'", i + 1)
            if j < 0:
                return None
            parts.append(text[i + 1 : j])
            i = j + 1
        else:
            match = _BARE_KEY.match(text, i)
            if not match:
                return None
            parts.append(match.group())
            i = match.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ".":
            i += 1
            continue
        return parts, i


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line (1-based) where each table and key of a TOML text is first
    written, by dotted path (``("sidebar", "width")``).

    A light scan, not a parser: table headers and ``key =`` lines, skipping
    the inside of multi-line strings. Good enough to point at a line.
    """
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string: str | None = None  # the delimiter of a multi-line string we are in
    for number, line in enumerate(text.splitlines(), 1):
        if in_string is not None:
            if line.count(in_string) % 2:
                in_string = None
            continue
        stripped = line.lstrip()
        if stripped.startswith("["):
            double = stripped.startswith("[[")
            parsed = _parse_key(stripped, 2 if double else 1)
            if parsed is None:
                continue
            parts, end = parsed
            close = "]]" if double else "]"
            rest = stripped[end:]
            if not rest.startswith(close):
                continue
            rest = rest[len(close) :].strip()
            if rest and not rest.startswith("#"):
                continue
            table = tuple(parts)
            lines.setdefault(table, number)
            continue
        parsed = _parse_key(stripped, 0)
        if parsed is None:
            continue
        parts, end = parsed
        if not stripped[end:].startswith("="):
            continue
        path = table + tuple(parts)
        for size in range(len(table) + 1, len(path) + 1):
            lines.setdefault(path[:size], number)
        value = stripped[end + 1 :]
        for delimiter in ('"""', "'''"):
            if value.count(delimiter) % 2:
                in_string = delimiter
                break
    return lines


# -- reading ------------------------------------------------------------------------

_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _syntax_problem(path: Path, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    match = _AT_LINE.search(message)
    if match:
        line = int(match.group(1))
        message = message[: match.start()] + f" (column {match.group(2)})"
    else:
        line = max(1, len(text.splitlines()))
        end = _AT_END.search(message)
        if end:
            message = message[: end.start()] + " (at the end of the file)"
    return Problem(path, line, None, f"TOML syntax error: {message}; the file was ignored")


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None (missing: no problem; unreadable: a problem)."""

    def fail(message: str) -> None:
        problems.append(Problem(path, None, None, message))

    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            fail(f"is a symbolic link to {os.readlink(path)}, which does not exist")
        return None  # no file: the defaults
    except OSError as error:
        fail(f"cannot be read: {error.strerror or error}")
        return None
    except ValueError as error:  # a NUL in the path
        fail(f"is not a usable path: {error}")
        return None
    if stat.S_ISDIR(info.st_mode):
        fail("is a folder, not a file")
        return None
    if not stat.S_ISREG(info.st_mode):
        fail("is not a regular file")
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except IsADirectoryError:
        fail("is a folder, not a file")
        return None
    except OSError as error:
        fail(f"cannot be read: {error.strerror or error}")
        return None
    if len(data) > MAX_CONFIG_BYTES:
        fail(f"is larger than {MAX_CONFIG_BYTES:,} bytes: not read")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        column = start - line_start + 1
        problems.append(
            Problem(
                path,
                line,
                None,
                f"not UTF-8 text (byte 0x{data[start]:02x} at column {column});"
                " save it as UTF-8; the file was ignored",
            )
        )
        return None


def load_config(
    path: str | os.PathLike[str] | None = None,
    *,
    known_themes: Collection[str] | None = None,
    known_binding_ids: Collection[str] | None = None,
) -> tuple[Config, list[Problem]]:
    """The settings of the file at ``path`` (default :func:`config_path`) and
    what is wrong in it. Never raises on the file's contents or state.

    ``known_themes`` and ``known_binding_ids``, when given, are the names a
    ``theme`` and the ids ``[keymap]`` may use; None accepts any.
    """
    path = Path(path) if path is not None else config_path()
    problems: list[Problem] = []
    text = _read_text(path, problems)
    if text is None:
        return Config(path=path), problems
    import tomllib  # only now: a start without a config file never needs it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(_syntax_problem(path, text, error))
        return Config(path=path), problems
    except RecursionError:
        problems.append(
            Problem(path, None, None, "nested too deeply to read; the file was ignored")
        )
        return Config(path=path), problems
    checker = _Checker(path, text, problems, known_themes, known_binding_ids)
    return checker.check(data), problems


# What each table may hold (the root's tables are its keys).
_TABLES: dict[str, tuple[str, ...]] = {
    "sidebar": ("width", "sort"),
    "article": ("width",),
    "library": ("folders",),
    "layers": ("on",),
    "highlights": tuple(LAYER_NAMES),
    "keymap": (),  # any binding id
    "copy": ("citation",),
    "web": tuple(name for name, *_ in WEB_SETTINGS),
}
_ROOT_KEYS = ("theme", *_TABLES)


class _Checker:
    """Checks a parsed file setting by setting, collecting problems."""

    def __init__(
        self,
        path: Path,
        text: str,
        problems: list[Problem],
        known_themes: Collection[str] | None,
        known_binding_ids: Collection[str] | None,
    ) -> None:
        self.path = path
        self.text = text
        self.problems = problems
        self.known_themes = known_themes
        self.known_binding_ids = known_binding_ids
        self._lines: dict[tuple[str, ...], int] | None = None
        self.given: set[str] = set()

    def line(self, *key: str) -> int | None:
        if self._lines is None:
            self._lines = key_lines(self.text)
        for size in range(len(key), 0, -1):
            found = self._lines.get(key[:size])
            if found is not None:
                return found
        return None

    def problem(self, key: tuple[str, ...], message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(self.path, self.line(*key), ".".join(key), message, severity))

    def unknown(self, key: tuple[str, ...], choices: Iterable[str], what: str = "setting") -> None:
        hint = _suggest(key[-1], choices)
        self.problem(key, f"unknown {what}, ignored{hint}", WARNING)

    def wrong_type(self, key: tuple[str, ...], value: Any, wanted: str) -> None:
        self.problem(
            key, f"must be {wanted}, not {_type_name(value)} ({_show(value)}); default used"
        )

    # -- the file -----------------------------------------------------------------
    def check(self, data: dict[str, Any]) -> Config:
        settings: dict[str, Any] = {}
        for name, value in data.items():
            if name == "theme":
                theme = self.theme(value)
                if theme is not None:
                    settings["theme"] = theme
                    self.given.add("theme")
            elif name in _TABLES:
                if not isinstance(value, dict):
                    self.wrong_type((name,), value, f"a table ([{name}])")
                    continue
                getattr(self, f"table_{name}")(value, settings)
            else:
                self.unknown((name,), _ROOT_KEYS)
        return Config(path=self.path, set_in_file=frozenset(self.given), **settings)

    def each(self, table: str, values: dict[str, Any]) -> Iterable[tuple[str, Any]]:
        """The known keys of a table; the unknown ones reported."""
        known = _TABLES[table]
        for key, value in values.items():
            if key in known:
                yield key, value
            else:
                self.unknown((table, key), known)

    def table_copy(self, values: dict[str, Any], settings: dict[str, Any]) -> None:
        for _key, value in self.each("copy", values):
            if isinstance(value, bool):
                settings["copy_citation"] = value
                self.given.add("copy.citation")
            else:
                self.wrong_type(("copy", "citation"), value, "true or false")

    def table_web(self, values: dict[str, Any], settings: dict[str, Any]) -> None:
        limits = {name: rest for name, *rest in WEB_SETTINGS}
        for key, value in self.each("web", values):
            attribute, low, high, unit = limits[key]
            where = ("web", key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.wrong_type(where, value, f"a number of {unit}")
                continue
            if not low <= value <= high:
                self.problem(
                    where, f"must be from {low:g} to {high:g} {unit}, not {value:g}; default used"
                )
                continue
            settings[attribute] = float(value)
            self.given.add(f"web.{key}")

    def table_sidebar(self, values: dict[str, Any], settings: dict[str, Any]) -> None:
        for key, value in self.each("sidebar", values):
            if key == "width":
                width = self.width(("sidebar", "width"), value)
                if width is not None:
                    settings["sidebar_width"] = width
                    self.given.add("sidebar.width")
            elif key == "sort":
                order = self.sort(value)
                if order is not None:
                    settings["sidebar_sort"] = order
                    self.given.add("sidebar.sort")

    def table_article(self, values: dict[str, Any], settings: dict[str, Any]) -> None:
        for _key, value in self.each("article", values):
            width = self.width(("article", "width"), value)
            if width is not None:
                settings["text_width"] = width
                self.given.add("article.width")

    def table_library(self, values: dict[str, Any], settings: dict[str, Any]) -> None:
        for _key, value in self.each("library", values):
            folders = self.folders(value)
            if folders is not None:
                settings["library_folders"] = folders
                self.given.add("library.folders")

    def table_layers(self, values: dict[str, Any], settings: dict[str, Any]) -> None:
        for _key, value in self.each("layers", values):
            layers = self.layers_on(value)
            if layers is not None:
                settings["layers_on"] = layers
                self.given.add("layers.on")

    def table_highlights(self, values: dict[str, Any], settings: dict[str, Any]) -> None:
        colours = dict(DEFAULT_COLOURS)
        for key, value in values.items():
            layer = LAYER_NAMES.get(key.lower())
            if layer is None:
                self.unknown(("highlights", key), LAYER_NAMES, "layer")
                continue
            where = ("highlights", key)
            if not isinstance(value, str):
                self.wrong_type(where, value, 'a colour string ("#6cb6ff")')
                continue
            colour = parse_colour(value)
            if colour is None:
                self.problem(
                    where,
                    f"{_show(value)} is not a colour (write #rgb, #rrggbb, rgb(r, g, b)"
                    " or a colour name such as bright_red); default used",
                )
                continue
            colours[layer] = colour
            self.given.add(f"highlights.{key.lower()}")
        settings["layer_colours"] = MappingProxyType(colours)

    def table_keymap(self, values: dict[str, Any], settings: dict[str, Any]) -> None:
        keymap: dict[str, str] = {}
        known = self.known_binding_ids
        for binding_id, value in values.items():
            where = ("keymap", binding_id)
            if known is not None and binding_id not in known:
                self.unknown(where, known, "binding id")
                continue
            if not isinstance(value, str):
                self.wrong_type(where, value, 'a string of keys ("ctrl+n")')
                continue
            keys, reason = check_keys(value)
            if keys is None:
                self.problem(where, f"{reason}; the binding keeps its key")
                continue
            keymap[binding_id] = keys
            self.given.add(f"keymap.{binding_id}")
        settings["keymap"] = MappingProxyType(keymap)

    # -- values ---------------------------------------------------------------------
    def theme(self, value: Any) -> str | None:
        if not isinstance(value, str):
            self.wrong_type(("theme",), value, 'a theme name ("textual-dark")')
            return None
        name = value.strip()
        if not name:
            self.problem(("theme",), "is empty; default used")
            return None
        if self.known_themes is not None and name not in self.known_themes:
            hint = _suggest(name, self.known_themes)
            self.problem(("theme",), f"unknown theme {_show(name)}{hint}; default used")
            return None
        return name

    def width(self, key: tuple[str, ...], value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(key, value, "a whole number of columns")
            return None
        if not MIN_WIDTH <= value <= MAX_WIDTH:
            self.problem(
                key, f"must be from {MIN_WIDTH} to {MAX_WIDTH} columns, not {value}; default used"
            )
            return None
        return value

    def sort(self, value: Any) -> str | None:
        choices = ", ".join(f'"{name}"' for name in SORT_ORDERS)
        if not isinstance(value, str):
            self.wrong_type(("sidebar", "sort"), value, f"one of {choices}")
            return None
        order = value.strip().lower()
        if order not in SORT_ORDERS:
            self.problem(
                ("sidebar", "sort"),
                f"unknown sort order {_show(value)} (one of {choices}); default used",
            )
            return None
        return order

    def folders(self, value: Any) -> tuple[Path, ...] | None:
        key = ("library", "folders")
        if not isinstance(value, list):
            self.wrong_type(key, value, 'an array of paths (["~/articles"])')
            return None
        base = self.path.parent
        found: list[Path] = []
        for item in value:
            if not isinstance(item, str):
                self.problem(key, f"{_show(item)} is not a path (a string); left out")
                continue
            if not item.strip():
                self.problem(key, "an empty path; left out")
                continue
            if "\0" in item:
                self.problem(key, f"{_show(item)} holds a NUL character; left out")
                continue
            path = Path(item).expanduser()
            if not path.is_absolute():
                path = base / path  # relative to the config file's folder
            if path not in found:
                found.append(path)
        return tuple(found)

    def layers_on(self, value: Any) -> frozenset[str] | None:
        key = ("layers", "on")
        if not isinstance(value, list):
            self.wrong_type(key, value, 'an array of layer names (["quotes", "person"])')
            return None
        names = ", ".join(LAYER_NAMES)
        on: set[str] = set()
        for item in value:
            if not isinstance(item, str):
                self.problem(key, f"{_show(item)} is not a layer name; left out")
                continue
            layer = LAYER_NAMES.get(item.strip().lower())
            if layer is None:
                hint = _suggest(item.strip(), LAYER_NAMES)
                self.problem(key, f"unknown layer {_show(item)}{hint} (layers: {names}); left out")
                continue
            on.add(layer)
        return frozenset(on)


# -- writing a default file -------------------------------------------------------------


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def default_config_text(bindings: Mapping[str, str] | None = None) -> str:
    """A config file listing every setting, commented out with its default
    and what it does: it reads back as the defaults.

    ``bindings`` (binding id -> its default keys), when given, lists every
    binding in ``[keymap]`` the same way.
    """
    defaults = Config()
    layer_names = ", ".join(_toml_string(name) for name in LAYER_NAMES)
    sorts = "\n".join(
        f"#   {_toml_string(name)}: {meaning}" for name, meaning in SORT_ORDERS.items()
    )
    lines = [
        "# Limelight's settings. Every setting is optional: each is shown here",
        '# commented out with its default; remove the "# " before one to change it.',
        f"# Limelight reads this file at start: ${ENV_CONFIG} names another one.",
        "",
        "# The colour theme, by name (ctrl+p, then Theme, lists them).",
        f"# theme = {_toml_string(defaults.theme)}",
        "",
        "[sidebar]",
        f"# The library sidebar's width, in columns ({MIN_WIDTH} to {MAX_WIDTH}); unset,",
        "# it follows the window (about 30% of it, 24 to 40 columns).",
        f"# width = {defaults.sidebar_width}",
        "# How the sidebar orders the library:",
        sorts,
        f"# sort = {_toml_string(defaults.sidebar_sort)}",
        "",
        "[article]",
        f"# The widest the article's text gets, in columns ({MIN_WIDTH} to {MAX_WIDTH});",
        "# unset, what + / - chose last in the app.",
        f"# width = {defaults.text_width}",
        "",
        "[library]",
        "# Files and folders read at every start, besides those added with",
        '# `limelight add` ("~" is your home; relative paths start at this file\'s folder).',
        '# For example: folders = ["~/articles", "/srv/papers"]',
        "# folders = []",
        "",
        "[layers]",
        "# The highlight layers shown at start (keys 1 to 9 and 0 toggle them).",
        f"# on = [{layer_names}]",
        "",
        "[highlights]",
        "# The text colour of each highlight layer: #rgb, #rrggbb, rgb(r, g, b)",
        "# or a colour name (red, bright_red, grey50, dark_orange...); quotes keep",
        "# their background. Unset, each follows the theme: its shipped hue, made",
        "# light or dark enough to read (4.5:1) on the theme's backgrounds. A colour",
        "# set here is used as it is, in every theme.",
    ]
    for name, layer in LAYER_NAMES.items():
        lines.append(f"# {name} = {_toml_string(defaults.layer_colours[layer])}")
    lines += [
        "",
        "[copy]",
        "# `y` copies the selection, or the sentence at the cursor; with citation",
        "# = true a line naming the article and its source follows it.",
        "# citation = false",
        "",
        "[web]",
        "# Fetching pages (`limelight add URL`) and feeds: seconds to connect,",
        "# seconds for a whole fetch (redirects and the page included), and the",
        "# largest page read, in megabytes.",
        f"# connect_timeout = {defaults.web_connect_timeout:g}",
        f"# timeout = {defaults.web_timeout:g}",
        f"# max_megabytes = {defaults.web_max_megabytes:g}",
        "",
        "[keymap]",
        "# Change a binding's keys: its id, then its keys separated by commas,",
        '# as in: next-article = "ctrl+n,right_square_bracket"',
        "# A binding left out keeps its keys.",
    ]
    for binding_id, keys in (bindings or {}).items():
        key = binding_id if _BARE_KEY.fullmatch(binding_id) else _toml_string(binding_id)
        lines.append(f"# {key} = {_toml_string(keys)}")
    return "\n".join(lines) + "\n"


def init_config(
    path: str | os.PathLike[str] | None = None, bindings: Mapping[str, str] | None = None
) -> Path:
    """Write :func:`default_config_text` to ``path`` (default :func:`config_path`),
    making its folders; return the path.

    Never replaces anything: raises :class:`ConfigExistsError` when something
    is already there (a file, a folder, a link), :class:`ConfigError` when it
    cannot be written (the reason in the message).
    """
    path = Path(path) if path is not None else config_path()
    if os.path.lexists(path):
        raise ConfigExistsError(f"{_visible(path)} already exists: left as it is")
    text = default_config_text(bindings).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise ConfigError(f"cannot make the folder {_visible(path.parent)}: {reason}") from error
    try:
        handle = open(path, "xb")  # fails if it appeared meanwhile
    except FileExistsError:
        raise ConfigExistsError(f"{_visible(path)} already exists: left as it is") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise ConfigError(f"cannot write {_visible(path)}: {reason}") from error
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        try:
            path.unlink()  # not a half-written file that the next init would keep
        except OSError:
            pass
        raise ConfigError(f"cannot write {_visible(path)}: {error.strerror or error}") from error
    return path


def settings_text(config: Config) -> str:
    """The settings in effect, as TOML that reads back to them; a setting the
    file did not give is marked ``# default``."""
    given = config.set_in_file

    def line(dotted: str, text: str) -> str:
        return text if dotted in given or _given_under(dotted, given) else f"{text}  # default"

    layer_by_app = {app: name for name, app in LAYER_NAMES.items()}
    on = [layer_by_app[layer] for layer in LAYER_NAMES.values() if layer in config.layers_on]
    folders = ", ".join(_toml_string(str(folder)) for folder in config.library_folders)
    lines = [
        f"# {_visible(config.path)}" if config.path is not None else "# (no file)",
        line("theme", f"theme = {_toml_string(config.theme)}"),
        "",
        "[sidebar]",
        line("sidebar.width", f"width = {config.sidebar_width}")
        if "sidebar.width" in given
        else "# width: unset, it follows the window (about 30%, 24 to 40 columns)",
        line("sidebar.sort", f"sort = {_toml_string(config.sidebar_sort)}"),
        "",
        "[article]",
        line("article.width", f"width = {config.text_width}"),
        "",
        "[library]",
        line("library.folders", f"folders = [{folders}]"),
        "",
        "[layers]",
        line("layers.on", "on = [" + ", ".join(_toml_string(name) for name in on) + "]"),
        "",
        "[highlights]",
    ]
    for name, layer in LAYER_NAMES.items():
        colour = config.layer_colours.get(layer, DEFAULT_COLOURS[layer])
        lines.append(line(f"highlights.{name}", f"{name} = {_toml_string(colour)}"))
    citation = "true" if config.copy_citation else "false"
    lines += ["", "[copy]", line("copy.citation", f"citation = {citation}")]
    lines += ["", "[web]"]
    for name, attribute, *_ in WEB_SETTINGS:
        lines.append(line(f"web.{name}", f"{name} = {getattr(config, attribute):g}"))
    lines += ["", "[keymap]"]
    for binding_id, keys in config.keymap.items():
        key = binding_id if _BARE_KEY.fullmatch(binding_id) else _toml_string(binding_id)
        lines.append(f"{key} = {_toml_string(keys)}")
    return "\n".join(lines)


def _given_under(dotted: str, given: frozenset[str]) -> bool:
    return any(name.startswith(dotted + ".") for name in given)
