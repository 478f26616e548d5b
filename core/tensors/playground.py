"""A sandbox session plus what the Tensors tab shows after each run, as plain data."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from torch import nn

from core.base.i18n import _
from core.tensors.info import TensorInfo, describe, is_viewable, short_type, why_not_shown
from core.tensors.model_summary import ModelSummary, describe_variable
from core.tensors.sandbox import RunResult, Session, plain_tensor, reading_values

VALUE_TEXT_LIMIT = 6000


@dataclass(frozen=True)
class VariableRow:
    """One line of the variables panel."""

    name: str
    shape: str
    dtype: str
    device: str
    network: bool = False  # an nn.Module: the panel offers its summary


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
    infos: dict[str, TensorInfo] = field(default_factory=dict)  # of the variables this run changed
    missing_name: str | None = None  # the variable an error said is not defined yet
    changed: tuple[str, ...] = ()  # the variables this run made or changed (views of the rest still hold)


# Values a run's answer carries at most (float64 each): the views of the variables it changed fit in a
# frame however many there are; the others' views stay as the window last received them.
REPLY_ELEMENTS = 1_500_000


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

    def describe(self, name: str) -> ModelSummary:
        """Summarise the network in the variable ``name`` (see :mod:`core.tensors.model_summary`)."""
        with self._lock, reading_values():
            self.session.activate()
            return describe_variable(self.session.namespace, self.session.sources, name)

    def _views(
        self, variables: dict[str, Any], changed: tuple[str, ...]
    ) -> tuple[dict[str, TensorInfo], list[str]]:
        """Return the views of the tensors this run changed (newest first, within REPLY_ELEMENTS) and
        the notes on those left out: too many to send, or values no table can show (and why)."""
        infos: dict[str, TensorInfo] = {}
        budget = REPLY_ELEMENTS
        left_out = 0
        unshown: list[str] = []
        for name in reversed([n for n in variables if n in changed or n not in self._previous]):
            value = variables[name]
            if not is_viewable(value):
                continue
            previous = self._previous.get(name)
            before = previous[1] if previous is not None and previous[0] == id(value) else None
            try:
                info = describe(plain_tensor(value), name, variables, before)
            except (TypeError, RuntimeError) as exc:
                if name in changed:  # said once, when the learner makes it
                    why = why_not_shown(value, exc, name)
                    unshown.append(_("{name} is not shown as a table: {why}").format(name=name, why=why))
                continue
            except Exception as exc:  # its own methods raise: said once, and the session goes on
                if name in changed:
                    unshown.append(unreadable(name, exc))
                continue
            self._previous[name] = (id(value), info.values)
            if info.values.size > budget:
                left_out += 1
                continue
            budget -= info.values.size
            infos[name] = info
        notes = list(reversed(unshown))
        if left_out:
            note = _("{count} more changed tensors are not shown in this answer; click one to see it.")
            notes.append(note.format(count=left_out))
        return infos, notes

    def run(self, code: str, focus: str | None = None) -> PlaygroundOutcome:
        """Run ``code``; show ``focus`` (or the value, or the last changed tensor) afterwards."""
        with self._lock:
            result = self.session.run(code)
            with reading_values():
                return self._outcome(result, focus)

    @staticmethod
    def _row(name: str, value: Any) -> VariableRow:
        try:
            return VariableRow(name, *short_type(plain_tensor(value)), isinstance(value, nn.Module))
        except Exception:  # a value whose methods raise: its type's name still says what it is
            return VariableRow(name, "", type(value).__name__, "", False)

    def _outcome(self, result: RunResult, focus: str | None) -> PlaygroundOutcome:
        """Describe what the run ``result`` left: its views, its notes and the variables' rows."""
        variables = result.variables
        infos, notes = self._views(variables, result.changed)
        for gone in set(self._previous) - set(variables):
            del self._previous[gone]
        shown = None
        if focus is not None and focus not in infos and is_viewable(variables.get(focus)):
            focused = _shown_or_said(variables[focus], focus, variables, notes)
            if focused is not None:
                infos[focus] = focused
        if result.error is None:
            if focus in infos:
                shown = infos[focus]
            elif is_viewable(result.value):
                named = next((n for n, v in variables.items() if v is result.value), None)
                shown = _find_named(result.value, variables, infos) or _shown_or_said(
                    result.value, named, variables, notes
                )
            else:
                changed = [n for n in result.changed if n in infos]
                shown = infos[changed[-1]] if changed else None
        result.note = "\n".join(filter(None, (result.note, *dict.fromkeys(notes)))) or None
        value_text = "" if result.value is None else short_repr(result.value)
        rows = tuple(self._row(name, value) for name, value in variables.items())
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
            tuple(result.changed),
        )


def _shown_or_said(
    value: Any, name: str | None, variables: dict[str, Any], notes: list[str]
) -> TensorInfo | None:
    """Describe ``value``; if reading it raises, add why to ``notes`` and show nothing."""
    try:
        return describe(plain_tensor(value), name, variables)
    except (TypeError, RuntimeError) as exc:
        why = why_not_shown(value, exc, name or "value")
        notes.append(_("{name} is not shown as a table: {why}").format(name=name or "value", why=why))
    except Exception as exc:
        notes.append(unreadable(name or "value", exc))
    return None


def unreadable(name: str, error: Exception) -> str:
    """Say that reading ``name`` raised ``error`` in its own code, and what to do about it."""
    return _(
        "{name} is not shown: its own methods raised {error} when the app read it. Your other "
        "variables are fine; delete it (del {name}) or press Reset if it gets in the way."
    ).format(name=name, error=type(error).__name__)


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
