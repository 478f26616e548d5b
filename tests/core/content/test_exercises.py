"""The exercises: every file loads, every model solution passes its check and every expected wrong
attempt fails with its words, through the real kernel; hostile attempts never pass."""

from __future__ import annotations

import pytest

from core.base.i18n import CHINESE, ENGLISH
from core.content.checks import ANSWER, CODE, RUN, load_all
from core.content.exercises import EXERCISES_DIR, HINTS, load_exercises
from core.kernel import RemoteExercises

EXERCISES = load_exercises()
CODE_EXERCISES = [e for e in EXERCISES.exercises if e.kind == CODE]


def test_the_bundled_exercise_files_all_load_in_both_languages():
    assert EXERCISES.problems == ()
    for exercise in EXERCISES.exercises:
        assert len(exercise.hints) == HINTS and exercise.attempts, exercise.id
        for text in (exercise.title, exercise.goal, *exercise.hints):
            assert text.shown(ENGLISH).strip() and any("\u4e00" <= c <= "\u9fff" for c in text.shown(CHINESE))


def test_there_are_exercises_in_every_tab():
    counts = {tab: len(EXERCISES.for_tab(tab)) for tab in ("tensors", "autograd", "train", "draw", "results")}
    assert counts["tensors"] >= 8 and counts["autograd"] >= 6 and counts["train"] >= 6, counts
    assert counts["draw"] + counts["results"] >= 4, counts


def test_every_check_named_is_registered_with_its_kind():
    checks = load_all()
    for exercise in EXERCISES.exercises:
        assert checks[exercise.check][0] == exercise.kind in (CODE, RUN, ANSWER)


@pytest.mark.parametrize("exercise", CODE_EXERCISES, ids=[e.id for e in CODE_EXERCISES])
def test_each_code_solution_passes_and_each_wrong_attempt_fails_with_its_words(kernel, exercise):
    remote = RemoteExercises(kernel)
    outcome = remote.check(exercise.solution, exercise.check)
    assert outcome.error is None and outcome.passed, (exercise.id, outcome)
    for attempt in exercise.attempts:
        outcome = remote.check(attempt.value, exercise.check)
        assert not outcome.passed and not outcome.could_not_run, (exercise.id, attempt.value)
        assert attempt.says in (outcome.error or outcome.message), (exercise.id, attempt.value, outcome)


HOSTILE = {
    "an endless loop": "while True:\n    pass",
    "a memory bomb": "x = torch.empty(2**40)",
    "a tensor subclass that claims the strides": (
        "class Fake(torch.Tensor):\n    def stride(self):\n        return (1, 3)\nx = Fake(torch.ones(3, 4))"
    ),
    "torch's own stride replaced": "torch.Tensor.stride = lambda self, *a: (1, 3)\nx = torch.ones(3, 4)",
    "the check replaced in its module": (
        "import core.content.checks as checks\n"
        "checks.CHECKS['ones_with_strides_1_3'] = ('code', lambda work: checks.passed())\n"
        "import core.content.checks.tensors as mine\n"
        "mine.ones_with_strides_1_3 = lambda work: checks.passed()\nx = 1"
    ),
    "a printed claim of success": "print('Passed.')\nx = torch.ones(3, 4)",
}


@pytest.mark.parametrize("code", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_attempt_gets_the_kernels_usual_message_and_never_a_pass(kernel, code):
    from core.kernel import RemotePlayground
    from core.process.problems import KernelProblem

    try:
        outcome = RemoteExercises(kernel).check(code, "ones_with_strides_1_3")
        assert isinstance(outcome, KernelProblem) or (not outcome.passed and not outcome.could_not_run)
        if "while" in code:
            assert "longer than" in outcome.error
        if "2**40" in code:
            assert isinstance(outcome, KernelProblem) or "memory" in outcome.error
    finally:  # what the attempt changed in the kernel's torch, for the tests after this one
        RemotePlayground(kernel).run("if 'stride' in vars(torch.Tensor):\n    del torch.Tensor.stride")
    again = RemoteExercises(kernel).check("x = torch.ones(4, 3).t()", "ones_with_strides_1_3")
    assert again.passed  # the kernel and its checks are as they were


def test_a_learner_function_that_never_returns_is_stopped_inside_the_check(kernel):
    outcome = RemoteExercises(kernel).check(
        "def swap_rows(t):\n    while True:\n        pass", "swap_rows_in_place"
    )
    assert not outcome.passed and "longer than" in outcome.message


def test_a_check_that_fails_itself_says_it_could_not_run():
    from core.content.checks import CHECKS, check
    from core.kernel.exercise_runner import ExerciseRunner
    from core.tensors.sandbox import Session

    @check("test_broken_check", CODE)
    def broken(work):
        return 1 / 0

    try:
        outcome = ExerciseRunner(Session()).run("x = 1", "test_broken_check")
    finally:
        del CHECKS["test_broken_check"]
    assert outcome.could_not_run and not outcome.passed and "could not run" in outcome.message


def test_a_damaged_exercise_file_is_named_and_the_others_still_load(tmp_path):
    for name, text in {
        "broken.toml": "[[exercise]\nid = 'x'",
        "unknown.toml": "[[exercise]]\nid = 'y'\ntab = 'tensors'\ncheck = 'no_such_check'\n",
        "hints.toml": (EXERCISES_DIR / "tensors.toml")
        .read_text(encoding="utf-8")
        .replace("hints = [", 'hints = [\n  { en = "only English" },', 1),
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "good.toml").write_text(
        (EXERCISES_DIR / "training.toml").read_text(encoding="utf-8"), "utf-8"
    )
    loaded = load_exercises(tmp_path)
    assert {e.tab for e in loaded.exercises} == {"train"} and len(loaded.problems) == 3
    problems = " | ".join(loaded.problems)
    assert "broken.toml is not valid TOML" in problems and "no check called 'no_such_check'" in problems
    assert "hints.toml" in problems and "hints must be a list of 3" in problems
