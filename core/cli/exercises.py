"""``python main.py exercise list|check``: the exercises from a terminal.

``check ID FILE.py`` runs a solution file through the kernel and the
exercise's check, as the window does; ``check ID DIR/`` grades every ``*.py``
in a folder (a teacher's class), one line per file and a count at the end.
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from core.base.i18n import _
from core.base.paths import default_data_dir
from core.cli import CommandError
from core.content.checks import CODE, ExerciseOutcome
from core.content.exercises import Exercise, load_exercises
from core.content.reading import MAX_FILE_BYTES

TAB_NAMES = {
    "tensors": "Tensors",
    "autograd": "Autograd",
    "train": "Train",
    "draw": "Draw",
    "results": "Results",
}


def exercise_command(args: Namespace) -> int:
    """List the exercises, or check solution files against one."""
    loaded = load_exercises()
    for problem in loaded.problems:
        print(_("warning: {message}").format(message=problem))
    if args.action == "list":
        for each in loaded.exercises:
            print(f"{each.id:28}  {each.tab:8}  {each.kind:6}  {each.title.shown()}")
        print(_("{count} exercises.").format(count=len(loaded.exercises)))
        return 0
    exercise = loaded.by_id(args.id)
    if exercise is None:
        raise CommandError(
            _("There is no exercise {id!r}; `python main.py exercise list` shows them.").format(id=args.id)
        )
    if exercise.kind != CODE:
        raise CommandError(
            _(
                "{id} is done in the window's {tab} tab (its check reads what the tab shows); "
                "only exercises answered with code are checked here."
            ).format(id=exercise.id, tab=TAB_NAMES[exercise.tab])
        )
    return _check_files(exercise, _solution_files(Path(args.path).expanduser()), args)


def _solution_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.py") if p.is_file())
        if not files:
            raise CommandError(_("{path} holds no .py files.").format(path=path))
        return files
    if not path.is_file():
        raise CommandError(_("{path} is not a file or a folder.").format(path=path))
    return [path]


def _check_files(exercise: Exercise, files: list[Path], args: Namespace) -> int:
    from core.kernel import KernelClient, KernelConfig, RemoteExercises
    from core.process.problems import KernelProblem

    data_dir = Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()
    kernel = KernelClient(KernelConfig(data_dir=str(data_dir)))
    kernel.start()
    remote = RemoteExercises(kernel)
    passed = 0
    try:
        for path in files:
            code = _read(path)
            if code is None:
                print(_("UNREADABLE  {file}: not a UTF-8 text file of under 1 MB").format(file=path.name))
                continue
            outcome = remote.check(code, exercise.check)
            if isinstance(outcome, KernelProblem):
                why = _("the Python process that runs the code stopped ({reason})").format(
                    reason=outcome.reason
                )
                print(_("FAILED  {file}: {why}").format(file=path.name, why=why))
                continue
            passed += outcome.passed
            print(_line(path, outcome))
    finally:
        kernel.shutdown()
    if len(files) > 1:
        summary = _("{passed} of {total} files pass {id}.")
        print(summary.format(passed=passed, total=len(files), id=exercise.id))
    return 0 if passed == len(files) else 1


def _read(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _line(path: Path, outcome: ExerciseOutcome) -> str:
    if outcome.passed:
        note = f": {outcome.message}" if outcome.message else ""
        return _("PASSED  {file}{note}").format(file=path.name, note=note)
    if outcome.could_not_run:
        return _("NOT CHECKED  {file}: {why}").format(file=path.name, why=outcome.message)
    first = (outcome.error or outcome.message).strip().splitlines()
    return _("FAILED  {file}: {why}").format(file=path.name, why=" ".join(first) if first else "?")
