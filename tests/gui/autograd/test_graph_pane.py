"""The Autograd tab's graph: most of the pane at every window size, the split remembered, always
fitted after a run; a node's details name it once; every text on a node goes through translation."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt, QTranslator
from PySide6.QtGui import QWheelEvent

from core.autograd.graph import GraphNode
from core.base.i18n import CHINESE, ENGLISH
from core.lesson.steps import AUTOGRAD_PRESETS
from gui.autograd.messages import details_html
from gui.autograd.tab import SPLIT_KEY
from gui.base.jobs import stop_all_jobs
from gui.base.language import app_language, set_app_language
from tests.gui.language_rules import CJK, is_chinese
from tests.gui.waiting import wait_idle

LENET = AUTOGRAD_PRESETS["LeNet with MSELoss"]
SIZES = ((1280, 800), (1366, 768), (1600, 1000))
SMALL = "x = torch.ones(2, 2, requires_grad=True)\ny = x * 3\nout = y.sum()"


def run(qtbot, tab, code: str) -> None:
    """Run ``code`` in the Autograd tab and wait for its graph."""
    tab.run_code(code)
    wait_idle(qtbot, tab.runner, 60_000)
    assert tab.graph is not None, tab.message.text()


def graph_inside_view(view) -> bool:
    """Tell whether every node and edge of the graph is inside what the view shows."""
    drawn = view.mapFromScene(view.scene().itemsBoundingRect()).boundingRect()
    return view.viewport().rect().contains(drawn)


def show_autograd(qtbot, window, size: tuple[int, int]):
    """Show the Autograd tab in a window of ``size``, once its layout has followed (the split fills
    the pane but for the legend and the Fit button)."""
    tab = window.autograd_tab
    window.tabs.setCurrentWidget(tab)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=5_000)
    qtbot.waitUntil(lambda: tab.graph_pane.split.height() > 0.6 * tab.graph_pane.height(), timeout=5_000)
    return tab


def test_the_graph_takes_most_of_the_pane_and_is_fitted_at_every_window_size(qtbot, window):
    tab = show_autograd(qtbot, window, SIZES[0])
    run(qtbot, tab, LENET)
    for size in SIZES:
        show_autograd(qtbot, window, size)
        view, pane = tab.graph_view, tab.graph_pane
        qtbot.waitUntil(lambda view=view: graph_inside_view(view), timeout=5_000)
        assert view.height() > 0.55 * pane.height(), (size, view.height(), pane.height())
        assert tab.chain_view.height() >= 3 * tab.chain_view.fontMetrics().lineSpacing()  # still readable


def test_running_code_fits_the_new_graph_even_after_zooming_in(qtbot, window):
    tab = show_autograd(qtbot, window, SIZES[0])
    run(qtbot, tab, SMALL)
    view = tab.graph_view
    assert graph_inside_view(view)
    centre = QPointF(view.viewport().rect().center())
    for _ in range(12):  # the wheel, as a learner zooms in until the graph spills over
        zoom = QWheelEvent(
            centre,
            view.viewport().mapToGlobal(centre),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QCoreApplication.sendEvent(view.viewport(), zoom)
    assert not graph_inside_view(view) and not view.fitted
    run(qtbot, tab, LENET)
    assert view.fitted and graph_inside_view(view)
    assert view.transform().m11() < 1.0  # the LeNet's 37 nodes shrink to fit


def test_a_moved_split_comes_back_in_a_new_window(qtbot, window, settings, tiny_data_dir, kernel, trainer):
    from gui.app.window import MainWindow

    tab = show_autograd(qtbot, window, SIZES[0])
    split = tab.graph_pane.split
    total = sum(split.sizes())
    split.moveSplitter(total // 2, 1)  # as dragging the line does: the steps get half
    moved = split.sizes()
    assert abs(moved[0] - moved[1]) <= 2 and settings.value(SPLIT_KEY) is not None
    window.close()
    again = MainWindow(settings=settings, data_dir=tiny_data_dir, kernel=kernel, trainer=trainer)
    qtbot.addWidget(again)
    again.show()
    try:
        wait_idle(qtbot, again.train_tab.data_panel.runner, 20_000)
        wait_idle(qtbot, again.draw_tab.runner, 20_000)
        wait_idle(qtbot, again.questions.load_runner, 20_000)
        tab = show_autograd(qtbot, again, SIZES[0])
        assert tab.graph_pane.split.sizes() == moved
    finally:
        again.close()
        stop_all_jobs(5000)
        gc.collect()


def test_the_details_name_a_node_once(qtbot, window):
    tab = window.autograd_tab
    run(qtbot, tab, SMALL)
    assert tab.details.text().startswith("<b>out</b><br>tensor<br>")  # the output, shown after a run
    made_y = next(n.id for n in tab.graph.nodes if n.name == "y" and n.kind == "function")
    tab.graph_view.node_clicked.emit(made_y)
    assert tab.details.text().startswith("<b>y = MulBackward0</b><br>backward function (grad_fn)")
    assert details_html(GraphNode("a", "tensor", "loss", (), name="loss")).count("loss") == 1
    unnamed = details_html(GraphNode("output", "tensor", "leaf tensor", (2,)))
    assert unnamed.startswith("<b>leaf tensor</b><br>")


def node_texts(view) -> list[tuple[str, str, str]]:
    """Return each node's title, subtitle and tooltip as drawn."""
    return [(i.title.text(), i.subtitle.text(), i.toolTip()) for i in view.nodes.values()]


