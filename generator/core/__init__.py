"""The vocabulary every stage shares: the workbook contract (schema), problems, wording."""
