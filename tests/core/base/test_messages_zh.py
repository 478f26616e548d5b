"""Every message the core writes exists in Simplified Chinese, and is the one used in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch

from core.base import i18n
from core.base.i18n import CHINESE, ENGLISH, _
from core.data.fetch import import_folder
from core.data.mnist import DataError, describe_data, load_full
from core.kernel import RemotePlayground
from core.lesson.steps import AUTOGRAD_PRESETS, TENSOR_STEPS
from core.models.checkpoint import CheckpointError, load_model
from core.models.config import ConfigError, TrainConfig
from core.models.devices import device_label
from core.models.networks import model_name, summarize
from core.tensors.errors import explain, format_bytes
from core.tensors.sandbox import Session

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "translations" / CHINESE
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language(ENGLISH)


def core_catalogue() -> list[tuple[str, object]]:
    babel = pytest.importorskip("babel.messages.pofile")
    messages = []
    for path in sorted(TRANSLATIONS.glob("*.po")):
        if path.stem == "argparse":
            continue
        with path.open("rb") as f:
            messages += [(path.name, m) for m in babel.read_po(f) if m.id]
    return messages


def test_every_message_of_the_core_catalogue_is_the_one_used_in_chinese():
    i18n.set_language(CHINESE)
    messages = core_catalogue()
    assert len(messages) > 150
    for file, message in messages:
        if isinstance(message.id, tuple):
            assert i18n.ngettext(*message.id, 2) == message.string[0], (file, message.id)
        else:
            assert _(message.id) == message.string != message.id, (file, message.id)
    i18n.set_language(ENGLISH)
    assert all(_(m.id) == m.id for _f, m in messages if not isinstance(m.id, tuple))


def _raise(error: type[Exception], call, *args):
    with pytest.raises(error) as caught:
        call(*args)
    return str(caught.value)


def _broadcast_error() -> str:
    try:
        torch.ones(2, 3) + torch.ones(4)
    except RuntimeError as exc:
        return explain(exc)
    raise AssertionError("no error")


CASES = {
    "sandbox refusal": lambda tmp: Session().run("async def f(): pass").error,
    "sandbox name error": lambda tmp: Session().run("undefined_name + 1").error,
    "sandbox syntax error": lambda tmp: Session().run("x = (1,").error,
    "sandbox limit": lambda tmp: Session().run("while True:\n    pass").error,
    "explained torch error": lambda tmp: _broadcast_error(),
    "missing data": lambda tmp: _raise(DataError, load_full, tmp),
    "import from a file, not a folder": lambda tmp: _raise(DataError, import_folder, tmp / "nothing", tmp),
    "missing checkpoint": lambda tmp: _raise(CheckpointError, load_model, tmp / "none.pt"),
    "bad setting": lambda tmp: _raise(ConfigError, TrainConfig(lr=-1.0).validate),
    "data description": lambda tmp: describe_data("sample", 10_000, 2_000),
    "device": lambda tmp: device_label(torch.device("cpu")),
    "network name": lambda tmp: model_name("mlp", "none"),
    "model summary": lambda tmp: summarize(torch.nn.Linear(2, 2)).render(),
    "bytes": lambda tmp: format_bytes(12),
    "lesson step": lambda tmp: _(TENSOR_STEPS[0].explanation),
    "autograd example": lambda tmp: _(next(iter(AUTOGRAD_PRESETS))),
}


@pytest.mark.parametrize("case", CASES)
def test_each_kind_of_core_message_speaks_the_language_set(case, tmp_path):
    i18n.set_language(CHINESE)
    chinese = CASES[case](tmp_path)
    i18n.set_language(ENGLISH)
    english = CASES[case](tmp_path)
    assert CJK.search(chinese), chinese
    assert not CJK.search(english) and english != chinese, english


def test_the_kernel_answers_in_the_language_of_each_request(kernel):
    playground = RemotePlayground(kernel)
    i18n.set_language(CHINESE)
    chinese = playground.run("import os\nos.system('true')")
    i18n.set_language(ENGLISH)
    english = playground.run("import os\nos.system('true')")
    assert "输入的代码不能启动程序或进程" in chinese.error
    assert english.error.startswith("Typed code cannot start programs or processes")


def test_an_unknown_language_means_english():
    assert i18n.set_language("fr_FR") == ENGLISH
    assert i18n.language_for_locale("zh_TW.UTF-8") == CHINESE
    assert i18n.language_for_locale("Chinese (Simplified)_China") == CHINESE
    assert i18n.language_for_locale("C.UTF-8") == ENGLISH
