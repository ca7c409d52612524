"""Sigmoid-shaped activations and their relatives: exp/log1p based, overflow-free.

sigmoid, silu, swish, mish, log_sigmoid, tanh, tanhshrink, softplus, logit and their
backward compute float32 input in float32 arithmetic (``exp_f32``: twice the SIMD lanes
and a shorter polynomial, 2-4x faster): within 3.5 ulp instead of the 0.5 ulp of a
float64 computation rounded once (tanh 2.5 ulp: ``-e/(2 + e)``, ``e = expm1(-2|x|)``;
tanhshrink 3.0; mish 3.1; ``python -m fastact._tools.sweep_f32``).  softsign, squareplus
and most higher derivatives compute float32 input in float64.

Where the argument is itself a rounded product (``beta * x``), the product is carried
in double length (``two_prod``; a float32 pair by ``fma`` in the float32 softplus) and
the rounding error is fed back to first order, so that the deep negative tails stay
within a few ulps.
"""

import math
from typing import Any

import numpy as np
from numba import float64 as f64

from . import scalar as S
from .scalar import kernel

_fma: Any = S.fma  # (an intrinsic: Numba types its calls, mypy cannot)

_F0, _F1, _F2, _F4, _F_M2 = (np.float32(v) for v in (0.0, 1.0, 2.0, 4.0, -2.0))
_HALF_F, _QUARTER_F = np.float32(0.5), np.float32(0.25)  # float32 branches


@kernel
def span_ok(x):
    """``|x| <= 80`` (float32) or ``<= 700`` (float64), NaN excluded.

    Where ``e^-|x|`` needs no clamp (the block fast paths of sigmoid, silu, log_sigmoid).
    """
    if S.is_float32(x):
        return abs(np.float32(x)) <= S.FAST_EXP_SPAN_F
    return abs(f64(x)) <= S.FAST_EXP_SPAN


@kernel
def sigmoid_fast_ok(x):
    """Where the fast forms of sigmoid and its backward hold the contract (:func:`span_ok`)."""
    return span_ok(x)


@kernel
def _sigmoid_fast_f32(xf):
    """``sigmoid(x)`` for float32 ``|x| <= 80``: ``1/(1 + t)`` or ``t/(1 + t)``, ``t = e^-|x|``.

    (float32 in, float32 out: a kernel with a float64 branch returns float64, and a product
    with its result would be computed in float64.)
    """
    tf = S.exp_neg_fast_f32(abs(xf), _F0)
    return (_F1 if xf >= _F0 else tf) / (_F1 + tf)


@kernel
def sigmoid_fast(x):
    """The block fast path: ``1/(1 + t)`` or ``t/(1 + t)``, ``t = e^-|x|`` unclamped."""
    if S.is_float32(x):
        return _sigmoid_fast_f32(np.float32(x))
    x = f64(x)
    t = S.exp_neg_fast(abs(x))
    s = 1.0 / (1.0 + t)
    return s if x >= 0.0 else t * s


@kernel
def sigmoid(x):
    if S.is_float32(x):  # float32 arithmetic: twice the SIMD lanes (2.0 ulp, see module doc)
        s, c = S.sigmoid_pair_f32(x)
        return sigmoid_fast(x) if sigmoid_fast_ok(x) else s  # (a select: SIMD)
    r = S.sigmoid(f64(x))
    return sigmoid_fast(x) if sigmoid_fast_ok(x) else r


@kernel
def sigmoid_backward_fast(g, x):
    """The block fast path of the backward: ``g t/(1 + t)^2``, one division."""
    if S.is_float32(x):
        tf = S.exp_neg_fast_f32(abs(np.float32(x)), _F0)
        df = _F1 + tf
        return g * (tf / (df * df))
    t = S.exp_neg_fast(abs(f64(x)))
    s = 1.0 / (1.0 + t)
    return f64(g) * (s * (t * s))


@kernel
def sigmoid_backward(g, x):
    if S.is_float32(x):
        s, c = S.sigmoid_pair_f32(x)
        rf = g * (s * c)
        return sigmoid_backward_fast(g, x) if sigmoid_fast_ok(x) else rf
    s, c = S.sigmoid_pair(f64(x))
    r = f64(g) * (s * c)
    return sigmoid_backward_fast(g, x) if sigmoid_fast_ok(x) else r


@kernel
def log_sigmoid_fast_ok(x):
    """Where :func:`log_sigmoid_fast` holds the contract (:func:`span_ok`)."""
    return span_ok(x)


@kernel
def log_sigmoid_fast(x):
    """The block fast path: ``min(x, 0) - log1p(e^-|x|)`` without clamps, one division."""
    if S.is_float32(x):
        xf = np.float32(x)
        mf = xf if xf < _F0 else _F0
        return -(S.log1p_fast_f32(S.exp_neg_fast_f32(abs(xf), _F0)) - mf)
    x = f64(x)
    return -(S.log1p_unit(S.exp_neg_fast(abs(x))) - min(x, 0.0))


@kernel
def log_sigmoid(x):
    # -(log1p(e^-|x|) - min(x, 0)): the sign of zero is right (log_sigmoid(1e300) = -0.0)
    if S.is_float32(x):  # float32 arithmetic: exp_f32 and log1p_unit_f32
        m = x if x < 0.0 else _F0
        rf = -(S.log1p_unit_f32(S.exp_f32(-abs(x))) - m)
        return log_sigmoid_fast(x) if log_sigmoid_fast_ok(x) else rf  # (a select: SIMD)
    x = f64(x)
    r = -(S.log1p_unit(S.exp(-abs(x))) - min(x, 0.0))
    return log_sigmoid_fast(x) if log_sigmoid_fast_ok(x) else r


@kernel
def log_sigmoid_backward_fast(g, x):
    """The block fast path of the backward: ``g sigmoid(-x)`` (:func:`sigmoid_fast`)."""
    if S.is_float32(x):
        return g * _sigmoid_fast_f32(-np.float32(x))
    return f64(g) * sigmoid_fast(-f64(x))


@kernel
def log_sigmoid_backward(g, x):
    if S.is_float32(x):
        s, c = S.sigmoid_pair_f32(x)
        rf = g * c
        return log_sigmoid_backward_fast(g, x) if log_sigmoid_fast_ok(x) else rf
    r = f64(g) * S.sigmoid(-f64(x))
    return log_sigmoid_backward_fast(g, x) if log_sigmoid_fast_ok(x) else r


@kernel
def swish_value(x, zh, zl):
    """``x * sigmoid(zh + zl)``, rounded once also where it is subnormal; 0 below TAIL_LO."""
    m, k, c = S.sigmoid_dd_scaled(zh, zl)
    y = S.scale_mul(x, m, k)
    return math.copysign(0.0, x) if zh < S.TAIL_LO else y  # x e^z underflows (x = -inf too)


@kernel
def _swish_slope(g, zh, zl):
    """``g * d/dz [z sigmoid(z)] = g s (1 + z (1 - s))`` at ``z = zh + zl``; -0 below TAIL_LO."""
    m, k, c = S.sigmoid_dd_scaled(zh, zl)
    zc = zh * c
    r = m * (1.0 + (zc if c != 0.0 else 0.0))
    return S.scale_mul(-0.0 if zh < S.TAIL_LO else r, g, k)  # (NaN: r is NaN)


@kernel
def beta_fast_ok(x, beta):
    """Where ``beta x`` is exact and within the fast exponential's span.

    float32 ``beta`` a power of 2 in [2**-40, 2**40] and ``|beta x| <= 80`` (NaN fails).
    """
    if S.is_float32(x):
        bf = np.float32(beta)
        zf = bf * np.float32(x)
        return (abs(zf) <= S.FAST_EXP_SPAN_F) & S.pow2_in_span_f32(bf)
    return beta_pow2_ok(beta) & (abs(f64(beta) * f64(x)) <= S.FAST_EXP_SPAN)


