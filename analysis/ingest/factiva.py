"""Factiva exports, saved as HTML or RTF: many articles, each closed by its document number.

The HTML structure read (one block per article)::

    <div class="article frArticle">
      <div id="hd"><span class="frHeadline">Title</span></div>
      <div class="author">Par Author</div>
      <div>612 mots</div> <div>19 janvier 2026</div> [<div>10:32</div>]
      <div>Source name</div> <div>SRCCODE</div> ... <div>Français</div> <div>© 2026 ...</div>
      <p class="articleParagraph frarticleParagraph">paragraph</p> ...
      <p>Document SRCCODE0020260119e21j0000a</p>
    </div>

The RTF (and plain text) form holds the same lines in the same order, one article after
another, each ended by its "Document <number>" line: title, optional byline ("By ..."/"Par
..."), the word count ("612 mots"), the date, an optional time, the source, then metadata
lines up to the language and the rights notice, then the body. The word-count line is the
anchor: an article without one, without a title or without a body is damaged.
"""

from __future__ import annotations

from collections.abc import Iterator

from analysis.ingest.exports import (
    ExportRecord,
    body_of,
    find_date,
    is_notice,
    pattern,
    settings,
)

EXPORT = "factiva"
METADATA_LINES = 8  # lines after the source in which the language line is looked for


def looks_like_html(head: str) -> bool:
    """Whether the start of an HTML file is a Factiva export."""
    return "articleParagraph" in head and "Headline" in head


def looks_like_text(text: str) -> bool:
    """Whether the text of an RTF or plain-text file is a Factiva export: a word-count line
    and a "Document <number>" line, at least once each."""
    lines = [line.strip() for line in text.splitlines()]
    return (any(pattern(EXPORT, "document_line").match(line) for line in lines)
            and any(pattern(EXPORT, "word_count_line").match(line) for line in lines))


def html_records(html: str) -> Iterator[ExportRecord]:
    """One record per article block of an HTML export, in order."""
    import lxml.html  # with the HTML stack, only when an export is read

    root = lxml.html.document_fromstring(html)
    blocks = root.xpath("//div[contains(@class, 'Article') and "
                        "contains(concat(' ', normalize-space(@class), ' '), ' article ')]")
    for position, block in enumerate(blocks, start=1):
        yield _html_record(block, position)


def _html_record(block, position: int) -> ExportRecord:
    headline = block.xpath(".//span[contains(@class, 'Headline')]")
    title = _text(headline[0]) if headline else ""
    author = block.xpath(".//div[contains(concat(' ', @class, ' '), ' author ')]")
    metadata = [_text(div) for div in block.xpath(".//div[not(@*)]")]
    paragraphs = [paragraph.text_content()
                  for paragraph in block.xpath(".//p[contains(@class, 'articleParagraph')]")]
    return _record(position, title=title, byline=_text(author[0]) if author else "",
                   metadata=metadata, body=body_of(paragraphs, EXPORT))


def text_records(text: str) -> Iterator[ExportRecord]:
    """One record per article of an RTF or plain-text export: the lines before each
    "Document <number>" line; text after the last one is an article cut short."""
    article: list[str] = []
    position = 0
    for line in text.splitlines():
        if pattern(EXPORT, "document_line").match(line.strip()):
            position += 1
            yield _text_record(article, position)
            article = []
        else:
            article.append(line)
    if any(line.strip() for line in article):
        yield ExportRecord(position=position + 1,
                           problem="cut short: no \"Document\" line closes it")


def _text_record(lines: list[str], position: int) -> ExportRecord:
    lines = [" ".join(line.split()) for line in lines]
    count = next((index for index, line in enumerate(lines)
                  if pattern(EXPORT, "word_count_line").match(line)), None)
    if count is None:
        return ExportRecord(position=position, problem="no word-count line (\"612 words\")")
    before = [line for line in lines[:count] if line]
    byline = next((line for line in before if pattern(EXPORT, "byline").match(line)), "")
    titles = [line for line in before if line != byline]
    after = lines[count + 1:]
    metadata_end = _metadata_end(after)
    return _record(position, title=titles[0] if titles else "", byline=byline,
                   metadata=lines[count:count + 1 + metadata_end],
                   body=body_of(_paragraphs(after[metadata_end:]), EXPORT))


def _metadata_end(after: list[str]) -> int:
    """Where the body starts after the word-count line: past the language line and the
    rights notice that follows it (past the source line when no language line is found)."""
    languages = {name.lower() for name in settings()[EXPORT]["languages"]}
    filled = [index for index, line in enumerate(after) if line]
    for index in filled[:METADATA_LINES + 3]:
        if after[index].lower() in languages:
            following = [i for i in filled if i > index]
            if following and is_notice(after[following[0]], EXPORT):
                return following[0] + 1
            return index + 1
    return filled[2] + 1 if len(filled) > 2 else len(after)


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs as the export separates them: by blank lines, else one per line."""
    if not any(not line for line in lines):
        return lines
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _record(position: int, *, title: str, byline: str, metadata: list[str],
            body: str) -> ExportRecord:
    """A record from the headline, byline, metadata lines (word count first) and body."""
    count = next((index for index, line in enumerate(metadata)
                  if pattern(EXPORT, "word_count_line").match(line)), None)
    published = source = ""
    if count is not None:
        rest = [line for line in metadata[count + 1:] if line]
        published = find_date(rest[0]) if rest else ""
        if len(rest) > 1 and pattern(EXPORT, "time_line").match(rest[1]):
            rest = rest[1:]
        source = rest[1] if len(rest) > 1 else ""
    byline = pattern(EXPORT, "byline").sub(lambda match: match[0].split(None, 1)[1], byline)
    missing = [name for name, value in (("title", title), ("date", published),
                                        ("source", source), ("body text", body)) if not value]
    return ExportRecord(position=position, title=title, source=source, published=published,
                        author=byline, body=body,
                        problem=f"no {' and no '.join(missing)}" if missing else "")


def _text(element) -> str:
    return " ".join(element.text_content().split())
