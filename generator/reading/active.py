"""What in the author's texts would make Word run, fetch or include something.

The texts file is data: the words, lists, tables and pictures go into the
committee's report, and nothing that acts when the report is opened. Word
stores such things as

- field codes: ``w:fldSimple`` and the complex kind (``w:fldChar`` begin,
  ``w:instrText``, separate, the shown result, end), among them
  ``INCLUDETEXT "…/secret.txt"``, ``INCLUDEPICTURE``, ``DDE`` and ``DDEAUTO``,
  which Word evaluates when it updates fields;
- OLE links (``o:OLEObject Type="Link"``, ``w:objectLink``) and ActiveX
  controls (``w:control``);
- relationships to outside the file (``TargetMode="External"``): a hyperlink
  to ``file:`` or another program's scheme, a linked picture (fetched when the
  report is opened), a linked subdocument;
- ``w:altChunk``: another file's content (HTML, RTF …) that Word imports when
  it opens the document.

``neutralise`` takes each out of an element, keeping what the reader sees:
a field's shown result stays as plain text, a hyperlink's words stay without
the link. Web hyperlinks (http, https, mailto) and the plain page and table of
contents fields stay as they are. It returns what it took out, so the reader
can warn, naming where it stood.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
O_NS = "urn:schemas-microsoft-com:office:office"
W, R, OFFICE = f"{{{W_NS}}}", f"{{{R_NS}}}", f"{{{O_NS}}}"
SAFE_FIELDS = {"PAGE", "NUMPAGES", "TOC"}
WEB_SCHEMES = {"http", "https", "mailto"}
HYPERLINK_TYPE = f"{R_NS}/hyperlink"
# The element a linked thing is removed with: the picture or object as a whole.
CONTAINERS = {f"{W}drawing", f"{W}pict", f"{W}object"}


@dataclass(frozen=True)
class Removed:
    """One thing taken out: its kind (``FIELD``, ``OLE`` …) and what it named."""

    kind: str
    detail: str


FIELD, OLE, LINK, PICTURE, CHUNK = "felt", "ole", "link", "billede", "indlejret"


@dataclass
class _Field:
    begin: Any
    instruction: list[str] = field(default_factory=list)
    code: list[Any] = field(default_factory=list)  # runs between begin and separate
    separate: Any = None
    end: Any = None

    @property
    def text(self) -> str:
        return " ".join("".join(self.instruction).split())


def neutralise(element: Any, relationships: Mapping[str, Any]) -> list[Removed]:
    """Take out of ``element`` all that acts on its own; return what was taken out.

    ``relationships`` are the document part's, by id (python-docx's ``part.rels``)."""
    removed: list[Removed] = []
    removed += _simple_fields(element)
    removed += _complex_fields(element)
    removed += _objects(element)
    removed += _external(element, relationships)
    for chunk in _all(element, f"{W}altChunk"):
        _remove(chunk)
        removed.append(Removed(CHUNK, "altChunk"))
    return removed


def _all(element: Any, tag: str) -> list[Any]:
    return list(element.iter(tag))


def _safe(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in SAFE_FIELDS


def _simple_fields(element: Any) -> list[Removed]:
    removed = []
    for simple in _all(element, f"{W}fldSimple"):
        instruction = " ".join(simple.get(f"{W}instr", "").split())
        if _safe(instruction):
            continue
        _unwrap(simple)
        removed.append(Removed(FIELD, instruction))
    return removed


def _complex_fields(element: Any) -> list[Removed]:
    fields, orphans = _read_fields(element)
    removed = []
    for field_ in fields:
        if _safe(field_.text) and field_.end is not None:
            continue
        for run in (field_.begin, *field_.code, field_.separate, field_.end):
            if run is not None:
                _remove(run)
        removed.append(Removed(FIELD, field_.text or "?"))
    for run in orphans:
        _remove(run)
    if orphans and not removed:
        removed.append(Removed(FIELD, "?"))
    return removed


def _read_fields(element: Any) -> tuple[list[_Field], list[Any]]:
    """Every complex field, in document order (nested ones too), and the runs of
    field characters or instructions that belong to no field."""
    fields: list[_Field] = []
    open_fields: list[_Field] = []
    orphans: list[Any] = []
    for run in _all(element, f"{W}r"):
        for field_ in open_fields:  # a nested field in an instruction belongs to it
            if field_.separate is None:
                field_.code.append(run)
        char = run.find(f"{W}fldChar")
        kind = char.get(f"{W}fldCharType") if char is not None else None
        instructions = run.findall(f"{W}instrText") + run.findall(f"{W}delInstrText")
        if kind == "begin":
            fields.append(_Field(run))
            open_fields.append(fields[-1])
        elif not open_fields:
            if instructions or kind:
                orphans.append(run)
        elif kind == "separate":
            open_fields[-1].separate = run
        elif kind == "end":
            open_fields.pop().end = run
        elif open_fields[-1].separate is None:
            open_fields[-1].instruction += [node.text or "" for node in instructions]
    return fields, orphans


def _objects(element: Any) -> list[Removed]:
    removed = []
    for item in _all(element, f"{W}object"):
        links = [o for o in item.iter(f"{OFFICE}OLEObject") if o.get("Type") == "Link"]
        if links or item.find(f"{W}objectLink") is not None or item.find(f"{W}control") is not None:
            program = links[0].get("ProgID", "") if links else ""
            _remove(item)
            removed.append(Removed(OLE, program))
    for control in _all(element, f"{W}control"):  # an ActiveX control outside an object
        _remove(control)
        removed.append(Removed(OLE, "ActiveX"))
    return removed


def _external(element: Any, relationships: Mapping[str, Any]) -> list[Removed]:
    removed: list[Removed] = []
    while True:  # again after each removal: a container takes its descendants with it
        found = next(_links_out(element, relationships), None)
        if found is None:
            return removed
        node, target = found
        if node.tag == f"{W}hyperlink":
            _unwrap(node)
            removed.append(Removed(LINK, target))
        elif node.tag.endswith(("}hlinkClick", "}hlinkHover")):
            _remove(node)
            removed.append(Removed(LINK, target))
        else:  # a linked picture or object, a linked subdocument
            _remove(_container(node, element))
            removed.append(Removed(PICTURE, target))


def _links_out(element: Any, relationships: Mapping[str, Any]) -> Iterator[tuple[Any, str]]:
    """Each node that refers to something outside the file, but a web hyperlink."""
    for node in element.iter():
        for name, value in node.attrib.items():
            if not name.startswith(R):
                continue
            relationship = relationships.get(value)
            if relationship is None or not relationship.is_external:
                continue
            target = relationship.target_ref
            hyperlink = node.tag == f"{W}hyperlink" or node.tag.endswith(
                ("}hlinkClick", "}hlinkHover")
            )
            if hyperlink and _web(target) and relationship.reltype == HYPERLINK_TYPE:
                continue
            yield node, target
            break


def _web(target: str) -> bool:
    try:
        return urlsplit(target.strip()).scheme.lower() in WEB_SCHEMES
    except ValueError:
        return False


def _container(node: Any, top: Any) -> Any:
    current = node
    while current is not None and current is not top:
        if current.tag in CONTAINERS:
            return current
        current = current.getparent()
    return node


def _remove(node: Any) -> None:
    parent = node.getparent()
    if parent is not None:
        parent.remove(node)


def _unwrap(node: Any) -> None:
    """Put ``node``'s children in its place (a field's result, a link's words)."""
    parent = node.getparent()
    if parent is None:
        return
    index = parent.index(node)
    for child in [c for c in node if c.tag != f"{W}rPr"]:
        parent.insert(index, child)
        index += 1
    parent.remove(node)
