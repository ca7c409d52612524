"""fastact's elementwise functions inside the user's own Numba code (fastact/_api/overloads.py).

Inside ``@njit`` (also ``parallel=True`` with ``prange``) every generated public function
and its backward gives the same bits as the Python call, on scalars and on arrays of any
layout, with ``out=``; inside ``@cuda.jit`` kernels it takes scalars (the simulator here;
the PTX compile of a user kernel calling every function is in test_cuda_compile.py).
"""

import math

import numpy as np
import pytest
from numba import cuda, njit, prange, types
from numba.core.errors import TypingError

import fastact
from fastact._spec.names import HAND_WRITTEN
from fastact._spec.registry import REGISTRY
from fastact._tools.plot import plot_params

FUNCS = [(n, b) for n in REGISTRY for b in (False, True)
         if (n + ("_backward" if b else "")) not in HAND_WRITTEN]


def _points(dtype):
    t = np.finfo(dtype)
    edge = [0.0, -0.0, np.inf, -np.inf, np.nan, t.tiny, -t.tiny, t.smallest_subnormal, t.max,
            -t.max, 1e-5, -30.0, 20.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0]
    rand = np.random.default_rng(7).normal(scale=6, size=200)
    return np.array(edge + list(rand), dtype=dtype)


def _kwargs(name):
    e = REGISTRY[name]
    kw = plot_params(name)
    if e.test_params:  # a non-default value where the registry names one
        kw.update({k: v for k, v in e.test_params[0].items() if k in kw})
    return kw


def _scalar_loop(fname, kw, backward):
    """An @njit loop that calls fastact.<fname> on each scalar, parameters by keyword."""
    args = "".join(f", {k}={v!r}" for k, v in kw.items())
    head = "g[i], x[i]" if backward else "x[i]"
    src = (f"def loop(g, x, out):\n    for i in range(x.size):\n"
           f"        out[i] = fastact.{fname}({head}{args})\n")
    ns = {"fastact": fastact, "inf": math.inf}
    exec(src, ns)
    return njit(ns["loop"])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("name", "backward"), FUNCS,
                         ids=[n + ("_backward" if b else "") for n, b in FUNCS])
def test_scalar_calls_match_python_bit_for_bit(name, backward, dtype):
    fname = name + ("_backward" if backward else "")
    kw = _kwargs(name)
    x = _points(dtype)
    g = np.linspace(-2, 2, x.size).astype(dtype)
    if REGISTRY[name].domain is not None:
        lo, hi = REGISTRY[name].domain
        x = np.concatenate([x, np.linspace(max(lo, -40), min(hi, 40), 51)[1:-1].astype(dtype)])
        g = np.linspace(-2, 2, x.size).astype(dtype)
    want = getattr(fastact, fname)(*((g, x) if backward else (x,)), **kw)
    got = np.empty_like(x)
    with np.errstate(all="ignore"):
        _scalar_loop(fname, kw, backward)(g, x, got)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)  # NaN where NaN
    real = ~np.isnan(want)  # and every other value to the bit, the sign of zero too
    np.testing.assert_array_equal(got[real].view(np.uint8), want[real].view(np.uint8))


def test_scalar_types_follow_the_python_rules():
    @njit
    def f(a, b, c):
        return fastact.sigmoid(a), fastact.sigmoid(b), fastact.sigmoid(c)

    r32, r64, rint = f(np.float32(0.25), 0.25, 3)
    assert f.nopython_signatures[0].return_type.types == (types.float32, types.float64,
                                                          types.float64)
    assert np.float32(r32) == fastact.sigmoid(np.float32(0.25))
    assert r64 == fastact.sigmoid(0.25) and rint == fastact.sigmoid(3)


@pytest.mark.parametrize("layout", ["C", "F", "strided", "reversed", "0-d", "empty"])
def test_array_calls_and_out(layout):
    rng = np.random.default_rng(3)
    base = rng.normal(scale=3, size=(6, 8)).astype(np.float32)
    x = {"C": base, "F": np.asfortranarray(base), "strided": base[::2, 1::3],
         "reversed": base[::-1, ::-1], "0-d": np.array(0.75, np.float32),
         "empty": base[:0]}[layout]

    @njit
    def fwd(x):
        return fastact.gelu(x), fastact.leaky_relu(x, negative_slope=0.2)

    @njit
    def bwd(x, out):
        return fastact.silu_backward(np.ones_like(x), x, out=out)

    y, z = fwd(x)
    np.testing.assert_array_equal(y, fastact.gelu(x))
    np.testing.assert_array_equal(z, fastact.leaky_relu(x, negative_slope=0.2))
    assert y.dtype == np.float32 and y.shape == x.shape
    out = np.zeros((x.shape[1], x.shape[0]), np.float32).T if x.ndim == 2 else np.zeros_like(x)
    res = bwd(x, out)
    np.testing.assert_array_equal(out, fastact.silu_backward(np.ones_like(x), x))
    np.testing.assert_array_equal(res, out)


