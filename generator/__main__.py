"""``python -m generator`` is the same program as ``aarsrapport``."""

from .cli import run

# Guarded: a helper process started with 'spawn' imports this module again.
if __name__ == "__main__":
    run()
