"""ELU family: ``expm1`` on the negative side keeps full accuracy near 0.

The kernels are selects, not branches (``expm1`` of the non-positive part is computed
for every element), so that their loops vectorize.  elu, selu, celu and the backward of
elu and selu compute float32 input in float32 arithmetic (``expm1_f32``/``exp_f32``:
twice the SIMD lanes), within 2 ulp; celu's backward stays in float64 (``exp(x/alpha)``
would amplify the rounding of ``x/alpha`` by ``|x/alpha|``).
"""

import math

import numpy as np
from numba import float64 as f64

from . import scalar as S
from .scalar import kernel

SELU_SCALE = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE_ALPHA = 1.7580993408473768  # SELU_SCALE * SELU_ALPHA, rounded once
_SCALE_F, _SCALE_ALPHA_F, _F0 = np.float32(SELU_SCALE), np.float32(SELU_SCALE_ALPHA), np.float32(0.0)


@kernel
def _neg(x):
    """``x`` where it is not positive (NaN included), else 0."""
    return 0.0 if x > 0.0 else x


@kernel
def elu(x, alpha):
    if S.is_float32(x):  # float32 arithmetic: 1.8 ulp, twice the SIMD lanes
        y = alpha * S.expm1_f32(_F0 if x > 0.0 else x)
        return x if x > 0.0 else y
    x = f64(x)
    y = f64(alpha) * S.expm1(_neg(x))
    return x if x > 0.0 else y


@kernel
def elu_backward(g, x, alpha):
    if S.is_float32(x):  # float32 arithmetic (exp of an exact argument): 2 ulp, 3x faster
        y = g * (alpha * S.exp_f32(_F0 if x > 0.0 else x))
        return g if x > 0.0 else y
    x = f64(x)
    if x > 0.0:
        return f64(g)
    return f64(g) * (f64(alpha) * S.exp(x))


@kernel
def selu(x):
    if S.is_float32(x):
        y = _SCALE_ALPHA_F * S.expm1_f32(_F0 if x > 0.0 else x)
        return _SCALE_F * x if x > 0.0 else y
    x = f64(x)
    y = SELU_SCALE_ALPHA * S.expm1(_neg(x))
    return SELU_SCALE * x if x > 0.0 else y


@kernel
def selu_backward(g, x):
    if S.is_float32(x):
        y = g * (_SCALE_ALPHA_F * S.exp_f32(_F0 if x > 0.0 else x))
        return g * _SCALE_F if x > 0.0 else y
    x = f64(x)
    if x > 0.0:
        return f64(g) * SELU_SCALE
    return f64(g) * (SELU_SCALE_ALPHA * S.exp(x))


@kernel
def celu(x, alpha):
    if S.is_float32(x):  # the rounding of x/alpha is damped by expm1 (factor <= 1)
        y = alpha * S.expm1_f32((_F0 if x > 0.0 else x) / alpha)
        return x if x > 0.0 else y
    x = f64(x)
    alpha = f64(alpha)
    y = alpha * S.expm1(_neg(x) / alpha)
    return x if x > 0.0 else y


@kernel
def celu_backward(g, x, alpha):
    x = f64(x)
    if x > 0.0:
        return f64(g)
    return f64(g) * S.exp(x / f64(alpha))


_LN2 = 0.6931471805599453


@kernel
def log1mexp(x):
    # log(1 - e^-x) for x >= 0 (JAX's and TFP's log1mexp): with y = -x, log(-expm1(y))
    # above -ln 2, log1p(-e^y) below (Maechler's split); 1 - e^y = u + c exactly, so
    # log u + c/u is log1p(-e^y) to an ulp
    x = f64(x)
    y = -x
    near = S.log_pos(-S.expm1(min(y, 0.0)))
    t = S.exp(y)
    u, c = S.two_sum(1.0, -t)
    far = S.log_pos(u) + c / u
    far = -t if y < -40.0 else far  # log1p(-t) rounds to -t (and keeps the sign of 0)
    r = near if y > -_LN2 else far
    return math.nan if x < 0.0 else r


@kernel
def log1mexp_backward(g, x):
    # d/dx log(1 - e^-x) = 1/expm1(x)
    x = f64(x)
    d = f64(g) / S.expm1(abs(x))  # |x| = x on the domain, and +0 at x = +-0: f'(0) = +inf
    y, k = S.exp_split(-x)  # above 40: g e^-x, rounded once (into the subnormals too)
    d = S.scale_mul(f64(g), y, k) if x > 40.0 else d
    return math.nan if x < 0.0 else d
