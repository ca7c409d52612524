"""CUDA kernels of the losses: softmax cross-entropy by rows, the binary loss elementwise.

Softmax cross-entropy: a block per row ``(o, :, i)`` of the (outer, n, inner) views that
:mod:`fastact._cuda.axis` makes (any axis, C or F order; :data:`ROW_THREADS` threads),
the loss in two passes over the row: the maximum (and NaN), then ``R = sum e^{x_j - m} -
1`` (the maxima counted apart, as on the CPU) with ``C = sum c_j`` and ``D = sum c_j (m -
x_j)``; the gradient, which needs no ``D``, in two as well: ``m``, ``R`` and ``C`` in one
pass with a running maximum (:func:`_grad_stats`), then the output.  The target
coefficients ``c_j`` come from the row's class index or probabilities,
``label_smoothing`` and the class weights (:func:`_coef`): the CPU's definition.
Everything in float64 with float64's ``exp``, also for float32 input (the float32 ``exp``
of a rounded ``x - m`` would cost the smallest losses their digits);
the loss is ``D + C log1p(R)`` and the gradient ``g (C p_j - c_j)``, at the first maximum
``g ((C - c_{j*}) - C R / (1 + R))`` with ``C - c_{j*}`` summed from the other terms.

The binary loss: a thread per element (grid-stride) on flat views, scalars passed as
values, with the scalar kernels the CPU loops call (:func:`fastact.kernels.losses.bce`,
and for a float32 loss of float32 operands :func:`fastact.kernels.losses.bce_f32` where
it is within the contract).
"""

# numba.cuda's intrinsics (cuda.grid & co) have no usable types:
# mypy: ignore-errors

from __future__ import annotations

import math

import numpy as np
from numba import cuda
from numba import float64 as _f64

from ..kernels.losses import bce as _bce
from ..kernels.losses import bce_f32 as _bce_f32
from ..kernels.losses import bce_grad as _bce_grad
from ..kernels.scalar import exp as _exp
from ..kernels.scalar import log1p_pos as _log1p_pos
from .arrays import SIMULATED, TPB
from .axis_kernels import block_row, online, reduce_max, reduce_sum, rescaled

ROW_THREADS = 4 if SIMULATED else TPB
"""Threads per row block (a few under the simulator, which runs one Python thread each)."""


@cuda.jit(device=True)
def _coef(labels, t, weight, o, j, i, n, eps, probs, weighted):
    """The target coefficient ``c_j`` of row ``(o, :, i)`` (0 for an ignored row)."""
    if probs:
        tj = _f64(t[o, j, i])
    else:
        k = labels[o, i]
        if k < 0:  # ignore_index (the host maps it to -1)
            return 0.0
        tj = 1.0 if k == j else 0.0
    c = (1.0 - eps) * tj + eps / n if eps != 0.0 else tj
    return c * weight[j] if weighted else c


@cuda.jit(device=True)
def _row(x, labels, t, weight, eps, probs, weighted, o, i, tid, nt, sa, sb, sc, sbad):
    """(m, R, C, D, j*, special) of row ``(o, :, i)``; ``special``: NaN, +inf or only -inf."""
    n = x.shape[1]
    m = -math.inf
    bad = 0
    for j in range(tid, n, nt):
        v = _f64(x[o, j, i])
        if v > m:
            m = v
        elif v != v:
            bad = 1
    m, bad = reduce_max(m, bad, sa, sbad, tid)
    special = bad != 0 or m == math.inf or m == -math.inf
    rest = 0.0
    ones = 0.0
    total = 0.0
    dot = 0.0
    first = n
    for j in range(tid, n, nt):
        v = _f64(x[o, j, i])
        c = _coef(labels, t, weight, o, j, i, n, eps, probs, weighted)
        total += c
        if c != 0.0:
            dot += c * (m - v)
        if v == m and j < first:
            first = j
        if not special:
            e = _exp(v - m)
            if e == 1.0:
                ones += 1.0
            else:
                rest += e
    r = reduce_sum(rest, sa, tid) + (reduce_sum(ones, sb, tid) - 1.0)
    total = reduce_sum(total, sc, tid)
    dot = reduce_sum(dot, sa, tid)
    neg_first, _ = reduce_max(-_f64(first), 0, sb, sbad, tid)  # the first maximum: largest -j
    return m, r, total, dot, int(-neg_first), special


