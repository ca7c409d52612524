"""Scalar building blocks shared by the activation kernels.

Every function here is compiled with :func:`fastact._core.jit.jit` and written in plain
arithmetic (no libm or libdevice transcendental), so that loops over it vectorize on the
CPU and the GPU computes the same.  The float64 helpers (``exp``, ``expm1``,
``log1p_pos``, ...) have float32 twins (``exp_f32``, ...) for the kernels that compute
float32 input in float32.  The double-length helpers (``two_prod`` by ``fma``,
``two_sum``) carry the rounding error of a product or sum, so that ill-conditioned tails
(``sigmoid(beta x)``, the argument of gelu's exponential) are corrected to first order.
"""

import math
from typing import Any

import numpy as np
from llvmlite import ir
from numba.core import types
from numba.extending import intrinsic, overload, register_jitable

from .._core.jit import jit

scalar = jit()
"""Decorator of every scalar helper (see :mod:`fastact._core.jit` for the options)."""
kernel = scalar
"""Decorator of the activation kernels: the same ``njit``; the ufunc builder, the loops
and the CUDA kernels compile their Python source again for each target."""


_F64_MAX = 1.7976931348623157e308
INV_SQRT2_HI = 0.7071067811865476
INV_SQRT2_LO = -4.833646656726457e-17
SQRT_2_OVER_PI_HI = 0.7978845608028654
SQRT_2_OVER_PI_LO = -4.98465440455546e-17
TWO_OVER_SQRT_PI = 1.1283791670955126
INV_SQRT_2PI = 0.3989422804014327


@intrinsic
def _bits_to_f64(typingctx, bits):
    """Reinterpret an int64 as the float64 with the same bits."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return types.float64(types.int64), codegen


@intrinsic
def _f64_to_bits(typingctx, x):
    """Reinterpret a float64 as the int64 with the same bits."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))

    return types.int64(types.float64), codegen


_LOG2E = 1.4426950408889634
_LN2_HI = 0.6931471803691238  # ln 2 rounded to 32 bits: k * _LN2_HI is exact for |k| < 2^21
_LN2_LO = 1.9082149292705877e-10
_E = [1.0 / math.factorial(i) for i in range(14)]  # Taylor's, for exp_pair (double length)
(_E0, _E1, _E2, _E3, _E4, _E5, _E6, _E7, _E8, _E9, _E10, _E11, _E12, _E13) = _E

EXP_TAIL_F64 = (  # python -m fastact._tools.precompute.minimax: relative error 9.25e-18 on |r| <= 0.3555
    0.5000000000000013,
    0.16666666666666338,
    0.04166666666650005,
    0.008333333333530606,
    0.0013888888952492142,
    0.00019841269451569154,
    2.480148316271244e-05,
    2.7557615034481403e-06,
    2.7634005776768776e-07,
    2.4997279744914405e-08,
)
"""``P`` with ``e**r = 1 + r + r**2 P(r)`` on the reduced range, lowest degree first: the
minimax fit for the exponential's relative error (Remez, mpmath), where the Taylor
polynomial it replaced needed two terms more for 7.7e-18.  tests/test_accuracy.py checks
it against the generator."""
EXP_TAIL_F32 = (  # python -m fastact._tools.precompute.minimax: relative error 5.30e-09 on |r| <= 0.3555
    0.49999991059303284,
    0.16666504740715027,
    0.041668571531772614,
    0.008370550349354744,
    0.0013810803648084402,
)
"""The float32 fit (float32 coefficients): one term fewer than Taylor's degree 7 (9.0e-9)."""
(_P0, _P1, _P2, _P3, _P4, _P5, _P6, _P7, _P8, _P9) = EXP_TAIL_F64


@scalar
def _pow2(j):
    """2.0**j for integer j in [-1022, 1023], built from the exponent bits."""
    return _bits_to_f64((np.int64(j) + 1023) << 52)  # type: ignore[call-arg]


_ROUND = 6755399441055744.0  # 1.5 * 2**52: (t + _ROUND) - _ROUND is t rounded to an integer
"""Rounding to the nearest integer (ties to even, as ``rint``) for ``|t| < 2**51`` by plain
float arithmetic: the same code on every target (``np.rint`` has no CUDA lowering, and
``math.floor`` returns an int64 on the CPU), and it vectorizes."""
_ROUND_BITS = np.int64(np.array(_ROUND).view(np.int64))  # its bits: t's minus these are k


@scalar
def _reduce_bits(xc):
    """``(k, r, kb)`` with ``xc = k ln2 + r``, ``|r| <= ln2/2`` (Cody-Waite, two-part ln2), by ``fma``.

    ``k`` rounded by the rounding constant (``t = xc log2(e) + 1.5 2**52``), as a float64
    and as the int64 ``kb`` read from ``t``'s low bits (no float-to-int conversion, which
    has no 64-bit SIMD form with AVX2).  The one float64 reduction: every exponential
    here starts with it, so that they give the same bits (the CPU's rows and the GPU's
    agree).  ``|k| < 2**21`` keeps ``k ln2_hi`` exact.
    """
    t = fma(xc, _LOG2E, _ROUND)  # type: ignore[call-arg,var-annotated]
    k = t - _ROUND
    return k, fma(-k, _LN2_LO, fma(-k, _LN2_HI, xc)), _f64_to_bits(t) - _ROUND_BITS


@scalar
def _reduce(xc):
    """``(k, r)`` of :func:`_reduce_bits`."""
    k, r, kb = _reduce_bits(xc)
    return k, r


@scalar
def _tail(r):
    """``(e**r - 1 - r)/r**2`` on ``|r| <= ln2/2``: :data:`EXP_TAIL_F64` by ``fma``."""
    p = fma(_P9, r, _P8)  # type: ignore[call-arg,var-annotated]
    p = fma(p, r, _P7)
    p = fma(p, r, _P6)
    p = fma(p, r, _P5)
    p = fma(p, r, _P4)
    p = fma(p, r, _P3)
    p = fma(p, r, _P2)
    p = fma(p, r, _P1)
    return fma(p, r, _P0)


@scalar
def _scale(y, ki):
    """``y * 2**ki`` in two factors, so that nothing overflows early and subnormals round once."""
    k1 = ki >> 1
    return y * _pow2(k1) * _pow2(ki - k1)


TAIL_LO = -760.0
"""Below this, ``|x| e**x`` underflows in float64 (760 e**-760 = 6e-328): callers return 0."""
TAIL_LO_F = np.float32(-120.0)
"""The same for float32 (120 e**-120 = 9e-51)."""


@scalar
def scale_mul(a, b, ki):
    """``a * b * 2**ki`` with one rounding into the subnormal range.

    ``a * 2**(ki//2)`` is exact (a power of two, still normal for the |ki| <= 1080 of the
    exp helpers), the product with ``b`` rounds in the normal range, and only the last
    factor takes the result into the subnormals.  So ``x * e**x`` formed as
    ``scale_mul(x, y, k)`` with ``e**x = y 2**k`` is as accurate as a subnormal can be,
    where ``x * exp(x)`` multiplies the rounding of a subnormal ``exp(x)`` by ``|x|``
    (silu(-745) was 75% off).  Nothing overflows early: ``a`` is scaled down first.
    """
    k1 = ki >> 1
    return ((a * _pow2(k1)) * b) * _pow2(ki - k1)


@scalar
def exp_split(x):
    """``(y, k)`` with ``e**x = y * 2**k``, ``y`` in [0.7, 1.42], ``k`` an int32.

    The parts of :func:`exp` before its final scaling, for products that must round
    once (:func:`scale_mul`).  ``x`` is clamped to [-746, 710]: beyond, ``y 2**k``
    underflows or overflows as ``e**x`` does.  NaN is the caller's to handle.  The lower
    clamp is below exp's own underflow (-745.2) so that ``x e**x`` is still right down to
    :data:`TAIL_LO`, where it underflows too.
    """
    k, r = _reduce(min(max(x, TAIL_LO), 710.0))
    return fma(_exp_poly_fma(r), r, 1.0), np.int32(k)  # type: ignore[call-arg]


@scalar
def _exp_poly_fma(r):
    """``(e**r - 1)/r = 1 + r P(r)`` on ``|r| <= ln2/2`` (:func:`_tail`), by ``fma``."""
    return fma(_tail(r), r, 1.0)  # type: ignore[call-arg]


@scalar
def expm1_split(x):
    """``(w, k)`` with ``e**x = (1 + w) 2**k``, ``|w| < 0.42``, ``k`` an int32, every step one ``fma``.

    :func:`exp_split` with ``1 + w`` left unrounded, for a caller that multiplies by it
    (``q (1 + w)`` as ``fma(q, w, q)``: one rounding where ``y`` and the product took
    two).  ``x`` is clamped to [:data:`TAIL_LO`, 710] as there; NaN is the caller's to
    handle.
    """
    k, r = _reduce(min(max(x, TAIL_LO), 710.0))
    p = _exp_poly_fma(r)
    return p * r, np.int32(k)


@scalar
def exp(x):
    """``e**x`` in float64 without a libm call, so that loops over it vectorize.

    Cody-Waite reduction ``x = k ln2 + r`` (|r| <= ln2/2), the minimax polynomial
    :data:`EXP_TAIL_F64` (degree 11 in all), and ``2**k`` split in two factors so that
    subnormal results round once.  Measured 1.10 ulp against mpmath on 200000 random
    points of [-745, 709] and [-2, 2] (1.16 with the Taylor polynomial it had); exact at
    +-inf, NaN, overflow (> 709.78) and underflow.
    """
    y, k = exp_split(x)
    y = _scale(y, k)
    return y if x == x else x




