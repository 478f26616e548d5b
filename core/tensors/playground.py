"""A sandbox session plus what the Tensors tab shows after each run, as plain data."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from core.base.i18n import _
from core.tensors.info import TensorInfo, describe, is_viewable, short_type
from core.tensors.sandbox import Session

VALUE_TEXT_LIMIT = 6000


@dataclass(frozen=True)
class VariableRow:
    """One line of the variables panel."""

    name: str
    shape: str
    dtype: str
    device: str


@dataclass(frozen=True)
class PlaygroundOutcome:
    """Everything the view needs after one run; plain copies only."""

    code: str
    error: str | None
    error_detail: str | None
    output: str
    note: str | None
    value_text: str
    shown: TensorInfo | None
    variables: tuple[VariableRow, ...]
    infos: dict[str, TensorInfo] = field(default_factory=dict)
    missing_name: str | None = None  # the variable an error said is not defined yet


class Playground:
    """Run code in one session and describe the result; remembers values to mark changed cells."""

    def __init__(self, session: Session | None = None) -> None:
        self.session = session or Session()
        self._previous: dict[str, tuple[int, np.ndarray]] = {}
        self._lock = threading.Lock()  # one run at a time, whichever thread asks

    def reset(self) -> None:
        """Forget every variable and every value shown."""
        with self._lock:
            self.session.reset()
            self._previous.clear()

    def run(self, code: str, focus: str | None = None) -> PlaygroundOutcome:
        """Run ``code``; show ``focus`` (or the value, or the last changed tensor) afterwards."""
        with self._lock:
            result = self.session.run(code)
            variables = result.variables
            infos: dict[str, TensorInfo] = {}
            for name, value in variables.items():
                if is_viewable(value):
                    previous = self._previous.get(name)
                    before = previous[1] if previous is not None and previous[0] == id(value) else None
                    try:
                        infos[name] = describe(value, name, variables, before)
                    except (TypeError, RuntimeError):
                        continue
                    self._previous[name] = (id(value), infos[name].values)
            for gone in set(self._previous) - set(variables):
                del self._previous[gone]
            shown = None
            if result.error is None:
                if focus in infos:
                    shown = infos[focus]
                elif is_viewable(result.value):
                    shown = _find_named(result.value, variables, infos) or describe(
                        result.value, None, variables
                    )
                else:
                    changed = [n for n in result.changed if n in infos]
                    shown = infos[changed[-1]] if changed else None
            value_text = "" if result.value is None else short_repr(result.value)
            rows = tuple(VariableRow(name, *short_type(value)) for name, value in variables.items())
            return PlaygroundOutcome(
                result.code,
                result.error,
                result.error_detail,
                result.output,
                result.note,
                value_text,
                shown,
                rows,
                infos,
                result.missing_name,
            )


def short_repr(value: object) -> str:
    """Return ``repr(value)`` cut to :data:`VALUE_TEXT_LIMIT` characters, without building a huge one."""
    if isinstance(value, (str, bytes, list, tuple)) and len(value) > VALUE_TEXT_LIMIT:
        return repr(value[:VALUE_TEXT_LIMIT])[:VALUE_TEXT_LIMIT] + " ..."
    try:
        text = repr(value)
    except Exception as exc:  # a value whose repr fails must not lose the run's other results
        return _("<{kind} that cannot be shown: {error}>").format(
            kind=type(value).__name__, error=type(exc).__name__
        )
    return text if len(text) <= VALUE_TEXT_LIMIT else text[:VALUE_TEXT_LIMIT] + " ..."


def _find_named(
    value: object, variables: dict[str, object], infos: dict[str, TensorInfo]
) -> TensorInfo | None:
    for name, candidate in variables.items():
        if candidate is value and name in infos:
            return infos[name]
    return None
