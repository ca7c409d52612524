"""The source lines of one compiled CPU loop and of the CUDA kernels around a scalar kernel.

Shared by :mod:`fastact._tools.generate` (the generated files of the built-ins) and
:mod:`fastact._cpu.user_loops` (user activations, made at run time).  A leaf module.
"""

from __future__ import annotations


def loop_source(fname: str, params: list[str], backward: bool, kernel: str) -> list[str]:
    """The lines of one compiled CPU loop calling ``kernel`` (also for user activations)."""
    arrays = ["grad", "x"] if backward else ["x"]
    call = ", ".join([f"{a}[i]" for a in arrays] + params)
    return [f"def {fname}({', '.join(arrays + ['out'] + params)}):",
            *[f"    {p} = _cast(out, {p})" for p in params],
            "    for i in range(out.size):",
            f"        out[i] = {kernel}({call})"]


SPLIT_ALIGN = 16
"""The pieces of a split start at multiples of 16 elements (whole 64-byte lines)."""


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
            f"    step = (step + {SPLIT_ALIGN - 1}) // {SPLIT_ALIGN} * {SPLIT_ALIGN}",
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
