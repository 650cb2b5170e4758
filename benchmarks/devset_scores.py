"""Scores of the analysis engine on the hand-annotated devset (``tests/devset/``).

    python benchmarks/devset_scores.py [--engine builtin|spacy] [--model en_core_web_sm]
                                       [--errors dev]

Prints precision, recall and F1 per label and overall, typed (span and label
must match) and span-only (label ignored), for the dev part and the held-out
part, plus quotation spans (exact), speaker accuracy on the gold quotations
and how many described sources ("a spokeswoman for the ministry") are kept
as described.  The ``*_conventions`` parts (other quotation conventions and
languages) score quotations and speakers only.  Spans are compared
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
from tests.devset.loader import (  # noqa: E402
    ALL_PARTS,
    CONVENTION_PARTS,
    DESCRIBED,
    GoldDoc,
    load,
)

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


_DETERMINERS = ("a ", "an ", "the ")


def _described(text: str) -> str:
    text = " ".join(text.lower().split())
    for det in _DETERMINERS:
        if text.startswith(det):
            return text[len(det) :]
    return text


def speaker_ok(gold: str | None, quote) -> bool:
    """Whether a predicted quotation has the gold speaker.  A described
    source ("~a spokeswoman for the ministry") is right when the engine marks
    it as described and gives the same description, or one that contains the
    other with the same head noun ("officials" for "two senior officials")."""
    if quote is None:
        return False
    if gold is None:
        return quote.speaker is None
    if not gold.startswith(DESCRIBED):
        return quote.speaker == gold
    if getattr(quote, "speaker_kind", None) != "described" or not quote.speaker:
        return False
    g, p = _described(gold[1:]), _described(quote.speaker)
    if g == p:
        return True
    short, long_ = (g, p) if len(g) <= len(p) else (p, g)
    return short in long_ and _head(short) == _head(long_)


_POST = frozenset(
    "for of at with from in on by to familiar close who whose which that outside near "
    "de del des du della di von vom des der am im".split()
)


def _head(description: str) -> str:
    """The head noun of a description: its last word before a modifier
    ("spokeswoman" of "spokeswoman for the ministry")."""
    words = description.split()
    for i, w in enumerate(words):
        if i and (w in _POST or w.endswith(("ed", "ing"))):
            return words[i - 1]
    return words[-1] if words else ""


def score(
    docs: list[GoldDoc],
    engine: str = "builtin",
    model: str = "en_core_web_sm",
    entities: bool = True,
) -> dict:
    """Counts and errors over ``docs``: a dict with per-label Counters, the
    quotation spans' counts, speaker accuracy and described sources kept.
    ``entities=False`` scores quotations and speakers only."""
    tp, fp, fn = Counter(), Counter(), Counter()
    span_tp = span_fp = span_fn = 0
    q_tp = q_fp = q_fn = 0
    sp_ok = sp_total = 0
    desc_ok = desc_total = 0
    errors = []
    for doc in docs:
        a = predict(doc, engine, model)
        gold_q = {(s, e) for s, e, _ in doc.quotes}
        pred_q = {(q.start, q.end) for q in a.quotes}
        q_tp += len(gold_q & pred_q)
        q_fp += len(pred_q - gold_q)
        q_fn += len(gold_q - pred_q)
        for s, e in sorted(pred_q - gold_q):
            errors.append((doc.name, "QUOTE-FP", doc.text[s:e][:60], "", s))
        for s, e in sorted(gold_q - pred_q):
            errors.append((doc.name, "QUOTE-FN", doc.text[s:e][:60], "", s))
        by_start = {q.start: q for q in a.quotes}
        for s, _e, speaker in doc.quotes:
            sp_total += 1
            q = by_start.get(s)
            ok = speaker_ok(speaker, q)
            if speaker is not None and speaker.startswith(DESCRIBED):
                desc_total += 1
                desc_ok += ok
            if ok:
                sp_ok += 1
            else:
                got = f"{q.speaker} ({getattr(q, 'speaker_kind', None)})" if q else "<no quote>"
                errors.append((doc.name, "SPEAKER", str(speaker), got, s))
        if not entities:
            continue
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
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "span": (span_tp, span_fp, span_fn),
        "speakers": (sp_ok, sp_total),
        "described": (desc_ok, desc_total),
        "quotes": (q_tp, q_fp, q_fn),
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
    p, r, f = prf(*res["quotes"])
    print(f"quotes    P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (exact spans)")
    ok, total = res["speakers"]
    print(f"speakers  {ok}/{total} = {ok / total if total else 0:.3f}")
    ok, total = res["described"]
    print(f"described {ok}/{total} kept as described")
    if not res["tp"] and not res["fp"] and not res["fn"]:
        return
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", choices=("builtin", "spacy"), default="builtin")
    ap.add_argument(
        "--model", default="en_core_web_sm", help="spaCy pipeline (with --engine spacy)"
    )
    ap.add_argument(
        "--errors",
        choices=("dev", "dev_conventions"),
        help="list the errors of a dev part (never of a held-out one)",
    )
    ap.add_argument("--parts", default=",".join(ALL_PARTS), help="comma-separated parts to score")
    args = ap.parse_args()
    print(f"engine: {args.engine}" + (f" ({args.model})" if args.engine == "spacy" else ""))
    for part in args.parts.split(","):
        docs = load(part)
        if not docs:
            continue
        words = sum(len(d.text.split()) for d in docs)
        res = score(docs, args.engine, args.model, entities=part not in CONVENTION_PARTS)
        report(f"{part}: {len(docs)} articles, {words} words", res)
        if args.errors == part:
            for err in sorted(res["errors"]):
                print("  ", *err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
