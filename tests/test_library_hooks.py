"""The contract of each hook into a library's internals (``generator/render/library_hooks.py``),
one test per hook, so that a library upgrade fails here, by name, rather than in a report;
and no module outside the adapter touches a private name of those libraries."""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
import struct
import zipfile
import zlib
from copy import deepcopy
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from source_trees import modules, parsed
from source_trees import source as source_of

from generator.render import library_hooks
from generator.render.library_hooks import (
    CORE_PROPERTIES_PREFIX,
    WRITTEN_FOR,
    DescribedImage,
    LibraryVersionError,
    PatchOnceTemplate,
    SectionComposer,
    add_numbering_instance,
    new_numbering_id,
)

ROOT = Path(__file__).resolve().parent.parent
ADAPTER = ROOT / "generator" / "render" / "library_hooks.py"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
# Import names of the libraries whose private names only the adapter may use.
LIBRARIES = ("docxtpl", "docxcompose", "docx", "jinja2", "xlsxwriter")


# --------------------------------------------------------------------------- versions


def test_the_hooks_are_written_for_the_versions_requirements_lock_pins():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^([a-z0-9-]+)==([^ ]+) ", lock, re.MULTILINE))
    assert {name: pinned[name] for name in WRITTEN_FOR} == WRITTEN_FOR


def test_another_version_installed_stops_the_import_naming_library_and_versions():
    with pytest.raises(LibraryVersionError) as refused:
        library_hooks._check_versions({"docxtpl": "0.0.1", "python-docx": "1.2.0"})
    message = str(refused.value)
    assert "docxtpl 0.20.2 (written for 0.0.1)" in message
    assert "python-docx 1.2.0" not in message  # the one that matches is not named
    assert "requirements.lock" in message and "docs/development.md" in message


# --------------------------------------------------------------------------- python-docx


def test_hook_core_properties_prefix_is_bound_back_after_docxcompose_rebinds_it(tmp_path):
    """docxcompose still rebinds the prefix at import (else the hook can go), and with
    the hook a core property lands in the core-properties namespace."""
    import docxcompose.utils
    from docx.oxml.ns import nsmap

    assert docxcompose.utils.NS["cp"] == CUSTOM_PROPERTIES
    assert nsmap["cp"] == CORE_PROPERTIES_PREFIX
    document = Document()
    document.core_properties.last_modified_by = "Erhvervshus Test"
    document.save(str(tmp_path / "a.docx"))
    core = zipfile.ZipFile(tmp_path / "a.docx").read("docProps/core.xml").decode("utf-8")
    assert f'xmlns:cp="{CORE_PROPERTIES_PREFIX}"' in core
    assert "<cp:lastModifiedBy>Erhvervshus Test</cp:lastModifiedBy>" in core


# --------------------------------------------------------------------------- docxcompose


def _author_document(style_name: str = "Forfatterens stil") -> Document:
    """A style of the author's own, and a list paragraph numbered directly (numId 1)."""
    author = Document()
    author.styles.add_style(style_name, 1)  # WD_STYLE_TYPE.PARAGRAPH
    author.add_paragraph("Et afsnit", style=style_name)
    author.add_paragraph("Et punkt", style="List Bullet")
    properties = list(author.element.body.iter(f"{W}pPr"))[-1]
    numbering = etree.SubElement(properties, f"{W}numPr")
    etree.SubElement(numbering, f"{W}ilvl", {f"{W}val": "0"})
    etree.SubElement(numbering, f"{W}numId", {f"{W}val": "1"})
    return author


def _num_ids(numbering) -> list[int]:
    return [int(num.get(f"{W}numId")) for num in numbering.findall(f"{W}num")]


def test_hook_section_composer_moves_the_styles_a_file_uses_into_the_report():
    """``_create_style_id_mapping`` maps by name; the file's own style is added to the
    report once, a style the report has already keeps the report's definition."""
    report = Document()
    before = len(report.styles.element.findall(f"{W}style"))
    report_list_bullet = report.styles["List Bullet"].element
    author = _author_document()
    SectionComposer(report).attach_parts(author)
    names = [style.name for style in report.styles]
    assert names.count("Forfatterens stil") == 1
    assert len(report.styles.element.findall(f"{W}style")) == before + 1
    assert report.styles["List Bullet"].element is report_list_bullet
    body = author.element.body
    assert [p.pPr.pStyle.val for p in body.iter(f"{W}p")] == ["Forfatterensstil", "ListBullet"]


def test_hook_new_numbering_id_is_one_past_the_highest_in_the_report():
    """python-docx's blank document has list numbering 1-9; the author's list brings
    its own along as 10."""
    report = Document()
    composer = SectionComposer(report)
    assert _num_ids(composer.numbering_part().element) == list(range(1, 10))
    author = _author_document()
    composer.attach_parts(author)
    # (docxcompose puts a new one before the last one, which Word does not mind)
    assert sorted(_num_ids(composer.numbering_part().element)) == list(range(1, 11))
    assert author.element.body.xpath("string(.//w:numId/@w:val)") == "10"
    assert new_numbering_id(composer) == 11


