"""Entry point of the frozen bundle: `storydiff` with the window's own arguments.

Two extras that only make sense in a bundle, kept here so gui/app.py stays as it is:
  storydiff --self-check     headless: import every module, read every input format and
                             write every report format; exit 0 when all of it works.
  storydiff-cli ...          the same executable under the name `storydiff-cli`
                             (a symlink in the bundle) is the command-line tool.
"""

import os
import sys


def _run() -> int:
    name = os.path.basename(sys.argv[0]).lower()
    if name.startswith("storydiff-cli"):
        from engine.cli import main as cli_main
        return cli_main(sys.argv[1:])
    if sys.argv[1:2] == ["--self-check"]:
        from selfcheck import main as check_main
        return check_main()
    from gui.app import main as gui_main
    return gui_main()


if __name__ == "__main__":
    sys.exit(_run())
