"""A dense layer ``y = silu(x @ w + b)``, forward and backward, its elementwise part fused.

The example of the docs page "Use fastact inside Numba".  The products stay with BLAS
(NumPy's ``@``); everything elementwise around them runs in one ``@njit(parallel=True)``
loop per direction, while each row is in cache: the bias and SiLU forward; SiLU's
derivative and the bias gradient backward.  ``fastact.silu(row, out=row)`` on a contiguous
row runs fastact's own compiled (vectorized) loop.  ``unfused_*`` is the same layer in
NumPy plus fastact calls, one pass over memory per operation.
"""

import numpy as np
from numba import njit, prange

import fastact

ROWS = 64
"""Rows per block: a block (ROWS x 256 float64 = 128 KiB) stays in the core's L2 cache
between the bias and the activation, and views are made per block, not per row (each view
of an array counts a reference, an atomic operation that the threads would contend for)."""


@njit(parallel=True, cache=True)
def bias_silu(z, b, y):
    """``z += b`` and ``y = silu(z)``, by blocks of rows on all threads."""
    n, m = z.shape
    for c in prange((n + ROWS - 1) // ROWS):
        lo, hi = c * ROWS, min(n, (c + 1) * ROWS)
        for i in range(lo, hi):  # (an array expression here would be a nested parfor)
            for j in range(m):
                z[i, j] += b[j]
        fastact.silu(z[lo:hi].reshape(-1), out=y[lo:hi].reshape(-1))


@njit(parallel=True, cache=True)
def silu_grad_and_bias_grad(dy, z, dz, partial):
    """``dz = silu_backward(dy, z)`` and ``db = dz.sum(axis=0)``, in one pass over the rows.

    ``partial``: zeros, one row per block, for the blocks' column sums.
    """
    n, m = dy.shape
    nblocks = partial.shape[0]
    for c in prange(nblocks):
        lo, hi = c * ROWS, min(n, (c + 1) * ROWS)
        fastact.silu_backward(dy[lo:hi].reshape(-1), z[lo:hi].reshape(-1),
                              out=dz[lo:hi].reshape(-1))
        for i in range(lo, hi):
            for j in range(m):
                partial[c, j] += dz[i, j]
    db = np.zeros(m, dy.dtype)
    for c in range(nblocks):  # a fixed order: the same bits on every run
        for j in range(m):
            db[j] += partial[c, j]
    return db


def dense_forward(x, w, b):
    """``(y, z)``: ``y = silu(z)`` with ``z = x @ w + b`` (kept for the backward).

    The arrays are allocated by NumPy, not inside Numba code: NumPy asks the kernel for
    huge pages for large arrays, Numba's allocator does not, and 4 KiB pages cost a page
    fault each on first touch (about 8 ms for 32 MiB here).
    """
    z = x @ w
    y = np.empty_like(z)
    bias_silu(z, b, y)
    return y, z


def dense_backward(dy, x, w, z):
    """``(dx, dw, db)`` from the gradient ``dy`` of the output and the saved ``z``."""
    dz = np.empty_like(dy)
    partial = np.zeros(((dy.shape[0] + ROWS - 1) // ROWS, dy.shape[1]), dy.dtype)
    db = silu_grad_and_bias_grad(dy, z, dz, partial)
    return dz @ w.T, x.T @ dz, db


def unfused_forward(x, w, b):
    """The same layer in NumPy and fastact calls."""
    z = x @ w
    z += b
    return fastact.silu(z), z


def unfused_backward(dy, x, w, z):
    """The same backward in NumPy and fastact calls."""
    dz = fastact.silu_backward(dy, z)
    return dz @ w.T, x.T @ dz, dz.sum(axis=0)
