"""A fuzzing campaign over ingest and analysis, in this process, for a few minutes.

    python tools/fuzz.py --minutes 3 [--seed 1] [--long-article-mb 1.5]

Each input is a file as a visitor could upload it: random bytes, random Unicode (right-to-
left and zero-width characters, emoji, combining marks, NUL), the sample article and test
fixtures mutated (bytes flipped, characters inserted, cut short, repeated), CSV with wrong
delimiters, stray quotes, missing columns and up to 100,000 rows, JSONL with broken lines,
deeply nested or unclosed HTML, UTF-16 and BOMs. It goes through `read_upload`, and up to a
few of its articles through the analysis. The campaign checks what the dashboard relies
on: nothing raises, every refusal or warning is one line naming the file, every article
has text in a supported language, and every claim, actor mention and case mention span
points into the article's text (`text[start:end] == claim_text`).

It prints the inputs tried, refused with a message, analysed, and crashed (which must be
0); each crash is saved with its traceback in the folder it names, and the exit code is 1.
`--long-article-mb` then analyses one article of real prose of that size and reports its
time and the process's peak memory.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.ingest import SUPPORTED_LANGUAGES, Article, read_upload  # noqa: E402
from analysis.nlp import load_pipeline  # noqa: E402
from analysis.pipeline import analyse  # noqa: E402

SEEDS = [ROOT / "data" / "articles" / "lfi-nato-exit.txt",
         *sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
TRICKY = [
    "\u202e", "\u202b", "\u200f", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\ufeff",
    "\u0301", "\u0300", "\u20dd", "\u0338", "🙂", "👩\u200d👩\u200d👧", "🇫🇷", "\U0010ffff",
    "\x00", "\x07", "\x1b", "\x0c", "\x85", "\r", "\n", "\r\n", "\t", "\u2028", "\u00a0",
    "«", "»", "“", "”", '"', "'", "’", "<", ">", "&", "</div>", "<script>alert(1)</script>",
    "[x](javascript:alert(1))", "**", ":red[", "$", "=HYPERLINK(\"x\")", "+", "-", "@",
    "مرحبا", "שלום", "NATO", "OTAN", " said ", " a déclaré ", "Guetté", "1966", "1974", ".",
    "Mr.", "selon", "according to", ",", ";", "|", "\\",
]
EXTENSIONS = [".txt", ".md", ".html", ".htm", ".csv", ".jsonl", ".ndjson", ".pdf", ""]
# Analysis is the slow part: a text longer than this is read but not analysed here (the
# long-article check covers length), and at most this many articles of one input are.
MAX_ANALYSED_CHARS = 20_000
MAX_ANALYSED_PER_INPUT = 3


class Fuzzer:
    """Random inputs, each a (file name, bytes) pair, drawn from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.seeds = [path.read_text(encoding="utf-8") for path in SEEDS]
        self.generators: list[Callable[[], tuple[str, bytes]]] = [
            self.random_bytes, self.random_text, self.mutated_article, self.mutated_article,
            self.csv_file, self.csv_file, self.jsonl_file, self.jsonl_file, self.html_file,
            self.wide_encoding, self.headers_file,
        ]

    def next(self) -> tuple[str, bytes]:
        return self.random.choice(self.generators)()

    # Pieces --------------------------------------------------------------------------

    def tricky_text(self, size: int) -> str:
        pick = self.random
        parts = []
        while sum(map(len, parts)) < size:
            roll = pick.random()
            if roll < 0.4:
                parts.append(pick.choice(TRICKY))
            elif roll < 0.7:
                parts.append(chr(pick.randrange(0x20, 0x3000)))
            elif roll < 0.8:
                code = pick.randrange(0, 0x110000)
                if not 0xD800 <= code < 0xE000:  # no lone surrogates: not encodable
                    parts.append(chr(code))
            else:
                seed = pick.choice(self.seeds)
                start = pick.randrange(len(seed))
                parts.append(seed[start:start + pick.randrange(1, 200)])
        return "".join(parts)

    def article_text(self) -> str:
        """A seed article, often with tricky characters spliced in."""
        text = self.random.choice(self.seeds)
        for _ in range(self.random.choice([0, 0, 1, 3, 10])):
            position = self.random.randrange(len(text) + 1)
            text = text[:position] + self.tricky_text(self.random.randrange(1, 20)) + text[
                position:]
        return text

    def extension(self, *preferred: str) -> str:
        return self.random.choice(preferred) if self.random.random() < 0.9 else (
            self.random.choice(EXTENSIONS))

    # Generators ----------------------------------------------------------------------

    def random_bytes(self) -> tuple[str, bytes]:
        size = self.random.choice([0, 1, 10, 100, 1000, 20_000])
        return "bytes" + self.random.choice(EXTENSIONS), self.random.randbytes(size)

    def random_text(self) -> tuple[str, bytes]:
        text = self.tricky_text(self.random.choice([5, 50, 500, 5000]))
        return "text" + self.extension(".txt", ".md"), text.encode("utf-8")

    def mutated_article(self) -> tuple[str, bytes]:
        data = bytearray(self.article_text().encode("utf-8"))
        for _ in range(self.random.choice([0, 1, 5, 50])):
            action = self.random.random()
            position = self.random.randrange(len(data) + 1)
            if action < 0.4 and data:
                data[min(position, len(data) - 1)] = self.random.randrange(256)
            elif action < 0.7:
                data[position:position] = self.random.randbytes(self.random.randrange(1, 8))
            elif action < 0.8:
                del data[position:]
            elif data:
                chunk = data[position:position + self.random.randrange(1, 300)]
                data[position:position] = chunk * self.random.randrange(1, 50)
        if self.random.random() < 0.05:  # a very long line
            data += b"x" * self.random.choice([100_000, 1_000_000])
        return "mutated" + self.extension(".txt", ".md"), bytes(data)

    def csv_file(self) -> tuple[str, bytes]:
        pick = self.random
        delimiter = pick.choice([",", ",", ";", "\t", "|", ":", " "])
        columns = pick.sample(["id", "title", "text", "source", "url", "published",
                               "language", "extra"], pick.randrange(1, 6))
        if "text" not in columns and pick.random() < 0.8:
            columns.append("text")
        n_rows = pick.choice([0, 1, 3, 20, 200, 100_000 if pick.random() < 0.1 else 50])
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter if len(delimiter) == 1 else ",")
        writer.writerow([name.upper() if pick.random() < 0.2 else name for name in columns])
        short = pick.choice(self.seeds)[:300]
        for number in range(n_rows):
            row = [self.cell(name, number, short, cheap=n_rows > 1000) for name in columns]
            if pick.random() < 0.1:
                row = row[:pick.randrange(len(row) + 1)]  # missing columns
            if pick.random() < 0.05:
                row += ["surplus"] * pick.randrange(1, 4)
            writer.writerow(row)
        text = buffer.getvalue()
        for _ in range(pick.choice([0, 0, 1, 5])):  # stray quotes and raw garbage
            position = pick.randrange(len(text) + 1)
            text = text[:position] + pick.choice(['"', '""', '"x"y', "\n", "\x00", "\r"]) + (
                text[position:])
        encoding = pick.choice(["utf-8", "utf-8", "utf-8-sig", "cp1252"])
        return "table" + self.extension(".csv"), text.encode(encoding, "replace")

    def cell(self, name: str, number: int, short: str, *, cheap: bool) -> str:
        if cheap:
            return {"id": f"r{number}", "text": f"{short} {number}"}.get(name, "")
        if name == "id":
            return self.random.choice([f"r{number}", "dup", "", self.tricky_text(5)])
        if name == "text":
            return self.random.choice([self.article_text(), "", self.tricky_text(40)])
        if name == "published":
            return self.random.choice(["2026-03-01", "03/04/2026", "1 mars 2026", "soon",
                                       "2026-02-30", self.tricky_text(8)])
        if name == "language":
            return self.random.choice(["en", "fr", "French", "de", "", "xx-YY"])
        return self.tricky_text(self.random.randrange(0, 30))

    def jsonl_file(self) -> tuple[str, bytes]:
        pick = self.random
        lines = []
        for number in range(pick.choice([0, 1, 3, 20, 500])):
            roll = pick.random()
            if roll < 0.6:
                record = {"id": pick.choice([f"r{number}", number, None, "dup"]),
                          "title": self.tricky_text(10), "text": self.article_text()}
                if pick.random() < 0.2:
                    record["text"] = pick.choice([None, 5, [], {"a": 1}, ""])
                lines.append(json.dumps(record, ensure_ascii=pick.random() < 0.5))
            elif roll < 0.8:
                lines.append(pick.choice(['{"text": ', "[1, 2]", "null", '"text"',
                                          "[" * 50_000, '{"a": ' * 2000, "{}",
                                          '{"text": "\\ud800"}', '{"TEXT": "Guetté said."}']))
            else:
                lines.append(self.tricky_text(pick.randrange(1, 80)))
        return "lines" + self.extension(".jsonl", ".ndjson"), "\n".join(lines).encode(
            "utf-8", "replace")

    def html_file(self) -> tuple[str, bytes]:
        pick = self.random
        body = "".join(f"<p>{paragraph}</p>" for paragraph in self.article_text().split("\n"))
        depth = pick.choice([0, 10, 1000, 50_000])
        tag = pick.choice(["div", "p", "b", "table", "span", "li"])
        closing = f"</{tag}>" * depth if pick.random() < 0.5 else ""
        title = self.tricky_text(20)
        page = (f"<html><head><title>{title}</title><meta name='date' content='"
                f"{self.tricky_text(5)}'><script>alert(1)</script></head><body>"
                f"{f'<{tag}>' * depth}<article>{body}</article>{closing}")
        if pick.random() < 0.3:
            page = page[:pick.randrange(len(page) + 1)]  # unclosed, cut anywhere
        return "page" + self.extension(".html", ".htm"), page.encode("utf-8", "replace")

    def wide_encoding(self) -> tuple[str, bytes]:
        text = "id\ttext\n1\t" + self.article_text().replace("\n", " ") + "\n"
        encoding = self.random.choice(["utf-16", "utf-16-le", "utf-32", "utf-16-be"])
        return "wide" + self.extension(".csv", ".txt"), text.encode(encoding, "replace")

    def headers_file(self) -> tuple[str, bytes]:
        headers = "".join(f"{key}: {self.tricky_text(self.random.randrange(0, 40))}\n"
                          for key in self.random.sample(["title", "source", "url", "published",
                                                         "language", "Title"], 3))
        return "headers.txt", (headers + "\n" + self.article_text()).encode("utf-8", "replace")


