"""Where the app's files are: its own (the project, its assets) and this user's (the data folder, the log)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # core/base/paths.py -> the project
ASSETS_DIR = PROJECT_ROOT / "assets"
DATA_ENV_VAR = "PYTORCH_BASICS_DATA"
LOG_FILE_NAME = "pytorch-basics.log"


def default_data_dir() -> Path:
    """Return the per-user data folder, or the one named by PYTORCH_BASICS_DATA."""
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("pytorch-basics", appauthor=False))


def default_log_file() -> Path:
    """Return the log file in the per-user data folder (``logs/pytorch-basics.log``)."""
    return default_data_dir() / "logs" / LOG_FILE_NAME
