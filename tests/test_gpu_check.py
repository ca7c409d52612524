"""``make gpu-check`` (bench/gpu_check.py) end to end under the CUDA simulator, tiny sizes.

The real run needs a GPU (and takes a few minutes there); here every step runs as it would
(environment, tests in a subprocess, the benchmark tables written as they grow, the time
budget), on numba device arrays of 64 elements, so that the one command is ready when a
GPU is.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("numba.cuda", reason="numba-cuda is not installed")
ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path, *args):
    env = {**os.environ, "FASTACT_GPU_REPORT": str(tmp_path), "NUMBA_ENABLE_CUDASIM": "1"}
    return subprocess.run([sys.executable, str(ROOT / "bench" / "gpu_check.py"), "--simulate",
                           *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def test_gpu_check_end_to_end_simulated(tmp_path):
    res = _run(tmp_path, "--only", "sigmoid,leaky_relu,hardtanh", "--", "tests/test_cuda.py",
               "-k", "numba_device_array_views or grid_stride")
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert "2 passed" in (tmp_path / "tests.txt").read_text()
    data = json.loads((tmp_path / "bench.json").read_text())
    assert data["environment"]["simulated"] and not data["stopped"]
    ew = [r for r in data["rows"] if "n" in r]
    assert {(r["name"], r["dtype"]) for r in ew} == {
        (n, d) for n in ("sigmoid", "leaky_relu", "hardtanh") for d in ("float32", "float64")}
    assert all(r["fwd_ms"] > 0 and r["bwd_ms"] > 0 and "error" not in r for r in ew)
    rows = [r for r in data["rows"] if "shape" in r]
    assert len(rows) == 2 * 1 * 4 * 2  # dtypes x shapes x functions x axes
    page = (tmp_path / "benchmarks-gpu.md").read_text()
    assert "| hardtanh | 2^6 |" in page and "## Softmax family" in page
    assert "[gpu-check" in res.stdout  # progress lines
    # 3 functions x 2 dtypes x 4 layouts/directions, and their f'' x 2 dtypes x 2 layouts
    assert "warmed 36 kernel calls" in res.stdout


def test_gpu_check_stops_at_its_budget(tmp_path):
    res = _run(tmp_path, "--only", "sigmoid", "--budget", "0", "--skip-tests")
    assert res.returncode == 0, res.stderr[-3000:]
    data = json.loads((tmp_path / "bench.json").read_text())
    assert data["stopped"] and not [r for r in data["rows"] if "n" in r]
    assert "**Partial**" in (tmp_path / "benchmarks-gpu.md").read_text()
