"""What ran in the Autograd tab, kept for "Copy as script": each run, backward pass and zeroing."""

from __future__ import annotations

from core.autograd.lab import BackwardOutcome, LabOutcome
from core.export.session_script import SessionScript, name_last_expression
from core.process.problems import KernelProblem
from gui.base.kernel_link import problem_message


class SessionRecord:
    """The tab's session as a :class:`SessionScript`; what failed is left out, with the reason."""

    def __init__(self) -> None:
        self.script = SessionScript()
        self.output_name: str | None = None  # the tensor whose graph is drawn
        self.backward_ran = False  # since the last run: zeroing a gradient needs one to exist

    def add_run(self, requested_code: str, outcome: LabOutcome | KernelProblem) -> None:
        """Keep the code a run ran (an unnamed last expression named ``result``), or why it failed."""
        self.backward_ran = False
        self.output_name = None
        if isinstance(outcome, KernelProblem):
            self.script.left_out(requested_code, problem_message(outcome))
        elif outcome.error:
            self.script.left_out(outcome.code, outcome.error)
        else:
            self.output_name = outcome.output_name
            code = outcome.code
            if outcome.output_name == "result":  # an unnamed expression: the script names it
                code = name_last_expression(code, "result")
            self.script.ran(code)

    def add_backward(self, outcome: BackwardOutcome) -> None:
        """Keep a backward pass and the leaves' gradients it printed, or why it failed."""
        if self.output_name is None:  # no graph: nothing ran backward
            return
        call = f"{self.output_name}.backward(retain_graph=True)  # kept, so that backward can run again"
        if outcome.error:
            self.script.left_out(call, outcome.error)
            return
        self.backward_ran = True
        self.script.ran("\n".join([call, *(f"print({name}.grad)" for name in outcome.leaf_grads)]))

    def add_zeroing(self, names: list[str]) -> None:
        """Keep the zeroing of the gradients ``names``, if a backward pass made them."""
        if self.backward_ran:
            self.script.ran("\n".join(f"{name}.grad.zero_()" for name in names))

    def text(self, title: str) -> str:
        """Return everything kept as one Python script headed by ``title``."""
        return self.script.text(title)
