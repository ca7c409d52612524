"""Second and third derivatives (``NAME_derivative2`` / ``3``) and the double backward.

The contract (:data:`fastact._tools.accuracy.CURVATURE_ULP`): ``f''`` within 16 ulp and
``f'''`` within 32 ulp of mpmath beyond the conditioning term near their zeros
(:func:`fastact._tools.accuracy.curvature_conditioning`), float32 and float64, every
target, on the accuracy points (which hold the zeros of each derivative, the subnormal
tails and the overflow thresholds); a subnormal result within the subnormal spacing, a
zero with the sign of the exact value.
"""

import math

import numpy as np
import pytest
from conftest import DTYPES, TARGETS, cached_points, cached_reference, call, report
from hypothesis import given, settings
from hypothesis import strategies as st

import fastact
from fastact._spec.registry import DERIVED, REGISTRY, REQUIRED, derivative_name, lookup
from fastact._tools.accuracy import (
    CURVATURE_TAILS,
    CURVATURE_ULP,
    _param_values,
    curvature_errors,
    mpmath,
    reference,
    ulp_errors,
)


def derived_cases():
    out = []
    for name, e in DERIVED.items():
        if all(p.default is not REQUIRED for p in e.params):
            out.append((name, {}))
        out += [(name, dict(tp)) for tp in e.test_params]
    return out


CASES = derived_cases()
IDS = [n + "".join(f"-{k}={v}" for k, v in p.items()) for n, p in CASES]


def _key(params):
    return tuple(sorted(params.items()))


@pytest.mark.parametrize("dtype", DTYPES, ids=["f32", "f64"])
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_higher_derivative_ulp(name, params, target, dtype):
    e = lookup(name)
    xs = cached_points(name, _key(params), dtype)
    hi, lo = cached_reference(name, _key(params), dtype, False)
    x0 = xs.copy()
    y = np.asarray(call(target, name, xs, params))
    assert y.dtype == dtype
    np.testing.assert_array_equal(xs, x0)
    err = curvature_errors(e, xs, y, hi, lo, {k: v for k, v in params.items() if k != "approximate"},
                           dtype)
    bad = err > CURVATURE_ULP[e.order]
    assert not bad.any(), report(xs[bad], y[bad], hi[bad], err[bad])


def test_every_elementwise_function_has_both_orders():
    for name in REGISTRY:
        for n in (2, 3):
            e = DERIVED[derivative_name(name, n)]
            assert e.base == name and e.order == n and e.backward is None
            assert callable(getattr(fastact, e.name))
        assert callable(getattr(fastact, name + "_double_backward"))


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_the_references_are_derivatives_of_each_other(name, params):
    """``f''`` is mpmath's derivative of the registry's ``f'`` reference, ``f'''`` of ``f''``."""
    mp = mpmath()
    e = lookup(name)
    below = REGISTRY[e.base].dref if e.order == 2 else DERIVED[derivative_name(e.base, 2)].ref
    pv = _param_values(e, {k: v for k, v in params.items() if k != "approximate"}, np.float64)
    rng = np.random.default_rng(sum(map(ord, name)))
    xs = np.concatenate([rng.uniform(-8, 8, 16), rng.uniform(-30, 30, 6)])
    if e.domain is not None:
        lo, hi = (max(v, -30.0) if v < 0 else min(v, 30.0) for v in e.domain)
        xs = rng.uniform(lo, hi, 22)
    bad = []
    with mp.workprec(200):
        for x in xs:
            xm = mp.mpf(float(x))
            want = mp.diff(lambda t: below(mp, t, *pv), xm)
            got = mp.mpf(e.ref(mp, xm, *pv))
            if abs(got - want) > mp.mpf(10) ** -40 * (1 + abs(want)):
                bad.append(f"x={x!r}: ref={mp.nstr(got, 20)} d/dx={mp.nstr(want, 20)}")
    assert not bad, "\n".join(bad[:8])




