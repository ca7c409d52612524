"""CUDA kernels of the fused forms' bias gradients: compensated column sums.

The fused kernels themselves (``NAME_bias`` and the rest) are generated per activation
(:mod:`fastact._generated.cuda_kernels`); the sum of ``dx`` over the rows of the
``(rows, m)`` frame is one kernel for all of them.
"""

# numba.cuda's intrinsics (cuda.grid & co) have no usable types:
# mypy: ignore-errors

from __future__ import annotations

from numba import cuda, float64


@cuda.jit(cache=True)
def column_sums(out, d, stride, offset, rows, m):
    """``out[j] = sum_r d[r * stride + offset + j]`` for ``j < m``: one thread per column.

    Float64 with Neumaier's compensation, the rows in order: the result depends on nothing
    but the data (no atomics), within about one rounding of the exact sum plus
    ``rows eps**2`` times the sum of magnitudes.  Neighbouring threads read neighbouring
    columns (coalesced).  The adds and subtractions of the compensation have no product
    for FMA contraction to change.
    """
    j, step = cuda.grid(1), cuda.gridsize(1)
    while j < m:  # (grid-stride: the launch caps the blocks)
        s = float64(0.0)
        c = float64(0.0)
        for r in range(rows):
            v = float64(d[r * stride + offset + j])
            t = s + v
            if abs(s) >= abs(v):
                c += (s - t) + v
            else:
                c += (v - t) + s
            s = t
        out[j] = s + c
        j += step
