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


def test_every_field_of_the_template_has_a_source():
    fields = template_fields(TEMPLATE)
    assert "henvisninger.total" in fields
    assert [field for field in fields if source_of(field) is None] == []


def test_every_source_is_used_and_names_code_that_exists():
    fields = template_fields(TEMPLATE)
    for key, source in SOURCES.items():
        assert any(field == key or field.startswith(key + ".") for field in fields), key
        if source.startswith("generator."):
            assert callable(resolve(source)) or isinstance(resolve(source), property), source


def test_the_committed_table_is_current():
    """Regenerate with ``python -m generator.docs`` after changing the template."""
    assert FIELD_TABLE.read_text(encoding="utf-8") == field_table(TEMPLATE)
