"""GELU in both forms, with the ill-conditioned negative tail carried in double length.

``gelu(x) = x Phi(x)`` with ``Phi(x) = erfc(-x/sqrt 2)/2``: the rounding of ``-x/sqrt 2``
is amplified about ``x**2`` times in the tail, so the quotient is formed exactly
(``two_prod``) and its low part is fed back through ``erfc'``.  The tanh form is written
``x * sigmoid(2u)`` (``(1 + tanh u)/2 = sigmoid(2u)``), with ``u`` in double length.
"""

import math

from numba import float64 as f64

from . import _scalar as S
from ._scalar import kernel
from .logistic import _swish_value

GELU_TANH_COEFF = 0.044715
_GELU_BIG = 40.0  # |x| beyond which gelu(x) is x or 0 in float64
_GELU_TANH_BIG = 1e5
_GELU_TAIL = 37.0  # below -37: the asymptotic tail (erfc(a/sqrt 2) < 1e-300 there)
_TAIL_SQUARE = -2.0 * S.TAIL_LO  # a*a beyond this: e^{-a^2/2} is clamped (and underflows)


@kernel
def _gelu_tail(a):
    """``(m, k, u, q)``: ``phi(a) = m 2**k``, ``u = 1/a**2`` and ``S(u)`` with ``Phi(-a) = phi(a) S/a``.

    For ``a >= 37``: ``S(u) = 1 - u + 3u^2 - 15u^3 + ...`` (the asymptotic series of
    erfcx, terms ``(2k-1)!! u^k``; the first omitted is below 1e-20 there), ``a*a`` taken
    exactly (``two_prod``) and ``2**k`` kept apart, so that ``gelu`` and its derivative,
    which are subnormal from ``a = 37.5`` on, round once.
    """
    p, e = S.two_prod(a, a)
    y, k = S.exp_split(-0.5 * p)
    u = 1.0 / p
    q = 1.0 - 15.0 * u
    q = 1.0 - 13.0 * u * q
    q = 1.0 - 11.0 * u * q
    q = 1.0 - 9.0 * u * q
    q = 1.0 - 7.0 * u * q
    q = 1.0 - 5.0 * u * q
    q = 1.0 - 3.0 * u * q
    q = 1.0 - u * q
    return y * (1.0 - 0.5 * e) * S.INV_SQRT_2PI, k, u, q

ERFCX_K = 4.0
ERFCX_F32 = (  # Chebyshev coefficients (c0 halved), see erfcx_chebyshev in tests/test_accuracy.py
    1.6320978781965259,
    -1.5054329427054698,
    0.5903214182888945,
    -0.19828527172011035,
    0.0569084302284687,
    -0.013773973050870096,
    0.002729016733135232,
    -0.00041361807903024755,
    3.89141838079606e-05,
    4.795485503364818e-07,
    -8.699107081379825e-07,
    1.2116707094396558e-07,
    3.79196702608182e-09,
    -3.4533646779963824e-09,
    2.748862570381361e-10,
    6.813959375318511e-11,
    -1.3568522747316355e-11,
)
"""``(z + K) e^{z^2} erfc(z)`` on ``z >= 0`` as a Chebyshev series in ``t = (z-K)/(z+K)``
(Schonfelder's mapping: the function is smooth in ``t`` up to ``z = inf``).  17 terms:
relative error below 1e-11, for float32 results (one rounding of a float64 value)."""


@kernel
def _phi_f32(x):
    """``(Phi(x), exp(-x^2/2))`` for float32 ``x`` (held in float64), vectorizable.

    ``Phi(-a) = exp(-a^2/2) erfcx(a/sqrt 2)/2``; ``a*a`` is exact for a float32 ``a``,
    so float64 ``exp`` of it is accurate.  |x| is clamped to 40, beyond which Phi is 0
    or 1 in float64.
    """
    a = min(abs(x), _GELU_BIG)
    e = S.exp(-0.5 * (a * a))
    z = a * S.INV_SQRT2_HI
    zk = z + ERFCX_K
    t = (z - ERFCX_K) / zk
    t2 = 2.0 * t
    b1 = 0.0
    b2 = 0.0
    for k in range(len(ERFCX_F32) - 1, 0, -1):  # Clenshaw
        b1, b2 = t2 * b1 - b2 + ERFCX_F32[k], b1
    q = 0.5 * e * ((t * b1 - b2 + ERFCX_F32[0]) / zk)
    return (q if x < 0.0 else 1.0 - q), e