@pytest.mark.parametrize("dtype", DTYPES, ids=["f32", "f64"])
@pytest.mark.parametrize(("name", "order", "x"), CURVATURE_TAILS)
def test_named_tails_where_the_peers_return_zero(name, order, x, dtype):
    e = DERIVED[derivative_name(name, order)]
    xs = np.array([x], dtype)
    hi, lo = reference(e, xs)
    y = getattr(fastact, e.name)(xs)
    if dtype == np.float64:
        assert hi[0] != 0.0, (name, order, x)
    assert ulp_errors(y, hi, lo, dtype)[0] <= CURVATURE_ULP[order], (y, hi)


KINKS = [  # (function, x, f''(x)): the conventions each docstring states
    ("relu", 0.0, 0.0), ("relu6", 6.0, 0.0), ("hardtanh", 1.0, 0.0), ("leaky_relu", 0.0, 0.0),
    ("sparse_plus", -1.0, 0.0), ("sparse_plus", 1.0, 0.0), ("sparse_plus", 0.999, 0.5),
    ("hardswish", -3.0, 0.0), ("hardswish", 3.0, 0.0), ("hardswish", 2.5, 1 / 3),
    ("elu", 0.0, 1.0), ("selu", 0.0, 1.7580993408473768), ("celu", 0.0, 1.0),
    ("softsign", 0.0, 0.0), ("softsign", -0.0, 0.0), ("binary_step", 0.0, 0.0),
]


@pytest.mark.parametrize(("name", "x", "want"), KINKS)
def test_second_derivative_at_the_kinks(name, x, want):
    for target in TARGETS:
        got = call(target, derivative_name(name, 2), np.array([x]), {})
        assert got[0] == want, (target, got)
    third = call("public", derivative_name(name, 3), np.array([x]), {})[0]
    if name in ("elu", "selu", "celu"):
        assert third == want  # the negative branch at 0, as f' takes it
    elif name == "softsign":
        assert third == 6.0
    else:
        assert third == 0.0


def test_nan_gives_nan_and_the_domains_hold():
    for name in DERIVED:
        e = DERIVED[name]
        kw = dict(e.test_params[0]) if any(p.default is REQUIRED for p in e.params) else {}
        assert np.isnan(getattr(fastact, name)(np.array([np.nan]), **kw)[0]), name
    assert np.isnan(fastact.logit_derivative2(1.5)) and np.isnan(fastact.log1mexp_derivative3(-1.0))
    assert fastact.logit_derivative2(0.0) == -np.inf and fastact.logit_derivative3(1.0) == np.inf
    assert fastact.log1mexp_derivative2(0.0) == -np.inf
    assert fastact.log1mexp_derivative2(-0.0) == -np.inf  # -0.0 is the end of the domain


def test_derivative_returns_the_functions():
    assert fastact.derivative("gelu", 2) is fastact.gelu_derivative2
    assert fastact.derivative("logsigmoid", 3) is fastact.log_sigmoid_derivative3
    assert fastact.derivative("tanh", 0) is fastact.tanh
    x = np.linspace(-3, 3, 7)
    np.testing.assert_array_equal(fastact.derivative("silu", 1)(x), fastact.silu_backward(1.0, x))
    with pytest.raises(ValueError, match="order"):
        fastact.derivative("gelu", 4)
    with pytest.raises(ValueError, match="unknown"):
        fastact.derivative("nope", 2)
    with pytest.raises(AttributeError):
        fastact.cpu.gelu_derivative2_backward  # noqa: B018  (no backward of a derivative)


def test_parameters_dtype_rules_and_out():
    x = np.linspace(-4, 4, 9, dtype=np.float32)
    assert fastact.gelu_derivative2(x).dtype == np.float32
    assert fastact.gelu_derivative2(x.astype(np.float16)).dtype == np.float16
    assert fastact.gelu_derivative2(np.arange(-3, 4)).dtype == np.float64
    assert isinstance(fastact.gelu_derivative3(1.0), np.float64)
    np.testing.assert_array_equal(fastact.gelu_derivative2(x, approximate="tanh"),
                                  fastact.gelu_tanh_derivative2(x))
    y = fastact.swish_derivative2(x[:, None], beta=np.array([0.5, 1.7]))
    assert y.shape == (9, 2)
    np.testing.assert_array_equal(y[:, 1], fastact.swish_derivative2(x, beta=1.7))
    out = np.full(18, 7.0, np.float32)
    fastact.tanh_derivative3(x, out=out[::2])
    assert (out[1::2] == 7.0).all()
    np.testing.assert_array_equal(out[::2], fastact.tanh_derivative3(x))
    np.testing.assert_array_equal(fastact.silu_derivative2(x, bias=0.5), fastact.silu_derivative2(x + 0.5))
    with pytest.raises(ValueError):
        fastact.softplus_derivative2(x, beta=0.0)
    with pytest.raises(TypeError):
        fastact.gelu_derivative2(np.array([1 + 1j]))


