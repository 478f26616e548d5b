"""Settings read back from disk, trusted only as far as they are checked.

A settings file can hold anything: an old version's values, a hand edit, a
number larger than a widget can show, binary junk. Each stored value is checked
against what the widget showing it accepts (its range, type or choices);
anything else gives way to the default, with one line in the log saying which
setting and why. Nothing stored can stop the app from starting.
"""

from __future__ import annotations

import json
import logging
import math
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

MAX_STORED_CHARS = 100_000  # a few hundred bytes is what the app writes
_shown = reprlib.Repr()
_shown.maxstring = _shown.maxother = 60


def shown(value: object) -> str:
    """Return a short ``repr`` of ``value`` for the log, whatever its size or depth."""
    return _shown.repr(value)


@dataclass(frozen=True)
class IntSetting:
    """A whole number from ``low`` to ``high`` (a spin box's range)."""

    low: int
    high: int

    def accepts(self, value: object) -> bool:
        """Tell whether ``value`` is such a number."""
        return type(value) is int and self.low <= value <= self.high


@dataclass(frozen=True)
class FloatSetting:
    """A finite number from ``low`` to ``high`` (a decimal spin box's range)."""

    low: float
    high: float

    def accepts(self, value: object) -> bool:
        """Tell whether ``value`` is such a number."""
        if type(value) is float and not math.isfinite(value):
            return False
        return type(value) in (int, float) and self.low <= value <= self.high  # type: ignore[operator]


@dataclass(frozen=True)
class ChoiceSetting:
    """One of ``choices`` (a combo box's items); a choice of several values is a tuple of them."""

    choices: tuple[Any, ...]

    def accepts(self, value: object) -> bool:
        """Tell whether ``value`` is one of the choices (a JSON list counts as a tuple)."""
        if isinstance(value, list):
            value = tuple(value)
        try:
            return value in self.choices
        except TypeError:  # an unhashable or uncomparable value
            return False


SettingRule = IntSetting | FloatSetting | ChoiceSetting
Rules = Mapping[str | tuple[str, ...], SettingRule]
"""Each rule checks one setting, or (keyed by a tuple of names) several that one widget sets together."""


def parse_json_object(text: object, where: str) -> dict[str, Any] | None:
    """Return the JSON object stored as ``text``, or None (logged) if it is anything else."""
    if text is None or text == "":
        return None
    problem = ""
    if not isinstance(text, str):
        problem = f"it is a {type(text).__name__}, not text"
    elif len(text) > MAX_STORED_CHARS:
        problem = f"it is {len(text):,} characters long"
    else:
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep to read
            problem = f"it is not JSON ({type(exc).__name__})"
        else:
            if isinstance(value, dict):
                return value
            problem = f"it is a JSON {type(value).__name__}, not an object"
    logger.warning("Stored setting %s ignored: %s; the defaults are used", where, problem)
    return None


def checked_values(values: Mapping[str, Any], rules: Rules, where: str) -> dict[str, Any]:
    """Return ``values`` without those a rule refuses (each logged on one line).

    Values no rule covers are returned as they are, for the caller's own checks.
    """
    kept = dict(values)
    for key, rule in rules.items():
        names = key if isinstance(key, tuple) else (key,)
        if not any(name in values for name in names):
            continue
        value = tuple(values.get(name) for name in names) if isinstance(key, tuple) else values[key]
        if not rule.accepts(value):
            logger.warning(
                "Stored setting %s: %s = %s is not accepted (%s); the default is used",
                where,
                "/".join(names),
                shown(value),
                rule,
            )
            for name in names:
                kept.pop(name, None)
    return kept
