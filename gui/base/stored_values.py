"""Reading one stored setting without letting a damaged settings file raise.

``QSettings.value`` turns what the file holds into Python values, and PySide
unpickles a value stored as a Python object: a damaged file raises there
(EOFError, UnpicklingError, ...). Such a value counts as absent, with one line
in the log; :mod:`core.base.stored_settings` then checks the values that were read.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSettings

logger = logging.getLogger(__name__)


def stored_value(settings: QSettings, key: str) -> Any:
    """Return the value stored under ``key``, or None if there is none or it cannot be read."""
    try:
        return settings.value(key)
    except Exception as exc:  # whatever unpickling a damaged value raises
        logger.warning("Stored setting %s cannot be read (%s); the default is used", key, type(exc).__name__)
        return None
