"""The exercises checked on what the app shows: training runs through the real training process, and
answers against the bundled model's real predictions."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.content.checks import ANSWER, RUN, Answer, RunSummary, run_check
from core.content.exercises import load_exercises
from core.data.mnist import load_sample
from core.models.config import TrainConfig
from core.models.trained import load_bundled
from core.training.evaluation import predict_split
from core.training.history import RunHistory
from core.training.process import RemoteControl

EXERCISES = load_exercises()
RUNS = [e for e in EXERCISES.exercises if e.kind == RUN]
ANSWERS = {e.check: e for e in EXERCISES.exercises if e.kind == ANSWER}


def trained(trainer, tmp_path, settings: dict) -> RunSummary:
    """Train ``settings`` in the training process, record it as the Train tab does, and summarise it."""
    config = TrainConfig(**settings, device="cpu")
    record = RunHistory().start_run(config, "run")
    for event in trainer.train(config, tmp_path, 1e9, RemoteControl()):
        record.record(event)
    return record.summary()


@pytest.mark.slow
@pytest.mark.parametrize("exercise", RUNS, ids=[e.id for e in RUNS])
def test_each_run_solution_passes_and_each_attempt_fails_with_its_words(trainer, tmp_path, exercise):
    verdict = run_check(exercise.check, trained(trainer, tmp_path, exercise.solution))
    assert verdict.passed, (exercise.id, verdict.message)
    for attempt in exercise.attempts:
        verdict = run_check(exercise.check, trained(trainer, tmp_path, attempt.value))
        assert not verdict.passed and attempt.says in verdict.message, (exercise.id, attempt.value, verdict)


@pytest.fixture(scope="module")
def bundled_predictions():
    """The bundled LeNet's predictions and probabilities for the sample's test images."""
    model, split = load_bundled().model, load_sample().test
    _loss, predictions = predict_split(model, split, torch.device("cpu"))
    inputs, _labels = split.network_inputs(torch.device("cpu"))
    with torch.no_grad():
        probabilities = torch.softmax(model(inputs), dim=1).numpy()
    return predictions, probabilities


def test_the_confusion_exercises_pass_only_with_what_the_matrix_says(bundled_predictions):
    predictions, _probabilities = bundled_predictions
    matrix = predictions.confusion
    facts = {"confusion": matrix.tolist()}
    both_ways = np.triu(matrix + matrix.T, k=1)
    a, b = np.unravel_index(np.argmax(both_ways), both_ways.shape)
    assert run_check("most_confused_pair", Answer(f"{b}, {a}", facts)).passed  # either order
    c, d = np.unravel_index(np.argmin(both_ways + np.tril(np.full_like(both_ways, 10**6))), both_ways.shape)
    wrong = run_check("most_confused_pair", Answer(f"{c} {d}", facts))
    assert not wrong.passed and "mixed up" in wrong.message
    accuracy = np.diag(matrix) / matrix.sum(axis=1)
    assert run_check("worst_digit", Answer(str(int(np.argmin(accuracy))), facts)).passed
    best = run_check("worst_digit", Answer(str(int(np.argmax(accuracy))), facts))
    assert not best.passed and "right" in best.message
    for exercise in (ANSWERS["most_confused_pair"], ANSWERS["worst_digit"]):
        for attempt in exercise.attempts:
            assert attempt.says in run_check(exercise.check, Answer(attempt.value, facts)).message


def test_the_draw_exercises_read_the_probabilities_shown(bundled_predictions):
    predictions, probabilities = bundled_predictions
    misread = int(np.flatnonzero(predictions.labels != predictions.predicted)[0])
    right = int(np.flatnonzero(predictions.labels == predictions.predicted)[0])
    meant = str(int(predictions.labels[misread]))
    assert run_check(
        "drawn_digit_misread", Answer(meant, {"probabilities": probabilities[misread].tolist()})
    ).passed
    read_right = run_check(
        "drawn_digit_misread",
        Answer(str(int(predictions.labels[right])), {"probabilities": probabilities[right].tolist()}),
    )
    assert not read_right.passed and "got it right" in read_right.message
    unsure = int(np.argmin(probabilities.max(axis=1)))
    assert probabilities[unsure].max() <= 0.5  # the sample holds a digit the model is unsure of
    assert run_check(
        "drawn_digit_unsure", Answer("", {"probabilities": probabilities[unsure].tolist()})
    ).passed
    sure = run_check("drawn_digit_unsure", Answer("", {"probabilities": probabilities[right].tolist()}))
    assert not sure.passed and "sure" in sure.message
    for exercise in (ANSWERS["drawn_digit_misread"], ANSWERS["drawn_digit_unsure"]):
        for attempt in exercise.attempts:
            facts = {"probabilities": probabilities[right].tolist()} if attempt.value else {}
            assert attempt.says in run_check(exercise.check, Answer(attempt.value, facts)).message
