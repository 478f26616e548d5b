"""The optimizer race's presets: one click sets up a story (a surface, a start, the racers).

They are a teacher's data, in ``assets/presets/optimizers.toml`` (the format of the
questions and exercises, :mod:`core.content.reading`): each ``[[preset]]`` names
a surface, a start and two to four ``[[preset.racer]]`` tables, with a title, the
story it tells and a question to ask before it runs. A preset that cannot be used
is left out with a message that names the file, the preset and the field; the
others still load.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from core.base.i18n import _
from core.base.paths import ASSETS_DIR
from core.content.reading import ContentError, EntryReader, Text, read_tables
from core.optimizers.race import MAX_RACERS, MAX_STEPS, OPTIMIZERS, OptimizerSpec
from core.optimizers.surfaces import FORMULA_SURFACES

PRESETS_PATH = ASSETS_DIR / "presets" / "optimizers.toml"
SURFACES = (*FORMULA_SURFACES, "slice")


@dataclass(frozen=True)
class Preset:
    """One story: where the race runs, who races, what to look at and what to predict first."""

    id: str
    title: Text
    story: Text
    surface: str
    start: tuple[float, float] | None  # None: the surface's own start
    steps: int
    racers: tuple[OptimizerSpec, ...]
    question: str | None  # the id of a question in assets/questions, asked before the race runs


@dataclass(frozen=True)
class PresetSet:
    """The presets that loaded, and a message for each one that did not."""

    presets: tuple[Preset, ...]
    problems: tuple[str, ...]


def load_presets(path: Path = PRESETS_PATH) -> PresetSet:
    """Read the presets of ``path``; what cannot be used is skipped, each with its message."""
    try:
        tables = read_tables(path, "preset")
    except ContentError as exc:
        return PresetSet((), (str(exc),))
    presets, problems, seen = [], [], set()
    for number, table in enumerate(tables, 1):
        try:
            preset = _preset(EntryReader(table, path.name, number, "preset"))
            if preset.id in seen:
                raise ContentError(
                    _("{file}: the id {id!r} is used twice; give each preset its own id.").format(
                        file=path.name, id=preset.id
                    )
                )
        except ContentError as exc:
            problems.append(str(exc))
            continue
        seen.add(preset.id)
        presets.append(preset)
    return PresetSet(tuple(presets), tuple(problems))


def _preset(reader: EntryReader) -> Preset:
    identifier = reader.required(str, "id")
    surface = reader.choice_of("surface", SURFACES)
    start = reader.optional(list, "start")
    if start is not None:
        if len(start) != 2 or not all(_number(value) for value in start):  # noqa: PLR2004 - two parameters
            reader.fail(_("start must be two numbers, [x, y]"))
        start = (float(start[0]), float(start[1]))
    steps = reader.required(int, "steps")
    if not 1 <= steps <= MAX_STEPS:
        reader.fail(_("steps must be 1 to {most}, not {value}").format(most=MAX_STEPS, value=steps))
    racers = reader.required(list, "racer")
    if not 1 <= len(racers) <= MAX_RACERS:
        reader.fail(_("give 1 to {most} [[preset.racer]] tables").format(most=MAX_RACERS))
    return Preset(
        identifier,
        reader.text("title"),
        reader.text("story"),
        surface,
        start,
        steps,
        tuple(_racer(reader, racer, number) for number, racer in enumerate(racers, 1)),
        reader.optional(str, "question"),
    )


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _racer(reader: EntryReader, table: object, number: int) -> OptimizerSpec:
    if not isinstance(table, dict):
        reader.fail(_("racer {number} must be a table").format(number=number))
    kind = table.get("optimizer")
    if kind not in OPTIMIZERS:
        reader.fail(
            _("racer {number}: optimizer must be one of {allowed}").format(
                number=number, allowed=", ".join(OPTIMIZERS)
            )
        )
    values = {}
    for key in ("lr", "momentum", "beta2", "weight_decay"):
        if key in table:
            if not _number(table[key]):
                reader.fail(_("racer {number}: {key} must be a number").format(number=number, key=key))
            values[key] = float(table[key])
    if "lr" not in values:
        reader.fail(_("racer {number}: lr is missing").format(number=number))
    try:
        return OptimizerSpec(kind, **values)
    except ValueError as exc:
        reader.fail(_("racer {number}: {problem}").format(number=number, problem=exc))
