"""Piecewise-linear activations: comparisons, selects and a few multiplies or fma.

NaN passes through every kernel.  Backward kernels use mask semantics (as PyTorch):
where f' is 0 the result is exactly 0, whatever ``grad`` holds.

A quotient (hardsigmoid's and hardswish's ``v/6`` by :func:`sixth`, without a division,
the gradient's ``g/6`` by one) is computed on every lane and the pieces chosen by
selects, never under a branch: with the division inside an ``if``, LLVM kept the float64
loops of hardsigmoid and hardswish scalar when compiling for AVX2 (``haswell``,
``znver3``) and vectorized them only for AVX-512.  Its cost model counts work under a
branch at half its cost in the scalar loop (taken half the time), while the vector loop
divides on every lane; a 4-lane ``vdivpd`` then looks no cheaper per element, an 8-lane
one does.  Unconditional, the division costs the same in both loops and the loop
vectorizes on both instruction sets (``tests/test_simd.py``, run for AVX2 too:
``make test-avx2``).
"""

import numpy as np
from numba import float64 as f64
from numba import prange

from .._core.jit import inlined, jit
from .scalar import cast_like, fence, fma, is_float32, kernel, same_memory, two_sum

_F0, _F1, _F2, _F3, _F6 = (np.float32(v) for v in (0.0, 1.0, 2.0, 3.0, 6.0))  # float32 branches
_HALF_F, _QUARTER_F, _INF_F = np.float32(0.5), np.float32(0.25), np.float32(np.inf)
_SIXTH = 1.0 / 6.0  # 1/6 rounded to nearest (float64)
_SIXTH_F = np.float32(_SIXTH)  # to nearest in float32 as well: the bits after the 24th of
# 1/6 alternate (1.0101...b x 2**-3), so that rounding the float64 again is no double rounding


@kernel
def sixth(v):
    """``v/6`` rounded to nearest (float64), without a division.

    ``q = v c`` with ``c`` the rounded ``1/6`` is within an ulp of ``v/6``; its remainder
    ``r = v - 6q`` is exact by ``fma``, and ``q + r c`` rounds to ``v/6`` (Markstein's
    theorem: ``c`` within half an ulp of ``1/6``, ``q`` within one of the quotient), as the
    division does, wherever ``v/6`` is normal; where it is subnormal (hardswish of a tiny
    ``x``) a quotient on a rounding tie can round the other way: within one unit of the
    subnormal spacing.  Every float32 ``v`` of [6 * 2**-126, 32] and its negative gives the
    division's bits in :func:`sixth_f32` (tests/test_accuracy.py scans them).
    A product and two ``fma``, where the division of 16 float32 lanes (8 float64) keeps
    AVX-512's divider about 10 (16) cycles: hardsigmoid and hardswish of 2**17 float64 in
    cache, 2 threads, 45-57 -> 25-29 us (Intel Xeon, 512-bit).
    ``v`` inf or NaN gives NaN: the callers select those lanes away.
    """
    v = f64(v)
    q = v * _SIXTH
    return fma(fma(-q, 6.0, v), _SIXTH, q)  # type: ignore[call-arg]


@kernel
def sixth_f32(v):
    """:func:`sixth` in float32 arithmetic (a float32 result: the callers' selects stay float32)."""
    vf = np.float32(v)  # (a no-op: callers' float32 branches are typed for float64 too)
    qf = vf * _SIXTH_F
    return fma(fma(-qf, _F6, vf), _SIXTH_F, qf)  # type: ignore[call-arg]


@kernel
def identity(x):
    return f64(x)


@kernel
def identity_backward(g, x):
    x = f64(x)
    if x != x:
        return x
    return f64(g)


@kernel
def binary_step(x, threshold):
    x = f64(x)
    if x > threshold:
        return 1.0
    if x != x:
        return x
    return 0.0


@kernel
def binary_step_backward(g, x, threshold):
    x = f64(x)
    if x != x:
        return x
    return 0.0


@kernel
def relu(x):
    x = f64(x)  # (float32: LLVM drops the conversion; one compare: x, or NaN, is kept)
    return 0.0 if x <= 0.0 else x


