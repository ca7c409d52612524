"""Special values, gradient conventions at kinks, and the NumPy-ufunc behaviour."""

import math

import numba
import numpy as np
import pytest
from conftest import CASE_IDS, CASES, TARGETS, call, ufunc_args
from hypothesis import given, settings
from hypothesis import strategies as st

import fastact
from fastact._spec.registry import REGISTRY, REQUIRED, lookup

inf, nan = math.inf, math.nan

# the values at +-inf and the gradients at the kinks are the registry's data (the
# docstrings state the same data): the code must do what the docs say
LIMITS = [(name, x, lim) for name, params in CASES if not params
          for x, lim in zip((-inf, inf), lookup(name).limits) if lim == lim]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize(("name", "x", "want"), LIMITS)
def test_limits_at_infinity(name, x, want, target, dtype):
    y = call(target, name, np.array([x], dtype), {})
    assert y[0] == np.asarray(want, dtype), y


def test_elu_limit_follows_alpha():
    assert fastact.elu(-inf, alpha=2.5) == -2.5


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_nan_in_nan_out(name, params, target):
    x = np.array([nan, 1.0, nan], np.float64)
    assert np.isnan(call(target, name, x, params)[[0, 2]]).all()
    g = np.ones(3)
    assert np.isnan(call(target, name, x, params, backward=True, grad=g)[[0, 2]]).all()


KINK_PARAMS = CASES + [("threshold", {"threshold": 1.0, "value": 7.0}),
                      ("leaky_relu", {"negative_slope": 0.2}), ("prelu", {"weight": 0.25}),
                      ("elu", {"alpha": 0.5}), ("hardtanh", {"min_val": -2.0, "max_val": 3.0})]
KINKS = [(name, params, x, g) for name, params in KINK_PARAMS
         for x, g in lookup(name).kink_points(params)]


def test_the_kink_table_is_not_empty():
    assert len(KINKS) > 25 and {k[0] for k in KINKS} >= {"relu", "hardswish", "threshold", "selu"}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize(("name", "params", "x", "want"), KINKS)
def test_gradient_at_kinks(name, params, x, want, target):
    g = call(target, name, np.array([x]), params, backward=True, grad=np.array([1.0]))
    assert g[0] == want


def test_mask_gradient_is_exact_zero_even_for_infinite_grad():
    assert fastact.relu_backward(np.inf, -1.0) == 0.0


# --- ufunc behaviour -------------------------------------------------------------------

def test_cpu_and_parallel_are_real_ufuncs():
    for name in REGISTRY:
        for mod in (fastact.cpu, fastact.parallel):
            assert isinstance(getattr(mod, name), np.ufunc)
            assert isinstance(getattr(mod, name + "_backward"), np.ufunc)
    assert fastact.cpu.leaky_relu.nin == 2
    assert fastact.cpu.leaky_relu_backward.nin == 3


@pytest.mark.parametrize("name", [n for n, e in REGISTRY.items() if e.ufunc_params])
def test_bind_gives_the_parameters_by_keyword(name):
    """fastact.cpu.bind(name, p=...) is the ufunc with those parameters, defaults filled in."""
    e = lookup(name)
    x = np.linspace(-4, 4, 33)
    g = np.linspace(0.5, 2, 33)
    params = e.test_params[0] if e.test_params else {}
    kw = {p.name: params.get(p.name, p.default) for p in e.ufunc_params}
    kw = {k: v for k, v in kw.items() if v is not REQUIRED}
    missing = [p.name for p in e.ufunc_params if p.name not in kw]
    kw.update({m: {"threshold": 0.5, "value": -1.0, "weight": 0.25}[m] for m in missing})
    for mod in (fastact.cpu, fastact.parallel):
        bound = mod.bind(name, **kw)
        np.testing.assert_array_equal(bound(x), fastact.get(name)(x, **kw))
        back = mod.bind(name + "_backward", **kw)(g, x)
        want = fastact.get(name + "_backward")(g, x, **kw)
        np.testing.assert_array_equal(back, want[0] if isinstance(want, tuple) else want)
        out = np.empty_like(x)
        assert bound(x, out=out) is out
        assert isinstance(bound.ufunc, np.ufunc)
    if missing:
        with pytest.raises(TypeError, match="no default"):
            fastact.cpu.bind(name)


