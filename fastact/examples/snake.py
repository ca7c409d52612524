"""Snake (Liu, Ziyin and Ueda, 2020), ``x + sin(a x)**2 / a``, as a fastact activation.

The example of the docs page "Write your own activation"; ``python -m fastact check
--module fastact.examples.snake`` prints its accuracy table.  Written with the care of the
built-ins: float32 input is computed in float64 (``a * x`` is then exact) and rounded once;
the derivative ``1 + sin(2 a x)`` is formed as ``2 sin(a x + pi/4)**2`` with ``a x + pi/4``
carried in double length, since ``1 + sin(2 a x)`` loses every digit near its zeros.
That keeps the relative error small near the zeros while ``a x + pi/4`` is carried
closely; for very large ``|a x|`` (where the part of ``a x + pi/4`` below the last bit
of ``a x`` grows, pi/4 itself from 2**53 on) the angle sum cancels in libm's once-rounded
``sin`` and ``cos``, and near a zero of f' only the absolute error stays small (a few
eps).  Reducing ``a x`` modulo pi with more bits than libm returns would be needed there.
"""

import math

import numpy as np

import fastact

PI4_HI = 0.7853981633974483
PI4_LO = 3.061616997868383e-17
"""pi/4 as a double and the rest (PI4_HI + PI4_LO = pi/4 to 107 bits)."""


def snake(x, a):
    """Snake: ``x + sin(a x)**2 / a`` (x itself at +-inf)."""
    x64, a64 = np.float64(x), np.float64(a)  # (Numba's float() keeps float32 float32)
    if math.isinf(x64):
        return x64
    s = math.sin(a64 * x64)
    return x64 + s * s / a64


def snake_derivative(x, a):
    """``1 + sin(2 a x)`` as ``2 sin(a x + pi/4)**2``, the sum carried in double length."""
    t = np.float64(a) * np.float64(x)
    hi = t + PI4_HI
    bb = hi - t
    lo = (t - (hi - bb)) + (PI4_HI - bb) + PI4_LO  # t + pi/4 = hi + lo
    s = math.sin(hi) * math.cos(lo) + math.cos(hi) * math.sin(lo)
    return 2.0 * s * s


def snake_reference(x, a):
    """The same in mpmath (``x`` and ``a`` are ``mpmath.mpf``)."""
    import mpmath

    return x + mpmath.sin(a * x) ** 2 / a


def snake_derivative_reference(x, a):
    """``1 + sin(2 a x)`` in mpmath."""
    import mpmath

    return 1 + mpmath.sin(2 * a * x)


snake = fastact.activation(
    snake, snake_derivative, params={"a": 1.0},
    reference=snake_reference, dreference=snake_derivative_reference,
    summary="Snake: x + sin(a x)^2 / a, a periodic inductive bias (Liu et al., 2020).",
    formula=r"f(x) = x + \frac{\sin^2(a x)}{a}",
    derivative_formula=r"f'(x) = 1 + \sin(2 a x)",
    limits=(-math.inf, math.inf),
)