@scalar
def exp_rel(x, shift):
    """``e**x * 2**-shift`` for float64 ``x`` and an int64 ``shift``, every step one ``fma``.

    The float64 counterpart of :func:`exp_rel_f32` (softmax's float64 rows): Cody-Waite
    reduction of ``x`` itself and the polynomial of :func:`exp`, as ``fma`` (no clamp and
    one scaling factor, where :func:`exp` has two), scaled by ``2**(k - shift)`` from the bits of
    ``k + 1.5 2**52`` (integer instructions, AVX2 too), which must stay within
    [-1022, 1023]: softmax's float64 rows take ``x - m`` in [-1300, 0] and ``shift =
    -960`` (``|k| < 2**21``, where ``k ln2_hi`` is exact; 1 at 0 exactly).  NaN for NaN
    (through ``r``).
    """
    k, r, kb = _reduce_bits(x)
    y = fma(_exp_poly_fma(r), r, _E0)  # type: ignore[call-arg,var-annotated]
    return y * _bits_to_f64((kb + (np.int64(1023) - shift)) << np.int64(52))


@scalar
def exp_pair(x):
    """``e**x = hi + lo`` to about 2**-56 of it, for float64 ``|x| <= 700`` (normal results).

    Where a product with ``e**x`` nearly cancels against another number (log_softmax's
    gradient ``g - e**y s``), :func:`exp`'s 1 ulp moves the result by many of its ulps.
    The reduced argument as a pair (``r`` and the rounding of ``r = x - k ln2``), ``e**r
    = 1 + r + r w`` with ``w = r (1/2 + r/6 + ...)`` (degree-13 Taylor: 7.7e-18, below
    the minimax fit's 9.3e-18 that :func:`exp` takes),
    ``1 + r`` exactly (``|r| <= 1``), the small rest in ``lo``; both scaled by ``2**k``
    (one power of two: normal results).  NaN gives NaN.
    """
    k, r, kb = _reduce_bits(x)
    rh = fma(-k, _LN2_HI, x)  # type: ignore[call-arg,var-annotated]  # (exact: k ln2_hi has 32 bits)
    rl = fma(-k, _LN2_LO, rh - r)  # r + rl = x - k ln2 (to 2**-76 absolute)
    w = fma(_E13, r, _E12)
    w = fma(w, r, _E11)
    w = fma(w, r, _E10)
    w = fma(w, r, _E9)
    w = fma(w, r, _E8)
    w = fma(w, r, _E7)
    w = fma(w, r, _E6)
    w = fma(w, r, _E5)
    w = fma(w, r, _E4)
    w = fma(w, r, _E3)
    w = fma(w, r, _E2) * r
    a = 1.0 + r
    b = (1.0 - a) + r  # (exact: |r| <= 1)
    lo = fma(r, w, fma(rl, a, b))
    scale = _pow2(kb)
    return a * scale, lo * scale


@intrinsic
def _bits_to_f32(typingctx, bits):
    """Reinterpret an int32 as the float32 with the same bits."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.FloatType())

    return types.float32(types.int32), codegen


@intrinsic
def _f32_to_bits(typingctx, x):
    """Reinterpret a float32 as the int32 with the same bits."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(32))

    return types.int32(types.float32), codegen


_MANT_I64 = np.int64((1 << 52) - 1)  # a float64's mantissa bits: a power of 2 has none set
f32_bits = _f32_to_bits
"""The int32 with a float32's bits (public: the row kernels order float32 by them)."""
f32_from_bits = _bits_to_f32
"""The float32 with an int32's bits."""

_F32 = np.float32
_LOG2E_F = _F32(_LOG2E)
_LN2_HI_F = _F32(0.693359375)  # 9 bits: k * _LN2_HI_F is exact for |k| < 2^15
_LN2_LO_F = _F32(math.log(2) - 0.693359375)
_LN2_F = _F32(math.log(2))
(_PF0, _PF1, _PF2, _PF3, _PF4) = (_F32(c) for c in EXP_TAIL_F32)
_EF0, _EF1 = _F32(1.0), _F32(1.0)  # e**r's constant and linear Taylor terms
_EXP_LO_F, _EXP_HI_F = _F32(-104.0), _F32(89.0)
_ONE_F, _ZERO_F, _NEG_ZERO_F = _F32(1.0), _F32(0.0), _F32(-0.0)


@scalar
def _pow2_f32(j):
    """2.0**j in float32 for integer j in [-126, 127], built from the exponent bits."""
    return _bits_to_f32((np.int32(j) + np.int32(127)) << np.int32(23))  # type: ignore[call-arg]


pow2_f32 = _pow2_f32
"""``2.0**j`` in float32 for an integer ``j`` in [-126, 127] (public name)."""

_f32_math = scalar
"""The float32 helpers: plain ``scalar``, no fast-math flags.  (They had
``fastmath={'contract'}``; numba-cuda turns any fast-math flag into its whole fast-math
mode, approximate float32 division included: ``div.approx`` on the GPU.)  Where a product
and a sum should fuse, the helper writes ``fma``: the same bits on the CPU and the GPU,
and in every context the helper is inlined into (contraction fuses only a product with
one use, so its bits would depend on the caller)."""


_ROUND_F = _F32(12582912.0)  # 1.5 * 2**23: the float32 rounding constant (|t| < 2**22)
_ROUND_BITS_F = np.int32(np.array(_ROUND_F).view(np.int32))  # its bits: t's minus these are k


@_f32_math
def exp_pair_f32(x):
    """:func:`exp_pair` in float32 arithmetic for float32 ``-70 <= x <= 0``: ``e**x = hi + lo`` to 2**-26.

    ``e**r = 1 + r + r**2 P(r)`` with the minimax :data:`EXP_TAIL_F32` (2**-27.5 relative),
    joined by the float32 roundings of ``r w`` (``|r w| <= 0.06``): measured 2**-26.1 against
    float64 ``exp`` on 5e6 points of [-70, 0], a seventh of a float32 ulp (Taylor's degree 8,
    two ``fma`` more a vector: 2**-26.7).  Below -70, ``lo`` would be subnormal (at -87,
    2**-24 of ``e**x``).  NaN gives NaN.
    """
    x = _F32(x)  # (a no-op: callers' float32 branches are typed for float64 too)
    k, r, kb = _reduce_bits_f32(x)
    rh = fma(-k, _LN2_HI_F, x)  # type: ignore[call-arg,var-annotated]  # (exact: k ln2_hi has 16 bits)
    rl = fma(-k, _LN2_LO_F, rh - r)
    w = _tail_f32(r) * r
    a = _F32(1.0) + r
    b = (_F32(1.0) - a) + r  # (exact: |r| <= 1)
    lo = fma(r, w, fma(rl, a, b))
    scale = _pow2_f32(kb)
    return a * scale, lo * scale


@_f32_math
def _pow2_scaled_f32(k):
    """``2**(k + 96)`` as a float32 from the int32 ``k`` (``-222 <= k <= 31``: normal), by its bits."""
    return _bits_to_f32((k + np.int32(127 + 96)) << np.int32(23))  # type: ignore[call-arg]


@_f32_math
def _reduce_bits_f32(xc):
    """:func:`_reduce_bits` in float32: ``(k, r, kb)``, ``xc = k ln2 + r``, ``kb`` an int32.

    The steps NVVM contracts on the GPU, fused here too: the CPU's bits are the GPU's, in
    4 vector instructions where the plain products and sums took 7.  ``|k| < 2**15``
    keeps ``k ln2_hi`` exact.
    """
    xc = _F32(xc)  # (a no-op: callers' float32 branches are typed for float64 too)
    t = fma(xc, _LOG2E_F, _ROUND_F)  # type: ignore[call-arg,var-annotated]
    k = t - _ROUND_F
    return k, fma(-k, _LN2_LO_F, fma(-k, _LN2_HI_F, xc)), _f32_to_bits(t) - _ROUND_BITS_F


@_f32_math
def reduce_f32(xc):
    """``(k, r)`` with ``xc = k ln2 + r``, ``|r| <= ln2/2`` (a little more): :func:`_reduce_bits_f32`."""
    k, r, kb = _reduce_bits_f32(xc)
    return k, r


@_f32_math
def reduce_scaled_f32(xc):
    """``(r, s)``: ``xc = k ln2 + r`` and ``s = 2**(k + 96)``, float32, for ``-222 <= k <= 31``.

    :func:`_reduce_bits_f32` with the power of two made from the rounding constant's bits
    (two integer instructions on int32 lanes: ``e**xc = e**r s 2**-96``, undone by
    :data:`EXP_PROD_UNSCALE_F` last), where an int32 exponent ``k`` for
    :func:`scale_mul_f32` has its shifts typed int64 by Numba (the loop packs and unpacks
    64-bit lanes).  ``s`` is normal: a product with it is exact, and only the last factor
    ``2**-96`` rounds into the subnormals.
    """
    k, r, kb = _reduce_bits_f32(xc)
    return r, _pow2_scaled_f32(kb)


@_f32_math
def _tail_f32(r):
    """``(e**r - 1 - r)/r**2`` in float32: :data:`EXP_TAIL_F32` by ``fma`` (5.3e-9 relative in ``e**r``)."""
    r = _F32(r)  # (a no-op: callers' float32 branches are typed for float64 too)
    p = fma(_PF4, r, _PF3)  # type: ignore[call-arg,var-annotated]
    p = fma(p, r, _PF2)
    p = fma(p, r, _PF1)
    return fma(p, r, _PF0)


@_f32_math
def expm1_reduced_f32(r):
    """``e**r - 1`` for a reduced argument (``|r| <= ln(2)/2``), float32, by ``fma``.

    For a product with ``e**r = 1 + w`` that must not round ``1 + w`` first (``gelu``).
    """
    return fma(_tail_f32(r), r, _EF1) * r  # type: ignore[call-arg]


@_f32_math
def _scale_f32(y, ki):
    k1 = ki >> np.int32(1)
    return y * _pow2_f32(k1) * _pow2_f32(ki - k1)


@_f32_math
def scale_mul_f32(a, b, ki):
    """:func:`scale_mul` in float32: ``a * b * 2**ki``, one rounding into the subnormals."""
    k1 = ki >> np.int32(1)
    return ((a * _pow2_f32(k1)) * b) * _pow2_f32(ki - k1)


