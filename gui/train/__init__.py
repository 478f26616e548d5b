"""The Train tab's parts: the settings form, the data panel and the run view."""
