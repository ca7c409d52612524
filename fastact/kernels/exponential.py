"""ELU family: ``expm1`` on the negative side keeps full accuracy near 0.

The kernels are selects, not branches (``expm1`` of the non-positive part is computed
for every element), so that their loops vectorize.  elu, selu, celu and the backward of
elu and selu compute float32 input in float32 arithmetic (``expm1_f32``/``exp_f32``:
twice the SIMD lanes), within 2 ulp; celu's backward too, with ``x/alpha`` carried as a
float32 pair (``exp(x/alpha)`` would amplify its rounding by ``|x/alpha|``).  log1mexp
(``log(1 - e^-x)``) follows Maechler's split.
"""

import math
from typing import Any

import numpy as np
from numba import float64 as f64

from . import scalar as S
from .scalar import kernel

_fma: Any = S.fma  # (an intrinsic: Numba types its calls, mypy cannot)

SELU_SCALE = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE_ALPHA = 1.7580993408473768  # SELU_SCALE * SELU_ALPHA, rounded once
_SCALE_F, _SCALE_ALPHA_F, _F0 = np.float32(SELU_SCALE), np.float32(SELU_SCALE_ALPHA), np.float32(0.0)


@kernel
def _neg(x):
    """``x`` where it is not positive (NaN included), else 0."""
    return 0.0 if x > 0.0 else x


@kernel
def _expm1_fast_ok(x):
    """float32 and not NaN: where the fast forwards of elu and selu hold (-inf included)."""
    if S.is_float32(x):
        return np.float32(x) == np.float32(x)
    return False


_EXPM1_FLOOR_F = np.float32(-17.328678)
"""The least float32 ``q`` with ``e**q > 2**-25`` (``-25 ln 2 = -17.3286795...``): below it
``e**q - 1`` rounds to -1 in float32; from it to -16.23 (``e**q < 1.5 * 2**-24``), to
``-1 + 2**-24``, its value at :data:`_EXPM1_CLAMP_F`."""
_EXPM1_CLAMP_F = np.float32(-16.5)
_M1_F = np.float32(-1.0)


@kernel
def _expm1_nonpos_fast_f32(q):
    """``e**q - 1`` for float32 ``q <= 0`` or ``-inf`` (not NaN), correctly rounded below -17.

    :func:`~fastact.kernels.scalar.expm1_fast_f32` (domain [-17, 0]) at ``max(q, -16.5)``,
    and -1 below :data:`_EXPM1_FLOOR_F`: a compare and two selects more, so that the ELU
    family's block test passes every number (N(0, 4**2) data has 45 elements in 2**22
    below -17: each made the flat pass fail, and the whole input was read again).
    """
    y = S.expm1_fast_f32(q if q >= _EXPM1_CLAMP_F else _EXPM1_CLAMP_F)
    return _M1_F if q < _EXPM1_FLOOR_F else y


@kernel
def _exp_fast_ok(x):
    """float32 ``x >= -80`` (NaN fails): where the fast backwards of elu and selu hold."""
    if S.is_float32(x):
        return np.float32(x) >= -S.FAST_EXP_SPAN_F
    return False


@kernel
def _exp_nonpos_fast_f32(x):
    """``e**min(x, 0)`` for float32 ``x >= -80``, unclamped."""
    xf = np.float32(x)
    return S.exp_neg_fast_f32(-(xf if xf <= _F0 else _F0), _F0)


@kernel
def elu_fast_ok(x, alpha):
    """Where :func:`elu_fast` holds the contract: float32, not NaN."""
    return _expm1_fast_ok(x)


@kernel
def elu_fast(x, alpha):
    """The block fast path: ``alpha expm1(x)`` by :func:`~fastact.kernels.scalar.expm1_fast_f32`."""
    if S.is_float32(x):
        yf = np.float32(alpha) * _expm1_nonpos_fast_f32(_F0 if x > 0.0 else np.float32(x))
        return x if x > 0.0 else yf
    return _elu_f64(f64(x), f64(alpha))


@kernel
def _elu_f64(x, alpha):
    y = alpha * S.expm1(_neg(x))
    return x if x > 0.0 else y


@kernel
def elu(x, alpha):
    if S.is_float32(x):  # float32 arithmetic: 1.8 ulp, twice the SIMD lanes
        y = alpha * S.expm1_f32(_F0 if x > 0.0 else x)
        rf = x if x > 0.0 else y
        return elu_fast(x, alpha) if elu_fast_ok(x, alpha) else rf  # (a select: SIMD)
    return _elu_f64(f64(x), f64(alpha))


