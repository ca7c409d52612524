"""Kernels for the softmax family along one axis of a C-contiguous array.

``*_rows`` take ``x`` of shape (rows, n) and reduce along its last axis; ``*_cols`` take
``x`` of shape (pre, n, post) and reduce along the middle axis, columns ``lo:hi`` only
(so that threads can share the columns), working on whole contiguous rows of ``post``
values at a time: no transposed copy, and every inner loop is unit-stride SIMD.

Each line: its max (an infinite max is handled on its own; NaN shows in the sum), the
terms ``e^{x - max}`` (times a power of two) written to ``out`` and summed in float64
without the terms of the max (``rest``), then one division by ``1 + rest`` or
``log1p(rest)``, which keeps the digits of the other terms where one dominates.  The
float64 sums are error-free (:func:`_rest`, :func:`_col_terms`: Rump's extraction of
each term's high part), so that long lines keep the contract.  Rows (the last axis):
float64 terms by :func:`~fastact.kernels.scalar.exp_rel` with one scaling, float32
rows whose max is within +-88 in float32 SIMD (:func:`_softmax_row_f32`: the terms of
``x`` itself, 16 lanes with AVX-512), and float32 columns so too where a tile's maxima
are (:func:`_col_tile_f32`); the others by ``exp_native`` with its clamps and two-factor
scaling (float32 input: ``exp_f32``, twice the SIMD lanes).
The rounding of ``x - max`` in float32 is within the ``|x - max|`` ulps that the
conditioning of softmax allows anyway.  The sums are separate functions compiled with
``reassoc`` so that they vectorize; the flag must not reach ``exp``, whose Cody-Waite
reduction it would break.  ``sign = -1`` gives softmin.
``nogil`` lets :mod:`fastact._api.axis` run blocks on several threads.
"""


import math

import numpy as np
from numba import prange

from .._core.jit import jit
from . import scalar as S

MODE_SOFTMAX = 0
MODE_LOG_SOFTMAX = 1

_row = jit(nogil=True)


_SUMS = jit(nogil=True, fastmath=frozenset({"reassoc"}))
_SPLIT_BLOCK = 4096
_SPLIT_SIGMA = 8192.0  # a power of two at least _SPLIT_BLOCK: the grid of the terms' high parts


@_SUMS
def _rest_plain(v, one):
    """(sum of the terms of ``v`` that are not ``one``, how many are ``one``), plain SIMD sums."""
    s = 0.0
    ones = 0.0
    for j in range(v.size):
        e = np.float64(v[j])
        is_one = e == one
        s += 0.0 if is_one else e
        ones += 1.0 if is_one else 0.0
    return s, ones


@_SUMS
def _rest_split(v, one, sigma):
    """(high sum, low sum, count of ``one``) of a block of terms in [0, one], error-free.

    Each term ``t`` splits into ``q = (sigma + t) - sigma``, a multiple of ``ulp(sigma)``,
    and ``r = t - q`` (both exact: Rump's extraction); with ``sigma >= n one`` every
    partial sum of the ``q`` is exact in any order, so the SIMD sum of the high parts
    makes no error and the low parts (each below ``ulp(sigma)/2``) are far below the
    total's ulp.  (``reassoc`` alone, without ``nsz``, does not fold ``(sigma + t) -
    sigma`` to ``t``: the tests see the digits.)
    """
    sq = 0.0
    sr = 0.0
    ones = 0.0
    for j in range(v.size):
        e = np.float64(v[j])
        is_one = e == one
        t = 0.0 if is_one else e
        q = (sigma + t) - sigma
        sq += q
        sr += t - q
        ones += 1.0 if is_one else 0.0
    return sq, sr, ones


@_row
def _rest(v, one=1.0):
    """``sum(v)/one - 1`` for a line of ``one * exp(x - max)`` (NaN if it holds NaN), in float64.

    The maxima give exactly ``one`` (1, or a power of two); they are counted, not added,
    and one of them is left out, so that the sum of the other terms keeps its own digits:
    ``log(sum) = log1p(rest)`` is then accurate also where one term dominates
    (logsumexp([0, -40]) = 4.2e-18, which ``log(1 + 4.2e-18)`` rounds to 0).  float64
    terms are summed error-free by blocks (:func:`_rest_split`, the blocks' high parts
    added by two-sum): within an ulp of the sum of the terms, where a plain SIMD sum was
    2.8 ulp off over a row of 242 (and grows with the row); float32 terms plainly in
    float64, far below a float32 ulp.
    """
    if S.is_float32(S.cast_like(v, 0.0)):
        s, ones = _rest_plain(v, one)
        return s * (1.0 / one) + (ones - 1.0)
    hi = 0.0
    lo = 0.0
    ones = 0.0
    sigma = _SPLIT_SIGMA * one
    for b in range(0, v.size, _SPLIT_BLOCK):
        sq, sr, k = _rest_split(v[b:b + _SPLIT_BLOCK], one, sigma)
        hi, e = S.two_sum(hi, sq)
        lo += e + sr
        ones += k
    return (hi + lo) * (1.0 / one) + (ones - 1.0)


@_row
def line_max(v, sign):
    """Max of ``sign*v``, NaN ignored (-inf for an empty or all-NaN line).

    Eight independent running maxima, so that the loop vectorizes (a single running max
    is a serial chain of selects, 4x slower).  NaN is detected afterwards, through the
    sum of exponentials.
    """
    sg = S.cast_like(v, sign)
    m0 = m1 = m2 = m3 = m4 = m5 = m6 = m7 = S.cast_like(v, -np.inf)
    n8 = v.size - v.size % 8
    for j in range(0, n8, 8):
        a = sg * v[j]
        m0 = a if a > m0 else m0
        a = sg * v[j + 1]
        m1 = a if a > m1 else m1
        a = sg * v[j + 2]
        m2 = a if a > m2 else m2
        a = sg * v[j + 3]
        m3 = a if a > m3 else m3
        a = sg * v[j + 4]
        m4 = a if a > m4 else m4
        a = sg * v[j + 5]
        m5 = a if a > m5 else m5
        a = sg * v[j + 6]
        m6 = a if a > m6 else m6
        a = sg * v[j + 7]
        m7 = a if a > m7 else m7
    m = max(max(max(m0, m1), max(m2, m3)), max(max(m4, m5), max(m6, m7)))
    for j in range(n8, v.size):
        a = sg * v[j]
        m = a if a > m else m
    return m


_SIGN_I32, _LOW_I32 = np.int32(0x7FFFFFFF), np.int32(-2147483648)


@_row
def line_max_f32(v, neg=False):
    """Max of a contiguous float32 line (of ``-v`` if ``neg``), by an integer maximum of its bits.

    Each float's bits, with the others flipped where the sign is set, order as the floats
    do; an integer maximum vectorizes where the float comparisons' did not (SIMD: 1.6x
    faster).  A line holding NaN may give NaN or its other maximum (callers compute NaN
    for such lines either way); an empty line gives NaN.
    """
    bits = v.view(np.int32)
    flip = _LOW_I32 if neg else np.int32(0)
    m = _LOW_I32
    for j in range(bits.size):
        b = np.int32(bits[j] ^ flip)
        k = np.int32(b ^ (_SIGN_I32 if b < 0 else np.int32(0)))  # (int32 lanes: 16 a vector)
        m = k if k > m else m
    return S.f32_from_bits(m ^ ((m >> np.int32(31)) & _SIGN_I32))  # type: ignore[call-arg]


@_row
def _or_flag(flag, cond):
    """``flag | cond`` as an int32 maximum (start from ``np.int32(0)``).

    A line's "any entry such that" in a loop that keeps vectorizing (16 int32 lanes with
    AVX-512, as :func:`line_max_f32`; a float minimum left the float64 range test scalar).
    """
    k = np.int32(cond)
    return k if k > flag else flag


_LN2 = 0.6931471805599453
_TWO_64 = 2.0 ** 64


_E = tuple(1.0 / math.factorial(i) for i in range(11))  # (a tuple: constants in Numba)


