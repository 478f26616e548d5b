"""PyTorch Basics: start the app, or run its headless commands.

    python main.py                      open the app
    python main.py --lang zh_CN         open the app in Simplified Chinese (or en: English)
    python main.py --screenshot DIR     render every tab to PNG files and exit
    python main.py train ...            train from the terminal, as the lesson does
    python main.py data info|download|import DIR
    python main.py evaluate MODEL.pt
    python main.py quiz [--cell N]     predict, then see: the questions in the terminal
    python main.py exercise list|check ID FILE.py|DIR   the exercises; check solution files

Only argument parsing lives here; torch and Qt are imported when a command needs them.
Every command logs to the same file as the app (see core/base/logs.py), and speaks the
user's language (core/base/i18n.py), argparse's own words included; the lesson's log
lines keep the lesson's format in every language.
"""

from __future__ import annotations

import argparse
import logging
import sys

from core.base import i18n
from core.base.i18n import _
from core.models.config import (
    ACTIVATIONS,
    ARCHITECTURES,
    DATA_CHOICES,
    DEVICE_CHOICES,
    OPTIMIZERS,
    PIPELINES,
    TrainConfig,
)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a whole number").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("{text} must be 1 or more").format(text=text))
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a number").format(text=text)) from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(_("{text} must be a number above 0").format(text=text))
    return value


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("where full MNIST is kept (default: the per-user data folder, or $PYTORCH_BASICS_DATA)"),
    )