@_f32_math
def exp_reduced_f32(r):
    """``e**r`` in float32 for a reduced argument (``|r| <= ln(2)/2``, a little more).

    ``1 + r + r**2 P(r)`` with the minimax :data:`EXP_TAIL_F32` (degree 6 in all; Taylor's
    degree 7 had a larger error) that every float32 exponential here evaluates, each step
    one ``fma``.
    """
    r = _F32(r)  # (a no-op: callers' float32 branches are typed for float64 too)
    return fma(fma(_tail_f32(r), r, _EF1), r, _EF0)  # type: ignore[call-arg]


@_f32_math
def exp_split_f32(x):
    """:func:`exp_split` in float32: ``(y, k)`` with ``e**x = y 2**k`` (x clamped to [-120, 89])."""
    k, r = reduce_f32(min(max(x, TAIL_LO_F), _EXP_HI_F))
    return exp_reduced_f32(r), np.int32(k)


@_f32_math
def exp_f32(x):
    """``e**x`` computed in float32 (x float32), vectorizable: 16 lanes with AVX-512.

    The reduction of :func:`exp` with float32 constants and :func:`exp_reduced_f32`.
    Measured within 1 ulp (float32) against mpmath; exact at +-inf, NaN, overflow and
    underflow.
    """
    y, k = exp_split_f32(x)
    y = _scale_f32(y, k)
    return y if x == x else x


EXP_DIFF_LO = _F32(-129.0)
"""The lower end of :func:`exp_diff_f32`'s domain (``e**-129 = 1e-56``)."""
EXP_DIFF_SCALE = _F32(2.0 ** 60)
""":func:`exp_diff_f32`'s results carry this factor (so that they stay normal floats)."""


@_f32_math
def exp_diff_f32(x, m):
    """``e**(x - m) * 2**60`` for float32 ``x <= m``, all in float32 arithmetic.

    For a float32 row and its maximum: ``x - m`` rounded, its rounding error (Knuth's
    two-sum, exact) added to the reduced argument, reduction and polynomial as
    :func:`exp_f32`, and the scaling by ``2**(k + 60)``: a normal float32 down to
    ``x - m = -129`` (:data:`EXP_DIFF_LO`).  Within 1 ulp of float32 on that domain (and
    NaN for NaN); below it the caller takes float64's :func:`exp` (the result is then
    ``e**-129 2**60``, not the exponential).  Twice the SIMD lanes of the float64 path.
    """
    d = x - m
    bb = d - x
    lo = (x - (d - bb)) + (-m - bb)
    k, r = reduce_f32(d if d > EXP_DIFF_LO else EXP_DIFF_LO)  # (NaN too: put back below)
    r += lo  # (below the domain, and for x = -inf, the caller's float64 path takes over)
    y = exp_reduced_f32(r)
    e = y * _pow2_f32(np.int32(k) + np.int32(60))
    return e if d == d else d


EXP_REL_MAX = _F32(88.0)
"""Rows whose maximum is within +-88 take :func:`exp_rel_f32` (the reduction of ``x``
itself is exact enough down to ``x = -217``)."""
EXP_REL_SPAN = _F32(128.0)
""":func:`exp_rel_f32`'s terms stay normal float32 down to this far below the maximum."""


@_f32_math
def exp_rel_f32(x, shift):
    """``e**x * 2**-shift`` in float32 arithmetic, for float32 ``x`` and an int32 ``shift``.

    The reduction and polynomial of :func:`exp_f32` on ``x`` itself (no difference to round:
    cheaper than :func:`exp_diff_f32`), each step one ``fma`` (11 instructions to the
    scaling, where the plain products and sums of :func:`exp_f32` take 21: the loss rows
    are bound by them), scaled by ``2**(k - shift)`` (its exponent bits from those of
    ``k + 1.5 2**23``, two integer instructions), which must stay in [-126, 127]: the
    loss kernels take ``shift = k(m) - 64`` for a row's maximum ``|m| <= 88`` and terms
    within 128 below it.  Within 1 ulp of float32 there; NaN for NaN (through ``r``).
    """
    k, r, kb = _reduce_bits_f32(x)
    return exp_reduced_f32(r) * _bits_to_f32((kb + (np.int32(127) - shift)) << np.int32(23))  # type: ignore[call-arg]


EXP_PROD_UNSCALE_F = _F32(2.0 ** -96)
""":func:`exp_prod_f32`'s power of two carries ``2**96``: multiply by this last
(:func:`unscale_f32` where the product may be subnormal)."""
_SUB_UNITS_F = _F32(2.0 ** 53)  # v 2**-96 in units of the smallest subnormal, 2**-149
_SUB_ROUND_F = _F32(2.0 ** 23)  # t + 2**23 rounds t < 2**23 to an integer, to nearest even
_SUB_ROUND_BITS_F = np.int32(np.array(_SUB_ROUND_F).view(np.int32))
_SIGN_BIT_F = np.int32(-(2 ** 31))
_UNSCALE_BITS_F = np.int32(96 << 23)  # 2**-96 on a normal result: its exponent field less 96
_INF_F = _F32(np.inf)


@_f32_math
def unscale_f32(v, on):
    """``v * 2**-96`` (:data:`EXP_PROD_UNSCALE_F`) where ``on``, else ``v``, computing no subnormal.

    A normal result is ``v`` with 96 taken from its exponent field (exact); a subnormal
    one (``|v| < 2**-30``) has the bits of the integer ``|v| 2**53`` (the result in units
    of ``2**-149``, exact) rounded to nearest even by the rounding constant ``2**23``, and
    ``v``'s sign: one rounding, as the multiply's.  Zero, inf and NaN stay.  No lane
    multiplies into the subnormals, and the choices are integer selects: on Intel's cores
    a vector with a subnormal result costs a microcode assist (about 150 cycles), and
    ``v * (1 if c else 2**-96)`` the compiler turns into ``v * 2**-96`` on every lane and a
    select (gelu_tanh's float32 gradient at a constant -10.5 took 5x its time at -9).  The
    condition is an argument, not the caller's select, so that the compiler does not split
    an operation before it into one for each side (a division, in a trial on gelu_tanh's
    forward).  A subnormal ``v`` costs its assist.
    """
    v = _F32(v)  # (a no-op: callers' float32 branches are typed for float64 too)
    vb = _f32_to_bits(v)  # type: ignore[call-arg,var-annotated]
    m = abs(v)
    t = m * _SUB_UNITS_F
    n = (_f32_to_bits(t + _SUB_ROUND_F) - _SUB_ROUND_BITS_F) | (vb & _SIGN_BIT_F)
    rb = vb - _UNSCALE_BITS_F if on & (m < _INF_F) else vb  # (NaN: not below inf)
    return _bits_to_f32(n if on & (t < _SUB_ROUND_F) else rb)


@_f32_math
def exp_prod_f32(a, wh, wl):
    """``(y, s, k)``: ``e**(a (wh + wl)) = y s 2**-96 = y 2**k``, float32 arithmetic, ``k`` an int32.

    For float32 ``a`` and a float32 pair ``wh + wl`` (``|wl|`` at most an ulp of ``wh``)
    whose product lies in [-150, 0]: the product enters the reduced argument unrounded
    (``fma(a, wh, -k ln2_hi)``: ``k ln2_hi`` is exact), so that ``e**(a w)`` keeps the
    accuracy of a pair where ``|a w|`` would amplify the rounding of the product up to
    150 times; ``a wl`` is added there too.  ``y`` is ``e**r`` (:func:`exp_reduced_f32`,
    in [0.7, 1.42]) and ``s = 2**(k + 96)`` a normal float32 from the rounding constant's
    bits: ``y s`` is normal, and ``(v s) * 2**-96`` (:data:`EXP_PROD_UNSCALE_F`) rounds a
    product ``v e**(a w)`` once into the subnormal range.  No clamp: the caller keeps
    ``a w`` in range (NaN propagates).
    """
    a, wh, wl = _F32(a), _F32(wh), _F32(wl)
    t = fma(a * wh, _LOG2E_F, _ROUND_F)  # type: ignore[call-arg,var-annotated]
    k = t - _ROUND_F
    r = fma(a, wh, -k * _LN2_HI_F)
    r = fma(a, wl, fma(-k, _LN2_LO_F, r))
    ki = _f32_to_bits(t) - _ROUND_BITS_F
    return exp_reduced_f32(r), _pow2_scaled_f32(ki), ki


FAST_EXP_SPAN_F = _F32(80.0)
"""The block fast paths' exponentials ``e**-a`` take ``0 <= a <= 80``: normal results,
one power of 2 (``2**k``, ``k >= -116``), no clamp."""

FAST_POW2_SPAN = 2.0 ** 40
"""The block fast paths take a parameter that is a power of 2 in [2**-40, 2**40] (swish's
and softplus's ``beta``, celu's ``alpha``): products and quotients by it are exact."""
_FAST_POW2_SPAN_F = _F32(FAST_POW2_SPAN)


@scalar
def pow2_in_span(v):
    """float64 ``v`` a power of 2 in [2**-40, 2**40] (:data:`FAST_POW2_SPAN`)."""
    pow2 = (_f64_to_bits(v) & _MANT_I64) == np.int64(0)  # type: ignore[call-arg]
    return pow2 & (v <= FAST_POW2_SPAN) & (v >= 1.0 / FAST_POW2_SPAN)


@_f32_math
def pow2_in_span_f32(v):
    """:func:`pow2_in_span` for a float32 ``v``."""
    v = _F32(v)  # (a no-op: callers' float32 branches are typed for float64 too)
    pow2 = (_f32_to_bits(v) & _MANT_F) == np.int32(0)  # type: ignore[call-arg]
    return pow2 & (v <= _FAST_POW2_SPAN_F) & (v >= _ONE_F / _FAST_POW2_SPAN_F)