@kernel
def elu_backward_fast_ok(x, alpha):
    """Where :func:`elu_backward_fast` holds the contract: float32 ``x >= -80``."""
    return _exp_fast_ok(x)


@kernel
def elu_backward_fast(g, x, alpha):
    """The block fast path of the backward: ``e**x`` unclamped."""
    if S.is_float32(x):
        yf = g * (np.float32(alpha) * _exp_nonpos_fast_f32(x))
        return g if x > 0.0 else yf
    return _elu_backward_f64(f64(g), f64(x), f64(alpha))


@kernel
def _elu_backward_f64(g, x, alpha):
    if x > 0.0:
        return g
    return g * (alpha * S.exp(x))


@kernel
def elu_backward(g, x, alpha):
    if S.is_float32(x):  # float32 arithmetic (exp of an exact argument): 2 ulp, 3x faster
        y = g * (alpha * S.exp_f32(_F0 if x > 0.0 else x))
        rf = g if x > 0.0 else y
        return elu_backward_fast(g, x, alpha) if elu_backward_fast_ok(x, alpha) else rf
    return _elu_backward_f64(f64(g), f64(x), f64(alpha))


@kernel
def selu_fast_ok(x):
    """Where :func:`selu_fast` holds the contract: float32, not NaN."""
    return _expm1_fast_ok(x)


@kernel
def selu_fast(x):
    """The block fast path (as :func:`elu_fast`)."""
    if S.is_float32(x):
        yf = _SCALE_ALPHA_F * _expm1_nonpos_fast_f32(_F0 if x > 0.0 else np.float32(x))
        return _SCALE_F * x if x > 0.0 else yf
    return _selu_f64(f64(x))


@kernel
def _selu_f64(x):
    y = SELU_SCALE_ALPHA * S.expm1(_neg(x))
    return SELU_SCALE * x if x > 0.0 else y


@kernel
def selu(x):
    if S.is_float32(x):
        y = _SCALE_ALPHA_F * S.expm1_f32(_F0 if x > 0.0 else x)
        rf = _SCALE_F * x if x > 0.0 else y
        return selu_fast(x) if selu_fast_ok(x) else rf
    return _selu_f64(f64(x))


@kernel
def selu_backward_fast_ok(x):
    """Where :func:`selu_backward_fast` holds the contract: float32 ``x >= -80``."""
    return _exp_fast_ok(x)


@kernel
def selu_backward_fast(g, x):
    """The block fast path of the backward: ``e**x`` unclamped."""
    if S.is_float32(x):
        yf = g * (_SCALE_ALPHA_F * _exp_nonpos_fast_f32(x))
        return g * _SCALE_F if x > 0.0 else yf
    return _selu_backward_f64(f64(g), f64(x))


@kernel
def _selu_backward_f64(g, x):
    if x > 0.0:
        return g * SELU_SCALE
    return g * (SELU_SCALE_ALPHA * S.exp(x))


@kernel
def selu_backward(g, x):
    if S.is_float32(x):
        y = g * (_SCALE_ALPHA_F * S.exp_f32(_F0 if x > 0.0 else x))
        rf = g * _SCALE_F if x > 0.0 else y
        return selu_backward_fast(g, x) if selu_backward_fast_ok(x) else rf
    return _selu_backward_f64(f64(g), f64(x))


_CELU_LINEAR_F = np.float32(2.0 ** -24)  # |x/alpha| below: alpha expm1(x/alpha) rounds to x
_CELU_LINEAR = 2.0 ** -53


@kernel
def celu_fast_ok(x, alpha):
    """Where :func:`celu_fast` holds the contract.

    float32, ``alpha`` a power of 2 in [2**-40, 2**40], and ``x`` not NaN, as elu's test.
    """
    if S.is_float32(x):
        return S.pow2_in_span_f32(np.float32(alpha)) & (np.float32(x) == np.float32(x))
    return False


@kernel
def celu_fast(x, alpha):
    """The block fast path: ``alpha expm1(x/alpha)``, ``x/alpha`` exact (alpha a power of 2).

    Where ``|x/alpha| < 2**-24`` the result is ``x`` (:func:`celu`).
    """
    if S.is_float32(x):
        af = np.float32(alpha)
        qf = (_F0 if x > 0.0 else np.float32(x)) * S.recip_pow2_f32(af)
        yf = af * _expm1_nonpos_fast_f32(qf)
        return x if (x > 0.0) | (abs(qf) < _CELU_LINEAR_F) else yf
    return _celu_f64(f64(x), f64(alpha))


