"""Importing the engine: what it does to the process."""

import os
import subprocess
import sys


def _blas_threads(env_value):
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if env_value is not None:
        env["OPENBLAS_NUM_THREADS"] = env_value
    code = "import engine, os; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_engine_asks_for_one_blas_thread_unless_the_caller_chose():
    assert _blas_threads(None) == "1"
    assert _blas_threads("3") == "3"


def test_engine_leaves_blas_alone_when_numpy_is_already_loaded():
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    code = "import numpy, engine, os; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None"


def test_every_exported_name_is_there():
    """`from engine import *` works: each name of `engine.__all__` is defined (a stray line
    break once left seven of the model's constants inside a comment)."""
    import engine

    missing = [name for name in engine.__all__ if not hasattr(engine, name)]
    assert not missing
    assert (engine.PARAGRAPH, engine.EDITED) == ("paragraph", "edited")