@kernel
def gelu(x):
    if S.is_float32(x):  # vectorizable Phi, accurate enough for float32 results
        x = f64(x)
        p, e = _phi_f32(x)
        return -0.0 if x < -_GELU_BIG else x * p
    x = f64(x)
    if x < -_GELU_TAIL:  # x Phi(x) = -phi(a) S(1/a^2), a = -x
        m, k, u, q = _gelu_tail(-x)
        r = S.scale_mul(-m, q, k)
        return -0.0 if -x * -x > _TAIL_SQUARE else r
    if x > _GELU_BIG:
        return x
    return x * S.ndtr(x)


@kernel
def gelu_backward(g, x):
    if S.is_float32(x):
        x = f64(x)
        p, e = _phi_f32(x)
        # x phi(x) with |x| clamped like Phi's argument (phi is 0 there: no inf * 0)
        d = p + math.copysign(min(abs(x), _GELU_BIG), x) * (S.INV_SQRT_2PI * e)
        d = -0.0 if (x < 0.0) & (d == 0.0) else d  # f' < 0 below -0.75: underflows to -0
        return f64(g) * (d if x == x else x)
    x = f64(x)
    g = f64(g)
    if x < -_GELU_TAIL:  # Phi(x) + x phi(x) = -a phi(a) (1 - S u), a = -x
        m, k, u, q = _gelu_tail(-x)
        r = S.scale_mul(x * (1.0 - q * u), m * g, k)
        return g * -0.0 if -x * -x > _TAIL_SQUARE else r
    if x > _GELU_BIG:
        return g
    phi = S.INV_SQRT_2PI * S.exp_neg_half_square(x)
    return g * (S.ndtr(x) + x * phi)


@kernel
def _gelu_tanh_arg(x):
    """``2u = 2 sqrt(2/pi) (x + 0.044715 x^3)`` as a double-length ``(hi, lo)``."""
    x2h, x2l = S.two_prod(x, x)
    x3h, x3l = S.two_prod(x2h, x)
    x3l += x2l * x
    kh, kl = S.two_prod(GELU_TANH_COEFF, x3h)
    kl += GELU_TANH_COEFF * x3l
    th, tl = S.two_sum(x, kh)
    tl += kl
    uh, ul = S.two_prod(S.SQRT_2_OVER_PI_HI, th)
    ul += S.SQRT_2_OVER_PI_HI * tl + S.SQRT_2_OVER_PI_LO * th
    return 2.0 * uh, 2.0 * ul


@kernel
def gelu_tanh(x):
    if S.is_float32(x):  # float64 arithmetic is already exact enough for float32 results
        x = f64(x)
        z = 2.0 * S.SQRT_2_OVER_PI_HI * (x + GELU_TANH_COEFF * (x * x * x))
        y = x * S.sigmoid(z)
        return y if y == y or x != -math.inf else -0.0
    x = f64(x)
    if abs(x) > _GELU_TANH_BIG:
        return x if x > 0.0 else -0.0
    zh, zl = _gelu_tanh_arg(x)
    return _swish_value(x, zh, zl)  # x sigmoid(2u), rounded once where it is subnormal


@kernel
def gelu_tanh_backward(g, x):
    if S.is_float32(x):  # as the forward: plain float64 is exact enough for float32
        x = f64(x)
        z = 2.0 * S.SQRT_2_OVER_PI_HI * (x + GELU_TANH_COEFF * (x * x * x))
        s, c = S.sigmoid_pair(z)
        du = S.SQRT_2_OVER_PI_HI * (1.0 + 3.0 * GELU_TANH_COEFF * (x * x))
        r = s * (1.0 + 2.0 * x * c * du)
        r = (1.0 if x > 0.0 else 0.0) if abs(x) > _GELU_TANH_BIG else r
        return f64(g) * r
    x = f64(x)
    g = f64(g)
    if abs(x) > _GELU_TANH_BIG:
        return g if x > 0.0 else g * -0.0
    zh, zl = _gelu_tanh_arg(x)
    m, k, c = S.sigmoid_dd_scaled(zh, zl)
    du = S.SQRT_2_OVER_PI_HI * (1.0 + 3.0 * GELU_TANH_COEFF * (x * x))
    r = m * (1.0 + 2.0 * x * c * du)
    return S.scale_mul(-0.0 if zh < S.TAIL_LO else r, g, k)  # (NaN: r is NaN)
