"""Kernels of the softmax cross-entropy along the last axis of a C-contiguous (rows, n) array.

With ``m = max_j x_j`` (at ``j*``) and ``R = sum_{j != j*} e^{x_j - m}`` (float64, a
compensated sum), ``logsumexp(x) - x_j = (m - x_j) + log1p(R)``: two terms that are never
negative, so the loss keeps its digits as it goes to 0 (a confident, correct row: ``m =
x_k``, the loss is ``log1p(R)`` itself) where ``logsumexp(x) - x_k`` cancels them away.
The loss of a row with target coefficients ``c_j >= 0`` is ``sum_j c_j (m - x_j) +
C log1p(R)``, ``C = sum_j c_j``; the index form has one coefficient, ``w`` at ``k``.

The gradient is ``g (C p_j - c_j)`` with ``p_j = e^{x_j - m} / (1 + R)``; at ``j*``, where
``p`` may round to 1, it is ``g ((C - c_{j*}) - C R / (1 + R))``: ``1 - p_{j*}`` is taken
from the other terms, not from ``p``.

Rows are as :func:`fastact.log_softmax` has them: a row holding NaN, +inf, or only -inf
gives NaN (loss and gradient); a -inf entry with a positive coefficient gives an infinite
loss.  Everything is computed in float64 and rounded once to ``out``'s dtype.
"""

import numpy as np

from .._core.jit import jit
from . import scalar as S

_row = jit(nogil=True)


@_row
def _max_at(xr):
    """(max, its first index, any NaN) of a row, in float64."""
    m = -np.inf
    at = 0
    nan = False
    for j in range(xr.size):
        v = np.float64(xr[j])
        if v != v:
            nan = True
        elif v > m:
            m = v
            at = j
    return m, at, nan


@_row
def _rest(xr, m, at):
    """``R = sum_{j != at} e^{x_j - m}``, compensated (Neumaier), every term in [0, 1]."""
    s = 0.0
    c = 0.0
    for j in range(xr.size):
        if j != at:
            e = S.exp(np.float64(xr[j]) - m)
            t = s + e
            c += (s - t) + e if s >= e else (e - t) + s  # the part of the smaller one lost
            s = t
    return s + c


@_row
def xent_index_rows(x, labels, w, out):
    """``out[i] = w[i] (logsumexp(x[i]) - x[i, labels[i]])``; 0 where ``w[i] == 0``."""
    for i in range(x.shape[0]):
        if w[i] == 0.0:
            out[i] = 0.0
            continue
        xr = x[i]
        m, at, nan = _max_at(xr)
        if nan or m == np.inf or m == -np.inf:
            out[i] = np.nan
            continue
        loss = (m - np.float64(xr[labels[i]])) + S.log1p_pos(_rest(xr, m, at))
        out[i] = w[i] * loss
    return out


@_row
def xent_index_backward_rows(g, x, labels, w, out):
    """``out[i] = g[i] w[i] (softmax(x[i]) - onehot(labels[i]))``; 0 where ``g w == 0``."""
    for i in range(x.shape[0]):
        xr = x[i]
        orow = out[i]
        gw = g[i] * w[i]
        if w[i] == 0.0:
            orow[:] = 0.0
            continue
        m, at, nan = _max_at(xr)
        if nan or m == np.inf or m == -np.inf:
            orow[:] = np.nan
            continue
        r = _rest(xr, m, at)
        s = 1.0 + r
        k = labels[i]
        for j in range(xr.size):
            if j == at:
                d = -gw * (r / s) if j == k else gw / s
            else:
                p = S.exp(np.float64(xr[j]) - m) / s
                d = gw * (p - 1.0) if j == k else gw * p
            orow[j] = d
    return out


@_row
def xent_coef_rows(x, c, out):
    """``out[i] = sum_j c[i, j] (logsumexp(x[i]) - x[i, j])``, ``c >= 0``; 0 where ``C = 0``."""
    for i in range(x.shape[0]):
        xr = x[i]
        cr = c[i]
        total = 0.0
        for j in range(xr.size):
            total += cr[j]
        if total == 0.0:
            out[i] = 0.0
            continue
        m, at, nan = _max_at(xr)
        if nan or m == np.inf or m == -np.inf:
            out[i] = np.nan
            continue
        s = 0.0
        comp = 0.0
        for j in range(xr.size):
            if cr[j] != 0.0:  # (0 * inf is no part of the loss)
                e = cr[j] * (m - np.float64(xr[j]))
                t = s + e
                comp += (s - t) + e if s >= e else (e - t) + s
                s = t
        out[i] = (s + comp) + total * S.log1p_pos(_rest(xr, m, at))
    return out


@_row
def xent_coef_backward_rows(g, x, c, out):
    """``out[i, j] = g[i] (C p_j - c[i, j])``, ``C = sum_j c[i, j]``; 0 where ``g C == 0``."""
    for i in range(x.shape[0]):
        xr = x[i]
        cr = c[i]
        orow = out[i]
        total = 0.0
        for j in range(xr.size):
            total += cr[j]
        if total == 0.0:
            orow[:] = 0.0
            continue
        m, at, nan = _max_at(xr)
        if nan or m == np.inf or m == -np.inf:
            orow[:] = np.nan
            continue
        r = _rest(xr, m, at)
        s = 1.0 + r
        others = 0.0  # C - c_{j*}, summed from the others (not a difference)
        for j in range(xr.size):
            if j != at:
                others += cr[j]
        gi = g[i]
        for j in range(xr.size):
            if j == at:
                d = gi * (others - total * (r / s))
            else:
                d = gi * (total * (S.exp(np.float64(xr[j]) - m) / s) - cr[j])
            orow[j] = d
    return out
