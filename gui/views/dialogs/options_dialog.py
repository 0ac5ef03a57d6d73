"""The Options dialog: what counts as a difference and how paraphrases are linked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from engine.model import Options


class OptionsDialog(QDialog):
    def __init__(self, options: Options, parent: QWidget | None = None, ask_on_quit: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Comparison Options")
        self.sentences = QCheckBox("Align sentences instead of paragraphs")
        self.sentences.setToolTip("For heavy rewrites that split and recombine paragraphs")
        self.sentences.setChecked(options.unit == "sentence")
        self.ignore_case = QCheckBox("Ignore differences in letter case (the default: case is house style)")
        self.ignore_punct = QCheckBox("Ignore punctuation")
        self.ignore_quotes = QCheckBox("Ignore quote style (straight or curly, single or double, « »)")
        self.ignore_case.setChecked(options.ignore_case)
        self.ignore_punct.setChecked(options.ignore_punctuation)
        self.ignore_quotes.setChecked(options.ignore_quotes)
        self.sensitivity = QSlider(Qt.Orientation.Horizontal)
        self.sensitivity.setRange(0, 100)
        self.sensitivity.setValue(round(options.sensitivity * 100))
        self.sens_label = QLabel()
        self.sensitivity.valueChanged.connect(self._show_sensitivity)
        self._show_sensitivity(self.sensitivity.value())
        sens = QWidget()
        row = QHBoxLayout(sens)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("strict"))
        row.addWidget(self.sensitivity, 1)
        row.addWidget(QLabel("loose"))
        row.addWidget(self.sens_label)
        self.granularity = QComboBox()
        self.granularity.addItem("Words", "word")
        self.granularity.addItem("Characters", "char")
        self.granularity.setCurrentIndex(0 if options.granularity == "word" else 1)
        form = QFormLayout()
        form.addRow(self.ignore_case)
        form.addRow(self.ignore_punct)
        form.addRow(self.ignore_quotes)
        form.addRow("Paraphrase sensitivity:", sens)
        form.addRow("Inline differences by:", self.granularity)
        form.addRow(self.sentences)
        # Not an option of the comparison: how the window behaves (kept in its settings).
        self.ask_on_quit = QCheckBox("Ask to save an unsaved comparison when quitting")
        self.ask_on_quit.setChecked(ask_on_quit)
        form.addRow(self.ask_on_quit)
        hint = QLabel("Higher sensitivity links looser rewordings; lower keeps only close paraphrases.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self._defaults)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addWidget(buttons)

    def _show_sensitivity(self, value: int) -> None:
        self.sens_label.setText(f"{value / 100:.2f}")

    def _defaults(self) -> None:
        d = Options()
        self.ignore_case.setChecked(d.ignore_case)
        self.ignore_punct.setChecked(d.ignore_punctuation)
        self.ignore_quotes.setChecked(d.ignore_quotes)
        self.sensitivity.setValue(round(d.sensitivity * 100))
        self.granularity.setCurrentIndex(0)
        self.sentences.setChecked(d.unit == "sentence")

    def options(self) -> Options:
        return Options(ignore_case=self.ignore_case.isChecked(),
                       ignore_punctuation=self.ignore_punct.isChecked(),
                       ignore_quotes=self.ignore_quotes.isChecked(),
                       sensitivity=self.sensitivity.value() / 100,
                       granularity=self.granularity.currentData(),
                       unit="sentence" if self.sentences.isChecked() else "paragraph")