def test_inside_numba_the_same_bits():
    from numba import njit

    @njit
    def both(x):
        out = np.empty((2, x.size))
        for i in range(x.size):
            out[0, i] = fastact.mish_derivative2(x[i])
            out[1, i] = fastact.gelu_derivative3(x[i], approximate="tanh")
        return out

    x = np.linspace(-10, 10, 41)
    got = both(x)
    np.testing.assert_array_equal(got[0], fastact.mish_derivative2(x))
    np.testing.assert_array_equal(got[1], fastact.gelu_tanh_derivative3(x))


# ---- the double backward ----------------------------------------------------------


DOUBLE = [(n, dict(REGISTRY[n].test_params[0]) if any(p.default is REQUIRED for p in REGISTRY[n].params)
           else {}) for n in REGISTRY if n != "gelu_tanh"] + [("gelu", {"approximate": "tanh"})]


@pytest.mark.parametrize("dtype", DTYPES, ids=["f32", "f64"])
@pytest.mark.parametrize(("name", "params"), DOUBLE, ids=[n + str(p) for n, p in DOUBLE])
def test_double_backward_against_mpmath(name, params, dtype):
    key = "gelu_tanh" if params.get("approximate") == "tanh" else name
    kw = {k: v for k, v in params.items() if k != "approximate"}
    e2 = DERIVED[derivative_name(key, 2)]
    xs = cached_points(e2.name, _key(kw), dtype)
    xs = xs[np.isfinite(xs)]
    rng = np.random.default_rng(7)
    gg = rng.uniform(-2, 2, xs.size).astype(dtype)
    grad = rng.uniform(-2, 2, xs.size).astype(dtype)
    dgrad, dx = getattr(fastact, name + "_double_backward")(gg, grad, xs, **params)
    assert dgrad.dtype == dx.dtype == dtype
    backward = fastact.get(name + "_backward")(gg, xs, **params)
    np.testing.assert_array_equal(dgrad, backward[0] if name == "prelu" else backward)
    prod = gg.astype(np.float64) * grad.astype(np.float64)  # rounded once for float64
    hi, lo = reference(e2, xs, kw, grad=prod, dtype=dtype)
    err = curvature_errors(e2, xs, dx, hi, lo, kw, dtype)
    if dtype == np.float64:
        err = np.maximum(err - 0.5, 0.0)  # the rounding of gg * grad
    bad = err > CURVATURE_ULP[2]
    assert not bad.any(), report(xs[bad], dx[bad], hi[bad], err[bad])


def test_double_backward_broadcasts_and_writes_out():
    x = np.linspace(-3, 3, 12).reshape(3, 4)
    gg, grad = np.float32(2.0), np.arange(4.0)
    dgrad, dx = fastact.silu_double_backward(gg, grad, x)
    assert dgrad.shape == dx.shape == (3, 4) and dx.dtype == np.float64
    np.testing.assert_array_equal(dgrad, fastact.silu_backward(np.full_like(x, 2.0), x))
    np.testing.assert_array_equal(dx, (2.0 * grad) * fastact.silu_derivative2(x))
    o1, o2 = np.empty((3, 4)), np.empty((4, 3)).T
    r = fastact.silu_double_backward(gg, grad, x, out=(o1, o2))
    assert r[0] is o1 and r[1] is o2
    np.testing.assert_array_equal(o2, dx)
    r = fastact.silu_double_backward(gg, grad, x, out=(None, o2))
    np.testing.assert_array_equal(r[0], dgrad)
    s = fastact.tanh_double_backward(1.0, 1.0, 0.5)
    assert isinstance(s[0], np.float64) and s[1] == fastact.tanh_derivative2(0.5)
    with pytest.raises(TypeError, match="pair"):
        fastact.silu_double_backward(gg, grad, x, out=o1)
    with pytest.raises(ValueError, match="shape"):
        fastact.silu_double_backward(gg, grad, x, out=(np.empty(12), None))
    ro = np.empty((3, 4))
    ro.flags.writeable = False
    with pytest.raises(ValueError):
        fastact.silu_double_backward(gg, grad, x, out=(ro, None))
    with pytest.raises(TypeError):
        fastact.silu_double_backward(gg, grad, np.array(["a"]))


