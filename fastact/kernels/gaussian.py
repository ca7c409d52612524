"""GELU in both forms, with the ill-conditioned negative tail carried in double length.

``gelu(x) = x Phi(x)`` with ``Phi(-a) = e^{-a^2/2} erfcx(a/sqrt 2)/2``: the rounding of
``a/sqrt 2`` would be amplified about ``a**2`` times in the tail, so ``a*a`` is taken
exactly (``two_prod``) and ``erfcx`` is a power series in Schonfelder's variable, whose
variable is carried in double length (:func:`phi_upper`).  No libm or libdevice ``erfc``: the same
arithmetic on the CPU, where it vectorizes, and on the GPU.  float32 input is computed in
float32 arithmetic (:func:`_phi_f32`: 16 SIMD lanes with AVX-512, 4.5x faster than the
float64 computation it replaced; 3.5 ulp forward instead of 0.5).  float64 has a block
fast path for ``|x| <= 26`` (:func:`gelu_fast`): ``Phi(-a) = e^{-a^2/2} N(a)`` with the
scaled Mills ratio ``N`` from a table (:mod:`fastact.kernels.gaussian_table`) and a Taylor
polynomial around its nearest point, no division.  The tanh form is written
``x * sigmoid(2u)`` (``(1 + tanh u)/2 = sigmoid(2u)``), with ``u`` in double length;
in float32 one branch-free form for every ``x`` (:func:`_gelu_tanh_parts_f32`: ``x`` and
``A + B x^2``, a float32 pair, enter the exponential's reduced argument unrounded), and a
block fast path for the gradient (``x >= -9.25``, :func:`gelu_tanh_backward_fast_ok`).
"""

import math
from typing import Any

import numpy as np
from numba import float64 as f64

from . import scalar as S
from .gaussian_table import GELU_N_END, GELU_N_STEP, GELU_N_TABLE
from .logistic import swish_value
from .scalar import kernel

GELU_TANH_COEFF = 0.044715
_GELU_BIG = 40.0  # |x| beyond which gelu(x) is x or 0 in float64
_GELU_TANH_BIG = 1e5
_TAIL_SQUARE = -2.0 * S.TAIL_LO  # a*a beyond this: e^{-a^2/2} is clamped (and underflows)


# The tables below are printed by ``python -m fastact._tools.precompute.erfcx`` (mpmath);
# tests/test_accuracy.py checks that they still agree with it.
MILLS_P_F32 = (
    0.7978845834732056,
    0.49713143706321716,
    0.16326357424259186,
    0.029098067432641983,
    0.0024108150973916054,
)
MILLS_Q_F32 = (
    1.0,
    1.078491449356079,
    0.5591771006584167,
    0.16776823997497559,
    0.029113925993442535,
    0.002410427900031209,
)
"""``e^{a^2/2} Phi(-a) = c Q(a)/(a Q(a) + P(a))`` (``c``: float32 ``1/sqrt(2 pi)``) on
``0 <= a <= 14.7``, float32 coefficients: relative error 0.12 units of 2**-24, for the
float32 arithmetic path (:func:`_phi_f32`).  ``P/Q`` approximates ``c/R(a) - a``, whose
error (and the rounding of ``P`` and ``Q``) reaches ``Phi`` damped by ``h/(a + h)``."""
_F = np.float32
(_P0, _P1, _P2, _P3, _P4) = (_F(c) for c in MILLS_P_F32)
(_Q1, _Q2, _Q3, _Q4, _Q5) = (_F(c) for c in MILLS_Q_F32[1:])
_C_F = _F(S.INV_SQRT_2PI)
_A_MAX_F = _F(14.7)  # below -14.7 gelu and its derivative are -0 in float32 (from -14.4 on)
_HALF_F, _ONE_F, _ZERO_F, _NEG0_F = _F(0.5), _F(1.0), _F(0.0), _F(-0.0)
_SLOPE_TINY_F = _F(2.0 ** -14)  # s = 2**(k + 96) below this: 2**k itself is below 2**-110
_fma: Any = S.fma  # (an intrinsic: Numba types its calls, mypy cannot)

