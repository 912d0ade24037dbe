"""Read a produced .docx back as text: paragraphs, table rows and page headers."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def table_rows(path: Path) -> list[list[str]]:
    """Every row of every table in the body, as lists of cell texts."""
    document = Document(str(path))
    return [
        [cell.text.strip() for cell in row.cells] for table in document.tables for row in table.rows
    ]


def body_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [" | ".join(row) for row in table_rows(path)]
    return "\n".join(parts)


def header_texts(path: Path) -> list[str]:
    document = Document(str(path))
    texts = []
    for section in document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            texts.append("\n".join(p.text for p in header.paragraphs))
    return texts


def find_table(path: Path, heading: str) -> list[list[str]]:
    """The rows of the first table whose header row has a cell containing ``heading``."""
    document = Document(str(path))
    for table in document.tables:
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if rows and any(heading in cell for cell in rows[0]):
            return rows
    raise AssertionError(f"no table with a header '{heading}'")