def test_double_backward_split_over_threads_is_the_serial_result():
    rng = np.random.default_rng(0)
    n = 1 << 18
    x, gg, grad = (rng.normal(size=n) * 4 for _ in range(3))
    big = fastact.gelu_double_backward(gg, grad, x)
    small = [fastact.gelu_double_backward(gg[i:i + 1000], grad[i:i + 1000], x[i:i + 1000])
             for i in range(0, n, 1000)]
    for k in range(2):
        np.testing.assert_array_equal(big[k], np.concatenate([s[k] for s in small]))


def test_double_backward_with_parameter_arrays_runs_two_passes():
    x = np.linspace(-2, 2, 5)
    w = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
    dgrad, dx = fastact.prelu_double_backward(1.0, 1.0, x, w)
    np.testing.assert_array_equal(dgrad, fastact.prelu_backward(np.ones(5), x, w)[0])
    assert (dx == 0).all()


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["gelu", "silu", "tanh", "mish", "softplus", "elu"]),
       st.sampled_from([np.float32, np.float64, ">f8", "<f4", np.int32]),
       st.integers(1, 3), st.booleans())
def test_double_backward_any_layout_and_dtype(name, dt, step, transpose):
    rng = np.random.default_rng(step)
    base = (rng.normal(size=(7, 9)) * 5).astype(dt)
    x = base[::step, ::-1]
    x = x.T if transpose else x
    gg = np.asarray(rng.normal(size=x.shape)).astype(np.float32)
    grad = np.asarray(rng.normal(size=x.shape[-1:]))
    x0 = x.copy()
    dgrad, dx = getattr(fastact, name + "_double_backward")(gg, grad, x)
    np.testing.assert_array_equal(x, x0)
    compute = np.result_type(gg.dtype, grad.dtype, np.dtype(dt).newbyteorder("=")
                             if np.dtype(dt).kind == "f" else np.float64)
    xc = np.ascontiguousarray(x, dtype=compute)
    want = getattr(fastact, name + "_double_backward")(
        np.ascontiguousarray(np.broadcast_to(gg, x.shape), compute),
        np.ascontiguousarray(np.broadcast_to(grad, x.shape), compute), xc)
    np.testing.assert_array_equal(dgrad, want[0])
    np.testing.assert_array_equal(dx, want[1])


def test_double_backward_of_a_dask_array_stays_lazy():
    da = pytest.importorskip("dask.array")
    x = da.from_array(np.linspace(-3, 3, 10), chunks=5)
    dgrad, dx = fastact.tanh_double_backward(1.0, 2.0, x)
    assert isinstance(dx, da.Array)
    np.testing.assert_allclose(dx.compute(), 2.0 * fastact.tanh_derivative2(np.linspace(-3, 3, 10)),
                               rtol=1e-15)
    assert not math.isnan(float(dgrad.sum().compute()))