def test_hook_add_numbering_instance_puts_it_among_the_report_s_instances():
    """Word wants every w:abstractNum before the first w:num."""
    report = Document()
    composer = SectionComposer(report)
    composer.attach_parts(_author_document())
    numbering = composer.numbering_part().element
    instance = deepcopy(numbering.findall(f"{W}num")[0])
    instance.set(f"{W}numId", "11")
    add_numbering_instance(composer, instance)
    assert sorted(_num_ids(numbering)) == list(range(1, 12))
    tags = [child.tag for child in numbering]
    last_abstract = max(i for i, tag in enumerate(tags) if tag == f"{W}abstractNum")
    assert tags.index(f"{W}num") > last_abstract
    assert new_numbering_id(composer) == 12


# --------------------------------------------------------------------------- docxtpl


def _template(tmp_path: Path, *paragraphs: str) -> Path:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(tmp_path / "skabelon.docx"))
    return tmp_path / "skabelon.docx"


def test_hook_patch_once_template_patches_each_part_once_and_locates_a_fault(tmp_path, monkeypatch):
    """docxtpl's render calls ``patch_xml`` and ``render_xml_part`` on the template for
    each part; the patch the lint asked for first is the one rendered."""
    patched: list[str] = []
    stock = DocxTemplate.patch_xml

    def counted(self, src_xml):
        patched.append(src_xml)
        return stock(self, src_xml)

    monkeypatch.setattr(DocxTemplate, "patch_xml", counted)
    located: list[str] = []

    class Template(PatchOnceTemplate):
        def locate(self, exc, src_xml):
            located.append(src_xml)

    environment = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    template = Template(str(_template(tmp_path, "{{ navn }}")))
    template.init_docx()
    body = template.get_xml()
    assert "{{ navn }}" in template.patch_xml(body)
    template.render({"navn": "R&D <A/S>"}, jinja_env=environment, autoescape=True)
    assert patched.count(body) == 1
    text = "".join(p.text for p in template.docx.paragraphs)
    assert text == "R&D <A/S>"

    broken = Template(str(_template(tmp_path, "{{ mangler }}")))
    with pytest.raises(UndefinedError):
        broken.render({}, jinja_env=environment, autoescape=True)
    assert len(located) == 1 and "{{ mangler }}" in located[0]


