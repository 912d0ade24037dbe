"""Shared fixtures: a folder of valid workbooks built from the schema, and the example."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from factory import write_inputs

from generator.pipeline import Made, make

REPO = Path(__file__).resolve().parent.parent

EXAMPLE_RUN = datetime(2026, 11, 27, 10, 0)  # when the shared example report is made
CLI_DAY = EXAMPLE_RUN.date()  # the command line's day in tests, unless a test sets another


@dataclass
class Clock:
    """The command line's day; a test that means another sets ``clock.today``."""

    today: date = CLI_DAY


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> Clock:
    """The command line reads the day through ``cli.today``: fixed here, never the
    machine's date (the report year follows from it)."""
    fixed = Clock()
    monkeypatch.setattr("generator.cli.today", lambda: fixed.today)
    return fixed


# A suite started from a shell that ignores Ctrl-C (`trap '' INT`, nohup, some CI
# runners) inherits SIGINT ignored, and so would every program it starts: the tests
# of Ctrl-C would then test nothing. Give the suite the handler a terminal gives.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


PYTHON = os.path.realpath(sys.executable)


@pytest.fixture(autouse=True)
def _no_python_process_in_a_fast_test(request, monkeypatch):
    """A fast test runs the program in this process: starting Python again costs a
    second of imports. What only a process of its own can show (a memory limit, a
    console's encoding, a lock held elsewhere) is a test marked ``slow``."""
    if request.node.get_closest_marker("slow") or request.node.get_closest_marker("libreoffice"):
        return
    start = subprocess.Popen._execute_child  # type: ignore[attr-defined]

    def started(self, args, executable, *rest):
        program = executable or (args if isinstance(args, str | bytes) else args[0])
        if os.path.realpath(os.fsdecode(program)) == PYTHON:
            pytest.fail("a fast test started Python in a process of its own: mark it slow")
        return start(self, args, executable, *rest)

    monkeypatch.setattr(subprocess.Popen, "_execute_child", started)


@pytest.fixture(autouse=True)
def _no_page_numbers_unless_asked(monkeypatch):
    """Numbering the table of contents starts LibreOffice (seconds a run), so tests
    get a contents without page numbers; the tests of the numbering unset this."""
    monkeypatch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")


# --- what every run makes the same way, made once per test process -----------------------
# Most tests make a report from the same few data sets. The charts, the texts skeleton,
# the template's fields, its patched XML and Jinja's compiled code are pure functions of
# their inputs, so each distinct input is made once and its product handed out as new
# bytes, a new list, an immutable text or code that holds no state (each run has its own
# environment): a test that changes the data, the fonts or the template misses the cache
# and gets the real work. The chart and template functions' own tests call them directly
# and are not cached.

_CHARTS: dict[tuple, bytes] = {}
_SKELETONS: dict[tuple, bytes] = {}
_FIELDS: dict[bytes, list[str]] = {}


def _chart_once(chart):
    from generator.render import charts

    def draw(data, path: Path) -> Path:
        key = (chart.__name__, repr(data), charts.FONTS, repr(charts.SETTINGS), charts.DPI)
        if key not in _CHARTS:
            _CHARTS[key] = chart(data, path).read_bytes()
        else:
            path.write_bytes(_CHARTS[key])
        return path

    return draw


