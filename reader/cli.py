"""Limelight's command line: ``limelight [PATH...]`` and its subcommands."""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.text import plural, quoted

if TYPE_CHECKING:  # argparse is imported where a parser is made: a plain search needs none
    import argparse

COMMANDS = (
    "add", "remove", "list", "analyze", "search", "people", "quotes", "notes", "export", "config",
    "stats", "feed", "update", "refresh",
)


def _shown(text) -> str:
    """``text`` safe for the terminal: every name, path, title, note, tag and
    snippet printed goes through this (:func:`reader.library.sanitize.safe_display`)."""
    from reader.library.sanitize import safe_display

    return safe_display(text)


def _json(value, **options) -> str:
    """JSON for stdout: strings exact, but nothing a terminal acts on or that disguises text."""
    from reader.library.sanitize import json_dumps

    return json_dumps(value, **options)


def _fail(message: str) -> int:
    print(f"limelight: {_shown(message)}", file=sys.stderr)
    return 1


class _Failure(Exception):
    """A command cannot go on: :func:`main` prints the message as one line and exits 1."""


# The largest --limit: any more is every result, and SQLite's integers stop at 2**63.
MAX_LIMIT = 1_000_000_000
SEARCH_LIMIT = 20  # results `limelight search` prints without --limit


def _limit_problem(limit: int | None) -> str | None:
    if limit is None:
        return None
    if limit < 1:
        return "--limit must be at least 1"
    if limit > MAX_LIMIT:
        return f"--limit must be at most {MAX_LIMIT}"
    return None


def _os_reason(error: OSError) -> str:
    """``strerror: file`` of an OSError (the file name shown safe by :func:`_fail`)."""
    reason = error.strerror or str(error) or type(error).__name__
    name = error.filename
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    return f"{reason}: {name}" if name else reason


def _store_reason(error: Exception) -> str:
    """A StoreError's message, with the file its OSError was about."""
    message = str(error) or type(error).__name__
    cause = error.__cause__
    if isinstance(cause, OSError) and cause.filename:
        name = Path(os.fsdecode(cause.filename))
        if name.name.startswith(".limelight-tmp-"):  # the save's temporary file
            name = name.parent
        message = f"{message} ({name})"
    return message


def _path(raw: str) -> Path:
    """A path argument, ``~`` expanded; :class:`_Failure` for "" or an unknown ``~user``."""
    from reader.library.sources import PathError, expand

    try:
        return expand(raw)
    except PathError as error:
        raise _Failure(str(error)) from None


def _exists(path: Path, raw: str) -> bool:
    try:
        return path.exists()
    except OSError as error:  # a name over the length limit, say
        raise _Failure(f"{raw}: {(error.strerror or str(error)).lower()}") from None


_TOLD: set[str] = set()  # store problems already printed by this process


def _store():
    from reader.store import Store
    from reader.store.paths import data_dir

    try:
        store = Store()
    except OSError as error:  # the data folder cannot be made (or used at all)
        reason = error.strerror or str(error) or type(error).__name__
        raise _Failure(f"cannot use the data folder {data_dir()}: {reason}") from None
    for problem in store.problems:  # e.g. a database moved aside: one line, once
        if problem not in _TOLD:
            _TOLD.add(problem)
            print(f"limelight: {_shown(problem)}", file=sys.stderr)
    return store


def _sources(store, *, recent: bool = False) -> list[str]:
    """The remembered sources (``limelight add``), or the recent ones (``limelight PATH``)."""
    from reader.store import StoreError

    try:
        return store.recent_sources() if recent else store.sources()
    except StoreError as error:
        raise _Failure(_store_reason(error)) from None


_LOCK_REFUSED = "notes cannot be saved: "  # Store.notice when its lock could not be taken


def _change_sources(store, action: str, change) -> bool:
    """``change()`` (a write to the sources), or :class:`_Failure` with why it cannot be saved."""
    from reader.store import StoreError

    if store.read_only:  # the lock could not be taken at open: do not wait for it again
        reason = store.notice or "the database is open read-only"
        if reason.startswith(_LOCK_REFUSED):
            reason = f"{reason.removeprefix(_LOCK_REFUSED)} ({store.lock_path})"
        raise _Failure(f"could not {action}: {reason}")
    try:
        return change()
    except StoreError as error:
        raise _Failure(_store_reason(error)) from None


def _is_url(raw: str) -> bool:
    """Whether an argument is a web address (:func:`reader.library.sources.is_url`)."""
    from reader.library.sources import is_url

    return is_url(raw)


def _not_found(raw: str) -> str:
    """Why an argument names nothing: no such file, or an address of a kind
    Limelight does not fetch (``ftp://``, ``file://``...)."""
    scheme, sep, _ = raw.partition("://")
    if sep and scheme[:1].isalpha() and all(c.isalnum() or c in "+.-" for c in scheme):
        return f"{raw}: only http:// and https:// addresses can be fetched"
    return f"{raw}: no such file or folder"


def _fetch_urls(urls: Sequence[str], action: str, *, progress: bool = False):
    """``action(url, limits)`` of each address (:func:`reader.library.web.add_url`
    or ``refresh_url``): ``(url, Saved)`` of those that worked and the exit
    status (1 when one failed, each failure told in one line)."""
    from reader.library.fetch import FetchError

    status = 0
    done = []
    limits = _web_limits()
    for url in urls:
        if progress:
            print(f"limelight: fetching {_shown(url)}", file=sys.stderr)
        try:
            done.append((url, action(url, limits=limits)))
        except FetchError as error:
            status = _fail(f"{url}: {error}")
    return done, status