@kernel
def relu_backward(g, x):
    if is_float32(x):  # (float32 comparisons: no conversion to float64 on any target)
        return g if x > _F0 else (x if x != x else _F0)
    x = f64(x)
    if x > 0.0:
        return f64(g)
    if x != x:
        return x
    return 0.0


@kernel
def relu6(x):
    if is_float32(x):
        return _F6 if x > _F6 else (x if x > _F0 else (x if x != x else _F0))
    x = f64(x)
    return 6.0 if x > 6.0 else (0.0 if x <= 0.0 else x)  # (NaN fails both tests: kept)


@kernel
def relu6_backward(g, x):
    if is_float32(x):
        return g if (x > _F0) & (x < _F6) else (x if x != x else _F0)
    x = f64(x)
    if x > 0.0 and x < 6.0:
        return f64(g)
    if x != x:
        return x
    return 0.0


@kernel
def leaky_relu(x, negative_slope):
    if is_float32(x):  # the same bits as float64's product (exact) rounded to float32
        sf = np.float32(negative_slope)
        return x if x > _F0 else sf * x
    x = f64(x)
    if x > 0.0:
        return x
    return f64(negative_slope) * x


@kernel
def leaky_relu_backward(g, x, negative_slope):
    if is_float32(x):
        sf = np.float32(negative_slope)
        return g if x > _F0 else (x if x != x else g * sf)
    x = f64(x)
    g = f64(g)
    if x > 0.0:
        return g
    if x != x:
        return x
    return g * f64(negative_slope)


@kernel
def prelu(x, weight):
    return leaky_relu(x, weight)


@kernel
def prelu_backward(g, x, weight):
    return leaky_relu_backward(g, x, weight)


@kernel
def _times_mean_slope_f32(v, lower, upper):
    """``v (lower + upper)/2`` in float32, rounded once from the exact mean slope.

    The slope as a float32 pair ``hi + lo`` (two-sum, halved exactly), ``v hi + v lo``
    by ``fma`` (``v lo`` is far below an ulp of the result).  ``v lo`` is left out for an
    infinite or NaN ``v`` (inf*0 would give NaN), and zeros keep the sign of ``v hi``.
    """
    vf = np.float32(v)
    sh, sl = two_sum(np.float32(lower), np.float32(upper))
    hf = sh * _HALF_F
    tf = vf * (sl * _HALF_F) if abs(vf) < _INF_F else _F0
    rf = fma(vf, hf, tf)  # type: ignore[call-arg,var-annotated]
    return vf * hf if vf == _F0 else rf


@kernel
def rrelu(x, lower, upper):
    # the evaluation mode: leaky_relu with the mean slope, exact in float64 (float32: as a
    # float32 pair, the product rounded once)
    if is_float32(x):
        xf = np.float32(x)
        return xf if xf > _F0 else _times_mean_slope_f32(xf, lower, upper)
    return leaky_relu(x, 0.5 * (f64(lower) + f64(upper)))


@kernel
def rrelu_backward(g, x, lower, upper):
    if is_float32(x):
        xf = np.float32(x)
        gf = np.float32(g)
        neg = _times_mean_slope_f32(gf, lower, upper)
        return gf if xf > _F0 else (xf if xf != xf else neg)
    return leaky_relu_backward(g, x, 0.5 * (f64(lower) + f64(upper)))


@kernel
def hardtanh(x, min_val, max_val):
    x = f64(x)
    if x < min_val:
        return f64(min_val)
    if x > max_val:
        return f64(max_val)
    return x


@kernel
def hardtanh_backward(g, x, min_val, max_val):
    if is_float32(x):
        return g if (x > min_val) & (x < max_val) else (x if x != x else _F0)
    x = f64(x)
    if x > min_val and x < max_val:
        return f64(g)
    if x != x:
        return x
    return 0.0


@kernel
def hardsigmoid(x):
    if is_float32(x):  # float32 arithmetic: x + 3 and the division round (1 ulp at most)
        rf = sixth_f32(x + _F3)
        rf = _F0 if x <= -_F3 else rf
        return _F1 if x >= _F3 else rf
    x = f64(x)
    r = sixth(x + 3.0)  # on every lane, then the ends selected (module docstring)
    r = 0.0 if x <= -3.0 else r
    return 1.0 if x >= 3.0 else r


