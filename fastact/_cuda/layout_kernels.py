"""The CUDA kernel that copies between any two layouts of one shape (gathers and scatters).

:mod:`fastact._cuda.layouts` launches it where a kernel takes contiguous arrays only (the
axis functions, the losses, the fused forms): a strided input is gathered into a new
contiguous array on the device, a strided ``out`` is written from one.
"""

# numba.cuda's intrinsics (cuda.grid & co) have no usable types:
# mypy: ignore-errors

from __future__ import annotations

from numba import cuda

from ..kernels.scalar import nd_index, nd_next


@cuda.jit(cache=True)
def copy_nd(out, x):
    """``out[i] = x[i]`` over two 4-d views of one shape, any strides (grid-stride walk)."""
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = nd_index(k, n1, n2, n3), nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = x[i]
        k += step
        i = nd_next(i, s, n1, n2, n3)