def _add_urls(urls: Sequence[str]) -> int:
    from reader.library import web

    done, status = _fetch_urls(urls, web.add_url)
    for _url, saved in done:
        again = " (again: its article replaced)" if saved.replaced_id else ""
        print(f"added{again}: {_line(saved.article.title)}  kept in {_shown(saved.path)}")
    return status


def cmd_refresh(args: argparse.Namespace) -> int:
    from reader.library import web

    done, status = _fetch_urls(args.urls, web.refresh_url)
    store = _store() if done else None
    for _url, saved in done:
        old, new = saved.replaced_id, saved.article.id
        if old and old != new:
            # the text changed: its notes, bookmarks and place follow it, and
            # the notes are found again in the new text when it is next opened
            notes = len(store.annotations(old))
            _change_sources(
                store, "move the notes to the new text", lambda o=old, n=new: store.rekey(o, n)
            )
            change = "its text changed"
            if notes:
                change += f"; {plural(notes, 'note')} moved to the new text"
        else:
            change = "its text is unchanged" if old else "kept anew"
        print(f"refreshed: {_line(saved.article.title)} ({change})  {_shown(saved.path)}")
    return status


def cmd_add(args: argparse.Namespace) -> int:
    urls = [raw for raw in args.paths if _is_url(raw)]
    status = _add_urls(urls) if urls else 0
    paths = []
    for raw in args.paths:
        if _is_url(raw):
            continue
        try:
            path = _path(raw)
            if not _exists(path, raw):
                raise _Failure(_not_found(raw))
        except _Failure as error:
            status = _fail(str(error))
            continue
        paths.append(path)
    if not paths:
        return status
    store = _store()
    known = set(_sources(store))
    for path in paths:
        resolved = path.resolve()
        if str(resolved) in known:
            print(f"already in the library: {_shown(resolved)}")
            continue
        _change_sources(store, "save the library source", lambda p=path: store.add_source(p))
        known.add(str(resolved))
        print(f"added: {_shown(resolved)}")
    return status


def _remove_urls(urls: Sequence[str]) -> int:
    from reader.library import web

    status = 0
    for url in urls:
        try:
            path = web.remove_url(url)
        except web.WebError as error:
            status = _fail(f"{url}: {error}")
            continue
        print(f"removed: {_shown(url)}  ({_shown(path)} deleted)")
    return status


def cmd_remove(args: argparse.Namespace) -> int:
    urls = [raw for raw in args.paths if _is_url(raw)]
    status = _remove_urls(urls) if urls else 0
    paths = []
    for raw in args.paths:
        if _is_url(raw):
            continue
        try:
            paths.append((raw, _path(raw)))
        except _Failure as error:
            status = _fail(str(error))
    if not paths:
        return status
    store = _store()
    known = set(_sources(store)) | set(_sources(store, recent=True))
    for raw, path in paths:
        resolved = path.resolve()
        if str(resolved) not in known:
            status = _fail(f"{raw}: not a library source")
            continue
        _change_sources(store, "forget the library source", lambda p=path: store.remove_source(p))
        known.discard(str(resolved))
        print(f"removed: {_shown(resolved)}")
    return status


_TEMPORARY: list = []  # commands answered from a temporary index (the data folder failed)


def _workspace(extra_paths=()):
    """The data folder's store and caches (see :class:`reader.workspace.Workspace`)."""
    from reader.workspace import Workspace

    # The store is opened when first needed: a search answered from a fresh
    # index opens no database but the index.
    return Workspace([_path(raw) for raw in extra_paths], open_store=_store)


def _tell_notices(workspace) -> None:
    """What the caches noticed (a corrupt cache rebuilt, say): one line each on stderr."""
    for message in workspace.take_notices():
        print(f"limelight: {_shown(message)}", file=sys.stderr)


def _scan_library(extra_paths):
    """(workspace, metas of every article): only new or changed files are read."""
    from reader.store import StoreError

    workspace = _workspace(extra_paths)
    try:
        metas = list(workspace.scan())
    except StoreError as error:
        raise _Failure(_store_reason(error)) from None
    _tell_notices(workspace)
    return workspace, metas


def cmd_list(args: argparse.Namespace) -> int:
    _, articles = _scan_library(args.paths)
    if args.json:
        from reader.library.model import DETAIL_FIELDS

        rows = [
            {
                "id": a.id,
                "title": a.title,
                "words": a.words,
                "minutes": a.minutes,
                "source": a.source,
                "format": a.format,
                "error": a.error,
                "warnings": list(a.warnings),
                # author, published, site, url, language, feed: "" when unknown
                **{name: getattr(a, name) for name in DETAIL_FIELDS},
            }
            for a in articles
        ]
        print(_json(rows, indent=2))
        return 0
    for a in articles:
        mark = "⚠ " if a.error or a.warnings else ""
        detail = _shown(a.error) if a.error else plural(a.words, "word", digits=False)
        print(f"{_shown(a.id)}  {mark}{_shown(a.title)}  ({detail})  {_shown(a.source)}")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from reader.library.loader import load_file

    path = Path(args.file)
    if not path.exists():
        return _fail(f"{args.file}: no such file")
    if path.is_dir():
        return _fail(f"{args.file}: is a folder, not a file")
    article = load_file(path)
    if article.error:
        return _fail(f"{args.file}: {article.error}")
    from reader.analysis import analyze

    if args.engine == "spacy":
        from reader.analysis.spacy_backend import EngineUnavailable

        try:
            analysis = analyze(article.body, engine="spacy", title=article.title, dek=article.dek)
        except EngineUnavailable as exc:
            return _fail(str(exc))
    else:
        analysis = analyze(article.body, title=article.title, dek=article.dek)
    if args.json:
        payload = {
            "id": article.id,
            "title": article.title,
            "dek": article.dek,
            "text": article.body,
            "language": analysis.language,
            **_part_json(analysis),
            "parts": {"title": _part_json(analysis.title), "dek": _part_json(analysis.dek)},
        }
        print(_json(payload))
        return 0
    from reader.render import print_article

    print_article(article, analysis)
    return 0