def test_prange_parallel_matches():
    @njit(parallel=True)
    def dense_gelu(x, w, b):
        n, m = x.shape[0], w.shape[1]
        out = np.empty((n, m))
        for i in prange(n):
            for j in range(m):
                acc = b[j]
                for k in range(x.shape[1]):
                    acc += x[i, k] * w[k, j]
                out[i, j] = fastact.gelu(acc)
        return out

    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(64, 16)), rng.normal(size=(16, 8)), rng.normal(size=8)
    got = dense_gelu(x, w, b)
    pre = np.empty((64, 8))
    for i in range(64):  # the same sums in the same order, outside Numba
        for j in range(8):
            acc = b[j]
            for k in range(16):
                acc += x[i, k] * w[k, j]
            pre[i, j] = acc
    np.testing.assert_array_equal(got, fastact.gelu(pre))


def test_errors_inside_numba():
    with pytest.raises(ValueError, match="min_val <= max_val"):
        njit(lambda v: fastact.hardtanh(v, 2.0, 1.0))(0.5)
    with pytest.raises(ValueError, match="approximate must be one of"):
        njit(lambda v: fastact.gelu(v, approximate="erf"))(0.5)
    assert njit(lambda v: fastact.gelu(v, approximate="tanh"))(0.5) == fastact.gelu_tanh(0.5)
    with pytest.raises(TypingError, match="must be a scalar"):
        njit(lambda v, s: fastact.leaky_relu(v, s))(np.ones(3), np.ones(3))
    with pytest.raises(TypingError, match="real number"):
        njit(lambda v: fastact.relu(v))(1j)
    with pytest.raises(ValueError, match="wrong shape"):
        njit(lambda v, o: fastact.relu(v, out=o))(np.ones(3), np.ones(4))
    with pytest.raises(TypingError, match="out must be"):
        njit(lambda v, o: fastact.relu(v, out=o))(np.ones(3), np.ones(3, np.float32))


@cuda.jit
def _user_kernel(out, x):
    i = cuda.grid(1)
    if i < x.size:
        out[i] = (fastact.gelu(x[i]) + fastact.softplus_backward(1.0, x[i], beta=2.0)
                  + fastact.tanh_derivative3(x[i]))


def test_inside_a_cuda_kernel_in_the_simulator():
    from numba import config

    if not config.ENABLE_CUDASIM:
        pytest.skip("the simulator is off in this process")
    kern = _user_kernel
    x = np.linspace(-5, 5, 64)
    out = np.zeros_like(x)
    kern[2, 32](out, x)
    want = fastact.gelu(x) + fastact.softplus_backward(1.0, x, beta=2.0) + fastact.tanh_derivative3(x)
    np.testing.assert_array_equal(out, want)


def test_the_hand_written_ones():
    """rrelu (evaluation mode), rrelu_backward and prelu_backward (scalar weight)."""
    x = np.linspace(-3, 3, 13)
    g = np.linspace(0.5, 2, 13)
    rr = njit(lambda v: fastact.rrelu(v, 0.1, 0.3, training=False))
    np.testing.assert_array_equal(rr(x), fastact.rrelu(x, 0.1, 0.3))
    assert rr(-1.0) == fastact.rrelu(-1.0, 0.1, 0.3)
    rb = njit(lambda gg, v: fastact.rrelu_backward(gg, v, lower=0.2))
    np.testing.assert_array_equal(rb(g, x), fastact.rrelu_backward(g, x, lower=0.2))
    pb = njit(lambda gg, v: fastact.prelu_backward(gg, v, 0.25))
    for dt in (np.float32, np.float64):
        got, want = pb(g.astype(dt), x.astype(dt)), fastact.prelu_backward(g.astype(dt), x.astype(dt), 0.25)
        np.testing.assert_array_equal(got[0], want[0])
        assert got[1] == want[1]
        assert pb(dt(2.0), dt(-1.5)) == tuple(fastact.prelu_backward(dt(2.0), dt(-1.5), 0.25))
    with pytest.raises(ValueError, match="training=True"):
        njit(lambda v, t: fastact.rrelu(v, training=t))(1.0, True)
    with pytest.raises(TypingError, match="not supported"):
        njit(lambda v: fastact.rrelu(v, return_slopes=True))(1.0)
    with pytest.raises(TypingError, match="scalar"):
        njit(lambda gg, v: fastact.prelu_backward(gg, v, v))(g, x)
