"""Europresse HTML exports: many articles in one page, one `<article>` element each.

The structure read (the one public readers of these exports rely on)::

    <article>
      <header>
        <span class="DocPublicationName">Le Courrier de l'Est, no. 2215</span>
        <span class="DocHeader">Politique, lundi 19 janvier 2026, p. 4</span>
        <div class="titreArticle"><p class="titreArticleVisu">Title</p></div>
        <div class="docAuthors">Author</div>          (or <p class="sm-margin-bottomNews">)
      </header>
      <section><div class="DocText"><div class="docOcurrContainer">
        <p>paragraph</p> ... <a href="...">Cet article est paru dans ...</a>
      </div></div></section>
      <footer><small>© 2026 ...</small> <p>Ce document est réservé ...</p>
        <div class="publiC-lblNodoc">news·20260119·...</div></footer>
    </article>

The publication name is cut at its issue number or edition ("Le Monde, no. 24567" and "Le
Monde (site web)" are "Le Monde"); the
date is the first date in words of the header line; the rights notices, the document number
and the "Cet article est paru dans" link (its address becomes the article's `url`) are not
part of the body. An `<article>` without a publication name, a title or a body is damaged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from analysis.ingest.exports import ExportRecord, body_of, find_date

EXPORT = "europresse"
# The publication name ends where its issue number, edition or "(site web)" begins.
SOURCE_END = re.compile(r"\s*[,;(\n].*$|\s{2,}.*$", re.S)
URL_LINK_TEXT = "cet article est paru dans"
PARAGRAPH_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote")


def looks_like(head: str) -> bool:
    """Whether the start of an HTML file is a Europresse export."""
    return "DocPublicationName" in head or "docOcurrContainer" in head


def records(html: str) -> Iterator[ExportRecord]:
    """One record per `<article>` of the page, in order."""
    import lxml.html  # with the HTML stack, only when an export is read

    root = lxml.html.document_fromstring(html)
    for position, node in enumerate(root.iter("article"), start=1):
        yield _record(node, position)


def _record(node, position: int) -> ExportRecord:
    source = SOURCE_END.sub("", _text(_first(node, "DocPublicationName"))).strip()
    header = _text(_first(node, "DocHeader"))
    title = _text(_first(node, "titreArticleVisu", "titreArticle"))
    author = _text(_first(node, "docAuthors", "sm-margin-bottomNews"))
    container = _first(node, "docOcurrContainer", "DocText")
    url, body = "", ""
    if container is not None:
        for link in container.iter("a"):
            if URL_LINK_TEXT in link.text_content().lower():
                url = (link.get("href") or "").strip()
        body = body_of(_paragraphs(container), EXPORT)
    missing = [name for name, value in (("publication name", source), ("title", title),
                                        ("body text", body)) if not value]
    problem = f"no {' and no '.join(missing)}" if missing else ""
    return ExportRecord(position=position, title=title, source=source,
                        published=find_date(header), author=author, url=url, body=body,
                        problem=problem)


def _first(node, *class_names: str):
    """The first element under `node` whose class list holds the first of `class_names`
    that any element holds, or None."""
    for class_name in class_names:
        found = node.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), $name)]",
                           name=f" {class_name} ")
        if found:
            return found[0]
    return None


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _paragraphs(container) -> list[str]:
    """The text of each paragraph of the body; the whole container when it holds none."""
    paragraphs = [element.text_content() for element in container.iter(*PARAGRAPH_TAGS)
                  if not any(parent.tag in PARAGRAPH_TAGS for parent in element.iterancestors())]
    return paragraphs or [container.text_content()]
