"""Set up, run and test the app on Linux, macOS and Windows alike (``make run`` and ``make test`` call this).

    python -m tasks run      create .venv if missing, install the app into it, open the app
    python -m tasks test     the same set-up, then the linters and the whole test suite, headless
    python -m tasks setup    only the set-up

Options (before the command): ``--cpu-torch`` installs PyTorch's CPU-only wheels
first (for computers without an NVIDIA GPU: a download several times smaller),
``-i URL`` / ``--index-url URL`` installs from a PyPI mirror, ``--dry-run``
prints the commands instead of running them. Run it with Python 3.10 or newer,
from the project's folder. Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
CPU_TORCH_INDEX = "https://download.pytorch.org/whl/cpu"
NO_TESTS_COLLECTED = 5  # pytest's exit status when it found no test


def venv_program(name: str) -> Path:
    """Return a program installed in .venv (``Scripts\\name.exe`` on Windows, ``bin/name`` elsewhere)."""
    if os.name == "nt":
        return VENV / "Scripts" / f"{name}.exe"
    return VENV / "bin" / name


class Runner:
    """Run (or, dry, print) commands in the project's folder; stop at the first that fails."""

    def __init__(self, dry_run: bool) -> None:
        self.dry_run = dry_run

    def __call__(self, *command: object, env: dict[str, str] | None = None, check: bool = True) -> int:
        words = [str(word) for word in command]
        if self.dry_run:
            print(shlex.join(words))
            return 0
        status = subprocess.run(words, cwd=ROOT, env=env, check=False).returncode
        if check and status != 0:
            raise SystemExit(status)
        return status


def set_up(run: Runner, cpu_torch: bool, index_url: str | None) -> None:
    """Create .venv if missing; install the app and its test tools when pyproject.toml is newer."""
    if not venv_program("python").exists():
        run(sys.executable, "-m", "venv", VENV)
    fresh = STAMP.exists() and STAMP.stat().st_mtime >= (ROOT / "pyproject.toml").stat().st_mtime
    if fresh:
        return
    pip = [venv_program("python"), "-m", "pip", "install", "--disable-pip-version-check"]
    mirror = ["--index-url", index_url] if index_url else []
    if cpu_torch:  # torchvision's other needs come from the mirror (or PyPI)
        extra = ["--extra-index-url", index_url] if index_url else []
        run(*pip, "torch", "torchvision", "--index-url", CPU_TORCH_INDEX, *extra)
    run(*pip, *mirror, "-e", ".[test]")
    if not run.dry_run:
        STAMP.touch()


def run_tests(run: Runner) -> int:
    """Lint, check the import layers and core/'s types, then every test on the offscreen platform."""
    run(venv_program("ruff"), "check", ".")
    run(venv_program("ruff"), "format", "--check", ".")
    run(venv_program("lint-imports"))
    run(venv_program("mypy"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    status = run(venv_program("python"), "-m", "pytest", env=env, check=False)
    if status == NO_TESTS_COLLECTED:
        print("error: pytest collected no tests", file=sys.stderr)
    return status


def main(argv: list[str] | None = None) -> int:
    """Set up, then run the app or the tests."""
    parser = argparse.ArgumentParser(prog="python -m tasks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpu-torch", action="store_true", help="install PyTorch's CPU-only wheels first")
    parser.add_argument("-i", "--index-url", metavar="URL", help="install from this PyPI mirror")
    parser.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    parser.add_argument("command", choices=("run", "test", "setup"))
    parser.add_argument("app_args", nargs=argparse.REMAINDER, help="passed on to the app (run)")
    args = parser.parse_args(argv)
    run = Runner(args.dry_run)
    set_up(run, args.cpu_torch, args.index_url)
    if args.command == "test":
        return run_tests(run)
    if args.command == "run":
        return run(venv_program("python"), "main.py", *args.app_args, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