@_row
def rel_scaling(mx):
    """``(shift, d)`` for a float32 row maximum ``|mx| <= 88``.

    The terms ``e^x 2^-shift`` of :func:`~fastact.kernels.scalar.exp_rel_f32` are
    ``e^{x - m}`` times ``d`` (one place for the scaling that softmax and the losses,
    forward and backward, share).  ``d = e^r 2^64``, ``r = m - k ln 2``, by a degree-10
    Taylor polynomial in Estrin's form (2^-42 relative, beyond float32's digits; five
    steps of latency where float64's ``exp`` takes thirteen and its clamps: a row's fixed
    cost for short rows).
    """
    km, _ = S.reduce_f32(mx)
    r = np.float64(mx) - np.float64(km) * _LN2
    r2 = r * r
    r4 = r2 * r2
    q0 = (1.0 + r) + r2 * (_E[2] + r * _E[3])
    q1 = (_E[4] + r * _E[5]) + r2 * (_E[6] + r * _E[7])
    q2 = (_E[8] + r * _E[9]) + r2 * _E[10]
    return np.int32(km) - np.int32(64), (q0 + r4 * (q1 + r4 * q2)) * _TWO_64


@_row
def terms_f32(xr, buf, mx, shift, low, sg, zero_max=True):
    """``buf[j] = e^{x_j} 2^-shift`` for ``x = sg*xr`` (``sg`` = +-1, float32), 0 at the maxima.

    A float32 row's terms ``e^{x_j - m}`` times ``d`` of :func:`rel_scaling` (``shift`` its
    first value), the maxima's left out (unless not ``zero_max``) so that
    :func:`terms_rest` keeps the digits of the others.  ``x`` below ``low = m - 128``
    (-inf too) is raised to ``low``, whose term, ``e^-128 d``, is still a normal float32
    (2^-121) and adds at most ``n e^-128`` to the row's sum relative to the maximum's
    (softmax's results for such entries round to 0, as ``e^-128`` does).  NaN gives NaN.
    No reduction in this loop: LLVM then unrolls nothing, so that rows from 16 elements
    on run in whole SIMD vectors (a count here made it 4 x 16 and left the short rows of
    a (batch, classes) array to scalar code).
    """
    zero = S.cast_like(xr, 0.0)
    for j in range(xr.size):
        xj = sg * xr[j]
        e = S.exp_rel_f32(low if xj < low else xj, shift)
        buf[j] = zero if zero_max and xj == mx else e


@jit(nogil=True, fastmath=frozenset({"reassoc"}))
def terms_rest(buf, d):
    """``sum - 1`` of a row's terms ``e^{x_j - m}`` from :func:`terms_f32`'s buffer, in float64.

    The terms that are 0 are the maxima's (every other term is at least 2^-121 or NaN):
    counted, as :func:`_rest` counts its ones, and the others' sum divided by ``d``.
    """
    s = 0.0
    zeros = 0.0
    for j in range(buf.size):
        e = np.float64(buf[j])
        s += e
        zeros += 1.0 if e == 0.0 else 0.0
    return s * (1.0 / d) + (zeros - 1.0)


@_row
def _has_nan(v):
    for j in range(v.size):
        if v[j] != v[j]:
            return True
    return False


@_row
def _finite_count(v, sign):
    """How many entries of ``sign*v`` are not -inf (rare path: log_softmax's sign of zero)."""
    k = 0
    for j in range(v.size):
        k += sign * v[j] != -np.inf
    return k


@_row
def _exp_shifted(v, out, sign, m):
    sg = S.cast_like(v, sign)
    for j in range(v.size):
        out[j] = S.exp_native(sg * v[j] - m)


@_row
def _log_softmax_write(xr, orow, sg, m, rest):
    """``orow = sg*x - m - log1p(rest)``: log_softmax of a row from its max and ``sum - 1``."""
    # -(ls - 0) below is -0.0 at the maximum, right where the exact value is a tiny
    # negative number; it is exactly 0 when every other entry is -inf: ls = -0.0
    exact0 = rest == 0.0 and _finite_count(xr, sg) == 1
    ls = S.cast_like(orow, -0.0 if exact0 else S.log1p_pos(rest))
    for j in range(orow.size):
        orow[j] = -(ls - (sg * xr[j] - m))  # -(..): -0.0 where the exact value is -tiny


@_row
def _divide_f32(v, s):
    """``v[j] = v[j] / s`` for a float32 line and a float32 ``s >= 1`` without a division per term.

    ``q = v r`` with ``r`` the rounded ``1/s``, then the residual ``v - q s`` (exact, by
    fma) times ``r`` added (Markstein's correction: the rounded quotient, as the division
    gives, where the quotient is normal; a subnormal one within an ulp, as its product
    ``q`` rounds on the subnormal grid).  One division a row, where a vector division
    every 16 terms cost as much as the exponential's polynomial.  NaN ``s``: NaN.
    """
    s = S.cast_like(v, s)  # (a no-op: the float32 branch is typed for float64 rows too)
    r = S.cast_like(v, 1.0) / s
    for j in range(v.size):
        t = v[j]
        q = t * r
        v[j] = S.fma(S.fma(-q, s, t), r, q)  # type: ignore[call-arg]


@_row
def _softmax_row_f32(xr, orow, neg, mode):
    """softmax / log_softmax of a float32 row (of ``-x`` if ``neg``) in float32 SIMD, or False.

    False: the row needs the general path of :func:`softmax_rows`.  Rows whose maximum
    ``m`` is within +-88 (with no NaN that the integer maximum shows) take the terms
    ``t_j = e^{x_j} 2^-shift`` of :func:`terms_f32` (the reduction of ``x`` itself: no
    rounding of ``x - m``; 16 lanes with AVX-512, 21 vector instructions per 16 terms
    where the general path's clamps, two-factor scaling and NaN select take 29).
    softmax: ``t_j / s`` with ``s`` their float64 sum rounded to float32, within 2 ulp
    (the term's 1, the sum's and the quotient's half; exactly 1 for a lone maximum).
    log_softmax: the sum less the maxima, from :func:`terms_rest`, as the general path.
    """
    mx = line_max_f32(xr, neg)
    sg = np.float32(-1.0 if neg else 1.0)
    if not -S.EXP_REL_MAX <= mx <= S.EXP_REL_MAX:  # (NaN, infinities, empty rows too)
        return False
    low = mx - S.EXP_REL_SPAN
    if mode == MODE_SOFTMAX:
        km, _ = S.reduce_f32(mx)
        terms_f32(xr, orow, mx, np.int32(km) - np.int32(64), low, sg, False)
        s = np.float32(sum_plain(orow))  # (NaN if the row holds NaN)
        _divide_f32(orow, s)
        return True
    shift, d = rel_scaling(mx)
    terms_f32(xr, orow, mx, shift, low, sg)
    rest = terms_rest(orow, d)
    if rest != rest:  # a NaN in the row
        orow[:] = np.nan
    else:
        _log_softmax_write(xr, orow, sg, mx, rest)
    return True


_SPAN_F64, _SHIFT_F64 = -1300.0, np.int64(-960)
_ONE_F64 = 2.0 ** 960  # the maxima's terms


@_row
def _softmax_row_f64(xr, orow, sg, mode):
    """softmax / log_softmax of a float64 row (of ``sg*x``) with one scaling, or False.

    The terms ``e^{x_j - m} 2^960`` by :func:`~fastact.kernels.scalar.exp_rel` (the
    maxima's exactly 2^960; ``x - m`` below -1300, -inf too, raised to it: 2^-915, still
    normal, and results that round to 0 as ``e^-1300`` does), where the general path's
    :func:`~fastact.kernels.scalar.exp` clamps, scales by two factors and selects NaN
    (25 AVX-512 instructions per 8 terms where it takes 48).  Then as the general path:
    :func:`_rest` of the terms, the quotient by ``2^960 (1 + rest)`` or the log_softmax
    from ``log1p(rest)``.  False for a row with an infinite or NaN maximum (the general
    path gives NaN).
    """
    m = line_max(xr, sg)
    if m == np.inf or m == -np.inf:
        return False
    for j in range(xr.size):
        d = sg * xr[j] - m
        orow[j] = S.exp_rel(_SPAN_F64 if d < _SPAN_F64 else d, _SHIFT_F64)  # (NaN stays)
    rest = _rest(orow, _ONE_F64)  # (the maxima apart: a plain sum with them was 3.6 ulp)
    if rest != rest:  # a NaN in the row
        orow[:] = np.nan
    elif mode == MODE_SOFTMAX:
        s = (1.0 + rest) * _ONE_F64
        for j in range(orow.size):
            orow[j] = orow[j] / s
    else:
        _log_softmax_write(xr, orow, sg, m, rest)
    return True


