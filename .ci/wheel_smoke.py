"""Run by ``make wheel-test``: the installed wheel, from another folder, read-only.

    python .ci/wheel_smoke.py SITE     # SITE: the folder the wheel was installed into

Checks that fastact is imported from SITE (not the checkout), that a function of each kind
computes the right values, that the generated loops and typing stub were packaged, that
the command line runs, and that Numba's disk cache went somewhere writable because SITE
is not.
"""

import math
import os
import subprocess
import sys
from pathlib import Path

site = Path(sys.argv[1]).resolve()
import numpy as np  # noqa: E402

import fastact  # noqa: E402

where = Path(fastact.__file__).resolve()
assert site in where.parents, f"fastact imported from {where}, not from {site}"
assert not os.access(where.parent, os.W_OK) or os.environ.get("FASTACT_WHEEL_WRITABLE"), \
    f"{where.parent} is writable: the read-only case is not tested"
for name in ("_generated/loops.py", "_generated/cuda_kernels.py", "__init__.pyi", "py.typed",
             "kernels/__init__.py", "_core/jit.py", "_api/route.py", "_cuda/axis_kernels.py"):
    assert (where.parent / name).is_file(), f"the wheel lacks fastact/{name}"

x = np.array([-30.0, -1.0, 0.0, 2.0])
try:  # the test extra has mpmath; the same 4-ulp contract as the test suite
    import mpmath

    mpmath.mp.dps = 50
    want = np.array([float(mpmath.mpf(v) * mpmath.erfc(-mpmath.mpf(v) / mpmath.sqrt(2)) / 2)
                     for v in x])
    got = fastact.gelu(x)
    ulps = np.abs(got - want) / np.spacing(np.abs(want))
    assert np.all(ulps <= 4), (got, want)
except ImportError:
    pass
assert math.isclose(float(fastact.gelu(-30.0)), -1.4720e-196, rel_tol=1e-4)
p = fastact.softmax(np.array([[1.0, 2.0, 3.0]]), axis=-1)
assert abs(p.sum() - 1) < 1e-15
assert fastact.cpu.sigmoid(np.float32(0)) == np.float32(0.5)
big = np.linspace(-5, 5, 300_000)  # the threaded path
assert np.allclose(fastact.tanh(big), np.tanh(big), rtol=1e-15)

cache = Path(os.environ["HOME"]) / ".cache" / "numba"
files = list(cache.rglob("*.nbi")) if cache.is_dir() else []
assert files, f"no Numba cache under {cache}: where did the compiled code go?"

out = subprocess.run([sys.executable, "-m", "fastact", "list"], capture_output=True, text=True,
                     check=True).stdout
assert "gelu(x, approximate='none')" in out, out[:500]
print(f"wheel OK: imported from {where.parent}, {len(files)} cache index files under {cache}")
