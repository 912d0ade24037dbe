"""What ``ny`` writes: the blank workbooks, the texts skeleton, the Vejledning sheet and a
new contract period."""