@_row
def softmax_rows(x, out, sign, mode):
    """softmax (mode 0) or log_softmax (mode 1) of each row of ``x`` into ``out``.

    A row holding NaN or an infinity of the max's sign (or only -inf) gives NaN.
    float32 rows take :func:`_softmax_row_f32` where they can, float64 rows
    :func:`_softmax_row_f64`.
    """
    f32 = S.is_float32(S.cast_like(x, 0.0))
    for i in range(x.shape[0]):
        xr = x[i]
        orow = out[i]
        if f32:
            if _softmax_row_f32(xr, orow, sign < 0.0, mode):
                continue
        elif _softmax_row_f64(xr, orow, sign, mode):
            continue
        m = line_max(xr, sign)
        if m == np.inf or m == -np.inf:
            orow[:] = np.nan
            continue
        _exp_shifted(xr, orow, sign, m)
        rest = _rest(orow)
        if rest != rest:  # a NaN in the row
            orow[:] = np.nan
        elif mode == MODE_SOFTMAX:
            sn = S.cast_like(orow, 1.0 + rest)
            for j in range(orow.size):
                orow[j] = orow[j] / sn
        else:
            _log_softmax_write(xr, orow, S.cast_like(xr, sign), m, rest)
    return out


@_row
def logsumexp_rows(x, out):
    """``out[i] = log(sum(exp(x[i])))``; -inf for all -inf rows, +inf with +inf, NaN with NaN."""
    buf = np.empty(x.shape[1], x.dtype)
    for i in range(x.shape[0]):
        m = line_max(x[i], 1.0)
        if m == np.inf or m == -np.inf:
            out[i] = np.nan if _has_nan(x[i]) else m
        else:
            _exp_shifted(x[i], buf, 1.0, m)
            out[i] = m + S.log1p_pos(_rest(buf))
    return out


TILE_BYTES = 1 << 20
"""The forward's tile of columns (softmax's ``x`` and ``out``, logsumexp's ``x``, its
gradient's ``x`` and ``out``): an L2 (1 MiB on AMD Zen 4; Zen 3's 512 KiB not measured),
so that the lines the later passes read again come from there, not from L3 or memory.
Against 2 MiB tiles, float32 along axis 0, 2 threads, AMD Zen 4 AVX-512, fastact /
PyTorch in two runs: log_softmax (16, 262144) 1.20 -> 1.10-1.11, (128, 32768) 1.01-1.06
-> 0.90-0.99, (64, 65536) 1.06-1.08 -> 1.04-1.06, (256, 8192) 0.87-0.92 -> 0.73-1.00;
softmax (64, 65536) 0.51-0.61 -> 0.43-0.50; logsumexp and its gradient 0.82-1.13x their
time, mostly below 1."""
TILE_BYTES_BACKWARD = 1 << 19
"""The backward's tile (softmax's and log_softmax's ``g``, ``y`` and ``out``): half the L2,
whose lines of ``g`` and ``y`` the second pass reads again.  Against 2 MiB tiles (which
hold more than the L2, so the second pass read L3), float32 along axis 0, 2 threads, AMD
Zen 4 AVX-512, fastact / PyTorch in one run: softmax_backward (64, 65536) 1.63 -> 1.13,
(128, 32768) 1.22 -> 1.03, (16, 262144) 1.21 -> 1.10, log_softmax_backward (64, 65536)
0.94 -> 0.86, (16, 262144) 1.01 -> 0.88; float64 unchanged (its Dot2 is compute-bound)."""
TILE_MIN = 256
"""Narrower tiles cost more than they save (short runs of a line, the per-tile setup):
then one tile of every column.  For the backward that is also the faster choice where
it applies: whole columns, read again from L3, against tiles of 336-672 columns (2 MiB),
ran 0.74-0.94x the time at (256, 8192) and (512, 4096) float32, 2 threads (AMD Zen 4,
AVX-512), and tiles of 16 to 128 columns ran 1.3-2.7x the time of 672 at (64, 65536)."""


@_row
def col_tile(n, itemsize, arrays, nbytes):
    """Columns in a tile of ``nbytes`` of ``arrays`` arrays of ``n`` lines, a multiple of 16.

    Where fewer than :data:`TILE_MIN` columns would fit, one tile of every column.
    """
    t = nbytes // max(1, n * itemsize * arrays)
    return t - t % 16 if t >= TILE_MIN else 1 << 62


@_row
def _col_max(x, sign, lo, hi, m, bad):
    """Column-wise max of ``sign*x[:, lo:hi]`` into ``m``; ``bad`` marks NaN columns."""
    sg = S.cast_like(x, sign)
    m[:] = -np.inf
    bad[:] = False
    for i in range(x.shape[0]):
        xr = x[i, lo:hi]
        for j in range(xr.size):
            a = sg * xr[j]
            m[j] = a if a > m[j] else m[j]
            bad[j] |= a != a


@_row
def _col_terms(x, out, sign, lo, hi, m, s, c, write):
    """``out[:, lo:hi] = exp(sign*x - m)`` row by row (if ``write``); ``s``: each column's ``sum - 1``.

    As :func:`_rest`: the terms equal to 1 are counted in ``c`` (the count less one), the
    others added, so that a dominant term leaves the rest its digits.  float64 terms are
    added error-free as there (the high parts on the grid of ``sigma >= n``, exact in any
    order, the low parts apart): a column's plain sum, one row after another, put
    softmax along axis 0 11 ulp off at 1000 rows.
    """
    sg = S.cast_like(x, sign)
    split = not S.is_float32(S.cast_like(x, 0.0))
    sigma = 1.0
    while sigma < x.shape[0]:
        sigma *= 2.0
    low = np.zeros(s.size)
    s[:] = 0.0
    c[:] = -1.0
    buf = np.empty(s.size, x.dtype)
    for i in range(x.shape[0]):
        xr = x[i, lo:hi]
        orow = out[i, lo:hi]
        if not split:  # float32: the terms in a loop of their own (16 lanes with AVX-512, not
            # the 8 of a loop that also adds float64), then added (exact in float64)
            dst = orow if write else buf
            for j in range(xr.size):
                dst[j] = S.exp_native(sg * xr[j] - m[j])
            _add_terms(dst, s, c)
            continue
        for j in range(xr.size):
            e = S.exp_native(sg * xr[j] - m[j])
            if write:
                orow[j] = e
            t = np.float64(e) if e != 1.0 else 0.0
            q = (sigma + t) - sigma
            s[j] += q
            low[j] += t - q
            c[j] += 1.0 if e == 1.0 else 0.0
    for j in range(s.size):
        s[j] = (s[j] + low[j]) + c[j]


@_row
def _add_terms(e, s, c):
    """``s += e`` (float64) where ``e != 1``, ``c += 1`` where it is: :func:`_col_terms`'s sums."""
    for j in range(e.size):
        one = e[j] == S.cast_like(e, 1.0)
        s[j] += 0.0 if one else np.float64(e[j])
        c[j] += 1.0 if one else 0.0


@_row
def _softmax_cols_tile(x, out, sign, mode, lo, hi):
    """One tile of :func:`softmax_cols`."""
    w = hi - lo
    m = np.empty(w, x.dtype)
    s = np.empty(w)
    c = np.empty(w)
    sn = np.empty(w, x.dtype)  # the sums (softmax) or their logs, in x's precision
    sg = S.cast_like(x, sign)
    bad = np.empty(w, np.bool_)
    for p in range(x.shape[0]):
        xp = x[p]
        op = out[p]
        _col_max(xp, sign, lo, hi, m, bad)
        _col_terms(xp, op, sign, lo, hi, m, s, c, mode == MODE_SOFTMAX)  # (log_softmax: no terms to keep)
        if mode == MODE_SOFTMAX:
            for j in range(w):
                sn[j] = 1.0 + s[j]
            for i in range(xp.shape[0]):
                orow = op[i, lo:hi]
                for j in range(w):
                    orow[j] = orow[j] / sn[j]
        else:
            for j in range(w):
                sn[j] = S.log1p_pos(s[j])
                if s[j] == 0.0:  # see softmax_rows: an exact 0 if the rest is all -inf
                    finite = 0
                    for i in range(xp.shape[0]):
                        finite += sg * xp[i, lo + j] != -np.inf
                    sn[j] = -0.0 if finite == 1 else sn[j]
            for i in range(xp.shape[0]):
                xr = xp[i, lo:hi]
                orow = op[i, lo:hi]
                for j in range(w):
                    orow[j] = -(sn[j] - (sg * xr[j] - m[j]))
        for j in range(w):  # NaN columns, and columns whose max is infinite
            if bad[j] or m[j] == np.inf or m[j] == -np.inf:
                op[:, lo + j] = np.nan
    return out


