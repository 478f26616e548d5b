"""Seeded junk for settings files: what an old version, a hand edit or a damaged disk may leave."""

from __future__ import annotations

import json
import random
from dataclasses import fields

from core.models.config import TrainConfig

SETTING_NAMES = [f.name for f in fields(TrainConfig)]


def junk_value(rng: random.Random, depth: int = 0) -> object:
    """Return one value a stored setting might hold instead of the right one."""
    choices = [
        lambda: rng.choice([3_000_000_000, 2**31, 2**63, 10**30, -1, 0, 1, 100, 4097, 10**400]),
        lambda: rng.choice([float("nan"), float("inf"), -float("inf"), 1e308, 1e-9, 0.0, 0.5, 10.0001]),
        lambda: rng.choice([True, False, None]),
        lambda: rng.choice(
            ["", "mlp", "lenet", "resnet", "cuda", "mps", "auto", "full", "sgd", "adam", "é" * 50]
        ),
        lambda: "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randrange(1, 30))),
        lambda: ["sgd", rng.choice([0.0, 0.9, 0.5, "x"])],
    ]
    if depth < 3:
        choices.append(lambda: [junk_value(rng, depth + 1) for _ in range(rng.randrange(4))])
        choices.append(
            lambda: {str(rng.randrange(9)): junk_value(rng, depth + 1) for _ in range(rng.randrange(4))}
        )
    return rng.choice(choices)()


def junk_settings_json(rng: random.Random) -> str:
    """Return what ``train/settings`` might hold: some JSON object with junk values, or no JSON at all."""
    kind = rng.randrange(6)
    if kind == 0:
        # Nested deeper than Python's JSON reader goes.
        return "[" * rng.choice([50, 5_000, 200_000]) + "]" * rng.randrange(3)
    if kind == 1:
        return "{" + '"seed": ' + "9" * rng.choice([20, 5_000]) + "}"  # more digits than int() reads
    if kind == 2:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(80))).decode("latin-1")
    if kind == 3:
        return json.dumps(junk_value(rng))
    names = [*SETTING_NAMES, "unknown", "lr_schedule", "window"]
    values = {rng.choice(names): junk_value(rng) for _ in range(rng.randrange(1, 10))}
    return json.dumps(values)


def junk_ini_bytes(rng: random.Random) -> bytes:
    """Return a settings file that is not even INI text: binary junk, or INI with junk inside Qt's markers."""
    junk = bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
    return rng.choice(
        [
            junk,
            b"[train]\nsettings=@Variant(" + junk + b")\n",
            b"[window]\ngeometry=@ByteArray(" + junk + b")\n[ui]\nlanguage=@Variant(" + junk[:20] + b")\n",
            b"[train]\nsettings=" + junk.replace(b"\n", b"") + b"\n[ui]\nlanguage=" + junk[:8] + b"\n",
            # A Python object as PySide stores one (pickled), damaged: reading it raises.
            b"[train]\nsettings=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18PySide::PyObjectWrapper\\0\\0\\0\\0"
            + b"\\x10\\x80\\x4\\x95"
            + junk[:4].hex().encode()
            + b")\n",
        ]
    )