@kernel
def _celu_f64(x, alpha):
    q = _neg(x) / alpha
    y = alpha * S.expm1(q)
    return x if (x > 0.0) | (abs(q) < _CELU_LINEAR) else y


@kernel
def celu(x, alpha):
    # alpha expm1(q), q = x/alpha: the rounding of q is damped by expm1 (factor <= 1), but
    # where q is subnormal (alpha large, x tiny) it loses bits that alpha brings back (28
    # ulp at alpha = 1024, -0 for a subnormal x); where |q| < 2**-u (u the precision),
    # alpha expm1(q) = x (1 + q/2 + ...) rounds to x, which is then the result
    if S.is_float32(x):
        q = (_F0 if x > 0.0 else x) / alpha
        y = alpha * S.expm1_f32(q)
        rf = x if (x > 0.0) | (abs(q) < _CELU_LINEAR_F) else y
        return celu_fast(x, alpha) if celu_fast_ok(x, alpha) else rf  # (a select: SIMD)
    return _celu_f64(f64(x), f64(alpha))


@kernel
def celu_backward_fast_ok(x, alpha):
    """Where :func:`celu_backward_fast` holds the contract.

    float32, ``alpha`` a power of 2 in [2**-40, 2**40], and ``x > 0`` or ``x/alpha >= -80``.
    """
    if S.is_float32(x):  # (x >= -80 alpha: exact bound, one compare)
        af = np.float32(alpha)
        return S.pow2_in_span_f32(af) & (np.float32(x) >= -S.FAST_EXP_SPAN_F * af)
    return False


@kernel
def celu_backward_fast(g, x, alpha):
    """The block fast path of the backward: ``g e^(x/alpha)``, ``x/alpha`` exact."""
    if S.is_float32(x):
        qf = np.float32(x) * S.recip_pow2_f32(np.float32(alpha))
        yf = g * S.exp_neg_fast_f32(-(qf if qf <= _F0 else _F0), _F0)
        return g if x > 0.0 else yf
    return _celu_backward_f64(f64(g), f64(x), f64(alpha))


@kernel
def _celu_backward_f64(g, x, alpha):
    if x > 0.0:
        return g
    return g * S.exp(x / alpha)


@kernel
def celu_backward(g, x, alpha):
    if S.is_float32(x):  # float32: q = x/alpha as a pair (q + ql, the remainder by fma)
        xf, af = np.float32(x), np.float32(alpha)
        xn = xf if xf <= _F0 else _F0
        q = xn / af
        ql = S.fma(-q, af, xn) / af  # type: ignore[call-arg]  # (exp amplifies q's rounding by |q|: fed back in r)
        ql = ql if q > S.TAIL_LO_F else _F0  # (x = -inf: inf - inf)
        k, r = S.reduce_f32(max(q, S.TAIL_LO_F))
        y = S.exp_reduced_f32(r + ql)
        e = S.scale_mul_f32(g, y, np.int32(k))
        rf = g if xf > _F0 else (e if xf == xf else xf)
        return celu_backward_fast(g, x, alpha) if celu_backward_fast_ok(x, alpha) else rf
    return _celu_backward_f64(f64(g), f64(x), f64(alpha))


_LN2 = 0.6931471805599453
_QUARTER_F, _F2 = np.float32(0.25), np.float32(2.0)
_LN2_F, _F1 = np.float32(_LN2), np.float32(1.0)
_LOG1P_TINY_F = np.float32(-18.0)  # e**-18 < 2**-25: log1p(-t) = -t (1 + t/2 ...) rounds to -t


_FAST_TINY = 2.0 ** -60  # above: -expm1(-x) is a normal float (no subnormal split)
_FAST_TINY_F = np.float32(_FAST_TINY)


@kernel
def log1mexp_fast_ok(x):
    """Where :func:`log1mexp_fast` holds the contract: ``2**-60 <= x <= 80`` (float64: 700).

    Past the ends (0, subnormal and huge ``x``, inf, NaN and ``x < 0``) the careful kernel.
    """
    if S.is_float32(x):
        return (np.float32(x) >= _FAST_TINY_F) & (np.float32(x) <= -S.EXP_EXPM1_FAST_LO_F)
    return (f64(x) >= _FAST_TINY) & (f64(x) <= -S.EXP_EXPM1_FAST_LO)