@kernel
def beta_pow2_ok(beta):
    """float64 ``beta`` a power of 2 in [2**-40, 2**40]."""
    return S.pow2_in_span(f64(beta))


@kernel
def _swish_fast_f32(x, z):
    """``x sigmoid(z)`` for float32 ``|z| <= 80``: ``x/(1 + t)`` or ``x t/(1 + t)``, ``t = e^-|z|``."""
    t = S.exp_neg_fast_f32(abs(z), _F0)
    return (x if z >= _F0 else x * t) / (_F1 + t)


@kernel
def _swish_slope_fast_f32(g, z):
    """``g sigmoid(z) (1 + z sigmoid(-z))`` for float32 ``|z| <= 80``, one division."""
    t = S.exp_neg_fast_f32(abs(z), _F0)
    inv = _F1 / (_F1 + t)
    pos = z >= _F0
    s = (_F1 if pos else t) * inv
    c = (t if pos else _F1) * inv
    return g * (s * S.fma(z, c, _F1))  # type: ignore[call-arg]


@kernel
def _swish_fast_f64(x, z):
    """:func:`_swish_fast_f32` in float64 (``|z| <= 700``)."""
    t = S.exp_neg_fast(abs(z))
    return (x if z >= 0.0 else x * t) / (1.0 + t)


@kernel
def _swish_slope_fast_f64(g, z):
    """:func:`_swish_slope_fast_f32` in float64 (``|z| <= 700``)."""
    s, c = S.sigmoid_pair_fast(z)
    return g * (s * S.fma(z, c, 1.0))  # type: ignore[call-arg]


@kernel
def silu_fast_ok(x):
    """Where the fast forms of silu and its backward hold the contract (:func:`span_ok`)."""
    return span_ok(x)


@kernel
def silu_fast(x):
    """The block fast path: ``x sigmoid(x)`` without clamps or scaling, one division."""
    if S.is_float32(x):
        return _swish_fast_f32(np.float32(x), np.float32(x))
    return _swish_fast_f64(f64(x), f64(x))


@kernel
def silu(x):
    if S.is_float32(x):
        m, k, c = S.sigmoid_scaled_f32(x)
        y = S.scale_mul_f32(x, m, k)
        rf = -_F0 if x < S.TAIL_LO_F else y
        return silu_fast(x) if silu_fast_ok(x) else rf  # (a select: SIMD)
    r = swish_value(f64(x), f64(x), 0.0)
    return silu_fast(x) if silu_fast_ok(x) else r


@kernel
def silu_backward_fast(g, x):
    """The block fast path of the backward (where :func:`silu_fast_ok`)."""
    if S.is_float32(x):
        return _swish_slope_fast_f32(np.float32(g), np.float32(x))
    return _swish_slope_fast_f64(f64(g), f64(x))


@kernel
def silu_backward(g, x):
    if S.is_float32(x):
        m, k, c = S.sigmoid_scaled_f32(x)
        xc = x * c
        r = m * (_F1 + (xc if c != 0.0 else _F0))
        rf = S.scale_mul_f32(-_F0 if x < S.TAIL_LO_F else r, g, k)
        return silu_backward_fast(g, x) if silu_fast_ok(x) else rf
    r = _swish_slope(f64(g), f64(x), 0.0)
    return silu_backward_fast(g, x) if silu_fast_ok(x) else r


@kernel
def swish_fast_ok(x, beta):
    """Where the fast forms of swish and its backward hold the contract (:func:`beta_fast_ok`)."""
    return beta_fast_ok(x, beta)


@kernel
def swish_fast(x, beta):
    """The block fast path: silu's, at ``z = beta x`` (exact: beta a power of 2)."""
    if S.is_float32(x):
        xf = np.float32(x)
        return _swish_fast_f32(xf, np.float32(beta) * xf)
    return _swish_fast_f64(f64(x), f64(beta) * f64(x))


@kernel
def swish(x, beta):
    if S.is_float32(x):  # float32 arithmetic, beta x as a float32 pair (silu's form)
        xf = np.float32(x)
        zhf, zlf = S.two_prod_f32(np.float32(beta), xf)
        mf, kf, cf = S.sigmoid_scaled_pair_f32(zhf, zlf)
        yf = S.scale_mul_f32(xf, mf, kf)
        rf = math.copysign(_F0, xf) if zhf < S.TAIL_LO_F else yf
        return swish_fast(x, beta) if swish_fast_ok(x, beta) else rf
    zh, zl = S.two_prod(f64(beta), f64(x))
    r = swish_value(f64(x), zh, zl)
    return swish_fast(x, beta) if swish_fast_ok(x, beta) else r


@kernel
def swish_backward_fast(g, x, beta):
    """The block fast path of the backward (where :func:`swish_fast_ok`)."""
    if S.is_float32(x):
        return _swish_slope_fast_f32(np.float32(g), np.float32(beta) * np.float32(x))
    return _swish_slope_fast_f64(f64(g), f64(beta) * f64(x))


@kernel
def swish_backward(g, x, beta):
    if S.is_float32(x):  # g sigma(z) (1 + z sigma(-z)), z = beta x as a float32 pair
        zhf, zlf = S.two_prod_f32(np.float32(beta), np.float32(x))
        mf, kf, cf = S.sigmoid_scaled_pair_f32(zhf, zlf)
        zcf = zhf * cf
        rf = mf * (_F1 + (zcf if cf != _F0 else _F0))
        rf = S.scale_mul_f32(-_F0 if zhf < S.TAIL_LO_F else rf, g, kf)
        return swish_backward_fast(g, x, beta) if swish_fast_ok(x, beta) else rf
    zh, zl = S.two_prod(f64(beta), f64(x))
    r = _swish_slope(f64(g), zh, zl)
    return swish_backward_fast(g, x, beta) if swish_fast_ok(x, beta) else r


_SOFTPLUS_LO_F = np.float32(-170.0)  # e**-170/beta rounds to 0 in float32 for beta > 1e-29
_SOFTPLUS_DEEP_F = np.float32(-20.0)  # below: log1p(t) = t in float32 (t < 2**-28)


@kernel
def _softplus_f32(x, beta, threshold):
    """softplus in float32 arithmetic (float32 arguments): ``z = beta x = zh + zl`` exactly.

    ``log1p(e^-|z|)/beta`` (plus ``x`` for ``z >= 0``), ``zl`` fed into the reduced argument
    of the exponential (so that the rounding of ``beta x`` is not amplified in the tails);
    below ``zh = -20`` the result is ``e^z/beta`` with its power of 2 applied last, so that a
    subnormal result rounds once (beta above 1e-29).  Three divisions (two in log1p).
    """
    zh, zl = S.two_prod_f32(beta, x)
    zl = zl if abs(zh) < -_SOFTPLUS_LO_F else _F0  # (beyond the clamp zh alone decides)
    pos = zh >= _F0
    k, r = S.reduce_f32(max(-abs(zh), _SOFTPLUS_LO_F))
    y = S.exp_reduced_f32(r + (-zl if pos else zl))
    ki = np.int32(k)
    deep = zh < _SOFTPLUS_DEEP_F
    q = (y if deep else S.log1p_unit_f32(S.scale_mul_f32(y, _F1, ki))) / beta
    res = S.scale_mul_f32(q, _F1, ki) if deep else (x if pos else _F0) + q
    res = x if zh > threshold else res
    return res if x == x else x


