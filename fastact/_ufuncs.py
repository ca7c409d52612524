"""Build NumPy ufuncs from the registry's scalar kernels, lazily and cached on disk.

``get(name, target, backward)`` compiles the float32 and float64 loops of one kernel
for one target the first time it is asked for; Numba's on-disk cache (``cache=True``)
makes later processes skip LLVM.  Nothing is compiled at import.
"""

from __future__ import annotations

import copyreg

import numpy as np

from ._jit import compiled
from ._registry import REGISTRY

TARGETS = ("cpu", "parallel")


def signatures(nargs: int) -> list[str]:
    """``['f4(f4,...)', 'f8(f8,...)']`` for a kernel of ``nargs`` inputs."""
    return [f"{t}({','.join([t] * nargs)})" for t in ("f4", "f8")]


def _build(name: str, target: str, backward: bool):
    def build():
        from ._ufuncloop import make_ufunc

        entry = REGISTRY[name]
        kernel = entry.backward if backward else entry.forward
        nargs = 1 + entry.nparams + (1 if backward else 0)
        return make_ufunc(kernel.py_func, signatures(nargs), target)

    return compiled(("ufunc", name, target, backward), build)


_ORIGIN: dict[int, tuple[str, str, bool]] = {}
_NUMPY_REDUCE = copyreg.dispatch_table.get(np.ufunc)  # numpy's own: by module and name


def _reduce_ufunc(uf):
    """Pickle fastact's ufuncs by reference (Dask workers rebuild them from their cache)."""
    origin = _ORIGIN.get(id(uf))
    if origin is not None:
        return get, origin
    assert _NUMPY_REDUCE is not None
    return _NUMPY_REDUCE(uf)


copyreg.pickle(np.ufunc, _reduce_ufunc)


def get(name: str, target: str = "cpu", backward: bool = False) -> np.ufunc:
    """The :class:`numpy.ufunc` of ``name`` (its backward if ``backward``) for ``target``."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; expected one of {TARGETS}")
    if name not in REGISTRY:
        raise AttributeError(f"fastact has no elementwise function {name!r}")
    built = _build(name, target, backward)
    uf = getattr(built, "ufunc", built)
    if not isinstance(uf, np.ufunc):  # pragma: no cover - numba API change
        raise TypeError(f"numba returned {type(uf).__name__}, not a numpy.ufunc")
    _ORIGIN.setdefault(id(uf), (name, target, backward))
    return uf
