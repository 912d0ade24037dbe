"""The table of template fields (docs/template-fields.md) is complete and current."""

from __future__ import annotations

import importlib

from generator.docs import FIELD_TABLE, TEMPLATE
from generator.render.sources import SOURCES, field_table, source_of, template_fields


def resolve(dotted: str) -> object:
    """The object a dotted path names: a module, then attributes of it."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for name in parts[split:]:
            found = getattr(found, name)
        return found
    raise ModuleNotFoundError(dotted)


def test_every_field_of_the_template_is_declared():
    fields = template_fields(TEMPLATE)
    assert "henvisninger.total" in fields
    assert [field for field in fields if source_of(field) is None] == []


def test_every_declared_source_names_code_that_exists():
    for key, source in SOURCES.items():
        if source.startswith("generator."):
            assert callable(resolve(source)) or isinstance(resolve(source), property), key


def test_the_context_is_the_declaration_name_for_name_and_type_for_type(inputs):
    from datetime import datetime

    from generator.compute.run import RunInfo
    from generator.pipeline import check
    from generator.render.context import build_context
    from generator.render.fields import BY_NAME, flattened

    figures = check(inputs).computed.figures
    context = build_context(figures, RunInfo((), datetime(2026, 1, 5), "t", ()), {"x": 1})
    context["figurer"] = {"modtagere": object(), "kvartaler": object()}
    flat = flattened(context)
    assert sorted(flat) == sorted(BY_NAME)
    wrong = [name for name, value in flat.items() if not BY_NAME[name].accepts(value)]
    assert wrong == []


def test_the_committed_table_is_current():
    """Regenerate with ``python -m generator.docs`` after changing the template."""
    assert FIELD_TABLE.read_text(encoding="utf-8") == field_table(TEMPLATE)