def test_every_text_on_a_node_is_the_translation_of_a_whole_sentence(qtbot, window):
    tab = window.autograd_tab
    run(qtbot, tab, SMALL)
    view = tab.graph_view

    def tr(text: str) -> str:
        return QCoreApplication.translate("GraphView", text)

    subtitles = {node.id: view.nodes[node.id].subtitle.text() for node in tab.graph.nodes}
    out = next(n for n in tab.graph.nodes if n.name == "out" and n.kind == "tensor")
    x = next(n for n in tab.graph.nodes if n.name == "x")
    assert subtitles[out.id] == tr("scalar") == "scalar"
    assert subtitles[x.id] == tr("shape {0}").format("2×2") == "shape 2×2"
    tip = tr(CLICK)
    assert all(item.toolTip().endswith("\n" + tip) for item in view.nodes.values())
    made_out = next(n.id for n in tab.graph.nodes if n.name == "out" and n.kind == "function")
    view.collapsed = {made_out}
    view._rebuild()
    collapsed = view.nodes[made_out].subtitle.text()  # y = MulBackward0, its AccumulateGrad and x
    assert collapsed == tr("{0}  (+{1} hidden)").format(tr("scalar"), 3) == "scalar  (+3 hidden)"


CLICK = "Click for details; double-click to collapse its inputs."
CHINESE_FOR_THE_TEST = {  # a stand-in catalogue: proves the texts are looked up, and again at a switch
    ("GraphView", "scalar"): "标量",
    ("GraphView", "shape {0}"): "形状 {0}",
    ("GraphView", "{0}  (+{1} hidden)"): "{0}（另有 {1} 个节点已折叠）",
    ("GraphView", CLICK): "单击看详情；双击折叠它的输入。",
    ("AutogradMessages", "leaf tensor"): "叶子张量",
    ("AutogradMessages", "output"): "输出",
}


class StandIn(QTranslator):
    """Answers only the strings above, as a .qm file with just those would."""

    def translate(self, context, source, disambiguation=None, n=-1):
        """Return the stand-in's Chinese for ``source``, or None (not translated)."""
        return CHINESE_FOR_THE_TEST.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        """Say that there is something to translate."""
        return False


def test_a_language_switch_rewrites_every_node_text_through_the_catalogue(qtbot, window):
    tab = window.autograd_tab
    run(qtbot, tab, "x = torch.ones(2, 2, requires_grad=True)\ny = x * 3\n(y * y).sum()")
    view = tab.graph_view
    view.collapsed = {next(n.id for n in tab.graph.nodes if n.label == "MulBackward0" and n.name == "y")}
    view._rebuild()
    stand_in = StandIn()
    QCoreApplication.installTranslator(stand_in)  # Qt sends every widget a LanguageChange
    try:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        texts = node_texts(view)
        assert all(CJK.search(subtitle) and is_chinese(subtitle) for _, subtitle, _ in texts), texts
        assert all(tip.endswith("单击看详情；双击折叠它的输入。") for _, _, tip in texts)
        assert any("（另有 2 个节点已折叠）" in subtitle for _, subtitle, _ in texts)  # AccumulateGrad, x
        assert "输出" in {title for title, _, _ in texts}  # the unnamed output tensor
    finally:
        QCoreApplication.removeTranslator(stand_in)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert {subtitle for _, subtitle, _ in node_texts(view)} >= {"scalar", "shape 2×2"}


@pytest.fixture
def english_afterwards():
    """Leave the app in English for the tests that follow."""
    yield
    if app_language() != ENGLISH:
        set_app_language(ENGLISH)


def test_in_chinese_the_graph_speaks_chinese(qtbot, window, english_afterwards):
    """Passes once translations/zh_CN/gui.autograd.graph_view.ts has the node texts (run the update)."""
    tab = window.autograd_tab
    set_app_language(CHINESE)
    run(qtbot, tab, SMALL)
    texts = node_texts(tab.graph_view)
    for _, subtitle, tip in texts:
        assert CJK.search(subtitle) and not {"shape", "scalar", "hidden"} & set(subtitle.split()), texts
        assert is_chinese(tip.splitlines()[-1]), tip