@cuda.jit(device=True)
def _grad_stats(x, labels, t, weight, eps, probs, weighted, o, i, tid, nt, sa, sb, sc, sbad):
    """(m, R, C, j*, special) of row ``(o, :, i)`` as :func:`_row` has them, in one pass.

    A running maximum and sum per thread (:func:`fastact._cuda.axis_kernels.online`, exp
    in float64 as here everywhere), so that the gradient reads x twice in all, with its
    output; the first maximum's index is the smallest over the threads that hold the
    row's maximum.  (The loss itself keeps two passes: its ``D`` term needs the maximum.)
    """
    n = x.shape[1]
    m = -math.inf
    bad = 0
    acc = 0.0
    ones = 0.0
    total = 0.0
    first = n
    for j in range(tid, n, nt):
        v = _f64(x[o, j, i])
        total += _coef(labels, t, weight, o, j, i, n, eps, probs, weighted)
        if v > m:
            first = j
        m, bad, acc, ones = online(0.0, v, m, bad, acc, ones)
    top, bad = reduce_max(m, bad, sa, sbad, tid)
    special = bad != 0 or top == math.inf or top == -math.inf
    acc, ones = rescaled(m, acc, ones, top) if not special else (0.0, 0.0)
    r = reduce_sum(acc, sa, tid) + (reduce_sum(ones, sb, tid) - 1.0)
    total = reduce_sum(total, sc, tid)
    neg_first, _ = reduce_max(-_f64(first if m == top else n), 0, sb, sbad, tid)
    return top, r, total, int(-neg_first), special


@cuda.jit
def xent_kernel(x, labels, t, weight, eps, probs, weighted, out):
    """The loss of each row ``(o, :, i)`` into ``out[o, i]``: a block per row."""
    o, i = block_row(x.shape[2])
    tid = cuda.threadIdx.x
    sa = cuda.shared.array(TPB, np.float64)
    sb = cuda.shared.array(TPB, np.float64)
    sc = cuda.shared.array(TPB, np.float64)
    sbad = cuda.shared.array(TPB, np.int32)
    m, r, total, dot, first, special = _row(x, labels, t, weight, eps, probs, weighted, o, i,
                                            tid, cuda.blockDim.x, sa, sb, sc, sbad)
    if tid == 0:
        if total == 0.0:
            out[o, i] = 0.0
        elif special or r != r:
            out[o, i] = math.nan
        else:
            out[o, i] = dot + total * _log1p_pos(r)


@cuda.jit
def xent_grad_kernel(x, labels, t, weight, eps, probs, weighted, g, out):
    """The gradient of each row into ``out[o, :, i]``, times ``g[o, i]``: a block per row."""
    o, i = block_row(x.shape[2])
    tid = cuda.threadIdx.x
    nt = cuda.blockDim.x
    n = x.shape[1]
    sa = cuda.shared.array(TPB, np.float64)
    sb = cuda.shared.array(TPB, np.float64)
    sc = cuda.shared.array(TPB, np.float64)
    sbad = cuda.shared.array(TPB, np.int32)
    m, r, total, first, special = _grad_stats(x, labels, t, weight, eps, probs, weighted, o, i,
                                              tid, nt, sa, sb, sc, sbad)
    gi = _f64(g[o, i])
    s = 1.0 + r
    others = 0.0  # C - c_{j*}, summed from the other coefficients
    for j in range(tid, n, nt):
        if j != first:
            others += _coef(labels, t, weight, o, j, i, n, eps, probs, weighted)
    others = reduce_sum(others, sa, tid)
    for j in range(tid, n, nt):
        if total == 0.0:
            out[o, j, i] = 0.0
        elif special or r != r:
            out[o, j, i] = math.nan
        elif j == first:
            out[o, j, i] = gi * (others - total * (r / s))
        else:
            c = _coef(labels, t, weight, o, j, i, n, eps, probs, weighted)
            out[o, j, i] = gi * (total * (_exp(_f64(x[o, j, i]) - m) / s) - c)


@cuda.jit
def bce_kernel(out, x, t, tv, pw, pwv, g, gv, backward, narrow):
    """The binary loss (or its gradient) over flat arrays.

    An operand of size 0 stands for its scalar value (``tv``, ``pwv``, ``gv``) everywhere.
    ``narrow`` (the loss of float32 operands, as the CPU has it): each element in float32
    arithmetic (:func:`fastact.kernels.losses.bce_f32`) where that is within the contract,
    else in float64.
    """
    start = cuda.grid(1)
    stride = cuda.gridsize(1)
    for k in range(start, out.size, stride):
        if narrow:
            v, ok = _bce_f32(np.float32(x[k]), np.float32(t[k]) if t.size else np.float32(tv),
                             np.float32(pw[k]) if pw.size else np.float32(pwv))
            if ok:
                out[k] = v
                continue
        tk = _f64(t[k]) if t.size else tv
        wk = _f64(pw[k]) if pw.size else pwv
        xk = _f64(x[k])
        if backward:
            out[k] = _bce_grad(_f64(g[k]) if g.size else gv, xk, tk, wk)
        else:
            out[k] = _bce(xk, tk, wk)