# --- float32 columns ------------------------------------------------------------------
# As the float32 rows (:func:`_softmax_row_f32`): the terms ``e^x 2^-shift`` of
# :func:`~fastact.kernels.scalar.exp_rel_f32` in float32 SIMD (16 lanes with AVX-512),
# for the tiles of columns (:func:`col_tile`) whose maxima are within +-88, where the
# general column kernel takes ``exp_native`` of ``x - m`` (its clamps, two-factor
# scaling and NaN select, and ``x - m`` rounded in float32).  Each inner loop touches at
# most four arrays: LLVM's vectorizer checks every pair of them for overlap at run time
# and gives up beyond 8 pairs.  (Chunks of 256 columns inside a tile, for a state that
# stays in L1, ran 1.2-2.3x slower at (64, 65536) and (4096, 1024), where the tile's
# lines come from memory or L3, and 25% faster only in L1/L2: not kept.)


@_row
def col_scratch(w):
    """(float64 (3, w), float32 (2, w), int32 (1, w)): the state of a tile of ``w`` columns."""
    return np.empty((3, w)), np.empty((2, w), np.float32), np.empty((1, w), np.int32)


@_row
def _col_max_f32(xp, sg, lo, hi, m):
    """``m[:hi - lo]``: the maxima of ``sg*xp[:, lo:hi]`` (NaN ignored); False if one is out of +-88.

    Such maxima are then replaced by 0 (the tile's kernel computes those columns'
    results from it, and the caller computes them again by the general kernel:
    :func:`_col_marked`).
    """
    w = hi - lo
    for j in range(w):
        m[j] = -np.inf
    for i in range(xp.shape[0]):
        xr = xp[i, lo:hi]
        for j in range(w):
            a = sg * xr[j]
            m[j] = a if a > m[j] else m[j]
    out = np.int32(0)
    for j in range(w):
        out = _or_flag(out, not -S.EXP_REL_MAX <= m[j] <= S.EXP_REL_MAX)
    if out == 0:
        return True
    for j in range(w):
        m[j] = m[j] if -S.EXP_REL_MAX <= m[j] <= S.EXP_REL_MAX else np.float32(np.nan)
    return False


@_row
def _col_marked(m, w):
    """The columns whose maxima :func:`_col_max_f32` marked (NaN), those maxima put back to 0."""
    k = 0
    for j in range(w):
        k += m[j] != m[j]
    out = np.empty(k, np.int64)
    k = 0
    for j in range(w):
        if m[j] != m[j]:
            out[k] = j
            k += 1
            m[j] = 0.0
    return out


@_row
def _col_terms_f32(xr, tr, sg, m, shift, zero_max):
    """A line of float32 columns' terms into ``tr``: :func:`terms_f32` with a maximum and a scale per column.

    (float32 only, 16 lanes with AVX-512: the sums in float64 are a loop of their own,
    :func:`_col_add`, where one loop for both ran 8 lanes.)
    """
    zero = np.float32(0.0)
    for j in range(xr.size):
        v = sg * xr[j]
        low = m[j] - S.EXP_REL_SPAN
        t = S.exp_rel_f32(low if v < low else v, shift[j])
        tr[j] = zero if zero_max and v == m[j] else t


@_row
def _col_add(tr, w, s, c):
    """``s += tr``, ``c += (tr == 0)`` for columns ``:w`` (float64 sums of float32 terms)."""
    for j in range(w):
        t = np.float64(tr[j])
        s[j] += t
        c[j] += 1.0 if t == 0.0 else 0.0


@_row
def _col_sum(tr, w, s):
    """``s += tr`` for columns ``:w`` (float64 sums of float32 terms; no count of zeros)."""
    for j in range(w):
        s[j] += np.float64(tr[j])


@_row
def _col_sums_f32(xp, op, sg, lo, hi, m, s, shift):
    """The terms ``e^{sg x} 2**(64 - k)`` of float32 columns ``lo:hi`` into ``op``, their sums into ``s``.

    ``k``: the exponent of ``e^m`` for each column's maximum ``m`` (within +-88), so that
    the largest term is about ``2**64`` and the sum stays finite (NaN for a column
    holding NaN); ``shift``: int32 scratch.  For softmax's division and
    logsumexp_backward's product, which take the terms on any common scale.
    """
    w = hi - lo
    for j in range(w):
        km, _ = S.reduce_f32(m[j])
        shift[j] = np.int32(km) - np.int32(64)
    s[:w] = 0.0
    for i in range(xp.shape[0]):
        orow = op[i, lo:hi]
        _col_terms_f32(xp[i, lo:hi], orow, sg, m, shift, False)
        _col_sum(orow, w, s)


@_row
def _col_rests_f32(xp, sg, lo, hi, m, scratch):
    """``f64[0]``: the ``rest`` (``sum - 1`` of ``e^{x - m}``) of float32 columns ``lo:hi`` of a plane.

    Their maxima ``m`` within +-88; NaN for a column holding NaN.  The terms of
    :func:`_col_terms_f32` on the scale of :func:`rel_scaling`, the maxima's 0 and
    counted, not added, as :func:`terms_rest` counts them for a row.
    """
    f64, f32, i32 = scratch
    s, c, d, tr, shift = f64[0], f64[1], f64[2], f32[0], i32[0]
    w = hi - lo
    for j in range(w):
        shift[j], d[j] = rel_scaling(m[j])
    s[:w] = 0.0
    c[:w] = 0.0
    for i in range(xp.shape[0]):
        _col_terms_f32(xp[i, lo:hi], tr, sg, m, shift, True)
        _col_add(tr, w, s, c)
    for j in range(w):
        s[j] = s[j] * (1.0 / d[j]) + (c[j] - 1.0)


@_row
def _col_tile_f32(xp, op, sg, mode, lo, hi, m, scratch):
    """softmax / log_softmax of float32 columns ``lo:hi`` of a plane whose maxima ``m`` are within +-88.

    softmax: the terms written to ``op`` and summed, then divided by their sum as
    :func:`_divide_f32` divides (an exponential more a term, instead of the pass over
    ``op``, ran 1.1-1.3x slower at (64, 65536)); log_softmax: ``sg*x - m - log1p(rest)``
    from :func:`_col_rests_f32`.  NaN in a column gives NaN in all of it (its sum's).
    """
    f64, f32, i32 = scratch
    a, b = f32[0], f32[1]
    w = hi - lo
    n = xp.shape[0]
    if mode == MODE_SOFTMAX:
        s = f64[0]
        _col_sums_f32(xp, op, sg, lo, hi, m, s, i32[0])
        for j in range(w):
            a[j] = np.float32(s[j])  # (NaN for a column holding NaN)
            b[j] = np.float32(1.0) / a[j]
        for i in range(n):
            orow = op[i, lo:hi]
            for j in range(w):
                t = np.float32(orow[j])  # (a no-op: typed for float64 columns too)
                q = t * b[j]
                orow[j] = S.fma(S.fma(-q, a[j], t), b[j], q)  # type: ignore[call-arg]
        return
    _col_rests_f32(xp, sg, lo, hi, m, scratch)
    rest = f64[0]
    for j in range(w):  # rest is 0 only for a line of one entry (see _log_softmax_write)
        a[j] = np.float32(-0.0) if rest[j] == 0.0 else np.float32(S.log1p_pos(rest[j]))
    for i in range(n):
        xr = xp[i, lo:hi]
        orow = op[i, lo:hi]
        for j in range(w):
            orow[j] = -(a[j] - (sg * xr[j] - m[j]))


@_row
def softmax_cols(x, out, sign, mode, lo, hi):
    """softmax / log_softmax along axis 1 of ``x`` (pre, n, post), columns ``lo:hi``.

    In tiles of columns (:func:`col_tile`); float32 tiles whose maxima are within +-88
    by :func:`_col_tile_f32`, the others by :func:`_softmax_cols_tile`.
    """
    t = col_tile(x.shape[1], x.itemsize, 2, TILE_BYTES)
    if not S.is_float32(S.cast_like(x, 0.0)):
        for c in range(lo, hi, t):
            _softmax_cols_tile(x, out, sign, mode, c, min(c + t, hi))
        return out
    t = min(t, max(hi - lo, 1))
    m = np.empty(t, np.float32)
    scratch = col_scratch(t)
    sg = np.float32(-1.0 if sign < 0.0 else 1.0)
    for c in range(lo, hi, t):
        e = min(c + t, hi)
        for p in range(x.shape[0]):
            if _col_max_f32(x[p], sg, c, e, m):
                _col_tile_f32(x[p], out[p], sg, mode, c, e, m, scratch)
                continue
            # columns whose maximum is out of +-88 (or NaN, inf): each by the general
            # kernel (a tile's choice would make a column's bits depend on its neighbours)
            others = _col_marked(m, e - c)
            _col_tile_f32(x[p], out[p], sg, mode, c, e, m, scratch)
            for k in others:
                _softmax_cols_tile(x[p:p + 1], out[p:p + 1], sign, mode, c + k, c + k + 1)
    return out


