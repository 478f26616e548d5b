"""The questions: every file loads in both languages, every right answer is what PyTorch computes."""

from __future__ import annotations

import pytest

from core.base.i18n import CHINESE, ENGLISH
from core.content.grading import (
    AnswerError,
    grade,
    parse_answer,
    problems_with,
    read_truth,
    same,
    truth_code,
)
from core.content.questions import CHOICE, NUMBER, QUESTIONS_DIR, TABS, load_questions
from core.tensors.playground import Playground

QUESTIONS = load_questions()
IDS = [q.id for q in QUESTIONS.questions]


def computed_truth(question):
    """Run the question's setup and truth in a fresh session, as the kernel does, and read the value."""
    outcome = Playground().run(truth_code(question))
    assert outcome.error is None, f"{question.id}: {outcome.error}"
    return read_truth(outcome.value_text)


def test_the_bundled_question_files_all_load():
    assert QUESTIONS.problems == ()
    assert len(QUESTIONS.questions) >= 38


def test_every_lesson_cell_has_a_question_and_twelve_moments_in_the_tabs_do():
    cells = {q.cell for q in QUESTIONS.questions if q.cell is not None}
    assert cells == set(range(1, 27))
    moments = {(q.tab, q.moment) for q in QUESTIONS.questions if q.tab is not None}
    assert len(moments) >= 12
    assert {tab for tab, _ in moments} <= set(TABS)


@pytest.mark.parametrize("question", QUESTIONS.questions, ids=IDS)
def test_each_question_reads_in_both_languages(question):
    for text in (question.prompt, question.explain, *(c.text for c in question.choices)):
        assert text.shown(ENGLISH).strip() and text.shown(CHINESE).strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text.shown(CHINESE)), text.zh


@pytest.mark.parametrize("question", QUESTIONS.questions, ids=IDS)
def test_each_right_answer_is_what_the_app_computes_and_each_wrong_one_has_feedback(question):
    truth = computed_truth(question)
    assert problems_with(question, truth) == []
    if question.kind == CHOICE:
        for index, choice in enumerate(question.choices):
            verdict = grade(question, index, truth)
            assert verdict.right == same(choice.value, truth, question.tolerance)
            assert verdict.right or verdict.feedback is not None
    else:
        for miss in question.misses:
            verdict = grade(question, miss.value, truth)
            assert not verdict.right and verdict.feedback == miss.feedback


def test_a_number_within_the_tolerance_is_right_and_one_outside_says_how_far_off():
    question = QUESTIONS.by_id("autograd-grad-of-mean")
    truth = computed_truth(question)
    assert grade(question, parse_answer(question, "4.5"), truth).right
    far = grade(question, parse_answer(question, "18"), truth)
    assert not far.right and far.distance == pytest.approx(13.5)
    assert "mean" in far.feedback.en and "mean" in far.feedback.zh


@pytest.mark.parametrize(
    ("kind", "typed"), [(NUMBER, "four"), (NUMBER, "nan"), ("shape", "2 by 3"), (CHOICE, "z")]
)
def test_an_answer_that_cannot_be_read_says_what_to_type(kind, typed):
    question = next(q for q in QUESTIONS.questions if q.kind == kind)
    with pytest.raises(AnswerError, match="Type"):
        parse_answer(question, typed)


CELLS_QUESTION = """
[[question]]
id = "cells"
tab = "tensors"
kind = "cells"
setup = "import torch\\ny = torch.tensor([0., 1., 0., 1.])"
truth = "tuple(torch.nonzero(y).flatten().tolist())"
prompt = { en = "Which are 1?", zh_CN = "哪些是 1？" }
explain = { en = "1 and 3.", zh_CN = "1 和 3。" }
wrong = { en = "No.", zh_CN = "不对。" }

[[question.misses]]
value = [2, 0]
feedback = { en = "Those are the zeros.", zh_CN = "那些是 0。" }
"""


