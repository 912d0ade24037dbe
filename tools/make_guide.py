"""Write ``Vejledning.html``: the README's guide for the author, as a page that opens by
double-click in any browser.

    .venv/bin/python tools/make_guide.py

The source is the first part of README.md, everything before the heading
``## Til IT og udviklere``; the README stays the one text to edit.
``tests/test_guide.py`` fails when the committed page differs from what this
script writes. The page is self-contained (no scripts, no outside files, the
styles inline), so it shows the same from a USB stick or a network drive.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GUIDE = ROOT / "Vejledning.html"
IT_HEADING = "\n## Til IT og udviklere\n"

STYLE = """\
body { font-family: Calibri, Carlito, "Segoe UI", Arial, sans-serif; font-size: 12pt;
       line-height: 1.45; color: #1a1a1a; max-width: 46em; margin: 2em auto;
       padding: 0 1em; }
h1 { font-size: 1.8em; margin-bottom: 0.3em; }
h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
pre { background: #f3f3f3; padding: 0.8em 1em; overflow-x: auto; font-size: 0.95em; }
code, pre { font-family: Consolas, "Liberation Mono", monospace; }
blockquote { border-left: 4px solid #ccc; margin-left: 0; padding-left: 1em; color: #333; }
li { margin: 0.25em 0; }"""


def author_part(readme: str) -> str:
    """The README up to the part for IT and developers."""
    if IT_HEADING not in readme:
        raise SystemExit(f"README.md has no heading {IT_HEADING.strip()!r}")
    return readme.split(IT_HEADING, 1)[0]


def title(markdown: str) -> str:
    first = next(line for line in markdown.splitlines() if line.startswith("# "))
    return first[2:].strip()


def guide_html(readme: str) -> str:
    """The page for the author: the README's author part, converted, in a plain frame."""
    part = author_part(readme)
    # CommonMark with raw HTML off: whatever the README holds is shown as text.
    body = MarkdownIt("commonmark", {"html": False}).render(part)
    name = html.escape(f"Vejledning – {title(part)}")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="da">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{name}</title>\n"
        f"<style>\n{STYLE}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body}"
        "</body>\n"
        "</html>\n"
    )


def main() -> int:
    GUIDE.write_text(guide_html(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Wrote {GUIDE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
