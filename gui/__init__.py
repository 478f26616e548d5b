"""The Qt front end: it adapts core/ to widgets, signals and threads."""