@scalar
def recip_pow2(v):
    """``1/v`` for a float64 power of 2 ``v`` in the fast span, from its exponent bits.

    No division (on a GPU, one that is not hoisted costs a dozen instructions); garbage
    for any other ``v``, which the callers' block tests (:func:`pow2_in_span`) exclude.
    """
    return _bits_to_f64(np.int64(2046 << 52) - _f64_to_bits(v))  # type: ignore[call-arg]


@_f32_math
def recip_pow2_f32(v):
    """:func:`recip_pow2` for a float32 ``v`` (:func:`pow2_in_span_f32`)."""
    return _bits_to_f32(np.int32(254 << 23) - _f32_to_bits(_F32(v)))  # type: ignore[call-arg]


FAST_EXP_SPAN = 700.0
"""The float64 block fast paths' exponentials ``e**-a`` take ``0 <= a <= 700``."""


@scalar
def exp_neg_fast(a):
    """``e**-a`` in float64 for ``0 <= a <= 700``: :func:`exp_rel` (fma, one scaling, no clamp)."""
    return exp_rel(-a, np.int64(0))


@scalar
def expm1_sum_fast(x, lo):
    """``(w, s)`` with ``e**(x + lo) = (1 + w) s``, ``s`` a power of two, for float64 ``-700 <= x <= 0``.

    The block fast paths' exponential of an argument carried in two parts (``lo`` below
    an ulp of ``x``, as the rounding error of ``x = -a*a/2``): the reduction of
    :func:`exp_rel`, ``lo`` added to the reduced argument, ``1 + w`` left unrounded for a
    caller that multiplies by it (``fma(q, w, q)``), and ``s = 2**k`` from the bits of the
    rounding constant.  ``x`` is clamped at -708 (``s`` normal) although the caller's block
    test keeps it in range: in ``short if ok else careful`` LLVM may drop the caller's own
    clamp by that very test and compute ``short`` on every lane of a vector, the rejected
    ones too, where a wrapped power of two would raise the overflow flag that a ufunc
    reports as a warning.
    """
    x = x if x > -708.0 else -708.0
    k, r, kb = _reduce_bits(x)
    r = r + lo
    return _exp_poly_fma(r) * r, _pow2(kb)


@scalar
def nearest(v):
    """``(k, j)``: float64 ``0 <= v < 2**51`` rounded to the nearest integer, as a float64 and an int64.

    By the rounding constant's addition and its bits (no float-to-integer conversion,
    which has no unsigned or 64-bit SIMD form with AVX2): the index of a table lookup.
    """
    t = v + _ROUND
    return t - _ROUND, _f64_to_bits(t) - _ROUND_BITS  # type: ignore[call-arg]


EXPM1_FAST_LO_F = _F32(-17.0)
""":func:`expm1_fast_f32`'s domain is [-17, 0] (``2**-k`` below ``2**25``)."""


EXP_EXPM1_FAST_LO_F = _F32(-80.0)
""":func:`exp_expm1_fast_f32`'s domain is [-80, 0]: ``2**k`` and ``2**-k`` normal."""


@_f32_math
def _expm1_fast_parts_f32(x):
    """``(r, p, sc, u)``: ``e**x = sc ((p r + 1) r + 1)``, ``e**x - 1 = sc (u + r + r**2 p)``."""
    k, r, kb = _reduce_bits_f32(x)
    return r, _tail_f32(r), _pow2_f32(kb), _ONE_F - _pow2_f32(-kb)


@_f32_math
def exp_expm1_fast_f32(x):
    """``(e**x, e**x - 1)`` in float32 for float32 ``-80 <= x <= 0``, one reduction.

    A block fast path's :func:`exp_expm1_f32`: ``2**k ((p r + 1) r + 1)`` and
    ``2**k ((1 - 2**-k) + r + r**2 p)`` without clamps, two-factor scaling or NaN and
    zero tests (the caller's block test keeps ``x`` in range), the powers of 2 from the
    rounding constant's bits, each step one ``fma``.  ``e**x - 1`` holds only for
    ``x >= -17`` (:data:`EXPM1_FAST_LO_F`: ``1 - 2**-k`` exact); below, it is finite and
    meant to be selected away.
    """
    r, p, sc, u = _expm1_fast_parts_f32(x)
    return fma(fma(p, r, _EF1), r, _EF0) * sc, fma(r * r, p, u + r) * sc  # type: ignore[call-arg]


@_f32_math
def expm1_sum_fast_f32(x):
    """``e**x - 1`` in float32 for float32 ``-20 <= x <= 0``, rounded once from an exact sum.

    :func:`exp_expm1_fast_f32`'s second result with ``u + r`` split exactly (Fast2Sum:
    ``|u| >= 1 > |r|`` or ``u = 0``), so that one rounding remains where that form has
    two: within 0.6 ulp where ``u = 1 - 2**-k`` is exact (``x >= -16.6``); below, ``u``'s
    rounding moves the result (close to -1) by at most ``2**-25``.  No clamp or NaN
    test: for a caller that clamps (tanh).
    """
    r, p, sc, u = _expm1_fast_parts_f32(x)
    s = u + r
    return (s + fma(r * r, p, (u - s) + r)) * sc  # type: ignore[call-arg]


@_f32_math
def expm1_fast_f32(x):
    """``e**x - 1`` in float32 for float32 ``-17 <= x <= 0``: a block fast path's expm1.

    :func:`expm1_f32`'s form ``2**k ((1 - 2**-k) + r + r**2 tail(r))`` without its
    clamps, its two-factor scaling and NaN test: :func:`exp_expm1_fast_f32`'s second
    result.  ``-0`` gives ``-0``.
    """
    x = _F32(x)
    y = exp_expm1_fast_f32(x)[1]
    return x if x == _ZERO_F else y


LOG_SERIES_WIDE_F32 = (  # python -m fastact._tools.precompute.minimax: relative error 4.58e-09
    0.6666641235351562,
    0.400217741727829,
    0.2799735963344574,
    0.2803574502468109,
)
"""``Q`` of :data:`LOG_SERIES_F64` fitted in float32 for ``z <= 0.1115`` (``s <= 1/3``:
:func:`log1p_fast_f32`'s ``t`` in [0, 1]): 4 terms where Taylor's took 7."""
(_QW0, _QW1, _QW2, _QW3) = (_F32(c) for c in LOG_SERIES_WIDE_F32)


@_f32_math
def exp_neg_fast_f32(a, lo):
    """``e**-(a + lo)`` in float32 for float32 ``0 <= a <= 80`` and ``|lo| <= ulp(a)``.

    A block fast path's exponential: the reduction of :func:`exp_rel_f32` (``fma``, the
    power of 2 from the rounding constant's bits), ``lo`` (the low part of an argument
    carried as a float32 pair) fed into the reduced argument; no clamp, no NaN handling:
    the caller's block test keeps ``a`` in range (NaN fails it).  Within 1 ulp.
    """
    k, r, kb = _reduce_bits_f32(-_F32(a))
    return exp_reduced_f32(r - _F32(lo)) * _pow2_f32(kb)


@_f32_math
def log1p_fast_f32(t):
    """``log(1 + t)`` in float32 for float32 ``0 <= t <= 1``: one division, no branch.

    ``2 atanh(s) = 2s + s z Q(z)``, ``s = t/(2 + t) <= 1/3``, ``z = s**2``, ``Q`` the
    minimax :data:`LOG_SERIES_WIDE_F32` (4.6e-9 relative); ``s`` carries the roundings of
    ``2 + t`` and the quotient, so the result is within about 2 ulp (the condition of
    ``log1p`` is at most 1 here).
    """
    t = _F32(t)
    d = _TWO_F + t
    dl = (_TWO_F - d) + t  # 2 + t = d + dl exactly
    s = t / d
    z = s * s
    p = fma(_QW3, z, _QW2)  # type: ignore[call-arg,var-annotated]
    p = fma(p, z, _QW1)
    p = fma(p, z, _QW0)
    return fma(-s, dl, fma(s * z, p, s + s))  # (- 2 s dl/d, d within [2, 3] of 2)


_EXPM1_LO_F = _F32(-18.0)  # e**-18 < 2**-25: expm1 rounds to -1 in float32 below


@_f32_math
def expm1_f32(x):
    """``e**x - 1`` computed in float32 (x float32), vectorizable.

    The reduction of :func:`expm1` with float32 constants.  Measured 1.30 ulp (float32)
    against mpmath on 200000 random points of [-20, 88] and [-2, 2] (1.27 with the Taylor
    polynomial it had).  (A float32 tanh built on it, ``-e/(2 + e)``, measured 3.4 ulp;
    float32 tanh takes :func:`expm1_sum_fast_f32`, 2.5 ulp.)
    """
    k, r = reduce_f32(min(max(x, _EXPM1_LO_F), _EXP_HI_F))
    ki = np.int32(k)
    u = _ONE_F - _pow2_f32(-min(ki, np.int32(30)))
    y = _scale_f32(fma(r * r, _tail_f32(r), u + r), ki)  # type: ignore[call-arg]
    return x if (x != x) | (x == _ZERO_F) else y


@_f32_math
def exp_expm1_f32(x):
    """:func:`exp_expm1` in float32 arithmetic: ``(e**x, e**x - 1)`` for float32 ``x <= 0``.

    ``e**x`` has the bits of :func:`exp_f32`; ``e**x - 1`` is :func:`expm1_f32`'s form
    with the polynomial evaluated by ``fma`` (shared with ``e**x``).
    """
    k, r = reduce_f32(max(x, TAIL_LO_F))
    p = _tail_f32(r)  # (e**r - 1 - r)/r**2
    ki = np.int32(k)
    t = _scale_f32(fma(fma(p, r, _EF1), r, _EF0), ki)  # type: ignore[call-arg]
    e = _scale_f32(fma(r * r, p, (_ONE_F - _pow2_f32(-max(ki, np.int32(-30)))) + r), ki)
    e = t - _ONE_F if x < _EXPM1_LO_F else e
    return (t if x == x else x), (x if (x != x) | (x == _ZERO_F) else e)


