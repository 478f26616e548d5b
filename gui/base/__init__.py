"""What every tab uses.

The language, background jobs and workers, stored values, colours, and the
trained model and kernel the tabs share.
"""
