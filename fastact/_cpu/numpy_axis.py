"""Functions along an axis computed by NumPy expressions (no kernel of their own).

logmeanexp, sparsemax and their gradients (a sort or a few reductions per group, in
float64, rounded once); glu and maxout and their gradients (a split and an elementwise
sigmoid, a grouped max).  The public functions in :mod:`fastact._api.axis` hand their
work here.
"""

from __future__ import annotations

import numpy as np

from .._core.axes import grouping, groups, reduced_shape, single_axis, ungroup
from .._core.axes import mask as _mask
from .._core.dtypes import check_out_array, check_real, requested_dtype, result_dtypes
from . import elementwise as E
from .axis import finish, forward


def _halves(x, axis, fname):
    xa = check_real(x, "x", fname)
    if xa.ndim == 0:
        raise ValueError(f"fastact.{fname}: x must have at least one dimension")
    axis = single_axis(axis, xa.ndim, fname)
    n = xa.shape[axis]
    if n % 2:
        raise ValueError(f"fastact.{fname}: the length of axis {axis} must be even, got {n}")
    lead = (slice(None),) * axis  # (np.split's views, without its ~5 us of Python a call)
    return xa, xa[lead + (slice(0, n // 2),)], xa[lead + (slice(n // 2, n),)], axis


def _maxout_groups(x, k, axis, fname):
    xa = check_real(x, "x", fname)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"fastact.{fname}: k must be an integer, not {type(k).__name__}")
    if k < 1:
        raise ValueError(f"fastact.{fname}: k must be positive, got {k}")
    if xa.ndim == 0:
        raise ValueError(f"fastact.{fname}: x must have at least one dimension")
    axis = single_axis(axis, xa.ndim, fname)
    n = xa.shape[axis]
    if n % k:
        raise ValueError(f"fastact.{fname}: length {n} of axis {axis} is not divisible by k={k}")
    compute, result = result_dtypes([xa])
    shape = xa.shape[:axis] + (n // k, k) + xa.shape[axis + 1:]
    return xa.astype(compute, copy=False).reshape(shape), axis, result


def logmeanexp(x, axis=-1, keepdims=False, out=None, dtype=None, where=None):
    """The work of :func:`fastact.logmeanexp` (see its docstring)."""
    fname = "logmeanexp"
    xa = check_real(x, "x", fname)
    if dtype is not None:
        xa = xa.astype(requested_dtype(dtype, fname), copy=False)
    result = result_dtypes([xa])[1]
    out = check_out_array(out, fname)
    shape = xa.shape
    full, axes = grouping(axis, shape, fname)
    inc = np.ones(full, bool) if where is None else _mask(where, shape, fname).reshape(full)
    x2 = groups(xa.reshape(full).astype(np.float64), axes)
    i2 = groups(inc, axes)
    with np.errstate(all="ignore"):
        xe = np.where(i2, x2, -np.inf)
        n = i2.sum(axis=1)
        m = xe.max(axis=1, initial=-np.inf)
        mf = np.where(np.isfinite(m), m, 0.0)
        terms = np.where(i2, np.expm1(xe - mf[:, None]), 0.0)
        r = m + np.log1p(terms.sum(axis=1) / n)
        r = np.where(np.isinf(m), m, r)  # -inf everywhere: -inf; +inf: +inf
        r = np.where(np.isnan(xe).any(axis=1) | (n == 0), np.nan, r)
    res = r.reshape(reduced_shape(shape, axes, keepdims) if shape else ()).astype(
        result, copy=False)
    return finish(res, out, fname)


def sparsemax(x, axis=-1, out=None):
    """The work of :func:`fastact.sparsemax` (see its docstring)."""
    fname = "sparsemax"
    xa = check_real(x, "x", fname)
    result = result_dtypes([xa])[1]
    out = check_out_array(out, fname)
    shape = xa.shape
    full, axes = grouping(axis, shape, fname)
    z = groups(xa.reshape(full).astype(np.float64), axes)
    g, n = z.shape
    with np.errstate(all="ignore"):
        srt = -np.sort(-z, axis=1)  # descending; -inf last, NaN first
        k = np.arange(1, n + 1, dtype=np.float64)
        csum = np.cumsum(srt, axis=1)
        inside = 1.0 + k * srt > csum
        support = inside.sum(axis=1)  # the condition holds exactly for k = 1..k(z)
        kz = np.maximum(support, 1)
        top = np.where(np.arange(n) < kz[:, None], srt, 0.0).sum(axis=1) if n else np.zeros(g)
        tau = (top - 1.0) / kz
        p = np.maximum(z - tau[:, None], 0.0)
        bad = np.isnan(z).any(axis=1) | (z == np.inf).any(axis=1) | (z == -np.inf).all(axis=1)
        p = np.where(bad[:, None], np.nan, p)
    res = ungroup(p, full, axes).reshape(shape).astype(result, copy=False)
    return finish(res, out, fname)


def sparsemax_backward(grad, y, axis=-1, out=None):
    """The work of :func:`fastact.sparsemax_backward` (see its docstring)."""
    fname = "sparsemax_backward"
    g = check_real(grad, "grad", fname)
    ya = check_real(y, "y", fname)
    result = result_dtypes([g, ya], [grad, y])[1]
    out = check_out_array(out, fname)
    shape = ya.shape
    full, axes = grouping(axis, shape, fname)
    y2 = groups(ya.reshape(full).astype(np.float64), axes)
    g2 = groups(np.broadcast_to(g, shape).reshape(full).astype(np.float64), axes)
    with np.errstate(all="ignore"):
        s = y2 > 0
        mean = np.where(s, g2, 0.0).sum(axis=1) / s.sum(axis=1)
        d = np.where(s, g2 - mean[:, None], 0.0)
        d = np.where(np.isnan(y2), np.nan, d)
    res = ungroup(d, full, axes).reshape(shape).astype(result, copy=False)
    return finish(res, out, fname)


def glu(x, axis=-1):
    """The work of :func:`fastact.glu` (see its docstring)."""
    from . import fused

    xa, _, _, ax = _halves(x, axis, "glu")  # (glu's own checks and messages)
    # the gated unit's one pass, the second half the gate: sigmoid(b) rounded, times a
    # (the bits of a * fastact.sigmoid(b) in float32 and float64), without the separate
    # calls' temporaries (19.5 -> 5 us on an (8, 32) float32 array)
    return fused.gated_forward("sigmoid", (), xa, None, ax, "second", None, None, "glu")


def glu_backward(grad, x, axis=-1):
    """The work of :func:`fastact.glu_backward` (see its docstring)."""
    xa, a, b, axis = _halves(x, axis, "glu_backward")
    g = check_real(grad, "grad", "glu_backward")
    _, result = result_dtypes([g, xa], [grad, x])
    a64, b64, g64 = (np.asarray(v, np.float64) for v in (a, b, g))
    da = E.call("sigmoid", False, (b64,), (), None, "glu_backward", E.on_ndarrays) * g64
    db = E.call("sigmoid", True, (g64 * a64, b64), (), None, "glu_backward", E.on_ndarrays)
    return np.concatenate([da, db], axis=axis).astype(result, copy=False)


def maxout(x, k, axis=-1):
    """The work of :func:`fastact.maxout` (see its docstring)."""
    g, axis, result = _maxout_groups(x, k, axis, "maxout")
    return np.max(g, axis=axis + 1).astype(result, copy=False)


def maxout_backward(grad, x, k, axis=-1):
    """The work of :func:`fastact.maxout_backward` (see its docstring)."""
    xg, axis, result = _maxout_groups(x, k, axis, "maxout_backward")
    gr = check_real(grad, "grad", "maxout_backward")
    _, result = result_dtypes([gr, np.asarray(x)], [grad, x])
    idx = np.expand_dims(np.argmax(xg, axis=axis + 1), axis + 1)
    g = np.broadcast_to(np.asarray(gr, np.float64), idx.shape[:axis + 1] + idx.shape[axis + 2:])
    dx = np.zeros(xg.shape, np.float64)
    np.put_along_axis(dx, idx, np.expand_dims(g, axis + 1), axis=axis + 1)
    return dx.reshape(np.shape(x)).astype(result, copy=False)


HVP = ("softmax", "log_softmax", "logsumexp")
"""The functions along an axis whose Hessian-vector product :func:`hvp` computes."""


def hvp(kind: str, grad, x, v, axis=-1, out=None):
    """The work of :func:`fastact.softmax_hvp` and its siblings (see their docstrings).

    ``d/dt [kind's backward at (grad, x + t v)]`` at ``t = 0``: what ``jax.jvp`` of
    ``jax.grad(lambda x: vdot(grad, f(x)))`` gives.  With ``s = softmax(x)`` (fastact's
    kernel, float64) and ``w = v - <s, v>`` formed as ``(v - v_top) + sum_j s_j (v_top -
    v_j)`` around the row's largest entry (so that it keeps its digits where ``s_top``
    rounds to 1): logsumexp ``g s w``; log_softmax ``-(sum g) s w``; softmax ``s (w (g -
    <g, s>) - <g, s w>)``, ``g - <g, s>`` formed around the top entry in the same way.
    """
    fname = f"{kind}_hvp"
    xa, va = check_real(x, "x", fname), check_real(v, "v", fname)
    ga = check_real(grad, "grad", fname)
    if va.shape != xa.shape:
        raise ValueError(f"fastact.{fname}: v has shape {va.shape}, x {xa.shape}; they must match")
    result = result_dtypes([xa, va, ga], [x, v, grad])[1]
    out = check_out_array(out, fname)
    shape = xa.shape
    full, axes = grouping(axis, shape, fname)
    x2 = groups(xa.reshape(full).astype(np.float64), axes)
    v2 = groups(va.reshape(full).astype(np.float64), axes)
    if kind == "logsumexp":
        keep = reduced_shape(full, axes, True)
        try:
            gk = np.broadcast_to(ga.astype(np.float64), reduced_shape(full, axes, False)).reshape(keep)
        except ValueError:
            try:
                gk = np.broadcast_to(ga.astype(np.float64), keep)
            except ValueError:
                raise ValueError(f"fastact.{fname}: grad of shape {ga.shape} does not broadcast "
                                 f"to the reduced shape of x") from None
        g2 = groups(np.broadcast_to(gk, full), axes)
    else:
        try:
            g2 = groups(np.broadcast_to(ga.astype(np.float64), shape).reshape(full), axes)
        except ValueError:
            raise ValueError(f"fastact.{fname}: grad of shape {ga.shape} does not broadcast to "
                             f"x's shape {shape}") from None
    rows = np.arange(x2.shape[0])
    with np.errstate(all="ignore"):
        s = forward(x2, -1, fname) if x2.size else np.zeros_like(x2)
        top = np.argmax(np.where(np.isnan(x2), -np.inf, x2), axis=1) if x2.size else rows

        def centred(a):  # a - <s, a>, around the top entry
            at = a[rows, top][:, None] if a.size else a[:, :1]
            return (a - at) + np.sum(s * (at - a), axis=1, keepdims=True)

        w = centred(v2)
        ds = s * w
        if kind == "logsumexp":
            r = g2 * ds
        elif kind == "log_softmax":
            r = -np.sum(g2, axis=1, keepdims=True) * ds
        else:
            r = s * (w * centred(g2) - np.sum(g2 * ds, axis=1, keepdims=True))
    res = ungroup(r, full, axes).reshape(shape).astype(result, copy=False)
    return finish(res, out, fname)
