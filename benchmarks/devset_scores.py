"""Scores of the analysis engine on the hand-annotated devset (``tests/devset/``).

    python benchmarks/devset_scores.py [--engine builtin|spacy] [--model en_core_web_sm]
                                       [--errors dev]

Prints precision, recall and F1 per label and overall, typed (span and label
must match) and span-only (label ignored), for the dev part and the held-out
part, plus speaker accuracy on the gold quotations.  Spans are compared
exactly after dropping a leading "the" and approximators such as "about" or
"more than" (annotation styles differ on them).
"named" is the overall over PERSON, ORG, PLACE, NORP and EVENT only (the
classic PER/ORG/LOC/MISC set).

``--errors dev`` lists the false positives and negatives of the dev part (the
held-out part is for reporting only: don't tune on its errors).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis import analyze  # noqa: E402
from reader.analysis.model import LABELS  # noqa: E402
from tests.devset.loader import PARTS, GoldDoc, load  # noqa: E402

NAMED = ("PERSON", "ORG", "PLACE", "NORP", "EVENT")


# leading words that annotation styles include or leave out: "the", and the
# approximators of numeric expressions ("about $5bn", "more than 10%")
_LEADING = (
    "the ",
    "The ",
    "THE ",
    "about ",
    "around ",
    "more than ",
    "less than ",
    "fewer than ",
    "nearly ",
    "almost ",
    "just ",
    "over ",
    "under ",
    "up to ",
    "some ",
    "roughly ",
    "an extra ",
    "another ",
    "only ",
    "at least ",
)


def norm(text: str, s: int, e: int) -> tuple[int, int]:
    changed = True
    while changed:
        changed = False
        for lead in _LEADING:
            if text.startswith(lead, s) and e - s > len(lead):
                s += len(lead)
                changed = True
    return s, e


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def predict(doc: GoldDoc, engine: str, model: str):
    if engine == "builtin":
        return analyze(doc.text)
    from reader.analysis import analyze_with

    return analyze_with("spacy", doc.text, model=model)


def score(docs: list[GoldDoc], engine: str = "builtin", model: str = "en_core_web_sm") -> dict:
    """Counts and errors over ``docs``: a dict with per-label Counters."""
    tp, fp, fn = Counter(), Counter(), Counter()
    span_tp = span_fp = span_fn = 0
    sp_ok = sp_total = 0
    errors = []
    for doc in docs:
        a = predict(doc, engine, model)
        gold = {(*norm(doc.text, s, e), lab) for s, e, lab in doc.entities}
        pred = {(*norm(doc.text, x.start, x.end), x.label) for x in a.entities}
        for _s, _e, lab in gold & pred:
            tp[lab] += 1
        for s, e, lab in pred - gold:
            fp[lab] += 1
            errors.append((doc.name, "FP", lab, doc.text[s:e], s))
        for s, e, lab in gold - pred:
            fn[lab] += 1
            errors.append((doc.name, "FN", lab, doc.text[s:e], s))
        gspans = {(s, e) for s, e, _ in gold}
        pspans = {(s, e) for s, e, _ in pred}
        span_tp += len(gspans & pspans)
        span_fp += len(pspans - gspans)
        span_fn += len(gspans - pspans)
        by_start = {q.start: q for q in a.quotes}
        for s, _e, speaker in doc.quotes:
            sp_total += 1
            q = by_start.get(s)
            got = q.speaker if q else "<no quote>"
            if got == speaker:
                sp_ok += 1
            else:
                errors.append((doc.name, "SPEAKER", str(speaker), str(got), s))
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "span": (span_tp, span_fp, span_fn),
        "speakers": (sp_ok, sp_total),
        "errors": errors,
    }


def overall(res: dict, labels=LABELS) -> tuple[float, float, float]:
    return prf(
        sum(res["tp"][lab] for lab in labels),
        sum(res["fp"][lab] for lab in labels),
        sum(res["fn"][lab] for lab in labels),
    )


def report(part: str, res: dict) -> None:
    print(f"\n== {part} ==")
    print(f"{'label':<10}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for lab in LABELS:
        g = res["tp"][lab] + res["fn"][lab]
        pr = res["tp"][lab] + res["fp"][lab]
        if not g and not pr:
            continue
        p, r, f = prf(res["tp"][lab], res["fp"][lab], res["fn"][lab])
        print(f"{lab:<10}{p:7.3f}{r:7.3f}{f:7.3f}{g:7d}{pr:7d}")
    p, r, f = overall(res)
    print(f"{'typed':<10}{p:7.3f}{r:7.3f}{f:7.3f}")
    p, r, f = overall(res, NAMED)
    print(f"{'named':<10}{p:7.3f}{r:7.3f}{f:7.3f}   (PERSON ORG PLACE NORP EVENT)")
    p, r, f = prf(*res["span"])
    print(f"{'span':<10}{p:7.3f}{r:7.3f}{f:7.3f}")
    ok, total = res["speakers"]
    print(f"speakers  {ok}/{total} = {ok / total if total else 0:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", choices=("builtin", "spacy"), default="builtin")
    ap.add_argument(
        "--model", default="en_core_web_sm", help="spaCy pipeline (with --engine spacy)"
    )
    ap.add_argument("--errors", choices=("dev",), help="list the errors of the dev part")
    args = ap.parse_args()
    print(f"engine: {args.engine}" + (f" ({args.model})" if args.engine == "spacy" else ""))
    for part in PARTS:
        docs = load(part)
        words = sum(len(d.text.split()) for d in docs)
        res = score(docs, args.engine, args.model)
        report(f"{part}: {len(docs)} articles, {words} words", res)
        if args.errors == part:
            for err in sorted(res["errors"]):
                print("  ", *err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
