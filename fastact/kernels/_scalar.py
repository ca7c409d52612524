"""Scalar building blocks shared by the activation kernels.

Everything here is an ``@njit`` function on float64 scalars: the kernels promote
their argument to float64 first, so the float32 ufunc loops round once at the end.
The double-length helpers (``two_prod``, ``two_sum``) carry the rounding error of a
product or sum, so that ill-conditioned tails (``erfc(-x/sqrt 2)``, ``sigmoid(beta x)``)
can be corrected to first order.
"""

import math

from numba import njit

_SPLIT = 134217729.0  # 2**27 + 1, Veltkamp's splitter for float64
_SPLIT_MAX = 1e290  # beyond this the splitter overflows; callers fall back

INV_SQRT2_HI = 0.7071067811865476
INV_SQRT2_LO = -4.833646656726457e-17
SQRT_2_OVER_PI_HI = 0.7978845608028654
SQRT_2_OVER_PI_LO = -4.98465440455546e-17
TWO_OVER_SQRT_PI = 1.1283791670955126
INV_SQRT_2PI = 0.3989422804014327


@njit(cache=True)
def split(a):
    """Split ``a`` into two halves of 26 bits each (Veltkamp)."""
    c = _SPLIT * a
    hi = c - (c - a)
    return hi, a - hi


@njit(cache=True)
def two_prod(a, b):
    """Return ``(p, e)`` with ``p = fl(a*b)`` and ``p + e == a*b`` exactly.

    Falls back to ``e = 0`` where the split would overflow.
    """
    p = a * b
    if not (abs(a) < _SPLIT_MAX and abs(b) < _SPLIT_MAX and abs(p) < _SPLIT_MAX):
        return p, 0.0
    ah, al = split(a)
    bh, bl = split(b)
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return p, e


@njit(cache=True)
def two_sum(a, b):
    """Return ``(s, e)`` with ``s = fl(a+b)`` and ``s + e == a+b`` exactly (Knuth)."""
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


@njit(cache=True)
def sigmoid(x):
    """Logistic function without overflow: ``1/(1+e^-x)``."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    t = math.exp(x)
    return t / (1.0 + t)


@njit(cache=True)
def sigmoid_pair(x):
    """Return ``(sigmoid(x), sigmoid(-x))``, both to full relative accuracy."""
    t = math.exp(-abs(x))
    s = 1.0 / (1.0 + t)
    u = t * s
    if x >= 0.0:
        return s, u
    return u, s


@njit(cache=True)
def sigmoid_dd(h, lo):
    """``(sigmoid(h+lo), sigmoid(-h-lo))`` for a double-length argument ``h + lo``."""
    s, c = sigmoid_pair(h)
    d = lo * s * c
    return s + d, c - d


@njit(cache=True)
def softplus(x):
    """``log(1 + e^x)`` without overflow or cancellation."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


@njit(cache=True)
def erfc_dd(h, lo):
    """``erfc(h + lo)`` to first order in ``lo`` (|lo| <= ulp(h))."""
    e = math.erfc(h)
    if lo == 0.0:
        return e
    return e - TWO_OVER_SQRT_PI * math.exp(-h * h) * lo


@njit(cache=True)
def ndtr(x):
    """Standard normal CDF ``Phi(x)`` with ``-x/sqrt(2)`` carried in double length."""
    zh, zl = two_prod(-x, INV_SQRT2_HI)
    zl += -x * INV_SQRT2_LO
    return 0.5 * erfc_dd(zh, zl)


@njit(cache=True)
def exp_neg_half_square(x):
    """``exp(-x*x/2)`` with ``x*x`` taken exactly."""
    p, e = two_prod(x, x)
    return math.exp(-0.5 * p) * (1.0 - 0.5 * e)


@njit(cache=True)
def tanh_sech2(x):
    """Return ``(tanh(x), sech(x)**2)``, the second without cancellation."""
    u = math.exp(-2.0 * abs(x))
    d = 1.0 + u
    return math.tanh(x), 4.0 * u / (d * d)


kernel = njit(cache=True)
"""Decorator for activation kernels: plain ``njit`` (the ufunc builder re-targets them)."""
