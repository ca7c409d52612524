"""The CUDA target.

In CI (no GPU) this runs under ``NUMBA_ENABLE_CUDASIM=1``: the device functions (every
scalar kernel called from a small ``@cuda.jit`` kernel), the row kernels and the
``fastact.NAME(device_array)`` dispatch on small inputs.  The CUDA ufuncs cannot be built
by the simulator; those tests are marked ``cuda`` and run on a real GPU with
``FASTACT_REAL_GPU=1 pytest tests/test_cuda.py``.
"""

import sys
import types

import numpy as np
import pytest
from conftest import CASE_IDS, CASES, cached_points, cached_reference, grads_for, key, report
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_losses import _check, _coefs, _reference
from test_rows import assert_same_nan_and_inf, infinite_gradient_case, near_cancelling_row

import fastact
from fastact._spec.registry import lookup
from fastact._tools.accuracy import allowed_backward, axis_backward_errors, ulp_errors

numba_cuda = pytest.importorskip("numba.cuda", reason="numba-cuda is not installed")
fc = pytest.importorskip("fastact.cuda")
from fastact._cuda import arrays as cuda_arrays  # noqa: E402
from fastact._cuda import axis_kernels  # noqa: E402

cuda = numba_cuda

needs_gpu = pytest.mark.skipif(
    fc.SIMULATED or not cuda.is_available(),
    reason="needs a real GPU: the CUDA simulator cannot build CUDA ufuncs (numba-cuda 0.30.4: "
    "'FakeOverload' object has no attribute 'signature')",
)
SIZES = [7, 40] if fc.SIMULATED else [7, 31, 255, 100_003]


def _params_as_arrays(name, params, n, dtype):
    from conftest import ufunc_args

    return [np.full(n, v, dtype) for v in ufunc_args(name, params)]