@_row
def _logsumexp_cols_tile(x, out, lo, hi):
    """One tile of :func:`logsumexp_cols`."""
    w = hi - lo
    m = np.empty(w, x.dtype)
    s = np.empty(w)
    c = np.empty(w)
    bad = np.empty(w, np.bool_)
    for p in range(x.shape[0]):
        xp = x[p]
        _col_max(xp, 1.0, lo, hi, m, bad)
        _col_terms(xp, xp, 1.0, lo, hi, m, s, c, False)
        orow = out[p, lo:hi]
        for j in range(w):
            v = np.float64(m[j]) + S.log1p_pos(s[j])
            v = m[j] if (m[j] == np.inf) | (m[j] == -np.inf) else v
            orow[j] = np.nan if bad[j] else v
    return out


@_row
def logsumexp_cols(x, out, lo, hi):
    """logsumexp along axis 1 of ``x`` (pre, n, post) into ``out`` (pre, post), columns ``lo:hi``.

    In tiles of columns (:func:`col_tile`); float32 tiles whose maxima are within +-88
    from :func:`_col_rests_f32` (``m + log1p(rest)``), the others by
    :func:`_logsumexp_cols_tile`.
    """
    t = col_tile(x.shape[1], x.itemsize, 1, TILE_BYTES)
    if not S.is_float32(S.cast_like(x, 0.0)):
        for c in range(lo, hi, t):
            _logsumexp_cols_tile(x, out, c, min(c + t, hi))
        return out
    t = min(t, max(hi - lo, 1))
    m = np.empty(t, np.float32)
    scratch = col_scratch(t)
    one = np.float32(1.0)
    for c in range(lo, hi, t):
        e = min(c + t, hi)
        for p in range(x.shape[0]):
            fine = _col_max_f32(x[p], one, c, e, m)
            others = _col_marked(m, e - c) if not fine else np.empty(0, np.int64)  # (as softmax_cols)
            _col_rests_f32(x[p], one, c, e, m, scratch)
            rest = scratch[0][0]
            orow = out[p, c:e]
            for j in range(e - c):
                orow[j] = np.float64(m[j]) + S.log1p_pos(rest[j])  # (NaN: a NaN)
            for k in others:
                _logsumexp_cols_tile(x[p:p + 1], out[p:p + 1], c + k, c + k + 1)
    return out


# --- backward -------------------------------------------------------------------------
# From (grad, y) of one dtype, in float64 arithmetic rounded once at the store.
# float64 lines: the sums are compensated (two_prod / two_sum: Ogita, Rump and Oishi's
# Dot2 and Sum2, in lanes that vectorize), as accurate as if computed in twice the
# precision, so that ``g_i - sum(g*y)``, which cancels where one entry dominates, keeps
# the digits of the small terms (``(g_i - hi) - lo``); a plain float64 sum was off by
# hundreds of ulps there.  float32 lines: the products are exact in float64 and a plain
# float64 sum (``reassoc``, 4x faster than Dot2) is 2**-29 of an ulp away per term; the
# one case it decides wrongly, ``g_i - sum`` cancelling to exactly 0 where the exact
# value is a tiny number, is redone with Dot2.

_LANES = 16


@_row
def _dot2(a, b):
    """``sum(a * b)`` as a float64 pair ``(hi, lo)`` (compensated: Dot2)."""
    hs = np.zeros(_LANES)
    ls = np.zeros(_LANES)
    n8 = a.size - a.size % _LANES
    for j in range(0, n8, _LANES):
        aj = a[j:j + _LANES]
        bj = b[j:j + _LANES]
        for k in range(_LANES):
            h, r = S.two_prod(np.float64(aj[k]), np.float64(bj[k]))
            t, q = S.two_sum(hs[k], h)
            hs[k] = t
            ls[k] += q + r
    hi = 0.0
    lo = 0.0
    for k in range(_LANES):
        hi, q = S.two_sum(hi, hs[k])
        lo += q + ls[k]
    for j in range(n8, a.size):
        h, r = S.two_prod(np.float64(a[j]), np.float64(b[j]))
        hi, q = S.two_sum(hi, h)
        lo += q + r
    return S.pair_total(hi, lo)


@jit(nogil=True, fastmath=frozenset({"reassoc"}))
def sum_plain(a):
    """``sum(a)`` in float64, plain (vectorized with ``reassoc``)."""
    s = 0.0
    for j in range(a.size):
        s += np.float64(a[j])
    return s


@_row
def _sum2(a):
    """``sum(a)`` in float64, compensated (Sum2), as a pair ``(hi, lo)``."""
    hs = np.zeros(_LANES)
    ls = np.zeros(_LANES)
    n8 = a.size - a.size % _LANES
    for j in range(0, n8, _LANES):
        aj = a[j:j + _LANES]
        for k in range(_LANES):
            t, q = S.two_sum(hs[k], np.float64(aj[k]))
            hs[k] = t
            ls[k] += q
    hi = 0.0
    lo = 0.0
    for k in range(_LANES):
        hi, q = S.two_sum(hi, hs[k])
        lo += q + ls[k]
    for j in range(n8, a.size):
        hi, q = S.two_sum(hi, np.float64(a[j]))
        lo += q
    return S.pair_total(hi, lo)


@jit(nogil=True, fastmath=frozenset({"reassoc"}))
def _dot(a, b):
    """``sum(a * b)`` in float64, plain (vectorized with ``reassoc``)."""
    s = 0.0
    for j in range(a.size):
        s += np.float64(a[j]) * np.float64(b[j])
    return s


@_row
def _softmax_grad_line(g, y, out, sign, hi, lo):
    """``out = sign * y * ((g - hi) - lo)``; returns how many ``(g - hi) - lo`` are 0."""
    zeros = 0
    for j in range(y.size):
        d = (np.float64(g[j]) - hi) - lo
        zeros += d == 0.0
        out[j] = sign * (np.float64(y[j]) * d)
    return zeros


@_row
def _softmax_grad_line_f32(g, y, out, sign, s):
    """:func:`_softmax_grad_line` of a float32 line in float32 arithmetic (16 lanes with AVX-512).

    ``s`` (the float64 sum) as the float32 pair ``hi + lo`` (2**-48 of it); ``g - hi`` is
    exact where it is small (Sterbenz) and rounds once elsewhere, so that ``(g - hi) -
    lo`` is within an ulp of ``g - s``, and the product rounds once more: 2 ulp, where
    the float64 line converted every term twice.  Returns whether a ``(g - hi) - lo`` is 0,
    infinite or NaN (the caller redoes such lines in float64: a 0 may be a tiny number, and
    ``g - hi`` overflows float32 where the float64 line's product may not).
    """
    hi = S.cast_like(y, s)
    lo = S.cast_like(y, s - np.float64(hi))
    sg = S.cast_like(y, sign)
    redo = np.int32(0)
    for j in range(y.size):
        out[j], bad = _softmax_grad_term_f32(g[j], y[j], hi, lo, sg)
        redo = _or_flag(redo, bad)
    return redo != 0


@_row
def _softmax_grad_term_f32(gj, yj, hi, lo, sg):
    """``(sg yj ((gj - hi) - lo), whether (gj - hi) - lo is 0, inf or NaN)`` in float32 (rows and columns)."""
    zero = np.float32(0.0)
    d = (gj - hi) - lo
    return sg * (yj * d), (d == zero) | (d * zero != zero)  # (inf * 0, NaN * 0: NaN)


@_row
def softmax_backward_rows(g, y, out, sign):
    """``out = sign * y * (g - sum(g * y))`` along each row (softmax: +1, softmin: -1)."""
    for i in range(y.shape[0]):
        gr = g[i]
        yr = y[i]
        if S.is_float32(S.cast_like(y, 0.0)):
            if _softmax_grad_line_f32(gr, yr, out[i], sign, _dot(gr, yr)):
                hi, lo = _dot2(gr, yr)
                _softmax_grad_line(gr, yr, out[i], sign, hi, lo)
        else:
            hi, lo = _dot2(gr, yr)
            _softmax_grad_line(gr, yr, out[i], sign, hi, lo)
    return out


