"""The Train tab: the settings form, the data panel, the live curves and the run view."""