class Crash(Exception):
    """A broken promise: an exception, or an invariant that does not hold."""


def check_messages(name: str, refusals, warnings) -> None:
    shown = name.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    for message in [refusal.message() for refusal in refusals] + list(warnings):
        if "\n" in message or "\r" in message or not message.startswith(shown):
            raise Crash(f"message not one line naming the file: {message!r}")


def check_article(article: Article) -> None:
    if not article.text.strip() or article.language not in SUPPORTED_LANGUAGES:
        raise Crash(f"article without text or in language {article.language!r}")
    if "\x00" in article.text or "\n" in article.title:
        raise Crash("control character in an article's text or title")


def check_tables(tables, article: Article) -> None:
    text = article.text
    for claim in tables.claims.itertuples():
        if text[claim.start_char:claim.end_char] != claim.claim_text:
            raise Crash(f"claim span {claim.start_char}-{claim.end_char} is not its text")
    for mention in tables.actor_mentions.itertuples():
        if text[mention.start_char:mention.end_char] != mention.text:
            raise Crash("actor mention span is not its text")
    for mention in tables.case_mentions.itertuples():
        if not 0 <= mention.start_char < mention.end_char <= len(text):
            raise Crash("case mention span outside the text")


def run(minutes: float, seed: int, crash_dir: Path) -> Counter:
    for language in SUPPORTED_LANGUAGES:
        load_pipeline(language)  # before the clock starts: loading is not analysing
    fuzzer = Fuzzer(seed)
    counts: Counter = Counter()
    slowest = (0.0, "")
    deadline = time.monotonic() + minutes * 60
    while time.monotonic() < deadline:
        name, data = fuzzer.next()
        counts["tried"] += 1
        language = fuzzer.random.choice([None, None, "en", "fr"])
        try:
            articles, refusals, warnings = read_upload(name, data, language=language)
            check_messages(name, refusals, warnings)
            counts["refusal messages"] += len(refusals)
            counts["articles read"] += len(articles)
            analysed = 0
            for article in articles:
                check_article(article)
                if analysed < MAX_ANALYSED_PER_INPUT and len(article.text) <= MAX_ANALYSED_CHARS:
                    started = time.monotonic()
                    check_tables(analyse([article], use_cache=False), article)
                    took = time.monotonic() - started
                    slowest = max(slowest, (took, f"{len(article.text):,} characters"))
                    analysed += 1
            counts["articles analysed"] += analysed
            if analysed:
                counts["analysed"] += 1
            elif articles:
                counts["read, too long to analyse here"] += 1
            elif refusals:
                counts["refused with a message"] += 1
            else:
                raise Crash("neither an article nor a refusal")
        except Exception as error:  # noqa: BLE001 - the campaign records every failure
            counts["crashed"] += 1
            number = counts["crashed"]
            crash_dir.mkdir(parents=True, exist_ok=True)
            (crash_dir / f"crash-{number:03d}.input").write_bytes(data)
            (crash_dir / f"crash-{number:03d}.txt").write_text(
                f"name: {name!r}\nlanguage: {language!r}\n\n"
                + "".join(traceback.format_exception(error)), encoding="utf-8")
            print(f"CRASH {number}: {name!r}: {type(error).__name__}: {error}"[:300],
                  file=sys.stderr)
        if counts["tried"] % 100 == 0:
            print(f"... {counts['tried']} inputs", file=sys.stderr)
    counts["slowest analysis (s)"] = round(slowest[0], 2)
    counts.setdefault("crashed", 0)
    print(f"slowest analysis: {slowest[0]:.2f} s ({slowest[1]})", file=sys.stderr)
    return counts


