"""The WSGI entry point gunicorn loads (forum/wsgi.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import gc, sys
import forum.wsgi
print(gc.get_freeze_count(), "forum.questions.views" in sys.modules)
"""


def test_a_worker_keeps_the_code_it_loaded_out_of_full_garbage_collections():
    # A full pass over everything a worker loads took 65-90 ms inside some reader's request.
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="forum.settings.test", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    frozen, views_loaded = int(out[0]), out[1] == "True"
    assert views_loaded
    assert frozen > 10_000