def test_cells_match_in_any_order_and_so_do_misses_written_in_any_order(tmp_path):
    (tmp_path / "cells.toml").write_text(CELLS_QUESTION, encoding="utf-8")
    (question,) = load_questions(tmp_path).questions
    truth = computed_truth(question)
    assert truth == (1, 3) and problems_with(question, truth) == []
    assert grade(question, parse_answer(question, "3, 1"), truth).right
    verdict = grade(question, parse_answer(question, "0, 2"), truth)
    assert not verdict.right and verdict.feedback == question.misses[0].feedback


def test_shapes_are_read_as_a_learner_types_them():
    question = next(q for q in QUESTIONS.questions if q.kind == "shape")
    assert parse_answer(question, "(2, 3)") == parse_answer(question, "2x3") == parse_answer(question, "2，3")


GOOD = """
[[question]]
id = "ok"
cell = 3
kind = "number"
setup = "x = 2"
truth = "x"
prompt = { en = "x?", zh_CN = "x 是多少？" }
explain = { en = "2.", zh_CN = "是 2。" }
wrong = { en = "No.", zh_CN = "不对。" }
"""


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[[question]\nid = 'x'", "is not valid TOML"),
        ("title = 'no questions'", "has no [[question]] tables"),
        (GOOD.replace('zh_CN = "x 是多少？"', 'zh_CN = ""'), "prompt has no text in zh_CN"),
        (GOOD.replace('kind = "number"', 'kind = "essay"'), "kind must be one of"),
        (GOOD.replace("cell = 3", "cell = 30"), "cell must be 1 to 26"),
        (GOOD.replace('truth = "x"\n', ""), "truth is missing"),
        (GOOD + GOOD, "is used twice"),
    ],
)
def test_a_damaged_question_file_is_named_with_what_to_fix_and_the_others_still_load(tmp_path, text, says):
    (tmp_path / "a_damaged.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b_good.toml").write_text(GOOD.replace('"ok"', '"good"'), encoding="utf-8")
    loaded = load_questions(tmp_path)
    assert [q.id for q in loaded.questions] == ["good"]
    assert len(loaded.problems) == 1 and "a_damaged.toml" in loaded.problems[0] and says in loaded.problems[0]


def test_a_file_that_is_not_text_is_refused_with_a_message(tmp_path):
    (tmp_path / "junk.toml").write_bytes(b"\xff\xfe\x00junk")
    loaded = load_questions(tmp_path)
    assert loaded.questions == () and "UTF-8" in loaded.problems[0]


def test_no_question_folder_means_no_questions_not_an_error(tmp_path):
    assert load_questions(tmp_path / "missing") == load_questions(tmp_path / "missing")
    assert load_questions(tmp_path / "missing").questions == ()


def test_the_bundled_folder_is_in_assets():
    assert QUESTIONS_DIR.parts[-2:] == ("assets", "questions")


def test_read_truth_refuses_what_is_not_a_plain_value():
    with pytest.raises(ValueError, match="not a plain value"):
        read_truth("tensor([1., 2.])")


def test_the_kernel_computes_every_truth_in_a_session_of_its_own(kernel):
    """The window's truths come from the kernel's questions session: the same values, and neither
    tab's variables touched (a question's setup defines x and y too)."""
    from core.kernel import RemoteAutogradLab, RemotePlayground, RemoteQuestions

    playground, lab, remote = RemotePlayground(kernel), RemoteAutogradLab(kernel), RemoteQuestions(kernel)
    playground.reset()
    assert playground.run("x = 'the learner'").error is None
    assert lab.run("w = torch.ones(2, requires_grad=True)\nout = (w * 3).sum()").error is None
    for question in QUESTIONS.questions:
        assert same(remote.truth(question), computed_truth(question), 0.0), question.id
    assert playground.run("x").value_text == "'the learner'"
    backward = lab.backward()  # the Autograd tab's graph is still there
    assert backward.error is None and backward.leaf_grads["w"].tolist() == [3.0, 3.0]
