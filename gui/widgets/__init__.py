"""Qt views that two or more tabs share: the code editor, tensor tables, panes, plots."""