def _part_json(part) -> dict:
    """The entities and quotes of an analysis (or a title's or dek's part), every field."""
    return {
        "entities": [
            {"start": e.start, "end": e.end, "label": e.label, "text": e.text, "canon": e.canon}
            for e in part.entities
        ],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_kind": q.speaker_kind,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "cue": q.cue,
                "cue_start": q.cue_start,
                "cue_end": q.cue_end,
            }
            for q in part.quotes
        ],
    }


@contextmanager
def _library_index() -> Iterator:
    """The search index brought up to date with the library and the notes
    (what ``people`` and ``quotes`` read), at once when no file changed since
    the last time; closed afterwards."""
    workspace = _workspace([])
    try:
        workspace.look_ahead()  # the index opened while the library is walked
        yield _fresh(workspace)
    finally:
        workspace.close()


def _fresh(workspace):
    """The workspace's index brought up to date (:meth:`Workspace.fresh_index`)."""
    from reader.store import StoreError

    try:
        index = workspace.fresh_index()
    except StoreError as error:
        raise _Failure(_store_reason(error)) from None
    _tell_notices(workspace)  # rebuilt, busy and read as it is, or not kept
    if workspace.index_is_temporary:
        _TEMPORARY.append(workspace)
    return index


def _fresh_answer(workspace, ask):
    """``ask(index)`` of the workspace's search index brought up to date with
    the library and the notes. It is asked first while the library is walked
    in another process (after :meth:`Workspace.look_ahead`), and asked again
    only when the index was not as it was then (a file or a note changed
    since the last search)."""
    guess = ask(workspace.index)
    index = _fresh(workspace)
    return guess if workspace.held_since_look_ahead else ask(index)


def cmd_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    problem = _limit_problem(args.limit)
    if problem:
        return _fail(problem)
    workspace = _workspace([])
    try:
        workspace.look_ahead()  # from here on, the library is walked in another process
        from reader.search.query import parse

        parsed = parse(query)
        if parsed.notice:  # a pasted passage: deduplicated and capped
            print(f"limelight: {parsed.notice}", file=sys.stderr)
        results = _fresh_answer(workspace, lambda index: index.search(parsed, limit=args.limit))
    finally:
        workspace.close()
    if args.json:
        print(_json([r.to_dict() for r in results], indent=2))
        return 0
    if not results:
        print("no matches", file=sys.stderr)
        return 0
    from reader.library.sanitize import safe_display_spans

    if not _styled(sys.stdout):  # a pipe or a file: the same lines, without Rich
        lines = []
        for rank, result in enumerate(results, 1):
            lines.append(f"{rank:>2}. {_shown(result.title)}  [{result.field}]\n")
            lines.append("    " + safe_display_spans(result.snippet, result.highlights)[0] + "\n")
        sys.stdout.write("".join(lines))  # one write, even to an unbuffered stdout
        return 0
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for rank, result in enumerate(results, 1):
        head = Text(f"{rank:>2}. ")
        head.append(_shown(result.title), style="bold")  # plain text, never markup
        head.append(f"  [{result.field}]", style="dim")
        console.print(head)
        shown, highlights = safe_display_spans(result.snippet, result.highlights)
        snippet = Text("    " + shown)
        for start, end in highlights:
            snippet.stylize("bold reverse", start + 4, end + 4)
        console.print(snippet)
    return 0


def _styled(stream) -> bool:
    """Whether Rich would style what is printed to ``stream`` (a terminal, or forced)."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _cells(text: str) -> int:
    """Terminal columns of ``text`` (wide East Asian characters take two, marks none)."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _cells(text))


