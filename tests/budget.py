"""Running `storydiff-cli` in a child process and measuring it: exit code, output, time, peak memory.

Shared by the hostile-budget tests of the compare path (tests/engine/io/test_hostile_budgets.py)
and of the archive (tests/archive/test_archive_budgets.py). The child reports its own peak
(VmHWM): ru_maxrss from wait4 would also count the forked copy of the test process that
existed before exec. A regression cannot take the machine down: the child runs under a
4 GB address-space limit and is killed after `kill_after` seconds.
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_LAUNCH = (
    "import atexit, os, runpy, sys\n"
    "def _peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            open(os.environ['STORYDIFF_PEAK_FILE'], 'w').write(line.split()[1])\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['storydiff-cli'] + sys.argv[1:]\n"
    "runpy.run_module('engine.cli', run_name='__main__')\n"
)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def run_argv(argv: list[str], tmp: Path, *, cwd: Path = ROOT, before_exec: Callable[[], None] | None = None,
             kill_after: float = 60, during: Callable[[subprocess.Popen], None] | None = None,
             ) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak RSS in MB) of `storydiff-cli ARGV`.

    `before_exec` runs in the child before the CLI starts (more limits, another user);
    `during(proc)` runs in this process while the child runs (to kill a scheduler, say).
    """
    out, err, peak = tmp / "_stdout", tmp / "_stderr", tmp / "_peak"

    def setup() -> None:
        _limits()
        if before_exec is not None:
            before_exec()

    env = {**os.environ, "STORYDIFF_PEAK_FILE": str(peak)}
    with open(out, "wb") as fo, open(err, "wb") as fe:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCH, *argv], cwd=cwd, env=env,
                                stdout=fo, stderr=fe, stdin=subprocess.DEVNULL, preexec_fn=setup)
        killer = threading.Timer(kill_after, lambda: os.kill(proc.pid, signal.SIGKILL))
        killer.start()
        try:
            if during is not None:
                during(proc)
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    texts = out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace")
    rss = int(peak.read_text()) / 1024 if peak.exists() else usage.ru_maxrss / 1024
    for p in (out, err, peak):
        p.unlink(missing_ok=True)
    return proc.returncode, texts[0], texts[1], seconds, rss


def hashes(folder: Path, recursive: bool = False) -> dict[str, str]:
    """Every entry of `folder`: a regular file by its SHA-256, anything else by its mode."""
    got = {}
    for p in (folder.rglob("*") if recursive else folder.iterdir()):
        st = p.lstat()
        name = str(p.relative_to(folder))
        if stat.S_ISREG(st.st_mode):
            with open(p, "rb") as fh:
                got[name] = hashlib.file_digest(fh, "sha256").hexdigest()
        else:
            got[name] = stat.filemode(st.st_mode)
    return got