@kernel
def softplus_fast_ok(x, beta, threshold):
    """Where :func:`softplus_fast` holds the contract: float32 ``-40 <= beta x <= 80``.

    And ``beta`` a power of 2 in [2**-40, 2**40] (1 by default); NaN fails the test.
    """
    if S.is_float32(x):
        bf = np.float32(beta)
        zf = bf * np.float32(x)
        return ((zf >= -S.FAST_EXP_SPAN_F / _F2) & (zf <= S.FAST_EXP_SPAN_F)
                & S.pow2_in_span_f32(bf))
    z = f64(beta) * f64(x)  # float64: -350 <= beta x <= 700
    return beta_pow2_ok(beta) & (z >= -S.FAST_EXP_SPAN / 2.0) & (z <= S.FAST_EXP_SPAN)


@kernel
def softplus_fast(x, beta, threshold):
    """The block fast path: :func:`_softplus_f32`'s forms, ``beta`` a power of 2.

    ``beta x`` and the quotient by ``beta`` are then exact: no pair, no clamp, one division.
    """
    if S.is_float32(x):
        xf, bf = np.float32(x), np.float32(beta)
        zf = bf * xf
        posf = zf >= _F0
        tf = S.exp_neg_fast_f32(abs(zf), _F0)
        yf = _fma(S.log1p_fast_f32(tf), S.recip_pow2_f32(bf), xf if posf else _F0)
        return xf if zf > np.float32(threshold) else yf
    x, beta = f64(x), f64(beta)
    z = beta * x
    y = _fma(S.log1p_unit(S.exp_neg_fast(abs(z))), S.recip_pow2(beta), x if z >= 0.0 else 0.0)
    return x if z > f64(threshold) else y


@kernel
def softplus(x, beta, threshold):
    # softplus(z)/beta with z = beta x = zh + zl: for z >= 0 it is x + log1p(e^-z)/beta
    # exactly (z/beta = x), below log1p(e^z)/beta; log1p(e^-|z|) is corrected to first
    # order in zl by -+zl sigmoid(-|z|).  Selects only, so that the loop vectorizes.
    if S.is_float32(x):  # float32 arithmetic, the same forms with beta x as a float32 pair
        rf = _softplus_f32(np.float32(x), np.float32(beta), np.float32(threshold))
        return softplus_fast(x, beta, threshold) if softplus_fast_ok(x, beta, threshold) else rf
    r = _softplus_f64(f64(x), f64(beta), f64(threshold))
    return softplus_fast(x, beta, threshold) if softplus_fast_ok(x, beta, threshold) else r


@kernel
def _softplus_f64(x, beta, threshold):
    zh, zl = S.two_prod(beta, x)
    t = S.exp(-abs(zh))
    pos = zh >= 0.0
    lp = _fma(-zl if pos else zl, t / (1.0 + t), S.log1p_unit(t))
    y = (x if pos else 0.0) + lp / beta
    return x if zh > threshold else y


@kernel
def softplus_backward_fast_ok(x, beta, threshold):
    """Where :func:`softplus_backward_fast` holds the contract (:func:`beta_fast_ok`)."""
    return beta_fast_ok(x, beta)


@kernel
def softplus_backward_fast(g, x, beta, threshold):
    """The block fast path of the backward: ``g sigmoid(beta x)``, ``beta x`` exact."""
    if S.is_float32(x):
        zf = np.float32(beta) * np.float32(x)
        return g if zf > np.float32(threshold) else g * _sigmoid_fast_f32(zf)
    z = f64(beta) * f64(x)
    return f64(g) if z > f64(threshold) else f64(g) * sigmoid_fast(z)


@kernel
def _softplus_backward_f64(g, x, beta, threshold):
    zh, zl = S.two_prod(beta, x)
    if zh > threshold:
        return g
    s, c = S.sigmoid_dd(zh, zl)
    return g * s


@kernel
def softplus_backward(g, x, beta, threshold):
    if S.is_float32(x):  # float32: sigmoid(zh + zl) = s (1 + zl sigmoid(-zh)) to first order
        xf, bf = np.float32(x), np.float32(beta)
        zhf, zlf = S.two_prod_f32(bf, xf)
        zlf = zlf if zhf > _SOFTPLUS_LO_F else _F0  # (beyond: sigmoid is 0, keep its sign)
        sf, cf = S.sigmoid_pair_f32(zhf)
        rf = g if zhf > np.float32(threshold) else g * (sf * S.fma(zlf, cf, _F1))  # type: ignore[call-arg]
        okf = softplus_backward_fast_ok(x, beta, threshold)
        return softplus_backward_fast(g, x, beta, threshold) if okf else rf
    r = _softplus_backward_f64(f64(g), f64(x), f64(beta), f64(threshold))
    ok = softplus_backward_fast_ok(x, beta, threshold)
    return softplus_backward_fast(g, x, beta, threshold) if ok else r


@kernel
def _mish_f32(x, y, k, w):
    """mish at float32 ``x`` in float32 arithmetic, from ``w = e^-|x| = y 2^k``.

    ``x`` times the numerator in double length, one division (a reciprocal) and the
    quotient corrected by its residual: plain, it measured 4.3 ulp at x = -3.2377.
    """
    p = S.fma(_F2, w, _F1)  # type: ignore[call-arg,var-annotated]
    w2 = w + _F2
    pos = x >= _F0
    ah = p if pos else y * w2
    al = _F0 if pos else S.fma(y, w2, -ah)
    den = S.fma(_F2 * w, w, p) if pos else S.fma(w, w2, _F2)
    nh = x * ah
    nl = S.fma(x, ah, -nh) + x * al
    inv = _F1 / den
    q = nh * inv
    q = S.fma(S.fma(-q, den, nh) + nl, inv, q)
    return S.scale_mul_f32(q, _F1, np.int32(0) if pos else k)


@kernel
def mish_fast_ok(x):
    """Where :func:`mish_fast` holds the contract (:func:`span_ok`: ``|x| <= 80``, float64 700)."""
    return span_ok(x)


@kernel
def mish_fast(x):
    """The block fast path: ``e^-|x|`` unclamped and unscaled (``2^k`` = 1), one division."""
    if S.is_float32(x):
        xf = np.float32(x)
        wf = S.exp_neg_fast_f32(abs(xf), _F0)
        rf = _mish_f32(xf, wf, np.int32(0), wf)
        return xf if xf == _F0 else rf  # (-0)
    x = f64(x)
    w = S.exp_neg_fast(abs(x))
    return _mish_parts_f64(x, w, np.int32(0), w)


@kernel
def mish(x):
    # tanh(softplus x) = (1+2w)/(1+2w+2w^2) for x >= 0, n/(n+2) with n = w(w+2) below,
    # w = e^-|x| = y 2^k.  Below 0 the factor 2^k is kept apart (n/(n+2) = 2^k y(w+2)/(n+2))
    # so that x tanh(...) rounds once where it is subnormal.  Numerator and denominator
    # are selected before one division: selects of computed quotients became branches,
    # which stopped vectorization (8x slower).  float32: the same in float32 arithmetic,
    # x times the numerator in double length and the quotient corrected by its remainder
    # (one rounding fewer twice over: plain, it measured 4.3 ulp at x = -3.2377).
    if S.is_float32(x):
        xf = np.float32(x)
        yf, kf = S.exp_split_f32(-abs(xf))
        wf = S.scale_mul_f32(yf, _F1, kf)
        rf = _mish_f32(xf, yf, kf, wf)
        rf = xf if ((xf >= _F0) & (wf == _F0)) | (xf == _F0) else rf  # (x*inf: NaN; -0 + 0 = +0)
        rf = -_F0 if xf < S.TAIL_LO_F else rf
        return mish_fast(x) if mish_fast_ok(x) else rf  # (a select: SIMD)
    x64 = f64(x)
    y, k = S.exp_split(-abs(x64))
    r = _mish_parts_f64(x64, y, k, S.scale_mul(y, 1.0, k))
    r = -0.0 if x64 < S.TAIL_LO else r
    return mish_fast(x) if mish_fast_ok(x) else r