ERFCX_K64 = 2.0
ERFCX_F64 = (  # powers of t
    1.021582705242023,
    -0.6871606844138103,
    0.2794720925560295,
    -0.03644223150691808,
    -0.021510661888073063,
    0.006479185069164135,
    0.003090612028202657,
    -0.0008372960865582222,
    -0.0006630731533802922,
    3.4371663749779505e-05,
    0.00014446837659009613,
    3.414756226763783e-05,
    -2.168597065992882e-05,
    -1.611575173429468e-05,
    -1.1552847223022853e-06,
    3.630071016108333e-06,
    2.061139843058221e-06,
    2.750901646637189e-08,
    -6.524921870593344e-07,
    -3.5734458958337067e-07,
    7.200169058415987e-08,
    1.3931685886818277e-07,
    1.304086922880308e-08,
    -2.6432651035265297e-08,
    -3.822347457215788e-09,
    2.11806662871436e-09,
)
"""``(z + K) e^{z^2} erfc(z)``, ``K = 2``, as 26 powers of ``t = (z-K)/(z+K)``: the same
mapping as :data:`ERFCX_F32` (truncation below 1e-17), for float64 results.  The
coefficients stay below 1.02 in size and the function above 0.56, so Horner's rule is
stable; the last three steps run in double length (with :data:`ERFCX_F64_LO`)."""
ERFCX_F64_LO = (
    5.746559634387376e-17,
    1.2026712993023678e-17,
    -2.6276958581471756e-18,
    2.6257455968900164e-18,
    6.121784677430425e-19,
    2.872401501294839e-19,
    1.8993384550910059e-19,
    -1.2784461115474461e-20,
    -3.0941342197163334e-20,
    -1.5481903623837055e-21,
    6.425395134299129e-21,
    8.642603387391904e-22,
    3.676622454126607e-22,
    -1.0390496514528372e-21,
    -8.723461182501821e-24,
    7.02611154557687e-23,
    -3.698690337480846e-24,
    -4.298554564554078e-25,
    -2.7572743561419524e-23,
    -2.2665507742416635e-23,
    -2.013444826073582e-24,
    -1.9604568106332842e-24,
    -3.686618889108072e-25,
    1.008434081204948e-25,
    -7.351599518406429e-26,
    -1.7113929418418496e-25,
)
"""The rounding errors of :data:`ERFCX_F64` (each coefficient is ``hi + lo``)."""
(_A0, _A1, _A2, _A3, _A4, _A5, _A6, _A7, _A8, _A9, _A10, _A11, _A12,
 _A13, _A14, _A15, _A16, _A17, _A18, _A19, _A20, _A21, _A22, _A23, _A24, _A25) = ERFCX_F64
(_A0_LO, _A1_LO, _A2_LO) = ERFCX_F64_LO[:3]
# The polynomials below are written out term by term: a loop over a tuple indexed by the
# loop variable compiles, where NVVM does not unroll it, to a switch for every access
# (gelu float64 on sm_90: 982 instructions an element, 292 of them compares).


@kernel
def phi_upper(a):
    """``(m, k, w)`` with ``Phi(-a) = m 2**k``, ``exp(-a^2/2) = w 2**k`` (float64, 0 <= a <= 40).

    ``Phi(-a) = exp(-a^2/2) erfcx(z)/2`` with ``z = a/sqrt 2``: ``a*a`` is taken exactly
    (``two_prod``) and ``z`` and ``t = (z-K)/(z+K)`` are carried in double length, so that
    the rounding of the argument, which the exponential would amplify ``a**2`` times, never
    enters; ``erfcx`` is 26 Horner steps in ``t``, each one ``fma`` (the last with the low
    parts of ``t`` and of the constant term), divided by ``z + K`` through an exact
    residual; ``e^{-a^2/2} = (1 + w') 2**k`` (:func:`~fastact.kernels.scalar.expm1_split`)
    meets the quotient in one ``fma``.  3 ulp at most on gelu against mpmath, as the
    double-length Horner it replaced, in a third of the time (10.3 -> 3.8 ns an element
    here, AVX-512).  No libm or libdevice call: the same code on the CPU (where loops
    over it vectorize) and on the GPU (libdevice's erfc has a 5 ulp bound).  ``2**k`` is
    kept apart so that a product with ``Phi`` rounds once
    (:func:`fastact.kernels.scalar.scale_mul`).  Beyond ``a = 38.99`` (``a*a/2 > 760``)
    the exponential is clamped: callers return the underflowed result there.
    """
    zh, zl = S.two_prod(a, S.INV_SQRT2_HI)
    zl = _fma(a, S.INV_SQRT2_LO, zl)
    nh, nl = S.two_sum(zh, -ERFCX_K64)
    nl += zl
    dh, dl = S.two_sum(zh, ERFCX_K64)
    dl += zl
    r = 1.0 / dh  # the one division: t and erfcx are corrected through exact residuals
    th = nh * r
    ph, pe = S.two_prod(th, dh)
    tl = _fma(-th, dl, (nh - ph) - pe + nl) * r  # t = th + tl to about 2**-100
    p = _fma(_A25, th, _A24)
    p = _fma(p, th, _A23)
    p = _fma(p, th, _A22)
    p = _fma(p, th, _A21)
    p = _fma(p, th, _A20)
    p = _fma(p, th, _A19)
    p = _fma(p, th, _A18)
    p = _fma(p, th, _A17)
    p = _fma(p, th, _A16)
    p = _fma(p, th, _A15)
    p = _fma(p, th, _A14)
    p = _fma(p, th, _A13)
    p = _fma(p, th, _A12)
    p = _fma(p, th, _A11)
    p = _fma(p, th, _A10)
    p = _fma(p, th, _A9)
    p = _fma(p, th, _A8)
    p = _fma(p, th, _A7)
    p = _fma(p, th, _A6)
    p = _fma(p, th, _A5)
    p = _fma(p, th, _A4)
    p = _fma(p, th, _A3)
    p = _fma(p, th, _A2)
    p = _fma(p, th, _A1)
    pl = _fma(p, tl, _A0_LO)  # t's low part and A0's, to first order
    p = _fma(p, th, _A0)
    q = p * r  # erfcx(z) = (p + pl)/(dh + dl), to first order in the low parts
    r1, r2 = S.two_prod(q, dh)
    ql = _fma(-q, dl, ((p - r1) - r2) + pl) * r
    s, e = S.two_prod(a, a)
    v, k = S.expm1_split(-0.5 * s)  # exp(-a^2/2) = (1 + v) 2**k (1 - e/2)
    qq = q + _fma(-0.5 * e, q, ql)
    c = _fma(-0.5, e, 1.0)
    return 0.5 * _fma(qq, v, qq), k, _fma(c, v, c)