def _kernel_run(name, params, x, backward, g=None):
    out = cuda.device_array(x.shape, x.dtype)
    ins = ([g] if backward else []) + [x] + _params_as_arrays(name, params, x.size, x.dtype)
    k = fc.launched_kernel(name, backward, param_arrays=True)
    k[-(-x.size // fc.TPB), fc.TPB](out, *[cuda.to_device(np.ascontiguousarray(a)) for a in ins])
    return out.copy_to_host()


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_device_functions_against_mpmath(name, params, dtype):
    xs = cached_points(name, key(params), dtype)
    if fc.SIMULATED:  # one Python thread per element: a spread-out sample is enough
        xs = xs[:: max(1, xs.size // 60)]
        sel = slice(None, None, max(1, cached_points(name, key(params), dtype).size // 60))
    else:
        sel = slice(None)
    hi, lo = (a[sel] for a in cached_reference(name, key(params), dtype, False))
    y = _kernel_run(name, params, xs, False)
    err = ulp_errors(y, hi, lo, dtype)
    assert (err <= 4).all(), report(xs, y, hi, err)
    g = grads_for(cached_points(name, key(params), dtype), dtype, 1)[sel]
    dhi, dlo = (a[sel] for a in cached_reference(name, key(params), dtype, True, 1))
    dy = _kernel_run(name, params, xs, True, g)
    derr = ulp_errors(dy, dhi, dlo, dtype)
    derr[allowed_backward(lookup(name), xs, dhi, dy, dtype, g, params)] = 0.0
    assert (derr <= 16).all(), report(xs, dy, dhi, derr)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dispatch_returns_device_arrays(size, dtype):
    x = np.random.default_rng(size).normal(scale=5, size=size).astype(dtype)
    d = cuda.to_device(x)
    for name in ("sigmoid", "gelu", "leaky_relu", "softplus"):
        y = getattr(fastact, name)(d)
        assert not isinstance(y, np.ndarray) and y.dtype == dtype
        np.testing.assert_allclose(y.copy_to_host(), getattr(fastact, name)(x),
                                   rtol=4 * np.finfo(dtype).eps, atol=0)
    out = cuda.device_array_like(d)
    assert fastact.relu(d, out=out) is out
    np.testing.assert_array_equal(out.copy_to_host(), fastact.relu(x))
    gb = fastact.silu_backward(d, d)
    np.testing.assert_allclose(gb.copy_to_host(), fastact.silu_backward(x, x),
                               rtol=16 * np.finfo(dtype).eps, atol=1e-300)


def test_dispatch_errors():
    d = cuda.to_device(np.ones(4, np.int64))
    with pytest.raises(TypeError, match="float32 or float64"):
        fastact.sigmoid(d)
    x = cuda.to_device(np.ones(4))
    with pytest.raises(ValueError, match="shape"):
        fastact.sigmoid(x, out=cuda.device_array(3))
    with pytest.raises(TypeError):
        fastact.relu_backward(np.ones(4), x)


SHAPES = [((3, 5), -1), ((3, 5), 0), ((2, 40, 3), 1), ((4, 33), -1), ((1, 1), 0)]


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize(("shape", "axis"), SHAPES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_row_kernels_match_cpu(shape, axis, dtype, order):
    x = (np.random.default_rng(1).normal(size=shape) * 20).astype(dtype, order=order)
    d = cuda.to_device(x)
    tol = dict(rtol=8 * np.finfo(dtype).eps, atol=8 * np.finfo(dtype).eps)
    for name in ("softmax", "log_softmax", "softmin"):
        np.testing.assert_allclose(getattr(fastact, name)(d, axis).copy_to_host(),
                                   getattr(fastact, name)(x, axis), **tol)
    for keep in (False, True):
        np.testing.assert_allclose(fastact.logsumexp(d, axis, keep).copy_to_host(),
                                   fastact.logsumexp(x, axis, keep), **tol)
    if order == "C":
        g = np.random.default_rng(2).normal(size=shape).astype(dtype)
        for name in ("softmax", "log_softmax", "softmin"):
            y = getattr(fastact, name)(x, axis)
            got = getattr(fastact, name + "_backward")(cuda.to_device(g), cuda.to_device(y), axis)
            np.testing.assert_allclose(got.copy_to_host(),
                                       getattr(fastact, name + "_backward")(g, y, axis), **tol)
        gl = fastact.logsumexp(x, axis)
        got = fastact.logsumexp_backward(cuda.to_device(np.ones_like(gl)), d, axis)
        np.testing.assert_allclose(got.copy_to_host(),
                                   fastact.logsumexp_backward(np.ones_like(gl), x, axis), **tol)


@settings(max_examples=24, deadline=None)
@given(st.sampled_from(["softmax", "softmin", "log_softmax"]), st.sampled_from([np.float32, np.float64]),
       st.integers(3, 60), st.floats(0.1, 8.0), st.integers(1, 7), st.integers(0, 2**32 - 1))
def test_backward_where_the_gradient_nearly_cancels_on_the_device(name, dtype, n, scale, digits, seed):
    # as on the CPU (tests/test_rows.py): the block's sum as a pair, each float64 term g y
    # an exact pair and float64's e**y as a pair; with plain sums and products the
    # simulator's float64 rows were up to 4e7 ulps beyond the conditioning term
    case = near_cancelling_row(name, dtype, n, scale, digits, seed)
    assume(case is not None)
    g, y = case
    got = getattr(fastact, name + "_backward")(cuda.to_device(g), cuda.to_device(y)).copy_to_host()
    assert axis_backward_errors(name, g, y, got, dtype).max() <= 4


# the simulator's threads warn of inf * 0 and inf - inf, outside np.errstate's reach
@pytest.mark.filterwarnings("ignore:.*invalid value encountered:RuntimeWarning")
@settings(max_examples=16, deadline=None)
@given(st.sampled_from(["softmax", "softmin", "log_softmax"]), st.sampled_from([np.float32, np.float64]),
       st.integers(3, 40), st.integers(0, 2**32 - 1),
       st.lists(st.sampled_from([np.inf, -np.inf]), min_size=1, max_size=2))
def test_backward_with_an_infinite_gradient_on_the_device(name, dtype, n, seed, infs):
    # as on the CPU (tests/test_rows.py): the pair sum's low part dropped where it is infinite
    g, y, expected = infinite_gradient_case(name, dtype, n, seed, infs)
    got = getattr(fastact, name + "_backward")(cuda.to_device(g), cuda.to_device(y)).copy_to_host()
    assert_same_nan_and_inf(got, expected)


def test_special_rows_on_the_device(row_kernels):
    ninf = -np.inf
    x = np.array([[0.0, ninf, 1.0], [ninf, ninf, ninf], [1.0, np.inf, 2.0], [1.0, np.nan, 2.0]])
    d = cuda.to_device(x)
    np.testing.assert_array_equal(fastact.softmax(d).copy_to_host(), fastact.softmax(x))
    np.testing.assert_array_equal(fastact.log_softmax(d).copy_to_host(), fastact.log_softmax(x))
    np.testing.assert_array_equal(fastact.logsumexp(d).copy_to_host(), fastact.logsumexp(x))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_glu_and_maxout_on_the_device(dtype):
    x = np.random.default_rng(3).normal(size=(3, 8, 2)).astype(dtype)
    d = cuda.to_device(x)
    tol = dict(rtol=4 * np.finfo(dtype).eps, atol=0)
    for axis in (1, -1):
        np.testing.assert_allclose(fastact.glu(d, axis).copy_to_host(), fastact.glu(x, axis), **tol)
        g = np.ones(fastact.glu(x, axis).shape, dtype)
        np.testing.assert_allclose(fastact.glu_backward(cuda.to_device(g), d, axis).copy_to_host(),
                                   fastact.glu_backward(g, x, axis), rtol=16 * np.finfo(dtype).eps)
    np.testing.assert_array_equal(fastact.maxout(d, 4, 1).copy_to_host(), fastact.maxout(x, 4, 1))
    gm = np.arange(6, dtype=dtype).reshape(3, 2, 1) * np.ones((3, 2, 2), dtype)
    np.testing.assert_array_equal(
        fastact.maxout_backward(cuda.to_device(gm), d, 4, 1).copy_to_host(),
        fastact.maxout_backward(gm, x, 4, 1))


# --- real GPU only --------------------------------------------------------------------------

@needs_gpu
@pytest.mark.cuda
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_cuda_ufuncs_against_mpmath(name, params, dtype):
    from conftest import ufunc_args

    xs = cached_points(name, key(params), dtype)
    hi, lo = cached_reference(name, key(params), dtype, False)
    pv = [dtype(v) for v in ufunc_args(name, params)]
    y = getattr(fc, name)(cuda.to_device(xs), *pv).copy_to_host()
    err = ulp_errors(y, hi, lo, dtype)
    assert (err <= 4).all(), report(xs, y, hi, err)
    g = grads_for(xs, dtype, 1)
    dhi, dlo = cached_reference(name, key(params), dtype, True, 1)
    dy = getattr(fc, name + "_backward")(cuda.to_device(g), cuda.to_device(xs), *pv).copy_to_host()
    derr = ulp_errors(dy, dhi, dlo, dtype)
    derr[allowed_backward(lookup(name), xs, dhi, dy, dtype, g, params)] = 0.0
    assert (derr <= 16).all(), report(xs, dy, dhi, derr)


@needs_gpu
@pytest.mark.cuda
def test_cupy_and_torch_in_same_kind_out():
    x = np.random.default_rng(0).normal(size=(64, 33)).astype(np.float32)
    try:
        import cupy
    except ImportError:
        cupy = None
    if cupy is not None:
        cx = cupy.asarray(x)
        y = fastact.gelu(cx)
        assert isinstance(y, cupy.ndarray)
        np.testing.assert_allclose(cupy.asnumpy(y), fastact.gelu(x), rtol=4e-7)
        s = fastact.softmax(cx, axis=0)
        assert isinstance(s, cupy.ndarray)
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        t = torch.from_numpy(x).cuda()
        y = fastact.silu(t)
        assert isinstance(y, torch.Tensor) and y.is_cuda
        np.testing.assert_allclose(y.cpu().numpy(), fastact.silu(x), rtol=4e-7, atol=1e-30)
        o = torch.empty_like(t)
        fastact.relu(t, out=o)
        assert torch.equal(o, torch.relu(t))


@needs_gpu
@pytest.mark.cuda
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_real_arrays_any_layout(data):
    """The layout fuzzer's views as real CuPy arrays (any steps) and PyTorch tensors (positive
    steps: PyTorch has no negative ones), in and out, against NumPy on the same values."""
    from test_layouts import views

    kind = data.draw(st.sampled_from(["cupy", "torch"]), "kind")
    lib = pytest.importorskip(kind)
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), "seed"))
    shape = tuple(data.draw(st.lists(st.integers(1, 6), min_size=1, max_size=4), "shape"))
    dtype = data.draw(st.sampled_from([np.float32, np.float64]), "dtype")
    tol = dict(rtol=16 * np.finfo(dtype).eps, atol=0)

    def draw_view(label):
        while True:
            x, recipe, base = data.draw(views(shape, dtype, rng, broadcastable=False), label)
            if kind == "cupy" or all(s >= 0 for s in x.strides):
                break
        if kind == "cupy":  # CuPy slices and transposes as NumPy does
            dbase = lib.asarray(base)
            return x, recipe, recipe(dbase), base, dbase, lib.asnumpy
        dbase = lib.from_numpy(base).cuda()  # PyTorch: the same strides and offset
        isz = base.itemsize
        offset = (x.__array_interface__["data"][0] - base.__array_interface__["data"][0]) // isz
        dx = dbase.as_strided(x.shape, [s // isz for s in x.strides], offset)
        return x, recipe, dx, base, dbase, lambda a: a.cpu().numpy()

    x, _, dx, _, _, host = draw_view("x")
    name = data.draw(st.sampled_from(["gelu", "sigmoid", "leaky_relu", "softplus", "silu"]))
    np.testing.assert_allclose(host(fastact.get(name)(dx)), fastact.get(name)(x), **tol)
    g, _, dg, _, _, _ = draw_view("grad")
    np.testing.assert_allclose(host(fastact.get(name + "_backward")(dg, dx)),
                               fastact.get(name + "_backward")(g, x), **tol)
    _, recipe, dout, obase, dobase, _ = draw_view("out")
    dobase[...] = 7.0
    fastact.get(name)(dx, out=dout)
    want = np.full(obase.shape, 7.0, dtype)
    recipe(want)[...] = fastact.get(name)(x)
    np.testing.assert_allclose(host(dobase), want, **tol)  # and nothing outside out's view
    axis = data.draw(st.integers(-len(shape), len(shape) - 1), "axis")
    np.testing.assert_allclose(host(fastact.softmax(dx, axis=axis)), fastact.softmax(x, axis=axis),
                               **tol)
    np.testing.assert_allclose(host(fastact.logsumexp(dx, axis=axis)),
                               fastact.logsumexp(x, axis=axis), **tol)


@needs_gpu
@pytest.mark.cuda
def test_streams():
    s = cuda.stream()
    x = cuda.to_device(np.linspace(-5, 5, 10_000), stream=s)
    y = fc.sigmoid(x, stream=s)
    s.synchronize()
    np.testing.assert_allclose(y.copy_to_host(), fastact.sigmoid(np.linspace(-5, 5, 10_000)),
                               rtol=4 * np.finfo(float).eps)
    z = fc.softmax(x.reshape(100, 100), stream=s)
    s.synchronize()
    np.testing.assert_allclose(z.copy_to_host().sum(axis=1), 1, rtol=1e-14)


def test_dominant_term_on_the_device(row_kernels):
    x = np.array([[0.0, -40.0], [0.0, -100.0], [3.0, 3.0]])
    d = cuda.to_device(x)
    np.testing.assert_array_equal(fastact.logsumexp(d).copy_to_host(), fastact.logsumexp(x))
    np.testing.assert_array_equal(fastact.log_softmax(d).copy_to_host(), fastact.log_softmax(x))
    assert fastact.logsumexp(d).copy_to_host()[0] == 4.248354255291589e-18


# --- layouts (the simulator runs the same views and launches as a GPU) ---------------------

LAYOUT_SHAPES = [((4, 6), 0), ((4, 6), 1), ((4, 6), -1), ((2, 4, 6), 0), ((2, 4, 6), 1),
                 ((2, 4, 6), 2), ((2, 2, 4, 2), 2), ((6,), 0)]


@pytest.fixture(params=["default", "columns", "uncached"])
def row_kernels(request, monkeypatch):
    """Every softmax-family kernel on small arrays: a thread per line across inner axes
    (``columns``), and blocks of TPB threads reading x at every pass (``uncached``)."""
    if request.param == "columns":
        monkeypatch.setattr(axis_kernels, "COLUMN_MIN_LINES", 0)
    elif request.param == "uncached":
        monkeypatch.setattr(axis_kernels, "CACHE_MAX", 0)
        monkeypatch.setattr(axis_kernels, "ROW_SHORT", 0)
    return request.param


# every layout with the default kernels in float64; the 3-d layouts also with each other
# kernel choice and in float32 (the simulator runs a Python thread per CUDA thread)
AXIS_CASES = [(shape, axis, order, np.float64, "default")
              for shape, axis in LAYOUT_SHAPES for order in "CF"]
AXIS_CASES += [(shape, axis, order, dt, kind) for shape, axis in LAYOUT_SHAPES if len(shape) == 3
               for order in "CF" for dt, kind in [(np.float64, "columns"),
                                                  (np.float64, "uncached"),
                                                  (np.float32, "default")]]


@pytest.mark.parametrize(("shape", "axis", "order", "dtype", "row_kernels"), AXIS_CASES,
                         indirect=["row_kernels"])
def test_axis_functions_any_order_and_rank(shape, axis, order, dtype, row_kernels):
    # F order used to be transposed with .T (a copy kernel for 2-d, an error for 3-d and
    # up), and glu/maxout ignored the axis that came back from it
    x = np.asarray(np.random.default_rng(5).normal(size=shape) * 4, order=order).astype(dtype)
    d = cuda.to_device(x)
    tol = dict(rtol=8 * np.finfo(dtype).eps, atol=1e-300)
    for name in ("softmax", "log_softmax", "softmin"):
        y = getattr(fastact, name)(d, axis)
        np.testing.assert_allclose(y.copy_to_host(), getattr(fastact, name)(x, axis), **tol)
        g = np.asarray(np.random.default_rng(6).normal(size=shape), order=order).astype(dtype)
        yh = np.asarray(getattr(fastact, name)(x, axis), order=order)
        got = getattr(fastact, name + "_backward")(cuda.to_device(g), cuda.to_device(yh), axis)
        want = getattr(fastact, name + "_backward")(g, yh, axis)
        # g - sum(g y) cancels: 8 eps times the terms' magnitude, not the result's
        if name == "log_softmax":
            cond = np.abs(g) + np.exp(yh) * np.abs(g.sum(axis, keepdims=True))
        else:
            cond = np.abs(yh) * (np.abs(g) + np.abs((g * yh).sum(axis, keepdims=True)))
        assert (np.abs(got.copy_to_host() - want) <= 8 * np.finfo(dtype).eps * cond).all()
    for keep in (False, True):
        r = fastact.logsumexp(d, axis, keep)
        np.testing.assert_allclose(r.copy_to_host(), fastact.logsumexp(x, axis, keep), **tol)
    gl = np.asarray(np.random.default_rng(7).normal(size=fastact.logsumexp(x, axis).shape),
                    order=order).astype(dtype)
    np.testing.assert_allclose(fastact.logsumexp_backward(cuda.to_device(gl), d, axis).copy_to_host(),
                               fastact.logsumexp_backward(gl, x, axis), **tol)
    y = fastact.glu(d, axis)
    assert y.shape == fastact.glu(x, axis).shape
    np.testing.assert_allclose(y.copy_to_host(), fastact.glu(x, axis), **tol)
    gg = np.asarray(np.ones(y.shape, dtype), order=order)
    np.testing.assert_allclose(fastact.glu_backward(cuda.to_device(gg), d, axis).copy_to_host(),
                               fastact.glu_backward(gg, x, axis), **tol)
    m = fastact.maxout(d, 2, axis)
    np.testing.assert_array_equal(m.copy_to_host(), fastact.maxout(x, 2, axis))
    gm = np.asarray(np.arange(m.size, dtype=dtype).reshape(m.shape), order=order)
    np.testing.assert_array_equal(
        fastact.maxout_backward(cuda.to_device(gm), d, 2, axis).copy_to_host(),
        fastact.maxout_backward(gm, x, 2, axis))


@pytest.mark.parametrize("order", ["C", "F"])
def test_elementwise_any_order_0d_and_parameter_arrays(order):
    x = np.asarray(np.random.default_rng(8).normal(size=(3, 5)) * 6, order=order)
    d = cuda.to_device(x)
    np.testing.assert_array_equal(fastact.relu(d).copy_to_host(), fastact.relu(x))
    slope = np.linspace(0.1, 0.5, 5)  # a host parameter array, broadcast along rows
    np.testing.assert_allclose(fastact.leaky_relu(d, negative_slope=slope).copy_to_host(),
                               fastact.leaky_relu(x, negative_slope=slope), rtol=1e-15)
    g = cuda.to_device(np.asarray(np.ones((3, 5)), order=order))
    np.testing.assert_allclose(fastact.sigmoid_backward(g, d).copy_to_host(),
                               fastact.sigmoid_backward(np.ones((3, 5)), x), rtol=4e-16)
    out = cuda.device_array((3, 5), order=order)
    assert fastact.tanh(d, out=out) is out
    np.testing.assert_allclose(out.copy_to_host(), fastact.tanh(x), rtol=4e-16)
    z = cuda.to_device(np.array(-2.0))  # 0-d: numba's own ufunc machinery indexed shape[0]
    assert fastact.sigmoid(z).copy_to_host() == fastact.sigmoid(-2.0)
    assert fastact.softmax(z).copy_to_host() == 1.0
    assert fastact.logsumexp(z).copy_to_host() == -2.0


def test_numba_device_array_views():
    """numba's own strided device views (tests/test_cuda_layouts.py fuzzes every layout)."""
    host = np.arange(24.0).reshape(4, 6) / 7 - 1
    base = cuda.to_device(host)
    strided = base[:, ::2]
    np.testing.assert_array_equal(fastact.softmax(strided).copy_to_host(),
                                  fastact.cuda.softmax(cuda.to_device(host[:, ::2].copy()))
                                  .copy_to_host())
    np.testing.assert_array_equal(fastact.sigmoid(strided).copy_to_host(),
                                  fastact.sigmoid(cuda.to_device(host[:, ::2].copy())).copy_to_host())
    x = cuda.to_device(np.linspace(-2, 2, 12).reshape(4, 3))
    out = cuda.to_device(np.full((4, 6), 9.0))
    fastact.relu(x, out=out[:, ::2])  # numba used to write a temporary and drop it
    got = out.copy_to_host()
    np.testing.assert_array_equal(got[:, ::2], np.maximum(np.linspace(-2, 2, 12).reshape(4, 3), 0))
    assert (got[:, 1::2] == 9.0).all()
    cf = cuda.to_device(np.asfortranarray(np.ones((2, 3, 4))))  # grad and y in other orders
    y = fastact.softmax_backward(cuda.to_device(np.ones((2, 3, 4))), cf, axis=2)
    np.testing.assert_array_equal(y.copy_to_host(), fastact.softmax_backward(
        np.ones((2, 3, 4)), np.ones((2, 3, 4)), axis=2))


def test_non_default_stream():
    s = cuda.stream()
    x = np.random.default_rng(9).normal(size=(5, 7))
    d = cuda.to_device(x, stream=s)
    y = fc.softmax(d, axis=0, stream=s)
    s.synchronize()
    np.testing.assert_allclose(y.copy_to_host(), fastact.softmax(x, axis=0), rtol=1e-15)


# --- arrays of other libraries (stand-ins for CuPy and PyTorch) ----------------------------
# The simulator's device memory is host memory, so a NumPy-backed object that exposes
# __cuda_array_interface__ and says it comes from "cupy" or "torch" goes through every
# line of the dispatch: the library's allocation, stream and device lookups.

class _FakeArray:
    def __init__(self, a):
        self._a = a

    @property
    def __cuda_array_interface__(self):
        ai = self._a.__array_interface__
        return {"shape": ai["shape"], "typestr": ai["typestr"], "data": ai["data"],
                "strides": ai["strides"], "version": 3, "stream": 1}

    @property
    def shape(self):
        return self._a.shape

    def host(self):
        return self._a.copy()


class _FakeCupyArray(_FakeArray):
    def __init__(self, a, device=0):
        super().__init__(a)
        self.device = types.SimpleNamespace(id=device)

    def squeeze(self, axis):
        return _FakeCupyArray(self._a.squeeze(axis))


class _FakeTensor(_FakeArray):
    def __init__(self, a):
        super().__init__(a)
        self.device = types.SimpleNamespace(type="cuda", index=0)

    def permute(self, *dims):
        return _FakeTensor(self._a.transpose(dims))

    def squeeze(self, dim):
        return _FakeTensor(self._a.squeeze(dim))


_FakeCupyArray.__module__ = "cupy._core.core"
_FakeTensor.__module__ = "torch"


@pytest.fixture
def fake_libraries(monkeypatch):
    """Stand-in ``cupy`` and ``torch`` modules; each records the calls fastact makes."""
    if not fc.SIMULATED:
        pytest.skip("the stand-ins wrap host memory (the simulator's device memory); on a GPU "
                    "test_real_arrays_any_layout takes real CuPy arrays and PyTorch tensors")
    calls = []
    cupy = types.ModuleType("cupy")
    cupy.ndarray = _FakeCupyArray

    def cupy_empty(shape, dtype, order):
        calls.append(("cupy.empty", tuple(shape), np.dtype(dtype), order))
        return _FakeCupyArray(np.full(shape, np.nan, dtype, order=order))

    class _Device:
        def __init__(self, i):
            calls.append(("cupy.Device", i))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    cupy.empty = cupy_empty
    cupy.cuda = types.SimpleNamespace(
        Device=_Device, get_current_stream=lambda: types.SimpleNamespace(ptr=0xC0FFEE))
    torch = types.ModuleType("torch")
    torch.float32, torch.float64 = "torch.float32", "torch.float64"
    tdt = {"torch.float32": np.float32, "torch.float64": np.float64}

    def torch_empty(shape, dtype, device):
        calls.append(("torch.empty", tuple(shape), dtype, device.index))
        return _FakeTensor(np.full(shape, np.nan, tdt[dtype]))

    torch.empty = torch_empty
    torch.cuda = types.SimpleNamespace(
        current_stream=lambda device: types.SimpleNamespace(cuda_stream=0xBEEF))
    monkeypatch.setitem(sys.modules, "cupy", cupy)
    monkeypatch.setitem(sys.modules, "torch", torch)
    return calls


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("kind", ["cupy", "torch"])
def test_other_libraries_arrays_in_same_kind_out(fake_libraries, kind, order):
    wrap = _FakeCupyArray if kind == "cupy" else _FakeTensor
    x = np.asarray(np.random.default_rng(10).normal(size=(6, 5)) * 5, order=order)
    g = np.asarray(np.random.default_rng(11).normal(size=(6, 5)), order=order)
    for call, want in [
        (lambda: fastact.gelu(wrap(x)), fastact.gelu(x)),
        (lambda: fastact.softplus(wrap(x), beta=2.0), fastact.softplus(x, beta=2.0)),
        (lambda: fastact.silu_backward(wrap(g), wrap(x)), fastact.silu_backward(g, x)),
        (lambda: fastact.softmax(wrap(x), axis=0), fastact.softmax(x, axis=0)),
        (lambda: fastact.logsumexp(wrap(x), axis=1), fastact.logsumexp(x, axis=1)),
        (lambda: fastact.softmax_cross_entropy(wrap(x), np.arange(5) % 6, axis=0),
         fastact.softmax_cross_entropy(x, np.arange(5) % 6, axis=0)),
        (lambda: fastact.softmax_cross_entropy_backward(wrap(np.ones(6)), wrap(x), np.arange(6) % 5),
         fastact.softmax_cross_entropy_backward(np.ones(6), x, np.arange(6) % 5)),
        (lambda: fastact.sigmoid_binary_cross_entropy(wrap(x), wrap(np.asarray(g > 0, order=order)
                                                                     * 1.0)),
         fastact.sigmoid_binary_cross_entropy(x, (g > 0) * 1.0)),
    ]:
        fake_libraries.clear()
        y = call()
        assert type(y) is wrap  # the input's library allocated the result
        assert fake_libraries and fake_libraries[-1][0] in ("cupy.empty", "torch.empty")
        np.testing.assert_allclose(y.host(), want, rtol=8 * np.finfo(float).eps, atol=1e-300)
    # the result keeps the input's memory order
    y = fastact.relu(wrap(x))
    assert y._a.flags.f_contiguous == (order == "F") or x.ndim < 2
    # out= of the same kind is written and returned
    out = wrap(np.asarray(np.zeros((6, 5)), order=order))
    assert fastact.tanh(wrap(x), out=out) is out
    np.testing.assert_allclose(out.host(), fastact.tanh(x), rtol=4 * np.finfo(float).eps)
    # a parameter array of the same kind, next to a scalar parameter
    beta = wrap(np.asarray(np.linspace(0.5, 2, 30).reshape(6, 5), order=order))
    np.testing.assert_allclose(
        fastact.softplus(wrap(x), beta=beta, threshold=15.0).host(),
        fastact.softplus(x, beta=beta.host(), threshold=15.0), rtol=8 * np.finfo(float).eps)


def test_launch_stream_is_the_libraries_current_one(fake_libraries, monkeypatch):
    made = []
    monkeypatch.setattr(cuda_arrays, "SIMULATED", False)  # the simulator has no external streams
    monkeypatch.setattr(cuda_arrays.cuda, "external_stream", lambda h: made.append(h) or ("ext", h))
    x = np.zeros(4)
    assert cuda_arrays.launch_stream(_FakeCupyArray(x), None) == ("ext", 0xC0FFEE)
    assert cuda_arrays.launch_stream(_FakeTensor(x), None) == ("ext", 0xBEEF)
    assert ("cupy.Device", 0) in fake_libraries  # asked on the array's device
    assert cuda_arrays.launch_stream(_FakeTensor(x), 7) == 7  # stream= wins
    assert cuda_arrays.launch_stream(cuda.to_device(x), None) == 0  # numba arrays: stream 0
    assert made == [0xC0FFEE, 0xBEEF]


def test_grid_stride_covers_every_element():
    # a fixed grid (3 blocks of TPB threads under the simulator): each thread strides
    n = 5 * 3 * fc.TPB + 3
    x = np.linspace(-30, 30, n)
    np.testing.assert_allclose(fastact.sigmoid(cuda.to_device(x)).copy_to_host(),
                               fastact.sigmoid(x), rtol=4 * np.finfo(float).eps)


def test_parameter_errors_are_clear():
    d = cuda.to_device(np.ones(6))
    with pytest.raises(TypeError, match="dtype"):
        fastact.leaky_relu(d, negative_slope=cuda.to_device(np.ones(6, np.float32)))
    with pytest.raises(ValueError, match="shape"):
        fastact.leaky_relu(d, negative_slope=cuda.to_device(np.ones(3)))
    with pytest.raises(TypeError, match="real numbers"):
        fastact.leaky_relu(d, negative_slope="a")


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_losses_on_the_device_against_mpmath(data):
    """softmax_cross_entropy and the binary loss on CUDA arrays: any axis, C or F order,
    index or probability labels, the options; against mpmath in the CPU's terms."""
    dtype = data.draw(st.sampled_from([np.float32, np.float64]))
    rows, n = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 5))
    axis = data.draw(st.sampled_from([0, 1]))
    order = data.draw(st.sampled_from("CF"))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    xr = (rng.normal(size=(rows, n)) * data.draw(st.sampled_from([1.0, 30.0]))).astype(dtype)
    xr[0, 0] += data.draw(st.sampled_from([0.0, 40.0]))  # a confident row: a tiny loss
    x = np.array(xr.T if axis == 0 else xr, order=order)
    probs = data.draw(st.booleans())
    eps = data.draw(st.sampled_from([0.0, 0.2]))
    w = rng.random(n) + 0.5 if data.draw(st.booleans()) else None
    if probs:
        lab = rng.dirichlet(np.ones(n), size=rows)
        labels = np.array(lab.T if axis == 0 else lab, order=order)
        ignore = None
    else:
        lab = rng.integers(0, n, size=rows)
        ignore = int(lab[-1]) if rows > 1 and data.draw(st.booleans()) else None
        labels = lab
    on_device = data.draw(st.booleans())
    dl = cuda.to_device(labels) if on_device else labels
    g = rng.normal(size=rows).astype(dtype)
    kw = {"label_smoothing": eps, "weight": w, "ignore_index": ignore}
    got = fastact.softmax_cross_entropy(cuda.to_device(x), dl, axis, **kw).copy_to_host()
    d = fastact.softmax_cross_entropy_backward(cuda.to_device(g), cuda.to_device(x), dl, axis,
                                               **kw).copy_to_host()
    assert got.dtype == dtype and d.dtype == dtype and d.shape == x.shape
    for i in range(rows):
        row = xr[i].astype(np.float64)
        li = lab[i] if probs else int(lab[i])
        c = _coefs(n, li, eps, w) * (0.0 if not probs and li == ignore else 1.0)
        loss, grad, cond, cond_g = _reference(row, c)
        _check(got[i], loss, 4, cond, dtype, f"row {i}")
        di = d[:, i] if axis == 0 else d[i]
        for j in range(n):
            _check(di[j], g[i] * grad[j], 16, abs(float(g[i])) * cond_g[j], dtype,
                   f"row {i}, entry {j}")
    t = (rng.random(size=x.shape) < 0.5).astype(dtype)
    pw = rng.random(size=x.shape[-1:]) + 0.5
    for targets, host in ((t, t), (cuda.to_device(np.array(t, order=order)), t), (1.0, 1.0)):
        got = fastact.sigmoid_binary_cross_entropy(cuda.to_device(x), targets, pos_weight=pw)
        want = fastact.sigmoid_binary_cross_entropy(x, host, pos_weight=pw)
        np.testing.assert_array_equal(got.copy_to_host(), np.asarray(want, dtype))
        got = fastact.sigmoid_binary_cross_entropy_backward(2.0, cuda.to_device(x), targets)
        want = fastact.sigmoid_binary_cross_entropy_backward(2.0, x, host)
        np.testing.assert_array_equal(got.copy_to_host(), np.asarray(want, dtype))


@settings(max_examples=12, deadline=None)
@given(st.data())
def test_binary_loss_on_the_device_reads_operands_as_the_cpu(data):
    """The binary loss of float32 logits on the device: float32 arithmetic exactly where the
    CPU has it (targets and pos_weight of a dtype float32 holds, on the host or the device,
    numbers it holds), float64 elsewhere; the CPU's bits under the simulator, within 4 ulp
    of them on a GPU (whose compiler may fuse a product and a sum)."""
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    n = 40
    x = (rng.normal(size=n) * 6).astype(np.float32)
    x[rng.integers(0, n, 3)] = rng.choice([np.nan, np.inf, 95.0, -88.0], 3)
    soft = rng.random(n)

    def operand(name, values):
        kind = data.draw(st.sampled_from(["float32", "bool", "float64", "device float32",
                                          "float32 number", "number", "none"]), label=name)
        if kind == "none" and name == "pos_weight":
            return None, None
        if kind in ("none", "float32"):
            a = values.astype(np.float32)
        elif kind == "bool":
            a = values > 0.5
        elif kind == "float64":
            a = values
        elif kind == "device float32":
            return cuda.to_device(values.astype(np.float32)), values.astype(np.float32)
        else:
            v = float(values[0])
            a = float(np.float32(v)) if kind == "float32 number" else v
        return a, a

    t, t_host = operand("targets", soft)
    pw, pw_host = operand("pos_weight", rng.random(n) * 3)
    got = fastact.sigmoid_binary_cross_entropy(cuda.to_device(x), t, pos_weight=pw)
    got = got.copy_to_host()
    want = fastact.sigmoid_binary_cross_entropy(x, t_host, pos_weight=pw_host)
    assert got.dtype == want.dtype == np.float32
    if fc.SIMULATED:
        np.testing.assert_array_equal(got, want)
    else:
        np.testing.assert_allclose(got, want, rtol=4 * np.finfo(np.float32).eps, atol=0)


def test_losses_on_the_device_errors_and_special_rows():
    x = np.array([[np.nan, 0.0], [np.inf, 0.0], [-np.inf, 0.0], [3.0, 3.0]])
    got = fastact.softmax_cross_entropy(cuda.to_device(x), np.array([1, 1, 0, 0]))
    np.testing.assert_array_equal(got.copy_to_host(),
                                  fastact.softmax_cross_entropy(x, np.array([1, 1, 0, 0])))
    d = fastact.softmax_cross_entropy_backward(cuda.to_device(np.ones(4)), cuda.to_device(x),
                                               np.array([1, 1, 0, 0]))
    np.testing.assert_array_equal(
        d.copy_to_host(), fastact.softmax_cross_entropy_backward(np.ones(4), x, [1, 1, 0, 0]))
    with pytest.raises(ValueError, match=r"class indices in \[0, 2\)"):
        fastact.softmax_cross_entropy(cuda.to_device(x), cuda.to_device(np.array([0, 2, 0, 0])))
    with pytest.raises(TypeError, match="where= is not supported"):
        fastact.softmax_cross_entropy(cuda.to_device(x), np.zeros(4, int), where=True)
    with pytest.raises(ValueError, match="weight must have one value per class"):
        fastact.softmax_cross_entropy(cuda.to_device(x), np.zeros(4, int), weight=[1.0])
    with pytest.raises(ValueError, match="broadcast"):
        fastact.sigmoid_binary_cross_entropy(cuda.to_device(x), np.zeros(3))


# --- fused bias and gated units (fastact/_cuda/fused.py) -----------------------------------

@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fused_bias_and_gated_on_device(dtype):
    """The fused kernels against the CPU's fused loops (the same kernels: the same values)."""
    rng = np.random.default_rng(20)
    tol = 4 * np.finfo(dtype).eps
    x = rng.normal(size=(5, 6)).astype(dtype)
    g = rng.normal(size=(5, 6)).astype(dtype)
    for b in (rng.normal(size=6).astype(dtype), rng.normal(size=(5, 6)).astype(dtype), 1.5):
        bd = cuda.to_device(b) if isinstance(b, np.ndarray) and b.ndim == 1 else b
        y = fastact.gelu(cuda.to_device(x), bias=bd)
        np.testing.assert_allclose(y.copy_to_host(), fastact.gelu(x, bias=b), rtol=tol)
        dx, db = fastact.silu_backward(cuda.to_device(g), cuda.to_device(x), bias=bd)
        want_dx, want_db = fastact.silu_backward(g, x, bias=b)
        np.testing.assert_allclose(dx.copy_to_host(), want_dx, rtol=tol)
        np.testing.assert_allclose(db.copy_to_host(), want_db, rtol=tol)
    h = rng.normal(size=(3, 2, 8)).astype(dtype)
    bias = rng.normal(size=(2, 8)).astype(dtype)
    for gate in ("first", "second"):
        for axis, b in ((1, bias), (-1, None)):
            kw = {"axis": axis, "gate": gate, "bias": b}
            y = fastact.geglu(cuda.to_device(h), **kw)
            np.testing.assert_allclose(y.copy_to_host(), fastact.geglu(h, **kw), rtol=tol)
            grad = rng.normal(size=y.shape).astype(dtype)
            got = fastact.geglu_backward(cuda.to_device(grad), cuda.to_device(h), **kw)
            want = fastact.geglu_backward(grad, h, **kw)
            for r, w in zip(got if b is not None else [got], want if b is not None else [want]):
                np.testing.assert_allclose(r.copy_to_host(), w, rtol=tol, atol=1e-300)
    a, v = h[:, 0].copy(), h[:, 1].copy()
    grad = rng.normal(size=a.shape).astype(dtype)
    got = fastact.swiglu_backward(cuda.to_device(grad), cuda.to_device(a), cuda.to_device(v),
                                  bias=(None, bias[0]))
    want = fastact.swiglu_backward(grad, a, v, bias=(None, bias[0]))
    assert got[2] is None
    for i in (0, 1, 3):
        np.testing.assert_allclose(got[i].copy_to_host(), want[i], rtol=tol)


@pytest.mark.parametrize("kind", ["cupy", "torch"])
def test_fused_other_libraries_same_kind_out(fake_libraries, kind):
    wrap = _FakeCupyArray if kind == "cupy" else _FakeTensor
    rng = np.random.default_rng(21)
    x = rng.normal(size=(4, 6))
    b = rng.normal(size=6)
    y = fastact.relu(wrap(x), bias=wrap(b))
    assert type(y) is wrap
    np.testing.assert_array_equal(y.host(), fastact.relu(x, bias=b))
    dx, db = fastact.relu_backward(wrap(x), wrap(x), bias=wrap(b))
    assert type(dx) is wrap and type(db) is wrap
    np.testing.assert_array_equal(db.host(), fastact.relu_backward(x, x, bias=b)[1])
    y = fastact.swiglu(wrap(x))
    assert type(y) is wrap
    np.testing.assert_allclose(y.host(), fastact.swiglu(x), rtol=4e-16)


@pytest.mark.skipif(not fc.SIMULATED, reason="a stand-in over host memory")
def test_fused_layouts_the_kernels_do_not_take():
    """A layout the fused kernels do not take (a bias of shape (C, 1)) runs as separate calls
    with the arrays' own arithmetic; an array without arithmetic (numba's device arrays on a
    real GPU, here a bare __cuda_array_interface__) is a TypeError that says what to pass."""
    x = _FakeArray(np.ones((3, 4)))
    with pytest.raises(TypeError, match="CuPy arrays or PyTorch tensors"):
        fastact.gelu(x, bias=np.ones((3, 1)))
    with pytest.raises(ValueError, match="even"):
        fastact.swiglu(cuda.to_device(np.ones((3, 5))))


def _derived_cases():
    from fastact._spec.registry import DERIVED, REQUIRED

    out = []
    for name, e in DERIVED.items():
        if e.base in ("identity", "relu6", "hardsigmoid", "sparse_sigmoid", "softshrink"):
            continue  # the same zero kernels as relu's, binary_step's, hardshrink's
        complete = all(p.default is not REQUIRED for p in e.params)
        out.append((name, {} if complete else dict(e.test_params[0])))
    return out


# a float32 result that overflows (logit'' near 0) is inf, as on the CPU; the simulator's
# threads warn of the cast, outside np.errstate's reach
@pytest.mark.filterwarnings("ignore:.*overflow encountered in cast:RuntimeWarning")
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
@pytest.mark.parametrize(("name", "params"), _derived_cases(), ids=[n for n, _ in _derived_cases()])
def test_higher_derivatives_on_the_device_against_mpmath(name, params, dtype):
    from fastact._tools.accuracy import CURVATURE_ULP, curvature_errors

    e = lookup(name)
    all_xs = cached_points(name, key(params), dtype)
    step = max(1, all_xs.size // 50) if fc.SIMULATED else 1
    xs = np.ascontiguousarray(all_xs[::step])
    hi, lo = (a[::step] for a in cached_reference(name, key(params), dtype, False))
    y = _kernel_run(name, params, xs, False)
    err = curvature_errors(e, xs, y, hi, lo, params, dtype)
    assert (err <= CURVATURE_ULP[e.order]).all(), report(xs, y, hi, err)
    np.testing.assert_array_equal(getattr(fastact, name)(cuda.to_device(xs), **params)
                                  .copy_to_host(), y)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
def test_double_backward_on_the_device(dtype):
    rng = np.random.default_rng(5)
    x = (rng.normal(size=(6, 8)) * 4).astype(dtype)
    gg, grad = (rng.normal(size=(6, 8)).astype(dtype) for _ in range(2))
    for name, kw in (("gelu", {}), ("softplus", {"beta": 2.0}), ("gelu", {"approximate": "tanh"})):
        f = getattr(fastact, name + "_double_backward")
        want = f(gg, grad, x, **kw)
        got = f(cuda.to_device(gg), cuda.to_device(grad), cuda.to_device(x), **kw)
        for g, w in zip(got, want):
            assert not isinstance(g, np.ndarray)
            np.testing.assert_array_equal(g.copy_to_host(), w)
    # strided inputs (gathered on the device) and out= a strided view
    xd = cuda.to_device(np.ascontiguousarray(x.T))
    ggd, gd = cuda.to_device(np.ascontiguousarray(gg.T)), cuda.to_device(np.ascontiguousarray(grad.T))
    o = cuda.device_array((8, 12), dtype)
    r = fastact.tanh_double_backward(ggd[:, ::-1], gd[:, ::-1], xd[:, ::-1], out=(None, o[:, ::2]))
    want = fastact.tanh_double_backward(gg.T[:, ::-1], grad.T[:, ::-1], x.T[:, ::-1])
    np.testing.assert_array_equal(r[0].copy_to_host(), want[0])
    np.testing.assert_array_equal(o.copy_to_host()[:, ::2], want[1])
    with pytest.raises(TypeError, match="scalars"):
        fastact.softplus_double_backward(ggd, gd, xd, beta=np.ones(2))
    with pytest.raises(TypeError, match="CUDA arrays"):
        fastact.tanh_double_backward(gg.T, gd, xd)