@kernel
def _mish_parts_f64(x, y, k, w):
    """mish at float64 ``x`` from ``w = e^-|x| = y 2^k``: numerator and denominator selected, one division."""
    p = 1.0 + 2.0 * w
    n = w * (w + 2.0)
    pos = x >= 0.0
    th = (p if pos else y * (w + 2.0)) / ((p + 2.0 * w * w) if pos else (n + 2.0))
    return S.scale_mul(x, th, np.int32(0) if pos else k)


@kernel
def _mish_slope_f32(x, y, w):
    """mish' at float32 ``x``, divided by ``2^k`` below 0 (``w = e^-|x| = y 2^k``), float32 arithmetic."""
    s = _F1 if x >= _F0 else _F0
    p = _fma(_F2, w, _F1)  # (each step one fma, as NVVM fuses it)
    n = w * (w + _F2)
    a = _fma(s, p - n, n)
    d = _fma(s, _fma(_F2 * w, w, -_F2), a + _F2)
    xp = x if x >= _F0 else _F0
    xn = _F0 if x >= _F0 else x
    bp = _F4 * xp * (_F1 + w) * (w * w)
    bp = bp if w != _F0 else _F0
    num = _fma(s, _fma(a, d, bp), (_F1 - s) * (y * _fma(w + _F2, d, _F4 * xn * (_F1 + w))))
    return num / (d * d)


@kernel
def mish_backward_fast(g, x):
    """The block fast path of the backward (where :func:`mish_fast_ok`): ``2^k`` = 1."""
    if S.is_float32(x):
        wf = S.exp_neg_fast_f32(abs(np.float32(x)), _F0)
        return g * _mish_slope_f32(np.float32(x), wf, wf)
    w = S.exp_neg_fast(abs(f64(x)))
    return f64(g) * _mish_slope_f64(f64(x), w, w)


@kernel
def mish_backward(g, x):
    # tanh(s) + x sech^2(s) sigmoid(x) = (A D + B) / D^2 with w = e^-|x| = y 2^k and
    #   x >= 0: A = 1 + 2w, D = A + 2w^2, B = 4x(1+w)w^2
    #   x <  0: A = w(w+2), D = A + 2,     B = 4x(1+w)w,  so  A D + B = w((w+2) D + 4x(1+w))
    # and the factor 2^k of w is kept apart (one rounding into the subnormal range).
    # The sides are blended arithmetically with s in {0, 1} and there is one division:
    # selects of computed values here became branches and stopped vectorization (6x).
    if S.is_float32(x):  # the same in float32 arithmetic
        xf = np.float32(x)
        yf, kf = S.exp_split_f32(-abs(xf))
        wf = S.scale_mul_f32(yf, _F1, kf)
        rf = _mish_slope_f32(xf, yf, wf)
        rf = S.scale_mul_f32(-_F0 if xf < S.TAIL_LO_F else rf, g, np.int32(0) if xf >= _F0 else kf)
        return mish_backward_fast(g, x) if mish_fast_ok(x) else rf  # (a select: SIMD)
    x64 = f64(x)
    y, k = S.exp_split(-abs(x64))
    r = _mish_slope_f64(x64, y, S.scale_mul(y, 1.0, k))
    r = S.scale_mul(-0.0 if x64 < S.TAIL_LO else r, f64(g), np.int32(0) if x64 >= 0.0 else k)
    return mish_backward_fast(g, x) if mish_fast_ok(x) else r


@kernel
def _mish_slope_f64(x, y, w):
    """mish' at float64 ``x``, divided by ``2^k`` below 0 (``w = e^-|x| = y 2^k``)."""
    s = 1.0 if x >= 0.0 else 0.0
    p = _fma(2.0, w, 1.0)  # (each step one fma, as NVVM fuses it)
    n = w * (w + 2.0)
    a = _fma(s, p - n, n)
    d = _fma(s, _fma(2.0 * w, w, -2.0), a + 2.0)
    xp = x if x >= 0.0 else 0.0  # each side sees only its own x: no 0 * inf in the blend
    xn = 0.0 if x >= 0.0 else x  # (NaN stays here)
    bpos = 4.0 * xp * (1.0 + w) * (w * w)
    bpos = bpos if w != 0.0 else 0.0  # x = +inf: inf * 0
    num = _fma(s, _fma(a, d, bpos), (1.0 - s) * (y * _fma(w + 2.0, d, 4.0 * xn * (1.0 + w))))
    return num / (d * d)


@kernel
def tanh_backward_fast_ok(x):
    """Where :func:`tanh_backward_fast` holds the contract: ``|x| <= 40`` (float64: 350)."""
    if S.is_float32(x):
        return abs(np.float32(x)) <= S.FAST_EXP_SPAN_F / _F2
    return abs(f64(x)) <= S.FAST_EXP_SPAN / 2.0


@kernel
def tanh_backward_fast(g, x):
    """The block fast path of the backward: ``e^-2|x|`` unclamped."""
    if S.is_float32(x):
        u = S.exp_neg_fast_f32(_F2 * abs(np.float32(x)), _F0)
        d = _F1 + u
        return g * (_F4 * u / (d * d))
    u64 = S.exp_neg_fast(2.0 * abs(f64(x)))
    d64 = 1.0 + u64
    return f64(g) * (4.0 * u64 / (d64 * d64))


@kernel
def tanh_backward(g, x):
    if S.is_float32(x):  # sech^2 = 4u/(1+u)^2, u = e^-2|x|, in float32 arithmetic
        u = S.exp_f32(_F_M2 * abs(x))
        d = _F1 + u
        rf = g * (_F4 * u / (d * d))
        return tanh_backward_fast(g, x) if tanh_backward_fast_ok(x) else rf
    r = f64(g) * S.sech2(f64(x))
    return tanh_backward_fast(g, x) if tanh_backward_fast_ok(x) else r


def _lambert_tanh_ratio(depth: int = 15):
    """Lambert's continued fraction for tanh as one ratio of polynomials in ``x^2``.

    Returns the coefficients (lowest degree first) of ``N`` and ``D`` with
    ``3 + x^2/(5 + x^2/(7 + ... x^2/(2 depth + 1))) = N/D``, so that
    ``x - tanh x = x^3 D / (N + x^2 D)``.  All coefficients are positive: Horner's rule
    on ``x^2 >= 0`` has no cancellation.
    """
    n, d = [2 * depth + 1], [1]
    for k in range(depth - 1, 0, -1):  # d_k = (2k + 1) + x^2 / d_{k+1} = (2k+1) + x^2 d/n
        size = max(len(n), len(d) + 1)
        a = [(2 * k + 1) * c for c in n] + [0] * (size - len(n))
        b = [0] + d + [0] * (size - len(d) - 1)
        n, d = [u + v for u, v in zip(a, b)], n
    scale = n[0]
    return tuple(c / scale for c in n), tuple(c / scale for c in d)


