"""Compiled code of the user activations (:func:`fastact.activation`): loops and CUDA kernels.

What :mod:`fastact._loops` and :mod:`fastact._cuda_kernels` hold for the built-ins, made
at run time from the entry in :data:`fastact._registry.USER` (so not cached on disk).
A leaf module: the dispatcher and :mod:`fastact.cuda` import it.
"""

from __future__ import annotations

from typing import Any

from ._registry import USER

_LOOPS: dict[str, Any] = {}


def forget(name: str) -> None:
    """Drop the loops of ``name`` (it is being defined again)."""
    _LOOPS.pop(name, None)
    _LOOPS.pop(name + "_backward", None)


def loop(fname: str):
    """The fast loop of a user activation (as :mod:`fastact._loops` has for the built-ins)."""
    found = _LOOPS.get(fname)
    if found is not None:
        return found
    from ._jit import jit
    from .kernels._scalar import cast_like

    backward = fname.endswith("_backward")
    name = fname[: -len("_backward")] if backward else fname
    e = USER[name]
    params = [p.name for p in e.ufunc_params]
    arrays = ["grad", "x"] if backward else ["x"]
    call = ", ".join([f"{a}[i]" for a in arrays] + params)
    lines = [f"def {fname}({', '.join(arrays + ['out'] + params)}):"]
    lines += [f"    {p} = _cast(out, {p})" for p in params]
    lines += ["    for i in range(out.size):", f"        out[i] = _kernel({call})"]
    namespace = {"_cast": cast_like, "_kernel": e.backward if backward else e.forward}
    exec(compile("\n".join(lines) + "\n", f"<fastact loop {fname}>", "exec"), namespace)
    fn = _LOOPS[fname] = jit(nogil=True, cache=False)(namespace[fname])
    return fn


def cuda_kernel_source(name: str) -> str:
    """Grid-stride CUDA kernels of a user activation, as :mod:`fastact._cuda_kernels` has."""
    e = USER[name]
    params = [p.name for p in e.ufunc_params]
    lines = []
    for backward in (False, True):
        arrays = ["grad", "x"] if backward else ["x"]
        fname = name + ("_backward" if backward else "")
        variants = [(fname, params)] + ([(fname + "_p", [f"{p}[i]" for p in params])]
                                        if params else [])
        for kname, pargs in variants:
            call = ", ".join([f"{a}[i]" for a in arrays] + pargs)
            lines += [f"def {kname}({', '.join(['out'] + arrays + params)}):",
                      "    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)",
                      "    while i < n:",
                      f"        out[i] = {'_b' if backward else '_f'}({call})",
                      "        i += step", ""]
    return "\n".join(lines)


def cuda_kernel(kname: str):
    """One launched CUDA kernel of a user activation (compiled by numba-cuda, not cached)."""
    from numba import cuda

    from ._jit import compiled

    base = kname.removesuffix("_p").removesuffix("_backward")

    def build():
        e = USER[base]
        namespace = {"cuda": cuda, "_f": e.forward, "_b": e.backward}
        exec(compile(cuda_kernel_source(base), f"<fastact cuda {base}>", "exec"), namespace)
        return cuda.jit(namespace[kname])

    return compiled(("cuda kernel", kname), build)
