"""Writing an upgrade: never over an open workbook, the original kept, one rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from io import BytesIO
from pathlib import Path

from ..os_errors import reason
from ..problems import CannotContinue
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


def replace(path: Path, data: bytes) -> Path:
    """Keep the original under a new name, then put the upgrade in its place in one
    rename: the workbook is the old one or the new one, never half of each."""
    kept = _keep(path)
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
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        kept.unlink(missing_ok=True)  # the original is still in place
        raise CannotContinue(
            f"{path.name} kan ikke opgraderes: {reason(exc)}. Luk den, hvis den er åben i "
            f"Excel, og kør igen. {path.name} er ikke ændret."
        ) from exc
    return kept


def _keep(path: Path) -> Path:
    """A byte-for-byte copy of the original beside it, never over an earlier copy."""
    number = 1
    while True:
        tail = "" if number == 1 else f" ({number})"
        kept = path.with_name(f"{path.stem}{KEPT_SUFFIX}{tail}{path.suffix}")
        try:
            with path.open("rb") as source, kept.open("xb") as copy:
                shutil.copyfileobj(source, copy)
        except FileExistsError:
            number += 1
            continue
        except OSError as exc:
            raise CannotContinue(
                f"{path.name} skal opgraderes, men en kopi af originalen kan ikke gemmes "
                f"som {kept.name}: {reason(exc)}. Intet er ændret."
            ) from exc
        shutil.copystat(path, kept)
        return kept