@scalar
def sigmoid_scaled_f32(x):
    """``(m, k, c)`` with ``sigmoid(x) = m 2**k`` (``m`` of normal size) and ``c = sigmoid(-x)``.

    In float32 arithmetic (x float32), branch-free; for products with ``sigmoid(x)`` that
    must round once into the subnormal range (:func:`scale_mul_f32`).
    """
    return sigmoid_scaled_pair_f32(x, _ZERO_F)


@_f32_math
def sigmoid_scaled_pair_f32(zh, zl):
    """:func:`sigmoid_scaled_f32` at ``z = zh + zl``, a float32 pair.

    ``|zl|`` is at most half an ulp of ``zh``; it enters the reduced argument of
    ``e**-|z|``, so that the rounding of a product ``z = beta x`` is not amplified in the
    tails.
    """
    zh = _F32(zh)  # (a no-op: callers' float32 branches are typed for float64 too)
    pos = zh >= _ZERO_F
    k, r = reduce_f32(min(max(-abs(zh), TAIL_LO_F), _EXP_HI_F))
    lo = _F32(-zl if pos else zl)
    lo = lo if abs(zh) < -TAIL_LO_F else _ZERO_F  # (beyond, e**-|z| is 0 to float32 or clamped)
    y = exp_reduced_f32(r + lo)
    ki = np.int32(k)
    t = _scale_f32(y, ki)
    inv = _ONE_F / (_ONE_F + t)
    return (_ONE_F if pos else y) * inv, (np.int32(0) if pos else ki), (t if pos else _ONE_F) * inv


@scalar
def sigmoid_pair_f32(x):
    """``(sigmoid(x), sigmoid(-x))`` in float32 arithmetic (x float32), branch-free.

    ``t = e**-|x|``; the pair is ``(1, t)/(1 + t)`` in the order the sign of x gives.
    """
    t = exp_f32(-abs(x))
    d = _ONE_F + t
    pos = x >= _ZERO_F
    return (_ONE_F if pos else t) / d, (t if pos else _ONE_F) / d


_EXPM1_LO = -40.0  # e**-40 < 2**-57: expm1 rounds to -1 below this


@scalar
def expm1(x):
    """``e**x - 1`` without a libm call, accurate near 0, so that loops over it vectorize.

    The reduction of :func:`exp`; with ``r = x - k ln2`` and ``expm1(r) = r + r**2 p(r)``,
    ``expm1(x) = 2**k ((1 - 2**-k) + r + r**2 p(r))``, where ``1 - 2**-k`` is exact and
    ``(1 - 2**-k) + r`` cancels only exactly (Sterbenz).  Measured 1.27 ulp against mpmath
    on 200000 random points of [-745, 709] and [-2, 2] (1.38 with the Taylor polynomial it
    had); keeps -0.0, NaN, overflow to inf and the limit -1.
    """
    k, r = _reduce(min(max(x, _EXPM1_LO), 710.0))
    ki = np.int32(k)
    u = 1.0 - _pow2(-min(ki, 60))
    y = _scale(fma(r * r, _tail(r), u + r), ki)  # type: ignore[call-arg]
    return x if (x != x) | (x == 0.0) else y


@scalar
def exp_expm1(x):
    """``(e**x, e**x - 1)`` for ``x <= 0`` from one reduction and one polynomial.

    The same bits as :func:`exp` and :func:`expm1` (``2**k ((p r + 1) r + 1)`` and
    ``2**k ((1 - 2**-k) + r + r**2 p)`` share ``k``, ``r`` and ``p``) in about half their
    time, for the kernels that select between the two forms (tanh, log1mexp).  Below -40,
    where :func:`expm1` clamps, ``e**x - 1`` is ``e**x - 1`` (-1 after rounding).
    """
    k, r = _reduce(max(x, TAIL_LO))
    p = _tail(r)
    ki = np.int32(k)
    t = _scale(fma(fma(p, r, 1.0), r, 1.0), ki)  # type: ignore[call-arg]
    e = _scale(fma(r * r, p, (1.0 - _pow2(-max(ki, np.int32(-60)))) + r), ki)
    e = t - 1.0 if x < _EXPM1_LO else e
    return (t if x == x else x), (x if (x != x) | (x == 0.0) else e)


EXP_EXPM1_FAST_LO = -700.0
""":func:`exp_expm1_fast`'s domain is [-700, 0]: ``2**k`` and ``2**-k`` normal."""
EXPM1_FAST_LO = -36.0
"""Where :func:`exp_expm1_fast`'s ``e**x - 1`` holds: ``1 - 2**-k`` exact (``k >= -53``)."""


@scalar
def exp_expm1_fast(x):
    """``(e**x, e**x - 1)`` for float64 ``-700 <= x <= 0``: :func:`exp_expm1_fast_f32` in float64.

    One reduction and :data:`EXP_TAIL_F64`, no clamps or two-factor scaling (a block fast
    path's :func:`exp_expm1`; the same bits where both are normal); ``e**x - 1`` holds
    for ``x >= -36`` (:data:`EXPM1_FAST_LO`), finite below.
    """
    k, r, kb = _reduce_bits(x)
    p = _tail(r)
    sc = _pow2(kb)
    u = 1.0 - _pow2(-kb)
    return fma(fma(p, r, 1.0), r, 1.0) * sc, fma(r * r, p, u + r) * sc  # type: ignore[call-arg]


_SQRT2 = 1.4142135623730951
LOG_SERIES_F64 = (  # python -m fastact._tools.precompute.minimax: relative error 1.16e-18
    0.6666666666666659,
    0.400000000000609,
    0.2857142855483397,
    0.22222224406731497,
    0.1818165937960785,
    0.15391321051118081,
    0.1317012879288344,
    0.13866264042779675,
)
"""``Q`` with ``log(1 + f) = 2 atanh(s) = 2s + s z Q(z)``, ``s = f/(2 + f)``, ``z = s**2 <=
0.0405`` (``f`` in [-0.3, 0.5]), lowest degree first: the minimax fit for the logarithm's
relative error (Remez, mpmath), 8 terms where Taylor's ``2/(2i + 1)`` took 11 for 1.5e-18.
tests/test_accuracy.py checks it against the generator."""
(_Q0, _Q1, _Q2, _Q3, _Q4, _Q5, _Q6, _Q7) = LOG_SERIES_F64


@scalar
def _log1p_reduced(f, rough=False):
    """``log(1 + f)`` for ``f`` in [-0.3, 0.5], vectorizable, one division.

    ``2 atanh(s)``, ``s = f/(2+f)``, written ``f - s (f - z Q(z))`` so that the series
    only corrects; ``Q`` is :data:`LOG_SERIES_F64` by ``fma`` (``|s| <= 0.2``).
    """
    s = quot_rough(f, 2.0 + f) if rough else f / (2.0 + f)
    z = s * s
    return fma(-s, fma(-z, _log_q(z), f), f)  # type: ignore[call-arg]  # f - s (f - z q)


@scalar
def _log_q(z):
    """``Q(z)`` of :data:`LOG_SERIES_F64` by ``fma``."""
    q = fma(_Q7, z, _Q6)  # type: ignore[call-arg,var-annotated]
    q = fma(q, z, _Q5)
    q = fma(q, z, _Q4)
    q = fma(q, z, _Q3)
    q = fma(q, z, _Q2)
    q = fma(q, z, _Q1)
    return fma(q, z, _Q0)


@scalar
def atanh_join(j, s):
    """``j ln 2 + 2 atanh(s) = j ln 2 + log((1 + s)/(1 - s))`` (integer-valued ``j``, ``|s| <= 0.2``).

    The series of :func:`_log1p_reduced` in ``s`` itself, ``2s + s z Q(z)``: no division
    here, for a caller whose own quotient is ``s`` (logit: ``(m - n)/(m + n)`` of two
    mantissas, or ``2p - 1``).  ``s``'s rounding enters at first order (``2s``), where
    :func:`log_join`'s ``f`` is exact: the caller bounds ``|2 atanh s|`` against its result.
    """
    z = s * s
    return fma(j, _LN2_HI, fma(2.0, s, fma(s * z, _log_q(z), j * _LN2_LO)))  # type: ignore[call-arg]


@scalar
def log1p_parts(t):
    """``(j, f)`` with ``1 + t = 2**j (1 + f)`` exactly, for ``0 <= t <= 2``.

    ``(0, t)`` below 1/2, ``(1, (t - 1)/2)`` above (``t - 1`` is exact there, Sterbenz,
    and so is the halving): ``f`` in [-1/4, 1/2], the range of :func:`log_join`, with no
    rounding of ``1 + t`` to correct.
    """
    big = t >= 0.5
    return (1.0 if big else 0.0), (0.5 * (t - 1.0) if big else t)


@scalar
def log1p_unit(t):
    """``log(1 + t)`` for ``0 <= t <= 1`` (and NaN) without a libm call, vectorizable.

    The exact split :func:`log1p_parts`, then one series: one division (the series'
    ``s``), where the sum ``1 + t``, its error ``c`` and ``c/(1 + t)`` took two.  The
    domain is what softplus and log-sigmoid need (``t = e**-|x|``).
    """
    j, f = log1p_parts(t)
    return log_join(j, f, 0.0)


_MANT = (1 << 52) - 1
_ONE_BITS = 1023 << 52


@scalar
def log1p_pos(t):
    """``log(1 + t)`` for ``t >= 0`` of any size (and +inf, NaN), without a libm call.

    :func:`log1p_unit` widened: ``1 + t = u + c`` exactly (``two_sum``), ``u = 2**j m``
    with ``m`` in [sqrt(1/2), sqrt 2] read from the exponent bits (:func:`log_split`), and
    the same series for ``log m``.  Measured 1 ulp against mpmath.  For the axis functions' ``log1p(rest)``
    (``rest`` up to the row length): the same arithmetic on the CPU and the GPU, where
    libdevice's ``log1p`` would be another function with its own error bound.
    """
    u, c = two_sum(1.0, t)
    j, f = log_split(u)
    r = log_join(j, f, c / u)
    return r if t < math.inf else t


