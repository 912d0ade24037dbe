"""``python -m generator`` is the same program as ``aarsrapport``."""

from .cli import main

raise SystemExit(main())