@kernel
def log1mexp_fast(x):
    """The block fast path: :func:`log1mexp`'s two sides from one unclamped reduction.

    ``e^y`` and ``expm1(y)`` (``y = -x``) by :func:`~fastact.kernels.scalar.exp_expm1_fast`
    (one power of 2, no clamp), then the same selects and one series; no special values
    to put back (``y`` is negative and above the exponential's underflow).
    """
    if S.is_float32(x):
        yf = -np.float32(x)
        tf, emf = S.exp_expm1_fast_f32(yf)
        jf, ff = S.log_split_normal_f32(-emf)  # (x >= 2**-60: -expm1(-x) is normal)
        nearsf = yf > -_LN2_F
        bigf = tf > _QUARTER_F
        jf = jf if nearsf else (-_F1 if bigf else _F0)
        ff = ff if nearsf else (_fma(-_F2, tf, _F1) if bigf else -tf)
        return S.log_join_f32(jf, ff, -_F0, True)
    y = -f64(x)
    t, em = S.exp_expm1_fast(y)
    j, f = S.log_split_normal(-em)
    nears = y > -_LN2
    big = t > 0.25
    j = j if nears else (-1.0 if big else 0.0)
    f = f if nears else (_fma(-2.0, t, 1.0) if big else -t)
    return S.log_join(j, f, 0.0, True)


@kernel
def log1mexp(x):
    # log(1 - e^-x) for x >= 0 (JAX's and TFP's log1mexp): with y = -x, log(-expm1(y))
    # above -ln 2, log1p(-e^y) below (Maechler's split).  e^y and expm1(y) come from one
    # reduction; below -ln 2, 1 - t (t = e^y <= 1/2) is 2^j (1 + f) exactly, with
    # (j, f) = (0, -t) for t <= 1/4 and (-1, 1 - 2t) above, so that log1p(-t) needs no
    # correction for a rounded 1 - t; the two sides' (j, f) are selected before one
    # series (scalar.log_join): one division, which the GPU takes rough (a reciprocal
    # approximation: its error is damped).  float32: the same in float32 arithmetic.
    if S.is_float32(x):
        yf = -np.float32(x)
        tf, emf = S.exp_expm1_f32(min(yf, _F0))
        jf, ff = S.log_split_f32(-emf)  # near 0: log q, q = -expm1(y), subnormal too
        nearsf = yf > -_LN2_F
        bigf = tf > _QUARTER_F
        jf = jf if nearsf else (-_F1 if bigf else _F0)
        ff = ff if nearsf else (S.fma(-_F2, tf, _F1) if bigf else -tf)  # type: ignore[call-arg]
        rf = S.log_join_f32(jf, ff, -_F0, True)
        rf = -np.float32(np.inf) if yf == _F0 else rf
        rf = -tf if yf < _LOG1P_TINY_F else rf  # log1p(-t) rounds to -t (-0 at inf)
        rf = rf if yf <= _F0 else np.float32(np.nan)
        return log1mexp_fast(x) if log1mexp_fast_ok(x) else rf  # (a select: SIMD)
    x = f64(x)
    y = -x
    t, em = S.exp_expm1(min(y, 0.0))
    j, f = S.log_split(-em)
    nears = y > -_LN2
    big = t > 0.25
    j = j if nears else (-1.0 if big else 0.0)
    f = f if nears else (S.fma(-2.0, t, 1.0) if big else -t)  # type: ignore[call-arg]
    r = S.log_join(j, f, 0.0, True)
    r = -math.inf if y == 0.0 else r
    r = -t if y < -40.0 else r  # log1p(-t) rounds to -t (and keeps the sign of 0)
    r = r if x >= 0.0 else math.nan
    return log1mexp_fast(x) if log1mexp_fast_ok(x) else r


@kernel
def log1mexp_backward_fast_ok(x):
    """Where :func:`log1mexp_backward_fast` holds the contract: float32 ``0 <= x <= 17``."""
    if S.is_float32(x):
        return (np.float32(x) >= _F0) & (np.float32(x) <= -S.EXPM1_FAST_LO_F)
    return False


@kernel
def log1mexp_backward_fast(g, x):
    """The block fast path of the backward: ``g e^-x / -expm1(-x)``, both unclamped."""
    if S.is_float32(x):
        af = abs(np.float32(x))
        em = S.expm1_fast_f32(-af)  # (-0 at x = +-0: +inf below)
        return g * S.exp_neg_fast_f32(af, _F0) / -em
    return _log1mexp_backward_f64(f64(g), f64(x))


