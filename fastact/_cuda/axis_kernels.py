"""CUDA kernels of the functions along an axis: the softmax family, glu, maxout.

Rows (the reduced axis is the contiguous one, inner == 1): a block per row, 32 threads
(one warp) for rows up to 1024 elements and 256 above.  A row of up to
:data:`CACHE_MAX` elements is read once into shared memory (as float64, times the
sign), so that x is read once and written once; longer rows are read again for each
pass.  Lines across an inner axis (inner > 1): a thread per line, consecutive threads on
consecutive (contiguous) positions, so that every pass reads whole coalesced rows of
memory instead of one strided element per block.  Numerics are the CPU's in every
layout: the maximum first, then exp(x - max) summed in float64 with the maxima counted
apart (log1p of the rest), exp in float32 for float32 input.

Every kernel takes (outer, n, inner) views (:mod:`fastact._cuda.axis` makes them and
launches); the launch configuration constants are here, with the kernels they size.
"""

# numba.cuda's intrinsics (cuda.grid & co) have no usable types:
# mypy: ignore-errors

from __future__ import annotations

import math

import numpy as np
from numba import cuda
from numba import float64 as _f64

from ..kernels.scalar import EXP_PAIR_MAX as _EXP_PAIR_MAX
from ..kernels.scalar import EXP_PAIR_SUM_MAX as _EXP_PAIR_SUM_MAX
from ..kernels.scalar import exp as _exp
from ..kernels.scalar import exp_grad_term as _exp_grad_term
from ..kernels.scalar import exp_grad_term_pair as _exp_grad_term_pair
from ..kernels.scalar import exp_native as _exp_native
from ..kernels.scalar import is_float32 as _is_float32
from ..kernels.scalar import log1p_pos as _log1p_pos
from ..kernels.scalar import pair_total as _pair_total
from ..kernels.scalar import sigmoid_pair as _sigmoid_pair
from ..kernels.scalar import two_prod as _two_prod
from ..kernels.scalar import two_sum as _two_sum
from .arrays import SIMULATED, TPB

ROW_WARP = 4 if SIMULATED else 32
"""Threads per block for short rows (a warp; a few threads under the simulator)."""
ROW_SHORT = 1024
"""Rows up to this length get a one-warp block; longer ones a block of :data:`TPB`."""
CACHE_MAX = 4096
"""Rows up to this length are kept in shared memory (32 KiB of float64) between passes."""
COLUMN_MIN_LINES = 1024
"""Across an inner axis, a thread per line once there are this many lines (else a block a
line, as for rows).  The tests lower it to reach both kernels with small arrays."""


SHUFFLE = not SIMULATED
"""Block reductions through warp shuffles on a GPU; through a tree in shared memory under
the simulator (it has no shuffles).  A module constant: each kernel compiles one path."""
_FULL = 0xFFFFFFFF
_WARP = 32


@cuda.jit(device=True)
def block_max(smax, sbad, tid):
    """The shared-memory tree: ``smax[0]``, ``sbad[0]`` become the block's max and NaN flag."""
    s = cuda.blockDim.x // 2  # type: ignore[operator]
    while s > 0:
        if tid < s:
            if smax[tid + s] > smax[tid]:
                smax[tid] = smax[tid + s]
            sbad[tid] = sbad[tid] | sbad[tid + s]
        cuda.syncthreads()
        s //= 2


@cuda.jit(device=True)
def block_sum(ssum, tid):
    """The shared-memory tree: ``ssum[0]`` becomes the block's sum."""
    s = cuda.blockDim.x // 2  # type: ignore[operator]
    while s > 0:
        if tid < s:
            ssum[tid] += ssum[tid + s]
        cuda.syncthreads()
        s //= 2


@cuda.jit(device=True)
def block_sum2(shi, slo, tid):
    """:func:`block_sum` of float64 pairs: ``(shi[0], slo[0])``, each addition error-free (two-sum)."""
    s = cuda.blockDim.x // 2  # type: ignore[operator]
    while s > 0:
        if tid < s:
            h, e = _two_sum(shi[tid], shi[tid + s])
            shi[tid] = h
            slo[tid] += slo[tid + s] + e
        cuda.syncthreads()
        s //= 2


