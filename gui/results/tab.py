"""The Results tab: what the network gets wrong (confusion matrix, its mistakes) and what it learned.

It always speaks of the model in use (the model hub's) or, while a run
trains, of that run after its last epoch. The matrix comes from the same
predictions as the test accuracy the run reports; the test split is evaluated
in a worker (or in the training loop itself, at each epoch's end).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from core.data.mnist import MnistData, load_data
from core.models.trained import BUNDLED, TRAINED, TrainedModel
from core.models.weight_images import first_layer
from core.training.evaluation import load_and_predict
from core.training.events import EpochEnd, Failed, Finished, LayerWeights, RunStarted, Stopped, TrainingEvent
from core.training.predictions import SplitPredictions
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable
from gui.base.model_hub import ModelHub
from gui.results.confusion_view import ConfusionMatrixView
from gui.results.data_browser import DataBrowser
from gui.results.mistakes_gallery import MistakesGallery
from gui.results.weights_view import WeightsView
from gui.widgets.panes import fill_with_panes


def model_origin(trained: TrainedModel) -> str:
    """Name the model in use and where it came from, in the current language (no accuracy)."""
    translate = QCoreApplication.translate
    if trained.source == BUNDLED:
        return translate("ResultsTab", "{0}, bundled pretrained").format(trained.name)
    if trained.source == TRAINED:
        return translate("ResultsTab", "{0}, trained just now").format(trained.name)
    return translate("ResultsTab", "{0}, loaded from {1}").format(trained.name, trained.source)


class ResultsTab(Retranslatable, QWidget):
    """Confusion matrix and gallery on the left; the first layer's weights and the data on the right.

    ``digit_chosen(image, index, label)`` carries a test image clicked in the
    gallery (uint8 28x28) to whoever shows it (the Draw tab).
    """

    digit_chosen = Signal(object, int, int)

    def __init__(
        self, hub: ModelHub, data_dir: Path, data_choice: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.data_dir = data_dir
        self.data_choice = data_choice
        self.data: MnistData | None = None  # the set whose test split the predictions are of
        self.predictions: SplitPredictions | None = None  # shown now
        self.shown_text: Callable[[], str] | None = None  # what the predictions are of
        self.hub_results: tuple[MnistData, SplitPredictions, TrainedModel] | None = None
        self.run_predictions: SplitPredictions | None = None  # the live run's last epoch
        self.run_epoch = 0
        self.training = False
        self.queued_model: TrainedModel | None = None  # to evaluate once the evaluator is free
        self.evaluating: TrainedModel | None = None
        self.pending_model: TrainedModel | None = None  # to evaluate when the tab shows
        # A run's epoch that came while the tab was hidden: (data, predictions, what they are of).
        self.unseen: tuple[MnistData, SplitPredictions, Callable[[], str]] | None = None
        self.evaluator = JobRunner(self)
        self.evaluator.idle.connect(self._on_evaluator_idle)
        self.loader = JobRunner(self)
        self.summary = QLabel()
        self.summary.setObjectName("resultsSummary")
        self.summary.setWordWrap(True)
        self.matrix_view = ConfusionMatrixView()
        self.gallery = MistakesGallery()
        self.weights_view = WeightsView()
        self.data_browser = DataBrowser()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.summary)
        matrix_and_gallery = QSplitter(Qt.Orientation.Vertical)
        matrix_and_gallery.addWidget(self.matrix_view)
        matrix_and_gallery.addWidget(self.gallery)
        matrix_and_gallery.setSizes([400, 320])
        left_layout.addWidget(matrix_and_gallery, 1)
        self.views = QTabWidget()
        self.views.setObjectName("resultsViews")
        self.views.addTab(self.weights_view, "")
        self.views.addTab(self.data_browser, "")
        fill_with_panes(self, [left, self.views], [560, 700])
        self.matrix_view.cell_clicked.connect(self.show_cell)
        self.gallery.image_chosen.connect(self._on_image_chosen)
        hub.model_changed.connect(self._on_model_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.views.setTabText(0, self.tr("What it learned"))
        self.views.setTabText(1, self.tr("The data"))
        self._show_summary()

    def _show_summary(self) -> None:
        if self.predictions is None or self.shown_text is None:
            self.summary.setText(self.tr("The test set is being evaluated..."))
            return
        p = self.predictions
        # Measured here, on the set the Train tab uses: the status bar's figure may be on another test set.
        self.summary.setText(
            self.tr(
                "{0}. Measured here on the test set of the {1}: test accuracy {2:.2%}, "
                "{3:,} of {4:,} test images read right."
            ).format(
                self.shown_text(), self.data.description if self.data else "", p.accuracy, p.correct, len(p)
            )
        )

    # ----- the model in use -------------------------------------------------------------------
    @Slot(object)
    def _on_model_changed(self, trained: TrainedModel) -> None:
        if trained.source != TRAINED:
            self.weights_view.forget_start()
        self.weights_view.set_weights(*first_layer(trained.model))
        if trained.source == TRAINED and self.run_predictions is not None and self.data is not None:
            # The run's last epoch already predicted every test image with these very weights.
            self.hub_results = (self.data, self.run_predictions, trained)
            self._show(self.data, self.run_predictions, partial(model_origin, trained))
            return
        self.request_evaluation(trained)

    def request_evaluation(self, trained: TrainedModel) -> None:
        """Evaluate ``trained`` now if the tab shows, else when it is first shown (no work while hidden)."""
        if self.isVisible():
            self.pending_model = None
            self.evaluate(trained)
        else:
            self.pending_model = trained

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Show what came while the tab was hidden: a run's latest epoch, a model to evaluate."""
        super().showEvent(event)
        if self.unseen is not None:
            self._show(*self.unseen)
        if self.pending_model is not None:
            self.request_evaluation(self.pending_model)

    @Slot()
    def evaluate_model_in_use(self) -> None:
        """Evaluate the model in use again (the data set chosen for training changed)."""
        if self.hub.current is not None and not self.training:
            self.request_evaluation(self.hub.current)

    def evaluate(self, trained: TrainedModel) -> None:
        """Predict the whole test split with ``trained`` in a worker, then show it (unless a run trains)."""
        if self.evaluator.busy:
            self.queued_model = trained
            return
        self.evaluating = trained
        self.evaluator.run_task(
            partial(load_and_predict, trained.model, self.data_choice(), self.data_dir),
            self._on_evaluated,
            self._on_failed,
            cancellable=True,
        )

    @Slot(object)
    def _on_evaluated(self, result: tuple[MnistData, float, SplitPredictions]) -> None:
        data, _loss, predictions = result
        trained = self.evaluating
        if trained is not self.hub.current:
            return  # another model came meanwhile; its own evaluation follows
        self.hub_results = (data, predictions, trained)
        self._adopt_data(data)
        if not self.training:
            self._show(data, predictions, partial(model_origin, trained))

    @Slot()
    def _on_evaluator_idle(self) -> None:
        if self.queued_model is not None:
            trained, self.queued_model = self.queued_model, None
            self.evaluate(trained)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.summary.setText(message)

    # ----- a run training ---------------------------------------------------------------------
    @Slot(object)
    def show_training_event(self, event: TrainingEvent) -> None:
        """Follow a run: its first layer as it learns, its matrix after each epoch."""
        if isinstance(event, RunStarted):
            self.training = True
            self.run_predictions = None
            self.weights_view.begin_run()
            if self.data is None or self.data.name != event.data_name:
                self.loader.run_task(
                    partial(load_data, event.data_name, self.data_dir),
                    self._on_run_data_loaded,
                    self._on_failed,
                )
        elif isinstance(event, LayerWeights):
            self.weights_view.set_weights(event.name, event.weights)
        elif isinstance(event, EpochEnd) and event.predictions is not None:
            self.run_predictions = event.predictions
            self.run_epoch = event.epoch
            if self.data is not None and len(self.data.test) == len(event.predictions):
                self._show_when_seen(self.data, event.predictions, self._run_text)
        elif isinstance(event, (Stopped, Failed)):
            self.training = False
            self.run_predictions = None
            if self.hub_results is not None:  # the model in use did not change: show it again
                data, predictions, trained = self.hub_results
                self._show(data, predictions, partial(model_origin, trained))
                self.weights_view.forget_start()  # the stopped run's start is not this model's
                self.weights_view.set_weights(*first_layer(trained.model))
        elif isinstance(event, Finished):
            self.training = False

    def _run_text(self) -> str:
        return self.tr("The run training now, after epoch {0}").format(self.run_epoch)

    @Slot(object)
    def _on_run_data_loaded(self, data: MnistData) -> None:
        self._adopt_data(data)
        if self.run_predictions is not None and len(data.test) == len(self.run_predictions):
            self._show(data, self.run_predictions, self._run_text)

    # ----- showing ----------------------------------------------------------------------------
    def _adopt_data(self, data: MnistData) -> None:
        if self.data is None or self.data.name != data.name:
            self.data = data
            self.data_browser.set_data(data)

    def _show_when_seen(
        self, data: MnistData, predictions: SplitPredictions, text: Callable[[], str]
    ) -> None:
        """Show a run's epoch now if the tab is on screen, else when it next is: the matrix and
        the gallery's images cost about a millisecond an epoch, while the run trains."""
        if self.isVisible():
            self._show(data, predictions, text)
        else:
            self.unseen = (data, predictions, text)

    def _show(self, data: MnistData, predictions: SplitPredictions, text: Callable[[], str]) -> None:
        self.unseen = None  # whatever waited to be shown is older than this
        self._adopt_data(data)
        self.predictions = predictions
        self.shown_text = text
        self.matrix_view.set_matrix(predictions.confusion)
        self._show_summary()
        if self.gallery.cell is not None:
            self.gallery.show_cell(self.gallery.cell, predictions, self.data.test.images.numpy())
        else:
            self.show_worst_cell()

    def show_worst_cell(self) -> None:
        """Open the cell with the most mistakes (the first, in a tie), as a start."""
        if self.predictions is None:
            return
        matrix = self.predictions.confusion.copy()
        matrix[range(10), range(10)] = 0
        if matrix.max() == 0:
            return
        true, predicted = divmod(int(matrix.argmax()), 10)
        self.show_cell(true, predicted)

    @Slot(int, int)
    def show_cell(self, true: int, predicted: int) -> None:
        """Show the test images labelled ``true`` that the network read as ``predicted``."""
        if self.predictions is None or self.data is None:
            return
        self.matrix_view.select((true, predicted))
        self.gallery.show_cell((true, predicted), self.predictions, self.data.test.images.numpy())

    @Slot(int)
    def _on_image_chosen(self, index: int) -> None:
        if self.data is not None:
            test = self.data.test
            self.digit_chosen.emit(test.images[index].numpy(), index, int(test.labels[index]))
