"""bfloat16 (``ml_dtypes``): bfloat16 in, bfloat16 out, computed in float32, rounded once.

Skipped where ml_dtypes is not installed (it is an optional extra, ``fastact[bfloat16]``;
the test extra installs it).
"""

import numpy as np
import pytest
from conftest import CASE_IDS, CASES, call

import fastact

ml_dtypes = pytest.importorskip("ml_dtypes")
BF16 = np.dtype(ml_dtypes.bfloat16)


def _bf16_points() -> np.ndarray:
    rng = np.random.default_rng(7)
    tiny = float(ml_dtypes.finfo(BF16).smallest_normal)
    big = float(ml_dtypes.finfo(BF16).max)
    edges = [0.0, -0.0, np.inf, -np.inf, np.nan, tiny, -tiny, tiny / 8, big, -big, 1.0, -1.0,
             3.0, -3.0, 88.0, -88.0, 1e-3, -1e-3, 30.0, -30.0]
    return np.concatenate([np.array(edges), rng.normal(size=300) * 4,
                           rng.uniform(-100, 100, 100)]).astype(BF16)


def bf16_ulp_errors(got, ref) -> np.ndarray:
    """|got - ref| in bfloat16 ulps at ``ref`` (float64); inf for a wrong inf or NaN."""
    got = np.atleast_1d(np.asarray(got, np.float64))
    ref = np.atleast_1d(np.asarray(ref, np.float64))
    top = float(ml_dtypes.finfo(BF16).max) * (1 + 2.0 ** -9)  # rounds to inf from here on
    ref = np.where(np.abs(ref) >= top, np.copysign(np.inf, ref), ref)
    with np.errstate(all="ignore"):
        ex = np.frexp(ref)[1] - 1
        ulp = np.ldexp(1.0, np.maximum(ex, -126) - 7)
        err = np.abs(got - ref) / ulp
    special = ~np.isfinite(ref)
    err[special] = np.where((got[special] == ref[special]) | (np.isnan(got[special])
                                                              & np.isnan(ref[special])), 0.0, np.inf)
    return np.where(np.isfinite(ref) & ~np.isfinite(got), np.inf, err)


@pytest.mark.parametrize("backward", [False, True])
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_every_elementwise_function_in_bfloat16(name, params, backward):
    x = _bf16_points()
    g = np.random.default_rng(3).normal(size=x.size).astype(BF16) if backward else None
    with np.errstate(all="ignore"):
        got = call("public", name, x, params, backward, g)
        as32 = call("public", name, x.astype(np.float32), params, backward,
                    None if g is None else g.astype(np.float32))
        ref = call("public", name, x.astype(np.float64), params, backward,
                   None if g is None else g.astype(np.float64))
    assert got.dtype == BF16
    # computed in float32 and rounded once: the float32 result, rounded
    np.testing.assert_array_equal(got.view(np.uint16), as32.astype(BF16).view(np.uint16))
    # so within a bfloat16 ulp of the (float64, a few float64 ulps) result
    err = bf16_ulp_errors(got, ref)
    assert err.max() <= 1.0, (x[err.argmax()], got[err.argmax()], ref[err.argmax()])


def test_axis_functions_and_out_in_bfloat16():
    x = (np.random.default_rng(4).normal(size=(6, 9)) * 5).astype(BF16)
    x64 = x.astype(np.float64)
    for name in ("softmax", "log_softmax", "softmin", "logsumexp", "logmeanexp"):
        f = fastact.get(name)
        for axis in (-1, 0, None):
            got = f(x, axis=axis)
            assert np.asarray(got).dtype == BF16
            err = bf16_ulp_errors(got, f(x64, axis=axis))
            assert err.max() <= 1.0, (name, axis, err.max())
    y = fastact.softmax(x)
    gb = fastact.softmax_backward(x, y)
    assert gb.dtype == BF16
    out = np.empty(x.shape, BF16)
    assert fastact.softmax(x, out=out) is out
    np.testing.assert_array_equal(out.view(np.uint16), y.view(np.uint16))
    out = np.empty(x.shape, BF16)
    assert fastact.gelu(x, out=out) is out
    np.testing.assert_array_equal(out.view(np.uint16), fastact.gelu(x).view(np.uint16))
    assert fastact.sigmoid(x[0, 0]).dtype == BF16  # a bfloat16 scalar in: one out
    assert fastact.sigmoid(np.ones(3, BF16), out=np.empty(3, np.float32)).dtype == np.float32
    # bfloat16 with float32 computes and returns float32
    assert fastact.gelu_backward(x.astype(np.float32), x).dtype == np.float32


def test_fused_bias_and_gated_units():
    """bias= and the gated units on bfloat16: bfloat16 out, the float32 result rounded once."""
    x = _bf16_points()[:400].reshape(40, 10)
    b = np.linspace(-2, 2, 10).astype(BF16)
    x32, b32 = x.astype(np.float32), b.astype(np.float32)
    y = fastact.gelu(x, bias=b)
    assert y.dtype == BF16
    np.testing.assert_array_equal(y.astype(np.float32),
                                  fastact.gelu(x32 + b32).astype(BF16).astype(np.float32))
    dx, db = fastact.gelu_backward(np.ones_like(x), x, bias=b)
    assert dx.dtype == BF16 and db.dtype == BF16 and db.shape == (10,)
    want_dx, want_db = fastact.gelu_backward(np.ones_like(x32), x32, bias=b32)
    np.testing.assert_array_equal(dx.astype(np.float32), want_dx.astype(BF16).astype(np.float32))
    np.testing.assert_array_equal(db.astype(np.float32), want_db.astype(BF16).astype(np.float32))
    s = fastact.swiglu(x)
    assert s.dtype == BF16 and s.shape == (40, 5)
    np.testing.assert_array_equal(s.astype(np.float32),
                                  fastact.swiglu(x32).astype(BF16).astype(np.float32))