_TS_N, _TS_D = _lambert_tanh_ratio(10)  # on [0, 1]: truncation below 1e-20 of the value
_TS_CLAMP = 20.0  # beyond: 2 e**-2a/(1 + e**-2a) < 2**-56 of a - 1, and exp needs no clamp
# float32 tanh and tanhshrink below 1: Lambert's fraction of depth 6 (its truncation
# 0.005 ulp of float32 there), as x - tanh x = x^3 D/Q with the integer coefficients
# of D and Q = N + x^2 D (exact in float32: below 2**24), lowest degree first.
_T6_D = (45045.0, 2772.0, 27.0)
_T6_Q = (135135.0, 62370.0, 3150.0, 28.0)
_TSF_D = tuple(np.float32(c) for c in _T6_D)
_TSF_Q = tuple(np.float32(c) for c in _T6_Q)
_TANH_ARG_LO_F = np.float32(-20.0)  # e**-20 < 2**-28: 1 - 2t/(1 + t) rounds to 1 below
_TANH_CLAMP_F = np.float32(9.5)  # tanh rounds to 1 from 9.02 (2 e**-2a < 2**-25)


@kernel
def _poly(c, z):
    """``c[0] + c[1] z + ...`` by Horner's rule, each step one ``fma`` (``c`` a constant tuple: unrolled)."""
    p = c[len(c) - 1]
    for k in range(len(c) - 2, -1, -1):
        p = _fma(p, z, c[k])
    return p


@kernel
def _poly_f32(c, z):
    """:func:`_poly` for float32 ``z`` and float32 coefficients (float32 arithmetic)."""
    p = c[len(c) - 1]
    for k in range(len(c) - 2, -1, -1):
        p = _fma(p, z, c[k])
    return p


@kernel
def _tanh_parts_f32(x):
    """``(a, b, n, d)`` with ``a = |x|`` and ``tanh a = b - n/d``, float32 arithmetic, branch-free.

    ``a < 1``: ``b = a``, ``n/d = a^3 D/Q`` (Lambert's fraction, :data:`_T6_D`; ``a^3``
    in double length by ``fma``); above: ``b = 1``, ``n/d = 2t/(1 + t)``, ``t = e^-2a``
    (at most 0.27: its error is damped).  The corrections' numerators and denominators
    are selected, so that the caller divides once; ``a - b`` is exact (``a - tanh a``
    for tanhshrink, no cancellation).
    """
    a = abs(np.float32(x))  # (a no-op: the float32 branches are typed for float64 too)
    z = a * a
    zl = S.fma(a, a, -z)  # type: ignore[call-arg,var-annotated]
    c = a * z
    cl = S.fma(a, z, -c) + a * zl  # a^3 = c + cl
    dd = _poly_f32(_TSF_D, z)
    k, r = S.reduce_f32(max(_F_M2 * a, _TANH_ARG_LO_F))
    t = S.exp_reduced_f32(r) * S.pow2_f32(k)
    small = a < _F1
    n = S.fma(c, dd, cl * dd) if small else _F2 * t
    d = _poly_f32(_TSF_Q, z) if small else _F1 + t
    return a, (a if small else _F1), n, d


@kernel
def _tanh_f32(x):
    """``tanh x`` in float32 arithmetic (x float32): 16 SIMD lanes with AVX-512, one division.

    ``tanh a = -e/(2 + e)`` with ``e = expm1(-2a)`` (:func:`expm1_sum_fast_f32`, no
    clamp or scaling: ``a`` is clamped to :data:`_TANH_CLAMP_F`, where ``tanh`` rounds to
    1), nothing cancels: ``e`` carries ``-2a`` exactly near 0, ``2 + e`` lies in [1, 2].
    """
    a = min(abs(np.float32(x)), _TANH_CLAMP_F)  # (NaN stays NaN: min takes the first NaN)
    e = S.expm1_sum_fast_f32(_F_M2 * a)
    return math.copysign(-e / (_F2 + e), np.float32(x))  # (NaN: NaN, no select)


@kernel
def _tanh_parts_f64(x):
    """``(a, b, n, d)`` with ``a = |x|`` and ``tanh a = b - n/d``, float64, branch-free.

    :func:`_tanh_parts_f32`'s forms: ``a < 1``: ``b = a``, ``n/d = a^3 D/(N + a^2 D)``
    (Lambert's fraction of depth 10, :data:`_TS_N` and :data:`_TS_D`: truncation below
    1e-20 of the value there; ``a^3`` in double length); above: ``b = 1``, ``n/d = 2t/(1 +
    t)``, ``t = e^-2a`` (``a`` clamped at :data:`_TS_CLAMP`: no clamp or scaling in the
    exponential).  ``n/d <= 0.24 b``: its error is damped, and ``a - b`` is exact.
    """
    a = abs(x)
    z = a * a
    c = a * z
    cl = _fma(a, z, -c) + a * _fma(a, a, -z)  # a^3 = c + cl
    dd = _poly(_TS_D, z)
    t = S.exp_rel(-2.0 * (a if a < _TS_CLAMP else _TS_CLAMP), np.int64(0))
    small = a < 1.0
    n = _fma(c, dd, cl * dd) if small else 2.0 * t
    d = _fma(z, dd, _poly(_TS_N, z)) if small else 1.0 + t
    return a, (a if small else 1.0), n, d


@kernel
def _tanh_f64(x):
    """``tanh x = b - n/d`` (:func:`_tanh_parts_f64`), the sign restored: one division.

    8.1 -> 7.5 instructions an element (AVX-512) and 1.03 ulp against mpmath (30000 points
    of [1e-310, 25]) where ``exp`` and ``expm1`` from one reduction (degree-11 polynomial),
    selected at 0.55, took 8.1 and measured 1.5.
    """
    a, b, n, d = _tanh_parts_f64(x)
    y = math.copysign(b - n / d, x)
    return y if x == x else x


@kernel
def tanh(x):
    if S.is_float32(x):
        return _tanh_f32(x)
    return _tanh_f64(f64(x))


@kernel
def tanhshrink(x):
    # Both forms are computed and their numerator and denominator selected, so that
    # the loop has one division and no branch:
    #   |x| < 1: x^3 D/(N + x^2 D) (Lambert), x^3 in double length;
    #   else:    |x| - tanh|x| = (|x| - 1) + 2t/(1 + t), t = e^-2|x|: |x| - 1 is exact and
    #            nothing cancels (float32 and float64 alike: _tanh_parts_f32/_f64).
    # float64: 9.5 -> 7.4 instructions an element (AVX-512), where Lambert's fraction of
    # depth 15 below 3 and expm1 above took 9.5; 3.5 ulp at most against mpmath (28000
    # points of [0, 25]) where that form measured 4.4 (x = 0.288).
    if S.is_float32(x):  # float32 arithmetic: a - tanh a = (a - b) + n/d, a - b exact
        af, bf, nf, df = _tanh_parts_f32(x)
        # (inf: inf - 1 + n/d = inf; NaN: NaN, no select)
        return math.copysign((af - bf) + nf / df, np.float32(x))
    a, b, n, d = _tanh_parts_f64(f64(x))
    return math.copysign((a - b) + n / d, f64(x))


@kernel
def tanhshrink_backward(g, x):
    if S.is_float32(x):  # float32 arithmetic: tanh within 1.1 ulp, t*t within 3
        af, bf, nf, df = _tanh_parts_f32(x)
        tf = bf - nf / df
        return g * (tf * tf)
    t = S.tanh_short(f64(x))  # 2.8 ulp: t*t within 6 ulp, one transcendental instead of two
    return f64(g) * (t * t)