def test_a_user_activation_with_its_higher_derivatives():
    import numba

    def softclip(x, c):
        return c * math.tanh(x / c)

    def softclip_d(x, c):
        t = math.tanh(x / c)
        return 1.0 - t * t

    def softclip_d2(x, c):
        t = math.tanh(x / c)
        return -2.0 * t * (1.0 - t * t) / c

    def softclip_d3(x, c):
        t = math.tanh(x / c)
        return 2.0 * (1.0 - t * t) * (3.0 * t * t - 1.0) / (c * c)

    def ref(x, c):
        import mpmath

        return c * mpmath.tanh(x / c)

    f = fastact.activation(softclip, softclip_d, params={"c": 2.0}, reference=ref,
                           derivative2=softclip_d2, derivative3=softclip_d3, name="softclip_curv")
    x = np.linspace(-6, 6, 25)
    d2 = np.array([softclip_d2(v, 3.0) for v in x])
    np.testing.assert_array_equal(f.derivative2(x, c=3.0), d2)
    np.testing.assert_array_equal(fastact.derivative("softclip_curv", 2)(x, c=3.0), d2)
    np.testing.assert_array_equal(fastact.cpu.softclip_curv_derivative3(x, 3.0),
                                  [softclip_d3(v, 3.0) for v in x])
    assert fastact.get("softclip_curv_derivative3") is f.derivative3
    dgrad, dx = f.double_backward(np.full(25, 2.0), np.full(25, 0.5), x, c=3.0)
    np.testing.assert_array_equal(dgrad, f.backward(np.full(25, 2.0), x, c=3.0))
    np.testing.assert_array_equal(dx, 1.0 * d2)
    second = f.derivative2
    inside = numba.njit(lambda v: second(v, 3.0))
    assert inside(0.7) == softclip_d2(0.7, 3.0)
    # the references: mpmath.diff of the forward's
    mp = mpmath()
    e = lookup("softclip_curv_derivative3")
    with mp.workprec(120):
        got = e.ref(mp, mp.mpf(0.3), 2.0)
        t = mp.tanh(mp.mpf(0.3) / 2)
        assert abs(got - 2 * (1 - t * t) * (3 * t * t - 1) / 4) < mp.mpf(10) ** -25
    with pytest.raises(TypeError, match="derivative2"):
        fastact.activation(softclip, softclip_d, params={"c": 2.0}, derivative3=softclip_d3,
                           name="softclip_only3")


@pytest.mark.parametrize("name", ["silu", "gelu", "tanh", "softplus", "mish", "elu", "log_sigmoid"])
def test_pytorch_gradgradcheck_with_fastact_kernels(name):
    """fastact's f, f' and double backward as a PyTorch autograd.Function pass gradgradcheck."""
    torch = pytest.importorskip("torch")
    f, fb = getattr(fastact, name), getattr(fastact, name + "_backward")
    fdb = getattr(fastact, name + "_double_backward")

    def t(a):
        return torch.from_numpy(np.asarray(a, np.float64))

    class Backward(torch.autograd.Function):
        @staticmethod
        def forward(ctx, g, x):
            ctx.save_for_backward(g, x)
            return t(fb(g.detach().numpy(), x.detach().numpy()))

        @staticmethod
        def backward(ctx, gg):
            g, x = ctx.saved_tensors
            dgrad, dx = fdb(gg.detach().numpy(), g.detach().numpy(), x.detach().numpy())
            return t(dgrad), t(dx)

    class Forward(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return t(f(x.detach().numpy()))

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return Backward.apply(g, x)

    x = torch.tensor(np.random.default_rng(3).normal(size=12) * 2, requires_grad=True)
    assert torch.autograd.gradcheck(Forward.apply, (x,))
    assert torch.autograd.gradgradcheck(Forward.apply, (x,))


def test_double_backward_inside_numba():
    from numba import njit
    from numba.core.errors import TypingError

    @njit
    def both(gg, g, x):
        a = fastact.gelu_double_backward(gg, g, x)
        b = fastact.gelu_double_backward(gg, g, x, approximate="tanh")
        c = fastact.softplus_double_backward(gg, g, x, beta=2.0)
        return a, b, c

    for dt in (np.float64, np.float32):
        gg, g, x = dt(1.5), dt(-0.7), dt(0.3)
        got = both(gg, g, x)
        want = (fastact.gelu_double_backward(gg, g, x),
                fastact.gelu_double_backward(gg, g, x, approximate="tanh"),
                fastact.softplus_double_backward(gg, g, x, beta=2.0))
        for gv, wv in zip(got, want):  # (Numba returns Python floats of the dtype's value)
            assert gv == wv, (gv, wv)
    with pytest.raises(TypingError, match="scalars"):
        njit(lambda v: fastact.tanh_double_backward(v, v, v))(np.ones(3))
