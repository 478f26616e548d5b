"""Checks of the training exercises: a finished run's settings and metrics, as the trainer reported them.

The targets are for the bundled sample (10,000 training and 2,000 test images),
where the lesson's defaults (a linear MLP, SGD at 0.01) reach about 81% in two
epochs and a LeNet at those settings does not learn in one.
"""

from __future__ import annotations

from core.base.i18n import _
from core.content.checks import RUN, Failed, RunSummary, Verdict, check, passed

MLP_TARGET, MLP_EPOCHS = 0.93, 2
LENET_TARGET, LENET_EPOCHS = 0.94, 1


def _finished(run: RunSummary, model: str, epochs: int) -> float:
    """Return the run's final test accuracy, once its model and epochs are those the exercise asks for."""
    settings = run.settings
    if settings.get("model") != model:
        raise Failed(
            _(
                "This run trained the {seen}; the exercise is about the {wanted}: choose it in the Train tab."
            ).format(seen=settings.get("model"), wanted=model)
        )
    if int(settings.get("epochs", 0)) > epochs:
        raise Failed(
            _("This run had {seen} epochs; the exercise allows at most {wanted}.").format(
                seen=settings.get("epochs"), wanted=epochs
            )
        )
    if run.diverged or not run.test_accuracy:
        raise Failed(
            _("This run did not finish an epoch with a number for its loss; try a smaller learning rate.")
        )
    if run.stopped:
        raise Failed(_("This run was stopped before its last epoch; let it finish."))
    return run.test_accuracy[-1]


@check("mlp_reaches_93_in_2_epochs", RUN)
def mlp_reaches_93(run: RunSummary) -> Verdict:
    """The MLP reaches 93% test accuracy in at most two epochs."""
    accuracy = _finished(run, "mlp", MLP_EPOCHS)
    if accuracy < MLP_TARGET:
        raise Failed(
            _(
                "Test accuracy {seen:.1%}; the exercise wants {wanted:.0%}. A linear MLP stays near 90% "
                "however long it trains: give it an activation, then look at the optimizer and learning rate."
            ).format(seen=accuracy, wanted=MLP_TARGET)
        )
    return passed(
        _("{seen:.1%} in {epochs} epochs.").format(seen=accuracy, epochs=run.settings.get("epochs"))
    )


@check("lenet_reaches_94_in_1_epoch", RUN)
def lenet_reaches_94(run: RunSummary) -> Verdict:
    """LeNet reaches 94% test accuracy in one epoch."""
    accuracy = _finished(run, "lenet", LENET_EPOCHS)
    if accuracy < LENET_TARGET:
        raise Failed(
            _(
                "Test accuracy {seen:.1%}; the exercise wants {wanted:.0%}. At SGD's 0.01 a LeNet barely "
                "starts in one epoch: try Adam, or momentum, or a smaller batch for more steps."
            ).format(seen=accuracy, wanted=LENET_TARGET)
        )
    return passed(_("{seen:.1%} after one epoch.").format(seen=accuracy))


@check("run_diverges", RUN)
def run_diverges(run: RunSummary) -> Verdict:
    """The run's loss stops being a number: the learning rate overshoots."""
    if not run.diverged:
        loss = f"{run.train_loss[-1]:.3f}" if run.train_loss else "?"
        raise Failed(
            _(
                "This run's loss stayed a number (last epoch {seen}). Each step moves the weights by the "
                "learning rate times the gradient: make that step far too large."
            ).format(seen=loss)
        )
    return passed(
        _(
            "The loss became NaN: with a step this large each update overshoots the minimum by more than "
            "the last, the weights grow without bound and soon the numbers overflow."
        )
    )