@kernel
def softsign(x):
    # |x| < 1: |x|/(1 + |x|); above: 1 - 1/(1 + |x|), which is monotone in |x| (every
    # step rounds monotonically), where |x|/(1 + |x|) was not: 1 + |x| rounds up or down
    # at binade edges and beyond 2**53 (hypothesis found softsign(9.007e15) < softsign(6e15)
    # by one ulp).  Both are 0.5 at 1; one division, operands selected.  float32: the same
    # forms in float32 (each step rounds monotonically as in float64; 1.0 ulp)
    if S.is_float32(x):
        xf = np.float32(x)
        sf = abs(xf)
        smallf = sf < _F1
        qf = (sf if smallf else _F1) / (_F1 + sf)
        return math.copysign(qf if smallf else _F1 - qf, xf)
    x = f64(x)
    s = abs(x)
    small = s < 1.0
    q = (s if small else 1.0) / (1.0 + s)
    return math.copysign(q if small else 1.0 - q, x)


@kernel
def softsign_backward(g, x):
    if S.is_float32(x):  # (g r) r: r*r underflows first for |x| > 2**63 (g r cannot overflow)
        rf = _F1 / (_F1 + abs(np.float32(x)))
        return (np.float32(g) * rf) * rf
    r = 1.0 / (1.0 + abs(f64(x)))
    return f64(g) * (r * r)


@kernel
def _sqrt_x2_b(x, b):
    if abs(x) < 1e150:
        return math.sqrt(x * x + b)
    return abs(x)


_P60, _P100, _P64 = (np.float32(2.0 ** e) for e in (60, 100, 64))
_PM60, _PM100, _PM64 = (np.float32(2.0 ** -e) for e in (60, 100, 64))


@kernel
def _squareplus_scaled_f32(xf, bf):
    """``(xs, ss, sc)`` with ``xs = x sc``, ``ss = sqrt(xs**2 + b sc**2)``: float32, no overflow.

    ``sc`` is a power of two: 2^-64 where ``|x| >= 2^60`` or ``b >= 2^100`` (``x**2 + b``
    would overflow), 2^64 where both are tiny (``x**2`` would underflow: squareplus(x, 0)
    is relu), else 1; ``xs**2 + b sc**2`` is one ``fma`` (one rounding, halved by sqrt).
    """
    axf = abs(xf)
    big = (axf >= _P60) | (bf >= _P100)
    small = (axf < _PM60) & (bf < _PM100)
    scf = _PM64 if big else (_P64 if small else _F1)
    xs = xf * scf
    ss = math.sqrt(S.fma(xs, xs, (bf * scf) * scf))  # type: ignore[call-arg]
    return xs, ss, scf


@kernel
def squareplus(x, b):
    if S.is_float32(x):  # in float32, scaled by a power of two (1.3 ulp)
        xf = np.float32(x)
        bf = np.float32(b)
        xs, ss, scf = _squareplus_scaled_f32(xf, bf)
        # x < 0: the conjugate b/(2(s - x)) = (b sc)/(2(ss - xs)), b unscaled
        posf = xf >= _F0
        rf = (xs + ss) if posf else (bf * scf) / (ss - xs)
        return rf * (_HALF_F * S.recip_pow2_f32(scf) if posf else _HALF_F)  # (1/sc: no division)
    x = f64(x)
    b = f64(b)
    s = _sqrt_x2_b(x, b)
    if x >= 0.0:
        return 0.5 * x + 0.5 * s if x > 1e300 else 0.5 * (x + s)
    # (x + s)/2 cancels for x << 0; multiply by the conjugate.  Halves first: s - x
    # overflows for x near -max, where the result (b/(4|x|)) is subnormal, not 0.
    return (0.25 * b) / (0.5 * s - 0.5 * x)


@kernel
def squareplus_backward(g, x, b):
    # x >= 0: (1 + x/s)/2 = (s/2 + x/2)/s;  x < 0: b/(2 s (s - x)) = ((b/2)/(s - x))/s
    # (the conjugate form: no cancellation, and no overflow of s (s - x) for huge |x|).
    # Numerator and first divisor are selected, then two divisions for every element:
    # branches here kept the float64 loop scalar.  float32: the same forms on the scaled
    # xs, ss (scale-free for x >= -s/2, where the first form does not cancel; below,
    # b sc/(2 (ss - xs))/ss times sc, the last scaling after the divisions, so that only
    # it may round into the subnormals)
    if S.is_float32(x):
        xf = np.float32(x)
        bf = np.float32(b)
        xs, ss, scf = _squareplus_scaled_f32(xf, bf)
        posf = xs + _HALF_F * ss >= _F0  # (1 + x/s)/2 cancels only below x = -s/2 (-inf: NaN)
        numf = _HALF_F * ss + _HALF_F * xs if posf else _HALF_F * (bf * scf)
        df = _F1 if posf else ss - xs
        rf = ((numf / df) / ss) * (_F1 if posf else scf)
        rf = _F1 if xf == np.float32(math.inf) else rf
        return np.float32(g) * (_HALF_F if ss == _F0 else rf)
    x = f64(x)
    b = f64(b)
    s = _sqrt_x2_b(x, b)
    pos = x >= 0.0
    num = 0.5 * s + 0.5 * x if pos else 0.25 * b
    d = 1.0 if pos else 0.5 * s - 0.5 * x  # halves: s - x overflows near -max
    r = (num / d) / s
    r = 1.0 if x == math.inf else r  # inf/inf above
    return f64(g) * (0.5 if s == 0.0 else r)


_LOGIT_TINY_F = np.float32(2.0 ** -126)
_LOGIT_TINY = 2.2250738585072014e-308


_LOGIT_MID_F, _LOGIT_MID = np.float32(0.1875), 0.1875
_SQRT2_F, _SQRT2 = np.float32(math.sqrt(2.0)), math.sqrt(2.0)


@kernel
def _logit_log(p, normal):
    """``log(p / (1 - p))`` for ``0 < p < 1`` (``p`` float32 or float64), without its special values.

    ``normal``: a constant; True where ``p`` is known normal (the block fast path), which
    then skips the exponent split's subnormal scaling.
    """
    # One quotient s and one series, 2 atanh(s) = log((1 + s)/(1 - s)) (scalar.atanh_join),
    # with |s| <= 0.2 and no cancellation:
    #   |2p - 1| <= 3/16: s = 2p - 1, exact (p >= 1/4), and j = 0: logit = 2 atanh(2p - 1);
    #   tails: of p and 1 - p = u + c (Fast2Sum, exact), the larger a in [1/2, 1] and the
    #   smaller b = 2^j mb, with mb in [sqrt(1/2), sqrt 2] from the exponent split, halved
    #   (j + 1) where a/mb < sqrt(1/2), so that a/mb lies in [sqrt(1/2), sqrt 2]; then
    #   log(a/b) = -j ln 2 + 2 atanh(s), s = (a' - mb)/(a' + mb), a' = a + c (a - mb exact,
    #   Sterbenz); the sign by the side of 1/2.  There |logit| >= 0.38 and j != 0,
    #   |2 atanh s| <= 0.35: s's roundings (about 1.5 ulp) cost about 1 ulp.
    # One division where log(q) of q = p/u and log1p's own s = f/(2 + f) took two.
    if S.is_float32(p):
        pf = np.float32(p)
        uf = _F1 - pf
        cf = (_F1 - uf) - pf  # u + c = 1 - p exactly (c = 0 above 1/2)
        upf = pf > _HALF_F
        af = pf if upf else uf
        bf = uf if upf else pf
        jb, mbf = S.mant_split_normal_f32(bf) if normal else S.mant_split_f32(bf)  # b = 2^jb mb
        lof = af * _SQRT2_F < mbf  # a/mb below sqrt(1/2): b = 2^(jb + 1) (mb/2)
        mbf = _HALF_F * mbf if lof else mbf
        jb = jb + _F1 if lof else jb
        smf = (pf + pf) - _F1  # 2p - 1: exact from p = 1/4
        midf = abs(smf) <= _LOGIT_MID_F
        numf = smf if midf else (af - mbf) + cf
        denf = _F1 if midf else (af + mbf) + cf
        jf = _F0 if midf else -jb
        lgf = S.atanh_join_f32(jf, numf / denf)
        return lgf if upf | midf else -lgf
    p = f64(p)
    u = 1.0 - p
    c = (1.0 - u) - p
    up = p > 0.5
    a = p if up else u
    b = u if up else p
    jb, mb = S.mant_split_normal(b) if normal else S.mant_split(b)
    lo = a * _SQRT2 < mb
    mb = 0.5 * mb if lo else mb
    jb = jb + 1.0 if lo else jb
    sm = (p + p) - 1.0
    mid = abs(sm) <= _LOGIT_MID
    num = sm if mid else (a - mb) + c
    den = 1.0 if mid else (a + mb) + c
    j = 0.0 if mid else -jb
    lg = S.atanh_join(j, num / den)
    return lg if up | mid else -lg


