import json
import logging
import random

import pytest

from core.base.stored_settings import (
    ChoiceSetting,
    FloatSetting,
    IntSetting,
    checked_values,
    parse_json_object,
)
from tests.settings_fuzz import junk_settings_json, junk_value

RULES = {
    "model": ChoiceSetting(("mlp", "lenet")),
    ("optimizer", "momentum"): ChoiceSetting((("sgd", 0.0), ("sgd", 0.9), ("adam", 0.0))),
    "epochs": IntSetting(1, 100),
    "lr": FloatSetting(0.00001, 10.0),
    "seed": IntSetting(0, 2**31 - 1),
}


def test_values_the_widgets_accept_are_kept_and_the_rest_dropped_with_one_line_each(caplog):
    stored = {
        "model": "lenet",
        "optimizer": "sgd",
        "momentum": 0.9,
        "epochs": 7,
        "lr": 0.05,
        "seed": 3_000_000_000,  # valid for TrainConfig, above the spin box's maximum
        "log_interval": 10,  # no rule: left to TrainConfig's own check
    }
    with caplog.at_level(logging.WARNING, logger="core.base.stored_settings"):
        kept = checked_values(stored, RULES, "train/settings")
    assert kept == {k: v for k, v in stored.items() if k != "seed"}
    (record,) = caplog.records
    assert record.getMessage().startswith("Stored setting train/settings: seed = 3000000000 is not accepted")


@pytest.mark.parametrize(
    ("values", "dropped"),
    [
        ({"epochs": True}, {"epochs"}),
        ({"epochs": 5.0}, {"epochs"}),
        ({"lr": float("nan")}, {"lr"}),
        ({"lr": 10**400}, {"lr"}),
        ({"optimizer": "sgd", "momentum": 0.5}, {"optimizer", "momentum"}),
        ({"optimizer": "adam"}, {"optimizer", "momentum"}),  # momentum missing: not a pair the combo shows
        ({"model": ["mlp"]}, {"model"}),
        ({"model": {"a": 1}}, {"model"}),
    ],
)
def test_each_kind_of_wrong_value_falls_back(values, dropped):
    assert set(checked_values(values, RULES, "s")) == set(values) - dropped


def test_stored_text_that_is_not_a_json_object_is_ignored_with_one_line(caplog):
    cases = ["[" * 200_000, '{"seed": ' + "9" * 5000 + "}", "\x00\xff", "[1, 2]", "x" * 200_000, 7, b"{}"]
    with caplog.at_level(logging.WARNING, logger="core.base.stored_settings"):
        for text in cases:
            assert parse_json_object(text, "train/settings") is None
    assert len(caplog.records) == len(cases)
    assert parse_json_object("", "train/settings") is None and parse_json_object('{"a": 1}', "k") == {"a": 1}


def test_fuzzed_settings_never_escape_the_checks():
    """Whatever is stored, what comes out is either refused or exactly what a rule accepts."""
    rng = random.Random(21)
    for _ in range(2_000):
        values = parse_json_object(junk_settings_json(rng), "train/settings") or {}
        values.update(
            {name: junk_value(rng) for name in ("model", "epochs", "lr", "seed") if rng.random() < 0.5}
        )
        kept = checked_values(values, RULES, "train/settings")
        for key, rule in RULES.items():
            names = key if isinstance(key, tuple) else (key,)
            if all(name in kept for name in names):
                value = tuple(kept[n] for n in names) if isinstance(key, tuple) else kept[key]
                assert rule.accepts(value), (key, value)
        json.dumps(kept, allow_nan=True)  # plain values only, as they came