@kernel
def hardsigmoid_backward(g, x):
    if is_float32(x):
        df = g / _F6
        df = df if (x > -_F3) & (x < _F3) else _F0
        return x if x != x else df
    x = f64(x)
    d = f64(g) / 6.0
    d = d if (x > -3.0) & (x < 3.0) else 0.0
    return x if x != x else d


@kernel
def sparse_sigmoid(x):
    if is_float32(x):  # x + 1 rounded once in float32 (float64 rounded it, then float32 again)
        rf = _HALF_F * (x + _F1)  # (one value returned: NVVM kept the float64 phi of
        rf = _F1 if x >= _F1 else rf  # a returned ternary's converted constants)
        return _F0 if x <= -_F1 else rf
    x = f64(x)
    if x <= -1.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    return 0.5 * (x + 1.0)  # x + 1 exact for x in [-1, -1/2] (Sterbenz), one rounding above


@kernel
def sparse_sigmoid_backward(g, x):
    if is_float32(x):
        return _HALF_F * g if (x > -_F1) & (x < _F1) else (x if x != x else _F0)
    x = f64(x)
    if x > -1.0 and x < 1.0:
        return 0.5 * f64(g)
    if x != x:
        return x
    return 0.0


@kernel
def sparse_plus(x):
    if is_float32(x):  # x + 1 rounds once (exact for x in [-1, -1/2]): 1.5 ulp
        xf = np.float32(x)
        uf = xf + _F1
        rf = _QUARTER_F * (uf * uf)
        rf = xf if xf >= _F1 else rf
        return _F0 if xf <= -_F1 else rf
    x = f64(x)
    if x <= -1.0:
        return 0.0
    if x >= 1.0:
        return x
    u = x + 1.0  # exact for x in [-1, -1/2] (Sterbenz), one rounding above
    return 0.25 * (u * u)


@kernel
def sparse_plus_backward(g, x):
    if is_float32(x):
        xf = np.float32(x)
        gf = np.float32(g)
        rf = gf * (_HALF_F * (xf + _F1))
        rf = rf if xf > -_F1 else _F0
        rf = gf if xf >= _F1 else rf
        return xf if xf != xf else rf
    x = f64(x)
    if x >= 1.0:
        return f64(g)
    if x > -1.0:
        return f64(g) * (0.5 * (x + 1.0))
    if x != x:
        return x
    return 0.0


@kernel
def hardswish(x):
    if is_float32(x):  # float32 arithmetic: three roundings (1.5 ulp at most; x + 3 is
        rf = sixth_f32(x * (x + _F3))  # exact near the zero at -3, Sterbenz)
        rf = _F0 if x <= -_F3 else rf
        return x if x >= _F3 else rf
    x = f64(x)
    r = sixth(x * (x + 3.0))  # on every lane, then the ends selected (module docstring)
    r = 0.0 if x <= -3.0 else r
    return x if x >= 3.0 else r


@kernel
def hardswish_backward(g, x):
    if is_float32(x):  # 2x + 3 exact near its zero at -1.5 (Sterbenz)
        df = g * sixth_f32(_F2 * x + _F3)
        df = _F0 if x <= -_F3 else df
        return g if x >= _F3 else df
    x = f64(x)
    d = f64(g) * sixth(2.0 * x + 3.0)
    d = 0.0 if x <= -3.0 else d
    return f64(g) if x >= 3.0 else d


@kernel
def hardshrink(x, lambd):
    if is_float32(x):
        return x if (abs(x) > lambd) | (x != x) else _F0
    x = f64(x)
    if abs(x) > lambd:
        return x
    if x != x:
        return x
    return 0.0


@kernel
def hardshrink_backward(g, x, lambd):
    if is_float32(x):
        return g if abs(x) > lambd else (x if x != x else _F0)
    x = f64(x)
    if abs(x) > lambd:
        return f64(g)
    if x != x:
        return x
    return 0.0


@kernel
def softshrink(x, lambd):
    if is_float32(x):  # x -+ lambd rounded once in float32
        return x - lambd if x > lambd else (x + lambd if x < -lambd else (x if x != x else _F0))
    x = f64(x)
    if x > lambd:
        return x - lambd
    if x < -lambd:
        return x + lambd
    if x != x:
        return x
    return 0.0


@kernel
def softshrink_backward(g, x, lambd):
    return hardshrink_backward(g, x, lambd)