def long_article(megabytes: float) -> None:
    """Analyse one article of real prose (the sample, repeated) of about `megabytes` MB."""
    body = SEEDS[0].read_text(encoding="utf-8")
    copies = max(1, int(megabytes * 1_000_000 / len(body.encode("utf-8"))))
    text = "\n\n".join([body] * copies)
    articles, refusals, _ = read_upload("long.txt", text.encode("utf-8"),
                                        max_bytes=len(text.encode("utf-8")) + 1000)
    started = time.monotonic()
    tables = analyse(articles, use_cache=False)
    took = time.monotonic() - started
    check_tables(tables, articles[0])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"long article: {len(text.encode()) / 1e6:.2f} MB, {len(text.split()):,} words, "
          f"{len(tables.claims):,} claims, every span right; {took:.0f} s, "
          f"peak memory of the process {peak_mb:,.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="length of the campaign")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random inputs")
    parser.add_argument("--crash-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "nato-exit-fuzz-crashes",
                        help="where crashing inputs and their tracebacks are saved")
    parser.add_argument("--long-article-mb", type=float, default=0.0,
                        help="then analyse one article of real prose of this many MB")
    options = parser.parse_args(argv)

    started = time.monotonic()
    counts = run(options.minutes, options.seed, options.crash_dir)
    print(f"{counts['tried']:,} inputs tried in {time.monotonic() - started:.0f} s "
          f"(seed {options.seed}): {counts['refused with a message']:,} refused with a "
          f"message, {counts['analysed']:,} analysed "
          f"({counts['articles analysed']:,} articles), "
          f"{counts['read, too long to analyse here']:,} read but too long to analyse here, "
          f"{counts['crashed']:,} crashed")
    if counts["crashed"]:
        print(f"crashing inputs and tracebacks: {options.crash_dir}")
    if options.long_article_mb:
        long_article(options.long_article_mb)
    return 1 if counts["crashed"] else 0


if __name__ == "__main__":
    sys.exit(main())
