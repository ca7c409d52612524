"""logsumexp with weights and a sign (SciPy's ``b=`` and ``return_sign=``), and its gradient.

``log|sum_i b_i e^{x_i}|`` per group, in float64: with ``m`` the largest included ``x``
(an entry is included where ``b != 0`` and ``where`` allows it) and ``k`` its index, the
sum is ``1 + T`` with ``T = (b_k - 1) + sum_{i != k} b_i e^{x_i - m}``, so that
``log1p(T)`` keeps the digits of a result near 0 as the unweighted kernels do.  A NumPy
evaluation (the weights make it a different kernel; it is not the fast path).
"""

from __future__ import annotations

import numpy as np

from .._core.axes import grouping, groups, mask, reduced_shape, ungroup
from .._core.dtypes import check_out_array, check_real, requested_dtype, result_dtypes
from .axis import finish


def _prepare(x, b, axis, where, fname):
    xa = check_real(x, "x", fname)
    ba = check_real(1.0 if b is None else b, "b", fname)
    compute, result = result_dtypes([xa] if b is None else [xa, ba])
    try:
        shape = np.broadcast_shapes(xa.shape, ba.shape)
    except ValueError:
        raise ValueError(f"fastact.{fname}: b of shape {ba.shape} does not broadcast against "
                         f"x of shape {xa.shape}") from None
    inc = np.broadcast_to(ba, shape) != 0
    if where is not None:
        inc = inc & mask(where, shape, fname)
    full, axes = grouping(axis, shape, fname)
    x2 = groups(np.broadcast_to(xa, shape).reshape(full).astype(np.float64), axes)
    b2 = groups(np.broadcast_to(ba, shape).reshape(full).astype(np.float64), axes)
    i2 = groups(inc.reshape(full), axes)
    return xa, ba, shape, full, axes, x2, b2, i2, result


def _terms(x2, b2, i2):
    """Per group: ``m``, ``e = e^{x - m}`` (0 where excluded), ``S' = 1 + T`` and ``T``."""
    g, n = x2.shape
    xe = np.where(i2, x2, -np.inf)
    be = np.where(i2, b2, 0.0)
    if n == 0:
        m = np.full(g, -np.inf)
        return m, np.zeros((g, 0)), xe, be, np.zeros(g), np.full(g, -1.0)
    k = np.argmax(np.where(np.isnan(xe), -np.inf, xe), axis=1)
    rows = np.arange(g)
    m = xe[rows, k]
    mf = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(xe - mf[:, None])
    t = be * e
    t[rows, k] = be[rows, k] - 1.0  # e^0 = 1 exactly: the dominant term less 1
    T = t.sum(axis=1)
    return m, e, xe, be, 1.0 + T, T


def logsumexp_weighted(x, b, axis, keepdims, return_sign, where, fname="logsumexp"):
    """``scipy.special.logsumexp(x, axis, b, keepdims, return_sign)`` (and JAX's ``where``)."""
    xa, ba, shape, full, axes, x2, b2, i2, result = _prepare(x, b, axis, where, fname)
    with np.errstate(all="ignore"):
        m, e, xe, be, S, T = _terms(x2, b2, i2)
        logabs = np.where(S > 0, np.log1p(T), np.log(-S))
        r = m + logabs
        sign = np.sign(S)
        empty = m == -np.inf  # nothing included, or only -inf: log 0
        r = np.where(empty, -np.inf, r)
        sign = np.where(empty, 0.0, sign)
        posinf = m == np.inf  # the sign of the weights at +inf decides; +inf - inf: NaN
        if posinf.any():
            s_inf = np.sum(np.where(xe == np.inf, be, 0.0), axis=1)
            r = np.where(posinf, np.where(s_inf != 0, np.inf, np.nan), r)
            sign = np.where(posinf, np.where(s_inf != 0, np.sign(s_inf), np.nan), sign)
        bad = np.isnan(xe).any(axis=1) if xe.shape[1] else np.zeros(len(m), bool)
        r = np.where(bad, np.nan, r)
        sign = np.where(bad, np.nan, sign)
        if not return_sign:
            r = np.where(sign < 0, np.nan, r)  # SciPy: the log of a negative sum is NaN
    out_shape = reduced_shape(shape, axes, keepdims) if shape else ()
    res = r.reshape(out_shape).astype(result, copy=False)
    res = res[()] if res.ndim == 0 else res
    if return_sign:
        sg = sign.reshape(out_shape).astype(result, copy=False)
        return res, (sg[()] if sg.ndim == 0 else sg)
    return res