@kernel
def logit_fast_ok(x):
    """Where :func:`logit_fast` holds the contract: normal ``p < 1`` (not 0, 1, NaN or outside)."""
    if S.is_float32(x):
        return (np.float32(x) >= _LOGIT_TINY_F) & (np.float32(x) < _F1)
    return (f64(x) >= _LOGIT_TINY) & (f64(x) < 1.0)


@kernel
def logit_fast(x):
    """The block fast path: :func:`_logit_log` without the special values or the subnormal split.

    The split's operand ``min(p, 1 - p)`` is normal there (``1 - p >= ulp(1)/2``).
    """
    if S.is_float32(x):
        return _logit_log(np.float32(x), True)
    return _logit_log(f64(x), True)


@kernel
def logit(x):
    if S.is_float32(x):
        pf = np.float32(x)
        rf = _logit_log(pf, False)
        rf = -np.float32(np.inf) if pf == _F0 else rf
        rf = np.float32(np.inf) if pf == _F1 else rf
        return rf if (pf >= _F0) & (pf <= _F1) else np.float32(np.nan)
    # (no select of logit_fast where logit_fast_ok: it is this arithmetic, the same bits
    # there, and the loops for the blocks that fail the test keep 1 division a vector, not 2)
    p = f64(x)
    r = _logit_log(p, False)
    r = -math.inf if p == 0.0 else r
    r = math.inf if p == 1.0 else r
    return r if (p >= 0.0) & (p <= 1.0) else math.nan


@kernel
def logit_backward(g, x):
    if S.is_float32(x):  # float32: one rounding of p (1 - p) (p, 1 - p exact or rounded once)
        pf = np.float32(x)
        df = g / abs(pf * (_F1 - pf))
        return df if (pf >= _F0) & (pf <= _F1) else np.float32(np.nan)
    p = f64(x)
    # |p (1 - p)|: -0.0 is the end p = 0 of the domain, where f' = +inf (not -inf, which
    # 1 / (-0.0 * 1) gives); the product is >= 0 on the domain, so abs changes nothing else
    d = f64(g) / abs(p * (1.0 - p))
    return d if (p >= 0.0) & (p <= 1.0) else math.nan


# Second and third derivatives.  Each is written for its own tails, from the sigmoid's
# parts (scalar.logistic_parts: sigma'(z) = m 2**k kept apart from its power of two, so a
# subnormal result rounds once; tanh(|z|/2) from expm1, so nothing cancels near 0).  Where
# the argument is a rounded product (beta x) it is carried in double length and fed back
# through the next derivative, to first order.  float32 input is computed in float64.
_ZMAX = 800.0  # beyond, sigma'(z) < e**-760 and every derivative here underflows


_F3, _F8, _F16 = (np.float32(v) for v in (3.0, 8.0, 16.0))
_ZMAX_F = np.float32(130.0)  # beyond, sigma'(z) < e**-120 and float32 results underflow


# float32 input of sigmoid, tanh, log_sigmoid, tanhshrink and silu: float32 arithmetic
# (scalar.logistic_parts_f32), as their f' has: within 2 ulp of float32 away from zeros.


@kernel
def sigmoid_derivative2(x):
    # sigma'' = -sign(x) sigma' tanh(|x|/2)
    if S.is_float32(x):
        m, k, t, q, c3 = S.logistic_parts_f32(x)
        r = S.scale_mul_f32(m, -t if x > _F0 else t, k)
        return r if x == x else x
    x = f64(x)
    m, k, t, q, c3 = S.logistic_parts(x)
    r = S.scale_mul(m, -t if x > 0.0 else t, k)
    return r if x == x else x


@kernel
def sigmoid_derivative3(x):
    # sigma''' = sigma' (1 - 6 sigma')
    if S.is_float32(x):
        m, k, t, q, c3 = S.logistic_parts_f32(x)
        r = S.scale_mul_f32(m, c3, k)
        return r if x == x else x
    x = f64(x)
    m, k, t, q, c3 = S.logistic_parts(x)
    r = S.scale_mul(m, c3, k)
    return r if x == x else x


@kernel
def log_sigmoid_derivative2(x):
    # d/dx sigmoid(-x) = -sigma'(x)
    if S.is_float32(x):
        m, k, t, q, c3 = S.logistic_parts_f32(x)
        r = S.scale_mul_f32(-m, _F1, k)
        return r if x == x else x
    x = f64(x)
    m, k, t, q, c3 = S.logistic_parts(x)
    r = S.scale_mul(-m, 1.0, k)
    return r if x == x else x


@kernel
def log_sigmoid_derivative3(x):
    if S.is_float32(x):
        m, k, t, q, c3 = S.logistic_parts_f32(x)
        r = S.scale_mul_f32(m, t if x > _F0 else -t, k)
        return r if x == x else x
    x = f64(x)
    m, k, t, q, c3 = S.logistic_parts(x)
    r = S.scale_mul(m, t if x > 0.0 else -t, k)
    return r if x == x else x


@kernel
def tanh_derivative2(x):
    # tanh^(n)(x) = 2**(n+1) sigma^(n)(2x): -8 sign(x) sigma'(2x) tanh|x|
    if S.is_float32(x):
        m, k, t, q, c3 = S.logistic_parts_f32(_F2 * x)
        r = S.scale_mul_f32(m, -_F8 * t if x > _F0 else _F8 * t, k)
        return r if x == x else x
    x = f64(x)
    m, k, t, q, c3 = S.logistic_parts(2.0 * x)
    r = S.scale_mul(m, -8.0 * t if x > 0.0 else 8.0 * t, k)
    return r if x == x else x


@kernel
def tanh_derivative3(x):
    if S.is_float32(x):
        m, k, t, q, c3 = S.logistic_parts_f32(_F2 * x)
        r = S.scale_mul_f32(m, _F16 * c3, k)
        return r if x == x else x
    x = f64(x)
    m, k, t, q, c3 = S.logistic_parts(2.0 * x)
    r = S.scale_mul(m, 16.0 * c3, k)
    return r if x == x else x


@kernel
def tanhshrink_derivative2(x):
    return -tanh_derivative2(x)


@kernel
def tanhshrink_derivative3(x):
    return -tanh_derivative3(x)