_TWO54 = 18014398509481984.0  # 2**54: brings a subnormal into the normal range
_TINY = 2.2250738585072014e-308


@scalar
def log_join(j, f, d, rough=False):
    """``j ln 2 + log(1 + f) + d`` for an integer-valued ``j``, ``f`` in [-0.3, 0.5] and a small ``d``.

    ``ln 2`` in two parts (``j ln2_hi`` exact), ``d`` added beside the low part: the
    association every logarithm here rounds with.  ``rough`` (a constant): the GPU may
    take the series variable ``s = f/(2 + f)`` from :func:`quot_rough` (2 ulp), whose
    error reaches the result damped by ``f/2``: a half ulp at most; the CPU's bits do not
    change.
    """
    return fma(j, _LN2_HI, _log1p_reduced(f, rough) + fma(j, _LN2_LO, d))  # type: ignore[call-arg]


@scalar
def log_split(x):
    """``(j, f)`` with ``x = 2**j (1 + f)``, ``1 + f`` in [sqrt(1/2), sqrt 2], for ``x > 0``.

    The exponent read from the bits (a subnormal scaled by 2**54 first), ``f`` exact.
    For 0, inf and NaN the parts mean nothing: the caller selects.
    """
    j, m = mant_split(x)
    return j, m - 1.0


@scalar
def log_split_normal(x):
    """:func:`log_split` for a normal ``x > 0``: no subnormal scaling (a block fast path's)."""
    j, m = mant_split_normal(x)
    return j, m - 1.0


@scalar
def mant_split_normal(x):
    """``(j, m)`` with ``x = 2**j m``, ``m`` in [sqrt(1/2), sqrt 2], for a normal ``x > 0``."""
    bits: int = _f64_to_bits(x)  # type: ignore[call-arg]
    j = ((bits >> 52) - 1023) * 1.0
    m = _bits_to_f64((bits & _MANT) | _ONE_BITS)
    big = m > _SQRT2
    return (j + 1.0 if big else j), (0.5 * m if big else m)


@scalar
def mant_split(x):
    """:func:`mant_split_normal` for any ``x > 0`` (a subnormal scaled by 2**54 first)."""
    sub = x < _TINY
    j, m = mant_split_normal(x * _TWO54 if sub else x)
    return j - (54.0 if sub else 0.0), m


@scalar
def log_plus(x, d):
    """``log x + d`` for ``x >= 0`` of any size and a small correction ``d``.

    As :func:`log_pos` (log 0 = -inf, log inf = inf, NaN below 0), ``d`` added beside the
    low part of ``j ln2`` (the association :func:`log1p_pos` rounds with).
    """
    j, f = log_split(x)
    r = log_join(j, f, d)
    r = -math.inf if x == 0.0 else r
    r = x if x == math.inf else r
    return r if x >= 0.0 else math.nan


@scalar
def log_pos(x):
    """``log x`` for ``x >= 0`` of any size (subnormal too), without a libm call.

    The reduction of :func:`log1p_pos` on ``x`` itself (``x = 2**j m``, ``m`` in
    [sqrt(1/2), sqrt 2], a subnormal scaled by 2**54 first).  log 0 = -inf, log inf =
    inf, NaN and negative ``x`` give NaN.
    """
    return log_plus(x, 0.0)  # (j ln2_lo + 0 is j ln2_lo: the same bits)


_SQRT2_F = _F32(_SQRT2)
LOG_SERIES_F32 = (  # python -m fastact._tools.precompute.minimax: relative error 3.42e-09
    0.6666695475578308,
    0.3995681703090668,
    0.30382466316223145,
)
""":data:`LOG_SERIES_F64`'s float32 fit (``z <= 0.0405``): 3 terms where Taylor's took 5."""
(_QF0, _QF1, _QF2) = (_F32(c) for c in LOG_SERIES_F32)


@_f32_math
def _log_q_f32(z):
    """``Q(z)`` of :data:`LOG_SERIES_F32` by ``fma`` (:func:`_log_q` in float32)."""
    return fma(fma(_QF2, z, _QF1), z, _QF0)  # type: ignore[call-arg]
_HALF_F, _TWO_F = _F32(0.5), _F32(2.0)


@_f32_math
def _log1p_reduced_f32(f, rough=False):
    """:func:`_log1p_reduced` in float32 arithmetic, ``Q`` from :data:`LOG_SERIES_F32` (``|s| <= 0.2``)."""
    f = _F32(f)  # (a no-op: callers' float32 branches are typed for float64 too)
    s = quot_rough(f, _TWO_F + f) if rough else f / (_TWO_F + f)
    z = s * s
    return fma(-s, fma(-z, _log_q_f32(z), f), f)  # type: ignore[call-arg]  # f - s (f - z q)


@_f32_math
def atanh_join_f32(j, s):
    """:func:`atanh_join` in float32 arithmetic, ``Q`` from :data:`LOG_SERIES_F32`.

    ``ln 2`` in one float32 (:data:`_LN2_F`): ``j ln 2`` is off by ``|j| 1.9e-9``, at most
    0.1 ulp of a result whose ``|2 atanh s| <= |j ln 2|/2``; one product fewer.
    """
    j = _F32(j)  # (a no-op: callers' float32 branches are typed for float64 too)
    s = _F32(s)
    z = s * s
    return fma(j, _LN2_F, fma(_TWO_F, s, s * z * _log_q_f32(z)))  # type: ignore[call-arg]


@_f32_math
def log1p_parts_f32(t):
    """:func:`log1p_parts` in float32 arithmetic (t float32)."""
    big = t >= _HALF_F
    return (_ONE_F if big else _ZERO_F), (_HALF_F * (t - _ONE_F) if big else t)


@_f32_math
def log1p_unit_f32(t):
    """:func:`log1p_unit` in float32 arithmetic (t float32): one division."""
    j, f = log1p_parts_f32(t)
    return log_join_f32(j, f, _NEG_ZERO_F)


@_f32_math
def log_join_f32(j, f, d, rough=False):
    """:func:`log_join` in float32 arithmetic, with ``ln 2`` in one float32 (:data:`_LN2_F`).

    ``j ln 2`` is then off by ``|j| 1.9e-9``: at most 0.1 ulp of the result where ``j != 0``
    (``|log(1 + f)| <= 0.35`` cannot cancel it by more than half), two instructions fewer
    than ``ln 2`` in two parts.  ``d = -0.0`` for no correction: ``r + (-0.0)`` is ``r``
    for every ``r`` (the sign of zero too), and compiles to nothing.
    """
    j = _F32(j)  # (a no-op: callers' float32 branches are typed for float64 too)
    return fma(j, _LN2_F, _log1p_reduced_f32(f, rough) + _F32(d))  # type: ignore[call-arg]


_MANT_F = np.int32((1 << 23) - 1)
_ONE_BITS_F = np.int32(127 << 23)
_TWO25_F = _F32(2.0 ** 25)  # brings a float32 subnormal into the normal range
_TINY_F = _F32(2.0 ** -126)


@_f32_math
def log_split_f32(x):
    """:func:`log_split` in float32 arithmetic: ``(j, f)``, ``x = 2**j (1 + f)``, for float32 ``x > 0``."""
    j, m = mant_split_f32(x)
    return j, m - _ONE_F


@_f32_math
def log_split_normal_f32(x):
    """:func:`log_split_f32` for a normal float32 ``x > 0``: no subnormal scaling (a block fast path's)."""
    j, m = mant_split_normal_f32(x)
    return j, m - _ONE_F


@_f32_math
def mant_split_normal_f32(x):
    """:func:`mant_split_normal` in float32 arithmetic (``x`` a normal float32)."""
    bits: int = _f32_to_bits(_F32(x))  # type: ignore[call-arg]
    j = _F32((bits >> np.int32(23)) - np.int32(127))
    m = _bits_to_f32((bits & _MANT_F) | _ONE_BITS_F)
    big = m > _SQRT2_F
    return (j + _ONE_F if big else j), (_HALF_F * m if big else m)


@_f32_math
def mant_split_f32(x):
    """:func:`mant_split` in float32 arithmetic (a subnormal scaled by 2**25 first)."""
    x = _F32(x)  # (a no-op: callers' float32 branches are typed for float64 too)
    sub = x < _TINY_F
    j, m = mant_split_normal_f32(x * _TWO25_F if sub else x)
    return j - (_F32(25.0) if sub else _ZERO_F), m


@_f32_math
def log_pos_f32(x):
    """:func:`log_pos` in float32 arithmetic: ``log x`` for float32 ``x >= 0`` (subnormal too).

    log 0 = -inf, log inf = inf, NaN and negative ``x`` give NaN.
    """
    return log_plus_f32(x, _ZERO_F)


@_f32_math
def log_plus_f32(x, d):
    """:func:`log_plus` in float32 arithmetic: ``log x + d`` for float32 ``x >= 0``."""
    x = _F32(x)  # (a no-op: callers' float32 branches are typed for float64 too)
    j, f = log_split_f32(x)
    r = log_join_f32(j, f, d)
    r = -_F32(np.inf) if x == _ZERO_F else r
    r = x if x == _F32(np.inf) else r
    return r if x >= _ZERO_F else _F32(np.nan)


@_f32_math
def log1p_pos_f32(t):
    """:func:`log1p_pos` in float32 arithmetic: ``log(1 + t)`` for float32 ``t >= 0`` (and +inf, NaN)."""
    t = _F32(t)
    u, c = two_sum(_ONE_F, t)
    j, f = log_split_f32(u)
    r = log_join_f32(j, f, c / u)
    return r if t < _F32(np.inf) else t


@scalar
def tanh_short(x):
    """``tanh x = -e/(2 + e)``, ``e = expm1(-2|x|)``: one transcendental.

    2.8 ulp in float64, ample for a float32 result (rounded once: 0.5 ulp).
    """
    e = expm1(-2.0 * abs(x))
    return math.copysign(-e / (2.0 + e), x)


