"""How fastact compiles for the CPU: the one place that holds the Numba options.

Every scalar kernel, helper, loop and ufunc of the ``cpu`` and ``parallel`` targets is
compiled with :func:`jit` or :func:`ufunc_targetoptions`, so that an option changes in
one place.  ``error_model="numpy"`` (division by zero gives inf/NaN, as in NumPy's
ufuncs) is what Numba's ufunc builder compiles with; with the default ``"python"`` model
each division checks for zero and may raise, a branch that stops loop vectorization
(sigmoid 1.6 -> 10 ns an element).  A helper is compiled once per signature whichever
caller asks first, so every caller must agree on the model.

``FASTACT_EMULATE_GPU_FMA=1`` in the environment (read at import) compiles everything with
``fastmath={"contract"}``: LLVM may then fuse ``a*b + c`` into one FMA, as libNVVM does by
default on the GPU.  It is how the tests measure the GPU's numerics on the CPU
(tests/test_gpu_numerics.py); the on-disk cache is off in that mode, so that no
contracted code is ever cached for ordinary runs.  This module imports only Numba.
"""

from __future__ import annotations

import os
from typing import Any

from numba import njit

EMULATE_GPU_FMA = os.environ.get("FASTACT_EMULATE_GPU_FMA", "") == "1"
CACHE = not EMULATE_GPU_FMA


def _fastmath(flags: frozenset[str] | set[str]) -> set[str] | bool:
    f = set(flags) | ({"contract"} if EMULATE_GPU_FMA else set())
    return f or False


def jit(*, nogil: bool = False, fastmath: frozenset[str] = frozenset()) -> Any:
    """``njit`` with fastact's options (cached, NumPy's error model)."""
    return njit(cache=CACHE, nogil=nogil, error_model="numpy", fastmath=_fastmath(fastmath))


def ufunc_targetoptions() -> dict[str, Any]:
    """The options of Numba's ufunc builder for fastact's ufunc loops."""
    fm = _fastmath(frozenset())
    return {"fastmath": fm} if fm else {}
