"""The backward pass written out: at each step, gradient arriving × local derivative = gradient passed on."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from core.autograd.chain_rule import EdgeStep, compact
from core.autograd.graph import BackwardStep, GraphSpec
from core.base.i18n import _
from gui.autograd.messages import node_title
from gui.base.language import Retranslatable


class ChainRuleView(Retranslatable, QPlainTextEdit):
    """Read-only text: the steps of backward shown so far, each with its numbers, newest at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.graph: GraphSpec | None = None
        self.steps: tuple[BackwardStep, ...] = ()
        self.shown = 0
        self.retranslate()

    def retranslate(self) -> None:
        """Write the steps again in the current language."""
        self.setAccessibleName(self.tr("Backward, step by step"))
        self.setPlaceholderText(
            self.tr(
                "Press Step or Backward: each step shows the gradient arriving at a node, the local "
                "derivative of its operation, and their product, the gradient it passes on."
            )
        )
        self.show_steps(self.graph, self.steps, self.shown)

    def show_steps(self, graph: GraphSpec | None, steps: tuple[BackwardStep, ...], shown: int) -> None:
        """Write the first ``shown`` of ``steps`` (of ``graph``); nothing when there are none."""
        self.graph, self.steps, self.shown = graph, steps, shown
        if graph is None or not shown:
            self.clear()
            return
        blocks = [self._step_text(step, len(steps)) for step in steps[:shown]]
        self.setPlainText("\n\n".join(blocks))
        self.moveCursor(QTextCursor.MoveOperation.End)
        self.ensureCursorVisible()

    # ----- one step -----------------------------------------------------------------------------
    def _step_text(self, step: BackwardStep, total: int) -> str:
        lines = [self.tr("Step {0} of {1}: {2}").format(step.index + 1, total, self._node_name(step.node_id))]
        lines.append("  " + self._arriving_text(step))
        arriving = compact(step.grad_in[0]) if step.grad_in and step.grad_in[0] is not None else "?"
        if step.label == "AccumulateGrad":
            leaf = self._leaf_name(step.node_id)
            total_grad = compact(step.grad_out[0]) if step.grad_out else "?"
            lines.append("  " + self.tr("adds it into {0}.grad: {0}.grad = {1}").format(leaf, total_grad))
            return "\n".join(lines)
        for edge in step.edges:
            lines += self._edge_lines(edge, arriving)
        for target, count in Counter(edge.target for edge in step.edges).items():
            if count > 1:
                lines.append(
                    "  "
                    + self.tr(
                        "The same input is used {0} times, so {1} receives {0} gradients, one per edge; "
                        "they add up there."
                    ).format(count, self._node_name(target))
                )
        return "\n".join(lines)

    def _arriving_text(self, step: BackwardStep) -> str:
        value = compact(step.grad_in[0]) if step.grad_in and step.grad_in[0] is not None else "?"
        if step.index == 0:
            root = self.graph.node(self.graph.root) if self.graph is not None else None
            name = (root.name if root is not None else None) or "out"
            return self.tr("gradient arriving: {0} (backward starts here: d{1}/d{1} = 1)").format(value, name)
        parts = [
            compact(edge.grad)
            for earlier in self.steps[: step.index]
            for edge in earlier.edges
            if edge.target == step.node_id and edge.grad is not None
        ]
        if len(parts) > 1:
            return self.tr("gradient arriving: {0} = {1} (one gradient per edge, added)").format(
                " + ".join(parts), value
            )
        return self.tr("gradient arriving: {0}").format(value)

    def _edge_lines(self, edge: EdgeStep, arriving: str) -> list[str]:
        rule = _(edge.rule).format(*edge.values)
        passed = compact(edge.grad) if edge.grad is not None else "?"
        lines = ["  " + self.tr("to {0}, local derivative: {1}").format(self._node_name(edge.target), rule)]
        if edge.local is not None:
            lines.append("      " + f"{arriving} × {compact(edge.local)} = {passed}")
        else:
            lines.append("      " + self.tr("passed on: {0}").format(passed))
        return lines

    def _node_name(self, node_id: str) -> str:
        if self.graph is None:
            return node_id
        try:
            node = self.graph.node(node_id)
        except StopIteration:
            return node_id
        if node.kind == "accumulate":
            return self.tr("AccumulateGrad (of {0})").format(self._leaf_name(node_id))
        if node.kind in ("chain", "more"):
            return node_title(node)
        if node.name:
            return self.tr("{0} (it made {1})").format(node.label, node.name)
        return node.label

    def _leaf_name(self, accumulate_id: str) -> str:
        if self.graph is not None:
            for edge in self.graph.edges:
                if edge.source == accumulate_id:
                    leaf = self.graph.node(edge.target)
                    return leaf.name or leaf.label
        return "?"