def _clip(text: str, width: int) -> str:
    if _cells(text) <= width:
        return text
    while text and _cells(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def _line(text) -> str:
    """One line of display text: spaces collapsed (:func:`clean_inline`), then :func:`_shown`."""
    from reader.library.sanitize import clean_inline

    return _shown(clean_inline(text or ""))


def cmd_people(args: argparse.Namespace) -> int:

    problem = _limit_problem(args.limit)
    if problem:
        return _fail(problem)
    with _library_index() as index:
        people = index.people(limit=args.limit, quoted=args.quoted)
    if args.json:
        rows = []
        for person in people:
            row = person.to_dict()
            row["name"] = _line(row["name"])
            row["aliases"] = [_line(alias) for alias in row["aliases"]]
            rows.append(row)
        print(_json(rows, indent=2))
        return 0
    if not people:
        print(f"no {'quoted ' if args.quoted else ''}people in the library yet", file=sys.stderr)
        return 0
    names = [_clip(_line(p.name), 40) for p in people]
    width = max(_cells("name"), *(_cells(name) for name in names))
    print(f"{_pad('name', width)}  {'quotes':>6}  {'mentions':>8}  {'articles':>8}  aliases")
    for person, name in zip(people, names, strict=True):
        aliases = ", ".join(_line(alias) for alias in person.aliases)
        print(
            f"{_pad(name, width)}  {person.quotes:>6}  {person.mentions:>8}"
            f"  {person.articles:>8}  {aliases}".rstrip()
        )
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:

    with _library_index() as index:
        article = None
        if args.article is not None:
            # A whole id or a unique prefix of one, as git takes commits.
            ids = index.article_ids(args.article)
            shown = _line(args.article)
            if not ids:
                return _fail(f"{shown}: no such article in the library")
            if len(ids) > 1:
                return _fail(f"{shown}: ambiguous article id, {len(ids)} articles match")
            article = ids[0]
        quotes = index.quotes(speaker=args.speaker, article_id=article)
    if args.json:
        rows = []
        for quote in quotes:
            row = quote.to_dict()
            for key in ("title", "text", "speaker"):
                if row[key] is not None:
                    row[key] = _line(row[key])
            rows.append(row)
        print(_json(rows, indent=2))
        return 0
    if not quotes:
        who = f" by {_line(args.speaker)}" if args.speaker else ""
        print(f"no quotes{who}", file=sys.stderr)
        return 0
    speakers = [_clip(_line(q.speaker or "—"), 30) for q in quotes]
    width = max(_cells(name) for name in speakers)
    current = None
    for quote, speaker in zip(quotes, speakers, strict=True):
        if quote.article_id != current:
            if current is not None:
                print()
            current = quote.article_id
            print(f"{_line(quote.title) or 'Untitled article'}  ({_shown(quote.article_id)})")
        print(f"  {_pad(speaker, width)}  {_line(quote.text)}")
    return 0


def _search_args(argv: list[str]):
    """``limelight search``'s arguments read at once when they are plain:
    words, ``--json`` and ``--limit N``; None for anything else (a word
    starting with "-", another option, no word), which argparse then reads,
    as it reads everything else, and says what is wrong."""
    from types import SimpleNamespace

    query: list[str] = []
    found = SimpleNamespace(query=query, json=False, limit=SEARCH_LIMIT)
    words = iter(argv)
    for word in words:
        if word == "--json":
            found.json = True
        elif word == "--limit":
            value = next(words, "")
            if not (value.isascii() and value.isdigit()):
                return None
            found.limit = int(value)
        elif word.startswith("-"):
            return None
        else:
            query.append(word)
    return found if query else None


def _search_parser() -> argparse.ArgumentParser:
    import argparse

    class _SearchParser(argparse.ArgumentParser):
        """Words starting with "-" are exclusions, not options."""

        def parse_args(self, args=None, namespace=None):  # type: ignore[override]
            parsed, extra = self.parse_known_args(args, namespace)
            unknown = [word for word in extra if word.startswith("--")]
            if unknown:
                self.error(f"unrecognized arguments: {' '.join(unknown)}")
            parsed.query = [*parsed.query, *extra]
            if not parsed.query:
                self.error("a query is required")
            return parsed

    parser = _SearchParser(
        prog="limelight search",
        add_help=False,
        description=(
            "Search the library and print the ranked results. Words must all match; "
            '"a phrase", -word to exclude, prefix*, person:NAME org: place: norp:,'
            " said:NAME (quoted)."
        ),
    )
    parser.add_argument("query", nargs="*", metavar="QUERY")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--limit", type=int, default=SEARCH_LIMIT, metavar="N", help="at most N results"
    )
    parser.add_argument("--help", action="help", help="show this help message and exit")
    return parser


def _notes_store():
    """The store for ``notes`` and ``export``, or an error message."""
    from reader.store import StoreError

    try:
        return _store(), None
    except (OSError, StoreError) as error:
        return None, f"could not open the notes: {error}"


def _stored_annotations(article_id: str | None):
    """(annotations, None), or (None, a one-line reason they could not be read)."""
    from reader.store import StoreError

    store, problem = _notes_store()
    if store is None:
        return None, problem
    try:
        return store.annotations(article_id), None
    except StoreError as error:
        return None, str(error)


def cmd_notes(args: argparse.Namespace) -> int:

    annotations, problem = _stored_annotations(args.article)
    if annotations is None:
        return _fail(problem)
    if args.json:
        print(_json([a.to_dict() for a in annotations], indent=2))
        return 0
    if not annotations:
        print(
            "no notes yet" if not args.article else f"no notes on {_shown(args.article)}",
            file=sys.stderr,
        )
        return 0
    width = 72
    current = None
    for a in annotations:
        if a.article_id != current:
            if current is not None:
                print()
            current = a.article_id
            print(f"{_line(a.title) or 'Untitled article'}  ({_shown(a.article_id)})")
        passage = _line(" ".join(a.quote.split()))
        if len(passage) > width:
            passage = passage[: width - 1].rstrip() + "…"
        mark = "  ⚠ passage no longer found" if a.orphaned else ""
        print(f"  {_shown(a.id[:8])}  {quoted(passage)}{mark}")
        note = _line(" ".join(a.note.split()))
        tags = " ".join(f"#{_line(tag)}" for tag in a.tags)
        detail = "  ".join(part for part in (note, tags) if part)
        if detail:
            print(f"            {detail}")
    return 0


