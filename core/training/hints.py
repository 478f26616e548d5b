"""Hints at the moments that matter: small rules that read a run's numbers and say what happened.

Each rule takes a run of the history (:class:`~core.training.history.RunRecord`)
and returns a :class:`Hint` (what happened, why, one thing to try) or None.
:func:`choose_hint` asks them in order of urgency and keeps the first answer,
so the learner never sees more than one at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.base.i18n import N_, _
from core.training.history import RunRecord

CHANCE_ACCURACY = 0.2  # ten classes: guessing gets 10%; below 20% the network has not learned yet
RISING_FACTOR = 1.5  # the smoothed loss this many times its lowest value means it is rising
RISING_MIN_BATCHES = 30
FLAT_BATCHES = 200  # a long stretch of batches...
FLAT_CHANGE = 0.01  # ...over which the smoothed loss moved by less than this fraction...
FLAT_LOSS = 1.0  # ...while still this high (a trained network's loss is flat too, but low)
OVERFIT_GAP = 0.05  # training accuracy this far above test accuracy
LINEAR_GAIN = 0.005  # the linear MLP's test accuracy moving by less than this over an epoch
LINEAR_CEILING = 0.95  # what a linear map gets on MNIST stays below this
LINEAR_MIN_EPOCHS = 2  # a stall shows only from one epoch to the next

TEXTS = {
    "diverged": N_(
        "The loss stopped being a number (NaN or infinite). Why: the learning rate ({lr:g}) is too "
        "high, so each step overshoots and the weights blow up. The last good weights were kept. "
        "Try: a learning rate ten times lower."
    ),
    "rising": N_(
        "The loss is rising (from {low:.3f} to {now:.3f}). Why: the learning rate ({lr:g}) is "
        "probably too high, so the steps overshoot the minimum. Try: a learning rate ten times lower."
    ),
    "chance_sgd_cnn": N_(
        "After epoch {epoch} the test accuracy is {accuracy:.0%}, about chance (10%). Why: plain SGD "
        "at lr {lr:g} starts slowly on a CNN; the gradients that reach its first layers are small, "
        "so the weights hardly move at first. Try: SGD with momentum 0.9, or more epochs."
    ),
    "chance": N_(
        "After epoch {epoch} the test accuracy is {accuracy:.0%}, about chance (10%). Why: the "
        "network has not learned yet; its steps have not moved the weights far enough. "
        "Try: more epochs, or SGD with momentum 0.9."
    ),
    "flat": N_(
        "The loss has hardly moved over the last {batches} batches (about {loss:.3f}). Why: with a "
        "learning rate of {lr:g} the steps may be too small to get anywhere. "
        "Try: a learning rate ten times higher."
    ),
    "linear": N_(
        "After epoch {epoch} the test accuracy is {accuracy:.1%}, about what it was an epoch before "
        "({before:.1%}): from here it rises only slowly, if at all. Why: the lesson's MLP has no "
        "activation between its Linear layers, so the three layers are one linear map, and a linear "
        "map cannot separate the digits much better than this. Try: Activation: ReLU, and compare "
        "the curves."
    ),
    "overfitting_sample": N_(
        "Training accuracy ({train:.1%}) is well above test accuracy ({test:.1%}). Why: the network "
        "is memorising its training images rather than learning digits (overfitting); with the "
        "small bundled sample this comes early. Try: full MNIST (Data), or fewer epochs."
    ),
    "overfitting": N_(
        "Training accuracy ({train:.1%}) is well above test accuracy ({test:.1%}). Why: the network "
        "is memorising its training images rather than learning digits (overfitting). "
        "Try: fewer epochs, stopping where the test accuracy was best."
    ),
}


@dataclass(frozen=True)
class Hint:
    """What happened in a run, why, and one thing to try; ``kind`` names the rule's finding."""

    kind: str
    values: tuple[tuple[str, float], ...]  # the numbers the text quotes

    def text(self) -> str:
        """Return the hint in the current language."""
        return _(TEXTS[self.kind]).format(**dict(self.values))

    def changes(self) -> dict[str, object]:
        """Return the settings its "Try" names, for a run that tries it; empty when it names none."""
        values = dict(self.values)
        if self.kind == "linear":
            return {"activation": "relu"}
        if self.kind in ("diverged", "rising"):
            return {"lr": float(f"{values['lr'] / 10:.3g}")}
        if self.kind == "flat":
            return {"lr": float(f"{values['lr'] * 10:.3g}")}
        if self.kind in ("chance_sgd_cnn", "chance"):
            return {"optimizer": "sgd", "momentum": 0.9}
        return {}  # overfitting: the remedies need a choice the app should not make for the learner