class _SavedSkeleton:
    """Stands for the skeleton's Document where ``write_texts_skeleton`` saves it."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def save(self, stream: io.BytesIO) -> None:
        stream.write(self.data)


def _skeleton_once(skeleton):
    def made(year: int, last_year: int | None) -> _SavedSkeleton:
        key = (year, last_year)
        if key not in _SKELETONS:
            stream = io.BytesIO()
            skeleton(year, last_year).save(stream)
            _SKELETONS[key] = stream.getvalue()
        return _SavedSkeleton(_SKELETONS[key])

    return made


def _fields_once(template_fields):
    def fields(template: Path, env=None) -> list[str]:
        key = hashlib.sha256(Path(template).read_bytes()).digest()
        if key not in _FIELDS:
            _FIELDS[key] = template_fields(template, env)
        return list(_FIELDS[key])

    return fields


_COMPILED: dict[tuple, object] = {}
_LEXING = (  # what, beside the source, Jinja's compiled code depends on
    "block_start_string", "block_end_string", "variable_start_string",
    "variable_end_string", "comment_start_string", "comment_end_string",
    "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
    "newline_sequence", "keep_trailing_newline", "optimized", "finalize", "autoescape",
    "is_async", "intercepted_binops", "intercepted_unops", "code_generator_class",
)  # fmt: skip


def _compile_once(compile):
    """Jinja's compile of a source (parse, the budget's rewrite, code generation), kept
    per environment class and settings; the filters are looked up when the code runs.
    A template that does not compile is compiled (and refused) each time; a test that
    watches the parser gets the parser."""
    from jinja2.sandbox import SandboxedEnvironment

    from generator.render.sandbox import ReportEnvironment

    parsers = (SandboxedEnvironment._parse, ReportEnvironment._parse)

    def compiled(self, source, name=None, filename=None, raw=False, defer_init=False):
        watched = (SandboxedEnvironment._parse, ReportEnvironment._parse) != parsers
        if watched or not isinstance(source, str):
            return compile(self, source, name, filename, raw, defer_init)
        settings = tuple(getattr(self, setting, None) for setting in _LEXING)
        key = (type(self), source, name, filename, raw, defer_init, settings)
        key += (tuple(sorted(self.filters)), tuple(sorted(self.tests)), tuple(self.extensions))
        if key not in _COMPILED:
            _COMPILED[key] = compile(self, source, name, filename, raw, defer_init)
        return _COMPILED[key]

    return compiled


_TREES: dict[tuple, object] = {}
_SEEN: set[tuple] = set()


def _parse_kept_once(parse_kept):
    """The lint's parse of a part (``ReportEnvironment.parse_kept``), kept per text and
    lexer settings from the second time a text is seen. The first time, the run parses
    as it does outside the tests, keeping the tree for its one compile (which changes
    it); from then on, a tree parsed for the cache is the lint's to read and is never
    handed to compile, which ``_compile_once`` has done already. A text that does not
    parse is parsed (and refused) each time; a test that watches the parser gets the
    parser."""
    from jinja2.sandbox import SandboxedEnvironment

    from generator.render.sandbox import ReportEnvironment

    parsers = (SandboxedEnvironment._parse, ReportEnvironment._parse)

    def kept(self, source):
        watched = (SandboxedEnvironment._parse, ReportEnvironment._parse) != parsers
        if watched:
            return parse_kept(self, source)
        key = (type(self), source, tuple(getattr(self, s, None) for s in _LEXING))
        if key in _TREES:
            return _TREES[key]
        if key not in _SEEN or source in self._kept:  # this run's own parse
            _SEEN.add(key)
            return parse_kept(self, source)
        _TREES[key] = self.parse(source)
        return _TREES[key]

    return kept


_PATCHED: dict[str, str] = {}


def _patched_once(patch_xml):
    """docxtpl's clean-up of a part's XML for Jinja (regular expressions over the text
    alone), done once per text."""

    def patched(self, src_xml: str) -> str:
        if src_xml not in _PATCHED:
            _PATCHED[src_xml] = patch_xml(self, src_xml)
        return _PATCHED[src_xml]

    return patched


@pytest.fixture(autouse=True, scope="session")
def _made_once() -> Iterator[None]:
    """The report's charts, the texts skeleton, a template's fields, docxtpl's patched
    XML, the lint's parse and Jinja's code for a template's text, each made once per
    distinct input: for the whole session, so that the reports the session's and the
    modules' fixtures make share them too (an autouse fixture of the session is set up
    before any other)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _patch_made_once(monkeypatch)
        yield