def logsumexp_weighted_backward(grad, x, b, axis, where, fname="logsumexp_backward"):
    """Gradients of ``log|sum b e^x|`` with respect to ``x`` and ``b``: ``(dx, db)``.

    ``dx_i = g b_i e^{x_i} / S`` and ``db_i = g e^{x_i} / S`` (``S`` signed); entries that
    ``where`` masks get 0 in both, ``db`` is summed down to ``b``'s shape.
    """
    xa, ba, shape, full, axes, x2, b2, i2, result = _prepare(x, b, axis, where, fname)
    g = check_real(grad, "grad", fname)
    result = result_dtypes([g, xa] if b is None else [g, xa, ba], [grad, x, b])[1]
    keep = reduced_shape(full, axes, True)
    try:
        gk = np.broadcast_to(g, reduced_shape(full, axes, False)).reshape(keep)
    except ValueError:
        try:
            gk = np.broadcast_to(g, keep)
        except ValueError:
            raise ValueError(f"fastact.{fname}: grad of shape {g.shape} does not broadcast to "
                             "the reduced or keepdims shape of the result") from None
    g2 = groups(np.asarray(gk, np.float64), axes)[:, :1]
    allowed = np.ones(full, bool) if where is None else _allowed(where, shape, full, fname)
    a2 = groups(allowed, axes)
    with np.errstate(all="ignore"):
        m, e, xe, be, S, T = _terms(x2, b2, i2)
        mf = np.where(np.isfinite(m), m, 0.0)[:, None]
        e_all = np.where(a2, np.exp(x2 - mf), 0.0)  # also where b == 0: db is defined there
        dx2 = g2 * (be * e) / S[:, None]
        db2 = g2 * e_all / S[:, None]
    dx = ungroup(dx2, full, axes).reshape(shape).astype(result, copy=False)
    db = ungroup(db2, full, axes).reshape(shape)
    db = _sum_to(db, ba.shape).astype(result, copy=False)
    return dx[()] if dx.ndim == 0 else dx, db[()] if db.ndim == 0 else db


def _allowed(where, shape, full, fname):
    return mask(where, shape, fname).reshape(full)


def _sum_to(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``a`` summed over the axes that broadcasting added or stretched, to ``shape``."""
    lead = a.ndim - len(shape)
    a = a.sum(axis=tuple(range(lead))) if lead > 0 else a
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and a.shape[i] != 1)
    return a.sum(axis=stretched, keepdims=True) if stretched else a


def logsumexp(x, axis, keepdims, b, return_sign, out, dtype, where):
    """:func:`fastact.logsumexp` with ``b=`` or ``return_sign=``: the public arguments."""
    xa = check_real(x, "x", "logsumexp")
    if dtype is not None:
        xa = xa.astype(requested_dtype(dtype, "logsumexp"), copy=False)
    r = logsumexp_weighted(xa, b, axis, keepdims, return_sign, where)
    out = check_out_array(out, "logsumexp")
    if return_sign:
        return finish(np.asarray(r[0]), out, "logsumexp") if out is not None else r[0], r[1]
    return r if out is None else finish(np.asarray(r), out, "logsumexp")


def logsumexp_backward(grad, x, axis, b, out, where):
    """:func:`fastact.logsumexp_backward` with ``b=``: ``(dx, db)``."""
    dx, db = logsumexp_weighted_backward(grad, x, b, axis, where)
    out = check_out_array(out, "logsumexp_backward")
    return (dx if out is None else finish(np.asarray(dx), out, "logsumexp_backward")), db