@kernel
def log1mexp_backward(g, x):
    # d/dx log(1 - e^-x) = 1/expm1(x)
    if S.is_float32(x):
        xf = np.float32(x)
        df = g / S.expm1_f32(abs(xf))
        ef, kf = S.exp_split_f32(-xf)  # above 18: g e^-x (1/expm1 to float32), rounded once
        df = S.scale_mul_f32(g, ef, kf) if xf > -_LOG1P_TINY_F else df
        rf = np.float32(np.nan) if xf < _F0 else df
        return log1mexp_backward_fast(g, x) if log1mexp_backward_fast_ok(x) else rf
    return _log1mexp_backward_f64(f64(g), f64(x))


@kernel
def _log1mexp_backward_f64(g, x):
    d = g / S.expm1(abs(x))  # |x| = x on the domain, and +0 at x = +-0: f'(0) = +inf
    y, k = S.exp_split(-x)  # above 40: g e^-x, rounded once (into the subnormals too)
    d = S.scale_mul(g, y, k) if x > 40.0 else d
    return math.nan if x < 0.0 else d


# Second and third derivatives: alpha e**x (and e**(x/alpha) / alpha**n) on x <= 0, where
# f' takes its negative branch too (elu'(0) = alpha), 0 above; the power of two of e**x
# kept apart so that a subnormal result rounds once.


@kernel
def _scaled_exp(c, x):
    """``c e**x`` for ``x <= 0``, rounded once also where it is subnormal."""
    y, k = S.exp_split(x)
    return S.scale_mul(c, y, k)


@kernel
def elu_derivative2(x, alpha):
    if S.is_float32(x):  # float32 arithmetic (alpha e**x, one rounding), as elu' has
        y, k = S.exp_split_f32(_F0 if x > _F0 else x)
        r = S.scale_mul_f32(alpha, y, k)
        return _F0 if x > _F0 else (r if x == x else x)
    x = f64(x)
    r = _scaled_exp(f64(alpha), _neg(x))
    return 0.0 if x > 0.0 else (r if x == x else x)


@kernel
def elu_derivative3(x, alpha):
    return elu_derivative2(x, alpha)


@kernel
def selu_derivative2(x):
    if S.is_float32(x):
        y, k = S.exp_split_f32(_F0 if x > _F0 else x)
        r = S.scale_mul_f32(_SCALE_ALPHA_F, y, k)
        return _F0 if x > _F0 else (r if x == x else x)
    x = f64(x)
    r = _scaled_exp(SELU_SCALE_ALPHA, _neg(x))
    return 0.0 if x > 0.0 else (r if x == x else x)


@kernel
def selu_derivative3(x):
    return selu_derivative2(x)


@kernel
def _celu_curvature(x, alpha, order):
    # e**(x/alpha) / alpha**(order-1) with x/alpha = q + r/alpha (r = fma(-q, alpha, x),
    # exact): e**q (1 + r/(alpha q')) to first order
    q = x / alpha
    rem: float = _fma(-q, alpha, x)
    rem = rem if abs(q) <= 1e300 else 0.0  # (x = -inf: inf - inf)
    c = (1.0 / alpha) if order == 2 else (1.0 / alpha) / alpha
    return _scaled_exp(c * (1.0 + rem / alpha), q)


@kernel
def celu_derivative2(x, alpha):
    x = f64(x)
    r = _celu_curvature(_neg(x), f64(alpha), 2)
    return 0.0 if x > 0.0 else (r if x == x else x)


@kernel
def celu_derivative3(x, alpha):
    x = f64(x)
    r = _celu_curvature(_neg(x), f64(alpha), 3)
    return 0.0 if x > 0.0 else (r if x == x else x)


@kernel
def log1mexp_derivative2(x):
    # -E / n**2 with E = e**-x, n = 1 - E = -expm1(-x) (x >= 0)
    x = f64(x)
    a = abs(x)  # -0.0 is the end of the domain: f'' = -inf there
    y, k = S.exp_split(-a)
    r = 1.0 / -S.expm1(-a)
    d = S.scale_mul(-y * r, r, k)
    return math.nan if x < 0.0 else (d if x == x else x)


@kernel
def log1mexp_derivative3(x):
    # E (1 + E) / n**3
    x = f64(x)
    a = abs(x)
    y, k = S.exp_split(-a)
    e = S.scale_mul(y, 1.0, k)
    r = 1.0 / -S.expm1(-a)
    d = S.scale_mul((y * (1.0 + e)) * r, r * r, k)
    return math.nan if x < 0.0 else (d if x == x else x)