@kernel
def _silu_curvature(zh, zl, order):
    """``silu''`` (order 2) or ``silu'''`` (order 3) at ``z = zh + zl``, to first order in ``zl``.

    silu^(n) = n sigma^(n-1) + z sigma^(n): with sigma' = m 2**k, t = tanh(|z|/2) and
    q = sigma', silu'' = sigma' (2 - |z| t), silu''' = sign(z) sigma' (|z| (1 - 6q) - 3t),
    silu'''' = sigma' (4 (1 - 6q) - |z| t (1 - 12q)).  NaN gives NaN.
    """
    m, k, t, q, c3 = S.logistic_parts(zh)
    a = min(abs(zh), _ZMAX)  # (beyond, m 2**k underflows: a finite factor keeps the sign)
    s = 1.0 if zh > 0.0 else -1.0
    d2 = 2.0 - a * t
    d3 = s * (a * c3 - 3.0 * t)
    d4 = 4.0 * c3 - a * t * (1.0 - 12.0 * q)
    r = S.scale_mul(m, (d2 + zl * d3) if order == 2 else (d3 + zl * d4), k)
    return r if zh == zh else zh


@kernel
def _silu_curvature_f32(x, order):
    """:func:`_silu_curvature` in float32 arithmetic, for float32 ``x`` (no ``zl``)."""
    m, k, t, q, c3 = S.logistic_parts_f32(x)
    a = min(abs(x), _ZMAX_F)
    s = _F1 if x > _F0 else -_F1
    v = (_F2 - a * t) if order == 2 else s * (a * c3 - _F3 * t)
    r = S.scale_mul_f32(m, v, k)
    return r if x == x else x


@kernel
def silu_derivative2(x):
    if S.is_float32(x):
        return _silu_curvature_f32(x, 2)
    return _silu_curvature(f64(x), 0.0, 2)


@kernel
def silu_derivative3(x):
    if S.is_float32(x):
        return _silu_curvature_f32(x, 3)
    return _silu_curvature(f64(x), 0.0, 3)


@kernel
def swish_derivative2(x, beta):
    # swish^(n)(x) = beta**(n-1) silu^(n)(beta x)
    x = f64(x)
    beta = f64(beta)
    zh, zl = S.two_prod(beta, x)
    return beta * _silu_curvature(zh, zl, 2)


@kernel
def swish_derivative3(x, beta):
    x = f64(x)
    beta = f64(beta)
    zh, zl = S.two_prod(beta, x)
    return (beta * beta) * _silu_curvature(zh, zl, 3)


@kernel
def _softplus_curvature(x, beta, threshold, order):
    """softplus's second (order 2) or third derivative: ``beta sigma'(z)``, ``beta**2 sigma''(z)``.

    ``z = beta x = zh + zl`` in double length, fed back to first order: ``sigma'(z) (1 -
    sign(z) t zl)`` and ``sigma'(z) (-sign(z) t + (1 - 6q) zl)``; 0 above PyTorch's
    ``threshold`` (where its softplus is x).  NaN gives NaN.
    """
    x = f64(x)
    beta = f64(beta)
    zh, zl = S.two_prod(beta, x)
    m, k, t, q, c3 = S.logistic_parts(zh)
    u = -t if zh > 0.0 else t
    v = beta * (1.0 + u * zl) if order == 2 else (beta * beta) * (u + c3 * zl)
    r = S.scale_mul(m, v, k)
    r = 0.0 if zh > f64(threshold) else r
    return r if zh == zh else zh


@kernel
def softplus_derivative2(x, beta, threshold):
    return _softplus_curvature(x, beta, threshold, 2)


@kernel
def softplus_derivative3(x, beta, threshold):
    return _softplus_curvature(x, beta, threshold, 3)


@kernel
def _mish_curvature(x, order):
    """mish'' or mish''' from w = tanh(softplus x), omega = 1 - w**2 and sigma = sigma(x).

    With kk = 1 - sigma - 2 w sigma and kk' = -sigma ((1 - sigma)(1 + 2w) + 2 omega sigma):
    mish'' = omega sigma (2 + x kk), mish''' = omega sigma (3 kk + x (kk**2 + kk')).
    Each in e = e**-|x| = y 2**k, on the side of x where nothing cancels; omega sigma is
    4e(1+e)/D**2 below 0 (D = e**2 + 2e + 2) and 4e**2(1+e)/D**2 above (D = 1 + 2e + 2e**2),
    its power of two kept apart.
    """
    y, k = S.exp_split(-abs(x))
    e = S.scale_mul(y, 1.0, k)
    pos = x > 0.0
    dn = (1.0 + 2.0 * e + 2.0 * e * e) if pos else (e * e + 2.0 * e + 2.0)
    inv = 1.0 / (1.0 + e)
    sig = inv if pos else e * inv
    c = e * inv if pos else inv  # 1 - sigma
    w = ((1.0 + 2.0 * e) if pos else e * (e + 2.0)) / dn
    om = 4.0 * (1.0 + e) * (1.0 + e) / (dn * dn)
    om = om * e * e if pos else om
    ms = 4.0 * (1.0 + e) / (dn * dn) * (y * e if pos else y)  # omega sigma / 2**k
    kk = c - 2.0 * w * sig
    dk = -sig * (c * (1.0 + 2.0 * w) + 2.0 * om * sig)
    xc = max(min(x, _ZMAX), -_ZMAX)
    v = (2.0 + xc * kk) if order == 2 else (3.0 * kk + xc * (kk * kk + dk))
    r = S.scale_mul(ms, v, k)
    return r if x == x else x


@kernel
def mish_derivative2(x):
    return _mish_curvature(f64(x), 2)


@kernel
def mish_derivative3(x):
    return _mish_curvature(f64(x), 3)


@kernel
def softsign_derivative2(x):
    # -2 sign(x) / (1 + |x|)**3; 0 at x = 0 (the mean of the one-sided limits -+2)
    x = f64(x)
    r = 1.0 / (1.0 + abs(x))
    c = -2.0 if x > 0.0 else (2.0 if x < 0.0 else 0.0)
    return c * (r * r * r) if x == x else x


@kernel
def softsign_derivative3(x):
    r = 1.0 / (1.0 + abs(f64(x)))
    r2 = r * r
    return 6.0 * (r2 * r2)


@kernel
def squareplus_derivative2(x, b):
    # b / (2 s**3), s = sqrt(x**2 + b): divisions one at a time (s**3 overflows early)
    x = f64(x)
    b = f64(b)
    s = _sqrt_x2_b(x, b)
    r = 0.5 * (((b / s) / s) / s)
    return 0.0 if s == 0.0 else r


@kernel
def squareplus_derivative3(x, b):
    # -3 b x / (2 s**5)
    x = f64(x)
    b = f64(b)
    s = _sqrt_x2_b(x, b)
    u = x / s if abs(x) != math.inf else math.copysign(1.0, x)
    r = -1.5 * u * ((((b / s) / s) / s) / s)
    return 0.0 if s == 0.0 else r


@kernel
def logit_derivative2(x):
    # (2p - 1) / q**2 with q = p (1 - p) (|q|: -0.0 is the end p = 0, where f'' = -inf)
    p = f64(x)
    q = abs(p * (1.0 - p))
    r = ((2.0 * p - 1.0) / q) / q
    return r if (p >= 0.0) & (p <= 1.0) else math.nan


@kernel
def logit_derivative3(x):
    # 2 (3p**2 - 3p + 1) / q**3 = 2 (1 - 3q) / q**3 (>= 1/4 q**-3: no zero, no cancellation)
    p = f64(x)
    q = abs(p * (1.0 - p))
    r = (((2.0 * (1.0 - 3.0 * q)) / q) / q) / q
    return r if (p >= 0.0) & (p <= 1.0) else math.nan
