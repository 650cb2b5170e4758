"""Limelight's command line: ``limelight [PATH...]`` and its subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

COMMANDS = ("add", "remove", "list", "analyze")


def _fail(message: str) -> int:
    print(f"limelight: {message}", file=sys.stderr)
    return 1


def _store():
    from reader.store import Store

    return Store()


def cmd_add(args: argparse.Namespace) -> int:
    store = _store()
    status = 0
    for raw in args.paths:
        path = Path(raw).expanduser()
        if not path.exists():
            status = _fail(f"{raw}: no such file or folder")
            continue
        added = store.add_source(path)
        print(f"{'added' if added else 'already in the library'}: {path.resolve()}")
    return status


def cmd_remove(args: argparse.Namespace) -> int:
    store = _store()
    status = 0
    for raw in args.paths:
        if store.remove_source(raw):
            print(f"removed: {Path(raw).expanduser().resolve()}")
        else:
            status = _fail(f"{raw}: not a library source")
    return status


def cmd_list(args: argparse.Namespace) -> int:
    from reader.library.catalogue import Catalogue
    from reader.library.sources import library_paths

    articles = list(Catalogue.from_paths(library_paths(_store().sources(), args.paths)))
    if args.json:
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
            }
            for a in articles
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for a in articles:
        mark = "⚠ " if a.error or a.warnings else ""
        detail = a.error or f"{a.words} words"
        print(f"{a.id}  {mark}{a.title}  ({detail})  {a.source}")
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

    analysis = analyze(article.body)
    if args.json:
        payload = {
            "id": article.id,
            "title": article.title,
            "text": article.body,
            "entities": [
                {"start": e.start, "end": e.end, "label": e.label, "text": e.text}
                for e in analysis.entities
            ],
            "quotes": [
                {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker}
                for q in analysis.quotes
            ],
        }
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    from reader.render import print_article

    print_article(article, analysis)
    return 0


def _parser_for(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"limelight {command}")
    if command in ("add", "remove"):
        parser.description = (
            "Remember files and folders as library sources."
            if command == "add"
            else "Forget library sources."
        )
        parser.add_argument("paths", nargs="+", metavar="PATH")
    elif command == "list":
        parser.description = "Print the library (id, title, words, source)."
        parser.add_argument("paths", nargs="*", metavar="PATH", help="extra files or folders")
        parser.add_argument("--json", action="store_true", help="print JSON")
    elif command == "analyze":
        parser.description = "Print an article with its quotes and entities highlighted."
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _main_parser() -> argparse.ArgumentParser:
    from reader import __version__

    parser = argparse.ArgumentParser(
        prog="limelight",
        description=(
            "A terminal reader for articles. Commands: add, remove, list, analyze "
            "(see `limelight COMMAND --help`)."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read")
    parser.add_argument("--version", action="version", version=f"limelight {__version__}")
    return parser


HANDLERS = {"add": cmd_add, "remove": cmd_remove, "list": cmd_list, "analyze": cmd_analyze}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            command = argv[0]
            args = _parser_for(command).parse_args(argv[1:])
            return HANDLERS[command](args)
        args = _main_parser().parse_args(argv)
        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            return _fail(f"{missing[0]}: no such file or folder")
        from reader.ui.app import LimelightApp

        LimelightApp(paths=args.paths).run()
        return 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
