"""``fastact.cuda.NAME``: CUDA ufuncs (``@vectorize(target='cuda')``) for Numba users.

float32 and float64, from the registry's scalar kernels; they take numba device arrays,
anything with ``__cuda_array_interface__`` or host arrays, and ``out=`` / ``stream=`` as
Numba's CUDA ufuncs do.  The simulator cannot build them.
"""

from __future__ import annotations

from .._core.jit import compiled
from .._core.templates import ufunc_signatures
from .._spec.registry import known, lookup
from .arrays import SIMULATED


def ufunc(name: str, backward: bool = False):
    """The CUDA ufunc of ``name`` (its backward if ``backward``)."""
    return compiled(("cuda ufunc", name, backward), lambda: _build_ufunc(name, backward),
                    owner=name)


def _build_ufunc(name: str, backward: bool):
    from numba import vectorize

    if not known(name):
        raise AttributeError(f"fastact.cuda has no elementwise function {name!r}")
    if SIMULATED:
        raise RuntimeError(
            "the CUDA simulator cannot build CUDA ufuncs (numba-cuda: 'FakeOverload' object "
            "has no attribute 'signature'); use launched_kernel() or a real GPU"
        )
    e = lookup(name)
    k = e.backward if backward else e.forward
    nargs = 1 + e.nparams + (1 if backward else 0)
    return vectorize(ufunc_signatures(nargs), target="cuda")(k.py_func)
