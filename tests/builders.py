"""Cheapest inputs for field tests: a `Layout` built from plain text.

Each text line becomes a `Line` of `Word`s with made-up but consistent boxes
(12 pt per line, 5 pt per character), 50 lines per page, so field extractors
can be tested, provenance included, without any PDF.
"""

from __future__ import annotations

from extract.model import Cell, Layout, Line, Page, Table, Word

LINES_PER_PAGE = 50


def words_of(text: str, page: int, top: float, confidence: float = 1.0, origin: str = "text") -> tuple[Word, ...]:
    words, x = [], 72.0
    for token in text.split():
        width = 5.0 * len(token)
        words.append(Word(token, (x, top, x + width, top + 10), page, confidence, origin=origin))
        x += width + 5.0
    return tuple(words)


def layout_from_text(
    text: str, tables: list[Table] | None = None, origin: str = "text", confidence: float = 1.0
) -> Layout:
    lines: list[Line] = []
    for index, raw in enumerate(l for l in text.splitlines() if l.strip()):
        page = index // LINES_PER_PAGE + 1
        top = 72.0 + 12.0 * (index % LINES_PER_PAGE)
        lines.append(Line(words_of(raw, page, top, confidence=confidence, origin=origin)))
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line.text) + 1
    pages = [
        Page(number=n, width=612, height=792, words=[w for l in lines if l.page == n for w in l.words])
        for n in range(1, (lines[-1].page if lines else 1) + 1)
    ]
    return Layout(
        pages=pages,
        lines=lines,
        tables=tables or [],
        text="\n".join(line.text for line in lines),
        line_starts=starts,
    )


def layout_from_lines(lines: list[Line]) -> Layout:
    """A `Layout` of lines already placed (signature blocks side by side, words boxed apart), with no pages."""
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line.text) + 1
    return Layout(pages=[], lines=lines, tables=[], text="\n".join(line.text for line in lines), line_starts=starts)


def cell(text: str, page: int = 1, top: float = 100.0) -> Cell:
    lines = [Line(words_of(part, page, top + 12 * i)) for i, part in enumerate(text.split("\n")) if part.strip()]
    return Cell(lines=lines, text=text)


def table(header: list[str], rows: list[list[str]], page: int = 1, anchor: int = 0) -> Table:
    return Table(
        header=header,
        rows=[[cell(text, page) for text in row] for row in rows],
        pages=[page],
        anchor=anchor,
        method="test",
    )