@kernel
def _mills_f32(a):
    """``(t, tl)``: ``e^{a^2/2} Phi(-a) = c (t + tl)``, float32 arithmetic, ``0 <= a <= 14.7``.

    ``t + tl = Q/(a Q + P)`` (:data:`MILLS_P_F32`) to about 2**-44: one division, for the
    reciprocal ``rd`` of ``d = a Q + P``, whose exact residual ``1 - rd d`` and that of
    the product ``Q rd`` go into ``tl`` (so that the GPU takes its one-instruction
    approximate reciprocal, :func:`~fastact.kernels.scalar.recip_rough`).  No rounding of
    the argument anywhere (``a`` is the input's magnitude); the roundings of ``Q`` and
    ``P`` (Horner's rule in ``a``) reach the quotient damped by ``P/(a Q + P)``, since ``Q``
    is the same above and below, and ``d``'s by less than one unit.
    """
    q = _fma(_Q5, a, _Q4)
    q = _fma(q, a, _Q3)
    q = _fma(q, a, _Q2)
    q = _fma(q, a, _Q1)
    q = _fma(q, a, _ONE_F)
    n = _fma(_P4, a, _P3)
    n = _fma(n, a, _P2)
    n = _fma(n, a, _P1)
    n = _fma(n, a, _P0)
    d = _fma(a, q, n)
    rd = S.recip_rough(d)  # (the GPU's approximate reciprocal: the residual below corrects it)
    t = q * rd
    return t, _fma(t, _fma(-rd, d, _ONE_F), _fma(q, rd, -t))


@kernel
def _gauss_f32(x):
    """``(a, w, sc)``: ``a = min(|x|, 14.7)``, ``e^{-a^2/2} = (1 + w) sc 2**-96``, float32 arithmetic.

    ``a*a`` is exact (by ``fma``) and its low part goes into the reduced argument of the
    exponential, so that no rounding is amplified by the tail.  The power of two ``sc =
    2**(k + 96)`` is a normal float32 (:func:`~fastact.kernels.scalar.reduce_scaled_f32`).
    """
    a = min(abs(_F(x)), _A_MAX_F)  # (_F: the branch is typed for float64 input too)
    p = a * a
    e = _fma(a, a, -p)  # p + e = a*a exactly
    r, sc = S.reduce_scaled_f32(-_HALF_F * p)
    r = _fma(-_HALF_F, e, r)  # e^{-(p + e)/2} = e^r sc 2**-96
    return a, S.expm1_reduced_f32(r), sc


@kernel
def _times_gauss_f32(u, ul, w):
    """``c (u + ul) (1 + w)`` with one final rounding (``c`` times ``u`` in double length)."""
    uh = u * _C_F
    ul = _fma(ul, _C_F, _fma(u, _C_F, -uh))  # c (u + ul) = uh + ul
    return _fma(uh, w, ul) + uh


@kernel
def _phi_f32(x):
    """``(m, sc)``, float32 arithmetic: ``Phi(-a) = m sc 2**-96``, ``a = min(|x|, 14.7)``.

    ``Phi(-a) = e^{-a^2/2} c Q/(a Q + P)`` (:func:`_gauss_f32`, :func:`_mills_f32`), the
    three factors meeting in one final rounding.  ``m sc`` is exact.  Measured 3.1 units of
    2**-24 against ``scipy.special.ndtr`` on 200000 points of [0, 14.7]; gelu 3.5 ulp and
    gelu' 7.9 on 3.9e6 points (tests/test_accuracy.py, the dense sweep), where the
    polynomial in ``t = (a - K)/(a + K)`` with first-order corrections for the roundings
    of ``t`` that it replaced measured 3.5 and 13.8 in 9 and 11 instructions more a vector
    (AVX-512).
    """
    a, w, sc = _gauss_f32(x)
    t, tl = _mills_f32(a)
    return _times_gauss_f32(t, tl, w), sc


