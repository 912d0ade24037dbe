"""Every place the program reaches inside a library, and the versions it was written for.

The rest of ``generator/`` uses only the libraries' public interfaces (a test,
``tests/test_library_hooks.py``, greps for private names outside this module).
What no public interface does is here, each hook with the reason it exists and
its own contract test in ``tests/test_library_hooks.py``:

- ``CORE_PROPERTIES_PREFIX``: docxcompose rebinds python-docx's global ``cp``
  prefix at import; it is bound back (``_restore_core_properties_prefix``).
- ``SectionComposer``: docxtpl's subdocument composer, merging the styles of a
  whole file at once (docxcompose's ``_create_style_id_mapping``).
- ``new_numbering_id``, ``add_numbering_instance``: a fresh list numbering
  instance in the report (docxcompose's ``_next_numbering_ids``, ``_insert_num``).
- ``PatchOnceTemplate``: docxtpl's template with each part patched once and a
  render fault handed to ``locate`` (docxtpl calls ``patch_xml`` and
  ``render_xml_part`` for each part).
- ``DescribedImage``: docxtpl's inline picture with a name and alternative text
  (docxtpl's ``InlineImage._insert_image``).

Importing this module checks that the installed versions are exactly those of
``WRITTEN_FOR`` (pinned in ``requirements.lock``); on an upgrade, see
``docs/development.md``.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

# The distributions whose internals are used below, at the versions they were read at.
WRITTEN_FOR = {"python-docx": "1.2.0", "docxcompose": "2.2.0", "docxtpl": "0.20.2"}


class LibraryVersionError(ImportError):
    """An installed library is not the version the hooks were written for."""


def _check_versions(expected: dict[str, str]) -> None:
    found = {name: version(name) for name in expected}
    wrong = [
        f"{name} {found[name]} (written for {want})"
        for name, want in expected.items()
        if found[name] != want
    ]
    if wrong:
        raise LibraryVersionError(
            "generator/render/library_hooks.py reaches inside libraries at pinned "
            f"versions, and these differ: {', '.join(wrong)}. Install from "
            "requirements.lock, or follow docs/development.md (a library upgrade) and "
            "run tests/test_library_hooks.py."
        )


_check_versions(WRITTEN_FOR)

from docx.oxml.ns import nsmap  # noqa: E402  (after the version check, on purpose)
from docxtpl import DocxTemplate, InlineImage  # noqa: E402
from docxtpl.subdoc import SubdocComposer  # noqa: E402
from jinja2 import TemplateError  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SECTION_PROPERTIES = f"{{{W_NS}}}sectPr"
CORE_PROPERTIES_PREFIX = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


# --------------------------------------------------------------------------- python-docx


def _restore_core_properties_prefix() -> None:
    """Importing docxcompose rebinds python-docx's "cp" prefix to the custom-properties
    namespace, for its own custom-property code (which is never used here). Left so,
    every later write of a core property such as cp:lastModifiedBy in this process
    lands in the wrong namespace, and Word calls the file damaged."""
    import docxcompose.utils  # noqa: F401  (its import is what rebinds the prefix)

    nsmap["cp"] = CORE_PROPERTIES_PREFIX


_restore_core_properties_prefix()


# --------------------------------------------------------------------------- docxcompose


class SectionComposer(SubdocComposer):
    """docxtpl's composer, with the styles merged once for the whole file.

    The stock one merges them element by element, each time listing every
    style of the template (about a second for a page of text); it restarts
    numbered lists once per file, where each section needs its own start
    (``new_numbering_id``, ``add_numbering_instance``); and it renumbers the
    template's bookmarks and drawings, which docxtpl does anyway after
    rendering. Footnotes and headers must not reach it (the caller removes them).
    """

    def attach_parts(self, doc: Any, remove_property_fields: bool = False) -> None:
        self.reset_reference_mapping()
        self._create_style_id_mapping(doc)
        self.add_styles(doc, doc.element.body)  # before the numbering, as in the stock order
        for element in doc.element.body:
            if element.tag == SECTION_PROPERTIES:
                continue
            self.add_referenced_parts(doc.part, self.doc.part, element)
            self.add_numberings(doc, element)
            self.add_images(doc, element)
            self.add_diagrams(doc, element)
            self.add_shapes(doc, element)


def new_numbering_id(composer: SectionComposer) -> int:
    """The next unused ``w:numId`` of the composed document's numbering part."""
    num_id, _ = composer._next_numbering_ids()
    return int(num_id)


def add_numbering_instance(composer: SectionComposer, instance: Any) -> None:
    """Put a ``w:num`` into the composed document's numbering part where docxcompose
    puts its own (beside the last one)."""
    composer._insert_num(instance)


# --------------------------------------------------------------------------- docxtpl


class PatchOnceTemplate(DocxTemplate):
    """docxtpl's template, patching each part's XML once, and telling ``locate`` of a
    fault while rendering a part (with the part's text as Jinja read it).

    The lint reads the parts as docxtpl will compile them (``patch_xml``), and
    the render then patches the same text again, a regular-expression pass
    over the whole body: the result of the first is kept."""

    def __init__(self, template_file: str) -> None:
        super().__init__(template_file)
        self._patched: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        if src_xml not in self._patched:
            self._patched[src_xml] = super().patch_xml(src_xml)
        return self._patched[src_xml]

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
        try:
            xml: str = super().render_xml_part(src_xml, part, context, jinja_env)
            return xml
        except TemplateError as exc:
            self.locate(exc, src_xml)
            raise

    def locate(self, exc: TemplateError, src_xml: str) -> None:
        """Note on ``exc`` where in ``src_xml`` it arose (for a subclass)."""


class DescribedImage(InlineImage):
    """docxtpl's inline picture with a name and a description (``descr``) on its
    ``wp:docPr`` and ``pic:cNvPr``: Word's alternative text, a PDF's /Alt."""

    def __init__(self, tpl: Any, path: str, width: Any, name: str, description: str) -> None:
        super().__init__(tpl, path, width=width)
        self.name, self.description = name, description

    def _insert_image(self) -> str:
        inline = self.tpl.current_rendering_part.new_pic_inline(
            self.image_descriptor, self.width, self.height
        )
        for properties in (inline.docPr, *inline.xpath(".//pic:cNvPr")):
            properties.set("name", self.name)
            properties.set("descr", self.description)
        return (
            f"</w:t></w:r><w:r><w:drawing>{inline.xml}</w:drawing></w:r><w:r>"
            '<w:t xml:space="preserve">'
        )
