"""Code compiled for one instruction set is never loaded from the disk cache for another.

fastact's loops are cached on disk by Numba; ``make test-avx2`` compiles them for AVX2
(``NUMBA_CPU_NAME=haswell``) on a machine that has AVX-512, into the same cache files.
Numba keys each cache entry by target triple, CPU name and CPU features, so each
instruction set keeps its own entry.  Checked here on a real loop of fastact, in fresh
processes sharing one cache folder: the first process of each CPU compiles (a miss), the
second loads (a hit), and a process for the other CPU after them is a miss again.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import host_cpu_has

ROOT = Path(__file__).resolve().parent.parent

_PROBE = """
import json
import numpy as np
import fastact
from fastact._cpu.loops import loop as _loop
x = np.linspace(-4, 4, 64)
y = fastact.hardswish(x)
loop = _loop("hardswish", False, np.dtype(np.float64))
(sig,) = [s for s in loop.signatures if s[0].dtype.name == "float64"]
from numba.core import config
print(json.dumps({"hits": loop.stats.cache_hits[sig], "misses": loop.stats.cache_misses[sig],
                  "cpu": config.CPU_NAME, "value": float(y[40])}))
"""


@pytest.mark.skipif(not host_cpu_has("avx2"), reason="needs x86-64 with AVX2 (the other CPU is haswell)")
def test_a_cache_written_for_one_cpu_never_serves_another(tmp_path):
    base = {k: v for k, v in os.environ.items()
            if k not in ("NUMBA_CPU_NAME", "NUMBA_CPU_FEATURES", "NUMBA_ENABLE_CUDASIM")}
    base["NUMBA_CACHE_DIR"] = str(tmp_path)
    haswell = dict(base, NUMBA_CPU_NAME="haswell", NUMBA_CPU_FEATURES="")

    def run(env):
        res = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                             env=env, cwd=ROOT, timeout=600)
        assert res.returncode == 0, res.stderr[-3000:]
        return json.loads(res.stdout.strip().splitlines()[-1])

    seq = [run(haswell), run(haswell), run(base), run(base), run(haswell)]
    assert [r["cpu"] for r in seq] == ["haswell", "haswell", None, None, "haswell"]
    # compiled, loaded, compiled (haswell's entry not taken), loaded, loaded (its own again)
    assert [(r["hits"], r["misses"]) for r in seq] == [(0, 1), (1, 0), (0, 1), (1, 0), (1, 0)]
    assert len({r["value"] for r in seq}) == 1  # the same value from each compilation
    assert any(tmp_path.rglob("*.nbi"))  # the cache really was in the folder given
