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

GELU_TANH_COEFF = 0.044715
_GELU_BIG = 40.0  # |x| beyond which gelu(x) is x or 0 in float64
_GELU_TANH_BIG = 1e5


@kernel
def gelu(x):
    x = f64(x)
    if abs(x) > _GELU_BIG:
        return x if x > 0.0 else -0.0
    return x * S.ndtr(x)


@kernel
def gelu_backward(g, x):
    x = f64(x)
    g = f64(g)
    if abs(x) > _GELU_BIG:
        return g if x > 0.0 else 0.0
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
    s, c = S.sigmoid_dd(zh, zl)
    return x * s


@kernel
def gelu_tanh_backward(g, x):
    x = f64(x)
    g = f64(g)
    if abs(x) > _GELU_TANH_BIG:
        return g if x > 0.0 else 0.0
    zh, zl = _gelu_tanh_arg(x)
    s, c = S.sigmoid_dd(zh, zl)
    du = S.SQRT_2_OVER_PI_HI * (1.0 + 3.0 * GELU_TANH_COEFF * (x * x))
    return g * (s * (1.0 + 2.0 * x * c * du))