def _patch_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from docxtpl import DocxTemplate

    from generator.render import document, sources
    from generator.render.sandbox import ReportEnvironment
    from generator.start import texts

    monkeypatch.setattr(document, "recipients_chart", _chart_once(document.recipients_chart))
    monkeypatch.setattr(document, "quarters_chart", _chart_once(document.quarters_chart))
    monkeypatch.setattr(texts, "skeleton", _skeleton_once(texts.skeleton))
    monkeypatch.setattr(sources, "template_fields", _fields_once(sources.template_fields))
    monkeypatch.setattr(ReportEnvironment, "compile", _compile_once(ReportEnvironment.compile))
    kept = _parse_kept_once(ReportEnvironment.parse_kept)
    monkeypatch.setattr(ReportEnvironment, "parse_kept", kept)
    monkeypatch.setattr(DocxTemplate, "patch_xml", _patched_once(DocxTemplate.patch_xml))


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder with the three workbooks holding one small, valid year (2023)."""
    return write_inputs(tmp_path / "input")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the shipped example input."""
    target = tmp_path / "example"
    shutil.copytree(REPO / "input", target)
    return target


@pytest.fixture(scope="session")
def made_at_nine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as ``lav`` leaves it at 09:00 on 27 November 2026 from the factory's
    valid workbooks: ``input/`` (with what the run adds there, the texts skeleton)
    and ``out/`` (a report and its appendix, fingerprinted). Made once."""
    folder = tmp_path_factory.mktemp("made-at-nine")
    nine = datetime(2026, 11, 27, 9, 0, 0)
    with pytest.MonkeyPatch.context() as patch:  # made before any test's own fixtures
        patch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")
        make(write_inputs(folder / "input"), folder / "out", today=nine.date(), now=nine)
    return folder


@pytest.fixture
def previous(made_at_nine: Path, inputs: Path, tmp_path: Path) -> Path:
    """An output folder holding a report and appendix from an earlier run (09:00), the
    test's own copy; ``inputs`` gets what that run added to its input folder."""
    for path in (made_at_nine / "input").iterdir():
        if not (inputs / path.name).exists():
            shutil.copy2(path, inputs / path.name)
    out = tmp_path / "out"
    shutil.copytree(made_at_nine / "out", out)
    return out


@pytest.fixture(scope="session")
def example_made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The shipped example made into a report once, on 27 November 2026, for the tests
    that only read the report or its appendix (rendering takes a second or more)."""
    folder = tmp_path_factory.mktemp("example")
    shutil.copytree(REPO / "input", folder / "input")
    with pytest.MonkeyPatch.context() as patch:  # made before any test's own fixtures
        patch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")
        made = make(folder / "input", folder / "output", today=EXAMPLE_RUN.date(), now=EXAMPLE_RUN)
    assert made.report is not None, [p.message for p in made.checked.problems]
    return made


@pytest.fixture(scope="session")
def valid_made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The factory's valid workbooks made into a report once, on 27 November 2026 at
    10:00, for the tests that only read the report, its appendix or the problems."""
    folder = tmp_path_factory.mktemp("valid")
    with pytest.MonkeyPatch.context() as patch:  # made before any test's own fixtures
        patch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")
        made = make(write_inputs(folder / "input"), folder / "out", today=CLI_DAY, now=EXAMPLE_RUN)
    assert made.report is not None, [p.message for p in made.checked.problems]
    return made


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch) -> Path:
    """A temp folder of the test's own, so leftovers of this run alone are seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# --- the collector ---------------------------------------------------------------------
# The session's caches, the imported libraries and the collected tests are a million
# objects that live to the end; each full collection would walk them all again.
_RUN = [0]


def pytest_runtest_teardown(item, nextitem) -> None:
    _RUN[0] += 1
    if _RUN[0] % 100 == 1:
        import gc

        gc.collect()
        gc.freeze()
