"""One rule for control characters, in one module, used wherever text is written."""

from __future__ import annotations

from pathlib import Path

from generator.core.control_characters import without_control_characters

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def test_the_characters_a_document_cannot_hold_are_dropped_and_line_breaks_stay():
    assert without_control_characters("R&D\x07 A/S\x00\x1f\x7f\ufffe\uffff") == "R&D A/S"
    assert without_control_characters("a\tb\nc\r\nd") == "a\tb\nc\r\nd"
    assert without_control_characters("Århus – ApS ½") == "Århus – ApS ½"


def test_no_other_module_keeps_a_rule_of_its_own():
    """A second list of control characters would drift from this one."""
    own = GENERATOR / "core" / "control_characters.py"
    others = [
        path.relative_to(GENERATOR).as_posix()
        for path in GENERATOR.rglob("*.py")
        if path != own and "\\x0e-\\x1f" in path.read_text(encoding="utf-8")
    ]
    assert others == []