def test_bind_errors_and_ufunc_help():
    with pytest.raises(TypeError, match="unknown parameter"):
        fastact.cpu.bind("leaky_relu", slope=0.2)
    with pytest.raises(ValueError, match="no function"):
        fastact.parallel.bind("no_such_function")
    with pytest.raises(ValueError, match="min_val <= max_val"):
        fastact.cpu.bind("hardtanh", min_val=2.0, max_val=1.0)
    doc = fastact.cpu.leaky_relu_backward.__doc__
    if doc.startswith("leaky_relu_backward(grad, x, negative_slope, /"):  # NumPy >= 2.1
        assert "negative_slope=0.01" in doc and "bind(" in doc
    else:
        assert np.lib.NumpyVersion(np.__version__) < "2.1.0", doc


def test_unknown_target_attribute():
    with pytest.raises(AttributeError):
        fastact.cpu.no_such_function  # noqa: B018


@pytest.mark.parametrize(("inp", "want"), [
    (np.float32, np.float32), (np.float64, np.float64), (np.int64, np.float64),
    (np.int8, np.float64), (np.uint16, np.float64), (np.bool_, np.float64),
    (np.float16, np.float16),
])
def test_result_dtype(inp, want):
    x = np.array([0, 1, 1], dtype=inp)
    assert fastact.sigmoid(x).dtype == want
    assert fastact.leaky_relu(x, negative_slope=0.5).dtype == want
    assert fastact.sigmoid_backward(x, x).dtype == want


@given(st.sampled_from([np.float16, np.float32, np.float64]),
       st.sampled_from([1, 0.5, True, -2.0]))
@settings(max_examples=24, deadline=None)
def test_python_numbers_are_weak(dtype, number):
    """A Python number beside an array takes its dtype (NumPy's NEP 50, PyTorch, the ufuncs);
    a NumPy scalar counts (float64 here); Python numbers alone give float64."""
    x = np.linspace(-2, 2, 8).astype(dtype)
    x2 = x.reshape(2, 4)
    y = fastact.softmax(x2)
    labels = np.array([0, 3])
    got = {
        "elementwise": fastact.gelu_backward(number, x),
        "bias": fastact.gelu_backward(number, x2, bias=np.zeros(4, dtype))[0],
        "double": fastact.sigmoid_double_backward(number, number, x)[0],
        "softmax": fastact.softmax_backward(number, y),
        "log_softmax": fastact.log_softmax_backward(number, fastact.log_softmax(x2)),
        "logsumexp": fastact.logsumexp_backward(number, x2),
        "xent": fastact.softmax_cross_entropy_backward(number, x2, labels),
        "bce": fastact.sigmoid_binary_cross_entropy_backward(number, x, 1.0),
        "prelu": fastact.prelu_backward(number, x, 0.25)[0],
    }
    if dtype != np.float16:  # (the ufunc's loops are float32 and float64)
        got["ufunc"] = fastact.cpu.gelu_backward(number, x)
    for what, r in got.items():
        assert r.dtype == dtype, (what, r.dtype)
    assert fastact.gelu_backward(np.float64(number), x).dtype == np.float64
    assert fastact.softmax_backward(np.float64(number), y).dtype == np.float64
    assert isinstance(fastact.gelu_backward(number, 0.5), np.float64)


def test_python_numbers_are_weak_for_dask():
    da = pytest.importorskip("dask.array")
    x = np.linspace(-2, 2, 8).astype(np.float32).reshape(2, 4)
    dx = da.from_array(x, chunks=(1, 4))
    for r in (fastact.gelu_backward(1.0, dx), fastact.softmax_backward(1.0, fastact.softmax(dx)),
              fastact.softmax_cross_entropy_backward(1.0, dx, da.from_array(np.array([0, 3]), 1))):
        assert r.dtype == np.float32 and r.compute().dtype == np.float32


def test_float16_is_rounded_from_float32():
    x = np.linspace(-5, 5, 101).astype(np.float16)
    y = fastact.sigmoid(x)
    np.testing.assert_array_equal(y, fastact.sigmoid(x.astype(np.float32)).astype(np.float16))