@cuda.jit(device=True)
def _warp_max(m, bad):
    """(max, NaN flag) over a warp, in every lane (butterfly: no lane waits for another)."""
    off = _WARP // 2
    while off > 0:
        om = cuda.shfl_xor_sync(_FULL, m, off)
        bad |= cuda.shfl_xor_sync(_FULL, bad, off)
        if om > m:
            m = om
        off //= 2
    return m, bad


@cuda.jit(device=True)
def _warp_sum(v):
    off = _WARP // 2
    while off > 0:
        v += cuda.shfl_xor_sync(_FULL, v, off)
        off //= 2
    return v


@cuda.jit(device=True)
def _warp_sum2(h, lo):
    """The sum of float64 pairs over a warp, in every lane (butterfly, two-sum: the same in each)."""
    off = _WARP // 2
    while off > 0:
        oh = cuda.shfl_xor_sync(_FULL, h, off)
        ol = cuda.shfl_xor_sync(_FULL, lo, off)
        h, e = _two_sum(h, oh)
        lo += ol + e
        off //= 2
    return h, lo


@cuda.jit(device=True)
def reduce_max(m, bad, smax, sbad, tid):
    """(max, NaN flag) over the block, returned to every thread.

    Shuffles within each warp, then (blocks of several warps) every warp reduces the
    warps' partials from shared memory; the tree in shared memory under the simulator.
    A NaN never wins a comparison: the flag carries it.
    """
    if SHUFFLE:
        m, bad = _warp_max(m, bad)
        nw = cuda.blockDim.x // _WARP
        if nw > 1:
            lane = tid % _WARP
            if lane == 0:
                smax[tid // _WARP] = m
                sbad[tid // _WARP] = bad
            cuda.syncthreads()
            m = smax[lane] if lane < nw else -math.inf
            bad = sbad[lane] if lane < nw else 0
            m, bad = _warp_max(m, bad)
            cuda.syncthreads()  # the partials are read before shared memory is reused
        return m, bad
    smax[tid] = m
    sbad[tid] = bad
    cuda.syncthreads()
    block_max(smax, sbad, tid)
    m, bad = smax[0], sbad[0]
    cuda.syncthreads()
    return m, bad


@cuda.jit(device=True)
def reduce_sum(v, ssum, tid):
    """The sum of ``v`` over the block, returned to every thread (as :func:`reduce_max`)."""
    if SHUFFLE:
        v = _warp_sum(v)
        nw = cuda.blockDim.x // _WARP
        if nw > 1:
            lane = tid % _WARP
            if lane == 0:
                ssum[tid // _WARP] = v
            cuda.syncthreads()
            v = _warp_sum(ssum[lane] if lane < nw else 0.0)
            cuda.syncthreads()
        return v
    ssum[tid] = v
    cuda.syncthreads()
    block_sum(ssum, tid)
    v = ssum[0]
    cuda.syncthreads()
    return v


@cuda.jit(device=True)
def reduce_sum2(h, lo, shi, slo, tid):
    """:func:`reduce_sum` of float64 pairs ``h + lo`` (Sum2 over the block), to every thread."""
    if SHUFFLE:
        h, lo = _warp_sum2(h, lo)
        nw = cuda.blockDim.x // _WARP
        if nw > 1:
            lane = tid % _WARP
            if lane == 0:
                shi[tid // _WARP] = h
                slo[tid // _WARP] = lo
            cuda.syncthreads()
            h, lo = _warp_sum2(shi[lane] if lane < nw else 0.0, slo[lane] if lane < nw else 0.0)
            cuda.syncthreads()
        return h, lo
    shi[tid] = h
    slo[tid] = lo
    cuda.syncthreads()
    block_sum2(shi, slo, tid)
    h, lo = shi[0], slo[0]
    cuda.syncthreads()
    return h, lo


@cuda.jit(device=True)
def _exp_term(xv, d):
    """``exp(d)`` in float64, computed in float32 when the input ``xv`` is float32."""
    if _is_float32(xv):
        return _f64(_exp_native(np.float32(d)))
    return _exp(d)


@cuda.jit(device=True)
def _value(x, cache, o, j, i, sign, cached):
    return cache[j] if cached else sign * _f64(x[o, j, i])


@cuda.jit(device=True)
def online(xv, v, m, bad, acc, ones):
    """One element ``v`` (times the sign, float64) into the running ``(m, bad, acc, ones)``.

    ``m``: the maximum so far; ``acc``: the sum of ``exp(x - m)`` over the terms below it;
    ``ones``: how many terms equal it.  A new maximum rescales what came before by
    ``exp(m_old - m)`` (float64); terms are ``exp`` in float32 for float32 input (``xv``).
    """
    if v > m:
        if m != -math.inf:
            acc = (acc + ones) * _exp(m - v)
        ones = 1.0
        m = v
    elif v == m:
        ones += 1.0
    elif v != v:
        bad = 1
    else:
        e = _exp_term(xv, v - m)
        if e == 1.0:
            ones += 1.0
        else:
            acc += e
    return m, bad, acc, ones


@cuda.jit(device=True)
def rescaled(m, acc, ones, top):
    """A partial ``(acc, ones)`` with maximum ``m`` expressed against the overall ``top``."""
    if m == top:
        return acc, ones
    if m == -math.inf:
        return 0.0, 0.0
    return (acc + ones) * _exp(m - top), 0.0


@cuda.jit(device=True)
def _row_stats(x, o, i, sign, cache, cached, smax, sbad, ssum, sone, tid, keep_exp):
    """(max, NaN seen, sum exp(x - max) - 1) of row ``x[o, :, i]`` (times ``sign``).

    With ``cached``, the row is first copied to ``cache`` (times ``sign``, float64) and
    the sum pass reads it there; with ``keep_exp`` as well, the cache then holds
    ``exp(x - max)`` for the output pass.  Uncached (long rows), one pass keeps a running
    maximum and sum per thread (:func:`online`), so that x is read twice in all, with the
    output.  The terms equal to 1 (the maxima) are counted apart and one of them left out,
    so that ``log1p`` of the rest keeps its digits where one term dominates (as on the CPU).
    """
    n = x.shape[1]
    nt = cuda.blockDim.x
    m = -math.inf
    bad = 0
    acc = 0.0
    ones = 0.0
    xv = x[o, 0, i]
    if cached:
        for j in range(tid, n, nt):
            v = sign * _f64(x[o, j, i])
            cache[j] = v
            if v > m:
                m = v
            elif v != v:
                bad = 1
    else:
        for j in range(tid, n, nt):
            m, bad, acc, ones = online(xv, sign * _f64(x[o, j, i]), m, bad, acc, ones)
    top, bad = reduce_max(m, bad, smax, sbad, tid)
    if bad != 0 or top == math.inf or top == -math.inf:
        return top, bad, 0.0
    if cached:  # (each thread reads back the entries it wrote)
        for j in range(tid, n, nt):
            e = _exp_term(xv, cache[j] - top)
            if keep_exp:
                cache[j] = e
            if e == 1.0:
                ones += 1.0
            else:
                acc += e
    else:
        acc, ones = rescaled(m, acc, ones, top)
    acc = reduce_sum(acc, ssum, tid)
    ones = reduce_sum(ones, sone, tid)
    return top, bad, acc + (ones - 1.0)


MODE_SOFTMAX, MODE_LOG_SOFTMAX, MODE_SCALED_SOFTMAX = 0, 1, 2


@cuda.jit(device=True)
def block_row(inner):
    """(o, i) of the row ``(o, :, i)`` this block handles in an (outer, n, inner) view."""
    row = cuda.blockIdx.x
    return row // inner, row % inner


@cuda.jit(device=True)
def _write_line(x, out, o, i, j, sign, mode, m, special, ls, s, g, e):
    """One output of the softmax family; ``e = exp(x - max)`` (NaN: compute it here)."""
    if special:
        out[o, j, i] = math.nan
        return
    if mode == MODE_LOG_SOFTMAX:
        d = sign * _f64(x[o, j, i]) - m
        out[o, j, i] = -(ls - d)  # -0.0 where the exact value is -tiny
        return
    if e != e:
        e = _exp_term(x[o, j, i], sign * _f64(x[o, j, i]) - m)
    out[o, j, i] = g * (e / s)  # a division, as on the CPU (same result bit for bit)


@cuda.jit
def softmax_kernel(x, out, sign, mode, scale, cached):
    """A block per row ``(o, :, i)`` of the (outer, n, inner) view."""
    o, i = block_row(x.shape[2])
    tid = cuda.threadIdx.x
    smax = cuda.shared.array(TPB, np.float64)
    ssum = cuda.shared.array(TPB, np.float64)
    sbad = cuda.shared.array(TPB, np.int32)
    sone = cuda.shared.array(TPB, np.float64)
    cache = cuda.shared.array(0, _f64)  # dynamic: n float64 when cached, else none
    keep = mode != MODE_LOG_SOFTMAX
    m, bad, rest = _row_stats(x, o, i, sign, cache, cached, smax, sbad, ssum, sone, tid, keep)
    special = bad != 0 or m == math.inf or m == -math.inf
    ls = _log1p_pos(rest) if not special and rest != 0.0 else -0.0  # -(ls - 0) = +0.0
    s = 1.0 + rest
    g = _f64(scale[o, i]) if mode == MODE_SCALED_SOFTMAX else 1.0
    for j in range(tid, x.shape[1], cuda.blockDim.x):
        e = cache[j] if cached and keep else math.nan
        _write_line(x, out, o, i, j, sign, mode, m, special, ls, s, g, e)


@cuda.jit
def logsumexp_kernel(x, out, cached):
    o, i = block_row(x.shape[2])
    tid = cuda.threadIdx.x
    smax = cuda.shared.array(TPB, np.float64)
    ssum = cuda.shared.array(TPB, np.float64)
    sbad = cuda.shared.array(TPB, np.int32)
    sone = cuda.shared.array(TPB, np.float64)
    cache = cuda.shared.array(0, _f64)
    m, bad, rest = _row_stats(x, o, i, 1.0, cache, cached, smax, sbad, ssum, sone, tid, False)
    if tid == 0:
        out[o, i] = _lse(m, bad, rest)


@cuda.jit(device=True)
def _lse(m, bad, rest):
    if bad != 0:
        return math.nan
    if m == math.inf or m == -math.inf:
        return m
    return m + _log1p_pos(rest)


@cuda.jit(device=True)
def _line_stats(x, o, i, sign):
    """:func:`_row_stats` for one thread alone on line ``x[o, :, i]``: one pass (:func:`online`)."""
    m = -math.inf
    bad = 0
    acc = 0.0
    ones = 0.0
    xv = x[o, 0, i]
    for j in range(x.shape[1]):
        m, bad, acc, ones = online(xv, sign * _f64(x[o, j, i]), m, bad, acc, ones)
    return m, bad, acc + (ones - 1.0)


@cuda.jit
def softmax_cols_kernel(x, out, sign, mode, scale):
    """A thread per line ``(o, :, i)``; consecutive threads on consecutive ``i``."""
    t = cuda.grid(1)
    inner = x.shape[2]
    if t < x.shape[0] * inner:
        o, i = t // inner, t % inner
        m, bad, rest = _line_stats(x, o, i, sign)
        special = bad != 0 or m == math.inf or m == -math.inf
        ls = _log1p_pos(rest) if not special and rest != 0.0 else -0.0
        s = 1.0 + rest
        g = _f64(scale[o, i]) if mode == MODE_SCALED_SOFTMAX else 1.0
        for j in range(x.shape[1]):
            _write_line(x, out, o, i, j, sign, mode, m, special, ls, s, g, math.nan)


@cuda.jit
def logsumexp_cols_kernel(x, out):
    t = cuda.grid(1)
    inner = x.shape[2]
    if t < x.shape[0] * inner:
        o, i = t // inner, t % inner
        m, bad, rest = _line_stats(x, o, i, 1.0)
        out[o, i] = _lse(m, bad, rest)


@cuda.jit
def softmax_grad_kernel(g, y, out, mode):
    """mode 0: y (g - sum g y); 1: -(y (g - sum g y)); 2 (log_softmax): g - e^y sum g.

    The row's sum as a float64 pair (Sum2 over the block, :func:`reduce_sum2`); float64
    data: each term ``g y`` an exact pair (``two_prod``: Dot2, as the CPU's lines) and,
    for log_softmax, ``e^y`` as a pair (``exp_grad_term_pair``): where the gradient
    nearly cancels, a rounded sum, product or ``e^y`` moved the result by up to 4e7 ulps
    beyond the contract's conditioning term (softmin under the simulator).  float32 data:
    each term exact in float64, a plain float64 sum per thread and ``exp_grad_term``
    (float64 arithmetic, rounded once to float32).
    """
    o, i = block_row(y.shape[2])
    tid = cuda.threadIdx.x
    n = y.shape[1]
    ssum = cuda.shared.array(TPB, np.float64)
    slo = cuda.shared.array(TPB, np.float64)
    acc = 0.0
    lo = 0.0
    for j in range(tid, n, TPB):
        gj = _f64(g[o, j, i])
        if _is_float32(y[o, j, i]):  # (float32 terms: exact products, a sum far below an ulp)
            acc += gj if mode == 2 else gj * _f64(y[o, j, i])
        else:
            h, r = (gj, 0.0) if mode == 2 else _two_prod(gj, _f64(y[o, j, i]))
            acc, e = _two_sum(acc, h)
            lo += e + r
    s, lo = reduce_sum2(acc, lo, ssum, slo, tid)
    s, lo = _pair_total(s, lo)
    for j in range(tid, n, TPB):
        gj = _f64(g[o, j, i])
        yj = _f64(y[o, j, i])
        if mode == 2:
            if _is_float32(y[o, j, i]):
                out[o, j, i] = _exp_grad_term(gj, yj, s, lo)
            elif (abs(yj) <= _EXP_PAIR_MAX or yj == -math.inf) and abs(s) <= _EXP_PAIR_SUM_MAX:
                out[o, j, i] = _exp_grad_term_pair(gj, yj, s, lo)
            else:
                out[o, j, i] = _exp_grad_term(gj, yj, s, lo)
        elif mode == 1:
            out[o, j, i] = -(yj * ((gj - s) - lo))
        else:
            out[o, j, i] = yj * ((gj - s) - lo)


@cuda.jit(device=True)
def _unflat(idx, mid, inner):
    """(o, j, i) of flat index ``idx`` in an (outer, mid, inner) array."""
    o = idx // (mid * inner)
    r = idx % (mid * inner)
    return o, r // inner, r % inner


@cuda.jit
def glu_kernel(x, out):
    idx = cuda.grid(1)
    h = out.shape[1]
    if idx < out.size:
        o, j, i = _unflat(idx, h, out.shape[2])
        s, c = _sigmoid_pair(_f64(x[o, j + h, i]))
        out[o, j, i] = _f64(x[o, j, i]) * s


@cuda.jit
def glu_grad_kernel(g, x, out):
    idx = cuda.grid(1)
    h = g.shape[1]
    if idx < g.size:
        o, j, i = _unflat(idx, h, g.shape[2])
        a = _f64(x[o, j, i])
        gg = _f64(g[o, j, i])
        s, c = _sigmoid_pair(_f64(x[o, j + h, i]))
        out[o, j, i] = gg * s
        out[o, j + h, i] = gg * a * s * c


@cuda.jit
def maxout_kernel(x, out, k, route, g):
    """route 0: out = group max; route 1: out (shape of x) gets g at each group's argmax."""
    idx = cuda.grid(1)
    groups = x.shape[1] // k
    if idx < x.shape[0] * groups * x.shape[2]:
        o, j, i = _unflat(idx, groups, x.shape[2])
        best = x[o, j * k, i]
        arg = 0
        for t in range(1, k):
            v = x[o, j * k + t, i]
            if best == best and (v > best or v != v):
                best = v
                arg = t
        if route == 0:
            out[o, j, i] = best
        else:
            for t in range(k):
                out[o, j * k + t, i] = g[o, j, i] if t == arg else 0.0
