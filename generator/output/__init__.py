"""Writing: the output folder, the appendix, the error workbook, the PDF and the crash log."""
