"""Row kernels for the softmax family: ``x`` is (rows, n), C-contiguous.

Each row: a max (NaN and +-inf rows handled first), ``exp(x - max)`` accumulated in
float64 (also for float32 input), then one scale or log.  ``sign = -1`` gives softmin.
``nogil`` lets :mod:`fastact._rows` run blocks of rows on several threads.
"""

import math

import numpy as np
from numba import njit

from . import _scalar as S

MODE_SOFTMAX = 0
MODE_LOG_SOFTMAX = 1


@njit(cache=True, nogil=True, error_model="numpy")
def _row_max(x, i, sign):
    m = -np.inf
    bad = False
    for j in range(x.shape[1]):
        v = sign * np.float64(x[i, j])
        if v > m:
            m = v
        elif v != v:
            bad = True
    return m, bad


@njit(cache=True, nogil=True, error_model="numpy")
def softmax_rows(x, out, sign, mode):
    """softmax (mode 0) or log_softmax (mode 1) of each row of ``x`` into ``out``."""
    n = x.shape[1]
    buf = np.empty(n, np.float64)
    for i in range(x.shape[0]):
        m, bad = _row_max(x, i, sign)
        if bad or m == np.inf or m == -np.inf:
            for j in range(n):
                out[i, j] = np.nan
            continue
        s = 0.0
        for j in range(n):
            d = sign * np.float64(x[i, j]) - m
            buf[j] = d
            s += S.exp(d)
        if mode == MODE_SOFTMAX:
            for j in range(n):
                out[i, j] = S.exp(buf[j]) / s
        else:
            ls = math.log(s)
            for j in range(n):
                out[i, j] = buf[j] - ls
    return out


@njit(cache=True, nogil=True, error_model="numpy")
def logsumexp_rows(x, out):
    """``out[i] = log(sum(exp(x[i])))``; -inf for all -inf rows, +inf with +inf, NaN with NaN."""
    for i in range(x.shape[0]):
        m, bad = _row_max(x, i, 1.0)
        if bad:
            out[i] = np.nan
            continue
        if m == np.inf or m == -np.inf:
            out[i] = m
            continue
        s = 0.0
        for j in range(x.shape[1]):
            s += S.exp(np.float64(x[i, j]) - m)
        out[i] = m + math.log(s)
    return out
