"""The author's guide: the README's first part, and Vejledning.html made from it.

The author reads the guide by double-clicking ``Vejledning.html`` on Windows (or
the README in Notepad); IT and developers read the rest of the README and docs/.
"""

from __future__ import annotations

import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def load_tool():
    spec = importlib.util.spec_from_file_location("make_guide", ROOT / "tools" / "make_guide.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_guide = load_tool()
AUTHOR = make_guide.author_part(README)


class Page(HTMLParser):
    """Headings, paragraphs and list items of the page, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.open: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in ("h1", "h2", "h3", "p", "li", "pre"):
            self.blocks.append((tag, ""))
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data):
        if self.open and self.blocks:
            tag, text = self.blocks[-1]
            self.blocks[-1] = (tag, text + data)


def page() -> Page:
    parsed = Page()
    parsed.feed((ROOT / "Vejledning.html").read_text(encoding="utf-8"))
    return parsed


def test_vejledning_html_is_made_from_the_readme():
    """Run 'python tools/make_guide.py' when this fails."""
    committed = (ROOT / "Vejledning.html").read_text(encoding="utf-8")
    assert committed == make_guide.guide_html(README)


def test_the_page_is_danish_utf8_and_self_contained():
    """It opens by double-click anywhere: no script, no outside file, Danish, UTF-8."""
    text = (ROOT / "Vejledning.html").read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">')
    parsed = page()
    assert not parsed.tags & {"script", "iframe", "img", "link", "object"}
    assert "<title>Vejledning – Afrapportering</title>" in text


def test_the_page_has_the_author_guide_and_not_the_part_for_it():
    headings = [text for tag, text in page().blocks if tag == "h2"]
    assert headings[:3] == [
        "Sådan bruger du programmet",
        "Hver januar: årets rapport",
        "Når der er fejl",
    ]
    assert "Ny kontraktperiode" in headings
    assert "Til IT og udviklere" not in headings
    assert "pytest" not in (ROOT / "Vejledning.html").read_text(encoding="utf-8")


def test_the_page_shows_the_menu_as_the_launcher_shows_it():
    spec = importlib.util.spec_from_file_location("boot", ROOT / "generator" / "bootstrap.py")
    bootstrap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bootstrap)
    menu = next(text for tag, text in page().blocks if tag == "pre")
    labels = bootstrap.menu_lines(bootstrap.menu_labels())
    shown = [line.strip() for line in menu.strip().splitlines()]
    assert shown[0] == "Hvad vil du gøre?"
    assert [re.sub(r"\s+\(tryk bare Enter\)$", "", line) for line in shown[1:]] == [
        f"{number}. {label}" for number, label in enumerate(labels, start=1)
    ]


def test_the_author_part_comes_first_and_names_actions_as_the_menu_does():
    """Danish and first; every action named by its menu label; no command, no option,
    no Markdown that Notepad shows raw (tables, HTML comments)."""
    from generator.core.actions import Action

    assert README.index("## Sådan bruger du programmet") < README.index("## Til IT og udviklere")
    for action in (Action.REPORT_PDF, Action.CHECK, Action.OTHER_YEAR, Action.NEW_YEAR):
        assert f"»{action.value}«" in AUTHOR
    assert f"»{Action.NEW_PERIOD.value}«" in AUTHOR
    assert not re.search(r"aarsrapport|bootstrap|--[a-z]", AUTHOR)
    assert "<!--" not in AUTHOR
    assert not re.search(r"^\|.*\|$", AUTHOR, re.M)
    assert "```" not in AUTHOR


def test_the_author_part_is_short():
    """The author's guide is a guide, not the reference (that is docs/)."""
    assert len(AUTHOR.splitlines()) < 200
