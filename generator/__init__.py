"""Afrapportering: the annual report on the results contract between Viborg Kommune
and Viborgegnens Erhvervsråd, made from the Excel workbooks they keep.

Pipeline, one module (or package) per stage: ``reading`` → ``checks`` →
``compute`` → ``render`` → ``output``, glued by ``pipeline`` and driven by
``cli``. The workbook contract is declared once, in ``core.schema``.
``docs/architecture.md`` describes each stage and module.
"""

__version__ = "3.0.0"
