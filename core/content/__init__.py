"""Teachers' content: questions asked before a result shows, read from data files, checked on load."""
