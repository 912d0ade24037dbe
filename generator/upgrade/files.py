"""Writing an upgrade: never over an open workbook, the original kept, one rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from io import BytesIO
from pathlib import Path

from ..core.os_errors import reason
from ..core.problems import CannotContinue
from ..reading.container import lock_file
from .edit import Plan

KEPT_SUFFIX = "_før_opgradering"  # kontrakt.xlsx is kept as kontrakt_før_opgradering.xlsx


def refuse_open(plans: list[Plan]) -> None:
    """Excel would save its copy's old layout over the upgrade, and lose it."""
    open_in_excel = [(plan.path.name, lock) for plan in plans if (lock := lock_file(plan.path))]
    if not open_in_excel:
        return
    names = " og ".join(name for name, _ in open_in_excel)
    locks = ", ".join(lock.name for _, lock in open_in_excel)
    one = len(open_in_excel) == 1
    raise CannotContinue(
        f"{names} er lavet med en tidligere udgave af programmet og skal opgraderes, "
        f"men {'den' if one else 'de'} er åben i Excel ({locks} ligger ved siden af). "
        f"Gem og luk {'den' if one else 'dem'} i Excel, og kør igen. Intet er ændret. (Er "
        f"Excel lukket, er {locks} en rest fra et nedbrud og kan slettes.)"
    )


def render(plan: Plan) -> bytes:
    stream = BytesIO()
    plan.book.save(stream)
    return stream.getvalue()


def write_all(contents: dict[Path, bytes]) -> dict[Path, Path]:
    """Each workbook's upgrade in its place, in the given order; returns where each
    original is kept. Every original is copied first: a copy that cannot be made
    leaves everything as it was. A workbook that cannot be replaced stops the rest,
    and the message says which were upgraded already."""
    kept: dict[Path, Path] = {}
    try:
        for path in contents:
            kept[path] = _keep(path)
    except BaseException:
        for copy in kept.values():
            copy.unlink(missing_ok=True)
        raise
    done: list[Path] = []
    for path, data in contents.items():
        try:
            _replace(path, data)
        except BaseException as exc:
            for other in contents:
                if other not in done:
                    kept[other].unlink(missing_ok=True)  # its original is still in place
            if isinstance(exc, CannotContinue) and done:
                names = " og ".join(path.name for path in done)
                raise CannotContinue(
                    f"{exc.message} ({names} er allerede opgraderet; "
                    f"{'originalen' if len(done) == 1 else 'originalerne'} er gemt ved "
                    "siden af.)"
                ) from exc
            raise
        done.append(path)
    return kept


def _replace(path: Path, data: bytes) -> None:
    """The upgrade in the workbook's place in one rename: the workbook is the old
    one or the new one, never half of each."""
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=".opgraderes-", suffix=".xlsx", delete=False
        ) as stream:
            temporary = Path(stream.name)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise CannotContinue(
            f"{path.name} kan ikke opgraderes: {reason(exc)}. Luk den, hvis den er åben i "
            f"Excel, og kør igen. {path.name} er ikke ændret."
        ) from exc
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _keep(path: Path) -> Path:
    """A byte-for-byte copy of the original beside it, never over an earlier copy."""
    number = 0
    while True:
        number += 1
        tail = "" if number == 1 else f" ({number})"
        kept = path.with_name(f"{path.stem}{KEPT_SUFFIX}{tail}{path.suffix}")
        try:
            copy = kept.open("xb")
        except FileExistsError:
            continue
        except OSError as exc:
            raise _not_kept(path, kept, exc) from exc
        try:
            with copy, path.open("rb") as source:
                shutil.copyfileobj(source, copy)
            shutil.copystat(path, kept)
        except BaseException as exc:
            kept.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _not_kept(path, kept, exc) from exc
            raise
        return kept


def _not_kept(path: Path, kept: Path, exc: OSError) -> CannotContinue:
    return CannotContinue(
        f"{path.name} skal opgraderes, men en kopi af originalen kan ikke gemmes som "
        f"{kept.name}: {reason(exc)}. Intet er ændret."
    )