def build_parser() -> argparse.ArgumentParser:
    """Describe every command and option."""
    parser = argparse.ArgumentParser(
        prog="pytorch-basics",
        description=_("Learn PyTorch by touching it: tensors, autograd, and MNIST training."),
    )
    parser.add_argument(
        "--screenshot", metavar="DIR", help=_("render every tab to PNG files in DIR and exit")
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help=_("the app's language this time (default: the one chosen last, else the system's)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    train = commands.add_parser("train", help=_("train a network on MNIST in the terminal"))
    lesson = TrainConfig()  # the defaults are the lesson's, stated once
    train.add_argument(
        "--model", choices=ARCHITECTURES, default=lesson.model, help=_("the lesson's MLP or LeNet")
    )
    train.add_argument(
        "--activation",
        choices=ACTIVATIONS,
        default=lesson.activation,
        help=_("MLP only: none (as in the lesson, a linear network) or relu"),
    )
    train.add_argument(
        "--epochs", type=_positive_int, default=lesson.epochs, help=_("passes over the training set")
    )
    train.add_argument(
        "--batch-size", type=_positive_int, default=lesson.batch_size, help=_("images per gradient step")
    )
    train.add_argument("--lr", type=_positive_float, default=lesson.lr, help=_("learning rate"))
    train.add_argument(
        "--lr-step",
        type=_positive_int,
        default=lesson.lr_step,
        metavar="EPOCHS",
        help=_("step decay: multiply the learning rate by --lr-gamma every EPOCHS epochs (default: off)"),
    )
    train.add_argument(
        "--lr-gamma",
        type=_positive_float,
        default=lesson.lr_gamma,
        metavar="G",
        help=_("the step decay's factor, above 0 and at most 1"),
    )
    train.add_argument("--optimizer", choices=OPTIMIZERS, default=lesson.optimizer, help=_("optimizer"))
    train.add_argument(
        "--momentum", type=float, default=lesson.momentum, help=_("SGD momentum (0 in the lesson)")
    )
    train.add_argument("--seed", type=int, default=lesson.seed, help=_("random seed"))
    train.add_argument(
        "--device",
        choices=DEVICE_CHOICES,
        default=lesson.device,
        help=_("where to train (auto: the GPU if any)"),
    )
    train.add_argument(
        "--data",
        choices=DATA_CHOICES,
        # Unlike the app, which starts on the sample, the terminal takes full MNIST when it is there.
        default="auto",
        help=_("bundled sample, full MNIST, or auto (full when present)"),
    )
    train.add_argument(
        "--pipeline",
        choices=PIPELINES,
        default=lesson.pipeline,
        help=_("in-memory tensor batches, or the lesson's DataLoader with ToTensor"),
    )
    train.add_argument(
        "--augment",
        action="store_true",
        help=_("mild random rotation, shear, scale and stroke width (robust digit reading)"),
    )
    train.add_argument(
        "--log-interval", type=_positive_int, default=lesson.log_interval, help=_("batches between log lines")
    )
    train.add_argument("--save", metavar="PATH", help=_("save the trained model to PATH (.pt)"))
    train.add_argument(
        "--export-script",
        metavar="PATH",
        help=_("also write this run as a standalone PyTorch script (.py) or notebook (.ipynb)"),
    )
    _add_data_options(train)

    data = commands.add_parser("data", help=_("show, download or import the MNIST data set"))
    actions = data.add_subparsers(dest="action", metavar="ACTION", required=True)
    _add_data_options(actions.add_parser("info", help=_("which data set is in use, and where")))
    download = actions.add_parser("download", help=_("download full MNIST (torchvision's mirrors)"))
    download.add_argument(
        "--mirror", action="append", metavar="URL", help=_("a mirror to try first (repeatable)")
    )
    _add_data_options(download)
    import_parser = actions.add_parser(
        "import", help=_("import full MNIST from a folder holding its four files")
    )
    import_parser.add_argument("folder", metavar="DIR")
    _add_data_options(import_parser)

    evaluate = commands.add_parser("evaluate", help=_("test loss and accuracy of a saved model"))
    evaluate.add_argument(
        "path",
        metavar="MODEL",
        help=_("a model file saved by the app or by train --save, or a state_dict saved as in the lesson"),
    )
    evaluate.add_argument(
        "--data", choices=DATA_CHOICES, default="auto", help=_("bundled sample, full MNIST, or auto")
    )
    evaluate.add_argument(
        "--confusion",
        action="store_true",
        help=_("also print the confusion matrix and each digit's accuracy"),
    )
    evaluate.add_argument(
        "--mistakes", metavar="DIR", help=_("write the misread test images into DIR as PNG files")
    )
    _add_data_options(evaluate)

    quiz = commands.add_parser("quiz", help=_("predict, then see: the app's questions in the terminal"))
    quiz.add_argument(
        "--cell", type=int, metavar="N", help=_("only the questions of lesson cell N (1 to 26)")
    )
    quiz.add_argument(
        "--tab",
        choices=("tensors", "autograd", "train", "draw", "results"),
        help=_("only the questions asked in this tab"),
    )
    quiz.add_argument("--reset-progress", action="store_true", help=_("forget every answer recorded so far"))
    _add_data_options(quiz)
    _add_exercise_parser(commands)
    return parser


def _add_exercise_parser(commands) -> None:
    exercise = commands.add_parser("exercise", help=_("the exercises: list them, or check solution files"))
    steps = exercise.add_subparsers(dest="action", metavar="ACTION", required=True)
    steps.add_parser("list", help=_("every exercise: its id, tab, kind and title"))
    check = steps.add_parser("check", help=_("check a solution file, or every .py file in a folder"))
    check.add_argument("id", metavar="ID", help=_("the exercise's id (see exercise list)"))
    check.add_argument("path", metavar="FILE.py|DIR", help=_("a solution file, or a folder of them"))
    _add_data_options(check)


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` names, or open the app."""
    language = i18n.set_language(i18n.system_language())
    i18n.use_for_argparse(language)
    args = build_parser().parse_args(argv)
    if args.command is None:
        from core.base.logs import configure_logging
        from core.training.process import TrainerClient

        # The training process starts first, before this process imports Qt and torch: its own
        # start (torch, then torch._dynamo and the data set, about 3 s on 2 cores) runs on another
        # core meanwhile, and the first run needs it done. Nothing else runs before the first frame.
        configure_logging()  # its log is the app's
        trainer = TrainerClient()
        trainer.start()
        from gui.app.startup import has_display, run_app

        if not has_display(args.screenshot):
            trainer.shutdown()
            print(
                _(
                    "PyTorch Basics needs a display, and none was found (DISPLAY is not set).\n"
                    "  - On a desktop, run it from a terminal inside your session.\n"
                    "  - Over SSH, use `ssh -X`, or run it under Xvfb: `xvfb-run make run`.\n"
                    "  - Without any screen: `python main.py train --help` trains from the terminal, and\n"
                    "    `python main.py --screenshot DIR` renders the tabs to PNG files."
                ),
                file=sys.stderr,
            )
            return 2
        return run_app(screenshot_dir=args.screenshot, language=args.lang, trainer=trainer)
    return _run_command(args, argv)


def _exercise_command(args: argparse.Namespace) -> int:
    from core.cli.exercises import exercise_command

    return exercise_command(args)


def _run_command(args: argparse.Namespace, argv: list[str] | None) -> int:
    """Run a headless command; whatever goes wrong ends in one line on stderr and a non-zero exit."""
    from core import cli
    from core.base.file_errors import describe_os_error
    from core.base.logs import configure_logging
    from core.process.termination import Terminated, exit_cleanly_on_termination

    exit_cleanly_on_termination()  # SIGTERM, SIGHUP: stop as Ctrl+C does, leaving no partial file
    log = configure_logging()
    logger = logging.getLogger("pytorch_basics.cli")
    handlers = {
        "train": cli.train,
        "data": cli.data_command,
        "evaluate": cli.evaluate_command,
        "quiz": cli.quiz_command,
        "exercise": _exercise_command,
    }
    logger.info("python main.py %s", " ".join(sys.argv[1:] if argv is None else argv))
    try:
        return handlers[args.command](args)
    except cli.CommandError as exc:
        logger.warning("%s failed: %s", args.command, exc)
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print("\n" + _("Stopped."), file=sys.stderr)
        return exc.exit_code if isinstance(exc, Terminated) else 130
    except OSError as exc:  # a file or folder the command met: say which, and why, in one line
        logger.warning("%s failed", args.command, exc_info=True)
        print(_("error: {message}").format(message=describe_os_error(exc)), file=sys.stderr)
        return 1
    except Exception as exc:
        logger.exception("%s stopped by an unexpected error", args.command)
        print(
            _("error: {kind}: {message} (the details are in {log})").format(
                kind=type(exc).__name__, message=exc, log=log
            ),
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