def _citations(annotations) -> dict:
    """The citation (title, author, site, date, url) of each article annotated,
    from the library as a scan lists it (:func:`reader.library.citation.citations`);
    none when the library cannot be listed: the notes are exported all the same."""
    if not annotations:
        return {}
    from reader.library.citation import citations

    try:
        _, metas = _scan_library([])
    except (_Failure, OSError):
        return {}
    return dict(citations(metas, {a.article_id for a in annotations}))


def cmd_export(args: argparse.Namespace) -> int:
    from reader.store import export_json, export_markdown
    from reader.store.atomic import atomic_write_bytes

    annotations, problem = _stored_annotations(args.article)
    if annotations is None:
        return _fail(problem)
    cited = _citations(annotations)
    write = export_json if args.format == "json" else export_markdown
    text = write(annotations, cited)
    if not args.out:
        sys.stdout.write(text)
        return 0
    out = Path(args.out).expanduser()
    if out.is_dir():
        return _fail(f"{args.out}: is a folder, not a file")
    try:
        atomic_write_bytes(out, text.encode("utf-8"))
    except OSError as error:
        return _fail(f"could not write {args.out}: {error.strerror or error}")
    print(f"exported {plural(len(annotations), 'note')} to {_shown(out)}", file=sys.stderr)
    return 0


STATS_TOP = 5  # the most read articles the summary lists
STATS_BAR = 30  # columns of the longest bar


def _stats_problem(args: argparse.Namespace) -> str | None:
    from reader.store.stats import MAX_DAYS

    if args.days < 1:
        return "--days must be at least 1"
    if args.days > MAX_DAYS:
        return f"--days must be at most {MAX_DAYS}"
    return None


def _stats_today(raw: str | None):
    from datetime import date

    if raw is None:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _Failure(f"--today {raw}: not a date (YYYY-MM-DD)") from None


def cmd_stats(args: argparse.Namespace) -> int:
    from reader.store.summary import bar, day_chart, format_duration, reading_stats, window_label

    problem = _stats_problem(args)
    if problem:
        return _fail(problem)
    today = _stats_today(args.today)
    stats = reading_stats(_store(), today, days=args.days)
    if args.json:
        data = stats.to_dict()
        for row in (*data["articles"], *data["finished"]):
            row["title"] = _line(row["title"])
        print(_json(data, indent=2))
        return 0
    print(
        f"reading time: {format_duration(stats.total_seconds)} in all,"
        f" {format_duration(stats.window_seconds)} {window_label(stats)}"
    )
    print(f"articles finished: {stats.finished_count}")
    this_week = stats.recent_weeks(1)[0][1]
    print(f"notes: {stats.notes_total} ({this_week} this week)")
    print()
    print("time per day")
    for label, line, duration in day_chart(stats.per_day, STATS_BAR):
        print(f"  {label}  {_pad(line, STATS_BAR)}  {duration}".rstrip())
    if stats.articles:
        print()
        print("most read")
        durations = [format_duration(a.seconds) for a in stats.articles[:STATS_TOP]]
        width = max(_cells(text) for text in durations)
        for article, duration in zip(stats.articles, durations, strict=False):
            title = _clip(_line(article.title) or f"article {_shown(article.article_id)}", 60)
            mark = "  ✓ finished" if article.finished else ""
            print(f"  {duration:>{width}}  {title}{mark}")
    print()
    print("notes per week")
    weeks = stats.recent_weeks()
    most = max((count for _, count in weeks), default=0)
    for week, count in weeks:
        print(f"  {week}  {_pad(bar(count, most, STATS_BAR), STATS_BAR)}  {count}")
    return 0


def _web_limits():
    """The fetch limits of the config file's ``[web]`` section (its problems are
    for ``limelight config check`` to tell)."""
    from reader import config
    from reader.library.fetch import limits_from

    settings, _ = config.load_config()
    return limits_from(settings)


def _feed_store(store, action: str, change):
    """``change()`` (a write to the feeds), or :class:`_Failure` with why it cannot be saved."""
    return _change_sources(store, action, change)


def _feed_when(stamp: str) -> str:
    """``2026-12-01 16:40`` of an ISO 8601 UTC stamp, in local time (as
    stored when it is not one)."""
    from reader.library.feedview import full_date

    return full_date(stamp) or _shown(stamp)


