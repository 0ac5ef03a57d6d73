"""The `storydiff/1` JSON report (the machine contract; see `Comparison.to_dict`)."""

from __future__ import annotations

import json

from ..model import Comparison


def to_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1) + "\n"