def _png(path: Path) -> Path:
    """A one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def test_hook_described_image_names_and_describes_the_picture(tmp_path):
    template = DocxTemplate(str(_template(tmp_path, "{{ diagram }}")))
    template.init_docx()
    picture = DescribedImage(
        template, str(_png(tmp_path / "a.png")), Mm(20), "Diagram: pr. modtager", "Tre søjler"
    )
    template.render({"diagram": picture}, autoescape=True)
    out = BytesIO()
    template.save(out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert re.search(r'<wp:docPr [^>]*name="Diagram: pr. modtager" descr="Tre søjler"', xml)
    assert re.search(r'<pic:cNvPr [^>]*name="Diagram: pr. modtager" descr="Tre søjler"', xml)
    assert xml.count("<w:drawing>") == 1


# --------------------------------------------------------------------------- no other module


@functools.cache
def _library_sources() -> tuple[tuple[str, str], ...]:
    """(library, source text) of every module of the libraries."""
    sources = []
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        assert spec is not None and spec.submodule_search_locations
        for folder in spec.submodule_search_locations:
            for source in sorted(Path(folder).rglob("*.py")):
                sources.append((library, source.read_text(encoding="utf-8")))
    return tuple(sources)


@functools.cache
def _library_private_names(wanted: frozenset[str]) -> dict[str, str]:
    """Of the underscore names (not dunder) in ``wanted``, each the libraries define or
    use as an attribute, with the library that defines it (else the first that uses
    it). A module that defines or uses a name spells it, so only those are parsed."""
    defined: dict[str, str] = {}
    used: dict[str, str] = {}
    if not wanted:
        return {}
    spelled = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(wanted))) + r")\b")
    for library, text in _library_sources():
        if not spelled.search(text):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if _private(node.name) and node.name in wanted:
                    defined.setdefault(node.name, library)
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                if node.attr in wanted:
                    used.setdefault(node.attr, library)
            elif isinstance(node, ast.Name) and _private(node.id) and node.id in wanted:
                used.setdefault(node.id, library)
    return used | defined


# What ``_Finder`` looks up in the libraries' names: an attribute (``x._name``), a
# method (``def _name``), a text (``getattr(x, "_name")``).
LOOKED_UP = re.compile(r"""(?:\.\s*|\bdef\s+|["'])(_[A-Za-z]\w*)""")


def _looked_up(sources: list[str]) -> frozenset[str]:
    """Every underscore name ``_Finder`` may look up in ``sources`` (a few more)."""
    return frozenset(
        name for source in sources for name in LOOKED_UP.findall(source) if _private(name)
    )


# A namedtuple's public methods and fields begin with an underscore too.
NAMEDTUPLE = {"_replace", "_asdict", "_fields", "_make", "_field_defaults"}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("_") and name not in NAMEDTUPLE


def _library_of(module: str | None) -> str | None:
    root = (module or "").split(".")[0]
    return root if root in LIBRARIES else None


class _Finder(ast.NodeVisitor):
    """(line, what) for each use of a library's private name: an import of an
    underscore name or module; ``x._name`` for a name the libraries have (not on
    another package's module such as lxml's ``etree``, and on ``self`` only in a
    class derived from a library's or the adapter's); a method of such a class
    overriding one; ``getattr(x, "_name")``."""

    def __init__(self, private: dict[str, str]) -> None:
        self.private = private
        self.found: set[tuple[int, str]] = set()
        self.from_library: set[str] = set()  # names bound to a library's (or the adapter's)
        self.from_elsewhere: set[str] = set()  # names bound to another module's
        self.in_derived = False

    def bind(
        self, module: str, names: list[ast.alias], line: int, check_names: bool = False
    ) -> None:
        ours = _library_of(module) is not None or module.endswith("library_hooks")
        if ours and any(_private(part) for part in module.split(".")):
            self.found.add((line, f"imports {module}"))
        for alias in names:
            bound = (alias.asname or alias.name).split(".")[0]
            (self.from_library if ours else self.from_elsewhere).add(bound)
            if ours and check_names and _private(alias.name):
                self.found.add((line, f"imports {alias.name} from {module}"))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.bind(alias.name, [alias], node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.bind(node.module or "", node.names, node.lineno, check_names=True)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer, self.in_derived = (
            self.in_derived,
            any(_root(base) in self.from_library for base in node.bases),
        )
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and self.in_derived and item.name in self.private:
                self.found.add((item.lineno, f"overrides {self.private[item.name]}'s {item.name}"))
        self.generic_visit(node)
        self.in_derived = outer

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in self.private:
            owner = _root(node.value) if isinstance(node.value, ast.Name) else None
            on_self = owner in ("self", "cls")
            if (self.in_derived or not on_self) and owner not in self.from_elsewhere:
                self.found.add((node.lineno, f"uses {self.private[node.attr]}'s {node.attr}"))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if (
            isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in self.private
        ):
            name = node.args[1].value
            self.found.add((node.lineno, f"uses {self.private[name]}'s {name}"))
        self.generic_visit(node)


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def private_uses(source: str, private: dict[str, str]) -> list[tuple[int, str]]:
    """Each use of a library's private name in ``source``, by line (``_Finder``)."""
    finder = _Finder(private)
    tree = parsed(source)
    for node in ast.walk(tree):  # the imports first, wherever they are
        if isinstance(node, ast.Import | ast.ImportFrom):
            finder.visit(node)
    finder.visit(tree)
    return sorted(finder.found)


def test_no_module_outside_the_adapter_touches_a_library_s_private_names():
    sources = {path: source_of(path) for path in modules() if path != ADAPTER}
    private = _library_private_names(_looked_up(list(sources.values())))
    faults = []
    for path, source in sources.items():
        for line, what in private_uses(source, private):
            faults.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert faults == [], "move these into generator/render/library_hooks.py:\n" + "\n".join(faults)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from jinja2.sandbox import SandboxedEnvironment\n"
         "class E(SandboxedEnvironment):\n    def _parse(self, s, n, f):\n"
         "        return super()._parse(s, n, f)\n",
         [(3, "overrides jinja2's _parse"), (4, "uses jinja2's _parse")]),
        ("def f(sheet):\n    return getattr(sheet, '_write_string')\n",
         [(2, "uses xlsxwriter's _write_string")]),
        ("def f(composer):\n    composer._insert_num(1)\n",
         [(2, "uses docxcompose's _insert_num")]),
        ("from docxtpl.subdoc import Subdoc\nclass S(Subdoc):\n"
         "    def _get_xml(self):\n        return self.xml\n",
         [(3, "overrides docxtpl's _get_xml")]),
        ("from jinja2.utils import _PassArg\n", [(1, "imports _PassArg from jinja2.utils")]),
        ("class Own:\n    def _kept(self):\n        return self._cache\n", []),
        ("from collections import namedtuple\ndef f(row):\n    return row._replace(a=1)\n", []),
    ],
)  # fmt: skip
def test_the_private_name_finder_names_line_and_name(source, expected):
    """The finder itself: each kind of use is found; the program's own names are not."""
    private = _library_private_names(_looked_up([source]))
    assert private_uses(source, private) == expected
