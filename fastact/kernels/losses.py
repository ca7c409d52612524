"""Kernels of the softmax cross-entropy along the last axis of a C-contiguous (rows, n) array.

With ``m = max_j x_j`` and ``R = sum_j e^{x_j - m} - 1`` (the maximum's own term left out,
so that ``R`` keeps its digits when it is tiny), ``logsumexp(x) - x_j = (m - x_j) +
log1p(R)``: two terms that are never negative, so the loss keeps its digits as it goes to
0 (a confident, correct row: ``m = x_k``, the loss is ``log1p(R)`` itself) where
``logsumexp(x) - x_k`` cancels them away.  The loss of a row with target coefficients
``c_j >= 0`` is ``sum_j c_j (m - x_j) + C log1p(R)``, ``C = sum_j c_j``; the index form
has one coefficient, ``w`` at ``k``.

The gradient is ``g (C p_j - c_j)`` with ``p_j = e^{x_j - m} / (1 + R)``; at the (first)
maximum, where ``p`` may round to 1, it is ``g ((C - c_{j*}) - C R / (1 + R))``: ``1 - p``
comes from the other terms, not from ``p``, and ``C - c_{j*}`` from the other
coefficients.

``bce_flat`` and ``bce_backward_flat``: the sigmoid binary cross-entropy, elementwise over
flat float64 arrays, from ``log_sigmoid`` and ``sigmoid`` of both signs.

Every row is computed in float64 (``x_j - m`` exactly for float32 input), with loops that
vectorize: ``e^{x_j - m}`` into a row buffer (:func:`fastact.kernels.scalar.exp`, no libm
call), then sums over blocks of 256 compiled with ``reassoc`` (SIMD partial sums) whose
block sums are added with compensation (Neumaier): the error of a sum stays a few ulp of
its terms' total however long the row.  Rows are as :func:`fastact.log_softmax` has
them: NaN, +inf, or only -inf in a row give NaN (loss and gradient); a -inf logit with a
positive coefficient gives an infinite loss; a row whose coefficients are all 0 gives 0.
"""

import numpy as np

from .._core.jit import jit
from . import scalar as S
from .axis import line_max
from .logistic import log_sigmoid

_row = jit(nogil=True)
_sums = jit(nogil=True, fastmath=frozenset({"reassoc"}))
_BLOCK = 256


@_row
def _exp_into(xr, buf, m):
    for j in range(xr.size):
        buf[j] = S.exp(np.float64(xr[j]) - m)


@_sums
def _block_rest(buf, lo, hi):
    """(sum of ``buf[lo:hi]`` less its exact ones, how many ones): SIMD partial sums."""
    s = 0.0
    ones = 0.0
    for j in range(lo, hi):
        e = buf[j]
        one = e == 1.0
        s += 0.0 if one else e
        ones += 1.0 if one else 0.0
    return s, ones


@_sums
def _block_sum(v, lo, hi):
    s = 0.0
    for j in range(lo, hi):
        s += np.float64(v[j])
    return s


@_sums
def _block_dot(c, xr, m, lo, hi):
    """``sum c_j (m - x_j)`` over ``lo:hi``, terms with ``c_j == 0`` left out (0 * inf)."""
    s = 0.0
    for j in range(lo, hi):
        cj = c[j]
        term = cj * (m - np.float64(xr[j]))  # computed on every lane, then selected: a
        s += 0.0 if cj == 0.0 else term  # product under the branch stays scalar on AVX2
    return s


@_row
def _add(s, comp, e):
    """Neumaier's step: ``(s + e, the lost low part added to comp)``."""
    t = s + e
    comp += (s - t) + e if abs(s) >= abs(e) else (e - t) + s
    return t, comp


@_row
def _rest(buf):
    """``R = sum(buf) - 1``: the terms other than 1 summed, the ones counted apart."""
    s = comp = ones = 0.0
    for lo in range(0, buf.size, _BLOCK):
        e, k = _block_rest(buf, lo, min(lo + _BLOCK, buf.size))
        s, comp = _add(s, comp, e)
        ones += k
    return (s + comp) + (ones - 1.0)


@_row
def _sum(v, lo, hi):
    s = comp = 0.0
    for b in range(lo, hi, _BLOCK):
        s, comp = _add(s, comp, _block_sum(v, b, min(b + _BLOCK, hi)))
    return s + comp


@_row
def _dot(c, xr, m):
    s = comp = 0.0
    for lo in range(0, xr.size, _BLOCK):
        s, comp = _add(s, comp, _block_dot(c, xr, m, lo, min(lo + _BLOCK, xr.size)))
    return s + comp


