"""Fused bias ``f(x + b)`` and gated units: semantics, accuracy, threads, peers' layouts, errors.

The contract (fastact/_cpu/fused.py, fastact/_api/gated.py):

* ``f(x, bias=b)`` gives the bits of ``f(x + b)`` (the sum rounded to the compute dtype
  first); ``f_backward(grad, x, bias=b)`` gives ``dx``, the bits of ``f_backward(grad,
  x + b)``, and ``db`` within ``2`` ulp (of its dtype) of the exact sum of ``dx`` over the
  broadcast axes plus ``2 eps`` times the sum of magnitudes (``eps``: the compute dtype's
  unit roundoff): a plain float32 sum of more than a few rows fails that.
* Gated units give the bits of ``f(gate) * value`` (the product rounded once); their
  backward the bits of ``f_backward(grad * value, gate)`` and ``grad * f(gate)``.  Against
  mpmath: the forward within 4 ulp beyond the product's rounding, the backward within 16.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fastact
from fastact._core.dtypes import compute_dtypes
from fastact._spec.names import HAND_WRITTEN
from fastact._spec.registry import REGISTRY, REQUIRED
from fastact._tools.accuracy import gated_errors

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NAMES = [n for n in REGISTRY if n not in HAND_WRITTEN and n + "_backward" not in HAND_WRITTEN]
GATES = [n for n in REGISTRY if n != "rrelu" and not REGISTRY[n].variant_of]
DTYPES = [np.float32, np.float64, np.float16, np.dtype(">f4"), np.dtype(">f8")]
SPECIALS = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-310, 1e-40, 3e38, -1e300, 88.7, -745.0]


def _params(name):
    e = REGISTRY[name]
    if e.test_params:
        p = dict(e.test_params[0])
    else:
        p = {}
    for q in e.params:
        if q.default is REQUIRED and q.name not in p:
            raise AssertionError(name)
    return {k: v for k, v in p.items() if not any(q.name == k and q.choices for q in e.params)}


def _same(a, b):
    """Bit for bit (NaN payloads aside), same dtype and shape."""
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype and a.shape == b.shape, (a.dtype, b.dtype, a.shape, b.shape)
    ua, ub = a.view(f"u{a.dtype.itemsize}"), b.view(f"u{b.dtype.itemsize}")
    return bool(np.all((ua == ub) | (np.isnan(a) & np.isnan(b))))


def _values(rng, shape, dtype, specials=True):
    v = rng.normal(scale=3, size=shape)
    if specials and v.size:
        k = rng.integers(0, 1 + v.size // 4)
        v.flat[rng.integers(0, v.size, k)] = rng.choice(SPECIALS, k)
    with np.errstate(all="ignore"):
        return np.asarray(v.astype(dtype))


def _layout(draw, a):
    """``a`` as a view of any layout (transposed, strided, reversed) with the same values."""
    if a.ndim == 0:
        return a
    kind = draw(st.sampled_from(["C", "F", "strided", "reversed"]))
    if kind == "F":
        return np.asfortranarray(a)
    if kind == "strided":
        big = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), a.dtype)
        big[..., ::2] = a
        return big[..., ::2]
    if kind == "reversed":
        return np.flip(np.flip(a).copy())
    return a


def db_bound(d, axes, dtype_result, dtype_compute):
    """``2 ulp(S) + 2 eps sum|d|`` per element of the exact sum ``S`` of ``d`` over ``axes``."""
    d = np.asarray(d, np.float64)
    if d.size == 0:
        kept = tuple(n for i, n in enumerate(d.shape) if i not in axes)
        return np.zeros(kept), np.zeros(kept)
    exact = np.apply_along_axis(math.fsum, -1, np.moveaxis(d, axes, range(-len(axes), 0)).reshape(
        *[n for i, n in enumerate(d.shape) if i not in axes], -1)) if axes else d
    mag = np.abs(d).sum(axis=tuple(axes)) if axes else np.abs(d)
    eps = float(np.finfo(dtype_compute).eps) / 2
    fi = np.finfo(dtype_result)
    with np.errstate(all="ignore"):
        ulp = np.ldexp(1.0, np.maximum(np.frexp(exact)[1] - 1, int(np.log2(float(fi.tiny))))
                       - fi.nmant)
    return exact, 2 * ulp + 2 * eps * mag


# -- f(x + b) ------------------------------------------------------------------------------

@st.composite
def bias_case(draw):
    name = draw(st.sampled_from(NAMES))
    dtype = draw(st.sampled_from(DTYPES))
    ndim = draw(st.integers(1, 3))
    shape = tuple(draw(st.integers(0 if ndim > 1 else 1, 6)) for _ in range(ndim))
    kind = draw(st.sampled_from(["trailing", "trailing", "scalar", "inner", "leading1"]))
    if kind == "trailing":
        bshape = shape[draw(st.integers(0, ndim - 1)):]
    elif kind == "scalar":
        bshape = ()
    elif kind == "inner":  # a per-channel bias of shape (C, 1): not along trailing dims
        bshape = shape[-2:-1] + (1,) if ndim > 1 else (1,)
    else:
        bshape = (1,) + shape[1:]
    bdtype = draw(st.sampled_from([dtype, dtype, np.float32, np.float64]))
    seed = draw(st.integers(0, 2**32 - 1))
    return name, dtype, shape, bshape, bdtype, seed


@SETTINGS
@given(case=bias_case(), data=st.data())
def test_bias_is_two_calls_bit_for_bit(case, data):
    name, dtype, shape, bshape, bdtype, seed = case
    rng = np.random.default_rng(seed)
    x = _layout(data.draw, _values(rng, shape, dtype))
    b = _values(rng, bshape, bdtype, specials=False)
    g = _layout(data.draw, _values(rng, shape, dtype, specials=False))
    params = _params(name)
    compute, result = compute_dtypes([x.dtype, b.dtype, g.dtype])
    x0, b0 = x.copy(), b.copy()
    f, fb = fastact.get(name), fastact.get(name + "_backward")
    with np.errstate(all="ignore"):
        z = np.add(x, b, dtype=compute)
        want = np.asarray(f(z, **params)).astype(result)
        got = f(x, **params, bias=b)
        assert _same(got, want)
        dx, db = fb(g, x, **params, bias=b)
        d = np.asarray(fb(g.astype(compute), z, **params))
        assert _same(dx, d.astype(result))
    assert _same(x, x0) and _same(b, b0), "an input changed"
    # db: summed over the axes b was broadcast along, within the bound
    lead = len(shape) - len(bshape)
    axes = [i for i in range(len(shape)) if i < lead or bshape[i - lead] == 1]
    assert db.shape == bshape and db.dtype == result
    exact, bound = db_bound(d, axes, result, compute)
    exact, bound = exact.reshape(bshape), bound.reshape(bshape)
    fin = np.isfinite(exact) & np.isfinite(bound)
    assert np.all(np.abs(db.astype(np.float64)[fin] - exact[fin]) <= bound[fin])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(20000, 7), (5, 40000), (3000, 600)])
def test_bias_gradient_sum_is_accurate_and_deterministic(dtype, shape):
    """Long, cancelling columns: the bound holds (a plain float32 sum breaks it), the same
    bits on every call, and from the serial and the threaded loops within the bound."""
    import numba

    rng = np.random.default_rng(1)
    x = rng.normal(size=shape).astype(dtype)
    g = (rng.normal(size=shape) * np.where(rng.random(shape) < 0.5, 1e4, 1.0)).astype(dtype)
    b = rng.normal(size=shape[1]).astype(dtype)
    dx, db = fastact.silu_backward(g, x, bias=b)
    dx2, db2 = fastact.silu_backward(g, x, bias=b)
    assert _same(db, db2) and _same(dx, dx2)
    exact, bound = db_bound(dx, [0], np.dtype(dtype), np.dtype(dtype))
    assert np.all(np.abs(db.astype(np.float64) - exact) <= bound)
    if dtype == np.float32 and shape[0] >= 3000:  # the bound can fail: where nothing cancels,
        xp, gp = np.abs(x) + 0.1, np.abs(g) + 0.1  # a float32 sum of the columns breaks it
        dxp, dbp = fastact.silu_backward(gp, xp, bias=np.zeros_like(b))
        exact_p, bound_p = db_bound(dxp, [0], np.dtype(dtype), np.dtype(dtype))
        assert np.all(np.abs(dbp.astype(np.float64) - exact_p) <= bound_p)
        naive = np.zeros(shape[1], np.float32)
        for row in dxp:
            naive += row
        assert np.any(np.abs(naive.astype(np.float64) - exact_p) > bound_p)
    old = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        dx1, db1 = fastact.silu_backward(g, x, bias=b)
    finally:
        numba.set_num_threads(old)
    assert _same(dx1, dx)
    assert np.all(np.abs(db1.astype(np.float64) - exact) <= bound)


def test_bias_forward_threads_and_out():
    """Above the split threshold (rows and columns), out= of any layout, in place."""
    rng = np.random.default_rng(2)
    for shape in [(4096, 64), (2, 70000)]:
        x = rng.normal(size=shape).astype(np.float32)
        b = rng.normal(size=shape[-1]).astype(np.float32)
        want = fastact.gelu(x + b)
        assert _same(fastact.gelu(x, bias=b), want)
        out = np.zeros((shape[1], shape[0]), np.float64).T
        assert fastact.gelu(x, bias=b, out=out) is out and _same(out, want.astype(np.float64))
        y = x.copy()
        assert fastact.gelu(y, bias=b, out=y) is y and _same(y, want)
        dxo, dbo = np.empty(shape, np.float32), np.empty(shape[-1], np.float64)
        r = fastact.gelu_backward(np.ones_like(x), x, bias=b, out=(dxo, dbo))
        assert r[0] is dxo and r[1] is dbo
        assert _same(dxo, fastact.gelu_backward(np.ones_like(x), x + b))


def test_bias_with_parameters_and_choices():
    x = np.linspace(-3, 3, 12).reshape(3, 4)
    b = np.array([0.5, -0.5, 1.0, 0.0])
    assert _same(fastact.gelu(x, approximate="tanh", bias=b), fastact.gelu(x + b, approximate="tanh"))
    assert _same(fastact.leaky_relu(x, 0.2, bias=b), fastact.leaky_relu(x + b, 0.2))
    slopes = np.full((3, 4), 0.3)  # an array parameter: the two calls
    assert _same(fastact.leaky_relu(x, slopes, bias=b), fastact.leaky_relu(x + b, slopes))
    dx, db = fastact.hardtanh_backward(np.ones_like(x), x, -1.0, 2.0, bias=b)
    assert _same(dx, fastact.hardtanh_backward(np.ones_like(x), x + b, -1.0, 2.0))
    assert _same(db, dx.sum(0))


def test_bias_special_values():
    """-0.0 + b, NaN, inf: as the two calls (the sum is the activation's input)."""
    x = np.array([-0.0, 0.0, np.nan, np.inf, -np.inf, 1.0])
    for b in (0.0, -0.0, np.inf):
        with np.errstate(all="ignore"):
            assert _same(fastact.relu(x, bias=b), fastact.relu(x + b))
            assert _same(fastact.silu(x, bias=b), fastact.silu(x + b))


def test_bias_errors_and_scalars():
    with pytest.raises(TypeError, match="bias"):
        fastact.relu(np.ones(3), bias=np.array(["a"] * 3))
    with pytest.raises(TypeError, match="x has dtype"):
        fastact.relu(np.ones(3, complex), bias=1.0)
    with pytest.raises(ValueError):
        fastact.relu(np.ones((2, 3)), bias=np.ones(2))
    with pytest.raises(ValueError, match="out must hold 2"):
        fastact.relu_backward(np.ones(3), np.ones(3), bias=1.0, out=(None,))
    r = fastact.sigmoid(0.0, bias=0.0)
    assert isinstance(r, np.float64) and r == 0.5
    dx, db = fastact.sigmoid_backward(1.0, 0.0, bias=np.zeros(1))
    assert dx == 0.25 and db.shape == (1,) and db[0] == 0.25


# -- gated units -----------------------------------------------------------------------------

def _compose(name, params, g, v, compute):
    """``f(g) * v`` and its gradients by separate fastact calls, in the compute dtype."""
    f, fb = fastact.get(name), fastact.get(name + "_backward")
    g, v = np.asarray(g, compute), np.asarray(v, compute)
    fg = np.asarray(f(g, **params), compute)

    def backward(grad):
        dg = fb(np.asarray(grad, compute) * v, g, **params)
        dg = dg[0] if name == "prelu" else dg  # (prelu_backward also returns the weight's)
        return np.asarray(dg, compute), np.asarray(grad, compute) * fg

    return fg * v, backward


@st.composite
def gated_case(draw):
    name = draw(st.sampled_from(GATES))
    dtype = draw(st.sampled_from(DTYPES))
    ndim = draw(st.integers(1, 3))
    shape = [draw(st.integers(0 if ndim > 1 else 1, 5)) for _ in range(ndim)]
    axis = draw(st.integers(-ndim, ndim - 1))
    shape[axis] *= 2
    gate = draw(st.sampled_from(["first", "second"]))
    bias = draw(st.sampled_from([None, "covering", "other"]))
    return name, dtype, tuple(shape), axis, gate, bias, draw(st.integers(0, 2**32 - 1))


@SETTINGS
@given(case=gated_case(), data=st.data())
def test_gated_one_array_is_separate_calls_bit_for_bit(case, data):
    name, dtype, shape, axis, gate, bias_kind, seed = case
    rng = np.random.default_rng(seed)
    params = _params(name)
    unit = fastact.gated(name, **params)
    x = _layout(data.draw, _values(rng, shape, dtype))
    ax = axis % len(shape)
    b = None
    if bias_kind == "covering":
        b = _values(rng, shape[ax:], dtype, specials=False)
    elif bias_kind == "other":
        b = _values(rng, (shape[0],) + (1,) * (len(shape) - 1), dtype, specials=False)
    compute, result = compute_dtypes([x.dtype] + ([] if b is None else [b.dtype]))
    x0 = x.copy()
    with np.errstate(all="ignore"):
        z = np.asarray(x, compute) if b is None else np.add(x, b, dtype=compute)
        first, second = np.split(z, 2, axis=ax)
        gg, vv = (first, second) if gate == "first" else (second, first)
        want, grads = _compose(name, params, gg, vv, compute)
        got = unit(x, axis=axis, gate=gate, bias=b)
        assert _same(got, want.astype(result))
        grad = _layout(data.draw, _values(rng, want.shape, dtype, specials=False))
        dg, dv = grads(grad)
        dz = np.concatenate([dg, dv] if gate == "first" else [dv, dg], axis=ax)
        r = unit.backward(grad, x, axis=axis, gate=gate, bias=b)
    assert _same(x, x0), "the input changed"
    if b is None:
        assert _same(r, dz.astype(result))
        return
    dx, db = r
    assert _same(dx, dz.astype(result))
    axes = [i for i in range(len(shape)) if i < len(shape) - b.ndim or b.shape[i - len(shape) + b.ndim] == 1]
    exact, bound = db_bound(dz, axes, result, compute)
    fin = np.isfinite(exact) & np.isfinite(bound)
    assert db.shape == b.shape
    assert np.all(np.abs(db.astype(np.float64).reshape(exact.shape)[fin] - exact[fin]) <= bound[fin])


@SETTINGS
@given(name=st.sampled_from(["silu", "gelu", "relu", "mish", "hardswish"]),
       dtype=st.sampled_from([np.float32, np.float64]),
       gshape=st.sampled_from([(4, 3), (3,), (1, 3), (4, 1)]),
       vshape=st.sampled_from([(4, 3), (3,), (4, 1), ()]),
       with_bias=st.booleans(), seed=st.integers(0, 2**32 - 1))
def test_gated_two_arrays_broadcast(name, dtype, gshape, vshape, with_bias, seed):
    rng = np.random.default_rng(seed)
    g = _values(rng, gshape, dtype)
    v = _values(rng, vshape, dtype, specials=False)
    unit = fastact.gated(name)
    shape = np.broadcast_shapes(gshape, vshape)
    bias = (_values(rng, shape[-1:], dtype, specials=False), None) if with_bias else None
    with np.errstate(all="ignore"):
        gz = g if bias is None else g + bias[0]
        want, grads = _compose(name, {}, np.broadcast_to(gz, shape), np.broadcast_to(v, shape), dtype)
        assert _same(unit(g, v, bias=bias), want.astype(dtype))
        grad = _values(rng, shape, dtype, specials=False)
        r = unit.backward(grad, g, v, bias=bias)
        dg, dv = grads(grad)
    assert len(r) == (4 if with_bias else 2)
    for got, full, like in ((r[0], dg, g), (r[1], dv, v)):
        axes = [i for i in range(full.ndim) if i < full.ndim - like.ndim
                or like.shape[i - full.ndim + like.ndim] == 1]
        if not axes:
            assert _same(got, full.astype(dtype))
        else:
            exact, bound = db_bound(full, axes, np.dtype(dtype), np.dtype(dtype))
            fin = np.isfinite(exact)
            assert got.shape == like.shape
            assert np.all(np.abs(got.astype(np.float64).reshape(exact.shape)[fin] - exact[fin])
                          <= bound[fin])
    if with_bias:
        assert r[3] is None and r[2].shape == shape[-1:]


@pytest.mark.parametrize("name", ["silu", "gelu", "gelu_tanh", "relu", "sigmoid", "mish"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gated_against_mpmath(name, dtype):
    """Forward within 4 ulp beyond the product's rounding, both gradients within 16."""
    if name == "gelu_tanh":
        err = gated_errors("gelu", dtype, approximate="tanh")
    else:
        err = gated_errors(name, dtype)
    assert err["forward"] <= 4.5 and err["dvalue"] <= 4.5, err
    assert err["dgate"] <= 16, err


def test_gated_threads_rows_and_columns():
    rng = np.random.default_rng(4)
    for shape in [(600, 2 * 128), (1, 2 * 70000), (3, 2 * 40000)]:
        for dt in (np.float32, np.float64):
            h = rng.normal(size=shape).astype(dt)
            b = rng.normal(size=shape[-1]).astype(dt)
            grad = rng.normal(size=(shape[0], shape[1] // 2)).astype(dt)
            a, c = np.split(h + b, 2, axis=-1)
            assert _same(fastact.geglu(h, bias=b), fastact.gelu(a) * c)
            dx, db = fastact.geglu_backward(grad, h, bias=b)
            want = np.concatenate([fastact.gelu_backward(grad * c, a), grad * fastact.gelu(a)], -1)
            assert _same(dx, want)
            exact, bound = db_bound(want, [0], np.dtype(dt), np.dtype(dt))
            assert np.all(np.abs(db - exact) <= bound)


def test_peers_layouts():
    """The calls that docs/gated.md gives for each library reproduce its definition."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(3, 8))
    a, b = x[:, :4], x[:, 4:]
    sig = fastact.sigmoid
    # torch.nn.functional.glu(x, dim=-1) and jax.nn.glu: a * sigmoid(b)
    assert _same(fastact.gated("sigmoid")(x, gate="second"), sig(b) * a)
    np.testing.assert_allclose(fastact.glu(x), fastact.gated("sigmoid")(x, gate="second"), rtol=1e-15)
    # vLLM silu_and_mul / Megatron swiglu / ggml swiglu: silu(first half) * second half
    assert _same(fastact.swiglu(x), fastact.silu(a) * b)
    # ggml swiglu_swapped: silu(second half) * first half
    assert _same(fastact.swiglu(x, gate="second"), fastact.silu(b) * a)
    # vLLM GeluAndMul(approximate): gelu(first half) * second half
    for approx in ("none", "tanh"):
        assert _same(fastact.geglu(x, approximate=approx), fastact.gelu(a, approximate=approx) * b)
    # Megatron-core bias_swiglu_impl(y, bias): swiglu(y + bias), the gate first
    bias = rng.normal(size=8)
    assert _same(fastact.swiglu(x, bias=bias), fastact.silu(a + bias[:4]) * (b + bias[4:]))
    # ggml geglu_quick: x * sigmoid(1.702 x) as the gate
    np.testing.assert_allclose(fastact.gated("swish", beta=1.702)(x),
                               a / (1 + np.exp(-1.702 * a)) * b, rtol=1e-14)
    # ggml reglu and its swapped form
    assert _same(fastact.reglu(x, gate="second"), fastact.relu(b) * a)
    # Hugging Face LLaMA MLP: act_fn(gate_proj(x)) * up_proj(x): two arrays
    assert _same(fastact.swiglu(a, b), fastact.silu(a) * b)
    # Hugging Face Gemma (gelu_pytorch_tanh), T5 v1.1 (gelu_new): the tanh form
    assert _same(fastact.geglu(a, b, approximate="tanh"), fastact.gelu(a, approximate="tanh") * b)
    # ggml swiglu_oai (gpt-oss): x = min(a, 7), y = clip(b, -7, 7), x * sigmoid(1.702 x) * (y + 1)
    xo, yo = np.minimum(a, 7.0), np.clip(b, -7.0, 7.0)
    got = fastact.gated("swish", beta=1.702)(xo, yo, bias=(None, 1.0))
    want = xo * (1 / (1 + np.exp(-1.702 * xo))) * (yo + 1)
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_gated_special_values_and_kinks():
    x = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0])
    v = np.array([2.0, 2.0, 1.0, 1.0, 1.0, np.inf])
    with np.errstate(all="ignore"):
        assert _same(fastact.reglu(x, v), fastact.relu(x) * v)
        dg, dv = fastact.reglu_backward(np.ones(6), x, v)
    assert dg[0] == 0.0 and dv[0] == 0.0  # relu'(0) = 0 (its kink convention)
    assert _same(fastact.swiglu(np.array([-0.0, 0.0])), np.array([-0.0]) * 0.0)


def test_gated_errors():
    with pytest.raises(ValueError, match="even"):
        fastact.swiglu(np.ones(3))
    with pytest.raises(ValueError, match="gate must be"):
        fastact.swiglu(np.ones(4), gate="middle")
    with pytest.raises(ValueError, match="at least one dimension"):
        fastact.swiglu(np.float64(1.0))
    with pytest.raises(TypeError, match="pair"):
        fastact.swiglu(np.ones(4), np.ones(4), bias=np.ones(4))
    with pytest.raises(ValueError, match="do not broadcast"):
        fastact.swiglu(np.ones(4), np.ones(3))
    with pytest.raises(ValueError, match="grad has shape"):
        fastact.swiglu_backward(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="not an elementwise activation"):
        fastact.gated("softmax")
    with pytest.raises(ValueError, match="approximate"):
        fastact.geglu(np.ones(2), approximate="exact")
    with pytest.raises(TypeError, match="needs the parameter"):
        fastact.gated("threshold")
    with pytest.raises(TypeError, match="no parameter"):
        fastact.gated("relu", slope=2)
    with pytest.raises(ValueError, match="min_val <= max_val"):
        fastact.gated("hardtanh", min_val=2.0, max_val=1.0)
    with pytest.raises(TypeError, match="dtype"):
        fastact.swiglu(np.ones(4, complex))
    with pytest.raises(ValueError, match="out has shape"):
        fastact.swiglu(np.ones((2, 4)), out=np.empty((2, 4)))
    assert fastact.gated(fastact.hard_swish).activation == "hardswish"
    assert repr(fastact.gated("gelu", approximate="tanh")) == "fastact.gated('gelu', approximate='tanh')"


def test_gated_user_activation_and_float16_out():
    def soft(x, c):
        return x / (1.0 + abs(x) / c)

    def soft_d(x, c):
        t = 1.0 + abs(x) / c
        return 1.0 / (t * t)

    fastact.activation(soft, soft_d, name="fused_soft_test", params={"c": 2.0})
    unit = fastact.gated("fused_soft_test", c=3.0)
    h = np.random.default_rng(6).normal(size=(50000, 2)).astype(np.float32)  # the pool splits it
    want = fastact.get("fused_soft_test")(h[:, :1], c=3.0) * h[:, 1:]
    assert _same(unit(h), want)
    f = fastact.get("fused_soft_test")
    assert _same(f(h, c=3.0, bias=np.float32(1.0)), f(h + np.float32(1.0), c=3.0))
    out = np.empty((50000, 1), np.float16)
    assert unit(h, out=out) is out and _same(out, want.astype(np.float16))


def test_dask_gated_and_bias():
    da = pytest.importorskip("dask.array")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(6, 8)).astype(np.float32)
    b = rng.normal(size=8).astype(np.float32)
    dx = da.from_array(x, chunks=(2, 3))
    assert _same(fastact.swiglu(dx).compute(), fastact.swiglu(x))
    assert _same(fastact.gelu(dx, bias=b).compute(), fastact.gelu(x, bias=b))
    g = rng.normal(size=(6, 4)).astype(np.float32)
    assert _same(fastact.swiglu_backward(da.from_array(g, chunks=2), dx).compute(),
                 fastact.swiglu_backward(g, x))
    ddx, ddb = fastact.gelu_backward(da.from_array(x, chunks=3), dx, bias=b)
    want_dx, want_db = fastact.gelu_backward(x, x, bias=b)
    assert _same(ddx.compute(), want_dx)
    np.testing.assert_allclose(ddb.compute(), want_db, rtol=1e-5)


def test_inside_numba_scalars_bit_for_bit():
    """In @njit code: gated units on (gate, value) scalars, bias= on scalars; same bits."""
    import numba

    @numba.njit
    def run(g, v, b, grad):
        return (fastact.swiglu(g, v), fastact.geglu(g, v, approximate="tanh"),
                fastact.reglu_backward(grad, g, v), fastact.geglu_backward(grad, g, v),
                fastact.gelu(g, bias=b), fastact.silu_backward(grad, g, bias=b))

    rng = np.random.default_rng(8)
    for dt in (np.float32, np.float64):
        for g, v, b, grad in rng.normal(scale=4, size=(20, 4)).astype(dt):
            r = run(g, v, b, grad)
            one = lambda a, dt=dt: np.array([a], dt)  # noqa: E731
            assert _same(np.array(r[0], dt), fastact.swiglu(one(g), one(v))[0])
            assert _same(np.array(r[1], dt), fastact.geglu(one(g), one(v), approximate="tanh")[0])
            for got, want in zip(r[2], fastact.reglu_backward(one(grad), one(g), one(v))):
                assert _same(np.array(got, dt), want[0])
            for got, want in zip(r[3], fastact.geglu_backward(one(grad), one(g), one(v))):
                assert _same(np.array(got, dt), want[0])
            assert _same(np.array(r[4], dt), fastact.gelu(one(g), bias=one(b))[0])
            dx, db = fastact.silu_backward(one(grad), one(g), bias=one(b))
            assert _same(np.array(r[5][0], dt), dx[0]) and _same(np.array(r[5][1], dt), db[0])


def test_inside_numba_errors():
    import numba
    from numba.core.errors import TypingError

    @numba.njit
    def one_array(x):
        return fastact.swiglu(x)

    @numba.njit
    def matrix_bias(x):
        return fastact.gelu(x, bias=x)

    for fn, arg in ((one_array, 1.0), (matrix_bias, np.ones((2, 3)))):
        with pytest.raises(TypingError):
            fn(arg)

    @numba.njit
    def wrong_length(x, b):
        return fastact.gelu(x, bias=b)

    with pytest.raises(ValueError, match="last axis"):
        wrong_length(np.ones((2, 3)), np.ones(2))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_inside_numba_bias_on_arrays(dtype):
    """bias= on an array inside @njit: a scalar, or 1-d along the last axis; dx the same bits,
    db within the bound (summed in one thread, in order)."""
    import numba

    @numba.njit
    def run(x, b, g):
        return (fastact.gelu(x, bias=b), fastact.silu_backward(g, x, bias=b),
                fastact.gelu(x, bias=1.5), fastact.silu_backward(g, x, bias=0.5))

    rng = np.random.default_rng(10)
    x = rng.normal(size=(300, 7)).astype(dtype)
    b = rng.normal(size=7).astype(dtype)
    g = rng.normal(size=(300, 7)).astype(dtype)
    y, (dx, db), y2, (dx2, db2) = run(x, b, g)
    assert _same(y, fastact.gelu(x, bias=b)) and _same(y2, fastact.gelu(x, bias=1.5))
    assert _same(dx, fastact.silu_backward(g, x, bias=b)[0])
    assert _same(dx2, fastact.silu_backward(g, x, bias=0.5)[0])
    exact, bound = db_bound(dx, [0], np.dtype(dtype), np.dtype(dtype))
    assert db.dtype == dtype and np.all(np.abs(db - exact) <= bound)
    exact2, bound2 = db_bound(dx2.reshape(-1), [0], np.dtype(dtype), np.dtype(dtype))
    assert abs(float(db2) - float(exact2)) <= float(bound2)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_inside_numba_arrays_bit_for_bit(dtype):
    """In @njit code: one array split along its last axis (either gate), two arrays."""
    import numba

    @numba.njit
    def run(h, g, v, gr, second):
        gate = "second" if second else "first"
        return (fastact.swiglu(h, gate=gate), fastact.geglu(h, approximate="tanh", axis=-1),
                fastact.reglu(g, v), fastact.swiglu_backward(gr, h, gate=gate),
                fastact.geglu_backward(gr, g, v))

    rng = np.random.default_rng(9)
    h = rng.normal(scale=3, size=(4, 3, 6)).astype(dtype)
    g, v = h[..., :3].copy(), h[..., 3:].copy()
    gr = rng.normal(size=(4, 3, 3)).astype(dtype)
    for second in (False, True):
        gate = "second" if second else "first"
        r = run(h, g, v, gr, second)
        want = (fastact.swiglu(h, gate=gate), fastact.geglu(h, approximate="tanh"),
                fastact.reglu(g, v), fastact.swiglu_backward(gr, h, gate=gate),
                fastact.geglu_backward(gr, g, v))
        for got, w in zip(r[:4], want[:4]):
            assert _same(got, w)
        assert _same(r[4][0], want[4][0]) and _same(r[4][1], want[4][1])

    @numba.njit
    def odd(x):
        return fastact.swiglu(x)

    with pytest.raises(ValueError, match="even"):
        odd(np.ones((2, 3)))
