"""Small modules named for what they do: none of the engine or the app grows past 400 lines."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400


def test_no_engine_or_gui_module_is_over_the_limit():
    long = {str(p.relative_to(ROOT)): n for pkg in ("engine", "gui") for p in sorted((ROOT / pkg).rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT}
    assert not long, f"over {LIMIT} lines: {long}"