@_row
def _first(xr, m):
    for j in range(xr.size):
        if np.float64(xr[j]) == m:
            return j
    return 0


@_row
def _row_rest(xr, buf):
    """(m, R) of a row, R NaN for a row that gives NaN (NaN, +inf or only -inf)."""
    m = np.float64(line_max(xr, 1.0))
    if m == np.inf or m == -np.inf:
        return m, np.nan
    _exp_into(xr, buf, m)
    return m, _rest(buf)  # (NaN if the row holds one)


@_row
def xent_index_rows(x, labels, w, out):
    """``out[i] = w[i] (logsumexp(x[i]) - x[i, labels[i]])``; 0 where ``w[i] == 0``."""
    buf = np.empty(x.shape[1])
    for i in range(x.shape[0]):
        if w[i] == 0.0:
            out[i] = 0.0
            continue
        m, r = _row_rest(x[i], buf)
        out[i] = w[i] * ((m - np.float64(x[i, labels[i]])) + S.log1p_pos(r))
    return out


@_row
def xent_index_backward_rows(g, x, labels, w, out):
    """``out[i] = g[i] w[i] (softmax(x[i]) - onehot(labels[i]))``; 0 where ``w[i] == 0``."""
    buf = np.empty(x.shape[1])
    for i in range(x.shape[0]):
        orow = out[i]
        if w[i] == 0.0:
            orow[:] = 0.0
            continue
        m, r = _row_rest(x[i], buf)
        gw = g[i] * w[i]
        s = 1.0 + r
        for j in range(orow.size):
            orow[j] = gw * (buf[j] / s)
        k = labels[i]
        if r != r:
            orow[:] = np.nan
        elif np.float64(x[i, k]) == m:  # p_k may round to 1: 1 - p_k = R / (1 + R)
            orow[k] = -gw * (r / s)
        else:  # p_k <= 1/2
            orow[k] = gw * (buf[k] / s - 1.0)
    return out


@_row
def xent_coef_rows(x, c, out):
    """``out[i] = sum_j c[i, j] (logsumexp(x[i]) - x[i, j])``, ``c >= 0``; 0 where ``C = 0``."""
    buf = np.empty(x.shape[1])
    for i in range(x.shape[0]):
        total = _sum(c[i], 0, c.shape[1])
        if total == 0.0:
            out[i] = 0.0
            continue
        m, r = _row_rest(x[i], buf)
        out[i] = np.nan if r != r else _dot(c[i], x[i], m) + total * S.log1p_pos(r)
    return out


@_row
def xent_coef_backward_rows(g, x, c, out):
    """``out[i, j] = g[i] (C p_j - c[i, j])``, ``C = sum_j c[i, j]``; 0 where ``C = 0``."""
    buf = np.empty(x.shape[1])
    n = x.shape[1]
    for i in range(x.shape[0]):
        orow = out[i]
        cr = c[i]
        total = _sum(cr, 0, n)
        if total == 0.0:
            orow[:] = 0.0
            continue
        m, r = _row_rest(x[i], buf)
        if r != r:
            orow[:] = np.nan
            continue
        gi = g[i]
        s = 1.0 + r
        for j in range(n):
            orow[j] = gi * (total * (buf[j] / s) - cr[j])
        at = _first(x[i], m)
        others = _sum(cr, 0, at) + _sum(cr, at + 1, n)  # C - c_{j*}, not a difference
        orow[at] = gi * (others - total * (r / s))
    return out


@_row
def bce_flat(x, t, pw, out):
    """``out = pw t softplus(-x) + (1 - t) softplus(x)`` over 1-d float64 arrays.

    ``softplus(-x) = -log_sigmoid(x)``, each term computed where it is exact and left out
    where its coefficient is 0 (so that ``0 * inf`` is no part of the loss).
    """
    for i in range(out.size):
        xi = x[i]
        ti = t[i]
        a = pw[i] * ti
        up = a * -log_sigmoid(xi)  # both terms on every lane, then selected (a call under
        down = (1.0 - ti) * -log_sigmoid(-xi)  # a branch keeps the loop scalar)
        out[i] = (0.0 if a == 0.0 else up) + (0.0 if ti == 1.0 else down)
    return out


@_row
def bce_backward_flat(g, x, t, pw, out):
    """``out = g ((1 - t) sigmoid(x) - pw t sigmoid(-x))``: both sigmoids direct, no ``1 - s``."""
    for i in range(out.size):
        xi = x[i]
        ti = t[i]
        a = pw[i] * ti
        up = 0.0 if ti == 1.0 else (1.0 - ti) * S.sigmoid(xi)
        down = 0.0 if a == 0.0 else a * S.sigmoid(-xi)
        out[i] = g[i] * (up - down)
    return out