def cmd_feed(args: argparse.Namespace) -> int:
    from reader.store import feeds

    store = _store()
    if args.action == "add":
        from reader.library.feed_update import add_feed
        from reader.library.feeds import FeedError

        if store.read_only:
            _feed_store(store, "save the feed", lambda: None)
        try:
            sub = add_feed(store, args.url, limits=_web_limits())
        except FeedError as error:
            return _fail(f"{args.url}: {error}")
        print(f"subscribed: {_line(sub.name)} ({_shown(sub.url)})")
        print("its items are fetched by `limelight update`", file=sys.stderr)
        return 0
    if args.action == "list":
        subs = _feed_store(store, "read the feeds", lambda: feeds.subscriptions(store))
        if args.json:
            rows = [
                {
                    "url": s.url,
                    "title": s.title,
                    "category": s.category,
                    "site": s.site,
                    "added": s.added,
                    "updated": s.updated,
                    "status": s.status,
                    "reason": s.reason,
                    "items": s.items,
                    "folder": str(feeds.feed_folder(s)),
                }
                for s in subs
            ]
            print(_json(rows, indent=2))
            return 0
        if not subs:
            print("no feeds: add one with `limelight feed add URL`", file=sys.stderr)
            return 0
        for s in subs:
            status = s.status or "not updated yet"
            if s.status == "failed":
                status = f"failed: {s.reason}"
            when = f"updated {_feed_when(s.updated)}  " if s.updated else ""  # else "not updated yet"
            print(
                f"{_line(s.name)}  {_shown(s.url)}  {when}"
                f"{_line(status)}  {plural(s.items, 'item')}"
            )
        return 0
    if args.action == "remove":
        from reader.library.feed_update import remove_feed

        removed = _feed_store(
            store, "forget the feed", lambda: remove_feed(store, args.url, delete=args.delete)
        )
        if removed is None:
            return _fail(f"{args.url}: not a subscribed feed (`limelight feed list` lists them)")
        folder = removed.folder
        print(f"unsubscribed: {_line(removed.subscription.name)}")
        if removed.problem:
            return _fail(removed.problem)
        if removed.deleted:
            print(f"its saved articles were removed ({_shown(folder)})")
        elif folder.is_dir() and not args.delete:
            print(
                f"its saved articles stay in the library ({_shown(folder)});"
                " `limelight feed remove --delete URL` removes them with the feed"
            )
        return 0
    if args.action == "import":
        from reader.library.feeds import FeedError, read_opml

        path = _path(args.file)
        try:
            data = path.read_bytes()
        except OSError as error:
            return _fail(f"{args.file}: {(error.strerror or str(error)).lower()}")
        try:
            outlines = read_opml(data)
        except FeedError as error:
            return _fail(f"{args.file}: {error}")
        wanted = [
            feeds.Subscription(url=o.url, title=o.title, category=o.category, site=o.site)
            for o in outlines
        ]
        added = _feed_store(store, "save the feeds", lambda: feeds.subscribe_many(store, wanted))
        known = len(wanted) - len(added)
        extra = f" ({known} already subscribed)" if known else ""
        print(f"imported {plural(len(added), 'feed')}{extra} from {_shown(path)}")
        if added:
            print("their items are fetched by `limelight update`", file=sys.stderr)
        return 0
    # export
    from reader.library.feeds import Outline, write_opml

    subs = _feed_store(store, "read the feeds", lambda: feeds.subscriptions(store))
    data = write_opml(Outline(s.url, s.title, s.category, s.site) for s in subs)
    if not args.file:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from reader.store.atomic import atomic_write_bytes

    out = _path(args.file)
    if out.is_dir():
        return _fail(f"{args.file}: is a folder, not a file")
    try:
        atomic_write_bytes(out, data)
    except OSError as error:
        return _fail(f"could not write {args.file}: {error.strerror or error}")
    print(f"exported {plural(len(subs), 'feed')} to {_shown(out)}", file=sys.stderr)
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from reader.library.feed_update import UpdateRunning, update_feeds

    if args.jobs < 1:
        return _fail("--jobs must be at least 1")
    store = _store()
    _feed_store(store, "update the feeds", lambda: None)  # a read-only database: say so now

    def told(done: int, total: int, result) -> None:
        if result is None:
            if total == 0:
                print("no feeds: add one with `limelight feed add URL`", file=sys.stderr)
            return
        print(_shown(result.line()), flush=True)

    try:
        report = _feed_store(
            store,
            "save the feeds' updates",
            lambda: update_feeds(store, workers=args.jobs, on_progress=told, limits=_web_limits()),
        )
    except UpdateRunning as error:
        return _fail(str(error))
    if report.results:
        print(report.summary())
    return 0 if report.ok else 1


def _config_names() -> tuple[set[str], dict[str, str]]:
    """(the theme names, binding id -> default keys) a config file may use."""
    from textual.theme import BUILTIN_THEMES

    from reader.ui.keys import binding_ids

    return set(BUILTIN_THEMES), binding_ids()


def cmd_config(args: argparse.Namespace) -> int:
    from reader import config

    path = config.config_path()
    if args.action == "path":
        print(_shown(path))
        return 0
    themes, bindings = _config_names()
    if args.action == "keys":
        from reader.ui.keys import describe_keys

        rows = describe_keys()  # (id, keys, description)
        width = max(len(row[0]) for row in rows)
        keys_width = max(len(row[1]) for row in rows)
        for binding_id, keys, description in rows:
            print(f"{binding_id:<{width}}  {keys:<{keys_width}}  {description}")
        return 0
    if args.action == "init":
        try:
            written = config.init_config(path, bindings)
        except config.ConfigError as error:
            return _fail(str(error))
        print(f"wrote {_shown(written)}")
        return 0
    settings, problems = config.load_config(
        path, known_themes=themes, known_binding_ids=set(bindings)
    )
    if args.action == "check":
        for problem in problems:
            print(config.format_problem(problem))
        if problems:
            return 1
        exists = os.path.lexists(path)
        print(f"{_shown(path)}: " + ("no problems" if exists else "no file; the defaults apply"))
        return 0
    for problem in problems:  # show: the settings in effect, problems on stderr
        print(f"limelight: {config.format_problem(problem)}", file=sys.stderr)
    print(config.settings_text(settings))
    return 0