def cast_like(arr, v):
    """``v`` converted to the dtype of ``arr`` (the loops' parameters, as a ufunc casts them)."""
    return arr.dtype.type(v)


@overload(cast_like)
def _cast_like_overload(arr, v):
    t = arr.dtype
    return lambda arr, v: t(v)


@register_jitable
def _extent(a):
    """``(lo, hi)``: the addresses of the bytes a 1-d array spans (any stride, any sign)."""
    p = np.intp(a.ctypes.data)
    s = np.intp(a.strides[0]) * (a.size - 1)
    return p + min(s, 0), p + max(s, 0) + a.itemsize


@register_jitable
def shares_memory(a, b):
    """Whether the 1-d arrays ``a`` and ``b`` span common bytes (``out`` is an input: in place).

    The generated loops ask it before a pass that writes ``out`` ahead of testing the
    inputs it would read again (:func:`fastact._core.templates.loop_source`).  By extents,
    as ``np.may_share_memory``: an interleaved pair counts as sharing.
    """
    if a.size == 0 or b.size == 0:
        return False
    la, ha = _extent(a)
    lb, hb = _extent(b)
    return la < hb and lb < ha


@register_jitable
def same_memory(a, b):
    """Whether the arrays ``a`` and ``b`` (of one ndim) are the same elements: in place.

    The same start, shape and strides.  The generated loops then run a copy of themselves
    written on ``a`` alone (:func:`fastact._core.templates.in_place_lines`).
    """
    return a.ctypes.data == b.ctypes.data and a.shape == b.shape and a.strides == b.strides


@scalar
def nd_index(k, n1, n2, n3):
    """``(a, b, c, d)``: the flat position ``k`` in a 4-d shape ``(., n1, n2, n3)``.

    The last index fastest.  With :func:`nd_next`, the strided CUDA kernels' walk over any
    layout (a few divisions once per thread, none per element).  The sizes are ints, not a shape: the CUDA
    simulator's shapes are Python objects that a jitted function cannot take.
    """
    d = k % n3
    k //= n3
    c = k % n2
    k //= n2
    return k // n1, k % n1, c, d


@scalar
def nd_next(i, s, n1, n2, n3):
    """The index ``i`` moved on by the step ``s`` (both :func:`nd_index` tuples): add with carry.

    Each digit of ``s`` is below its dimension, so one carry per digit is enough.
    """
    d = i[3] + s[3]
    carry = d >= n3
    if carry:
        d -= n3
    c = i[2] + s[2] + carry
    carry = c >= n2
    if carry:
        c -= n2
    b = i[1] + s[1] + carry
    carry = b >= n1
    if carry:
        b -= n1
    return i[0] + s[0] + carry, b, c, d


def acc_add(acc, comp, j, d):
    """Add ``d`` to the float64 sum ``acc[j]``; for float64 ``d`` its rounding error to ``comp[j]``.

    The fused backward's bias gradient.  Float64 terms are summed with Neumaier's
    compensation: the sum over rows, ``acc + comp``, is within about one rounding of the
    exact sum plus ``n * eps**2`` times the sum of magnitudes (a plain sum errs by up to
    ``n * eps`` times it), written without a branch (a select), so that the loop over ``j``
    stays vectorized.  Float32 terms are exact in float64 and a plain float64 sum errs by
    at most ``n * 2**-53`` times their magnitudes, far below float32's rounding for any
    ``n < 2**25``: ``comp`` is left at 0.
    """
    v = float(d)
    s = acc[j]
    t = s + v
    comp[j] += ((s - t) + v) if abs(s) >= abs(v) else ((v - t) + s)
    acc[j] = t


@overload(acc_add, jit_options={"error_model": "numpy"})
def _acc_add_overload(acc, comp, j, d):
    if isinstance(d, types.Float) and d.bitwidth == 32:
        def plain(acc, comp, j, d):
            acc[j] += np.float64(d)
        return plain

    def compensated(acc, comp, j, d):
        v = np.float64(d)
        s = acc[j]
        t = s + v
        comp[j] += ((s - t) + v) if abs(s) >= abs(v) else ((v - t) + s)
        acc[j] = t
    return compensated


def exp_native(x):
    """``e**x`` in the precision of ``x``: :func:`exp_f32` for float32, else :func:`exp`."""
    return math.exp(x)


@overload(exp_native)
def _exp_native_overload(x):
    if isinstance(x, types.Float) and x.bitwidth == 32:
        return lambda x: exp_f32(x)
    return lambda x: exp(x)


def is_float32(x):
    """True if ``x`` is a float32 scalar; inside compiled kernels a compile-time constant."""
    return isinstance(x, np.float32)


@overload(is_float32)
def _is_float32_overload(x):
    if isinstance(x, types.Float) and x.bitwidth == 32:
        return lambda x: True
    return lambda x: False


@intrinsic
def fma(typingctx, a, b, c):
    """``a*b + c`` rounded once (LLVM's ``llvm.fma``), float64 or float32 alike.

    One instruction on every target fastact compiles for: ``vfmadd`` on x86-64 with FMA
    (AVX2 and AVX-512 machines), ``fma.rn`` on the GPU; elsewhere LLVM calls libm's
    ``fma``, still exact.
    """
    if not (isinstance(a, types.Float) and a == b == c):
        return None

    def codegen(context, builder, signature, args):
        t = args[0].type
        fn = builder.module.declare_intrinsic("llvm.fma", [t], ir.FunctionType(t, [t, t, t]))
        return builder.call(fn, args)

    return a(a, b, c), codegen


@intrinsic
def _fence(typingctx, a, zero):
    """``a`` itself, its bits OR'ed with ``zero`` (an integer 0 the optimizer cannot prove 0).

    The optimizer no longer knows that the value is the one loaded from memory.  An
    in-place loop (``x[i] = f(x[i])``) whose kernel returns its argument on some branch
    (NaN, or ``relu``'s ``x > 0``) stores the loaded value back there; LLVM drops that
    store as a no-op, leaving a store under a condition, which it vectorizes as a masked
    store: ``vmaskmovps`` with AVX2, slow on AMD's cores (in-place relu 4.4x the time of
    out-of-place on this machine with AVX2 code, slower than scalar code).  Through the
    fence both branches store, and the loop keeps one plain vector store of a select, for
    one ``vpor`` a vector.  (LLVM's ``llvm.arithmetic.fence`` does the same but is not
    vectorized: the loop went scalar.)  ``zero``: e.g. ``x.size >> 62``, hoisted.
    """
    if not (isinstance(a, types.Float) and isinstance(zero, types.Integer)):
        return None

    def codegen(context, builder, signature, args):
        v, z = args
        it = ir.IntType(32 if isinstance(v.type, ir.FloatType) else 64)
        if z.type.width < it.width:
            z = builder.sext(z, it)
        elif z.type.width > it.width:
            z = builder.trunc(z, it)
        return builder.bitcast(builder.or_(builder.bitcast(v, it), z), v.type)

    return a(a, zero), codegen


def _on_gpu(builder) -> bool:
    """Whether the code being generated is for the GPU (NVPTX)."""
    return builder.module.triple.startswith("nvptx")


def _rcp_approx(builder, v):
    """The GPU's approximate reciprocal of ``v`` (float32 or float64) as inline PTX.

    ``rcp.approx.ftz.f32`` (one MUFU instruction, about 1 ulp) or ``.f64`` (about 2**-22
    relative): a subnormal ``v`` is taken as 0.  libNVVM has no intrinsics of these names.
    """
    f32 = isinstance(v.type, ir.FloatType)
    asm = ir.InlineAsm(ir.FunctionType(v.type, [v.type]),
                       "rcp.approx.ftz.f32 $0, $1;" if f32 else "rcp.approx.ftz.f64 $0, $1;",
                       "=f,f" if f32 else "=d,d")
    return builder.call(asm, [v])


@intrinsic
def _recip_rough(typingctx, x):
    """``1/x`` rounded on the CPU; on the GPU, float32: the hardware's approximate reciprocal.

    :func:`_rcp_approx` (one MUFU instruction) instead of the IEEE reciprocal's sequence
    of nine with a range test and a slow-path call.  Only for a caller that corrects the
    quotient by the exact residual ``1 - x r`` (gelu's
    :func:`fastact.kernels.gaussian._mills_f32`): its result is then the same to about
    2**-44 either way.
    """
    if not isinstance(x, types.Float):
        return None

    def codegen(context, builder, signature, args):
        (v,) = args
        if _on_gpu(builder) and isinstance(v.type, ir.FloatType):
            return _rcp_approx(builder, v)
        return builder.fdiv(ir.Constant(v.type, 1.0), v)

    return x(x), codegen


recip_rough: Any = _recip_rough
""":func:`_recip_rough` (typed ``Any`` for mypy, as :data:`fence`)."""


@intrinsic
def _quot_rough(typingctx, a, b):
    """``a/b`` rounded on the CPU; on the GPU ``a`` times an approximate reciprocal of ``b``.

    float32: :func:`_rcp_approx` (about 1 ulp); float64: that refined by one cubic step
    (``r (1 + e + e^2)``, ``e = 1 - b r``): within about 2 ulp either way, where the IEEE
    division takes 9 (float32) or 16 (float64) instructions with its range tests and
    slow-path call.  For ``b`` in [2**-100, 2**100] (a subnormal ``b`` is taken as 0) and
    a quotient whose last bits the caller damps: a logarithm's series variable
    (:func:`log_join` with ``rough``).  The CPU's bits are the division's.
    """
    if not (isinstance(a, types.Float) and a == b):
        return None

    def codegen(context, builder, signature, args):
        x, y = args
        if not _on_gpu(builder):
            return builder.fdiv(x, y)
        r = _rcp_approx(builder, y)
        if not isinstance(x.type, ir.FloatType):
            fma3 = builder.module.declare_intrinsic("llvm.fma", [y.type],
                                                    ir.FunctionType(y.type, [y.type] * 3))
            one = ir.Constant(y.type, 1.0)
            neg = builder.fsub(ir.Constant(y.type, -0.0), y)  # (NVVM's IR has no fneg)
            e = builder.call(fma3, [neg, r, one])
            r = builder.call(fma3, [r, builder.call(fma3, [e, e, e]), r])
        return builder.fmul(x, r)

    return a(a, b), codegen