_N_TABLE = np.array(GELU_N_TABLE)  # a global array: frozen into the compiled code
_N_STEP = float(GELU_N_STEP)
_N_H = 1.0 / GELU_N_STEP
GELU_FAST = GELU_N_END
"""gelu's float64 block fast path covers ``|x| <= 26`` (:func:`gelu_fast_ok`)."""
_INV_2, _INV_3, _INV_4, _INV_5, _INV_6 = 0.5, 1.0 / 3, 0.25, 0.2, 1.0 / 6


@kernel
def _mills_fast(a):
    """``N(a) = e^{a^2/2} Phi(-a)`` for float64 ``0 <= a <= 26`` from :data:`GELU_N_TABLE`.

    ``r``, the table point nearest ``a`` (``|d| = |a - r| <= 1/128``, exact), and ``N(a)``
    as its Taylor polynomial in ``d`` to ``d**6`` (1.4e-17 relative at most: the
    generator's ``mills_truncation``), whose coefficients follow from the table's one
    value: ``N' = r N - 1/sqrt(2 pi)``, ``(k+1) n_{k+1} = r n_k + n_{k-1}``.  The
    slowly varying part of ``Phi(-a)``: its fast part ``e^{-a^2/2}`` is the caller's.  An
    ``a`` outside (NaN, inf, beyond 26) would read outside the table: the caller
    (:func:`_gaussian_fast`) clamps it.
    """
    k, j = S.nearest(a * _N_STEP)
    d = a - k * _N_H
    r = k * _N_H
    n0 = _N_TABLE[np.uint64(j)]  # (unsigned: no wraparound select for a negative index)
    n1 = _fma(r, n0, -S.INV_SQRT_2PI)
    n2 = _fma(r, n1, n0) * _INV_2
    n3 = _fma(r, n2, n1) * _INV_3
    n4 = _fma(r, n3, n2) * _INV_4
    n5 = _fma(r, n4, n3) * _INV_5
    n6 = _fma(r, n5, n4) * _INV_6
    p = _fma(n6, d, n5)
    p = _fma(p, d, n4)
    p = _fma(p, d, n3)
    p = _fma(p, d, n2)
    p = _fma(p, d, n1)
    return _fma(p, d, n0)


@kernel
def _gaussian_fast(a):
    """``(c, n, w, s)``: ``c = min(a, 26)``, ``Phi(-c) = n (1 + w) s``, ``e^{-c^2/2} = (1 + w) s``.

    For float64 ``a = |x| >= 0``.  ``c*c`` exact (its rounding error by ``fma`` goes into
    the exponential's reduced argument), ``s`` a power of two (normal), ``n``
    :func:`_mills_fast`.  ``a`` beyond 26 (or NaN) is taken as 26, so that the lanes a
    block test rejects stay finite and raise no overflow flag (the ufuncs report them).
    ``w`` is +0 where ``c*c`` underflows (``0 - p/2``, not ``-p/2``): ``fma(q, w, q)``
    keeps the sign of ``q = -0``.
    """
    c = a if a <= GELU_FAST else GELU_FAST
    p = c * c
    e = _fma(c, c, -p)
    w, s = S.expm1_sum_fast(0.0 - 0.5 * p, -0.5 * e)
    return c, _mills_fast(c), w, s


@kernel
def gelu_fast_ok(x):
    """Where :func:`gelu_fast` and :func:`gelu_backward_fast` hold the contract: float64 ``|x| <= 26``."""
    if S.is_float32(x):
        return False  # (float32 computes in float32 on every element: no block fast path)
    return abs(f64(x)) <= GELU_FAST


@kernel
def gelu_fast(x):
    """The block fast path (float64): ``x Phi(-|x|)``, or ``x`` less it for ``x > 0``.

    No division, no two-factor scaling, no special values: 2.8 ulp at most against mpmath
    on 220000 points (the table's and the expansion's roundings, the exponential's, two
    products); the backward's 6.7 ulp away from its zero at -0.75 (``N(a) - a/sqrt(2 pi)``
    cancels towards it).
    """
    if S.is_float32(x):
        return _gelu_f32(x)
    x = f64(x)
    c, n, w, s = _gaussian_fast(abs(x))
    q = x * n
    y = _fma(q, w, q) * s  # x Phi(-|x|)
    return y if x <= 0.0 else x - y  # (y: -0 at -0)


@kernel
def _gelu_f32(x):
    """gelu at float32 ``x``: ``x Phi(-a)``, or ``x (1 - Phi(-a))``, with ``Phi(-a) = q 2**-96``.

    ``q = m s`` is exact; ``x q`` rounds in the normal range and ``2**-96`` once more
    into the subnormals (from ``x = -13.1``).
    """
    m, s = _phi_f32(x)
    q = m * s
    if x < _ZERO_F:
        return _NEG0_F if x < -_A_MAX_F else (x * q) * S.EXP_PROD_UNSCALE_F
    # 1 - q 2**-96 by one fma: q 2**-96 (subnormal from a = 13.1) is not rounded alone, so
    # no lane computes a subnormal here (a microcode assist on Intel's cores; AMD Zen 4
    # also slows: about 40 cycles a vector with a tiny result, measured on gelu_tanh)
    return x * _fma(-q, S.EXP_PROD_UNSCALE_F, _ONE_F)