_LOG_PROB_LO_F = np.float32(-70.0)  # exp_pair_f32's domain: [-70, 0]
_PAIR_SUM_MAX = 2.0 ** 126  # a row sum whose float32 pair (and its products by e**y <= 1) stays finite


@_row
def _outside_log_prob_range(vj):
    """float32 ``vj`` outside [-70, 0] but not -inf or NaN (NaN compares false).

    Outside :func:`_log_softmax_grad_term_f32`'s domain, where ``e**vj`` is in [4e-31, 1]
    (or 0).  The term tests it, not the sum's pass, which then reads ``g`` alone: ``y`` is
    read once, not twice, where the lines exceed the cache (float32 rows 0.83-0.94x the
    time at (4096, 1024), (64, 65536), (100000, 100), (512, 1024); columns 0.78-0.92x at
    (64, 65536), (256, 8192), (4096, 1024), (64, 4096); 2 threads, AMD Zen 4 AVX-512).
    """
    return ((vj < _LOG_PROB_LO_F) & (vj != -np.float32(np.inf))) | (vj > np.float32(0.0))


@_row
def _log_softmax_grad_line_f32(g, y, out, s):
    """``out = g - e**y s`` in float32 for a float32 line, ``|s| <= 2**126``.

    ``e**y`` as the float32 pair ``eh + el`` of :func:`~fastact.kernels.scalar.exp_pair_f32`
    (to 2**-26), the sum as the pair ``hi + lo``, ``eh hi`` as the exact pair ``p + pe``
    (fma), and ``(g - p) - (pe + eh lo + el hi)``: ``g - p`` exact where it is small
    (Sterbenz), so within about an ulp where ``g`` nearly cancels ``e**y s`` (a rounded
    ``e**y`` moves such results by ``e**y s / |result|`` ulps, the contract's
    conditioning term; ``exp_f32``'s 1 ulp by twice that).  16 lanes with AVX-512.
    Returns whether a result is 0 (but at ``y = -inf``): the exact value may be a tiny
    number below the pair's digits, whose sign the caller's float64 line gets right; or
    whether a ``y`` lies outside [-70, 0] (but -inf, NaN): the caller redoes the line.
    """
    hi = np.float32(s)
    lo = np.float32(s - np.float64(hi))
    redo = np.int32(0)
    for j in range(y.size):
        out[j], bad = _log_softmax_grad_term_f32(g[j], y[j], hi, lo)
        redo = _or_flag(redo, bad)
    return redo != 0


@_row
def _log_softmax_grad_term_f32(gj, yj, hi, lo):
    """``(gj - e**yj (hi + lo), whether to redo it)`` in float32 (rows and columns).

    Redone: a result of 0 (but at ``yj = -inf``) and a ``yj`` outside [-70, 0]
    (:func:`_outside_log_prob_range`, whose results here are not ``e**yj``'s).
    """
    ninf = -np.float32(np.inf)
    eh, el = S.exp_pair_f32(yj)
    p = eh * hi
    pe = S.fma(eh, hi, -p)  # type: ignore[call-arg,var-annotated]
    r = (gj - p) - S.fma(el, hi, S.fma(eh, lo, pe))
    bad = ((r == np.float32(0.0)) & (yj != ninf)) | _outside_log_prob_range(yj)
    return (gj if yj == ninf else r), bad  # (masked: e**-inf = 0)


@_row
def _in_pair_range(v):
    """Whether every entry of a float64 line (NaN and -inf apart) has ``|v| <= 700``."""
    out = np.int32(0)
    for j in range(v.size):
        vj = v[j]  # (NaN compares false: never out)
        out = _or_flag(out, (abs(vj) > S.EXP_PAIR_MAX) & (vj != -np.inf))
    return out == 0


@_row
def _log_softmax_grad_row_f32(gr, yr, orow):
    """One float32 row of :func:`log_softmax_backward_rows`."""
    sh = sum_plain(gr)
    if abs(sh) <= _PAIR_SUM_MAX and not _log_softmax_grad_line_f32(gr, yr, orow, sh):
        return
    for j in range(yr.size):
        orow[j] = S.exp_grad_term(gr[j], yr[j], sh, 0.0)


@_row
def _log_softmax_grad_row_f64(gr, yr, orow):
    """One float64 row of :func:`log_softmax_backward_rows`."""
    sh, sl = _sum2(gr)
    if _in_pair_range(yr) and abs(sh) <= S.EXP_PAIR_SUM_MAX:
        for j in range(yr.size):
            orow[j] = S.exp_grad_term_pair(gr[j], yr[j], sh, sl)
    else:
        for j in range(yr.size):
            orow[j] = S.exp_grad_term(gr[j], yr[j], sh, sl)


@_row
def log_softmax_backward_rows(g, y, out):
    """``out = g - exp(y) * sum(g)`` along each row.

    float32 rows whose ``y`` lie in [-70, 0] (log_softmax's results, but for entries of
    probability below 4e-31) take :func:`_log_softmax_grad_line_f32`, float64 rows with
    ``|y| <= 700`` :func:`~fastact.kernels.scalar.exp_grad_term_pair`; the others
    :func:`~fastact.kernels.scalar.exp_grad_term`.
    """
    f32 = S.is_float32(S.cast_like(y, 0.0))
    for i in range(y.shape[0]):
        if f32:
            _log_softmax_grad_row_f32(g[i], y[i], out[i])
        else:
            _log_softmax_grad_row_f64(g[i], y[i], out[i])
    return out


@_row
def logsumexp_backward_rows(g, x, out):
    """``out[i] = g[i] * softmax(x[i])`` (``g``: float64, one value per row).

    softmax as in :func:`softmax_rows` (NaN for a row with NaN or an infinite max), its
    division and the product with ``g`` in float64, rounded once.  float32 rows whose
    maximum is within +-88 and ``|g|`` below :data:`_G_CLAMP_MAX`: the float32 terms of
    :func:`terms_f32` (as :func:`_col_lse_grad_f32` for columns); the others' products
    take the terms again in float64 (a float32 term below 2**-126 has lost digits that a
    large ``g`` would show: g = 2e13, x - max = -128 gave 0 for 2e-43).
    """
    f32 = S.is_float32(S.cast_like(x, 0.0))
    for i in range(x.shape[0]):
        xr = x[i]
        orow = out[i]
        if f32 and abs(g[i]) < _G_CLAMP_MAX:
            mx = line_max_f32(xr)
            if -S.EXP_REL_MAX <= mx <= S.EXP_REL_MAX:
                km, _ = S.reduce_f32(mx)
                shift = np.int32(km) - np.int32(64)
                terms_f32(xr, orow, mx, shift, mx - S.EXP_REL_SPAN, np.float32(1.0), False)
                f = g[i] / sum_plain(orow)  # (NaN for a row with NaN)
                for j in range(orow.size):
                    orow[j] = np.float64(orow[j]) * f
                continue
        m = line_max(xr, 1.0)
        if m == np.inf or m == -np.inf:
            orow[:] = np.nan
            continue
        _exp_shifted(xr, orow, 1.0, m)
        rest = _rest(orow)
        if rest != rest:
            orow[:] = np.nan
            continue
        f = g[i] / (1.0 + rest)
        for j in range(orow.size):
            orow[j] = S.exp(np.float64(xr[j]) - np.float64(m)) * f
    return out


@_row
def _softmax_backward_cols_dot2(gp, yp, op, sign, lo, hi, sh, sl):
    """Columns ``lo:hi`` of one (n, post) slab of :func:`softmax_backward_cols` by Dot2, in float64."""
    w = hi - lo
    sh[:w] = 0.0
    sl[:w] = 0.0
    for i in range(yp.shape[0]):  # Dot2 down each column (see _dot2)
        gr = gp[i, lo:hi]
        yr = yp[i, lo:hi]
        for j in range(w):
            h, r = S.two_prod(np.float64(gr[j]), np.float64(yr[j]))
            t, q = S.two_sum(sh[j], h)
            sh[j] = t
            sl[j] += q + r
    for j in range(w):
        sh[j], sl[j] = S.pair_total(sh[j], sl[j])
    for i in range(yp.shape[0]):
        gr = gp[i, lo:hi]
        yr = yp[i, lo:hi]
        orow = op[i, lo:hi]
        for j in range(w):
            orow[j] = sign * (np.float64(yr[j]) * ((np.float64(gr[j]) - sh[j]) - sl[j]))