def _parser_for(command: str) -> argparse.ArgumentParser:
    if command == "search":
        return _search_parser()
    import argparse

    parser = argparse.ArgumentParser(prog=f"limelight {command}")
    if command in ("add", "remove"):
        parser.description = (
            "Remember files and folders as library sources; a web address (http:// or"
            " https://) is fetched and its article kept in the data folder, to read offline."
            if command == "add"
            else "Forget library sources (added, or opened with `limelight PATH`); a web"
            " address added is forgotten and its kept files deleted."
        )
        parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
    elif command == "refresh":
        parser.description = (
            "Fetch web articles again (added with `limelight add URL`) and replace the"
            " kept text; their notes are found again in the new text."
        )
        parser.add_argument("urls", nargs="+", metavar="URL")
    elif command == "list":
        parser.description = "Print the library (id, title, words, source)."
        parser.add_argument("paths", nargs="*", metavar="PATH", help="extra files or folders")
        parser.add_argument("--json", action="store_true", help="print JSON")
    elif command == "analyze":
        parser.description = "Print an article with its quotes and entities highlighted."
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument(
            "--engine",
            choices=("builtin", "spacy"),
            default="builtin",
            help="entity engine: builtin (default) or spacy (needs spaCy and en_core_web_sm)",
        )
    elif command == "people":
        parser.description = (
            "Print everyone named across the library, most quoted first"
            " (name, quotes, mentions, articles, aliases); quotes is 0 for"
            " people named but never quoted."
        )
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--limit", type=int, metavar="N", help="at most N people")
        parser.add_argument(
            "--quoted",
            action="store_true",
            help="only people quoted at least once (as the app's People view)",
        )
    elif command == "quotes":
        parser.description = (
            "Print the quotations across the library, with who said them, by article."
        )
        parser.add_argument(
            "--speaker",
            metavar="NAME",
            help="only this speaker's: a full name or any alias, an organisation,"
            " or words of a described source (spokeswoman)",
        )
        parser.add_argument(
            "--article",
            metavar="ID",
            help="only the quotes in this article (its id or a unique prefix of it)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")
    elif command == "notes":
        parser.description = "Print your notes (article, passage, note) without opening the app."
        parser.add_argument("--json", action="store_true", help="print JSON, every field")
        parser.add_argument("--article", metavar="ID", help="only the notes on this article")
    elif command == "export":
        parser.description = "Export your notes as Markdown (Obsidian-friendly) or JSON."
        parser.add_argument(
            "--format", choices=("md", "json"), default="md", help="md (default) or json"
        )
        parser.add_argument(
            "--out", metavar="FILE", help="write to FILE (atomically) instead of stdout"
        )
        parser.add_argument("--article", metavar="ID", help="only the notes on this article")
    elif command == "config":
        parser.description = (
            "The config file (TOML): path prints where it is (LIMELIGHT_CONFIG overrides),"
            " show the settings in effect, check one line per problem, init writes a"
            " commented default file (never over one), keys the key binding ids."
        )
        parser.add_argument("action", choices=("path", "show", "check", "init", "keys"))
    elif command == "stats":
        from reader.store.stats import DEFAULT_DAYS

        parser.description = (
            "Print your reading statistics: the time spent reading (active time, not"
            " idle), per day as a bar chart and per article, articles finished, notes"
            " per week."
        )
        parser.add_argument("--json", action="store_true", help="print JSON, every figure")
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            metavar="N",
            help=f"the time per day of the last N days (default {DEFAULT_DAYS})",
        )
        parser.add_argument(
            "--today",
            metavar="DATE",
            help="count the days back from DATE (YYYY-MM-DD) instead of today",
        )
    elif command == "feed":
        _feed_parser(parser)
    elif command == "update":
        from reader.library.feed_update import DEFAULT_WORKERS

        parser.description = (
            "Fetch every subscribed feed (a few at a time; an unchanged feed costs one"
            " request) and save each new item's article; one line per feed, then the"
            " total. Exit status 1 when a feed could not be reached or read."
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=DEFAULT_WORKERS,
            metavar="N",
            help=f"feeds fetched at a time (default {DEFAULT_WORKERS})",
        )
    return parser