@kernel
def gelu(x):
    if S.is_float32(x):  # float32 arithmetic: 16 SIMD lanes (3.5 ulp, see _phi_f32)
        return _gelu_f32(x)
    x = f64(x)
    m, k, w = phi_upper(min(abs(x), _GELU_BIG))
    if x < 0.0:  # x Phi(-a), rounded once (subnormal from -37.5; -0 below -38.6 and at -inf)
        r = -0.0 if x < -_GELU_BIG else S.scale_mul(x, m, k)
    else:
        r = x if x > _GELU_BIG else x * (1.0 - S.scale_mul(m, 1.0, k))
    return gelu_fast(x) if gelu_fast_ok(x) else r


@kernel
def _gelu_slope_f32(g, x):
    """gelu' at float32 ``x`` times ``g``: ``(Phi(-a) - a phi(a)) = dm s 2**-96``, or ``1 -`` it.

    ``Phi(-a) - a phi(a) = e^{-a^2/2} c (t + tl - a)`` with ``t + tl`` the scaled Mills
    ratio (:func:`_mills_f32`): ``t - a`` is exact where the two cancel (near the zero of
    gelu' at -0.75, Sterbenz), so that only the quotient's own error is amplified there,
    not those of two separately rounded terms.
    ``x < 0``: ``g dm 2**k`` rounded once: ``2**k = s 2**-96`` is exact for ``k >= -110``
    (``s >= 2**-14``); below, ``dm s`` (exact, below 1) times ``g`` rounds in the normal
    range and only ``2**-96`` into the subnormals.
    """
    a, w, s = _gauss_f32(x)
    t, tl = _mills_f32(a)
    dm = _times_gauss_f32(t - a, tl, w)  # (Phi(-a) - a phi(a)) 2**-k
    if x < _ZERO_F:  # below -0.75 f' < 0 and underflows to -0 (x = -inf: a is clamped)
        tiny = s < _SLOPE_TINY_F
        v = (dm * (s if tiny else s * S.EXP_PROD_UNSCALE_F)) * g
        return v * S.EXP_PROD_UNSCALE_F if tiny else v
    return g * ((_ONE_F - (dm * s) * S.EXP_PROD_UNSCALE_F) if x == x else x)


@kernel
def gelu_backward_fast(g, x):
    """The block fast path of the backward (float64): ``v = Phi(-a) - a phi(a)``, or ``1 - v``.

    ``v = e^{-a^2/2} (N(a) - a/sqrt(2 pi))`` for ``x < 0``, ``1 - v`` for ``x >= 0``;
    ``N(a) - a/sqrt(2 pi)`` by one ``fma`` (it vanishes at the zero of gelu', -0.75).
    """
    if S.is_float32(x):
        return _gelu_slope_f32(g, x)
    x = f64(x)
    c, n, w, s = _gaussian_fast(abs(x))
    dn = _fma(-c, S.INV_SQRT_2PI, n)
    v = _fma(dn, w, dn) * s
    return f64(g) * (v if x < 0.0 else 1.0 - v)


@kernel
def gelu_backward(g, x):
    if S.is_float32(x):  # float32 arithmetic: Phi(x) + x phi(x)
        return _gelu_slope_f32(g, x)
    xd = f64(x)
    gd = f64(g)
    m, k, w = phi_upper(min(abs(xd), _GELU_BIG))
    if xd < 0.0:  # (Phi(-a) - a phi(a)) in one rounding: subnormal from about -37.5
        r = S.scale_mul(gd, _fma(xd * S.INV_SQRT_2PI, w, m), k)
        r = gd * -0.0 if xd * xd > _TAIL_SQUARE else r  # (the clamped exponential beyond)
    elif xd > _GELU_BIG:
        r = gd
    else:
        r = gd * ((1.0 - S.scale_mul(m, 1.0, k)) + S.scale_mul(xd * S.INV_SQRT_2PI, w, k))
    return gelu_backward_fast(g, x) if gelu_fast_ok(x) else r


@kernel
def _gelu_tanh_arg(x):
    """``2u = 2 sqrt(2/pi) (x + 0.044715 x^3)`` as a double-length ``(hi, lo)``."""
    x2h, x2l = S.two_prod(x, x)
    x3h, x3l = S.two_prod(x2h, x)
    x3l = _fma(x2l, x, x3l)
    kh, kl = S.two_prod(GELU_TANH_COEFF, x3h)
    kl = _fma(GELU_TANH_COEFF, x3l, kl)
    th, tl = S.two_sum(x, kh)
    tl += kl
    uh, ul = S.two_prod(S.SQRT_2_OVER_PI_HI, th)
    ul = _fma(S.SQRT_2_OVER_PI_HI, tl, _fma(S.SQRT_2_OVER_PI_LO, th, ul))
    return 2.0 * uh, 2.0 * ul