quot_rough: Any = _quot_rough
""":func:`_quot_rough` (typed ``Any`` for mypy, as :data:`fence`)."""


fence: Any = _fence
"""``fence(a, zero)``: see :func:`_fence` (typed ``Any`` for mypy: an intrinsic's signature
has Numba's typing context first)."""


@scalar
def two_prod(a, b):
    """Return ``(p, e)`` with ``p = fl(a*b)`` and ``p + e == a*b`` exactly.

    ``e = fma(a, b, -p)``: exact unless ``e`` underflows (``|a*b| < 2**-969``), where it
    is as exact as a subnormal can be; 0 where ``p`` is inf or NaN (``fma`` would give
    NaN or -inf there).  (Veltkamp's splitting, used before, took 17 operations.)
    """
    p = a * b
    e: float = fma(a, b, -p)  # type: ignore[call-arg]
    return p, (e if abs(p) <= _F64_MAX else 0.0)


@scalar
def two_prod_f32(a, b):
    """:func:`two_prod` for float32 ``a``, ``b``, all in float32 (0 for the error of an inf product)."""
    p = a * b
    e = fma(a, b, -p)  # type: ignore[call-arg,var-annotated]
    return p, (e if abs(p) < np.inf else _F32(0.0))


@scalar
def two_sum(a, b):
    """Return ``(s, e)`` with ``s = fl(a+b)`` and ``s + e == a+b`` exactly (Knuth)."""
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


@scalar
def pair_total(hi, lo):
    """A compensated sum's result: ``two_sum(hi, lo)``, or ``(hi, 0)`` where ``hi`` is inf or NaN.

    An infinite term makes the low parts NaN (``inf - inf``); the sum is then ``hi``, as a
    plain sum gives (log_softmax's float64 gradient with one infinite ``g`` was NaN along
    the whole row, where float32's and PyTorch's are -inf).
    """
    t, e = two_sum(hi, lo)
    finite = abs(hi) <= _F64_MAX
    return (t if finite else hi), (e if finite else 0.0)


@scalar
def sigmoid(x):
    """Logistic function without overflow: ``1/(1+e^-x)``, branch-free."""
    t = exp(-abs(x))
    s = 1.0 / (1.0 + t)
    return s if x >= 0.0 else t * s


@scalar
def sigmoid_pair(x):
    """Return ``(sigmoid(x), sigmoid(-x))``, both to full relative accuracy."""
    t = exp(-abs(x))
    s = 1.0 / (1.0 + t)
    u = t * s
    if x >= 0.0:
        return s, u
    return u, s


@scalar
def sigmoid_scaled(z):
    """``(m, k, c)`` with ``sigmoid(z) = m 2**k`` (``m`` of normal size) and ``c = sigmoid(-z)``.

    Branch-free.  For products with ``sigmoid(z)`` (``z sigmoid(z)``, its slope) that must
    round once into the subnormal range: ``scale_mul(a, m, k)`` (see :func:`scale_mul`).
    """
    y, k = exp_split(-abs(z))
    t = _scale(y, k)
    inv = 1.0 / (1.0 + t)
    pos = z >= 0.0
    return (1.0 if pos else y) * inv, (np.int32(0) if pos else k), (t if pos else 1.0) * inv


@scalar
def sigmoid_dd_scaled(zh, zl):
    """``(m, k, c)``: ``sigmoid(zh + zl) = m 2**k`` and ``c = sigmoid(-(zh + zl))``.

    To first order in ``zl`` (``|zl| <= ulp(zh)``); ``m`` of normal size, so that products
    with the sigmoid round once into the subnormal range (:func:`scale_mul`).
    """
    m, k, c = sigmoid_scaled(zh)
    d = zl * c
    return m * (1.0 + d), k, c - scale_mul(d, m, k)


@scalar
def _exp_grad_zero(r, g, y, sh):
    """``r``, or the zero of the sign of ``-sh`` where ``g = 0`` and ``e**y`` (finite ``y``) underflowed.

    Masked entries (``y = -inf``) give ``g`` (``e**-inf = 0`` exactly), also where the sum
    is infinite (``0 inf``: NaN).
    """
    if (r == 0.0) & (g == 0.0) & (y > -np.inf):  # -e**y s, a tiny number
        r = -0.0 if sh > 0.0 else (0.0 if sh < 0.0 else r)
    return np.float64(g) if y == -np.inf else r


@scalar
def exp_grad_term(g, y, sh, sl):
    """``g - e**y (sh + sl)`` (a sum as a float64 pair) in float64: log_softmax's gradient.

    ``e**y`` by :func:`exp` (for float32 ``y``: :func:`exp_f32` rounds a subnormal ``e**y``
    on the subnormal grid), the product and difference rounded: for float32 data, and
    float64 ``|y| > 700`` (:func:`exp_grad_term_pair` elsewhere).  ``g = 0`` where ``e**y``
    underflows: the zero of the sign of ``-s``.
    """
    return _exp_grad_zero(np.float64(g) - exp(np.float64(y)) * (sh + sl), g, y, sh)


EXP_PAIR_MAX = 700.0
""":func:`exp_pair`'s domain, ``|x| <= 700`` (and :func:`exp_grad_term_pair`'s, with -inf)."""
EXP_PAIR_SUM_MAX = 2.0 ** 1000
"""The sums ``|sh| <=`` this that :func:`exp_grad_term_pair` takes (its products by ``e**y``
stay finite); an infinite sum takes :func:`exp_grad_term` (``g - inf``, as a plain sum)."""


@scalar
def exp_grad_term_pair(g, y, sh, sl):
    """:func:`exp_grad_term` for float64 ``|y| <= 700`` or ``y = -inf``, with ``e**y`` as a pair.

    ``e**y = eh + el`` (:func:`exp_pair`) and ``eh sh`` as an exact pair (fma), so that
    where ``g`` nearly cancels the product only the last rounding remains (:func:`exp`'s
    1 ulp, a rounded product and a rounded sum moved such results by twice the contract's
    conditioning term, thousands of ulps).  CPU rows and columns and the CUDA kernel.
    """
    y = np.float64(y)  # (a no-op: typed for float32 lines too)
    eh, el = exp_pair(y)
    eh = 0.0 if y == -np.inf else eh  # (masked entries: e**-inf = 0)
    el = 0.0 if y == -np.inf else el
    ph, pl = two_prod(eh, sh)
    r = (np.float64(g) - ph) - fma(el, sh, fma(eh, sl, pl))  # type: ignore[call-arg]
    return _exp_grad_zero(r, g, y, sh)


@scalar
def sigmoid_pair_fast(z):
    """``(sigmoid(z), sigmoid(-z))`` for ``|z| <= 700``, one division, no clamp or scaling.

    For the block fast paths, where ``e^-|z|`` stays normal.
    """
    t = exp_neg_fast(abs(z))
    inv = 1.0 / (1.0 + t)
    pos = z >= 0.0
    return (1.0 if pos else t) * inv, (t if pos else 1.0) * inv


@scalar
def sigmoid_dd_fast(zh, zl):
    """:func:`sigmoid_pair_fast` of ``zh + zl`` (``|zh| <= 700``), first order in ``zl``.

    :func:`sigmoid_dd_scaled` without its clamps and scaling.
    """
    s, c = sigmoid_pair_fast(zh)
    d = zl * c
    return fma(s, d, s), c - d * s  # type: ignore[call-arg]


@scalar
def sigmoid_dd(h, lo):
    """``(sigmoid(h+lo), sigmoid(-h-lo))`` for a double-length argument ``h + lo``."""
    s, c = sigmoid_pair(h)
    d = lo * s * c
    return s + d, c - d


@scalar
def sech2(x):
    """``sech(x)**2 = 4u/(1 + u)**2`` with ``u = e**-2|x|``, without cancellation."""
    u = exp(-2.0 * abs(x))
    d = 1.0 + u
    return 4.0 * u / (d * d)



@scalar
def logistic_parts(z):
    """``(m, k, t, q, c)`` for the derivatives of the sigmoid at ``z``, each without cancellation.

    ``sigmoid'(z) = m 2**k`` (``m`` of normal size, for products that round once into the
    subnormal range: :func:`scale_mul`), ``t = tanh(|z|/2) = (1 - e)/(1 + e)`` with
    ``1 - e = -expm1(-|z|)``, and ``q = sigmoid'(z)`` itself (``e = e**-|z|``).  The
    higher derivatives are ``sigmoid'`` times ``-sign(z) t`` (second), ``1 - 6q`` (third)
    and ``-sign(z) t (1 - 12q)`` (fourth); ``c = 1 - 6q``, formed as ``(w (w + 2) - 2) /
    (1 + e)**2`` with ``w = 1 - e`` (half the error of ``1 - 6q`` near its zeros, where
    ``6q`` is near 1).  NaN is the caller's to handle.
    """
    a = abs(z)
    y, k = exp_split(-a)
    e = _scale(y, k)
    d = 1.0 + e
    dd = d * d
    w = -expm1(-a)
    return y / dd, k, w / d, e / dd, (w * (w + 2.0) - 2.0) / dd


_TWO_F = _F32(2.0)


@_f32_math
def logistic_parts_f32(z):
    """:func:`logistic_parts` in float32 arithmetic (``z`` float32): twice the SIMD lanes."""
    a = abs(z)
    y, k = exp_split_f32(-a)
    e = _scale_f32(y, k)
    d = _ONE_F + e
    dd = d * d
    w = -expm1_f32(-a)
    return y / dd, k, w / d, e / dd, (w * (w + _TWO_F) - _TWO_F) / dd