def _feed_parser(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Feed subscriptions (RSS 2.0, RSS 1.0, Atom): add, list, remove, import"
        " and export OPML. `limelight update` fetches their new items."
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help="subscribe to a feed (fetched once to check it and learn its title)"
    )
    add.add_argument("url", metavar="URL")
    listing = actions.add_parser(
        "list", help="the feeds: title, URL, last update, status, items saved"
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    remove = actions.add_parser(
        "remove", help="unsubscribe (the articles saved from it stay, unless --delete)"
    )
    remove.add_argument("url", metavar="URL", help="the feed's address (or its title)")
    remove.add_argument(
        "--delete", action="store_true", help="also delete the articles saved from the feed"
    )
    importing = actions.add_parser("import", help="subscribe to the feeds of an OPML file")
    importing.add_argument("file", metavar="FILE.opml")
    export = actions.add_parser("export", help="write the feeds as OPML 2.0 (stdout or FILE)")
    export.add_argument("file", nargs="?", metavar="FILE")


def _main_parser() -> argparse.ArgumentParser:
    import argparse

    from reader import __version__

    parser = argparse.ArgumentParser(
        prog="limelight",
        description=(
            "A terminal reader for articles. Commands: add, remove, list, analyze, search, "
            "people, quotes, notes, export, config, stats, feed, update, refresh"
            " (see `limelight COMMAND --help`)."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders to read; web addresses are fetched and kept first",
    )
    parser.add_argument(
        "--theme", metavar="NAME", help="start in this colour theme (ctrl+p, then Theme, lists them)"
    )
    parser.add_argument("--version", action="version", version=f"limelight {__version__}")
    return parser


def _app_args(argv: list[str]):
    """``limelight [PATH...] [--theme NAME]`` read. A plain ``limelight`` (no
    arguments, the usual start) is read without a parser: argparse, with the
    gettext and locale it imports, is about 3 ms of a start."""
    if not argv:
        from types import SimpleNamespace

        return SimpleNamespace(paths=[], theme=None)  # the parser's defaults
    return _main_parser().parse_args(argv)


def _unknown_theme(name: str) -> str | None:
    """What is wrong with ``--theme NAME`` (one line naming the themes), or None."""
    from textual.theme import BUILTIN_THEMES

    from reader.config import _suggest

    if name in BUILTIN_THEMES:
        return None
    return (
        f'unknown theme "{name}"{_suggest(name, BUILTIN_THEMES)};'
        f" the themes are: {', '.join(sorted(BUILTIN_THEMES))}"
    )


HANDLERS = {
    "add": cmd_add,
    "remove": cmd_remove,
    "list": cmd_list,
    "analyze": cmd_analyze,
    "search": cmd_search,
    "people": cmd_people,
    "quotes": cmd_quotes,
    "notes": cmd_notes,
    "export": cmd_export,
    "config": cmd_config,
    "stats": cmd_stats,
    "refresh": cmd_refresh,
    "feed": cmd_feed,
    "update": cmd_update,
}


class _NotRaised(Exception):
    """Stands for ``sqlite3.Error`` in :func:`main` until sqlite3 is imported."""


def _sqlite_error() -> type[Exception]:
    """``sqlite3.Error``, once sqlite3 is imported (none of its errors can come
    before): :func:`main` does not import it, so that a search begins walking
    the library before it does (:meth:`reader.workspace.Workspace.look_ahead`)."""
    sqlite3 = sys.modules.get("sqlite3")
    return _NotRaised if sqlite3 is None else sqlite3.Error


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the app); its exit status.

    Whatever goes wrong outside the app (a data folder that cannot be made or
    written, a full disk, a lock that never comes free, an unreadable
    database or search index) is said in one line, ``limelight: ...``, with
    exit status 1, never a traceback (``LIMELIGHT_DEBUG=1`` shows it). The
    app's status is non-zero when it stopped on an error.
    """
    from reader.store import StoreError

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            command = argv[0]
            quick = _search_args(argv[1:]) if command == "search" else None
            args = quick or _parser_for(command).parse_args(argv[1:])
            code = HANDLERS[command](args)
            # answered from a temporary index: the data folder could not be
            # used, which is a failure to report even though there are answers
            return 1 if code == 0 and _TEMPORARY else code
        args = _app_args(argv)
        if args.theme is not None and (problem := _unknown_theme(args.theme)) is not None:
            _fail(problem)
            return 2  # a usage error, as argparse's
        for raw in args.paths:
            if not _is_url(raw) and not _exists(_path(raw), raw):
                return _fail(_not_found(raw))
        if any(_is_url(raw) for raw in args.paths):
            # Fetched before the app starts, a line on stderr each: a failure
            # is one line and exit 1 in the plain terminal, as a missing file
            # is, and the app opens on files as it always does.
            from reader.library import web

            urls = [raw for raw in args.paths if _is_url(raw)]
            done, status = _fetch_urls(urls, web.add_url, progress=True)
            if status:
                return status
            kept = {url: str(saved.path) for url, saved in done}
            args.paths = [kept.get(raw, raw) for raw in args.paths]
        from reader import startgc

        startgc.pause()  # until the first screen is drawn: the app resumes it
        try:
            from reader.ui.app import LimelightApp

            app = LimelightApp(paths=args.paths, theme=args.theme)
            app.run()
        finally:
            startgc.resume()
        return app.return_code or 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except _Failure as error:
        return _fail(str(error))
    except StoreError as error:
        _debug()
        return _fail(_store_reason(error))
    except _sqlite_error() as error:
        _debug()
        return _fail(f"the search index could not be used: {error}")
    except OSError as error:
        _debug()
        return _fail(_os_reason(error))
    except Exception as error:  # a bug: still one line, the traceback on request
        _debug()
        return _fail(
            f"unexpected error: {type(error).__name__}: {error} (LIMELIGHT_DEBUG=1 shows where)"
        )


# Commands whose process leaves as soon as their output is out (see run()).
QUICK_EXIT = frozenset({"search", "list"})


def run() -> None:
    """The ``limelight`` command (and ``python -m reader``): :func:`main`,
    its status the process's exit status.

    A ``search`` or a ``list`` leaves without the interpreter's clean-up
    (``os._exit`` once its output is flushed): by then a search has closed
    its index and waited for its look-ahead, a listing has committed what
    it read to the library cache and saved nothing else, and tearing down
    every module imported (with the collection that walks them all) would
    cost about as long as a search's query, a tenth of a listing of a web
    page. Nor do they collect garbage: they make next to none (reading an
    article leaves no reference cycles), and a collection walks (and so
    copies, in a process that shares its memory with a search's look-ahead)
    every object of the start-up, trafilatura's modules among them.
    """
    argv = sys.argv[1:]
    quick = bool(argv) and argv[0] in QUICK_EXIT
    if quick:
        import gc

        gc.disable()
    code = main(argv)
    if quick:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe: what was left was not wanted
                pass
        os._exit(code)
    sys.exit(code)


def _debug() -> None:
    """With ``LIMELIGHT_DEBUG`` set, print the traceback of the error being handled."""
    if os.environ.get("LIMELIGHT_DEBUG"):
        import traceback

        traceback.print_exc()