def _f32_pair(v: float) -> tuple:
    """A float64 constant as a float32 pair ``(hi, lo)``."""
    hi = np.float32(v)
    return hi, np.float32(v - float(hi))


_GT_A = 2.0 * S.SQRT_2_OVER_PI_HI  # z = 2u = x (A + B x^2)
_GT_AH, _GT_AL = _f32_pair(_GT_A)
_GT_BH, _GT_BL = _f32_pair(_GT_A * GELU_TANH_COEFF)
_GT_B3 = np.float32(3.0 * _GT_A * GELU_TANH_COEFF)
_F0, _F1 = np.float32(0.0), np.float32(1.0)


_GT_CLAMP_F = np.float32(12.0)  # |x| beyond: gelu_tanh rounds to x or -0, its gradient to 1 or -0
# (times g: to g or -0 for |g| < 1e14; |z| <= 143 keeps exp_prod_f32's 2**(k + 96) normal)
_GT_TINY_F = np.float32(2.0 ** -110)
_GT_ES_MIN = np.float32(2.0 ** -30)  # e 2^96 below this: e < 2^-126 (see _gelu_tanh_parts_f32)


@kernel
def _gelu_tanh_parts_f32(x):
    """The float32 kernels' common part, float32 arithmetic, branch-free.

    ``z = 2u = x w``, ``w = A + B x^2``: ``sigmoid(z) = (1 or e)/(1 + e)`` with ``e =
    e^-|z| = y s 2^-96`` (:func:`exp_prod_f32`: ``|x|`` in the reduced argument as it
    is and ``w`` as a float32 pair, so that the rounding of ``z`` is not amplified ``|z|``
    times).  ``a = -|x|`` is clamped at -12 (``|z| <= 143``), where both results round to
    their limits; it is ``x`` itself for ``-12 <= x <= 0`` and NaN for NaN.  Returns
    ``(a, a^2, x >= 0, y, s, es, 1 + e)``, ``es = y s = e 2^96`` (a normal float32).
    """
    xf = np.float32(x)
    a = -abs(xf)
    a = -_GT_CLAMP_F if a < -_GT_CLAMP_F else a  # (NaN: not below)
    q = a * a
    ql = S.fma(a, a, -q)  # type: ignore[call-arg,var-annotated]
    p = _GT_BH * q
    c = S.fma(_GT_BL, q, _GT_AL) + S.fma(_GT_BH, ql, S.fma(_GT_BH, q, -p))
    big = max(p, _GT_AH)  # (Fast2Sum, the larger first: one operation fewer than TwoSum)
    small = min(p, _GT_AH)
    w = big + small
    wl = ((big - w) + small) + c  # A + B a^2 = w + wl
    y, s, k = S.exp_prod_f32(a, w, wl)
    es = y * s  # e 2^96, exact
    # 1 + e by one fma: the product e (subnormal or below from x near +-10) is not rounded
    # on its own, so no lane computes a subnormal (a microcode assist on Intel's cores,
    # and about 40 cycles a vector on AMD Zen 4: N(0, 4^2) data with x clamped at -9.9
    # took 0.58 ns an element in cache against 0.64, the forward's last multiply into the
    # subnormals, which only x < -10.1 needs, being the difference)
    d = S.fma(es, S.EXP_PROD_UNSCALE_F, _F1)
    return a, q, xf >= _F0, y, s, es, d


@kernel
def _gelu_tanh_f32(x):
    """gelu_tanh at float32 ``x``: ``x sigmoid(z)``, float32 arithmetic, no branch, one division.

    ``x < 0``: ``(a es/(1 + e)) 2^-96`` (``a`` is ``x`` clamped at -12, ``es = e^-|z|
    2^96`` exact), rounded once into the subnormals by the last multiply.
    """
    a, q, pos, y, s, es, d = _gelu_tanh_parts_f32(x)
    xf = np.float32(x)
    v = (xf if pos else a * es) / d
    # (a lane x > 0 does not compute v 2^-96, which is subnormal for x below 2^-30)
    return v if pos else v * S.EXP_PROD_UNSCALE_F


@kernel
def _gelu_tanh_f64(x):
    """gelu_tanh at float64 ``x``: ``x sigmoid(2u)``, ``2u`` in double length, rounded once (subnormal)."""
    if abs(x) > _GELU_TANH_BIG:
        return x if x > 0.0 else -0.0
    zh, zl = _gelu_tanh_arg(x)
    return swish_value(x, zh, zl)


_GT_FAST = 20.0  # |x| <= 20: |2u| <= 603, where e^-|2u| needs no clamp or scaling


