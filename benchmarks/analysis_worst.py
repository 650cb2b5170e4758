"""Worst cases of the analysis engine: huge and pathological articles.

    python benchmarks/analysis_worst.py [--quick] [--sizes 1,3,10] [--shapes prose,caps,...]
                                        [--timeout 300] [--module reader.analysis]

For each shape and size (in millions of characters) it generates a text,
deterministically and without the network, and runs ``analyze()`` on it in a
worker thread of a fresh process while the main thread -- standing for the
app's interface -- runs a ticker that sleeps 5 ms in a loop.  It prints:

- ``secs``: wall-clock seconds of ``analyze()``;
- ``x prose``: those seconds over the seconds of normal prose of the same
  size (readable on a noisy machine: aim for a small multiple);
- ``peak MB``: the process's peak resident memory while analysing, above
  what it held before (the text included), from /proc (VmHWM after a reset);
- ``stall ms``: the longest the ticker waited beyond its 5 ms sleep, i.e. the
  longest the worker held the interpreter lock (what a user feels as the
  interface freezing; aim: under 100 ms);
- ``x size``: how the seconds grew from the previous size over how the size
  grew (1.0 is linear);
- ``gc ms``: how long one full garbage collection takes afterwards with the
  result alive (one Python object per entity and quotation): the pause any
  full collection in the app costs while it holds the result, whoever
  triggers it (the analysis defers its own, see ``reader/analysis/gcdefer.py``).

Shapes:

==================  ================================================================
``prose``           news prose (a set of paragraphs written for this benchmark, repeated)
``caps``            the same prose with every word capitalised
``caps-line``       every word capitalised, no punctuation, no line break
``no-punct``        the prose as one sentence: no punctuation, no line break
``no-spaces``       the prose with every space and line break removed
``quotes``          one paragraph of quotations “…”, attributed and not
``pronouns``        one paragraph of “…,” she said. (no one named: every pronoun looks back)
``names``           names and titles in a row ("President Anna Kowalski Dr Li Wei ...")
``one-para``        the prose as one huge paragraph (no blank line)
``tiny-paras``      a million tiny paragraphs ("Yes.", "Li Wei", "“No,” he said.")
==================  ================================================================

``--quick`` runs sizes 0.1, 0.3 and 1 (a couple of minutes).  A case that
takes longer than ``--timeout`` seconds is reported as such.  ``--module``
names the analysis package to import (default ``reader.analysis``), so a
copy of an older version can be measured the same way.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHAPES = (
    "prose",
    "caps",
    "caps-line",
    "no-punct",
    "no-spaces",
    "quotes",
    "pronouns",
    "names",
    "one-para",
    "tiny-paras",
)
TICK = 0.005  # the ticker's sleep, seconds

PROSE = (
    "LISBON — Portugal's prime minister, Ana Ribeiro, said on Tuesday that the government "
    "would raise the minimum wage by 4.5% next year, the largest increase since 2019. "
    "“We cannot ask families to wait any longer,” Ms Ribeiro told reporters outside the "
    "parliament. The Socialist Party holds 120 of the 230 seats.",
    "The announcement came a day after the central bank, Banco de Portugal, cut its growth "
    "forecast to 1.8 per cent. Its governor, Mário Centeno, warned that inflation remained "
    "“stubbornly high” and said the bank would watch wage talks closely.",
    "Business groups were unimpressed. “This will cost jobs in the north,” said Rui Tavares, "
    "the head of the Confederation of Portuguese Industry, adding that small firms in Porto "
    "and Braga already paid €1,200 a month on average.",
    "Unions welcomed the move but said it fell short. A spokeswoman for the General Union of "
    "Workers said the increase would be eaten up by rents, which rose 12% in Lisbon last "
    "year. “It is a start, not a solution,” she said.",
    "In Brussels, the European Commission said it would study the plan. A commission "
    "official, speaking on condition of anonymity, said Portugal's budget deficit of $3.2bn "
    "left “little room for manoeuvre”.",
    "Meanwhile, shares in EDP, the country's largest utility, fell 2.3% after the company "
    "said it would delay a €500m investment in wind farms off the coast of Viana do Castelo. "
    "Chief Executive Miguel Stilwell said the delay was “prudent” given the market.",
    "Ribeiro, 52, a former economist at the International Monetary Fund in Washington, took "
    "office in March 2024. She has promised to build 100,000 homes by 2030 and to cut "
    "waiting lists at hospitals such as Santa Maria, where patients wait up to nine months.",
    "Opposition leader Luís Montenegro of the Social Democratic Party called the plan “an "
    "electoral gimmick” and said his party would vote against the budget on 15 November. "
    "Analysts at JPMorgan said the vote was too close to call.",
)
GIVEN = (
    "Anna Li Tom Maria Ahmed Olga Kwame Sofia Raj Elena Pierre Yuki Carlos Fatima Jan Ingrid "
    "Mohammed Grace Pablo Amara Dmitri Chen Lucia Omar Hana Viktor Nadia Samuel Leila Marco"
).split()
SURNAMES = (
    "Kowalski Wei Hale Silva Khan Petrova Mensah Rossi Patel Popescu Dubois Tanaka Ortega "
    "Haddad Novak Berg Rahman Okafor Ruiz Diallo Ivanov Zhang Moretti Farouk Sato Horvat "
    "Benali Adeyemi Nasser Conti"
).split()
TITLES = (
    "President",
    "Prime Minister",
    "Dr",
    "Mr",
    "Mrs",
    "Chancellor",
    "Foreign Minister",
    "Judge",
    "Senator",
    "General",
    "Chief Executive",
    "Coach",
)
TINY = (
    "Yes.",
    "Li Wei",
    "“No,” he said.",
    "12 May",
    "Paris.",
    "The Kremlin",
    "“Never.”",
    "Ms Silva agreed.",
    "$5m",
    "Why?",
)


def _repeat(pieces, sep: str, size: int) -> str:
    """``pieces`` joined by ``sep`` over and over until ``size`` characters."""
    out: list[str] = []
    n = 0
    while n < size:
        for p in pieces:
            out.append(p)
            n += len(p) + len(sep)
            if n >= size:
                break
    return sep.join(out)[:size]


def _capitalise(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


def _strip_punct(text: str) -> str:
    kept = "".join(c if c.isalnum() or c in " -" else " " for c in text)
    return " ".join(kept.split())


def make_text(shape: str, size: int) -> str:
    """A text of ``size`` characters of ``shape`` (see the module's table)."""
    rnd = random.Random(f"{shape}-{size}")
    if shape == "prose":
        return _repeat(PROSE, "\n\n", size)
    if shape == "caps":
        return _repeat([_capitalise(p) for p in PROSE], "\n\n", size)
    if shape == "caps-line":
        return _repeat([_capitalise(_strip_punct(p)) for p in PROSE], " ", size)
    if shape == "no-punct":
        return _repeat([_strip_punct(p) for p in PROSE], " ", size)
    if shape == "no-spaces":
        return _repeat(["".join(p.split()) for p in PROSE], "", size)
    if shape == "quotes":
        speakers = [f"{g} {s}" for g, s in zip(GIVEN, SURNAMES, strict=True)]
        quotes = []
        for i in range(400):
            who = speakers[i % len(speakers)]
            form = i % 4
            if form == 0:
                quotes.append(f"“We will not back down on item {i},” said {who}.")
            elif form == 1:
                quotes.append("“It is a start,” she said, “not a solution.”")
            elif form == 2:
                quotes.append(f"{who} called the plan “reckless” and “unfair”.")
            else:
                quotes.append("“Never.” “Not now.” “Perhaps later, in the spring.”")
        return _repeat(quotes, " ", size)
    if shape == "pronouns":
        return _repeat(["“We will not back down on this,” she said."], " ", size)
    if shape == "names":
        names = [
            f"{rnd.choice(TITLES)} {rnd.choice(GIVEN)} {rnd.choice(SURNAMES)}" for _ in range(5000)
        ]
        return _repeat(names, " ", size)
    if shape == "one-para":
        return _repeat(PROSE, " ", size)
    if shape == "tiny-paras":
        return _repeat(TINY, "\n\n", size)
    raise ValueError(f"unknown shape {shape!r} (choose from {', '.join(SHAPES)})")


# ------------------------------------------------------------- one case ---
def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    """Reset the process's peak RSS (VmHWM) to its current RSS (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def run_case(shape: str, size: int, module: str) -> dict:
    """Analyse one generated text in a worker thread while this thread ticks."""
    import importlib

    analysis = importlib.import_module(module)
    text = make_text(shape, size)
    analysis.analyze(PROSE[0] + "\n\n" + PROSE[1])  # load the gazetteers first
    rss_before = _status_kb("VmRSS")
    reset = _reset_peak()
    result: dict = {}

    def work() -> None:
        t0 = time.perf_counter()
        try:
            a = analysis.analyze(text)
            result["analysis"] = a  # alive for the collection below
            result["entities"] = len(a.entities)
            result["quotes"] = len(a.quotes)
            result["sentences"] = len(a.sentences)
        except Exception as exc:  # report, don't hide
            result["error"] = f"{type(exc).__name__}: {exc}"
        result["secs"] = time.perf_counter() - t0

    worker = threading.Thread(target=work, daemon=True)
    worst = 0.0
    worker.start()
    while worker.is_alive():
        t = time.perf_counter()
        time.sleep(TICK)
        worst = max(worst, time.perf_counter() - t - TICK)
    worker.join()
    result["stall_ms"] = worst * 1000
    t = time.perf_counter()
    gc.collect()
    result["gc_ms"] = (time.perf_counter() - t) * 1000
    result.pop("analysis", None)
    if reset:
        result["peak_mb"] = max(0, _status_kb("VmHWM") - rss_before) / 1024
    return result


def measure(shape: str, size: int, module: str, timeout: float) -> dict:
    """``run_case`` in a fresh process (own peak memory, killable on timeout)."""
    cmd = [sys.executable, __file__, "--child", shape, str(size), "--module", module]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if proc.returncode:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ main ---
def _fmt(res: dict | None, key: str, spec: str) -> str:
    if res is None or key not in res:
        return "-"
    return format(res[key], spec)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sizes 0.1, 0.3 and 1 (a few minutes)")
    ap.add_argument("--sizes", default="1,3,10", help="millions of characters, comma-separated")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    ap.add_argument("--module", default="reader.analysis", help="the analysis package to import")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--child", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child[0], int(args.child[1]), args.module)))
        return 0
    sizes = "0.1,0.3,1" if args.quick else args.sizes
    sizes_mb = [float(s) for s in sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    if "prose" in shapes:
        shapes.remove("prose")
    shapes.insert(0, "prose")  # first: the others are compared with it
    for s in shapes:
        if s not in SHAPES:
            ap.error(f"unknown shape {s!r} (choose from {', '.join(SHAPES)})")
    print(
        f"analysis: {args.module}; sizes in millions of characters; python {sys.version.split()[0]}"
    )
    header = (
        f"{'shape':<11}{'MB':>5}{'secs':>9}{'x prose':>9}{'x size':>8}{'peak MB':>9}"
        f"{'stall ms':>10}{'gc ms':>7}{'entities':>10}{'quotes':>8}{'sentences':>10}"
    )
    print(header)
    print("-" * len(header))
    figures: dict = {}
    for shape in shapes:
        prev = None
        for mb in sizes_mb:
            size = int(mb * 1_000_000)
            res = measure(shape, size, args.module, args.timeout)
            figures[f"{shape}@{mb:g}"] = res
            prose = figures.get(f"prose@{mb:g}")
            line = f"{shape:<11}{mb:>5g}"
            if "timeout" in res:
                line += f"{'> ' + format(res['timeout'], '.0f'):>9}  (timed out)"
            elif "error" in res and "secs" not in res:
                line += f"  error: {res['error']}"
            else:
                ratio = (
                    f"{res['secs'] / prose['secs']:.1f}"
                    if prose and prose.get("secs") and shape != "prose"
                    else "1.0"
                    if shape == "prose"
                    else "-"
                )
                growth = "-"
                if prev and prev[1].get("secs"):
                    growth = f"{(res['secs'] / prev[1]['secs']) / (mb / prev[0]):.2f}"
                line += (
                    f"{res['secs']:>9.2f}{ratio:>9}{growth:>8}{_fmt(res, 'peak_mb', '.0f'):>9}"
                    f"{res['stall_ms']:>10.0f}{_fmt(res, 'gc_ms', '.0f'):>7}"
                    f"{_fmt(res, 'entities', ','):>10}"
                    f"{_fmt(res, 'quotes', ','):>8}{_fmt(res, 'sentences', ','):>10}"
                )
                if "error" in res:
                    line += f"  error: {res['error']}"
            print(line, flush=True)
            prev = (mb, res)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
