"""Compiled code of the user activations (:func:`fastact.activation`): loops and CUDA kernels.

What :mod:`fastact._generated.loops` and :mod:`fastact._generated.cuda_kernels` hold for the built-ins, made
at run time from the entry in :data:`fastact._spec.registry.USER` (so not cached on disk).
A leaf module: the dispatcher and :mod:`fastact.cuda` import it.
"""

from __future__ import annotations

from typing import Any

from .._spec.registry import USER

_LOOPS: dict[str, Any] = {}


def forget(name: str) -> None:
    """Drop the loops of ``name`` (it is being defined again)."""
    _LOOPS.pop(name, None)
    _LOOPS.pop(name + "_backward", None)


def loop(fname: str):
    """The fast loop of a user activation (as :mod:`fastact._generated.loops` has for the built-ins)."""
    found = _LOOPS.get(fname)
    if found is not None:
        return found
    from .._core.jit import jit
    from .._core.templates import loop_source
    from ..kernels._scalar import cast_like

    backward = fname.endswith("_backward")
    name = fname[: -len("_backward")] if backward else fname
    e = USER[name]
    lines = loop_source(fname, [p.name for p in e.ufunc_params], backward, "_kernel")
    namespace = {"_cast": cast_like, "_kernel": e.backward if backward else e.forward}
    exec(compile("\n".join(lines) + "\n", f"<fastact loop {fname}>", "exec"), namespace)
    fn = _LOOPS[fname] = jit(nogil=True, cache=False)(namespace[fname])
    return fn


def cuda_kernel_source(name: str) -> str:
    """Grid-stride CUDA kernels of a user activation, as :mod:`fastact._generated.cuda_kernels` has."""
    from .._core.templates import cuda_sources

    params = [p.name for p in USER[name].ufunc_params]
    lines: list[str] = []
    for backward in (False, True):
        fname = name + ("_backward" if backward else "")
        for kernel_lines in cuda_sources(fname, params, backward, "_b" if backward else "_f"):
            lines += [*kernel_lines, ""]
    return "\n".join(lines)


def cuda_kernel(kname: str):
    """One launched CUDA kernel of a user activation (compiled by numba-cuda, not cached)."""
    from numba import cuda

    from .._core.jit import compiled

    base = kname.removesuffix("_p").removesuffix("_backward")

    def build():
        e = USER[base]
        namespace = {"cuda": cuda, "_f": e.forward, "_b": e.backward}
        exec(compile(cuda_kernel_source(base), f"<fastact cuda {base}>", "exec"), namespace)
        return cuda.jit(namespace[kname])

    return compiled(("cuda kernel", kname), build)