@_row
def _softmax_backward_cols_tile(g, y, out, sign, lo, hi, scratch):
    """One tile of :func:`softmax_backward_cols` (``scratch``: :func:`col_scratch`).

    Its rows: the float64 sums and their low parts, the float32 pairs of float32 slabs,
    the columns' flags.
    """
    w = hi - lo
    sh, sl, h32, l32, flag = scratch[0][0], scratch[0][1], scratch[1][0], scratch[1][1], scratch[2][0]
    f32 = S.is_float32(S.cast_like(y, 0.0))
    for p in range(y.shape[0]):
        gp = g[p]
        yp = y[p]
        op = out[p]
        if not f32:
            _softmax_backward_cols_dot2(gp, yp, op, sign, lo, hi, sh, sl)
        elif _softmax_grad_cols_f32(gp, yp, op, sign, lo, hi, sh, h32, l32):
            # the columns with a (g - hi) - lo of 0, inf or NaN, each by Dot2 (a slab's
            # choice would make a column's bits depend on its neighbours: on the tiles)
            _softmax_grad_cols_flags(gp, yp, lo, hi, h32, l32, flag)
            for j in range(w):
                if flag[j] != 0:
                    _softmax_backward_cols_dot2(gp, yp, op, sign, lo + j, lo + j + 1, sh, sl)
    return out


@_row
def _softmax_grad_cols_flags(gp, yp, lo, hi, sh, sl, flag):
    """``flag[j]``: whether column ``lo + j`` has a term that :func:`_softmax_grad_term_f32` marks."""
    w = hi - lo
    flag[:w] = 0
    one = np.float32(1.0)
    for i in range(yp.shape[0]):
        gr = gp[i, lo:hi]
        yr = yp[i, lo:hi]
        for j in range(w):
            _, bad = _softmax_grad_term_f32(gr[j], yr[j], sh[j], sl[j], one)
            flag[j] = _or_flag(flag[j], bad)


@_row
def softmax_backward_cols(g, y, out, sign, lo, hi):
    """:func:`softmax_backward_rows` along axis 1 of (pre, n, post) arrays, columns ``lo:hi``.

    float32: each column's plain float64 sum and the float32 lines of the rows
    (:func:`_softmax_grad_term_f32`); a column with a ``(g - hi) - lo`` that is 0, inf or
    NaN is redone as float64's, by Dot2.

    In tiles of columns (:func:`col_tile`).
    """
    t = min(col_tile(y.shape[1], y.itemsize, 3, TILE_BYTES_BACKWARD), max(hi - lo, 1))
    scratch = col_scratch(t)  # (allocated once a call, not once a tile)
    for c in range(lo, hi, t):
        _softmax_backward_cols_tile(g, y, out, sign, c, min(c + t, hi), scratch)
    return out


@_SUMS
def _softmax_grad_cols_f32(gp, yp, op, sign, lo, hi, s, sh, sl):
    """One float32 (n, post) slab of :func:`softmax_backward_cols`; returns whether to redo it."""
    w = hi - lo
    s[:] = 0.0
    for i in range(yp.shape[0]):  # (float32 products are exact in float64)
        gr = gp[i, lo:hi]
        yr = yp[i, lo:hi]
        for j in range(w):
            s[j] += np.float64(gr[j]) * np.float64(yr[j])
    for j in range(w):
        sh[j] = np.float32(s[j])
        sl[j] = np.float32(s[j] - np.float64(sh[j]))
    sg = S.cast_like(yp, sign)
    redo = np.int32(0)
    for i in range(yp.shape[0]):
        gr = gp[i, lo:hi]
        yr = yp[i, lo:hi]
        orow = op[i, lo:hi]
        for j in range(w):
            orow[j], bad = _softmax_grad_term_f32(gr[j], yr[j], sh[j], sl[j], sg)
            redo = _or_flag(redo, bad)
    return redo != 0


@_row
def _log_softmax_backward_cols_sum2(gp, yp, op, lo, hi, s, sl, flag, pair):
    """Columns ``lo:hi`` of one (n, post) slab of :func:`log_softmax_backward_cols` in float64.

    Sum2 down each column, then ``exp_grad_term_pair`` (``pair``: float64 data) where a
    column's sum and ``y`` are in its domain, else ``exp_grad_term``: a choice per column
    (``flag``: scratch), so that a column's bits do not depend on its neighbours (on the
    tiles and the threads).
    """
    w = hi - lo
    s[:w] = 0.0
    sl[:w] = 0.0
    for i in range(yp.shape[0]):  # Sum2 down each column
        gr = gp[i, lo:hi]
        for j in range(w):
            t, q = S.two_sum(s[j], np.float64(gr[j]))
            s[j] = t
            sl[j] += q
    for j in range(w):
        s[j], sl[j] = S.pair_total(s[j], sl[j])
    for j in range(w):
        flag[j] = np.int32(not pair or abs(s[j]) > S.EXP_PAIR_SUM_MAX)
    if pair:
        for i in range(yp.shape[0]):
            yr = yp[i, lo:hi]
            for j in range(w):
                vj = yr[j]  # (NaN compares false: never out)
                flag[j] = _or_flag(flag[j], (abs(vj) > S.EXP_PAIR_MAX) & (vj != -np.inf))
    some = np.int32(0)
    for j in range(w):
        some = _or_flag(some, flag[j] != 0)
    for i in range(yp.shape[0]):
        gr = gp[i, lo:hi]
        yr = yp[i, lo:hi]
        orow = op[i, lo:hi]
        if pair:
            for j in range(w):
                orow[j] = S.exp_grad_term_pair(gr[j], yr[j], s[j], sl[j])
        if some != 0:
            for j in range(w):
                if flag[j] != 0:
                    orow[j] = S.exp_grad_term(gr[j], yr[j], s[j], sl[j])


@_row
def _log_softmax_backward_cols_tile(g, y, out, lo, hi, scratch):
    """One tile of :func:`log_softmax_backward_cols` (``scratch``: as the softmax tile's)."""
    w = hi - lo
    s, sl, h32, l32, flag = scratch[0][0], scratch[0][1], scratch[1][0], scratch[1][1], scratch[2][0]
    f32 = S.is_float32(S.cast_like(y, 0.0))
    for p in range(y.shape[0]):
        gp = g[p]
        yp = y[p]
        op = out[p]
        if not f32:
            _log_softmax_backward_cols_sum2(gp, yp, op, lo, hi, s, sl, flag, True)
        elif _log_softmax_grad_cols_f32(gp, yp, op, lo, hi, s, h32, l32):
            # columns outside the float32 lines' domain, or with a zero result: each as
            # float64's (a slab's choice would make a column's bits depend on the tiles)
            _log_softmax_grad_cols_flags(gp, yp, lo, hi, s, h32, l32, flag)
            for j in range(w):
                if flag[j] != 0:
                    _log_softmax_backward_cols_sum2(gp, yp, op, lo + j, lo + j + 1, s, sl, flag[j:], False)
    return out


@_row
def _log_softmax_grad_cols_flags(gp, yp, lo, hi, s, sh, sl, flag):
    """``flag[j]``: whether column ``lo + j`` leaves the domain of :func:`_log_softmax_grad_term_f32`.

    (A ``y`` outside [-70, 0], a sum beyond :data:`_PAIR_SUM_MAX`, or a term it marks.)
    """
    w = hi - lo
    for j in range(w):
        flag[j] = np.int32(abs(s[j]) > _PAIR_SUM_MAX)
    for i in range(yp.shape[0]):
        gr = gp[i, lo:hi]
        yr = yp[i, lo:hi]
        for j in range(w):
            _, bad = _log_softmax_grad_term_f32(gr[j], yr[j], sh[j], sl[j])
            flag[j] = _or_flag(flag[j], bad)


@_row
def log_softmax_backward_cols(g, y, out, lo, hi):
    """:func:`log_softmax_backward_rows` along axis 1 of (pre, n, post), columns ``lo:hi``.

    float32 columns whose ``y`` lie in [-70, 0] (or are -inf): each column's plain float64
    sum and the float32 lines of the rows (:func:`_log_softmax_grad_term_f32`); others,
    and columns with a zero result, as float64's (Sum2, ``exp_grad_term``).

    In tiles of columns (:func:`col_tile`).
    """
    t = min(col_tile(y.shape[1], y.itemsize, 3, TILE_BYTES_BACKWARD), max(hi - lo, 1))
    scratch = col_scratch(t)  # (allocated once a call, not once a tile)
    for c in range(lo, hi, t):
        _log_softmax_backward_cols_tile(g, y, out, c, min(c + t, hi), scratch)
    return out