def current_lr(run: RunRecord) -> float:
    """Return the learning rate the run trains with now (after any change)."""
    return run.lr_changes[-1].new if run.lr_changes else run.config.lr


def loss_exploded(run: RunRecord) -> Hint | None:
    """The loss turned NaN or infinite, or its smoothed value climbs well above its lowest."""
    lr = current_lr(run)
    if run.diverged:
        return Hint("diverged", (("lr", lr),))
    smoothed = run.series["batch_loss_ema"].y
    if smoothed.size < RISING_MIN_BATCHES:
        return None
    low, now = float(np.min(smoothed)), float(smoothed[-1])
    if now > RISING_FACTOR * low and now > float(smoothed[0]):
        return Hint("rising", (("low", low), ("now", now), ("lr", lr)))
    return None


def near_chance(run: RunRecord) -> Hint | None:
    """After an epoch, the test accuracy is about what guessing gets."""
    if not run.epoch_ends or run.epoch_ends[-1].test_accuracy >= CHANCE_ACCURACY:
        return None
    end = run.epoch_ends[-1]
    config = run.config
    plain_sgd_cnn = config.model == "lenet" and config.optimizer == "sgd" and config.momentum == 0
    values = (("epoch", end.epoch), ("accuracy", end.test_accuracy), ("lr", current_lr(run)))
    return Hint("chance_sgd_cnn" if plain_sgd_cnn else "chance", values)


def loss_flat(run: RunRecord) -> Hint | None:
    """The smoothed loss has hardly moved for a long stretch while still high."""
    smoothed = run.series["batch_loss_ema"].y
    if smoothed.size <= FLAT_BATCHES:
        return None
    before, now = float(smoothed[-1 - FLAT_BATCHES]), float(smoothed[-1])
    if now < FLAT_LOSS or abs(before - now) > FLAT_CHANGE * before:
        return None
    return Hint("flat", (("batches", FLAT_BATCHES), ("loss", now), ("lr", current_lr(run))))


def linear_ceiling(run: RunRecord) -> Hint | None:
    """The lesson's linear MLP's test accuracy hardly moves from one epoch to the next, below what a
    non-linear network reaches: it levels off (it may still creep up, so the hint never says it stopped)."""
    config, ends = run.config, run.epoch_ends
    if config.model != "mlp" or config.activation != "none" or len(ends) < LINEAR_MIN_EPOCHS:
        return None
    accuracy, before = ends[-1].test_accuracy, ends[-2].test_accuracy
    if abs(accuracy - before) >= LINEAR_GAIN or accuracy >= LINEAR_CEILING:
        return None
    return Hint("linear", (("epoch", ends[-1].epoch), ("accuracy", accuracy), ("before", before)))


def overfitting(run: RunRecord) -> Hint | None:
    """After an epoch, training accuracy is far above test accuracy."""
    if not run.epoch_ends:
        return None
    end = run.epoch_ends[-1]
    if end.train_accuracy - end.test_accuracy < OVERFIT_GAP:
        return None
    kind = "overfitting_sample" if run.started and run.started.data_name == "sample" else "overfitting"
    return Hint(kind, (("train", end.train_accuracy), ("test", end.test_accuracy)))


RULES: tuple[Callable[[RunRecord], Hint | None], ...] = (
    loss_exploded,
    near_chance,
    loss_flat,
    linear_ceiling,
    overfitting,
)  # the most urgent first


def choose_hint(run: RunRecord) -> Hint | None:
    """Return the one hint worth showing for ``run`` now (the most urgent rule that fires), or None."""
    for rule in RULES:
        hint = rule(run)
        if hint is not None:
            return hint
    return None