@kernel
def gelu_tanh_fast_ok(x):
    """Where :func:`gelu_tanh_fast` and the backward's hold the contract: float64 ``|x| <= 20``."""
    if S.is_float32(x):
        return False  # (float32: one branch-free form, _gelu_tanh_f32, subnormal results too)
    return abs(f64(x)) <= _GT_FAST


@kernel
def gelu_tanh_fast(x):
    """The block fast path (float64): ``x sigmoid(zh + zl)``, no clamp, no scaling."""
    if S.is_float32(x):
        return _gelu_tanh_f32(x)
    x = f64(x)
    zh, zl = _gelu_tanh_arg(x)
    s, c = S.sigmoid_dd_fast(zh, zl)
    return x * s


@kernel
def gelu_tanh(x):
    if S.is_float32(x):  # float32 arithmetic: x sigmoid(z), z a float32 pair
        return _gelu_tanh_f32(x)
    r = _gelu_tanh_f64(f64(x))
    return gelu_tanh_fast(x) if gelu_tanh_fast_ok(x) else r


@kernel
def _gelu_tanh_slope_parts_f32(x):
    """``(r, pos, s, e)``: gelu_tanh' at float32 ``x`` is ``r`` (``x >= 0``) or ``r s 2^-96``.

    ``sigma(z) (1 + x sigma(-z) z')`` in float32 arithmetic, branch-free, one division;
    ``x`` clamped to +-12.
    """
    a, q, pos, y, s, es, d = _gelu_tanh_parts_f32(x)
    # e below 2^-126 is taken as 2^-126: x sigma(-z) z' beside 1 rounds as with the true e,
    # and no lane computes a subnormal (x near +-10; see unscale_f32)
    e = (_GT_ES_MIN if es < _GT_ES_MIN else es) * S.EXP_PROD_UNSCALE_F
    inv = _F1 / d
    m = (_F1 if pos else y) * inv  # sigma(z) = m 2^k (x < 0), m (x >= 0)
    c = (e if pos else _F1) * inv  # sigma(-z)
    dz = S.fma(_GT_B3, q, _GT_AH)  # type: ignore[call-arg,var-annotated]  # z' = A + 3 B x^2
    return m * S.fma((-a if pos else a) * c, dz, _F1), pos, s, e


@kernel
def _gelu_tanh_slope_f32(g, x):
    """gelu_tanh_backward at float32: ``sigma(z) (1 + x sigma(-z) z')``, float32 arithmetic, branch-free."""
    r, pos, s, e = _gelu_tanh_slope_parts_f32(x)
    # g r 2^k rounded once: 2^k = s 2^-96 is exact where e >= 2^-110; below, r s (< 1)
    # times g rounds in the normal range and only the last factor into the subnormals, by
    # unscale_f32: no lane multiplies into them (a microcode assist on Intel's cores: with
    # the multiply here, N(0, 4^2) data took 2.1x relu_backward's time at 2**29 elements
    # where it takes 1.6x, and 3.7x inside the blocks of the fast path).
    tiny = (e < _GT_TINY_F) & (np.float32(x) < _F0)
    # (Factors selected, not products; the max, a no-op where the product is taken, keeps
    # it normal on the tiny lanes, where the compiler computes it too.)
    sk = s if tiny else max(s, _GT_ES_MIN) * S.EXP_PROD_UNSCALE_F
    v = (r * (_F1 if pos else sk)) * g
    return S.unscale_f32(v, tiny)


_GT_FAST_F = np.float32(-9.25)
"""float32 gradient's block fast path: ``x >= -9.25``, where ``e^-|z| >= 2^-103`` (no tiny
lane: ``2^k = s 2^-96`` is exact) and the gradient is above ``2^-96`` (subnormal from -10.3);
1% of N(0, 4^2) elements lie below, 0.1% of N(0, 3^2)."""


@kernel
def _gelu_tanh_slope_f32_fast(g, x):
    """gelu_tanh_backward at float32 ``x >= -9.25``: no tiny lane, ``2^k = s 2^-96`` exact."""
    r, pos, s, e = _gelu_tanh_slope_parts_f32(x)
    return (r * (_F1 if pos else s * S.EXP_PROD_UNSCALE_F)) * g


@kernel
def gelu_tanh_backward_fast_ok(x):
    """Where :func:`gelu_tanh_backward_fast` holds the contract: float64 as the forward's.

    float64 ``|x| <= 20`` (:func:`gelu_tanh_fast_ok`); float32 ``x >= -9.25``, which the
    forward's float32 does not have (a block with ``x < -10.1`` has subnormal results).
    """
    if S.is_float32(x):
        return np.float32(x) >= _GT_FAST_F  # (NaN: not)
    return gelu_tanh_fast_ok(x)


