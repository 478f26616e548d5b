"""The exported scripts' comments, docstrings and titles follow the app's language; the code stays code."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest

from core.base import i18n
from core.data import mnist
from core.export import draw_script, train_templates
from core.export.draw_script import code_text
from core.export.train_export import export_text
from core.export.train_script import python_script
from core.export.train_templates import COMMENTS, docstring_text
from core.models.networks import model_name
from tests.core.export.test_train_script import TINY, assert_same_run, tiny_sample


class Marked(gettext.NullTranslations):
    """A stand-in catalogue that writes every message without placeholders as other text, with the
    characters a translation may bring that a script must survive (CJK, quotes, a backslash)."""

    def gettext(self, message: str) -> str:
        return message if "{" in message else f'中文〔{message.swapcase()}〕 "引" \\'


@pytest.fixture
def chinese():
    i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)


@pytest.fixture
def marked(monkeypatch):
    """The app in Chinese, with :class:`Marked` as its catalogue: every comment visibly translated."""
    monkeypatch.setitem(i18n._catalogues, i18n.CHINESE, Marked())
    i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)


def lenet_augmented():
    return TINY.with_changes(model="lenet", optimizer="adam", lr=1e-3, augment=True, epochs=1)


def english_script(config) -> str:
    return python_script(config, "sample", mnist.SAMPLE_PATH, Path("/data"))


def test_every_marked_comment_is_in_the_english_script_as_written():
    """The table of comments matches the templates: a comment edited in one only is caught here."""
    text = (
        english_script(lenet_augmented())
        + english_script(TINY)
        + export_text(
            Path("a.ipynb"), TINY.with_changes(data="full"), "full", mnist.SAMPLE_PATH, Path("/data")
        )
    )
    assert [c for c in COMMENTS if c not in text] == []
    assert [c for c in draw_script.COMMENTS if c not in code_text()] == []
    assert english_script(TINY).startswith('"""MLP (linear) on MNIST, as PyTorch Basics trained it')


def test_in_chinese_each_comment_and_docstring_line_is_its_translation(chinese):
    config = lenet_augmented()
    lines = english_script(config).splitlines()
    i18n.set_language(i18n.ENGLISH)
    english = english_script(config).splitlines()
    i18n.set_language(i18n.CHINESE)
    assert len(lines) == len(english)  # the same code, line for line
    for comment in COMMENTS:
        said = " ".join(i18n._(comment).split())
        for line, original in zip(lines, english, strict=True):
            if original.endswith(f"# {comment}"):
                assert line == original.replace(f"# {comment}", f"# {said}")
            elif original.strip().strip('"') == comment:
                assert line == original.replace(comment, docstring_text(said))
    title = i18n._("{name} on MNIST, as PyTorch Basics trained it with these settings:")
    assert lines[0] == '"""' + docstring_text(title.format(name="LeNet"))


def test_the_notebooks_title_is_in_the_apps_language(chinese, tmp_path):
    text = export_text(tmp_path / "a.ipynb", TINY, "sample", mnist.SAMPLE_PATH, tmp_path)
    title = json.loads(text)["cells"][0]["source"]
    title = "".join(title) if isinstance(title, list) else title
    name = model_name("mlp", "none")
    assert title.startswith(f"# {i18n._('{name} on MNIST').format(name=name)}\n")
    assert name == i18n._("MLP (linear)")
    i18n.set_language(i18n.ENGLISH)
    text = export_text(tmp_path / "a.ipynb", TINY, "sample", mnist.SAMPLE_PATH, tmp_path)
    assert "".join(json.loads(text)["cells"][0]["source"]).startswith("# MLP (linear) on MNIST\n")


def test_a_translated_script_keeps_its_code_and_reproduces_the_app(marked, tmp_path):
    config = lenet_augmented()
    text = python_script(config, "sample", Path("/nowhere/mnist_sample.npz"), tmp_path)
    for comment in COMMENTS:
        assert f"# {comment}" not in text and f'"""{comment}' not in text
    assert "中文〔" in text and "torch.manual_seed(seed)" in text
    script = tmp_path / "run.py"
    script.write_text(text, encoding="utf-8")
    assert_same_run(config, mnist.load_sample(tiny_sample(tmp_path)), tmp_path, script)


def test_the_draw_tabs_code_speaks_the_language_and_runs(marked, tmp_path):
    text = code_text()
    assert all(comment not in text for comment in draw_script.COMMENTS)
    assert "中文〔" in text and "def prepare(drawing):" in text
    namespace: dict[str, object] = {}
    exec(compile(text.split("crop, box, x = prepare(drawing)")[0], "draw.py", "exec"), namespace)
    assert namespace["prepare"].__doc__.startswith("中文〔")  # a docstring still, with its quotes kept
    assert train_templates.said("x = 1  # plain") == "x = 1  # plain"  # unmarked text is left alone
