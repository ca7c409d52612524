"""Build NumPy ufuncs from the registry's scalar kernels, lazily and cached on disk.

``get(name, target, backward)`` compiles the float32 and float64 loops of one kernel
for one target the first time it is asked for; Numba's on-disk cache (``cache=True``)
makes later processes skip LLVM.  Nothing is compiled at import.
"""

from __future__ import annotations

import copyreg

import numpy as np

from .._core.jit import CACHE, compiled
from .._core.templates import ufunc_signatures
from .._spec.registry import REQUIRED, USER, USER_MODULES, known, lookup

UFUNC_KWARGS = "out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True"

TARGETS = ("cpu", "parallel")


def split_name(attr: str) -> tuple[str, bool]:
    """``("gelu", True)`` for ``"gelu_backward"``."""
    if attr.endswith("_backward"):
        return attr[: -len("_backward")], True
    return attr, False


def ufunc_doc(attr: str, target: str) -> str:
    """The docstring of ``fastact.<target>.<attr>``: its inputs in order, and how to bind them."""
    name, backward = split_name(attr)
    e = lookup(name)
    inputs = (["grad", "x"] if backward else ["x"]) + [p.name for p in e.ufunc_params]
    lines = [f"{attr}({', '.join(inputs)}, /, {UFUNC_KWARGS})", "",
             ("Gradient of " if backward else "") + e.summary.replace("``", ""), "",
             f"A numpy.ufunc of Numba's {target!r} target with {len(inputs)} inputs, in this order: "
             + ", ".join(inputs) + "."]
    if e.ufunc_params:
        defaults = [f"{p.name}={p.default!r}" for p in e.ufunc_params if p.default is not REQUIRED]
        lines += ["The parameters are inputs like x: positional and broadcast, with no defaults"
                  + (f" (fastact.{name} uses {', '.join(defaults)})." if defaults else "."),
                  f"By keyword: fastact.{target}.bind({attr!r}, "
                  + ", ".join(f"{p.name}=..." for p in e.ufunc_params)
                  + f")({', '.join(inputs[:-len(e.ufunc_params)])}),",
                  f"or fastact.{attr}, which also checks the parameters."]
    lines += ["", f"See help(fastact.{attr}) for the formula and conventions."]
    return "\n".join(lines)


def _build(name: str, target: str, backward: bool):
    def build():
        from .ufunc_loop import make_ufunc

        entry = lookup(name)
        kernel = entry.backward if backward else entry.forward
        nargs = 1 + entry.nparams + (1 if backward else 0)
        # a user activation's kernels are made at run time: no file for the disk cache
        built = make_ufunc(kernel.py_func, ufunc_signatures(nargs), target, cache=name not in USER
                           and CACHE)
        uf = getattr(built, "ufunc", built)
        try:  # NumPy >= 2.1 lets a ufunc's docstring be set: help() shows the inputs' order
            uf.__doc__ = ufunc_doc(name + ("_backward" if backward else ""), target)
        except (AttributeError, TypeError):
            pass
        return built

    return compiled(("ufunc", name, target, backward), build, owner=name)


_ORIGIN: dict[int, tuple[str, str, bool]] = {}
_NUMPY_REDUCE = copyreg.dispatch_table.get(np.ufunc)  # numpy's own: by module and name


def _reduce_ufunc(uf):
    """Pickle fastact's ufuncs by reference (Dask workers rebuild them from their cache)."""
    origin = _ORIGIN.get(id(uf))
    if origin is not None and origin[0] in USER:  # the worker must define it first
        return _get_user, (USER_MODULES.get(origin[0], "__main__"), *origin)
    if origin is not None:
        return get, origin
    assert _NUMPY_REDUCE is not None
    return _NUMPY_REDUCE(uf)


copyreg.pickle(np.ufunc, _reduce_ufunc)


def _get_user(module: str, name: str, target: str, backward: bool) -> np.ufunc:
    """Unpickle a user activation's ufunc: import the module that makes it, then build it."""
    if name not in USER:
        import importlib

        importlib.import_module(module)
    return get(name, target, backward)


def get(name: str, target: str = "cpu", backward: bool = False) -> np.ufunc:
    """The :class:`numpy.ufunc` of ``name`` (its backward if ``backward``) for ``target``."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; expected one of {TARGETS}")
    if not known(name) or (backward and lookup(name).backward is None):
        what = name + ("_backward" if backward else "")
        raise AttributeError(f"fastact has no elementwise function {what!r}")
    built = _build(name, target, backward)
    uf = getattr(built, "ufunc", built)
    if not isinstance(uf, np.ufunc):  # pragma: no cover - numba API change
        raise TypeError(f"numba returned {type(uf).__name__}, not a numpy.ufunc")
    _ORIGIN.setdefault(id(uf), (name, target, backward))
    return uf
