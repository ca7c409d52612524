"""Accuracy against mpmath: test points, reference values and errors in ulps.

Used by the test-suite and by ``python -m fastact check``.  mpmath is imported only
here (``pip install fastact[check]``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np

from .._spec.names import TUPLE_BACKWARD
from .._spec.registry import ORDERS, REGISTRY, Activation
from .comparisons import comparison, jax_module

PREC_BITS = 160

_EDGES = [
    0.0, 1e-300, 1e-200, 1e-100, 1e-45, 1e-38, 1e-30, 1e-20, 1e-10, 1e-8, 1e-5, 1e-3,
    0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 6.0, 8.0, 10.0, 15.0, 20.0,
    20.000001, 25.0, 30.0, 37.0, 38.0, 40.0, 50.0, 87.0, 88.0, 88.5, 88.72, 89.0,
    100.0, 103.0, 104.0, 700.0, 709.0, 709.78, 710.0, 720.0, 745.0, 746.0, 800.0,
    1e4, 1e5, 1e10, 1e20, 1e30, 1e38, 1e100, 1e154, 1e200, 1e300,
]
_SUBNORMAL_TAILS = {
    # where the exp-based values and derivatives cross the subnormal range: e^-x times a
    # power of x (sigmoid, silu, swish, mish, softplus, the ELU family: e^-708 .. e^-752 in
    # float64, e^-87 .. e^-110 in float32), e^{-x^2/2} (gelu: x near 37.5 .. 38.6; near
    # 13.2 .. 14.7 in float32) and e^{-0.0714 x^3} (gelu's tanh form: 21.4 .. 21.7; 10.6 ..
    # 11.2).  Every function gets them; each meets the subnormals where its tail does.
    np.dtype(np.float64): [*np.arange(702.0, 756.0, 2.5), *np.arange(37.25, 38.75, 0.125),
                           *np.arange(21.35, 21.75, 0.04)],
    np.dtype(np.float32): [*np.arange(84.0, 112.0, 1.5), *np.arange(13.0, 15.0, 0.125),
                           *np.arange(10.4, 11.4, 0.1)],
}


def _has(module: str) -> bool:
    """True if ``module`` can be imported (optional comparison libraries)."""
    import importlib.util

    return importlib.util.find_spec(module) is not None


def mpmath():
    """The mpmath module, with a clear error if it is missing."""
    try:
        import mpmath as mp
    except ImportError as exc:  # pragma: no cover
        raise ImportError("the accuracy check needs mpmath: pip install 'fastact[check]'") from exc
    return mp


def points(dtype, entry: Activation | None = None, params: dict | None = None,
           n_random: int = 160, seed: int = 0) -> np.ndarray:
    """Edge and random inputs representable in ``dtype`` (finite, +-inf and NaN)."""
    dtype = np.dtype(dtype)
    fi = np.finfo(dtype)
    rng = np.random.default_rng(seed)
    mags = list(_EDGES) + _SUBNORMAL_TAILS.get(dtype, []) + [
        float(fi.tiny), float(fi.smallest_subnormal), float(fi.max), float(fi.eps)]
    for v in (params or {}).values():
        if isinstance(v, (int, float)) and v is not None and math.isfinite(v):
            mags += [abs(v), abs(v) * (1 + 4 * float(fi.eps)), abs(v) * (1 - 4 * float(fi.eps))]
    if entry is not None:
        mags += [abs(z) for z in derivative_zeros(entry, params, dtype)]
    if entry is not None and entry.order:
        mags += [abs(z) for z in zeros_of(entry, params, dtype)]
    rnd = np.concatenate([
        10.0 ** rng.uniform(-8, 3, n_random // 2),
        rng.uniform(0, 12, n_random // 4),
        rng.uniform(0, 45, n_random // 4),
    ])
    base = np.concatenate([np.array(mags), rnd])
    extra = domain_points(entry.domain, dtype, rng) if entry is not None and entry.domain else []
    with np.errstate(over="ignore"):
        xs = np.concatenate([base, -base, np.asarray(extra, np.float64)]).astype(dtype)
    xs = xs[np.isfinite(xs)]
    # both zeros, always: np.unique keeps whichever of -0.0 == 0.0 its sort puts first,
    # and NumPy sorts with other code on AVX-512 than on AVX2 (the points then differed);
    # +0.0 in its sorted place, -0.0 with the other special values at the end
    xs = np.unique(np.where(xs == 0, 0.0, xs))
    return np.concatenate([xs, np.array([-0.0, np.inf, -np.inf, np.nan], dtype)])


def domain_points(domain, dtype, rng, n: int = 60) -> list[float]:
    """Inputs near the finite ends of ``domain``, and inside it.

    ``end -+ 2**-k`` down to the subnormals, the quarter points of a finite domain (where
    logit switches formulas) and uniform points inside.
    """
    fi = np.finfo(dtype)
    lo, hi = domain
    pts: list[float] = []
    ks = list(range(1, fi.nmant + 3)) + [40, 60, 100, 126, 140, 300, 1000, 1022, 1060]
    for end, side in ((lo, 1.0), (hi, -1.0)):
        if math.isfinite(end):
            pts += [end + side * 2.0 ** -k for k in ks]
            pts += [end + side * float(fi.eps) * m for m in (1, 2, 3, 7)]
    if math.isfinite(lo) and math.isfinite(hi):
        pts += list(rng.uniform(lo, hi, n)) + [lo + (hi - lo) * f for f in (0.25, 0.5, 0.75)]
        pts += [0.25 + d for d in (-1e-9, 1e-9)] + [0.75 + d for d in (-1e-9, 1e-9)]
    else:
        end = hi if math.isfinite(hi) else lo
        side = -1.0 if math.isfinite(hi) else 1.0
        pts += [end + side * v for v in rng.uniform(0, 50, n)]
        pts += [end + side * v for v in (math.log(2), 40.0, 700.0, 745.0)]
    return pts


def _mpf(mp, v):
    if math.isinf(v):
        return mp.inf if v > 0 else -mp.inf
    return mp.mpf(float(v))


def _param_values(entry: Activation, params: dict, dtype) -> list:
    """The parameters as the ufunc loop of ``dtype`` sees them (rounded to ``dtype``)."""
    vals = []
    for p in entry.ufunc_params:
        v = params.get(p.name, p.default)
        v = p.none_value if v is None else v
        vals.append(float(np.asarray(v).astype(dtype)))
    return vals


def reference(entry: Activation, xs, params: dict | None = None, derivative: bool = False,
              grad=None, dtype=None):
    """Reference ``f(x)`` (or ``grad * f'(x)``) as float64 pairs ``(hi, lo)``.

    Parameters are first rounded to ``dtype`` (default: ``xs.dtype``), as the ufunc
    loop of that dtype receives them.
    """
    mp = mpmath()
    params = dict(params or {})
    pv = _param_values(entry, params, np.asarray(xs).dtype if dtype is None else dtype)
    fn = entry.dref if derivative else entry.ref
    if fn is None:
        raise ValueError(f"{entry.name} has no mpmath reference")
    lims = entry.dlimits if derivative else entry.limits
    xs = np.asarray(xs, np.float64)
    gs = np.broadcast_to(np.asarray(1.0 if grad is None else grad, np.float64), xs.shape)
    hi = np.empty(xs.shape)
    lo = np.zeros(xs.shape)
    with mp.workprec(PREC_BITS):
        for i, (x, g) in enumerate(zip(xs.flat, gs.flat)):
            if math.isnan(x) or math.isnan(g):
                hi.flat[i] = np.nan
                continue
            if math.isinf(x):
                try:
                    r = fn(mp, _mpf(mp, x), *pv)
                    v = float(r)
                except (ValueError, ZeroDivisionError, TypeError, OverflowError):
                    v = math.nan
                if math.isnan(v):
                    v = lims[1] if x > 0 else lims[0]
                hi.flat[i] = v * g if v != 0 else 0.0
                continue
            r = fn(mp, mp.mpf(x), *pv) * mp.mpf(g)
            h = float(r)
            hi.flat[i] = h
            if math.isfinite(h):
                lo.flat[i] = float(r - mp.mpf(h))
    return hi, lo


def ulp_errors(y, hi, lo, dtype) -> np.ndarray:
    """|y - (hi + lo)| in ulps of ``dtype`` at the reference; inf for a wrong inf/NaN.

    In the subnormal range the ulp is the subnormal spacing (2**-1074, 2**-149); a result
    rounded to zero must have the sign of the exact value.
    """
    dtype = np.dtype(dtype)
    fi = np.finfo(dtype)
    p = fi.nmant + 1
    emin = int(np.log2(float(fi.tiny)))
    y = np.asarray(y, np.float64)
    hi = np.asarray(hi, np.float64)
    err = np.zeros(np.broadcast(y, hi).shape)
    with np.errstate(all="ignore"):
        ex = np.frexp(hi)[1] - 1
        ulp = np.ldexp(1.0, np.maximum(ex, emin) - (p - 1))
        d = np.abs((y - hi) - lo) / ulp
        max_ok = float(fi.max) * (1 + 2.0 ** -p)
    ref_nan = np.isnan(hi)
    ref_inf = np.isinf(hi) | (np.abs(hi) > max_ok)
    fine = ~ref_nan & ~ref_inf
    err[fine] = d[fine]
    err[fine & ~np.isfinite(y)] = np.inf
    err[ref_nan] = np.where(np.isnan(y[ref_nan]), 0.0, np.inf)
    exp_inf = np.where(hi[ref_inf] > 0, np.inf, -np.inf)
    err[ref_inf] = np.where(y[ref_inf] == exp_inf, 0.0, np.inf)
    # a result that rounds to zero must carry the sign of the exact value
    # (an exact zero has no sign in mpmath: -0.0 in hi is a negative value that underflowed)
    neg = (hi + lo < 0) | ((hi == 0) & np.signbit(hi))
    wrong_sign = (neg & ~np.signbit(y)) | ((hi + lo > 0) & np.signbit(y))
    err[fine & (y == 0) & wrong_sign] = np.inf
    return err


def derivative_zeros(entry: Activation, params: dict | None = None, dtype=np.float64):
    """The zeros of f' for these parameters."""
    if callable(entry.dzeros):
        return entry.dzeros(*_param_values(entry, dict(params or {}), dtype))
    return entry.dzeros


CURVATURE_ULP = {2: 16, 3: 32}
"""The accuracy contract of the higher derivatives (``NAME_derivative2`` / ``3``): ulps of
the result beyond :func:`curvature_conditioning`."""

_SCAN = (-16.0, 16.0, 0.01)


@functools.cache
def _zeros(name: str, params_key: tuple, dtype_name: str) -> tuple[float, ...]:
    from .._spec.registry import lookup

    entry = lookup(name)
    mp = mpmath()
    pv = _param_values(entry, dict(params_key), dtype_name)
    lo, hi, step = _SCAN
    if entry.domain:
        lo, hi = max(lo, entry.domain[0]), min(hi, entry.domain[1])
    grid = np.arange(lo, hi + step / 2, step)
    found: list[float] = []
    ref = entry.ref
    assert ref is not None
    with mp.workprec(64):
        vals = [float(ref(mp, mp.mpf(float(x)), *pv)) for x in grid]
        for a, b, fa, fb in zip(grid, grid[1:], vals, vals[1:]):
            if fa == 0.0 and fb != 0.0 and (not found or found[-1] != a):
                found.append(float(a))
            elif fa * fb < 0:
                for _ in range(60):  # bisection to float64
                    m = 0.5 * (a + b)
                    fm = float(ref(mp, mp.mpf(m), *pv))
                    if fm == 0.0:
                        a = b = m
                        break
                    a, fa, b = (m, fm, b) if fa * fm > 0 else (a, fa, m)
                found.append(float(0.5 * (a + b)))
    return tuple(found)


def zeros_of(entry: Activation, params: dict | None = None, dtype=np.float64) -> tuple[float, ...]:
    """The zeros of a higher derivative (``entry.order`` 2 or 3) in [-16, 16], from mpmath.

    Sign changes of the reference on a grid of step 0.01, each refined by bisection; an
    interval where it is 0 (a piecewise function) gives its left end only.  Cached.
    """
    key = tuple(sorted((k, v) for k, v in (params or {}).items() if k != "approximate"))
    return _zeros(entry.name, key, np.dtype(dtype).name)


def curvature_conditioning(entry: Activation, xs, hi, params: dict | None = None,
                           dtype=np.float64) -> np.ndarray:
    """The conditioning term of a higher derivative's contract, in ulps of the result.

    Near a zero ``z`` of ``g = f^(n)`` (``|x - z| <= max(1, |z|)/8``, as for ``f'``):
    ``4 max(|x|, 1) |g'(x)| / |g(x)|``, the error in ulps of ``g`` that moving its argument
    by 4 ulps of ``max(|x|, 1)`` causes (the rounding of the O(1) quantities any formula
    forms from ``x``, such as ``e**x``, ``x**2`` or ``tanh(x/2)``, each within 2 ulps).  ``g'`` is the next
    reference (``dref``) for ``f''`` and ``mpmath.diff`` of the reference for ``f'''``.
    Elsewhere 0: the tails are held to the plain ulp bound.
    """
    mp = mpmath()
    xs = np.asarray(xs, np.float64)
    hi = np.asarray(hi, np.float64)
    out = np.zeros(xs.shape)
    zs = zeros_of(entry, params, dtype)
    if not zs:
        return out
    near = np.zeros(xs.shape, bool)
    for z in zs:
        near |= np.abs(xs - z) <= 0.125 * max(1.0, abs(z))
    pv = _param_values(entry, dict(params or {}), dtype)
    ref = entry.ref
    assert ref is not None
    with mp.workprec(PREC_BITS):
        for i in np.flatnonzero(near & np.isfinite(xs)):
            x = mp.mpf(float(xs[i]))
            if entry.dref is not None:
                d = entry.dref(mp, x, *pv)
            else:
                d = mp.diff(lambda t: ref(mp, t, *pv), x)
            g = mp.mpf(float(hi[i]))
            out[i] = np.inf if g == 0 else float(4 * max(abs(x), 1) * abs(d) / abs(g))
    return out


def curvature_errors(entry: Activation, xs, y, hi, lo, params: dict | None = None,
                     dtype=np.float64) -> np.ndarray:
    """Errors of a higher derivative in ulps beyond :func:`curvature_conditioning`.

    A zero computed next to a zero of the derivative (where the conditioning term applies)
    is measured by its distance from the exact value, whatever its sign.
    """
    c = curvature_conditioning(entry, xs, hi, params, dtype)
    y = np.asarray(y, np.float64)
    y = np.where((y == 0) & (c > 0), np.copysign(0.0, hi), y)
    e = ulp_errors(y, hi, lo, dtype)
    with np.errstate(invalid="ignore"):  # a wrong inf, NaN or sign of zero stays inf
        return np.where(np.isinf(e), e, np.maximum(e - c, 0.0))


def allowed_backward(entry: Activation, xs, hi, y, dtype, grad=1.0, params=None) -> np.ndarray:
    """Where the absolute-error allowance near a zero of f' applies and is met."""
    eps = float(np.finfo(dtype).eps)
    xs = np.asarray(xs, np.float64)
    near = np.zeros(xs.shape, bool)
    for z in derivative_zeros(entry, params, dtype):
        near |= np.abs(xs - z) <= 0.125 * max(1.0, abs(z))
    with np.errstate(invalid="ignore"):
        ok = np.abs(np.asarray(y, np.float64) - hi) <= 16 * eps * np.abs(grad)
    return near & ok


def max_ulp_table(targets=("fastact",), dtypes=("float32", "float64"),
                  entries: dict | None = None) -> list[dict]:
    """Rows ``{name, dtype, library, forward, backward, derivative2, derivative3}``.

    The max ulp error on :func:`points` (the higher derivatives on their own entries'
    points, beyond :func:`curvature_conditioning`; PyTorch's and JAX's by their autograd).

    ``entries``: ``{name: Activation}`` to measure (default: every built-in); a user
    activation (:func:`fastact.activation`) needs its mpmath reference.
    """
    rows = []
    for name, entry in (REGISTRY if entries is None else entries).items():
        if entry.ref is None:
            raise ValueError(f"{name}: no mpmath reference (give fastact.activation a "
                             "reference=) to measure it against")
        for dt in dtypes:
            xs = points(dt, entry)
            params = entry.defaults()
            if len(params) < len(entry.params):  # a parameter without default: a test set
                params = dict(entry.test_params[0])
            kwargs = {k: v for k, v in params.items() if k != "approximate"}
            hi, lo = reference(entry, xs, kwargs)
            dhi, dlo = reference(entry, xs, kwargs, derivative=True)
            finite = np.isfinite(xs)
            by_lib: dict[str, dict] = {}
            for lib, fwd, bwd in _libraries(name, entry, kwargs, xs, dt, targets):
                row = {"name": name, "dtype": dt, "library": lib}
                by_lib[lib] = row
                if fwd is not None:
                    e = ulp_errors(fwd, hi, lo, dt)
                    row["forward"] = float(np.max(e[finite]))
                    row["forward_special_wrong"] = int(np.sum(e[~finite] > 4))
                if bwd is not None:
                    e = ulp_errors(bwd, dhi, dlo, dt)
                    e[allowed_backward(entry, xs, dhi, bwd, dt, params=kwargs)] = 0.0
                    row["backward"] = float(np.max(e[finite]))
                    row["backward_special_wrong"] = int(np.sum(e[~finite] > 16))
                rows.append(row)
            for n in ORDERS:
                _higher_rows(name, n, kwargs, dt, targets, by_lib)
    return rows


def _higher_rows(name, n, kwargs, dt, targets, by_lib) -> None:
    """Add ``derivative2`` / ``derivative3`` to the rows of ``by_lib``.

    The max ulps beyond the conditioning term, for each library that has the derivative
    of order ``n``.
    """
    from .._spec.registry import derivative_name, known, lookup

    dname = derivative_name(name, n)
    if not known(dname):  # a user activation without its higher derivatives
        return
    de = lookup(dname)
    xs = points(dt, de, kwargs)
    hi, lo = reference(de, xs, kwargs)
    finite = np.isfinite(xs)
    for lib, got in _higher_values(name, n, kwargs, xs, dt, targets):
        if got is None or lib not in by_lib:
            continue
        e = curvature_errors(de, xs, np.asarray(got, np.float64), hi, lo, kwargs, dt)
        by_lib[lib][f"derivative{n}"] = float(np.max(e[finite]))
        by_lib[lib][f"derivative{n}_special_wrong"] = int(np.sum(e[~finite] > CURVATURE_ULP[n]))


def _higher_values(name, n, kwargs, xs, dt, targets):
    """``(library, f^(n)(xs))``: fastact's function, PyTorch's and JAX's autograd."""
    import fastact

    from .._spec.registry import derivative_name

    yield "fastact", fastact.get(derivative_name(name, n))(xs, **kwargs)
    if name not in REGISTRY:
        return
    other = comparison(name)
    if "torch" in targets and other.torch is not None and _has("torch"):
        yield "torch", torch_derivative(other.torch, xs, kwargs, n)
    if "jax" in targets and other.jax is not None and (jax := jax_module()) is not None:
        yield "jax", jax_derivative(jax, other.jax, xs, kwargs, n)


def torch_derivative(fn, xs, kwargs, n: int) -> np.ndarray | None:
    """The n-th derivative of ``fn(torch, t, *params)`` at ``xs`` by PyTorch's autograd.

    ``torch.autograd.grad`` with ``create_graph=True``, n times (what
    ``torch.func.grad(grad(f))`` computes), in ``xs``'s dtype; None where PyTorch has no
    derivative of that order (hardsigmoid's backward has none).
    """
    import torch

    t = torch.tensor(xs, requires_grad=True)
    d = fn(torch, t, *kwargs.values())
    for _ in range(n):
        if not d.requires_grad:  # a piecewise-linear function: its next derivative is 0
            return np.zeros_like(xs)
        try:
            (d,) = torch.autograd.grad(d.sum(), t, create_graph=True, allow_unused=True)
        except RuntimeError:  # "derivative for aten::hardsigmoid_backward is not implemented"
            return None
        if d is None:
            return np.zeros_like(xs)
    return d.detach().numpy()


def jax_derivative(jax, fn, xs, kwargs, n: int):
    """The n-th derivative of ``fn(jax, v, *params)`` at ``xs`` by JAX.

    ``vmap(grad(...grad(f)))`` under ``jax.jit``, or None where ``jax.nn`` does not take
    these parameters.
    """
    pv = list(kwargs.values())

    def f(v):
        return fn(jax, v, *pv)

    xj = jax.numpy.asarray(xs)
    if f(xj) is None:
        return None
    g = f
    for _ in range(n):
        g = jax.grad(g)
    return np.asarray(jax.jit(jax.vmap(g))(xj))


def _libraries(name, entry, kwargs, xs, dt, targets):
    import fastact

    f = fastact.get(name)
    b = fastact.get(name + "_backward")
    if name in TUPLE_BACKWARD:
        yield "fastact", f(xs, **kwargs), b(np.ones_like(xs), xs, **kwargs)[0]
    else:
        yield "fastact", f(xs, **kwargs), b(np.ones_like(xs), xs, **kwargs)
    if name not in REGISTRY:  # a user activation: no other library has it
        return
    other = comparison(name)
    if "scipy" in targets and other.scipy is not None and _has("scipy"):
        with np.errstate(all="ignore"):
            yield "scipy", np.asarray(other.scipy(xs, *kwargs.values()), dt), None
    if "torch" in targets and other.torch is not None and _has("torch"):
        import torch

        t = torch.tensor(xs, requires_grad=True)
        y = other.torch(torch, t, *kwargs.values())
        (g,) = torch.autograd.grad(y.sum(), t)
        yield "torch", y.detach().numpy(), g.numpy()
    if "jax" in targets and other.jax is not None and (jax := jax_module()) is not None:
        pv = list(kwargs.values())
        jfn = other.jax

        def f1(v):
            return jfn(jax, v, *pv)

        xj = jax.numpy.asarray(xs)
        if f1(xj) is None:  # parameters jax.nn does not take
            return
        grad = jax.vmap(jax.grad(f1))
        yield "jax", np.asarray(jax.jit(f1)(xj)), np.asarray(jax.jit(grad)(xj))


AXIS_CHECKED = ("softmax", "log_softmax", "logsumexp")
GAPS = (1.0, 5.0, 10.0, 20.0, 30.0, 37.0, 40.0, 50.0, 100.0, 300.0, 700.0, 1000.0)
"""Gaps below the dominant term in the rows of :func:`axis_rows` (results near 0)."""


def axis_rows(dtype, seed: int = 0) -> list[np.ndarray]:
    """Rows for the axis functions: random, wide spreads, near-overflow, masked entries.

    And a dominant term: ``[0, -gap]``, ``[gap, 0, 0]`` and ``[1000, 1000 - gap]`` for each
    gap in :data:`GAPS`, where logsumexp and log_softmax of the dominant entry are near 0
    or near a large number.
    """
    rng = np.random.default_rng(seed)
    big = float(np.finfo(dtype).max)
    rows = [rng.normal(size=16), rng.normal(size=200) * 30, rng.uniform(-80, 80, 50),
            rng.uniform(-700, 700, 50), np.array([big / 2, -big / 2, 0.0, big / 2]),
            np.array([1e4, 0.0, -1e4]), np.array([-np.inf, 0.0, 1.0]), np.array([3.0])]
    for gap in GAPS:
        rows += [np.array([0.0, -gap]), np.array([gap, 0.0, 0.0]), np.array([1000.0, 1000.0 - gap]),
                 np.array([-gap, 0.0, -2 * gap, -gap])]
    with np.errstate(over="ignore"):
        return [np.clip(r, -big, big).astype(dtype) for r in rows]


def axis_reference(name: str, row) -> tuple[np.ndarray, np.ndarray]:
    """mpmath softmax / log_softmax / logsumexp of one row, as float64 ``(hi, lo)`` pairs.

    A row holding NaN gives NaN; one holding +inf (and no NaN) gives NaN for softmax and
    log_softmax (``e^(x - max)`` is ``e^(inf - inf)`` there, as in SciPy and PyTorch) and
    +inf for logsumexp: the limits the functions document.
    """
    vals_in = np.asarray(row, np.float64)
    shape = () if name == "logsumexp" else np.shape(row)
    if np.isnan(vals_in).any() or (vals_in == np.inf).any():
        special = np.inf if name == "logsumexp" and not np.isnan(vals_in).any() else np.nan
        return np.full(shape, special), np.zeros(shape)
    mp = mpmath()
    with mp.workprec(PREC_BITS):
        xs = [_mpf(mp, float(v)) for v in row]
        finite = [v for v in xs if not mp.isinf(v)]
        m = max(finite)
        terms = [mp.exp(v - m) if not mp.isinf(v) else mp.mpf(0) for v in xs]
        top = xs.index(m)  # log1p of the other terms: log(1 + 1e-44) needs no 150 bits
        log_s = mp.log1p(mp.fsum(t for j, t in enumerate(terms) if j != top))
        if name == "logsumexp":
            vals = [m + log_s]
        elif name == "softmax":
            vals = [t / mp.exp(log_s) for t in terms]
        else:
            vals = [v - m - log_s if not mp.isinf(v) else -mp.inf for v in xs]
        hi = np.array([float(v) for v in vals])
        lo = np.array([float(v - mp.mpf(h)) if np.isfinite(h) else 0.0 for v, h in zip(vals, hi)])
    return hi.reshape(shape), lo.reshape(shape)


def axis_conditioning(name: str, row, hi) -> np.ndarray:
    """The conditioning term of the contract, in ulps of the result, per element.

    softmax: ``|x_i - max|`` (the rounding of ``x_i - max`` moves ``exp`` by that many
    ulps in any implementation).  logsumexp: ``sum_j p_j |x_j| / |r|``; log_softmax:
    ``(|x_i| + sum_j p_j |x_j|) / |r_i|``, with ``p = softmax(x)``: the rounding of the
    inputs' differences, relative to the result.
    """
    x = np.asarray(row, np.float64)
    fin = np.isfinite(x)
    xf = np.where(fin, x, 0.0)
    m = xf[fin].max() if fin.any() else 0.0
    with np.errstate(all="ignore"):  # |x - max| may overflow to inf: no bound there
        if name == "softmax":
            return np.where(fin, np.abs(xf - m), 0.0)
        p = np.where(fin, np.exp(xf - m), 0.0)
        p /= p.sum()
        spread = float(np.sum(p * np.abs(xf)))
        num = spread if name == "logsumexp" else np.abs(xf) + spread
        c = np.where(hi == 0, np.where(num == 0, 0.0, np.inf), num / np.abs(hi))
    return np.where(np.isfinite(hi), c, 0.0)


def axis_errors(name: str, row, y, dtype) -> np.ndarray:
    """Error of ``y`` (name's result on ``row``) in ulps, beyond :func:`axis_conditioning`."""
    hi, lo = axis_reference(name, row)
    e = ulp_errors(np.asarray(y, np.float64), hi, lo, dtype)
    with np.errstate(invalid="ignore"):  # a wrong inf, NaN or sign of zero stays inf
        return np.where(np.isinf(e), e, np.maximum(e - axis_conditioning(name, row, hi), 0.0))


AXIS_BACKWARD = ("softmax", "log_softmax", "logsumexp")


def axis_backward_reference(name: str, g, second):
    """mpmath backward of one row, with its conditioning term.

    ``second`` is the output ``y`` of softmax / softmin / log_softmax, or the input ``x`` of
    logsumexp (whose ``g`` is one number).  Returns ``(hi, lo, cond)``: the exact
    gradient as float64 pairs, and the conditioning term in ulps of it: the rounding of
    the row's sum in any implementation (softmax: ``|y_i| sum_j |g_j y_j| / |r_i|``; log_softmax:
    ``e^{y_i} sum_j |g_j| / |r_i|``, which also covers the rounding of ``e^{y_i}``;
    logsumexp: the forward softmax's ``|x_i - max|``).
    """
    mp = mpmath()
    with mp.workprec(PREC_BITS):
        if name == "logsumexp":
            hi_s, lo_s = axis_reference("softmax", second)
            vals = [mp.mpf(float(g)) * (mp.mpf(float(h)) + mp.mpf(float(lo)))
                    for h, lo in zip(hi_s, lo_s)]
            num = None
        else:
            gs = [_mpf(mp, float(v)) for v in g]
            ys = [_mpf(mp, float(v)) for v in second]
            if name in ("softmax", "softmin"):  # softmin's: the negated softmax form
                s = mp.fsum(a * b for a, b in zip(gs, ys))
                sign = -1 if name == "softmin" else 1
                vals = [sign * b * (a - s) for a, b in zip(gs, ys)]
                size = float(mp.fsum(abs(a * b) for a, b in zip(gs, ys)))
                num = np.array([abs(float(b)) * size for b in ys])
            else:
                s = mp.fsum(gs)
                ey = [mp.exp(b) if not mp.isinf(b) else mp.mpf(0) for b in ys]
                vals = [a - e * s for a, e in zip(gs, ey)]
                size = float(mp.fsum(abs(a) for a in gs))
                num = np.array([float(e) * size for e in ey])
        hi = np.array([float(v) for v in vals])
        lo = np.array([float(v - mp.mpf(h)) if np.isfinite(h) else 0.0 for v, h in zip(vals, hi)])
    with np.errstate(all="ignore"):
        if num is None:
            cond = axis_conditioning("softmax", second, hi_s)
        else:
            cond = np.where(hi == 0, np.where(num == 0, 0.0, np.inf), num / np.abs(hi))
    return hi, lo, cond


def axis_backward_errors(name: str, g, second, got, dtype) -> np.ndarray:
    """Error of ``got`` (the backward of ``name``) in ulps, beyond its conditioning term."""
    hi, lo, cond = axis_backward_reference(name, g, second)
    got = np.asarray(got, np.float64)
    e = ulp_errors(got, hi, lo, dtype)
    with np.errstate(invalid="ignore"):
        return np.where(np.isinf(e), e, np.maximum(e - cond, 0.0))


def axis_table(targets=("fastact",), dtypes=("float32", "float64")) -> list[dict]:
    """Max error of softmax, log_softmax and logsumexp on :func:`axis_rows`.

    In ulps of the result beyond the conditioning term (:func:`axis_conditioning`): the
    measure of the accuracy contract (4 ulp).
    """
    import fastact

    libs: dict[str, Callable] = {"fastact": lambda n, r: getattr(fastact, n)(r)}
    if "scipy" in targets and _has("scipy"):
        import scipy.special as sc

        libs["scipy"] = lambda n, r: getattr(sc, n)(r)
    if "torch" in targets:
        try:
            import torch

            tf: dict[str, Callable] = {"softmax": torch.softmax, "log_softmax": torch.log_softmax,
                  "logsumexp": torch.logsumexp}
            libs["torch"] = lambda n, r: tf[n](torch.from_numpy(r), -1).numpy()
        except ImportError:
            pass
    if "jax" in targets and (jax := jax_module()) is not None:
        jf: dict[str, Callable] = {"softmax": jax.nn.softmax, "log_softmax": jax.nn.log_softmax,
                                   "logsumexp": jax.nn.logsumexp}
        libs["jax"] = lambda n, r: np.asarray(jf[n](jax.numpy.asarray(r), axis=-1))
    out = []
    for name in AXIS_CHECKED:
        for dt in dtypes:
            for lib, fn in libs.items():
                worst = 0.0
                for r in axis_rows(dt):
                    with np.errstate(all="ignore"):
                        y = np.asarray(fn(name, r), dtype=np.float64)
                    worst = max(worst, float(np.max(axis_errors(name, r, y, dt))))
                out.append({"name": name, "dtype": dt, "library": lib, "forward": worst,
                            "forward_special_wrong": 0})
    return out


def times(hi, lo, v) -> tuple[np.ndarray, np.ndarray]:
    """``(hi + lo) * v`` as a float64 pair, exactly (mpmath): a reference times an operand."""
    mp = mpmath()
    h2, l2 = np.empty(np.shape(hi)), np.zeros(np.shape(hi))
    with mp.workprec(PREC_BITS * 2):
        for i, (h, lo_, w) in enumerate(zip(hi, lo, np.asarray(v, np.float64))):
            if not (np.isfinite(h) and np.isfinite(w)):
                h2[i] = h * w
                continue
            r = (mp.mpf(float(h)) + mp.mpf(float(lo_))) * mp.mpf(float(w))
            h2[i] = float(r)
            l2[i] = float(r - mp.mpf(h2[i])) if np.isfinite(h2[i]) else 0.0
    return h2, l2


def gated_errors(name: str, dtype, approximate: str | None = None) -> dict:
    """The largest errors in ulps of the gated unit of ``name`` on the accuracy points.

    ``{'forward', 'dgate', 'dvalue', 'points'}`` against mpmath's ``f(g) v``,
    ``grad v f'(g)`` and ``grad f(g)``, with random values and gradients; ``dgate`` less the
    half ulp of ``grad * value``'s rounding (float64; exact for float32) and with the
    absolute allowance near a zero of ``f'`` (:func:`allowed_backward`).
    """
    import fastact

    dtype = np.dtype(dtype)
    entry = REGISTRY["gelu_tanh" if approximate == "tanh" else name]
    xs = points(dtype, entry)
    xs = xs[np.isfinite(xs)]
    rng = np.random.default_rng(3)
    v = rng.normal(size=xs.size).astype(dtype)
    grad = rng.normal(size=xs.size).astype(dtype)
    unit = fastact.gated(name, **({} if approximate is None else {"approximate": approximate}))
    hi, lo = reference(entry, xs, dtype=dtype)
    forward = ulp_errors(unit(xs, v), *times(hi, lo, v), dtype)
    dg, dv = unit.backward(grad, xs, v)
    gv = grad.astype(np.float64) * v.astype(np.float64)
    hd, ld = reference(entry, xs, derivative=True, grad=gv, dtype=dtype)
    dgate = ulp_errors(dg, hd, ld, dtype)
    if dtype == np.float64:
        dgate = np.maximum(dgate - 0.5, 0.0)
    dgate = np.where(allowed_backward(entry, xs, hd, dg, dtype, grad=gv), 0.0, dgate)
    dvalue = ulp_errors(dv, *times(hi, lo, grad), dtype)
    return {"forward": float(np.nanmax(forward)), "dgate": float(np.nanmax(dgate)),
            "dvalue": float(np.nanmax(dvalue)), "points": int(xs.size)}


def hvp_reference(kind: str, g, x, v):
    """mpmath Hessian-vector product of ``kind`` on one row, with its conditioning term.

    ``kind`` in softmax, log_softmax, logsumexp (``g`` one number for logsumexp).  Returns
    ``(hi, lo, cond)``: the exact product as float64 pairs, and in ulps of it the size of
    the sums any implementation forms (the same expression with every term's absolute
    value, over the result's: ``s_i (|v_i - v_top| + sum_j s_j |v_top - v_j|)`` and the
    like, each ``s_j`` weighted by its own conditioning ``1 + |x_j - max|``, as the
    forward's contract has it), where a result smaller than its terms cannot keep their
    ulps.  The plain
    formulas, at a precision of 160 bits plus 1.5 bits per unit of the row's spread.
    """
    mp = mpmath()
    fin = [float(a) for a in x if math.isfinite(float(a))]
    spread = max(fin) - min(fin) if fin else 0.0
    # the plain formulas: v - sum(s v) cancels the smallest s (e**-spread) against 1, so
    # the working precision covers the spread's bits
    with mp.workprec(PREC_BITS + int(1.5 * spread)):
        xs = [_mpf(mp, float(a)) for a in x]
        vs = [mp.mpf(float(a)) for a in v]
        m = max(a for a in xs if not mp.isinf(a))
        e = [mp.exp(a - m) if not mp.isinf(a) else mp.mpf(0) for a in xs]
        tot = mp.fsum(e)
        s = [a / tot for a in e]
        u = mp.fsum(a * b for a, b in zip(s, vs))
        w = [b - u for b in vs]
        top = xs.index(m)
        # each s_j with its own conditioning (1 + |x_j - max| ulps, the forward's contract)
        sa = [a * (1 + abs(b - m)) if not mp.isinf(b) else mp.mpf(0) for a, b in zip(s, xs)]
        wabs = [abs(b - vs[top]) + mp.fsum(a * abs(vs[top] - c) for a, c in zip(sa, vs)) for b in vs]
        if kind == "logsumexp":
            gm = mp.mpf(float(g))
            vals = [gm * a * b for a, b in zip(s, w)]
            size = [abs(gm) * a * b for a, b in zip(sa, wabs)]
        elif kind == "log_softmax":
            gsum = mp.fsum(mp.mpf(float(a)) for a in g)
            gabs = mp.fsum(abs(mp.mpf(float(a))) for a in g)
            vals = [-gsum * a * b for a, b in zip(s, w)]
            size = [gabs * a * b for a, b in zip(sa, wabs)]
        else:
            gs = [mp.mpf(float(a)) for a in g]
            dot = mp.fsum(a * b for a, b in zip(gs, s))
            gds = mp.fsum(a * b * c for a, b, c in zip(gs, s, w))
            gabs = [abs(a - gs[top]) + mp.fsum(b * abs(gs[top] - c) for b, c in zip(sa, gs)) for a in gs]
            gdsabs = mp.fsum(abs(a) * b * c for a, b, c in zip(gs, sa, wabs))
            vals = [a * (b * (c - dot) - gds) for a, b, c in zip(s, w, gs)]
            size = [a * (b * c + gdsabs) for a, b, c in zip(sa, wabs, gabs)]
        hi = np.array([float(a) for a in vals])
        lo = np.array([float(a - mp.mpf(h)) if np.isfinite(h) else 0.0 for a, h in zip(vals, hi)])
        sz = np.array([float(a) for a in size])
    with np.errstate(all="ignore"):
        cond = np.where(hi == 0, np.where(sz == 0, 0.0, np.inf), sz / np.abs(hi))
    return hi, lo, cond


CURVATURE_TAILS = (
    ("silu", 2, 40.0), ("silu", 2, -745.0), ("silu", 3, 40.0), ("sigmoid", 2, 40.0),
    ("sigmoid", 2, -720.0), ("sigmoid", 3, 40.0), ("tanh", 2, 20.0), ("tanh", 3, 20.0),
    ("tanh", 2, 1e-300), ("tanh", 2, 360.0), ("gelu", 3, 38.0), ("softplus", 2, 40.0),
    ("log_sigmoid", 2, 40.0), ("mish", 2, 30.0), ("mish", 3, -740.0), ("elu", 2, -740.0),
    ("gelu_tanh", 2, -12.0), ("log1mexp", 2, 700.0), ("swish", 2, 40.0),
)
"""``(function, order, x)``: float64 inputs where autograd's second or third derivative
(PyTorch's or JAX's, or both) returns 0 or loses its digits: saturated sigmoids and tanh
(``1 - s`` and ``1 - t**2`` round to 0), the Gaussian and exponential tails, tiny
arguments; log1mexp and swish, which neither has as a function, at the same tails."""


def curvature_tails(targets=("fastact", "torch", "jax")) -> list[dict]:
    """Rows ``{name, order, x, exact, fastact, torch, jax}`` at :data:`CURVATURE_TAILS` (float64)."""
    from .._spec.registry import derivative_name, lookup

    rows = []
    for name, n, x in CURVATURE_TAILS:
        xs = np.array([x])
        kwargs = {k: v for k, v in REGISTRY[name].defaults().items() if k != "approximate"}
        hi, lo = reference(lookup(derivative_name(name, n)), xs, kwargs)
        row: dict = {"name": name, "order": n, "x": x, "exact": float(hi[0])}
        for lib, got in _higher_values(name, n, kwargs, xs, "float64", targets):
            row[lib] = None if got is None else float(np.asarray(got)[0])
        rows.append(row)
    return rows