def test_scalars_lists_0d_and_empty():
    assert isinstance(fastact.sigmoid(0.0), np.float64)
    assert fastact.sigmoid(0.0) == 0.5
    assert fastact.relu([-1, 2]).tolist() == [0.0, 2.0]
    assert fastact.tanh(np.array(0.0, np.float32)).dtype == np.float32
    e = fastact.gelu(np.empty((0, 3), np.float32))
    assert e.shape == (0, 3) and e.dtype == np.float32


def test_broadcasting_of_parameters():
    x = np.linspace(-2, 2, 5)[:, None]
    slopes = np.array([0.1, 0.2, 0.3])
    y = fastact.leaky_relu(x, negative_slope=slopes)
    assert y.shape == (5, 3)
    np.testing.assert_array_equal(y, np.where(x > 0, x, slopes * x))
    gx = fastact.leaky_relu_backward(np.ones((5, 3)), x, negative_slope=slopes)
    np.testing.assert_array_equal(gx, np.where(x > 0, 1.0, slopes + 0 * x))


def test_out_and_in_place():
    x = np.linspace(-5, 5, 1001)
    want = fastact.silu(x)
    out = np.empty_like(x)
    assert fastact.silu(x, out=out) is out
    np.testing.assert_array_equal(out, want)
    y = x.copy()
    fastact.silu(y, out=y)
    np.testing.assert_array_equal(y, want)
    out32 = np.empty(x.shape, np.float32)
    fastact.silu(x, out=out32)
    np.testing.assert_array_equal(out32, want.astype(np.float32))


@pytest.mark.parametrize("layout", ["strided", "reversed", "fortran", "3d-transposed"])
def test_any_strides_and_order(layout):
    base = np.random.default_rng(0).normal(size=(40, 30, 6)) * 10
    x = {"strided": base[::2, 1::3], "reversed": base[::-1, :, ::-2],
         "fortran": np.asfortranarray(base), "3d-transposed": base.transpose(2, 0, 1)}[layout]
    want = fastact.cpu.mish(np.ascontiguousarray(x))
    np.testing.assert_array_equal(fastact.mish(x), want)
    np.testing.assert_array_equal(fastact.cpu.mish(x), want)
    np.testing.assert_array_equal(fastact.parallel.mish(x), want)


