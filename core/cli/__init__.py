"""The headless commands behind ``python main.py train|data|evaluate``.

Each returns an exit code and prints what a learner needs; failures the learner
can fix become one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from argparse import Namespace
from pathlib import Path
from typing import Any

from core.base.file_errors import cause, short_path
from core.base.i18n import _
from core.base.paths import default_data_dir
from core.base.safe_files import check_can_write
from core.data import fetch as data_fetch
from core.data import mnist
from core.export import train_export
from core.models.checkpoint import CheckpointError, load_model, save_model
from core.models.config import ConfigError, TrainConfig
from core.models.networks import effective_activation, model_name
from core.training.evaluation import predict_split
from core.training.events import Failed, Finished, RunStarted, Stopped
from core.training.lesson_log import fewer_lines_note, lesson_lines
from core.training.loop import TrainingRun
from core.training.mistake_files import check_folder_writable, write_mistakes
from core.training.predictions import format_confusion

UNSAVED_FOLDER = "models"  # in the data folder: where a model is kept when --save fails after training


class CommandError(Exception):
    """A problem to report as one line and a non-zero exit."""


def _data_dir(args: Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()


def _unwritable(exc: OSError, path: str, message: str) -> CommandError:
    """Word why ``path`` cannot be written in ``message`` (``{path}``, ``{cause}``)."""
    return CommandError(message.format(path=short_path(path), cause=cause(exc, path, writing=True)))


def _check_save_path(path: str) -> None:
    """Say at once, before any training, that ``--save PATH`` cannot be written."""
    try:
        check_can_write(path)
    except OSError as exc:
        message = _("Cannot save the model to {path}: {cause}. Choose another --save path.")
        raise _unwritable(exc, path, message) from None


def _save_or_keep(model: Any, path: str, metadata: dict[str, Any], data_dir: Path) -> None:
    """Save the trained model to ``path``; if that fails, keep it in the data folder and say where."""
    try:
        save_model(model, path, metadata)
    except OSError as exc:
        failure = cause(exc, path, writing=True)
    else:
        print(_("Saved the model to {path}").format(path=path), flush=True)
        return
    stem = Path(path).stem[:60] or "model"
    kept = data_dir / UNSAVED_FOLDER / f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}.pt"
    try:
        save_model(model, kept, metadata)
    except OSError as exc:
        raise CommandError(
            _(
                "Could not save the model to {path}: {cause}; nor keep it in {kept}: {kept_cause}. "
                "The trained model is lost."
            ).format(
                path=short_path(path),
                cause=failure,
                kept=short_path(kept),
                kept_cause=cause(exc, kept, writing=True),
            )
        ) from None
    raise CommandError(
        _(
            "Could not save the model to {path}: {cause}. The trained model is kept in {kept}; "
            "copy it from there."
        ).format(path=short_path(path), cause=failure, kept=kept)
    )


def _export_script(path: str | None, config: TrainConfig, data_name: str, data_dir: Path) -> None:
    """Write the run as a script or notebook (by the name's suffix) before it trains, if asked to."""
    if not path:
        return
    if config.pipeline != "tensor":
        raise CommandError(
            _("--export-script writes the app's own pipeline: leave out --pipeline {pipeline}.").format(
                pipeline=config.pipeline
            )
        )
    try:
        train_export.write_export(Path(path), config, data_name, mnist.SAMPLE_PATH, data_dir)
    except OSError as exc:
        message = _("Cannot write the script to {path}: {cause}. Choose another --export-script path.")
        raise _unwritable(exc, path, message) from None
    print(_("Wrote this run as a script to {path}").format(path=path), flush=True)


def train(args: Namespace) -> int:
    """Train as the lesson does, print its lines, end with one JSON line of metrics.

    A ``--save`` path that cannot be written is refused before training starts.
    """
    if args.save:
        _check_save_path(args.save)
    try:
        # The CLI prints a log line at every report: progress events come at the log's rate.
        config = TrainConfig.from_values({**vars(args), "report_interval": args.log_interval})
        dataset = mnist.load_data(config.data, _data_dir(args))
        run = TrainingRun(config, dataset)
    except (ConfigError, mnist.DataError) as exc:
        raise CommandError(str(exc)) from None
    _export_script(getattr(args, "export_script", None), config, dataset.name, _data_dir(args))
    final: Finished | None = None
    for event in run.events():
        for line in lesson_lines(event):
            print(line, flush=True)
        if isinstance(event, RunStarted):
            print(
                _("Data: {data}; device: {device}").format(
                    data=event.data_description, device=event.device_label
                ),
                flush=True,
            )
            name = model_name(config.model, config.activation)
            print(
                _("Model: {name}, {count:,} parameters").format(name=name, count=event.parameter_count),
                flush=True,
            )
            note = fewer_lines_note(event, config.batch_size, config.log_interval)
            if note:
                print(note, flush=True)
        elif isinstance(event, Failed):
            raise CommandError(event.message)
        elif isinstance(event, Stopped):
            raise CommandError(_("Training was stopped before it finished."))
        elif isinstance(event, Finished):
            final = event
    if final is None:
        raise CommandError(_("Training ended without a result."))
    if args.save:
        metadata = {
            "config": config.to_dict(),
            "metrics": {"test_loss": final.test_loss, "test_accuracy": final.test_accuracy},
            "data": dataset.description,
            "command": "python main.py " + shlex.join(sys.argv[1:]),
        }
        _save_or_keep(run.model, args.save, metadata, _data_dir(args))
    summary = {
        "model": config.model,
        "activation": effective_activation(config.model, config.activation),
        "data": dataset.name,
        "device": run.device.type,
        "epochs": final.epochs,
        "train_loss": round(final.train_loss, 6),
        "train_accuracy": round(final.train_accuracy, 6),
        "test_loss": round(final.test_loss, 6),
        "test_accuracy": round(final.test_accuracy, 6),
        "seconds": round(final.seconds, 3),
        "samples_per_second": round(final.samples_per_second, 1),
    }
    print(json.dumps(summary), flush=True)
    return 0


class _ProgressLine:
    """One line on stderr that a file's progress rewrites, ended before anything else is printed."""

    def __init__(self) -> None:
        self.open = False

    def __call__(self, name: str, done: int, total: int) -> None:
        if not total:
            return
        text = _("{name}: {percent:3d}% of {size:.1f} MB").format(
            name=name, percent=done * 100 // total, size=total / 1e6
        )
        print("\r" + text, end="", file=sys.stderr, flush=True)
        self.open = True
        if done >= total:
            self.end()

    def end(self) -> None:
        if self.open:
            print(file=sys.stderr, flush=True)
            self.open = False


def data_command(args: Namespace) -> int:
    """Say which set is in use, download the full set, or import it from a folder."""
    data_dir = _data_dir(args)
    progress = _ProgressLine()
    try:
        if args.action == "download":
            mirrors = data_fetch.mirrors_to_try(args.mirror or ())
            data_fetch.download(data_dir, mirrors=mirrors, progress=progress)
        elif args.action == "import":
            data_fetch.import_folder(Path(args.folder), data_dir, progress=progress)
        dataset = mnist.load_data("auto", data_dir)
    except mnist.DataError as exc:
        raise CommandError(str(exc)) from None
    finally:
        progress.end()
    print(_("Data folder: {folder}").format(folder=data_dir))
    if dataset.name == "full":
        print(_("Full MNIST: present in {folder}").format(folder=mnist.raw_folder(data_dir)))
    else:
        print(_("Full MNIST: not present in {folder}").format(folder=mnist.raw_folder(data_dir)))
    print(_("In use: {data}").format(data=dataset.description))
    return 0


def evaluate_command(args: Namespace) -> int:
    """Print a checkpoint's test loss and accuracy on the data set in use; with options, its mistakes."""
    if args.mistakes:
        _check_mistakes_folder(args.mistakes)
    try:
        model, meta = load_model(args.path)
        dataset = mnist.load_data(args.data, _data_dir(args))
    except (CheckpointError, mnist.DataError) as exc:
        raise CommandError(str(exc)) from None
    import torch

    loss, predictions = predict_split(model, dataset.test, torch.device("cpu"))
    print(
        _("Model: {name} from {path}").format(
            name=model_name(meta["architecture"], meta["activation"]), path=args.path
        )
    )
    print(_("Data: {data}").format(data=dataset.description))
    # the lesson's own line, in every language
    print(f"Test Loss: {loss:.6f}, Acc: {predictions.accuracy:.6f}", flush=True)
    if args.confusion:
        print()
        print(_("Confusion matrix (rows: true digit, columns: prediction):"))
        print(format_confusion(predictions.confusion, _("true"), _("accuracy")), flush=True)
    if args.mistakes:
        try:
            files = write_mistakes(dataset.test, predictions, args.mistakes)
        except OSError as exc:
            raise CommandError(
                _("Could not write the mistakes into {path}: {cause}.").format(
                    path=short_path(args.mistakes), cause=cause(exc, args.mistakes, writing=True)
                )
            ) from None
        print(
            _("Wrote {count:,} misread test images to {folder}").format(
                count=len(files), folder=args.mistakes
            )
        )
    return 0


def _check_mistakes_folder(folder: str) -> None:
    """Say at once, before loading anything, that ``--mistakes DIR`` cannot be written."""
    try:
        check_folder_writable(folder)
    except OSError as exc:
        message = _("Cannot write the mistakes into {path}: {cause}. Choose another --mistakes folder.")
        raise _unwritable(exc, folder, message) from None


def quiz_command(args: Namespace) -> int:
    """Ask the app's questions in the terminal; each answer is checked against what the kernel computes."""
    from core.content.progress import PROGRESS_FILE, Progress
    from core.content.questions import load_questions
    from core.content.quiz import run_quiz
    from core.kernel import KernelClient, KernelConfig, RemoteQuestions

    loaded = load_questions()
    for problem in loaded.problems:
        print(_("warning: {message}").format(message=problem), file=sys.stderr)
    questions = [
        q
        for q in loaded.questions
        if (args.cell is None or q.cell == args.cell) and (args.tab is None or q.tab == args.tab)
    ]
    progress = Progress(_data_dir(args) / PROGRESS_FILE)
    if args.reset_progress:
        progress.reset()
        print(_("Question progress reset."))
    if not questions:
        raise CommandError(_("No question matches; try without --cell and --tab."))
    kernel = KernelClient(KernelConfig(data_dir=str(_data_dir(args))))
    kernel.start()
    questions_session = RemoteQuestions(kernel)  # each question from a fresh session, as the file says
    try:
        run_quiz(questions, questions_session.truth, progress)
    finally:
        kernel.shutdown()
    return 0
