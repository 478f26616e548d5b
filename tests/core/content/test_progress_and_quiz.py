"""Progress kept on disk whatever happens to the file; the terminal quiz, through the real kernel."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from core.base.paths import PROJECT_ROOT
from core.content.grading import read_truth, truth_code
from core.content.progress import PROGRESS_FILE, Answered, Progress
from core.content.questions import load_questions
from core.content.quiz import run_quiz
from core.tensors.playground import Playground

QUESTION = load_questions().by_id("autograd-grad-of-mean")


def test_the_first_answer_decides_first_try_and_attempts_are_counted(tmp_path):
    progress = Progress(tmp_path / PROGRESS_FILE)
    progress.record("q", right=False)
    progress.record("q", right=True)
    again = Progress(tmp_path / PROGRESS_FILE)
    assert again.answered["q"].first_try_right is False and again.answered["q"].attempts == 2
    again.reset()
    assert Progress(tmp_path / PROGRESS_FILE).answered == {}


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff junk",
        b"{not json",
        b'{"format": 99, "answered": {}}',
        b'{"format": 1, "answered": {"q": {"first_try_right": "yes", "attempts": 1}}}',
        b"[1, 2, 3]",
    ],
)
def test_a_damaged_progress_file_is_set_aside_and_progress_starts_again(tmp_path, content, caplog):
    path = tmp_path / PROGRESS_FILE
    path.write_bytes(content)
    progress = Progress(path)
    assert progress.answered == {}
    assert (tmp_path / (PROGRESS_FILE + ".damaged")).read_bytes() == content
    assert "could not be read" in caplog.text
    progress.record("q", right=True)
    assert json.loads(path.read_text(encoding="utf-8"))["answered"]["q"]["attempts"] == 1


def local_truth(question):
    outcome = Playground().run(truth_code(question))
    return read_truth(outcome.value_text)


def test_the_quiz_reads_answers_until_one_can_be_graded_and_records_it(tmp_path):
    said = []
    answers = iter(["four and a half", "18"])
    progress = Progress(tmp_path / PROGRESS_FILE)
    right, asked = run_quiz([QUESTION], local_truth, progress, ask=lambda _: next(answers), say=said.append)
    text = "\n".join(said)
    assert (right, asked) == (0, 1)
    assert "Type a number" in text and "13.5 away" in text and "mean divides by the 4 elements" in text
    assert "The app computed: 4.5" in text
    assert progress.answered[QUESTION.id].first_try_right is False


def test_just_show_me_reveals_the_result_without_recording_an_answer(tmp_path):
    said = []
    progress = Progress(tmp_path / PROGRESS_FILE)
    run_quiz([QUESTION], local_truth, progress, ask=lambda _: "?", say=said.append)
    assert "The app computed: 4.5" in "\n".join(said) and progress.answered == {}


def test_input_that_ends_ends_the_quiz_where_it_is(tmp_path):
    def closed(_):
        raise EOFError

    assert run_quiz([QUESTION, QUESTION], local_truth, None, ask=closed, say=lambda _: None) == (0, 0)


def test_a_question_whose_truth_cannot_be_computed_is_skipped_with_a_message():
    said = []

    def broken(_):
        raise ValueError("NameError: name 'x' is not defined")

    assert run_quiz([QUESTION], broken, None, ask=lambda _: "1", say=said.append) == (0, 0)
    assert any("skipped" in line and "NameError" in line for line in said)


@pytest.mark.slow
@pytest.mark.parametrize(("language", "words"), [("en", "Right."), ("zh_CN", "正确")])
def test_main_py_quiz_asks_through_the_kernel_in_the_learners_language(tmp_path, language, words):
    env = {**os.environ, "LANGUAGE": language, "PYTORCH_BASICS_DATA": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "main.py", "quiz", "--cell", "14"],
        cwd=PROJECT_ROOT,
        env=env,
        input="4.5\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert words in done.stdout and "4.5" in done.stdout
    saved = json.loads((tmp_path / PROGRESS_FILE).read_text(encoding="utf-8"))
    assert saved["answered"][QUESTION.id] == {"first_try_right": True, "attempts": 1, "passed": True}


def test_an_exercise_is_passed_once_right_and_a_file_from_before_exercises_still_reads(tmp_path):
    path = tmp_path / "progress.json"
    progress = Progress(path)
    assert progress.record("exercise/x", False) == Answered(False, 1, False)  # tried
    assert progress.record("exercise/x", True) == Answered(False, 2, True)  # passed
    assert progress.record("exercise/x", False).passed  # passed stays passed
    assert Progress(path).answered["exercise/x"] == Answered(False, 3, True)
    path.write_text('{"format": 1, "answered": {"q": {"first_try_right": true, "attempts": 2}}}', "utf-8")
    assert Progress(path).answered == {"q": Answered(True, 2, True)}
