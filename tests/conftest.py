"""Test setup shared by engine and GUI tests.

Qt aborts the whole process (exit 134, no report) when a QApplication starts with
no display, so the offscreen platform is chosen here, before anything imports Qt.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "resources" / "samples"
