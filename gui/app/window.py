"""The main window: its tabs (all but the first built after the first frame), menus and status bar."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from core.base.i18n import LANGUAGES
from core.base.logs import log_file
from core.base.paths import default_data_dir
from core.base.stored_settings import shown
from core.kernel import KernelClient
from core.models.trained import BUNDLED, TrainedModel
from core.training.process import TrainerClient
from gui.app.exercise_links import ExerciseLinks
from gui.app.file_actions import FileActions
from gui.app.question_actions import QuestionActions
from gui.app.welcome import show_welcome
from gui.base.jobs import request_stop_of_all_jobs, stop_all_jobs
from gui.base.kernel_link import KernelLink
from gui.base.language import (
    LANGUAGE_NAMES,
    Retranslatable,
    app_language,
    remember_language,
    set_app_language,
    startup_language,
)
from gui.base.model_hub import ModelHub
from gui.base.stored_values import stored_value
from gui.base.theme import configure_plot_colours
from gui.questions.book import QuestionBook
from gui.tensors.tab import TensorsTab

if TYPE_CHECKING:
    from gui.autograd.tab import AutogradTab
    from gui.draw.tab import DrawTab
    from gui.exercises.tab import ExercisesTab
    from gui.lesson.tab import LessonTab
    from gui.optimizers.tab import OptimizersTab
    from gui.results.tab import ResultsTab
    from gui.train.tab import TrainTab

    LaterTabs = tuple[AutogradTab, TrainTab, DrawTab, LessonTab, ResultsTab, ExercisesTab, OptimizersTab]

STATUS_MESSAGE_MS = 10_000
GEOMETRY_KEY = "window/geometry"

logger = logging.getLogger(__name__)


class MainWindow(Retranslatable, QMainWindow):
    """Four tabs in lesson order and the Lesson tab (its cells), a File, a Language and a Help menu,
    and a status bar.

    Typed code runs in ``kernel``, a separate process shared by the Tensors
    and Autograd tabs, and training in ``trainer``, another (see
    :mod:`core.training.process.client` for why). A window given neither makes its own
    and shuts them down on close; :func:`run_app` starts the kernel once the
    window is up, and the Train tab starts the trainer when it is built.

    Only the first tab is built before the window's first frame: the other
    four, and the jobs they start (the pretrained model, the data set), come
    once that frame is painted (``first_painted``), or as soon as something asks
    for one of them.

    The window speaks ``language`` if given, else the one chosen last in the
    Language menu (kept in ``settings``), else the system's.
    """

    first_painted = Signal()

    def __init__(
        self,
        settings: QSettings | None = None,
        data_dir: Path | None = None,
        kernel: KernelClient | None = None,
        trainer: TrainerClient | None = None,
        language: str | None = None,
    ) -> None:
        settings = settings or QSettings()
        set_app_language(startup_language(settings, language))  # before any widget of this window exists
        super().__init__()
        self.owns_kernel = kernel is None
        self.kernel = kernel or KernelClient()
        self.owns_trainer = trainer is None
        self.trainer = trainer or TrainerClient()
        self.settings = settings
        self.data_dir = data_dir or default_data_dir()
        self.hub = ModelHub()
        self.questions = QuestionBook(self.kernel, self.data_dir, settings, parent=self)
        self.files = FileActions(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        # No pane frame: pages sit on the window colour, which widgets that repaint
        # often fill themselves with (so Qt need not repaint what lies behind them).
        self.tabs.setDocumentMode(True)
        self.tensors_tab = TensorsTab(self.kernel)
        self.kernel_link = KernelLink(self.kernel, self)
        self.kernel_link.lost.connect(self.tensors_tab.on_kernel_lost)
        self.tabs.addTab(self.tensors_tab, "")
        for _later in range(7):
            self.tabs.addTab(QWidget(), "")  # its page until the tab is built
        self._later_tabs: LaterTabs | None = None
        self.setCentralWidget(self.tabs)
        self.device_status = QLabel()
        self.data_status = QLabel()
        self.model_status = QLabel()
        for label in (self.device_status, self.data_status, self.model_status):
            self.statusBar().addPermanentWidget(label)
        self.hub.model_changed.connect(self._on_model_changed)
        self._build_menus()
        self.retranslate()
        self._restore_geometry()
        self.installEventFilter(self)  # until the first frame is painted
        self.first_painted.connect(self.build_later_tabs)

    # ----- the tabs built after the first frame (each built now if the first frame is still to come)
    autograd_tab = property(lambda self: self.build_later_tabs()[0], doc="The Autograd tab.")
    train_tab = property(lambda self: self.build_later_tabs()[1], doc="The Train tab.")
    draw_tab = property(lambda self: self.build_later_tabs()[2], doc="The Draw tab.")
    lesson_tab = property(lambda self: self.build_later_tabs()[3], doc="The Lesson tab.")
    results_tab = property(lambda self: self.build_later_tabs()[4], doc="The Results tab.")
    exercises_tab = property(lambda self: self.build_later_tabs()[5], doc="The Exercises tab.")
    optimizers_tab = property(lambda self: self.build_later_tabs()[6], doc="The Optimizers tab.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Say ``first_painted`` once the window's first frame is on screen."""
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self, self.first_painted.emit)  # after the frame, if the window still exists
        return False

    @Slot()
    def build_later_tabs(self) -> LaterTabs:
        """Build the tabs after the Tensors tab in place of their empty pages (once)."""
        if self._later_tabs is not None:
            return self._later_tabs
        # pyqtgraph (a quarter of a second to import) is first needed here, not by the first frame.
        configure_plot_colours(QApplication.instance())
        from gui.autograd.tab import AutogradTab
        from gui.draw.tab import DrawTab
        from gui.exercises.tab import ExercisesTab
        from gui.lesson.tab import LessonTab
        from gui.optimizers.tab import OptimizersTab
        from gui.results.tab import ResultsTab
        from gui.train.tab import TrainTab

        autograd_tab = AutogradTab(self.kernel, settings=self.settings)
        self.kernel_link.lost.connect(autograd_tab.on_kernel_lost)
        train_tab = TrainTab(self.hub, self.data_dir, self.settings, self.trainer)
        draw_tab = DrawTab(self.hub, self.data_dir)
        lesson_tab = LessonTab(
            self.tabs, self.tensors_tab, autograd_tab, train_tab, self.settings, self.questions
        )
        results_tab = ResultsTab(self.hub, self.data_dir, train_tab.data_panel.choice)
        train_tab.training_event.connect(results_tab.show_training_event)
        results_tab.weights_view.watched.connect(train_tab.watch_weights)
        train_tab.data_panel.choice_changed.connect(results_tab.evaluate_model_in_use)
        train_tab.results_requested.connect(self.show_results)
        draw_tab.mistakes_requested.connect(self.show_results)
        results_tab.digit_chosen.connect(self.open_in_draw_tab)
        self.tensors_tab.network_graph_requested.connect(self.show_network_graph)
        exercises_tab = ExercisesTab(self.questions, self.kernel, dict)
        optimizers_tab = OptimizersTab(self.hub, self.questions)
        self._later_tabs = (
            *(autograd_tab, train_tab, draw_tab, lesson_tab, results_tab, exercises_tab),
            optimizers_tab,
        )
        current = self.tabs.currentIndex()
        for index, tab in enumerate(self._later_tabs, 1):
            label, page = self.tabs.tabText(index), self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, label)
            page.deleteLater()
        self.tabs.setCurrentIndex(current)
        train_tab.status_changed.connect(self._on_status_changed)
        train_tab.error_reported.connect(self.show_error)
        train_tab.code_panel.error_reported.connect(self.show_error)
        train_tab.code_panel.files_written.connect(self.files.on_files_written)
        self._on_status_changed(*train_tab.current_status())
        self.exercise_links = ExerciseLinks(self)
        self.tabs.currentChanged.connect(optimizers_tab.begin_if_shown)  # its first race on its first visit
        return self._later_tabs

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.setObjectName("fileMenu")
        self.load_action = self._action(
            self.file_menu, QKeySequence.StandardKey.Open, self.files.load_model_dialog
        )
        self.save_action = self._action(
            self.file_menu, QKeySequence.StandardKey.Save, self.files.save_model_dialog
        )
        self.save_action.setEnabled(False)
        self.export_action = self._action(self.file_menu, None, self.files.export_curves_dialog)
        self.export_script_action = self._action(self.file_menu, None, self.files.export_script_dialog)
        self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, QKeySequence.StandardKey.Quit, self.close)
        self.language_menu = self.menuBar().addMenu("")
        self.language_menu.setObjectName("languageMenu")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        for language in LANGUAGES:
            # Each language named in itself, so that a learner who cannot read the other finds it.
            action = QAction(LANGUAGE_NAMES[language], self, checkable=True)
            action.setObjectName(f"language_{language}")
            action.setData(language)
            action.setChecked(language == app_language())
            action.triggered.connect(self._on_language_chosen)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.question_actions = QuestionActions(self, self.tabs, self.questions)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.welcome_action = self._action(self.help_menu, None, partial(show_welcome, self))
        self.about_action = self._action(self.help_menu, None, self.show_about)

    def _action(self, menu, shortcut, slot) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def retranslate(self) -> None:
        """Set every text of the window itself in the current language (the tabs do their own)."""
        self.setWindowTitle(self.tr("PyTorch Basics"))
        self.tabs.setAccessibleName(self.tr("Lesson steps"))
        self.tabs.setToolTip(
            self.tr(
                "The lesson in order: tensors, autograd, training, drawing; Lesson lists its code cells, "
                "Results shows what the network learned and what it gets wrong, and Optimizers races "
                "SGD, momentum and Adam on loss surfaces you can see"
            )
        )
        titles = [self.tr("&Tensors"), self.tr("&Autograd"), self.tr("T&rain"), self.tr("&Draw")]
        titles += [self.tr("L&esson"), self.tr("Re&sults"), self.tr("E&xercises"), self.tr("&Optimizers")]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.question_actions.retranslate()
        self.file_menu.setTitle(self.tr("&File"))
        self.load_action.setText(self.tr("&Load model..."))
        self.save_action.setText(self.tr("&Save model..."))
        self.export_action.setText(self.tr("&Export curves..."))
        self.export_script_action.setText(self.tr("Export training as s&cript..."))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.welcome_action.setText(self.tr("&Welcome"))
        self.about_action.setText(self.tr("&About PyTorch Basics"))
        for action in self.language_group.actions():
            action.setChecked(action.data() == app_language())
        if self._later_tabs is not None:  # else the tab reports its status once it is built
            self._on_status_changed(*self.train_tab.current_status())
        if self.hub.current is not None:
            self._on_model_changed(self.hub.current)

    @Slot()
    def _on_language_chosen(self) -> None:
        action = self.language_group.checkedAction()
        if action is not None and action.data() != app_language():
            set_app_language(action.data())
            remember_language(self.settings, action.data())

    def _restore_geometry(self) -> None:
        geometry = stored_value(self.settings, GEOMETRY_KEY)
        restored = isinstance(geometry, (QByteArray, bytes)) and self.restoreGeometry(geometry)
        if geometry is not None and not restored:
            logger.warning(
                "Stored setting %s = %s is not a window geometry; the default size is used",
                GEOMETRY_KEY,
                shown(geometry),
            )
        if not restored:
            self.resize(1280, 820)

    @Slot(str)
    def show_network_graph(self, code: str) -> None:
        """Draw a learner's network's forward in the Autograd tab."""
        self.tabs.setCurrentWidget(self.autograd_tab)
        self.autograd_tab.run_lesson_code(code)

    @Slot()
    def show_results(self) -> None:
        """Show the Results tab: the matrix, the mistakes, the weights, the data."""
        self.tabs.setCurrentWidget(self.results_tab)

    @Slot(object, int, int)
    def open_in_draw_tab(self, image: object, index: int, label: int) -> None:
        """Put a test digit chosen in the Results tab on the Draw tab's canvas, and show it there."""
        self.draw_tab.show_test_digit(image, index, label)
        self.tabs.setCurrentWidget(self.draw_tab)

    # ----- status ---------------------------------------------------------------------------
    @Slot(str, str)
    def _on_status_changed(self, device: str, data: str) -> None:
        self.device_status.setText(self.tr("Device: {0}").format(device))
        self.data_status.setText(self.tr("Data: {0}").format(data))

    @Slot(object)
    def _on_model_changed(self, trained: TrainedModel) -> None:
        from gui.draw.tab import describe_model

        self.save_action.setEnabled(trained.source != BUNDLED)
        self.model_status.setText(self.tr("Model: {0}").format(describe_model(trained)))

    @Slot(str, str)
    def show_error(self, title: str, message: str) -> None:
        """Tell the learner what went wrong without stopping the app; offer the log's details."""
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)  # the app keeps going meanwhile
        log = log_file()
        if log is not None:
            box.setInformativeText(self.tr("The details are in the log file: {0}").format(log))
            open_log = box.addButton(self.tr("Open log"), QMessageBox.ButtonRole.ActionRole)
            open_log.setObjectName("openLogButton")
            open_log.clicked.connect(self.open_log)
        box.show()

    @Slot()
    def open_log(self) -> None:
        """Open the log file in the desktop's text viewer."""
        log = log_file()
        if log is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(log)))

    @Slot(str)
    def show_unexpected_error(self, summary: str) -> None:
        """Tell the learner that something unexpected failed; the log holds its traceback."""
        self.show_error(self.tr("Something went wrong"), self.tr("Unexpected error: {0}").format(summary))

    @Slot()
    def show_about(self) -> None:
        """Show versions and the device in use."""
        import pyqtgraph
        import PySide6
        import torch
        import torchvision

        text = self.tr(
            "<h3>PyTorch Basics</h3><p>Learn PyTorch by touching it: tensors, autograd, and training "
            "on MNIST, following the classic PyTorch basics lesson.</p>"
            "<p>torch {0}<br>torchvision {1}<br>Qt {2} (PySide6 {3})<br>pyqtgraph {4}<br>{5}</p>"
            "<p>MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges (CC BY-SA 3.0).</p>"
        ).format(
            torch.__version__,
            torchvision.__version__,
            PySide6.QtCore.qVersion(),
            PySide6.__version__,
            pyqtgraph.__version__,
            self.device_status.text(),
        )
        QMessageBox.about(self, self.tr("About PyTorch Basics"), text)

    # ----- shutdown ---------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Stop every background job, remember the window, and close within 2 seconds."""
        if self._later_tabs is not None:
            self.train_tab.save_settings()
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        # Every job stops at its next check while the processes end: an import or a download
        # must not finish during the half second a training process may take to exit.
        request_stop_of_all_jobs()
        # A window closed before its first frame must not call Python from its own destruction.
        self.removeEventFilter(self)
        self.kernel_link.close()
        if self.owns_kernel:
            self.kernel.shutdown()  # a run waiting for it ends at once
        if self.owns_trainer:
            self.trainer.shutdown()  # a training run ends at once (its process is gone)
        stop_all_jobs()  # a run in a process the window does not own is stopped here
        super().closeEvent(event)