@pytest.mark.parametrize("threads", ["numba", "pool"])
@pytest.mark.parametrize("name", ["sigmoid", "gelu", "relu", "leaky_relu", "softplus", "elu"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_threaded_path_matches_serial(name, dtype, threads, monkeypatch):
    from fastact._core import threads as thread_policy
    from fastact._cpu import elementwise as _dispatch

    # both ways of splitting: Numba's threads (NAME_split) and the Python pool (used where
    # Numba's layer cannot run: a forked child of a GNU OpenMP process, workqueue)
    if threads == "numba":
        if not thread_policy.native_threads():
            pytest.skip(f"Numba's threading layer here: {numba.threading_layer()}")
    else:
        monkeypatch.setattr(thread_policy, "native_threads", lambda: False)
    monkeypatch.setattr(_dispatch, "split_at", lambda name, native: 1 << 17)
    pool_calls = []
    pool = _dispatch.split_on_pool
    monkeypatch.setattr(_dispatch, "split_on_pool", lambda *a: (pool_calls.append(a), pool(*a)))
    n = (1 << 18) + 37
    x = (np.random.default_rng(1).normal(size=n) * 20).astype(dtype)
    pv = ufunc_args(name, {})
    want = getattr(fastact.cpu, name)(x, *pv)
    np.testing.assert_array_equal(fastact.get(name)(x), want)
    out = np.empty_like(x)
    fastact.get(name)(x, out=out)
    np.testing.assert_array_equal(out, want)
    g = np.random.default_rng(2).normal(size=n).astype(dtype)
    np.testing.assert_array_equal(fastact.get(name + "_backward")(g, x),
                                  getattr(fastact.cpu, name + "_backward")(g, x, *pv))
    assert bool(pool_calls) == (threads == "pool")  # the path named above ran


PARAM_CASES = [(n, p) for n, p in CASES if lookup(n).nparams]


@pytest.mark.parametrize("shape", [(600,), (40_000,), (300, 70)], ids=["600", "40000", "2d"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("name", "params"), PARAM_CASES,
                         ids=[n + "".join(f"-{k}={v}" for k, v in p.items()) for n, p in PARAM_CASES])
def test_scalar_parameters_match_the_ufunc(name, params, dtype, shape):
    # scalar parameters reach the compiled loops as loop invariants (cast to the dtype,
    # 1-d and reshaped N-d, out=); the reference passes them as full arrays to the ufunc
    x = (np.random.default_rng(3).normal(size=shape) * 8).astype(dtype)
    for k, v in enumerate([nan, inf, -inf, -0.0]):
        x.flat[k::97 + k] = v
    g = np.random.default_rng(4).normal(size=shape).astype(dtype)
    pv = [np.full(shape, v, dtype) for v in ufunc_args(name, params)]
    with np.errstate(all="ignore"):
        want = getattr(fastact.cpu, name)(x, *pv)
        dwant = getattr(fastact.cpu, name + "_backward")(g, x, *pv)
    np.testing.assert_array_equal(fastact.get(name)(x, **params), want)
    out = np.empty_like(x)
    fastact.get(name)(x, **params, out=out)
    np.testing.assert_array_equal(out, want)
    d = fastact.get(name + "_backward")(g, x, **params)
    np.testing.assert_array_equal(d[0] if name == "prelu" else d, dwant)


def test_negative_zero_parameter_is_not_confused_with_zero():
    x = np.full(20_000, -1.0)
    assert np.signbit(fastact.threshold(x, 0.0, -0.0)).all()
    assert not np.signbit(fastact.threshold(x, 0.0, 0.0)).any()


def test_threads_follow_numba_setting():
    import numba

    from fastact._core.threads import num_threads

    n0 = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        assert num_threads() == 1
        x = np.linspace(-3, 3, 1 << 18)
        np.testing.assert_array_equal(fastact.tanh(x), fastact.cpu.tanh(x))
    finally:
        numba.set_num_threads(n0)


# --- errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [
    np.array([1 + 2j]), np.array([1.0], dtype=object), np.array(["a"]), ["a", "b"],
    np.array(["2020-01-01"], dtype="datetime64[D]"),
])
def test_non_real_input_is_a_type_error(bad):
    with pytest.raises(TypeError, match="real numbers"):
        fastact.sigmoid(bad)
    with pytest.raises(TypeError):
        fastact.relu_backward(np.ones(1), bad)


def test_bad_parameter_type():
    with pytest.raises(TypeError):
        fastact.leaky_relu([1.0], negative_slope="0.1")


def test_out_of_wrong_shape_is_a_value_error_and_leaves_input():
    x = np.linspace(-1, 1, 10)
    x0 = x.copy()
    out = np.zeros(7)
    with pytest.raises(ValueError):
        fastact.sigmoid(x, out=out)
    np.testing.assert_array_equal(x, x0)
    assert not out.any()


def test_out_of_wrong_kind():
    with pytest.raises(TypeError):
        fastact.sigmoid(np.ones(3), out=np.zeros(3, int))
    with pytest.raises(TypeError):
        fastact.sigmoid(np.ones(3), out=[0.0, 0.0, 0.0])


def test_gelu_approximate_choices():
    x = np.linspace(-3, 3, 7)
    np.testing.assert_array_equal(fastact.gelu(x, approximate="tanh"), fastact.gelu_tanh(x))
    np.testing.assert_array_equal(fastact.gelu_backward(np.ones(7), x, approximate="tanh"),
                                  fastact.gelu_tanh_backward(np.ones(7), x))
    with pytest.raises(ValueError, match="approximate"):
        fastact.gelu(x, approximate="erf")


def test_threshold_has_no_defaults():
    with pytest.raises(TypeError):
        fastact.threshold([1.0])
    assert fastact.threshold([0.5, 2.0], 1.0, -1.0).tolist() == [-1.0, 2.0]


def test_softplus_threshold_as_pytorch():
    x = np.array([19.0, 20.5, 30.0])
    y = fastact.softplus(x, threshold=20.0)
    assert y[1] == 20.5 and y[2] == 30.0 and y[0] > 19.0
    assert fastact.softplus(20.5) > 20.5  # exact by default


# --- prelu / rrelu ------------------------------------------------------------------------

def test_prelu_channel_weight_and_its_gradient():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 4, 5))
    w = np.array([0.1, 0.25, 0.5])
    y = fastact.prelu(x, w[:, None, None])
    np.testing.assert_array_equal(y, np.where(x > 0, x, w[:, None, None] * x))
    g = rng.normal(size=x.shape)
    gx, gw = fastact.prelu_backward(g, x, w[:, None, None])
    np.testing.assert_allclose(gx, np.where(x > 0, g, w[:, None, None] * g), rtol=1e-15)
    assert gw.shape == (3, 1, 1)
    want = np.where(x > 0, 0, g * x).sum(axis=(0, 2, 3))
    np.testing.assert_allclose(gw[:, 0, 0], want, rtol=1e-12)
    gx1, gw1 = fastact.prelu_backward(g, x, 0.25)
    assert np.shape(gw1) == ()
    np.testing.assert_allclose(gw1, np.where(x > 0, 0, g * x).sum(), rtol=1e-12)


