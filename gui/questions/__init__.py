"""The questions asked before a result shows: the book that holds them, the card that asks one."""