@kernel
def _gelu_tanh_slope_f64(g, x):
    """gelu_tanh_backward at float64 (the careful form)."""
    if abs(x) > _GELU_TANH_BIG:
        return g if x > 0.0 else g * -0.0
    zh, zl = _gelu_tanh_arg(x)
    m, k, c = S.sigmoid_dd_scaled(zh, zl)
    du = S.SQRT_2_OVER_PI_HI * _fma(3.0 * GELU_TANH_COEFF, x * x, 1.0)
    r = m * _fma(2.0 * x * c, du, 1.0)
    return S.scale_mul(-0.0 if zh < S.TAIL_LO else r, g, k)  # (NaN: r is NaN)


@kernel
def gelu_tanh_backward_fast(g, x):
    """The block fast path of the backward (where :func:`gelu_tanh_backward_fast_ok`)."""
    if S.is_float32(x):
        return _gelu_tanh_slope_f32_fast(g, x)
    x = f64(x)
    zh, zl = _gelu_tanh_arg(x)
    s, c = S.sigmoid_dd_fast(zh, zl)
    du = S.SQRT_2_OVER_PI_HI * _fma(3.0 * GELU_TANH_COEFF, x * x, 1.0)
    return (s * _fma(2.0 * x * c, du, 1.0)) * f64(g)


@kernel
def gelu_tanh_backward(g, x):
    if S.is_float32(x):  # as the forward: sigma(z) (1 + x sigma(-z) z'), float32 arithmetic
        return _gelu_tanh_slope_f32(g, x)
    r = _gelu_tanh_slope_f64(f64(g), f64(x))
    return gelu_tanh_backward_fast(g, x) if gelu_tanh_fast_ok(x) else r


# Second and third derivatives (float32 input computed in float64).  gelu'' = phi (2 - x**2)
# and gelu''' = x phi (x**2 - 4): x**2 in double length inside the exponential (its
# rounding moves e**(-x**2/2) by |x|**2 u/2 otherwise), 2 - x**2 and x**2 - 4 by one fma,
# and phi kept apart from its power of two so that subnormal results round once.
_CURV_BIG = 40.0  # phi(40) = e**-800: every derivative underflows beyond


@kernel
def _gelu_curvature(x, order):
    """gelu's second (order 2) or third derivative at float64 ``x``; NaN gives NaN."""
    a = min(abs(x), _CURV_BIG)
    h, lo = S.two_prod(a, a)
    y, k = S.exp_split(-0.5 * h)
    m = (y * (1.0 - 0.5 * lo)) * S.INV_SQRT_2PI
    v = _fma(-a, a, 2.0) if order == 2 else math.copysign(a, x) * _fma(a, a, -4.0)
    r = S.scale_mul(m, v, k)
    return r if x == x else x


@kernel
def gelu_derivative2(x):
    return _gelu_curvature(f64(x), 2)


@kernel
def gelu_derivative3(x):
    return _gelu_curvature(f64(x), 3)


_TANH_CURV_BIG = 30.0  # v(30) = 1928: sigma'(v) underflows beyond


@kernel
def _gelu_tanh_curvature(x, order):
    """gelu_tanh's second or third derivative, from the sigmoid's parts at its argument.

    gelu_tanh = x sigma(v), v = 2u = 2 sqrt(2/pi) (x + c x**3) (double length), with
    sigma' = m 2**k, sigma'' = sigma' R2, sigma''' = sigma' R3 (R2 = -sign(v) t, R3 = 1 - 6q):
    f''  = sigma' (2 v' + x (R2 v'**2 + v''))
    f''' = sigma' (3 R2 v'**2 + 3 v'' + x (R3 v'**3 + 3 R2 v' v'' + v''')),
    sigma'(vh + vl) = sigma'(vh) (1 + R2 vl) to first order.  NaN gives NaN.
    """
    xc = max(min(x, _TANH_CURV_BIG), -_TANH_CURV_BIG)
    vh, vl = _gelu_tanh_arg(xc)
    m, k, t, q, c3 = S.logistic_parts(vh)
    r2 = -t if vh > 0.0 else t
    r3 = c3
    c2 = 2.0 * S.SQRT_2_OVER_PI_HI
    d1 = c2 * (1.0 + 3.0 * GELU_TANH_COEFF * (xc * xc))
    d2 = c2 * (6.0 * GELU_TANH_COEFF) * xc
    d3 = c2 * (6.0 * GELU_TANH_COEFF)
    if order == 2:
        v = 2.0 * d1 + xc * (r2 * (d1 * d1) + d2)
    else:
        v = 3.0 * r2 * (d1 * d1) + 3.0 * d2 + xc * (r3 * (d1 * d1 * d1) + 3.0 * r2 * d1 * d2 + d3)
    r = S.scale_mul(m * (1.0 + r2 * vl), v, k)
    return r if x == x else x


@kernel
def gelu_tanh_derivative2(x):
    return _gelu_tanh_curvature(f64(x), 2)


@kernel
def gelu_tanh_derivative3(x):
    return _gelu_tanh_curvature(f64(x), 3)