def _check_prelu_backward_one_pass(g, x, w, gx, gw):
    """grad_x to the bit (leaky_relu's backward); the weight's gradient within a float64 sum's bound."""
    np.testing.assert_array_equal(gx, fastact.leaky_relu_backward(g, x, negative_slope=w))
    assert type(gw) is x.dtype.type
    with np.errstate(invalid="ignore"):  # (g x where x > 0 is computed too: 0 * inf there)
        terms = np.where(x > 0, 0.0, g.astype(np.float64) * x.astype(np.float64))
    if np.isnan(terms).any():
        assert np.isnan(gw)
        return
    exact = math.fsum(terms.tolist())
    # any order of n float64 additions: (n - 1) u sum|t|; then one rounding to x's dtype
    bound = max(x.size - 1, 0) * 2.0**-53 * float(np.abs(terms).sum())
    got, info = float(gw), np.finfo(x.dtype)
    if math.isinf(got):  # a float32 sum beyond float32's range
        assert abs(exact) + bound >= float(info.max) and got * exact > 0, (gw, exact)
        return
    assert abs(got - exact) <= bound + abs(exact) * float(info.eps) / 2, (gw, exact)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [0, 1, 15, 17, 1000, (1 << 17) + 3, (1 << 21) + 5])
@pytest.mark.parametrize("where", ["new", "out", "grad", "x"])
def test_prelu_backward_in_one_pass(dtype, n, where):
    """The common case (one pass for both results, split across threads when large)."""
    rng = np.random.default_rng(n)
    x = rng.normal(scale=4, size=n).astype(dtype)
    x[::5] = 0.0  # the kink: the left branch
    g = rng.normal(size=n).astype(dtype)
    g0, x0 = g.copy(), x.copy()
    out = {"new": None, "out": np.full(n, np.nan, dtype), "grad": g, "x": x}[where]
    gx, gw = fastact.prelu_backward(g, x, 0.25, out=out)
    assert out is None or gx is out
    _check_prelu_backward_one_pass(g0, x0, 0.25, gx, gw)
    if n > 20:
        x0[n // 3] = np.nan  # NaN in x: NaN in grad_x there, and in the weight's gradient
        gx, gw = fastact.prelu_backward(g0, x0, -1)
        _check_prelu_backward_one_pass(g0, x0, -1.0, gx, gw)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_prelu_backward_weight_gradient_on_drawn_arrays(data):
    """Drawn dtypes (either byte order), sizes, strides, values and out: both results."""
    dtype = np.dtype(data.draw(st.sampled_from(["<f4", ">f4", "<f8", ">f8"]), "dtype"))
    n = data.draw(st.integers(0, 300), "n")
    big = float(np.finfo(np.float32).max) if dtype.itemsize == 4 else 2.0**500  # (sums finite in float64)
    vals = st.one_of(st.floats(-big, big, width=8 * dtype.itemsize),
                     st.sampled_from([0.0, -0.0, np.inf, -np.inf, np.nan]))
    step = data.draw(st.sampled_from([1, 1, 2, -1]), "step")
    x = np.array(data.draw(st.lists(vals, min_size=n * abs(step), max_size=n * abs(step)), "x"),
                 dtype)[::step]
    g = np.array(data.draw(st.lists(vals, min_size=x.size, max_size=x.size), "g"), dtype)
    w = data.draw(st.floats(-4, 4), "weight")
    g0, x0 = g.copy(), x.copy()
    out = np.empty(x.shape, dtype) if data.draw(st.booleans(), "out") else None
    gx, gw = fastact.prelu_backward(g, x, w, out=out)
    np.testing.assert_array_equal(g, g0)
    np.testing.assert_array_equal(x, x0)
    gn, xn = g0.astype(dtype.newbyteorder("=")), x0.astype(dtype.newbyteorder("="))
    with np.errstate(invalid="ignore"):  # (inf * 0: NaN, as in the sum)
        terms = np.where(xn > 0, 0.0, gn.astype(np.float64) * xn.astype(np.float64))
        want = terms[~np.isfinite(terms)].sum()  # inf, -inf, or NaN (NaN, or inf - inf)
    if np.isfinite(terms).all():
        _check_prelu_backward_one_pass(gn, xn, w, gx, gw)
        return
    np.testing.assert_array_equal(gx, fastact.leaky_relu_backward(gn, xn, negative_slope=w))
    assert np.isnan(gw) if np.isnan(want) else gw == want, (gw, want)


def test_prelu_backward_one_pass_depends_on_the_thread_count_only():
    x = np.random.default_rng(1).normal(size=(1 << 21) + 7)
    g = np.random.default_rng(2).normal(size=x.size)
    before = numba.get_num_threads()
    try:
        sums = {}
        for t in sorted({1, numba.config.NUMBA_NUM_THREADS}):
            numba.set_num_threads(t)
            sums[t] = [fastact.prelu_backward(g, x, 0.1)[1] for _ in range(3)]
            assert len(set(sums[t])) == 1
            _check_prelu_backward_one_pass(g, x, 0.1, fastact.prelu_backward(g, x, 0.1)[0], sums[t][0])
    finally:
        numba.set_num_threads(before)


def test_rrelu_training_is_reproducible_and_backward_uses_slopes():
    x = np.linspace(-3, 3, 1000)
    y1, a1 = fastact.rrelu(x, training=True, rng=np.random.default_rng(7), return_slopes=True)
    y2, a2 = fastact.rrelu(x, training=True, rng=np.random.default_rng(7), return_slopes=True)
    np.testing.assert_array_equal(y1, y2)
    assert ((a1 >= 1 / 8) & (a1 <= 1 / 3)).all() and len(np.unique(a1)) > 900
    np.testing.assert_array_equal(y1, np.where(x > 0, x, a1 * x))
    g = fastact.rrelu_backward(np.ones_like(x), x, training=True, slopes=a1)
    np.testing.assert_array_equal(g, np.where(x > 0, 1.0, a1))
    with pytest.raises(ValueError, match="slopes"):
        fastact.rrelu_backward(np.ones_like(x), x, training=True)
    assert fastact.rrelu(-1.0) == -(1 / 8 + 1 / 3) / 2
    with pytest.raises(ValueError):
        fastact.rrelu(x, lower=0.5, upper=0.1)


# --- other array types ---------------------------------------------------------------------

def test_dask_stays_lazy():
    da = pytest.importorskip("dask.array")
    x = da.linspace(-5, 5, 1000, chunks=100)
    y = fastact.gelu(x)
    assert isinstance(y, da.Array)
    np.testing.assert_array_equal(y.compute(), fastact.gelu(x.compute()))
    g = fastact.leaky_relu_backward(da.ones_like(x), x, negative_slope=0.2)
    assert isinstance(g, da.Array)


def test_xarray_keeps_labels():
    xr = pytest.importorskip("xarray")
    a = xr.DataArray(np.linspace(-2, 2, 6).reshape(2, 3), dims=("b", "f"),
                     coords={"f": [10, 20, 30]})
    y = fastact.softplus(a)
    assert isinstance(y, xr.DataArray) and y.dims == ("b", "f")
    np.testing.assert_array_equal(y["f"], [10, 20, 30])
    np.testing.assert_array_equal(y.values, fastact.softplus(a.values))


# --- the reproductions of the correctness issue ------------------------------------------

OUT_TARGETS = [fastact, fastact.cpu, fastact.parallel]


@pytest.mark.parametrize("mod", OUT_TARGETS, ids=["public", "cpu", "parallel"])
def test_out_column_writes_the_column_only(mod):
    x = np.linspace(-2, 2, 5)
    Y = np.zeros((5, 3))
    mod.sigmoid(x, out=Y[:, 1])
    np.testing.assert_array_equal(Y[:, 1], fastact.sigmoid(x))
    assert not Y[:, [0, 2]].any()


@pytest.mark.parametrize("mod", OUT_TARGETS, ids=["public", "cpu", "parallel"])
def test_out_reversed_with_step_stays_in_its_buffer(mod):
    # wrote past the end of the buffer ("double free or corruption") before the fix
    b = np.zeros(2 * 10**6)
    mod.relu(np.ones(10**6), out=b[::-2])
    assert (b[::-2] == 1).all() and not b[-2::-2].any()
    base = np.random.default_rng(0).normal(size=(60, 40))
    o = np.full((60, 40), 7.0)
    mod.gelu(base[:, ::2], out=o[:, ::2])
    np.testing.assert_array_equal(o[:, ::2], fastact.gelu(np.ascontiguousarray(base[:, ::2])))
    assert (o[:, 1::2] == 7.0).all()


@pytest.mark.parametrize("mod", OUT_TARGETS, ids=["public", "cpu", "parallel"])
def test_read_only_or_broadcast_out_is_a_value_error(mod):
    x = np.linspace(-1, 1, 8)
    ro = np.zeros(8)
    ro.flags.writeable = False
    for out in (ro, np.broadcast_to(np.zeros(1), (8,))):
        with pytest.raises(ValueError):
            mod.sigmoid(x, out=out)
    assert not ro.any()


def _public_calls():
    for name, e in REGISTRY.items():
        params = {k: v for k, v in (e.defaults() if all(
            p.default is not fastact._spec.registry.REQUIRED for p in e.params)
            else dict(e.test_params[0])).items()}
        yield name, (lambda v, n=name, p=params: fastact.get(n)(v, **p))
        yield name + "_backward", (lambda v, n=name, p=params: _first(
            fastact.get(n + "_backward")(v, v, **p)))
    for name in ("softmax", "log_softmax", "softmin", "logsumexp"):
        yield name, fastact.get(name)
    for name in ("softmax", "log_softmax", "softmin"):
        yield name + "_backward", (lambda v, n=name: fastact.get(n + "_backward")(v, v))
    yield "logsumexp_backward", (lambda v: fastact.logsumexp_backward(v, v))


def _first(r):
    return r[0] if isinstance(r, tuple) else r


@pytest.mark.parametrize(("value", "dtype"), [
    (0.5, np.float64), (np.float32(0.5), np.float32), (np.float16(0.5), np.float16),
    (np.array(0.5), np.float64), (np.array(0.5, np.float32), np.float32), (1, np.float64),
    (True, np.float64), (np.float64(-3.0), np.float64)])
def test_scalar_in_scalar_out_everywhere(value, dtype):
    # NumPy's rule: scalars and 0-d arrays in, no out: a NumPy scalar of the result dtype
    for fname, fn in _public_calls():
        r = fn(value)
        assert isinstance(r, np.generic) and r.dtype == dtype, (fname, repr(r))


def test_softmax_of_a_scalar_is_a_scalar():
    assert repr(fastact.softmax(1000)) == "np.float64(1.0)"
    assert repr(fastact.log_softmax(1.0)) == "np.float64(0.0)"
    assert repr(fastact.sigmoid(np.float16(1))) == "np.float16(0.731)"
    out = np.empty(())
    assert fastact.sigmoid(np.array(1.0), out=out) is out  # with out: the array


# a value that breaks each registry rule (every rule must appear here)
BROKEN = {
    ("rrelu", "lower <= upper"): {"lower": 0.5, "upper": 0.1},
    ("celu", "alpha != 0"): {"alpha": 0.0},
    ("softplus", "beta != 0"): {"beta": 0.0},
    ("hardtanh", "min_val <= max_val"): {"min_val": 1.0, "max_val": -1.0},
    ("softshrink", "lambd >= 0"): {"lambd": -0.5},
    ("squareplus", "b >= 0"): {"b": -1.0},
}


def test_every_rule_is_tested():
    assert set(BROKEN) == {(n, r.text) for n, e in REGISTRY.items() for r in e.rules}


@pytest.mark.parametrize(("name", "text"), list(BROKEN))
def test_parameter_rules_raise_value_errors_naming_the_parameter(name, text):
    bad = BROKEN[name, text]
    x = np.linspace(-2, 2, 5)
    first = next(iter(bad))
    for kw in (bad, {k: np.full(5, v) for k, v in bad.items()}):
        with pytest.raises(ValueError, match=first):
            fastact.get(name)(x, **kw)
        with pytest.raises(ValueError, match=first):
            fastact.get(name + "_backward")(np.ones(5), x, **kw)
    assert f"``{text}``" in fastact.get(name).__doc__


def test_rrelu_rng_takes_a_seed_a_generator_or_none():
    x = -np.ones(100)
    a = fastact.rrelu(x, training=True, rng=42)
    np.testing.assert_array_equal(a, fastact.rrelu(x, training=True, rng=42))
    np.testing.assert_array_equal(a, fastact.rrelu(x, training=True,
                                                   rng=np.random.default_rng(42)))
    assert fastact.rrelu(x, training=True).shape == (100,)


def test_register_refuses_inconsistent_entries():
    import dataclasses

    from fastact._spec.registry import register

    base = dataclasses.replace(REGISTRY["leaky_relu"], name="leaky_relu_copy")
    with pytest.raises(ValueError, match="arguments"):
        register(dataclasses.replace(base, forward=REGISTRY["relu"].forward))
    with pytest.raises(ValueError, match="test parameters"):
        register(dataclasses.replace(base, test_params=({"slope": 0.2},)))
    with pytest.raises(ValueError, match="kink value"):
        register(dataclasses.replace(base, kink_grads=((0.0, "slope"),)))
    with pytest.raises(ValueError, match="ref and dref"):
        register(dataclasses.replace(base, dref=None))
    with pytest.raises(ValueError, match="duplicate"):
        register(REGISTRY["relu"])
    assert "leaky_relu_copy" not in REGISTRY


def test_aliases_are_the_functions_and_get_finds_every_name():
    from fastact._spec.names import ALIASES

    for alias, (name, _) in ALIASES.items():
        assert fastact.get(alias) is fastact.get(name)
        assert fastact.get(alias + "_backward") is fastact.get(name + "_backward")
        assert fastact.get(alias) is fastact.get(name)
        assert f"fastact.{alias}" in fastact.get(name).__doc__
    for name in fastact.__all__:
        if name.islower() and name != "get":
            assert fastact.get(name) is fastact.get(name)
    assert fastact.get(None) is fastact.identity
    assert fastact.get(np.tanh) is np.tanh
    assert fastact.hard_silu(np.float32(1.0)) == fastact.hardswish(np.float32(1.0))
    with pytest.raises(ValueError, match="did you mean gelu"):
        fastact.get("geluu")
    with pytest.raises(ValueError, match="unknown activation 'xyzzy'$"):
        fastact.get("xyzzy")
    with pytest.raises(ValueError):
        fastact.get("ELEMENTWISE")  # a public name that is not a function
    with pytest.raises(TypeError):
        fastact.get(3)


class _Foreign:
    """Another library's array: it implements ``__array_ufunc__``."""

    def __array_ufunc__(self, *args, **kwargs):
        return NotImplemented


class _CudaLike:
    __cuda_array_interface__ = {"shape": (1,), "typestr": "<f4", "data": (0, False), "version": 3}


class _Sub(np.ndarray):
    pass


_KIND_OBJECTS = [np.zeros(2), None, np.float32(1.5), 2.0, 3, True, [1.0], (1.0,),
                 np.zeros(2).view(_Sub), np.ma.masked_array([1.0]), _Foreign(), _CudaLike()]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(range(len(_KIND_OBJECTS))), max_size=4),
       st.lists(st.sampled_from(range(len(_KIND_OBJECTS))), max_size=3))
def test_array_kind_of_a_call_as_its_predicates_say(arrays, others):
    # kinds.of answers the common call (NumPy arrays and None, numbers as parameters) in
    # short: the same answer as the predicates in their order for any mix
    from fastact._core import kinds

    arrays = [_KIND_OBJECTS[i] for i in arrays]
    others = [_KIND_OBJECTS[i] for i in others]
    if any(kinds.is_cuda_input(a) for a in arrays):
        want = "cuda"
    elif any(kinds.is_dask(a) or kinds.is_xarray(a) for a in arrays):
        want = "collection"
    elif any(kinds.is_foreign(a) for a in arrays + others):
        want = "foreign"
    else:
        want = "numpy"
    assert kinds.of(arrays, others) == want
