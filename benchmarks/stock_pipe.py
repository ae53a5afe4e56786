"""The baseline: the stock spaCy pipeline's `nlp.pipe` over texts from a JSONL file.

    python benchmarks/stock_pipe.py TEXTS.jsonl PACKAGE

Loads PACKAGE as spaCy ships it (default configuration, every component) and runs
`nlp.pipe` with its default batch size in one process over the `text` of each line,
so that `benchmarks/run.py` can time it against `python -m analysis build` on the same
texts and model.
"""

from __future__ import annotations

import json
import sys

import spacy


def main() -> None:
    texts_path, package = sys.argv[1:3]
    with open(texts_path, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    nlp = spacy.load(package)
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    print(f"{len(texts)} texts, {tokens} tokens")


if __name__ == "__main__":
    main()
