"""PyTorch Basics: start the app, or run its headless commands.

    python main.py                      open the app
    python main.py --screenshot DIR     render every tab to PNG files and exit
    python main.py train ...            train from the terminal, as the lesson does
    python main.py data info|download|import DIR
    python main.py evaluate MODEL.pt

Only argument parsing lives here; torch and Qt are imported when a command needs them.
Every command logs to the same file as the app (see core/logs.py).
"""

from __future__ import annotations

import argparse
import logging
import sys

from core.config import (
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
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be 1 or more")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} must be a number above 0")
    return value


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where full MNIST is kept (default: the per-user data folder, or $PYTORCH_BASICS_DATA)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Describe every command and option."""
    parser = argparse.ArgumentParser(
        prog="pytorch-basics",
        description="Learn PyTorch by touching it: tensors, autograd, and MNIST training.",
    )
    parser.add_argument("--screenshot", metavar="DIR", help="render every tab to PNG files in DIR and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    train = commands.add_parser("train", help="train a network on MNIST in the terminal")
    lesson = TrainConfig()  # the defaults are the lesson's, stated once
    train.add_argument(
        "--model", choices=ARCHITECTURES, default=lesson.model, help="the lesson's MLP or LeNet"
    )
    train.add_argument(
        "--activation",
        choices=ACTIVATIONS,
        default=lesson.activation,
        help="MLP only: none (as in the lesson, a linear network) or relu",
    )
    train.add_argument("--epochs", type=_positive_int, default=lesson.epochs)
    train.add_argument("--batch-size", type=_positive_int, default=lesson.batch_size)
    train.add_argument("--lr", type=_positive_float, default=lesson.lr, help="learning rate")
    train.add_argument("--optimizer", choices=OPTIMIZERS, default=lesson.optimizer)
    train.add_argument(
        "--momentum", type=float, default=lesson.momentum, help="SGD momentum (0 in the lesson)"
    )
    train.add_argument("--seed", type=int, default=lesson.seed)
    train.add_argument("--device", choices=DEVICE_CHOICES, default=lesson.device)
    train.add_argument(
        "--data",
        choices=DATA_CHOICES,
        # Unlike the app, which starts on the sample, the terminal takes full MNIST when it is there.
        default="auto",
        help="bundled sample, full MNIST, or auto (full when present)",
    )
    train.add_argument(
        "--pipeline",
        choices=PIPELINES,
        default=lesson.pipeline,
        help="in-memory tensor batches, or the lesson's DataLoader with ToTensor",
    )
    train.add_argument(
        "--augment",
        action="store_true",
        help="mild random rotation, shear, scale and stroke width (robust digit reading)",
    )
    train.add_argument(
        "--log-interval", type=_positive_int, default=lesson.log_interval, help="batches between log lines"
    )
    train.add_argument("--save", metavar="PATH", help="save the trained model to PATH (.pt)")
    _add_data_options(train)

    data = commands.add_parser("data", help="show, download or import the MNIST data set")
    actions = data.add_subparsers(dest="action", metavar="ACTION", required=True)
    _add_data_options(actions.add_parser("info", help="which data set is in use, and where"))
    download = actions.add_parser("download", help="download full MNIST (torchvision's mirrors)")
    download.add_argument(
        "--mirror", action="append", metavar="URL", help="a mirror to try first (repeatable)"
    )
    _add_data_options(download)
    import_parser = actions.add_parser(
        "import", help="import full MNIST from a folder holding its four files"
    )
    import_parser.add_argument("folder", metavar="DIR")
    _add_data_options(import_parser)

    evaluate = commands.add_parser("evaluate", help="test loss and accuracy of a saved model")
    evaluate.add_argument("path", metavar="MODEL")
    evaluate.add_argument("--data", choices=DATA_CHOICES, default="auto")
    _add_data_options(evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` names, or open the app."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        from core.logs import configure_logging
        from core.trainer import TrainerClient

        # The training process starts first, before this process imports Qt and torch: its own
        # start (torch, then torch._dynamo and the data set, about 3 s on 2 cores) runs on another
        # core meanwhile, and the first run needs it done. Nothing else runs before the first frame.
        configure_logging()  # its log is the app's
        trainer = TrainerClient()
        trainer.start()
        from gui.app import run_app

        return run_app(screenshot_dir=args.screenshot, trainer=trainer)
    from core import commands
    from core.logs import configure_logging

    log = configure_logging()
    logger = logging.getLogger("pytorch_basics.cli")
    handlers = {"train": commands.train, "data": commands.data_command, "evaluate": commands.evaluate_command}
    logger.info("python main.py %s", " ".join(sys.argv[1:] if argv is None else argv))
    try:
        return handlers[args.command](args)
    except commands.CommandError as exc:
        logger.warning("%s failed: %s", args.command, exc)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except Exception as exc:
        logger.exception("%s stopped by an unexpected error", args.command)
        print(f"error: {type(exc).__name__}: {exc} (the details are in {log})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
