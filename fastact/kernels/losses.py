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
flat arrays (or scalars) computed in float64, from one ``log1p(e^-|x|)`` and ``sigmoid`` of
both signs.

Rows are computed with loops that vectorize (no libm call): ``e^{x_j - m}`` into a row
buffer, float64's :func:`~fastact.kernels.scalar.exp` for float64 logits and, for float32
logits, float32 arithmetic (twice the SIMD lanes): :func:`~fastact.kernels.scalar.exp_rel_f32`
of ``x`` itself where the maximum is within +-88, else
:func:`~fastact.kernels.scalar.exp_diff_f32` of ``x - m``, and float64's ``exp`` for a
row whose terms span beyond 128 below its maximum (see :func:`_exp_into`); then float64
sums compiled with ``reassoc`` (SIMD partial sums), for float64 terms over blocks of 256
whose sums are added with compensation (Neumaier): the error of a sum stays a few ulp of
its terms' total however long the row.  Rows are as :func:`fastact.log_softmax` has
them: NaN, +inf, or only -inf in a row give NaN (loss and gradient); a -inf logit with a
positive coefficient gives an infinite loss; a row whose coefficients are all 0 gives 0.
"""

import numpy as np
from numba import prange
from numba.core import types
from numba.extending import overload

from .._core.jit import jit
from . import scalar as S
from .axis import line_max, line_max_f32, piece, rel_scaling, sum_plain, terms_f32, terms_rest

_row = jit(nogil=True)
_sums = jit(nogil=True, fastmath=frozenset({"reassoc"}))
_BLOCK = 256

_ZERO_I, _ONE_I = np.int32(0), np.int32(1)


@_row
def _exp_into(xr, buf, mx):
    """``buf[j] = e^{x_j - m} / scale``; returns ``scale`` (0.0: the row needs the wide path).

    Float64 rows: float64's ``exp`` (scale 1).  Float32 rows (``buf`` float32, ``mx`` the
    row's own float32 maximum), in float32 arithmetic: for ``|m| <= 88``
    :func:`~fastact.kernels.scalar.exp_rel_f32` of ``x`` itself, ``e^x 2^{64 - k(m)}``
    (scale ``1 / (e^{m - k(m) ln 2} 2^64)``, in float64); for larger maxima
    :func:`~fastact.kernels.scalar.exp_diff_f32` (scale ``2^-60``).  A term further below
    the maximum than those cover (128, 129) leaves the row to :func:`_exp_wide`.
    """
    if S.is_float32(xr[0]):
        far = _ZERO_I
        if -S.EXP_REL_MAX <= mx <= S.EXP_REL_MAX:
            shift, d = rel_scaling(mx)
            low = mx - S.EXP_REL_SPAN
            for j in range(xr.size):
                buf[j] = S.exp_rel_f32(xr[j], shift)
                far += _ONE_I if xr[j] < low else _ZERO_I  # (an int32 sum: it vectorizes)
            scale = 1.0 / d
        else:
            for j in range(xr.size):
                buf[j] = S.exp_diff_f32(xr[j], mx)
                far += _ONE_I if xr[j] - mx < S.EXP_DIFF_LO else _ZERO_I
            scale = 1.0 / np.float64(S.EXP_DIFF_SCALE)
        return scale if far == 0 else 0.0
    for j in range(xr.size):
        buf[j] = S.exp(xr[j] - mx)
    return 1.0


_WIDE_LO = -708.0  # e^-708 > 2^-1022: exp_rel's one scaling factor stays normal


@_row
def _exp_wide(xr, wide, m):
    """``wide[j] = e^{x_j - m}`` in float64, for float32 rows (``x - m`` below -708 as -708).

    :func:`~fastact.kernels.scalar.exp_rel` (one scaling, no NaN select: NaN stays NaN
    through its reduction) where :func:`~fastact.kernels.scalar.exp` clamps and scales
    twice.  A term below ``e^-708 = 2^-1021.4`` moves neither a sum that holds the
    maximum's 1 nor a gradient entry ``C p_j - c_j`` of a float32 row (``C p_j`` below
    ``2^-880``, where float32's least subnormal is ``2^-149``).
    """
    for j in range(xr.size):
        d = np.float64(xr[j]) - m
        wide[j] = S.exp_rel(_WIDE_LO if d < _WIDE_LO else d, np.int64(0))


# The block helpers take a slice and index it from 0: an index ``j`` in ``range(lo, hi)``
# may be negative as far as Numba knows, and its wraparound turned every load into a
# gather (10x slower sums).


@_sums
def _block_rest(buf, xr, m):
    """(sum of ``buf`` where ``x != m``, how many ``x == m``): SIMD partial sums."""
    s = 0.0
    ones = 0.0
    for j in range(buf.size):
        is_one = xr[j] == m
        s += 0.0 if is_one else np.float64(buf[j])
        ones += 1.0 if is_one else 0.0
    return s, ones


@_sums
def _block_dot(c, xr, m):
    """``sum c_j (m - x_j)``, terms with ``c_j == 0`` left out (0 * inf)."""
    s = 0.0
    for j in range(xr.size):
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
def _rest(buf, xr, m, scale):
    """``R = scale sum_{x_j != m} buf_j + (#{x_j = m} - 1)``: the maxima's terms (1) apart.

    Float32 terms are summed in float64 in one pass (their error, ``n 2**-53`` at most, is
    far below float32's); float64 ones in blocks whose sums are compensated.
    """
    if S.is_float32(buf[0]):
        e, k = _block_rest(buf, xr, m)
        return e * scale + (k - 1.0)
    s = comp = ones = 0.0
    for lo in range(0, buf.size, _BLOCK):
        e, k = _block_rest(buf[lo:lo + _BLOCK], xr[lo:lo + _BLOCK], m)
        s, comp = _add(s, comp, e)
        ones += k
    return (s + comp) * scale + (ones - 1.0)


@_row
def _sum(v):
    s = comp = 0.0
    for b in range(0, v.size, _BLOCK):
        s, comp = _add(s, comp, sum_plain(v[b:b + _BLOCK]))
    return s + comp


@_row
def _dot(c, xr, m):
    """``sum c_j (m - x_j)``, compensated; +inf where a -inf logit has ``c_j > 0``.

    The terms are never negative, so an infinite one makes the sum +inf for good, while
    the compensation's ``(s - t) + e`` turns NaN (``inf - inf``): then the sum alone.
    """
    s = comp = 0.0
    for lo in range(0, xr.size, _BLOCK):
        s, comp = _add(s, comp, _block_dot(c[lo:lo + _BLOCK], xr[lo:lo + _BLOCK], m))
    return s + comp if comp == comp else s


@_row
def _first(xr, m):
    for j in range(xr.size):
        if np.float64(xr[j]) == m:
            return j
    return 0


@_row
def _row_rest(xr, buf, wide, exact=False):
    """``(m, R, scale, wide_used)`` of a row; R NaN for a row that gives NaN.

    NaN, +inf or only -inf in the row give NaN.  The terms ``e^{x_j - m}`` are
    ``buf[j] * scale``, or ``wide[j]`` where ``wide_used`` (float32 rows spanning beyond 129,
    or every float32 row if ``exact``: terms that a gradient cancels against).
    """
    mx = line_max(xr, S.cast_like(xr, 1.0))
    m = np.float64(mx)
    if m == np.inf or m == -np.inf:
        return m, np.nan, 1.0, False
    if not (exact and S.is_float32(mx)):
        scale = _exp_into(xr, buf, mx)
        if scale != 0.0:
            return m, _rest(buf, xr, mx, scale), scale, False  # (R NaN if the row holds one)
    _exp_wide(xr, wide, m)
    return m, _rest(wide, xr, mx, 1.0), 1.0, True


@_sums
def _block_sum_f64(xr, m):
    """(sum of ``e^{x - m}`` where ``x != m``, how many ``x == m``) over a float64 block."""
    s = 0.0
    ones = 0.0
    for j in range(xr.size):
        xj = xr[j]
        e = S.exp(xj - m)
        is_one = xj == m
        s += 0.0 if is_one else e
        ones += 1.0 if is_one else 0.0
    return s, ones


@_row
def _row_stats(xr, buf, wide):
    """``(m, R)`` of a row, as :func:`_row_rest` gives them; float64 rows in one pass after the maximum.

    A float64 row's terms are summed as they are made (nothing stored: 30% faster).
    """
    if S.is_float32(xr[0]):
        mx = line_max_f32(xr)  # (NaN rows: to _row_rest below, as are empty ones)
        if -S.EXP_REL_MAX <= mx <= S.EXP_REL_MAX:
            shift, d = rel_scaling(mx)
            terms_f32(xr, buf, mx, shift, mx - S.EXP_REL_SPAN, np.float32(1.0))
            return np.float64(mx), terms_rest(buf, d)  # (terms beyond 128 below: ~e^-128)
        m, r, _, _ = _row_rest(xr, buf, wide)  # (larger maxima, NaN, inf)
        return m, r
    m = line_max(xr, 1.0)
    if m == np.inf or m == -np.inf:
        return m, np.nan
    s = comp = ones = 0.0
    for lo in range(0, xr.size, _BLOCK):
        e, k = _block_sum_f64(xr[lo:lo + _BLOCK], m)
        s, comp = _add(s, comp, e)
        ones += k
    return m, (s + comp) + (ones - 1.0)


def _buffers(x):
    """The row buffers of :func:`_row_rest`: terms in ``x``'s precision, and a wide one."""
    return np.empty(x.shape[1], x.dtype), np.empty(x.shape[1] if x.dtype == np.float32 else 0)


@overload(_buffers)
def _buffers_overload(x):
    if x.dtype == types.float32:
        return lambda x: (np.empty(x.shape[1], np.float32), np.empty(x.shape[1]))
    return lambda x: (np.empty(x.shape[1]), np.empty(0))


def _row_coefs(c, i, crow):
    """Row ``i``'s target coefficients: ``c[i]``, or made in ``crow`` from a smoothed index.

    ``c``: a dense (rows, n) array, or a smoothed class index ``(labels, v, spread, top)``.
    The smoothed row is ``spread v_j``, and ``top v_k`` at its class ``k = labels[i]``
    (``top = (1 - eps) + spread``, ``v`` the class weights or ones): the bits of the dense
    coefficients ``((1 - eps) t_j + spread) v_j``, without a (rows, n) array in memory.  A
    row with ``k < 0`` (ignored) has coefficients 0.
    """
    if not isinstance(c, tuple):
        return c[i]
    labels, v, spread, top = c
    k = labels[i]
    crow[:] = 0.0 if k < 0 else spread * v
    if k >= 0:
        crow[k] = top * v[k]
    return crow


@overload(_row_coefs)
def _row_coefs_overload(c, i, crow):
    if isinstance(c, types.Array):
        return lambda c, i, crow: c[i]

    def smoothed(c, i, crow):
        labels, v, spread, top = c
        k = labels[i]
        if k < 0:
            crow[:] = 0.0
            return crow
        for j in range(crow.size):
            crow[j] = spread * v[j]
        crow[k] = top * v[k]
        return crow
    return smoothed


def _coef_rows(c, lo, hi):
    """Rows ``[lo, hi)`` of a coefficient source of :func:`_row_coefs`."""
    if not isinstance(c, tuple):
        return c[lo:hi]
    return (c[0][lo:hi], *c[1:])


@overload(_coef_rows)
def _coef_rows_overload(c, lo, hi):
    if isinstance(c, types.Array):
        return lambda c, lo, hi: c[lo:hi]
    return lambda c, lo, hi: (c[0][lo:hi], c[1], c[2], c[3])


@_row
def _scaled_into(orow, src, scale):
    for j in range(orow.size):
        orow[j] = np.float64(src[j]) * scale


@_row
def _coef_into(orow, src, ts, cr, gi):
    for j in range(orow.size):
        orow[j] = gi * (np.float64(src[j]) * ts - cr[j])


@_row
def _terms_into(dst, xr, m, factor):
    """``dst[j] = factor e^{x_j - m}`` from a row's saved maximum ``m``; False if it needs the full path.

    One pass: float32 rows as :func:`_exp_into` makes their terms (the scale folded into
    ``factor``), float64 rows by float64's ``exp``.  A float32 row with a term above ``m``
    (saved statistics that are not this row's) or beyond its scaling's span below it
    returns False, to be done again from the logits alone.
    """
    if S.is_float32(xr[0]):
        mx = np.float32(m)
        bad = _ZERO_I
        if -S.EXP_REL_MAX <= mx <= S.EXP_REL_MAX:
            shift, d = rel_scaling(mx)
            f = factor / d
            low = mx - S.EXP_REL_SPAN
            for j in range(xr.size):
                xj = xr[j]
                dst[j] = np.float64(S.exp_rel_f32(xj, shift)) * f
                bad += _ONE_I if xj < low or xj > mx else _ZERO_I
        else:
            f = factor / np.float64(S.EXP_DIFF_SCALE)
            for j in range(xr.size):
                xj = xr[j]
                dst[j] = np.float64(S.exp_diff_f32(xj, mx)) * f
                bad += _ONE_I if xj - mx < S.EXP_DIFF_LO or xj > mx else _ZERO_I
        return bad == 0
    bad = _ZERO_I
    for j in range(xr.size):
        xj = xr[j]
        dst[j] = S.exp(xj - m) * factor
        bad += _ONE_I if xj > m else _ZERO_I
    return bad == 0


@_row
def _saved(stats, i):
    """The saved ``(m, R)`` of row ``i``, and whether they can be used (finite, ``R >= 0``)."""
    if stats.shape[0] == 0:
        return 0.0, 0.0, False
    m = stats[i, 0]
    r = stats[i, 1]
    return m, r, abs(m) < np.inf and 0.0 <= r < np.inf


@_row
def _keep(stats, i, m, r):
    if stats.shape[0] != 0:
        stats[i, 0] = m
        stats[i, 1] = r


@_row
def xent_index_rows(x, labels, w, out, stats):
    """``out[i] = w[i] (logsumexp(x[i]) - x[i, labels[i]])``; 0 where ``w[i] == 0``.

    ``stats`` (rows, 2), or (0, 2) for none: each row's ``(m, R)`` is written there, for
    the backward (NaN for the rows left out).
    """
    buf, wide = _buffers(x)
    for i in range(x.shape[0]):
        if w[i] == 0.0:
            out[i] = 0.0
            _keep(stats, i, np.nan, np.nan)
            continue
        m, r = _row_stats(x[i], buf, wide)
        _keep(stats, i, m, r)
        out[i] = w[i] * ((m - np.float64(x[i, labels[i]])) + S.log1p_pos(r))
    return out


@_row
def xent_index_backward_rows(g, x, labels, w, stats, out):
    """``out[i] = g[i] w[i] (softmax(x[i]) - onehot(labels[i]))``; 0 where ``w[i] == 0``.

    With the forward's ``stats`` (rows, 2) each row is read once; with a (0, 2) array
    its maximum and sum are computed here first.
    """
    buf, wide = _buffers(x)
    for i in range(x.shape[0]):
        orow = out[i]
        if w[i] == 0.0:
            orow[:] = 0.0
            continue
        gw = g[i] * w[i]
        m, r, usable = _saved(stats, i)
        if not (usable and _terms_into(orow, x[i], m, gw / (1.0 + r))):
            m, r, scale, wide_used = _row_rest(x[i], buf, wide)
            if r != r:
                orow[:] = np.nan
                continue
            if wide_used:
                _scaled_into(orow, wide, gw / (1.0 + r))
            else:
                _scaled_into(orow, buf, (gw / (1.0 + r)) * scale)
        s = 1.0 + r
        k = labels[i]
        xk = np.float64(x[i, k])
        if xk == m:  # p_k may round to 1: 1 - p_k = R / (1 + R)
            orow[k] = -gw * (r / s)
        else:  # p_k <= 1/2
            orow[k] = gw * (S.exp(xk - m) / s - 1.0)
    return out


@_row
def xent_coef_rows(x, c, out, stats):
    """``out[i] = sum_j c[i, j] (logsumexp(x[i]) - x[i, j])``, ``c >= 0``; 0 where ``C = 0``.

    ``c``: the coefficients (rows, n), float32 or float64, or a smoothed class index (see
    :func:`_row_coefs`).  ``stats`` as :func:`xent_index_rows` has it.
    """
    buf, wide = _buffers(x)
    crow = np.empty(x.shape[1])
    for i in range(x.shape[0]):
        cr = _row_coefs(c, i, crow)
        total = _sum(cr)
        if total == 0.0:
            out[i] = 0.0
            _keep(stats, i, np.nan, np.nan)
            continue
        m, r = _row_stats(x[i], buf, wide)
        _keep(stats, i, m, r)
        out[i] = np.nan if r != r else _dot(cr, x[i], m) + total * S.log1p_pos(r)
    return out


@_row
def xent_coef_backward_rows(g, x, c, stats, out):
    """``out[i, j] = g[i] (C p_j - c[i, j])``, ``C = sum_j c[i, j]``; 0 where ``C = 0``.

    ``c`` as :func:`xent_coef_rows` has it; ``stats`` as :func:`xent_index_backward_rows`
    has it.  ``C p_j - c[i, j]`` cancels
    where the coefficients are near the probabilities (soft labels, label smoothing): a
    float32 row's terms are float64 (:func:`_row_rest`'s ``exact``; its saved statistics
    are not used), whose rounding the cancellation cannot bring near float32's (in float32
    it reached 29 ulp where hypothesis found such a row).
    """
    buf, wide = _buffers(x)
    terms = np.empty(x.shape[1])
    crow = np.empty(x.shape[1])
    f32 = S.is_float32(S.cast_like(x, 0.0))
    for i in range(x.shape[0]):
        orow = out[i]
        cr = _row_coefs(c, i, crow)
        total = _sum(cr)
        if total == 0.0:
            orow[:] = 0.0
            continue
        gi = g[i]
        m, r, usable = _saved(stats, i)
        if usable and not f32 and _terms_into(terms, x[i], m, total / (1.0 + r)):
            _coef_into(orow, terms, 1.0, cr, gi)
        else:
            m, r, scale, wide_used = _row_rest(x[i], buf, wide, True)
            if r != r:
                orow[:] = np.nan
                continue
            s = 1.0 + r
            if wide_used:
                _coef_into(orow, wide, total / s, cr, gi)
            else:
                _coef_into(orow, buf, (total / s) * scale, cr, gi)
        s = 1.0 + r
        at = _first(x[i], m)
        others = _sum(cr[:at]) + _sum(cr[at + 1:])  # C - c_{j*}, not a difference
        orow[at] = gi * (others - total * (r / s))
    return out


# The same kernels over ``pieces`` blocks of rows on Numba's threads (``prange``): a split
# there costs microseconds, where waking the Python pool's thread took ~0.5 ms here.
_split = jit(nogil=True, parallel=True)


@_row
def _part(stats, lo, hi):
    """Rows ``[lo, hi)`` of the statistics, or the empty array itself (none kept)."""
    return stats[lo:hi] if stats.shape[0] != 0 else stats


@_split
def xent_index_rows_split(x, labels, w, out, stats, pieces):
    for b in prange(pieces):
        lo, hi = piece(x.shape[0], pieces, b)
        xent_index_rows(x[lo:hi], labels[lo:hi], w[lo:hi], out[lo:hi], _part(stats, lo, hi))
    return out


@_split
def xent_index_backward_rows_split(g, x, labels, w, stats, out, pieces):
    for b in prange(pieces):
        lo, hi = piece(x.shape[0], pieces, b)
        xent_index_backward_rows(g[lo:hi], x[lo:hi], labels[lo:hi], w[lo:hi],
                                 _part(stats, lo, hi), out[lo:hi])
    return out


@_split
def xent_coef_rows_split(x, c, out, stats, pieces):
    for b in prange(pieces):
        lo, hi = piece(x.shape[0], pieces, b)
        xent_coef_rows(x[lo:hi], _coef_rows(c, lo, hi), out[lo:hi], _part(stats, lo, hi))
    return out


@_split
def xent_coef_backward_rows_split(g, x, c, stats, out, pieces):
    for b in prange(pieces):
        lo, hi = piece(x.shape[0], pieces, b)
        xent_coef_backward_rows(g[lo:hi], x[lo:hi], _coef_rows(c, lo, hi), _part(stats, lo, hi),
                                out[lo:hi])
    return out


@S.scalar
def bce(x, t, pw):
    """``pw t softplus(-x) + (1 - t) softplus(x)`` of float64 scalars (every target).

    Both softpluses from one ``l = log1p(e^-|x|)``: ``softplus(-x) = l - min(x, 0)`` and
    ``softplus(x) = l + max(x, 0)`` (sums of two non-negative terms: no cancellation;
    the bits of ``-log_sigmoid(x)`` and ``-log_sigmoid(-x)``'s careful form), one
    exponential and one logarithm where the two log_sigmoid calls took four of each
    (their careful and short forms on every lane).  Each term is left out where its
    coefficient is 0 (so that ``0 * inf`` is no part of the loss).
    """
    a = pw * t
    l1 = S.log1p_unit(S.exp(-abs(x)))
    up = a * (l1 - min(x, 0.0))  # both terms on every lane, then selected (a call under
    down = (1.0 - t) * (l1 + max(x, 0.0))  # a branch keeps the loop scalar)
    return (0.0 if a == 0.0 else up) + (0.0 if t == 1.0 else down)


@S.scalar
def bce_grad(g, x, t, pw):
    """``g ((1 - t) sigmoid(x) - pw t sigmoid(-x))``: both sigmoids direct, no ``1 - s``."""
    a = pw * t
    up = 0.0 if t == 1.0 else (1.0 - t) * S.sigmoid(x)
    down = 0.0 if a == 0.0 else a * S.sigmoid(-x)
    return g * (up - down)


_F0, _F1 = np.float32(0.0), np.float32(1.0)
BCE_F32_X = np.float32(80.0)
""":func:`bce_f32`'s range of logits: ``e^-80 = 1.8e-35``, a normal float32 (so is ``log1p`` of it)."""
_A_LO, _A_HI = np.float32(2.0 ** -100), np.float32(2.0 ** 100)


@S.scalar
def bce_f32(x, t, pw):
    """(:func:`bce` in float32 arithmetic, whether that is within the contract) of float32 scalars.

    The same two softpluses from ``l = log1p(e^-|x|)`` (float32's
    :func:`~fastact.kernels.scalar.exp_f32` and
    :func:`~fastact.kernels.scalar.log1p_unit_f32`, as :func:`fastact.log_sigmoid` has them
    for float32); the coefficients ``pw t`` and ``1 - t`` carried as exact float32 pairs
    (``fma`` and Fast2Sum) into one ``fma`` each, so that neither adds a rounding of its
    own: the loss is the rounded sum of two rounded products of ``softplus``'s float32
    values.  The second value is True where that holds the contract: ``|x| <= 80`` (finite,
    and ``l`` a normal float32), ``0 <= t <= 1`` and ``pw t`` 0 or in ``[2^-100, 2^100]``
    (two terms that are never negative: no cancellation, no overflow of a product of
    finite factors, no subnormal coefficient).  Elsewhere (NaN, infinities, deep tails,
    targets outside ``[0, 1]``, a negative, huge or tiny ``pw t``) the caller takes
    :func:`bce`'s float64 value.
    """
    ah = pw * t
    al = S.fma(pw, t, -ah)  # type: ignore[call-arg,var-annotated]
    bh = _F1 - t
    bl = (_F1 - bh) - t  # (exact: Fast2Sum, |1| >= |t|)
    l1 = S.log1p_unit_f32(S.exp_f32(-abs(x)))
    s1 = l1 - (x if x < _F0 else _F0)  # softplus(-x)
    s2 = l1 + (x if x > _F0 else _F0)  # softplus(x)
    loss = S.fma(ah, s1, al * s1) + S.fma(bh, s2, bl * s2)
    a2 = ah if ah != _F0 else _F1
    ok = abs(x) <= BCE_F32_X and _F0 <= t <= _F1 and _A_LO <= a2 <= _A_HI
    return loss, ok


def _read(a, i, to):
    """``a[i]``, or ``a`` itself (an operand that is one number everywhere), as the type ``to``."""
    return to(a[i]) if np.ndim(a) else to(a)


@overload(_read)
def _read_overload(a, i, to):
    if isinstance(a, types.Array):
        return lambda a, i, to: to(a[i])
    return lambda a, i, to: to(a)


@S.scalar
def _value(a, i):
    """:func:`_read` widened to float64."""
    return _read(a, i, np.float64)


@S.scalar
def _value32(a, i):
    """:func:`_read` as float32 (a number rounded: see :func:`_reads_f32`)."""
    return _read(a, i, np.float32)


def _exact_f32(a):
    """True for an array, and for a number that float32 holds exactly."""
    return bool(np.ndim(a)) or np.float64(np.float32(a)) == a


@overload(_exact_f32)
def _exact_f32_overload(a):
    if isinstance(a, types.Array):
        return lambda a: True
    return lambda a: np.float64(np.float32(a)) == a


def _reads_f32(x, t, pw, out):
    """Whether :func:`bce_flat` computes in float32.

    A float32 ``out``, every array operand float32 and every number one that float32
    holds (nothing is rounded on the way in).
    """
    arrays = [a for a in (x, t, pw, out) if np.ndim(a)]
    return (all(a.dtype == np.float32 for a in arrays) and out.dtype == np.float32
            and _exact_f32(x) and _exact_f32(t) and _exact_f32(pw))


@overload(_reads_f32)
def _reads_f32_overload(x, t, pw, out):
    arrays = [a for a in (x, t, pw, out) if isinstance(a, types.Array)]
    if out.dtype != types.float32 or any(a.dtype != types.float32 for a in arrays):
        return lambda x, t, pw, out: False
    return lambda x, t, pw, out: _exact_f32(x) and _exact_f32(t) and _exact_f32(pw)


def _span(a, lo, hi):
    """``a[lo:hi]``, or ``a`` itself where it is one number (see :func:`_value`)."""
    return a[lo:hi] if np.ndim(a) else a


@overload(_span)
def _span_overload(a, lo, hi):
    if isinstance(a, types.Array):
        return lambda a, lo, hi: a[lo:hi]
    return lambda a, lo, hi: a


_BCE_BLOCK = 1024


@_row
def _bce_block_f32(x, t, pw, out):
    """:func:`bce_f32`'s losses into ``out`` (a block), on every lane.

    Returns how many of them are not within the contract (:func:`_bce_mend` redoes those).
    """
    bad = _ZERO_I
    for i in range(out.size):
        v, ok = bce_f32(_value32(x, i), _value32(t, i), _value32(pw, i))
        out[i] = v
        bad += _ZERO_I if ok else _ONE_I  # (an int32 sum: it vectorizes)
    return bad


@_row
def _bce_mend(x, t, pw, out):
    """:func:`bce`'s float64 value, rounded, where :func:`bce_f32` is not within the contract."""
    for i in range(out.size):
        _, ok = bce_f32(_value32(x, i), _value32(t, i), _value32(pw, i))
        if not ok:
            out[i] = np.float32(bce(_value(x, i), _value(t, i), _value(pw, i)))


@_row
def bce_flat(x, t, pw, out):
    """``out = bce(x, t, pw)`` elementwise over 1-d arrays.

    Each operand a float32 or float64 array of ``out``'s size, or one float64 number
    (:func:`_value`).  Where :func:`_reads_f32` (float32 operands and result), each
    element is :func:`bce_f32`'s float32 value where that is within the contract, else
    :func:`bce`'s float64 value rounded: blocks of 256 computed in float32 on every lane
    (twice float64's SIMD lanes), and the few elements outside its range (a block that
    holds one is counted as it is computed) done again.  Otherwise elements are widened to
    float64 as they are read and the loss rounded to ``out``'s dtype as it is stored (the
    values of float64 copies and a cast of the float64 result, without those copies).
    Either way an element's value depends on its operands alone, not on the blocks.
    """
    if _reads_f32(x, t, pw, out):
        for lo in range(0, out.size, _BCE_BLOCK):
            hi = min(lo + _BCE_BLOCK, out.size)
            xs, ts, ps, os = _span(x, lo, hi), _span(t, lo, hi), _span(pw, lo, hi), out[lo:hi]
            if _bce_block_f32(xs, ts, ps, os) != 0:
                _bce_mend(xs, ts, ps, os)
        return out
    for i in range(out.size):
        out[i] = bce(_value(x, i), _value(t, i), _value(pw, i))
    return out


@_row
def bce_backward_flat(g, x, t, pw, out):
    """``out = bce_grad(g, x, t, pw)`` elementwise, with the operands of :func:`bce_flat`."""
    for i in range(out.size):
        out[i] = bce_grad(_value(g, i), _value(x, i), _value(t, i), _value(pw, i))
    return out


@_split
def bce_flat_split(x, t, pw, out, pieces):
    """:func:`bce_flat` over ``pieces`` spans of ``out`` on Numba's threads."""
    for b in prange(pieces):
        lo, hi = piece(out.size, pieces, b)
        bce_flat(_span(x, lo, hi), _span(t, lo, hi), _span(pw, lo, hi), out[lo:hi])
    return out


@_split
def bce_backward_flat_split(g, x, t, pw, out, pieces):
    """:func:`bce_backward_flat` over ``pieces`` spans of ``out`` on Numba's threads."""
    for b in prange(pieces):
        lo, hi = piece(out.size, pieces, b)
        bce_backward_flat(_span(g, lo, hi), _span(x, lo, hi), _span(t, lo, hi),
                          _span(pw, lo, hi), out[lo:hi])
    return out
