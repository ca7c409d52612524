"""The loop contract, and the source lines of the loops and CUDA kernels that keep it.

The contract of a compiled loop (CPU) and of a launched kernel (CUDA) around a scalar
kernel: 1-d contiguous arrays of one dtype (float32 or float64), ``out`` written, and the
parameters passed as float64 (Python numbers) and cast to the arrays' dtype first, as a
ufunc's loop of that dtype casts them (so the loop, the ufunc and the kernel compute with
the same parameter values).  :func:`loop_argtypes` is the signature it is compiled for.

Shared by :mod:`fastact._tools.generate` (the generated files of the built-ins),
:mod:`fastact._cpu.loops` and :mod:`fastact._cuda.elementwise` (user activations, made at
run time).  Imports :mod:`fastact._core.threads` (the alignment of a split) and Numba's
types (lazily).
"""

from __future__ import annotations

from .threads import ALIGN


def ufunc_signatures(nargs: int) -> list[str]:
    """``['f4(f4,...)', 'f8(f8,...)']``: the ufunc loops of a kernel of ``nargs`` inputs."""
    return [f"{t}({','.join([t] * nargs)})" for t in ("f4", "f8")]


def loop_argtypes(float64: bool, nparams: int, backward: bool) -> tuple:
    """The argument types of a compiled loop: 1-d C arrays of the dtype, float64 parameters."""
    from numba import types

    t = types.float64 if float64 else types.float32
    return (types.Array(t, 1, "C"),) * (2 + backward) + (types.float64,) * nparams


def loop_source(fname: str, params: list[str], backward: bool, kernel: str) -> list[str]:
    """The lines of one compiled CPU loop calling ``kernel`` (also for user activations)."""
    arrays = ["grad", "x"] if backward else ["x"]
    call = ", ".join([f"{a}[i]" for a in arrays] + params)
    return [f"def {fname}({', '.join(arrays + ['out'] + params)}):",
            *[f"    {p} = _cast(out, {p})" for p in params],
            "    for i in range(out.size):",
            f"        out[i] = {kernel}({call})"]


def split_source(fname: str, params: list[str], backward: bool) -> list[str]:
    """The lines of ``fname_split``: the loop ``fname`` over ``nthreads`` slices, in ``prange``.

    Numba's threads run one contiguous slice each through the serial (SIMD) loop; a call
    costs microseconds where a Python thread pool costs 60-100 us.
    """
    arrays = ["grad", "x"] if backward else ["x"]
    ps = [f"p{i}" for i in range(len(params))]  # (a parameter may be named like the loop)
    call = ", ".join([f"{a}[lo:hi]" for a in arrays] + ["out[lo:hi]"] + ps)
    return [f"def {fname}_split({', '.join(arrays + ['out'] + ps + ['nthreads'])}):",
            "    n = out.size",
            "    step = (n + nthreads - 1) // nthreads",
            f"    step = (step + {ALIGN - 1}) // {ALIGN} * {ALIGN}",
            "    for j in _prange(nthreads):",
            "        lo = j * step",
            "        hi = min(lo + step, n)",
            "        if lo < hi:",
            f"            {fname}({call})"]


def cuda_sources(fname: str, params: list[str], backward: bool, kernel: str) -> list[list[str]]:
    """The lines of the grid-stride CUDA kernels calling ``kernel``.

    One with scalar parameters and, where there are parameters, one (``fname_p``) with
    parameter arrays (also for user activations).
    """
    arrays = ["grad", "x"] if backward else ["x"]
    variants = [(fname, params)] + ([(fname + "_p", [f"{p}[i]" for p in params])]
                                    if params else [])
    out = []
    for kname, pargs in variants:
        call = ", ".join([f"{a}[i]" for a in arrays] + pargs)
        out.append([f"def {kname}({', '.join(['out'] + arrays + params)}):",
                    "    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)",
                    "    while i < n:  # (a range() with a variable step divides)",
                    f"        out[i] = {kernel}({call})",
                    "        i += step"])
    return out