@kernel
def threshold(x, threshold, value):
    x = f64(x)
    if x > threshold:
        return x
    if x != x:
        return x
    return f64(value)


@kernel
def threshold_backward(g, x, threshold, value):
    if is_float32(x):
        return g if x > threshold else (x if x != x else _F0)
    x = f64(x)
    if x > threshold:
        return f64(g)
    if x != x:
        return x
    return 0.0


_SUM = jit(nogil=True, fastmath=frozenset({"reassoc"}))
"""The weight gradient's sums: ``reassoc`` lets them vectorize (it changes only the order
of the additions, which then depends on the SIMD width)."""


@jit(nogil=True)
def _weight_term(gi, xi):
    xd = f64(xi)
    return 0.0 if xd > 0.0 else f64(gi) * xd  # (NaN where x is NaN)


@_SUM
def prelu_weight_grad_sum(g, x):
    """``sum(g * x where x <= 0)`` in float64 over 1-d arrays (NaN where x is NaN).

    The gradient of :func:`prelu` for a scalar weight, alone (Numba code calls it; the
    host's common case takes :func:`prelu_backward_one_pass`).
    """
    s = 0.0
    for i in range(x.size):
        s += _weight_term(g[i], x[i])
    return s


@_SUM
def prelu_backward_one_pass(g, x, out, weight):
    """``out = prelu_backward(g, x, weight)``; returns the weight's gradient (scalar weight).

    One pass over 1-d arrays of one dtype: ``grad_x`` and ``sum(g * x where x <= 0)`` (in
    float64) from one read of ``g`` and ``x``: three arrays moved where a pass for each
    moved five.  ``out`` may be ``g`` or ``x`` (each element is read before it is written):
    then the pass is given that array as ``out`` itself, so that its loop reads and writes
    one array (over two, LLVM's run-time overlap check failed in place: scalar code).
    """
    if same_memory(g, out):  # (zero: 0 that LLVM cannot know, for the fences)
        return _prelu_pass(g, x, g, weight, g.size >> 62)
    if same_memory(x, out):
        return _prelu_pass(g, x, x, weight, x.size >> 62)
    return _prelu_pass(g, x, out, weight, 0)


@inlined()
def _prelu_pass(g, x, out, weight, zero):
    """The pass; ``zero``: 0 (in place: one LLVM cannot know, :func:`scalar.fence`)."""
    w = cast_like(out, weight)
    s = 0.0
    for i in range(x.size):
        gi = fence(g[i], zero)
        xi = fence(x[i], zero)
        out[i] = prelu_backward(gi, xi, w)
        s += _weight_term(gi, xi)
    return s


@jit(nogil=True, parallel=True)
def prelu_backward_one_pass_split(g, x, out, weight, nthreads):
    """:func:`prelu_backward_one_pass` over ``nthreads`` slices (multiples of 16) on Numba's threads.

    The slices' sums are added in order: the result depends on the thread count, not on
    which thread ran first.
    """
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    parts = np.zeros(nthreads)
    for t in prange(nthreads):
        lo = t * step
        hi = min(lo + step, n)
        if lo < hi:
            parts[t] = prelu_backward_one_pass(g[lo:hi], x[lo:hi], out[lo:hi], weight)
    s = 0.0
    for t in range(nthreads):
        s += parts[t]
    return s


# Second and third derivatives.  Piecewise linear: 0 everywhere, also at a kink (its
# Dirac mass is not a value; PyTorch's and JAX's autograd give 0 there too); NaN gives NaN.
# sparse_plus and hardswish are quadratic between their kinks, where f' takes the outer
# branch, so f'' takes it too.


@kernel
def zero(x):
    x = f64(x)
    return 0.0 if x == x else x


@kernel
def zero_1(x, a):
    x = f64(x)
    return 0.0 if x == x else x


@kernel
def zero_2(x, a, b):
    x = f64(x)
    return 0.0 if x == x else x


@kernel
def sparse_plus_derivative2(x):
    x = f64(x)
    r = 0.5 if (x > -1.0) & (x < 1.0) else 0.0
    return r if x == x else x


@kernel
def hardswish_derivative2(x):
    x = f64(x)
    r = 1.0 / 3.0 if (x > -3.0) & (x < 3.0) else 0.0
    return r if x == x else x