@_SUMS
def _log_softmax_grad_cols_f32(gp, yp, op, lo, hi, s, sh, sl):
    """One float32 (n, post) slab of :func:`log_softmax_backward_cols`; returns whether to redo columns of it.

    ``s``: each column's float64 sum of ``g`` on return (also where it is True).
    """
    w = hi - lo
    s[:] = 0.0
    for i in range(gp.shape[0]):
        gr = gp[i, lo:hi]
        for j in range(w):
            s[j] += np.float64(gr[j])
    redo = np.int32(0)
    for j in range(w):
        redo = _or_flag(redo, abs(s[j]) > _PAIR_SUM_MAX)
        sh[j] = np.float32(s[j])
        sl[j] = np.float32(s[j] - np.float64(sh[j]))
    for i in range(yp.shape[0]):  # (y outside the domain too: those columns are computed again)
        gr = gp[i, lo:hi]
        yr = yp[i, lo:hi]
        orow = op[i, lo:hi]
        for j in range(w):
            orow[j], bad = _log_softmax_grad_term_f32(gr[j], yr[j], sh[j], sl[j])
            redo = _or_flag(redo, bad)
    return redo != 0


@_row
def _logsumexp_backward_cols_tile(g, x, out, lo, hi):
    """One tile of :func:`logsumexp_backward_cols`."""
    w = hi - lo
    m = np.empty(w, x.dtype)
    s = np.empty(w)
    c = np.empty(w)
    f = np.empty(w)
    bad = np.empty(w, np.bool_)
    for p in range(x.shape[0]):
        xp = x[p]
        op = out[p]
        _col_max(xp, 1.0, lo, hi, m, bad)
        _col_terms(xp, op, 1.0, lo, hi, m, s, c, True)
        gp = g[p, lo:hi]
        for j in range(w):
            f[j] = gp[j] / (1.0 + s[j])
        for i in range(xp.shape[0]):  # (the terms again in float64: see logsumexp_backward_rows)
            xr = xp[i, lo:hi]
            orow = op[i, lo:hi]
            for j in range(w):
                orow[j] = S.exp(np.float64(xr[j]) - np.float64(m[j])) * f[j]
        for j in range(w):
            if bad[j] or m[j] == np.inf or m[j] == -np.inf:
                op[:, lo + j] = np.nan
    return out


_G_CLAMP_MAX = 2.0 ** 34
"""float32 columns whose ``|g|`` is below this take :func:`_col_lse_grad_f32`: the terms
it raises to ``max - 128`` are ``2**-184`` of the sum or less, so that ``g`` times them
rounds to 0 as the exact values do."""


@_row
def _col_lse_grad_f32(xp, op, gr, lo, hi, m, scratch):
    """``op[:, lo:hi] = g softmax(x)`` for float32 columns whose maxima ``m`` are within +-88.

    The terms of :func:`_col_terms_f32` written to ``op`` and summed in float64, then each
    times ``g / sum`` in float64, rounded once (:func:`logsumexp_backward_rows`' product).
    """
    f64, f32, i32 = scratch
    s, f = f64[0], f64[2]
    w = hi - lo
    _col_sums_f32(xp, op, np.float32(1.0), lo, hi, m, s, i32[0])
    for j in range(w):
        f[j] = gr[j] / s[j]  # (NaN for a column holding NaN)
    for i in range(xp.shape[0]):
        orow = op[i, lo:hi]
        for j in range(w):
            orow[j] = np.float64(orow[j]) * f[j]


@_row
def logsumexp_backward_cols(g, x, out, lo, hi):
    """``out = g * softmax(x)`` along axis 1 of ``x`` (pre, n, post); ``g``: (pre, post) float64.

    In tiles of columns (:func:`col_tile`); float32 columns whose maxima are within +-88
    and ``|g|`` below :data:`_G_CLAMP_MAX` by :func:`_col_lse_grad_f32`, the others each
    by :func:`_logsumexp_backward_cols_tile`.
    """
    t = col_tile(x.shape[1], x.itemsize, 2, TILE_BYTES)
    if not S.is_float32(S.cast_like(x, 0.0)):
        for c in range(lo, hi, t):
            _logsumexp_backward_cols_tile(g, x, out, c, min(c + t, hi))
        return out
    t = min(t, max(hi - lo, 1))
    m = np.empty(t, np.float32)
    scratch = col_scratch(t)
    one = np.float32(1.0)
    for c in range(lo, hi, t):
        e = min(c + t, hi)
        for p in range(x.shape[0]):
            _col_max_f32(x[p], one, c, e, m)
            gr = g[p, c:e]
            for j in range(e - c):  # (a large or NaN g: the general kernel, as _col_max_f32 marks)
                m[j] = m[j] if abs(gr[j]) < _G_CLAMP_MAX else np.float32(np.nan)
            others = _col_marked(m, e - c)
            _col_lse_grad_f32(x[p], out[p], gr, c, e, m, scratch)
            for k in others:
                _logsumexp_backward_cols_tile(g[p:p + 1], x[p:p + 1], out[p:p + 1], c + k, c + k + 1)
    return out


# The row kernels over ``pieces`` blocks of rows on Numba's threads (``prange``): a split
# there costs microseconds, where waking the Python pool's thread costs ~0.3-0.5 ms on
# these machines (softmax 4096 x 1000 float32: 2.9 -> 2.65 ms on 2 threads).

@_row
def piece(rows, pieces, b):
    """Rows ``[lo, hi)`` of block ``b`` of ``pieces`` (the last ones may be empty)."""
    step = -(-rows // pieces)
    return min(b * step, rows), min((b + 1) * step, rows)


_split = jit(nogil=True, parallel=True)


@_split
def softmax_rows_split(x, out, sign, mode, pieces):
    for b in prange(pieces):
        lo, hi = piece(x.shape[0], pieces, b)
        softmax_rows(x[lo:hi], out[lo:hi], sign, mode)
    return out


@_split
def logsumexp_rows_split(x, out, pieces):
    for b in prange(pieces):
        lo, hi = piece(x.shape[0], pieces, b)
        logsumexp_rows(x[lo:hi], out[lo:hi])
    return out


@_split
def softmax_backward_rows_split(g, y, out, sign, pieces):
    for b in prange(pieces):
        lo, hi = piece(y.shape[0], pieces, b)
        softmax_backward_rows(g[lo:hi], y[lo:hi], out[lo:hi], sign)
    return out


@_split
def log_softmax_backward_rows_split(g, y, out, pieces):
    for b in prange(pieces):
        lo, hi = piece(y.shape[0], pieces, b)
        log_softmax_backward_rows(g[lo:hi], y[lo:hi], out[lo:hi])
    return out


@_split
def logsumexp_backward_rows_split(g, x, out, pieces):
    for b in prange(pieces):
        lo, hi = piece(x.shape[0], pieces, b)
        logsumexp_backward_rows(g[lo:hi], x[lo:hi], out[lo:hi])
    return out


# The column kernels over ``pieces`` ranges of columns (whole 16-lane vectors), the same
# way: Numba's threads where the Python pool's cost a wake-up each (2 threads, (64, 4096)
# float32 along axis 0: no faster than one thread on the pool).

@_row
def col_piece(post, pieces, b):
    """Columns ``[lo, hi)`` of block ``b`` of ``pieces``, multiples of 16 but the last (some may be empty)."""
    step = -(-post // pieces)
    step = -(-step // _LANES) * _LANES
    return min(b * step, post), min((b + 1) * step, post)


@_split
def softmax_cols_split(x, out, sign, mode, pieces):
    for b in prange(pieces):
        lo, hi = col_piece(x.shape[2], pieces, b)
        softmax_cols(x, out, sign, mode, lo, hi)
    return out


@_split
def logsumexp_cols_split(x, out, pieces):
    for b in prange(pieces):
        lo, hi = col_piece(x.shape[2], pieces, b)
        logsumexp_cols(x, out, lo, hi)
    return out


@_split
def softmax_backward_cols_split(g, y, out, sign, pieces):
    for b in prange(pieces):
        lo, hi = col_piece(y.shape[2], pieces, b)
        softmax_backward_cols(g, y, out, sign, lo, hi)
    return out


@_split
def log_softmax_backward_cols_split(g, y, out, pieces):
    for b in prange(pieces):
        lo, hi = col_piece(y.shape[2], pieces, b)
        log_softmax_backward_cols(g, y, out, lo, hi)
    return out


@_split
def logsumexp_backward_cols_split(g, x, out, pieces):
    for b in prange(pieces):
        lo, hi = col_piece(x.shape[2], pieces, b)
        logsumexp_backward_cols(g, x, out, lo, hi)
    return out
