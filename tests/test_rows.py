"""softmax, log_softmax, softmin, logsumexp, glu, maxout and their backward."""

import math

import numpy as np
import pytest
import scipy.special as sc
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import fastact
from fastact._tools.accuracy import (
    AXIS_BACKWARD,
    AXIS_CHECKED,
    axis_backward_errors,
    axis_errors,
    axis_rows,
    mpmath,
    ulp_errors,
)

AxisError = np.exceptions.AxisError if hasattr(np, "exceptions") else np.AxisError
rng = np.random.default_rng(0)


def _mp_rows(x, kind):
    """mpmath softmax / log_softmax / logsumexp of a 1-d float64 row."""
    mp = mpmath()
    with mp.workprec(200):
        xs = [mp.mpf(float(v)) for v in x]
        m = max(xs)
        s = mp.fsum(mp.exp(v - m) for v in xs)
        if kind == "softmax":
            return np.array([float(mp.exp(v - m) / s) for v in xs])
        if kind == "log_softmax":
            return np.array([float(v - m - mp.log(s)) for v in xs])
        return float(m + mp.log(s))


ROWS = [
    rng.normal(size=7), rng.normal(size=300) * 30, rng.uniform(-700, 700, size=50),
    np.array([1e308, -1e308, 0.0, 1e308]), np.array([-1e308, -1e308]),
    np.array([1000.0, 0.0, -1000.0]), rng.normal(size=1) * 5, np.array([-745.0, 0.0]),
]


AXIS_ULP = 4  # beyond the conditioning term of fastact._tools.accuracy.axis_conditioning


def _rows(dtype):
    big = float(np.finfo(dtype).max)
    return axis_rows(dtype) + [np.clip(r, -big, big).astype(dtype) for r in ROWS]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", AXIS_CHECKED)
def test_softmax_family_against_mpmath(name, dtype):
    # relative error in ulps of each result, beyond the conditioning term (a dominant term
    # left logsumexp([0, -40]) at 0.0 behind the old absolute tolerance)
    for x in _rows(dtype):
        y = getattr(fastact, name)(x)
        assert np.asarray(y).dtype == dtype
        err = axis_errors(name, x, y, dtype)
        assert err.max() <= AXIS_ULP, (x, y, err)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", AXIS_CHECKED)
def test_softmax_family_along_axis0_against_mpmath(name, dtype):
    # the column kernels: rows of one length stacked as columns
    by_len: dict = {}
    for x in _rows(dtype):
        by_len.setdefault(x.size, []).append(x)
    for rows in by_len.values():
        cols = np.stack(rows, axis=1)
        y = getattr(fastact, name)(cols, axis=0)
        for k, x in enumerate(rows):
            err = axis_errors(name, x, y[..., k], dtype)
            assert err.max() <= AXIS_ULP, (x, y[..., k], err)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["softmax", "log_softmax", "softmin"]), st.sampled_from([np.float32, np.float64]),
       st.integers(48, 80), st.integers(0, 40), st.integers(0, 2**32 - 1),
       st.lists(st.sampled_from([np.nan, np.inf, -np.inf, 1e30, -1e30, 80.0]), max_size=4))
def test_columns_across_tiles_against_mpmath(name, dtype, n, extra, seed, specials):
    # the column kernels work in tiles of columns (fastact.kernels.axis.col_tile: the
    # forward's of 2 arrays in 1 MiB, the backward's of 3 in 512 KiB): arrays two forward
    # tiles wide and more, special values scattered, checked (forward and backward) on
    # the columns at every tile's edges and a random sample, against mpmath
    from fastact.kernels.axis import TILE_BYTES, TILE_BYTES_BACKWARD, col_tile

    r = np.random.default_rng(seed)
    size = np.dtype(dtype).itemsize
    tiles = [col_tile(n, size, 2, TILE_BYTES), col_tile(n, size, 3, TILE_BYTES_BACKWARD)]
    assert max(tiles) <= 8192  # (48 <= n <= 80: each kernel splits these arrays)
    post = 2 * tiles[0] + extra
    x = (r.normal(size=(n, post)) * 4).astype(dtype)
    for v in specials:
        x[r.integers(n), r.integers(post)] = v
    y = getattr(fastact, name)(x, axis=0)
    g = r.normal(size=x.shape).astype(dtype)
    back = getattr(fastact, name + "_backward")(g, y, axis=0)
    edges = [c for t in tiles for k in range(1, post // t + 1) for c in (k * t - 1, k * t)]
    fwd_name = "softmax" if name == "softmin" else name
    for c in sorted({*edges, *r.integers(0, post, 6).tolist(), post - 1} & set(range(post))):
        col = -x[:, c] if name == "softmin" else x[:, c]
        err = axis_errors(fwd_name, col, y[:, c], dtype)
        assert err.max() <= AXIS_ULP, (c, col, y[:, c], err)
        if np.isfinite(y[:, c]).all():
            berr = axis_backward_errors(name, g[:, c], y[:, c], back[:, c], dtype)
            assert berr.max() <= AXIS_ULP, (c, g[:, c], y[:, c], back[:, c], berr)


def infinite_gradient_case(name, dtype, n, seed, infs):
    """``(g, second, expected)``: a row whose gradient holds the infinities ``infs`` (at
    random places), and IEEE's result of the backward's formula with a plain sum (the sum
    is then inf or NaN: no compensated sum's low part may turn -inf into NaN).  Shared
    with tests/test_cuda.py."""
    r = np.random.default_rng(seed)
    x = (r.normal(size=n) * 3).astype(dtype)
    x[r.integers(n)] = -np.inf if name != "softmin" else np.inf  # a masked entry too
    second = getattr(fastact, name)(x)
    g = r.normal(size=n).astype(dtype)
    g[r.choice(n, size=len(infs), replace=False)] = infs
    g64, y64 = np.float64(g), np.float64(second)
    with np.errstate(all="ignore"):
        if name == "log_softmax":
            expected = np.where(y64 == -np.inf, g64, g64 - np.exp(y64) * np.sum(g64))
        else:
            expected = (-1.0 if name == "softmin" else 1.0) * (y64 * (g64 - np.sum(g64 * y64)))
    return g, second, expected


def assert_same_nan_and_inf(got, expected):
    """NaN where ``expected`` is, and its infinities (no others).  Shared with tests/test_cuda.py."""
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    inf = np.isinf(expected)
    np.testing.assert_array_equal(got[inf], expected[inf])
    assert np.isinf(got).sum() == inf.sum()


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["softmax", "softmin", "log_softmax"]), st.sampled_from([np.float32, np.float64]),
       st.integers(3, 40), st.integers(0, 2**32 - 1),
       st.lists(st.sampled_from([np.inf, -np.inf]), min_size=1, max_size=2), st.booleans())
def test_backward_with_an_infinite_gradient(name, dtype, n, seed, infs, along_axis0):
    # -inf (or inf) wherever g - e**y sum(g) or y (g - sum(g y)) is, NaN where inf - inf,
    # as float32's plain sums and PyTorch give; the float64 lines' compensated sums gave
    # NaN along the whole row (the low parts of an infinite sum)
    g, second, expected = infinite_gradient_case(name, dtype, n, seed, infs)
    bwd = getattr(fastact, name + "_backward")
    if along_axis0:  # the column kernels: three copies of the row as columns
        got = bwd(np.stack([g] * 3, axis=1), np.stack([second] * 3, axis=1), axis=0)[:, 1]
    else:
        got = bwd(g, second)
    assert_same_nan_and_inf(got, expected)


def _backward_cases(name, dtype):
    """(g, second) rows for the backward of ``name``: the forward's output (or input) on
    :func:`axis_rows`, with random gradients, gradients equal along the row (where
    ``g - sum(g*y)`` cancels), gradients within 1e-3 of cancelling (softmax: ``g - sum(g
    y)``, log_softmax: ``g - e**y sum(g)``; the float32 lines' roundings of ``g - hi``)
    and zero gradients."""
    grng = np.random.default_rng(1)
    for x in axis_rows(dtype):
        second = x if name == "logsumexp" else getattr(fastact, name)(x)
        if name == "logsumexp":
            for g in (grng.normal(), 1.0, -3.5e-3, 0.0):
                yield np.asarray(g, dtype), second
        else:
            yield grng.normal(size=x.size).astype(dtype), second
            yield np.full(x.size, 0.75, dtype), second
            noise = 1.0 + 1e-3 * grng.normal(size=x.size)
            with np.errstate(all="ignore"):
                p = np.exp(np.float64(second))
                near = 0.75 * noise if name == "softmax" else p * noise
            # (log_softmax: not where one probability dominates, whose gradient then cancels
            # against the sum to a zero whose sign no rounded e**y can tell)
            if name == "softmax" or np.nanmax(p, initial=0.0) <= 0.5:
                yield np.where(np.isfinite(near), near, 0.5).astype(dtype), second
            yield np.zeros(x.size, dtype), second


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", AXIS_BACKWARD)
def test_backward_against_mpmath(name, dtype):
    # in ulps beyond the conditioning term of the row's sum (fastact._tools.accuracy), along the
    # last axis (row kernels) and along axis 0 (column kernels: equal-length rows stacked)
    bwd = getattr(fastact, name + "_backward")
    by_len: dict = {}
    for g, second in _backward_cases(name, dtype):
        got = bwd(g, second)
        assert got.dtype == dtype
        err = axis_backward_errors(name, g, second, got, dtype)
        assert err.max() <= AXIS_ULP, (g, second, got, err)
        by_len.setdefault(second.size, []).append((g, second))
    for pairs in by_len.values():
        gs = np.stack([g for g, _ in pairs], axis=-1)
        cols = np.stack([s for _, s in pairs], axis=1)
        got = bwd(gs, cols, axis=0)
        for k, (g, second) in enumerate(pairs):
            err = axis_backward_errors(name, g, second, got[:, k], dtype)
            assert err.max() <= AXIS_ULP, (g, second, got[:, k], err)


def near_cancelling_row(name, dtype, n, scale, digits, seed):
    """``(g, second)``: a row of ``n`` where ``g`` is within ``10**-digits`` of cancelling
    ``g - sum(g y)`` (softmax, softmin) or ``g - e**y sum(g)`` (log_softmax) on every entry,
    or None where one probability exceeds 1/2: its gradient then cancels against the sum
    to a zero whose sign no rounded ``e**y`` can tell.  Shared with tests/test_cuda.py."""
    rng = np.random.default_rng(seed)
    x = (rng.normal(size=n) * scale).astype(dtype)
    second = getattr(fastact, name)(x)
    p = np.exp(np.float64(fastact.log_softmax(-x if name == "softmin" else x)))
    if p.max() > 0.5:
        return None
    noise = 1.0 + 10.0 ** -digits * rng.normal(size=n)
    return (p * noise if name == "log_softmax" else 0.75 * noise).astype(dtype), second


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["softmax", "softmin", "log_softmax"]), st.sampled_from([np.float32, np.float64]),
       st.integers(3, 300), st.floats(0.1, 8.0), st.integers(1, 7), st.integers(0, 2**32 - 1))
def test_backward_where_the_gradient_nearly_cancels(name, dtype, n, scale, digits, seed):
    # results much smaller than their terms, where a rounded e**y or product moves them by
    # many ulps beyond the conditioning term (the float64 log_softmax backward with a
    # rounded exp and product: 7e4 ulps beyond it)
    case = near_cancelling_row(name, dtype, n, scale, digits, seed)
    assume(case is not None)
    g, second = case
    got = getattr(fastact, name + "_backward")(g, second)
    err = axis_backward_errors(name, g, second, got, dtype)
    assert err.max() <= AXIS_ULP, (g, second, got, err)


_GAP = st.one_of(st.floats(0.0, 140.0, width=32), st.sampled_from([0.0, 127.99, 128.0, 128.01, np.inf]),
                 st.floats(0.0, 2.0**127, width=32))


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.floats(-100.0, 100.0, width=32), st.sampled_from([87.99, 88.0, 88.01, -88.0])),
       st.lists(_GAP, min_size=1, max_size=40), st.booleans())
def test_float32_rows_around_the_fast_path(top, gaps, with_nan):
    # float32 rows take float32 SIMD terms e^x 2^-shift where |max| <= 88, entries more
    # than 128 below the max (and -inf) raised to max - 128; the rest the general path.
    # Rows on both sides of those edges, against mpmath; softmin is softmax of -x bit for bit
    m = np.float32(top)
    x = np.array([m] + [m - np.float32(g) for g in gaps], np.float32)
    x = np.random.default_rng(len(gaps)).permutation(x)
    if with_nan:
        x[len(gaps) // 2] = np.nan
    for name in ("softmax", "log_softmax"):
        y = getattr(fastact, name)(x)
        if with_nan:
            assert np.isnan(y).all()
        else:
            assert axis_errors(name, x, y, np.float32).max() <= AXIS_ULP, (x, y)
    np.testing.assert_array_equal(fastact.softmin(-x), fastact.softmax(x))
    np.testing.assert_array_equal(fastact.softmin(x.reshape(1, -1)), fastact.softmax(-x)[None])


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.lists(st.tuples(
    st.one_of(st.floats(-100.0, 100.0, width=32), st.sampled_from([87.99, 88.0, 88.01, -88.0])),
    st.lists(_GAP, min_size=40, max_size=40), st.booleans()), min_size=1, max_size=20),
    st.integers(0, 2**32 - 1))
def test_float32_columns_around_the_fast_path(n, columns, seed):
    # float32 columns (axis 0) take the rows' float32 SIMD terms in tiles whose maxima are
    # all within +-88 (fastact.kernels.axis._col_tile_f32), other tiles the general path:
    # columns built as the rows above (a maximum, entries below it by the gaps, NaN in
    # some), each against mpmath; softmin is softmax of -x bit for bit
    r = np.random.default_rng(seed)
    x = np.empty((n, len(columns)), np.float32)
    for k, (top, gaps, with_nan) in enumerate(columns):
        m = np.float32(top)
        x[:, k] = r.permutation(np.array([m] + [m - np.float32(g) for g in gaps[:n - 1]], np.float32))
        if with_nan:
            x[r.integers(n), k] = np.nan
    for name in ("softmax", "log_softmax", "logsumexp"):
        y = getattr(fastact, name)(x, axis=0)
        for k, (_, _, with_nan) in enumerate(columns):
            if with_nan:
                assert np.isnan(y[..., k]).all()
            else:
                err = axis_errors(name, x[:, k], y[..., k], np.float32)
                assert err.max() <= AXIS_ULP, (name, x[:, k], y[..., k], err)
    np.testing.assert_array_equal(fastact.softmin(-x, axis=0), fastact.softmax(x, axis=0))


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.lists(st.tuples(
    st.floats(-100.0, 100.0, width=32), st.lists(_GAP, min_size=40, max_size=40),
    st.one_of(st.floats(-1e38, 1e38), st.sampled_from([2.0**34, -2.0**34, 2.0**33.9, 1e30, 0.0, -0.0]))),
    min_size=1, max_size=12), st.integers(0, 2**32 - 1))
def test_float32_logsumexp_backward_against_mpmath(n, columns, seed):
    # logsumexp_backward's float32 lines take the float32 terms, those more than 128 below
    # the maximum raised to it, where |g| < 2**34 (g times such a term then rounds to 0
    # as the exact value does), other lines the general kernel, whose products take the
    # terms in float64 (a float32 term had lost the digits a large g shows): both sides
    # of that edge, along columns (axis 0) and rows
    r = np.random.default_rng(seed)
    x = np.empty((n, len(columns)), np.float32)
    g = np.empty(len(columns), np.float32)
    for k, (top, gaps, gk) in enumerate(columns):
        m = np.float32(top)
        x[:, k] = r.permutation(np.array([m] + [m - np.float32(v) for v in gaps[:n - 1]], np.float32))
        g[k] = gk
    back = fastact.logsumexp_backward(g, x, axis=0)
    rows = fastact.logsumexp_backward(g, np.ascontiguousarray(x.T), axis=-1)
    assert back.dtype == rows.dtype == np.float32
    for k in range(len(columns)):
        for got in (back[:, k], rows[k]):
            err = axis_backward_errors("logsumexp", g[k], x[:, k], got, np.float32)
            assert err.max() <= AXIS_ULP, (x[:, k], g[k], got, err)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 64), st.integers(1, 300), st.floats(0.01, 30.0), st.floats(-40.0, 40.0),
       st.integers(0, 2**32 - 1))
def test_float32_columns_give_the_rows_bits(n, cols, scale, shift, seed):
    # the float32 columns' terms and sums are the float32 rows' (the same scale per line,
    # the maxima's terms counted, the quotient as _divide_f32), summed in float64 in
    # another order: the same float32 results but where a float64 sum's last bit decides
    # a float32 rounding (about 2**-29 of them; none seen).  Maxima within +-88 (scale *
    # 5 + shift: both kernels' float32 paths), dominant terms and clamped ones among them
    r = np.random.default_rng(seed)
    x = np.clip(r.normal(size=(n, cols)) * scale, -45.0, 45.0).astype(np.float32) + np.float32(shift)
    x[:, r.integers(cols)] = x[r.integers(n), 0]  # (ties: a column of one value)
    for name in ("softmax", "log_softmax"):
        f = getattr(fastact, name)
        np.testing.assert_array_equal(f(x, axis=0), f(np.ascontiguousarray(x.T), axis=-1).T)


@settings(max_examples=60, deadline=None)
@given(st.floats(-1e300, 1e300), st.lists(st.one_of(
    st.floats(0.0, 1400.0), st.sampled_from([0.0, 1299.99, 1300.0, 1300.01, 745.0, np.inf]),
    st.floats(0.0, 1e300)), min_size=1, max_size=40), st.booleans())
def test_float64_rows_around_the_fast_path(top, gaps, with_nan):
    # float64 rows take the terms e^(x - m) 2^960 with x - m raised to -1300 (-inf too):
    # rows across that edge and into the subnormal results, against mpmath
    x = np.array([top] + [top - g for g in gaps])
    x = np.random.default_rng(len(gaps)).permutation(x)
    if with_nan:
        x[len(gaps) // 2] = np.nan
    for name in ("softmax", "log_softmax"):
        y = getattr(fastact, name)(x)
        if with_nan:
            assert np.isnan(y).all()
        else:
            assert axis_errors(name, x, y, np.float64).max() <= AXIS_ULP, (x, y)
    np.testing.assert_array_equal(fastact.softmin(-x), fastact.softmax(x))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_long_lines_against_mpmath(dtype):
    # the sum of a long line's terms: a plain float64 sum (SIMD lanes along a row, one row
    # after another down a column) put float64 softmax 11 ulp off at 1000 entries
    x = (np.random.default_rng(11).normal(size=(1500, 3)) * np.array([1.0, 1.0, 20.0])).astype(dtype)
    for name in ("softmax", "log_softmax", "logsumexp"):
        f = getattr(fastact, name)
        for y, rows in ((f(x, axis=0), x.T), (f(np.ascontiguousarray(x.T), axis=-1), x.T)):
            for k, row in enumerate(rows):
                got = y[k] if name == "logsumexp" else (y[:, k] if y.shape == x.shape else y[k])
                assert axis_errors(name, row, got, dtype).max() <= AXIS_ULP, (name, k)


def test_dominant_term_keeps_its_digits():
    # the reproductions: exact values from SciPy / np.logaddexp / mpmath
    assert fastact.logsumexp(np.array([0.0, -40.0])) == 4.248354255291589e-18
    assert fastact.log_softmax(np.array([0.0, -40.0]))[0] == -4.248354255291589e-18
    assert fastact.logsumexp(np.array([0.0, -40.0]), axis=0) == np.logaddexp(0.0, -40.0)
    assert fastact.logsumexp(np.float32([0.0, -40.0])) == np.float32(4.248354255291589e-18)


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_against_scipy_any_axis(axis, dtype):
    x = (rng.normal(size=(5, 6, 7)) * 10).astype(dtype)
    tol = 64 * np.finfo(dtype).eps
    np.testing.assert_allclose(fastact.softmax(x, axis), sc.softmax(x.astype(float), axis), rtol=tol)
    np.testing.assert_allclose(fastact.log_softmax(x, axis), sc.log_softmax(x.astype(float), axis),
                               rtol=tol, atol=tol)
    np.testing.assert_allclose(fastact.logsumexp(x, axis), sc.logsumexp(x.astype(float), axis),
                               rtol=tol)
    np.testing.assert_allclose(fastact.softmin(x, axis), sc.softmax(-x.astype(float), axis), rtol=tol)
    assert fastact.logsumexp(x, axis, keepdims=True).shape == sc.logsumexp(x, axis,
                                                                            keepdims=True).shape
    for f in (fastact.softmax, fastact.log_softmax, fastact.softmin, fastact.logsumexp):
        assert f(x, axis).dtype == dtype


def test_special_rows():
    ninf = -np.inf
    y = fastact.softmax(np.array([[0.0, ninf, 1.0], [ninf, ninf, ninf], [1.0, np.inf, 2.0],
                                  [1.0, np.nan, 2.0]]))
    assert y[0, 1] == 0.0 and abs(y[0].sum() - 1) < 1e-15
    assert np.isnan(y[1:]).all()
    ls = fastact.log_softmax(np.array([[0.0, ninf], [ninf, ninf], [np.inf, 0.0]]))
    assert ls[0, 0] == 0.0 and ls[0, 1] == ninf and np.isnan(ls[1:]).all()
    lse = fastact.logsumexp(np.array([[ninf, ninf], [1.0, np.inf], [np.nan, 1.0], [0.0, ninf]]))
    assert lse[0] == ninf and lse[1] == np.inf and np.isnan(lse[2]) and lse[3] == 0.0
    assert fastact.logsumexp(np.empty((2, 0))).tolist() == [ninf, ninf]
    big = fastact.softmax(np.array([1e308, 1e308]))
    np.testing.assert_array_equal(big, [0.5, 0.5])
    assert fastact.logsumexp([1e308, 1e308]) == 1e308 + 0.0


def test_zero_d_and_scalar_results():
    assert fastact.softmax(3.0) == 1.0
    r = fastact.logsumexp([0.0, 0.0])
    assert isinstance(r, np.float64) and r == math.log(2)
    assert fastact.logsumexp(np.float32([0, 0])).dtype == np.float32


def test_input_never_modified_and_layout():
    x = np.asfortranarray(rng.normal(size=(30, 40)))
    x0 = x.copy()
    y = fastact.softmax(x, axis=0)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_allclose(y.sum(axis=0), 1, rtol=1e-14)
    big = rng.normal(size=(600, 300))
    np.testing.assert_allclose(fastact.softmax(big), sc.softmax(big, -1), rtol=1e-14)


def test_errors():
    with pytest.raises(AxisError):
        fastact.softmax(np.ones((2, 3)), axis=2)
    with pytest.raises(AxisError):
        fastact.logsumexp(np.ones(3), axis=-2)
    with pytest.raises(TypeError):
        fastact.softmax(np.ones(3, complex))
    with pytest.raises(ValueError, match="even"):
        fastact.glu(np.ones((2, 3)))
    with pytest.raises(ValueError, match="divisible"):
        fastact.maxout(np.ones((2, 5)), k=2)
    with pytest.raises(TypeError):
        fastact.maxout(np.ones(4), k=2.0)
    with pytest.raises(ValueError):
        fastact.maxout(np.ones(4), k=0)


def _numeric_vjp(f, x, g, h=1e-6):
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        d = np.zeros_like(x)
        d[idx] = h
        out[idx] = np.sum(g * (f(x + d) - f(x - d))) / (2 * h)
    return out


@pytest.mark.parametrize("axis", [0, -1])
def test_backward_against_finite_differences(axis):
    x = rng.normal(size=(3, 4))
    for name, fwd in [("softmax", fastact.softmax),
                      ("log_softmax", fastact.log_softmax),
                      ("softmin", fastact.softmin)]:
        g = rng.normal(size=x.shape)
        y = fwd(x, axis)
        got = getattr(fastact, name + "_backward")(g, y, axis)
        want = _numeric_vjp(lambda v, fwd=fwd: fwd(v, axis), x, g)
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)
    g = rng.normal(size=fastact.logsumexp(x, axis).shape)
    got = fastact.logsumexp_backward(g, x, axis)
    want = _numeric_vjp(lambda v: fastact.logsumexp(v, axis), x, g)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)
    xg = rng.normal(size=(3, 4)) if axis == -1 else rng.normal(size=(4, 3))
    gg = rng.normal(size=fastact.glu(xg, axis).shape)
    np.testing.assert_allclose(fastact.glu_backward(gg, xg, axis),
                               _numeric_vjp(lambda v: fastact.glu(v, axis), xg, gg), rtol=1e-6,
                               atol=1e-8)
    xm = rng.normal(size=(4, 6))
    gm = rng.normal(size=fastact.maxout(xm, 3, axis).shape if axis == -1 else (2, 6))
    if axis == 0:
        xm = rng.normal(size=(4, 6))
        gm = rng.normal(size=fastact.maxout(xm, 2, 0).shape)
        k = 2
    else:
        k = 3
    np.testing.assert_allclose(fastact.maxout_backward(gm, xm, k, axis),
                               _numeric_vjp(lambda v: fastact.maxout(v, k, axis), xm, gm),
                               rtol=1e-6, atol=1e-8)


def test_glu_and_maxout_values():
    x = rng.normal(size=(3, 8)).astype(np.float32)
    y = fastact.glu(x)
    assert y.dtype == np.float32 and y.shape == (3, 4)
    np.testing.assert_allclose(y, x[:, :4] * sc.expit(x[:, 4:]), rtol=3e-7)
    y0 = fastact.glu(x.T, axis=0)
    np.testing.assert_allclose(y0, y.T, rtol=3e-7)
    m = fastact.maxout(x, 4)
    np.testing.assert_array_equal(m, x.reshape(3, 2, 4).max(-1))
    np.testing.assert_array_equal(fastact.maxout(x.T, 2, axis=0), x.T.reshape(4, 2, 3).max(1))
    assert np.isnan(fastact.maxout([1.0, np.nan, 0.0, 1.0], 2)[0])



@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["<f4", ">f4", "<f8", ">f8", "<f2"]),
       st.lists(st.integers(1, 5), min_size=1, max_size=3), st.data())
def test_glu_is_a_times_sigmoid_b_in_any_layout(dtype, shape, data):
    # glu (the gated units' one pass, the second half the gate) gives the bits of
    # a * fastact.sigmoid(b) in float32 and float64, for any axis, strides and byte
    # order; float16 is rounded once from float32 (within half an ulp, plus sigmoid's)
    dtype = np.dtype(dtype)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    shape[axis] *= 2
    r = np.random.default_rng(data.draw(st.integers(0, 2**16)))
    base = (r.normal(scale=4, size=[2 * s for s in shape])).astype(dtype)
    steps = tuple(data.draw(st.sampled_from([1, 2, -1])) for _ in shape)
    x = base[tuple(slice(None, None, s) for s in steps)][tuple(slice(0, s) for s in shape)]
    if data.draw(st.booleans()):
        x = np.asfortranarray(x)
    before = x.copy()
    a, b = np.split(x.astype(dtype.newbyteorder("=")), 2, axis=axis)
    got = fastact.glu(x, axis=axis)
    assert np.array_equal(x, before) and got.shape == a.shape
    if dtype.itemsize >= 4:
        assert got.dtype == a.dtype
        np.testing.assert_array_equal(got, a * fastact.sigmoid(b))
    else:
        exact = a.astype(np.float64) * sc.expit(b.astype(np.float64))
        assert np.all(np.abs(got - exact) <= 1.01 * np.spacing(np.abs(exact).astype(np.float16)))

def test_check_table_for_axis_functions():
    from fastact._tools.accuracy import axis_table

    rows = axis_table()
    assert {r["name"] for r in rows} == {"softmax", "log_softmax", "logsumexp"}
    for r in rows:
        assert r["forward"] <= AXIS_ULP, r


def test_logsumexp_backward_grad_broadcasts_to_the_reduced_shape():
    # found by the layout fuzzer: a grad of fewer dimensions that broadcasts to the reduced
    # shape did not line up with x's leading axes
    x = rng.normal(size=(2, 3, 4))
    full = fastact.logsumexp_backward(np.broadcast_to([[1.0, 2.0, 3.0]], (2, 3)), x, axis=-1)
    np.testing.assert_array_equal(fastact.logsumexp_backward([1.0, 2.0, 3.0], x, axis=-1), full)
    assert fastact.logsumexp_backward(np.ones((1, 0)), np.ones((0, 0, 0, 2))).shape == (0, 0, 0, 2)
    z = np.ones((0, 0, 2, 0))  # (1, 2, 1) broadcasts to (0, 0, 2, 1), not to (0, 0, 2)
    assert fastact.logsumexp_backward(np.ones((1, 2, 1)), z).shape == z.shape
    keep = rng.normal(size=(1, 3, 1))  # broadcasts to the keepdims shape (2, 3, 1)
    np.testing.assert_array_equal(fastact.logsumexp_backward(keep, x, axis=-1),
                                  fastact.logsumexp_backward(np.broadcast_to(keep, (2, 3, 1)), x,
                                                             axis=-1))
    with pytest.raises(ValueError):
        fastact.logsumexp_backward(np.ones(5), x, axis=-1)


AXES = [None, (), (0,), (2,), (0, 1), (1, 2), (0, 2), (2, 0), (-1, -3), (0, 1, 2)]


def _groups_of(a, axis):
    """The groups of ``a`` that ``axis`` (None, tuple) reduces over, as rows: (groups, n)."""
    axes = tuple(range(a.ndim)) if axis is None else tuple(v % a.ndim for v in axis)
    moved = np.moveaxis(a, axes, range(a.ndim - len(axes), a.ndim))
    return moved.reshape(moved.shape[:a.ndim - len(axes)] + (-1,)).reshape(
        -1, math.prod(moved.shape[a.ndim - len(axes):]))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("axis", AXES, ids=str)
def test_axis_tuple_and_none(axis, dtype):
    # each group that the axes make, checked against mpmath (the accuracy contract); the
    # shapes of SciPy's results
    x = (rng.normal(size=(3, 4, 5)) * 3).astype(dtype)
    xs = _groups_of(x, axis)
    for name in ("softmax", "log_softmax"):
        got = getattr(fastact, name)(x, axis=axis)
        assert got.dtype == dtype and got.shape == x.shape
        for row, y in zip(xs, _groups_of(got, axis)):
            assert axis_errors(name, row, y, dtype).max() <= AXIS_ULP
    np.testing.assert_array_equal(fastact.softmin(x, axis=axis), fastact.softmax(-x, axis=axis))
    for keep in (False, True):
        got = fastact.logsumexp(x, axis=axis, keepdims=keep)
        assert np.shape(got) == np.shape(sc.logsumexp(x, axis=axis, keepdims=keep))
        for row, y in zip(xs, np.ravel(got)):
            assert axis_errors("logsumexp", row, y, dtype).max() <= AXIS_ULP


@pytest.mark.parametrize("axis", [None, (0, 2), (1, 2)], ids=str)
def test_backward_over_several_axes_against_finite_differences(axis):
    x = rng.normal(size=(2, 3, 2))
    for name, fwd in [("softmax", fastact.softmax), ("log_softmax", fastact.log_softmax),
                      ("softmin", fastact.softmin)]:
        g = rng.normal(size=x.shape)
        got = getattr(fastact, name + "_backward")(g, fwd(x, axis), axis)
        want = _numeric_vjp(lambda v, fwd=fwd: fwd(v, axis), x, g)
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)
    for keep in (False, True):
        g = rng.normal(size=np.shape(fastact.logsumexp(x, axis, keepdims=keep)))
        got = fastact.logsumexp_backward(g, x, axis)
        want = _numeric_vjp(lambda v, keep=keep: fastact.logsumexp(v, axis, keepdims=keep), x, g)
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)


def test_out_on_axis_functions():
    x = rng.normal(size=(4, 6))
    for name in ("softmax", "log_softmax", "softmin"):
        f = getattr(fastact, name)
        want = f(x, axis=0)
        out = np.empty_like(x)  # written by the kernels themselves
        assert f(x, axis=0, out=out) is out
        np.testing.assert_array_equal(out, want)
        out_f = np.empty_like(x, order="F")  # filled from the result
        assert f(x, axis=0, out=out_f) is out_f
        np.testing.assert_array_equal(out_f, want)
        out32 = np.empty(x.shape, np.float32)  # cast as NumPy's same_kind
        f(x, axis=0, out=out32)
        np.testing.assert_array_equal(out32, want.astype(np.float32))
        inplace = x.copy()  # out=x: the input is read before it is overwritten
        f(inplace, axis=0, out=inplace)
        np.testing.assert_array_equal(inplace, want)
    red = np.empty(4)
    assert fastact.logsumexp(x, axis=1, out=red) is red
    np.testing.assert_array_equal(red, fastact.logsumexp(x, axis=1))
    g = rng.normal(size=x.shape)
    y = fastact.softmax(x)
    gout = np.empty_like(x)
    assert fastact.softmax_backward(g, y, out=gout) is gout
    np.testing.assert_array_equal(gout, fastact.softmax_backward(g, y))
    with pytest.raises(ValueError, match="shape"):
        fastact.softmax(x, out=np.empty((6, 4)))
    with pytest.raises(ValueError, match="shape"):
        fastact.logsumexp(x, axis=1, out=np.empty((4, 1)))
    with pytest.raises(TypeError, match="floating point"):
        fastact.softmax(x, out=np.empty(x.shape, np.int64))
    with pytest.raises(TypeError, match="ndarray"):
        fastact.softmax(x, out=[0.0] * 24)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["softmax", "log_softmax", "logsumexp"]), st.sampled_from([np.float32, np.float64]),
       st.lists(st.integers(1, 7), min_size=1, max_size=3), st.data())
def test_out_on_axis_gradients(kind, dtype, shape, data):
    # out= of the gradients: the kernels write into a C-contiguous out of the compute
    # dtype (no copy after), any other out is filled from the result; both equal the
    # allocating call's result bit for bit, and so does out=grad (read before written)
    shape = tuple(shape)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    x = rng.normal(scale=3, size=shape).astype(dtype)
    f = getattr(fastact, kind + "_backward")
    second = x if kind == "logsumexp" else getattr(fastact, kind)(x, axis=axis)
    g = rng.normal(size=fastact.logsumexp(x, axis=axis).shape if kind == "logsumexp" else shape)
    g = g.astype(dtype)
    want = f(g, second, axis=axis)
    for order in ("C", "F"):
        out = np.full(shape, np.nan, dtype, order=order)
        assert f(g, second, axis=axis, out=out) is out
        np.testing.assert_array_equal(out, want)
    if dtype == np.float64:  # cast as NumPy's same_kind
        out32 = np.empty(shape, np.float32)
        f(g, second, axis=axis, out=out32)
        np.testing.assert_array_equal(out32, want.astype(np.float32))
    if kind != "logsumexp":  # in place
        inplace = g.copy()
        assert f(inplace, second, axis=axis, out=inplace) is inplace
        np.testing.assert_array_equal(inplace, want)



# leading dimensions: small ones (one call of the row kernel) and 130 (from 2**15
# elements: the row kernels' split on Numba's threads, fastact._core.threads.NATIVE_MIN_SIZE)
_LEAD = st.lists(st.sampled_from([1, 2, 3, 5, 130]), min_size=0, max_size=2)
# (dtype and byte order, keepdims, leading dimensions, the axis' length, a special value, seed)
_SHORT_PATH_CASE = (st.sampled_from(["<f4", ">f4", "<f8", ">f8"]), st.booleans(), _LEAD,
                    st.integers(1, 300), st.sampled_from([None, np.inf, -np.inf, np.nan, 1e30, -80.0]),
                    st.integers(0, 2**32 - 1))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["softmax", "log_softmax", "logsumexp"]), *_SHORT_PATH_CASE)
def test_last_axis_backward_matches_the_general_path(kind, dtype, keepdims, lead, n, special,
                                                     seed):
    # the backward's short path for C-contiguous arrays along the last axis (no axis
    # grouping, the row kernel or its split called directly) gives the general path's
    # bits: the same result through out= (the general path), through a Fortran-ordered
    # copy, and for non-native byte order (the general path casts); the inputs are left
    # as they were
    r = np.random.default_rng(seed)
    shape = (*lead, n)
    x = r.normal(scale=4, size=shape)
    # (logsumexp: grad has the reduced or the keepdims shape; its second input is x)
    g = r.normal(size=shape if kind != "logsumexp" else (*lead, 1) if keepdims else tuple(lead))
    if special is not None:  # in x (so y holds -inf, NaN or a dominant entry) and in g
        x.flat[r.integers(x.size)] = special
        g.flat[r.integers(g.size)] = special
    xn = x.astype(np.dtype(dtype).newbyteorder("="))
    y = (xn if kind == "logsumexp" else getattr(fastact, kind)(xn, axis=-1)).astype(dtype)
    g = g.astype(dtype)
    g0, y0 = g.copy(), y.copy()
    f = getattr(fastact, kind + "_backward")
    got = f(g, y, axis=-1)
    assert got.dtype == np.dtype(dtype).newbyteorder("=") and got.shape == shape
    np.testing.assert_array_equal(f(g, y, axis=len(shape) - 1), got)
    out = np.empty(shape, got.dtype)
    np.testing.assert_array_equal(f(g, y, axis=-1, out=out), got)
    np.testing.assert_array_equal(f(np.asfortranarray(g), np.asfortranarray(y), axis=-1), got)
    np.testing.assert_array_equal(g, g0)
    np.testing.assert_array_equal(y, y0)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["softmax", "log_softmax", "softmin", "logsumexp"]), *_SHORT_PATH_CASE)
def test_last_axis_forward_matches_the_general_path(name, dtype, keepdims, lead, n, special,
                                                    seed):
    # the forward's short path (as the backward's above) gives the general path's bits:
    # through out= of either layout, a Fortran-ordered copy and non-native byte order
    r = np.random.default_rng(seed)
    shape = (*lead, n)
    x = r.normal(scale=4, size=shape)
    if special is not None:
        x.flat[r.integers(x.size)] = special
    x = x.astype(dtype)
    x0 = x.copy()
    f = getattr(fastact, name)
    kw = {"keepdims": keepdims} if name == "logsumexp" else {}
    got = f(x, axis=-1, **kw)
    want = f(np.asfortranarray(x), axis=-1, **kw)
    np.testing.assert_array_equal(got, want)
    assert np.asarray(got).dtype == np.dtype(dtype).newbyteorder("=")
    for order in ("C", "F"):
        out = np.empty(np.shape(want), np.asarray(want).dtype, order=order)
        assert f(x, axis=-1, out=out, **kw) is out
        np.testing.assert_array_equal(out, want)
    np.testing.assert_array_equal(x, x0)


def test_axis_errors():
    x = np.ones((2, 3, 4))
    with pytest.raises(ValueError, match="repeated axis"):
        fastact.softmax(x, axis=(0, -3))
    with pytest.raises(AxisError):
        fastact.logsumexp(x, axis=(0, 3))
    with pytest.raises(TypeError, match="axis must be"):
        fastact.softmax(x, axis=1.5)
    with pytest.raises(TypeError, match="axis must be"):
        fastact.log_softmax_backward(x, x, axis=(0, "a"))
    for bad in (None, (0,), (0, 1)):
        with pytest.raises(ValueError, match="single int"):
            fastact.glu(np.ones((2, 4)), axis=bad)
        with pytest.raises(ValueError, match="single int"):
            fastact.maxout(np.ones((2, 4)), 2, axis=bad)


def test_dtype_casts_first_as_pytorch():
    x = rng.normal(size=(3, 5)) * 10
    x32 = x.astype(np.float32)
    for name in ("softmax", "log_softmax", "softmin", "logsumexp"):
        f = getattr(fastact, name)
        r = f(x, dtype=np.float32)
        assert r.dtype == np.float32
        np.testing.assert_array_equal(r, f(x32))  # the input is cast first
        r64 = f(x32, dtype="float64")
        assert r64.dtype == np.float64
        np.testing.assert_array_equal(r64, f(x32.astype(np.float64)))
        assert f(x, dtype=np.float16).dtype == np.float16
        for bad in (np.int32, "complex128", "not a dtype"):
            with pytest.raises(TypeError, match="dtype"):
                f(x, dtype=bad)


@pytest.mark.parametrize("axis", [-1, 0])
def test_where_masks_entries_out_as_jax(axis):
    # masked entries take no part: each group is the function of its unmasked entries;
    # masked outputs are 0 (log_softmax -inf), a fully masked group gives 0 / -inf and its
    # logsumexp -inf (JAX's results); NaN and +inf under the mask change nothing
    x = rng.normal(size=(5, 7)) * 4
    mask = rng.random(size=x.shape) < 0.6
    mask[1] = False
    mask[:, 2] = False
    mask[3] = True
    x[~mask & (rng.random(size=x.shape) < 0.5)] = np.nan
    x[0, 2] = np.inf
    xs, ms = (x, mask) if axis == -1 else (x.T, mask.T)
    g = rng.normal(size=x.shape)
    gs = g if axis == -1 else g.T
    for name, fill, allm in (("softmax", 0.0, 0.0), ("softmin", 0.0, 0.0),
                             ("log_softmax", -np.inf, -np.inf)):
        f = getattr(fastact, name)
        b = getattr(fastact, name + "_backward")
        got = f(x, axis=axis, where=mask)
        y = got if axis == -1 else got.T
        gb = b(g, got, axis=axis, where=mask)
        gbs = gb if axis == -1 else gb.T
        for row, m, yr, gr, gbr in zip(xs, ms, y, gs, gbs):
            if not m.any():
                assert np.all(yr == allm) and np.all(gbr == 0.0)
                continue
            # the contract, not the bits: a row's sum runs in SIMD lanes, whose order the
            # masked entries shift (other bits for log_softmax at seed 9 before the softmax
            # fast paths too), and axis 0 is the column kernel
            ref, sg = ("softmax", -1.0) if name == "softmin" else (name, 1.0)
            assert axis_errors(ref, sg * row[m], yr[m], np.float64).max() <= AXIS_ULP
            assert np.all(yr[~m] == fill)
            np.testing.assert_array_equal(gbr[m], b(gr[m], yr[m]))
            assert np.all(gbr[~m] == 0.0)
    lse = fastact.logsumexp(x, axis=axis, where=mask)
    gl = rng.normal(size=lse.shape)
    glb = fastact.logsumexp_backward(gl, x, axis=axis, where=mask)
    glbs = glb if axis == -1 else glb.T
    for row, m, v, gv, gbr in zip(xs, ms, lse, gl, glbs):
        want = fastact.logsumexp(row[m]) if m.any() else -np.inf
        assert v == want
        if m.any():
            np.testing.assert_array_equal(gbr[m], fastact.logsumexp_backward(gv, row[m]))
        assert np.all(gbr[~m] == 0.0)


def test_where_errors_and_broadcasting():
    x = rng.normal(size=(3, 4))
    row_mask = np.array([True, False, True, True])  # broadcast along the rows
    np.testing.assert_array_equal(fastact.softmax(x, where=row_mask),
                                  fastact.softmax(x, where=np.broadcast_to(row_mask, x.shape)))
    assert fastact.softmax(2.0, where=False) == 0.0
    with pytest.raises(TypeError, match="boolean"):
        fastact.softmax(x, where=np.ones(4))
    with pytest.raises(ValueError, match="broadcast"):
        fastact.softmax(x, where=np.ones(3, bool))


def _weighted_reference(x, b):
    """mpmath ``log|sum b e^x|`` and its sign, and the conditioning term in ulps of it.

    The term counts what rounds in any float64 evaluation around the largest entry
    ``x_k``: each other term ``b_i e^{x_i - x_k}`` (``|x_i - x_k|`` from the difference,
    a few for exp, the product and a sum of ``n`` terms), ``b_k - 1``, and the log itself.
    """
    mp = mpmath()
    with mp.workprec(200):
        inc = [i for i in range(len(x)) if b[i] != 0]
        k = max(inc, key=lambda i: x[i])
        s = mp.fsum(mp.mpf(float(b[i])) * mp.exp(mp.mpf(float(x[i]))) for i in inc)
        r = mp.log(abs(s))
        lg = 3 + math.log2(len(x))
        scale = mp.exp(mp.mpf(float(x[k])))
        num = sum(abs(float(b[i]) * float(mp.exp(mp.mpf(float(x[i])) - mp.mpf(float(x[k])))))
                  * (abs(float(x[i]) - float(x[k])) + lg) for i in inc if i != k)
        num += abs(float(b[k]) - 1.0) * lg
        size = float(abs(s) / scale)
        rr = float(r)
        cond = (num / size + abs(math.log(size))) / abs(rr) if rr else math.inf
        return rr, float(r - mp.mpf(rr)), int(mp.sign(s)), cond


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_weighted_logsumexp_against_mpmath(dtype):
    wrng = np.random.default_rng(5)
    cases = []
    for x in axis_rows(dtype):
        if not np.isfinite(x).all():
            continue
        for b in (np.ones(x.size), wrng.uniform(0.1, 3, x.size), wrng.normal(size=x.size),
                  np.where(wrng.random(x.size) < 0.3, 0.0, wrng.uniform(0.5, 2, x.size))):
            if (b != 0).any():
                cases.append((x, b.astype(dtype)))
    cases += [(np.array([0.0, -40.0], dtype), np.array([2.0, 1.0], dtype)),
              (np.array([0.0, 0.0], dtype), np.array([1.0, -1.0 + 2.0 ** -20], dtype)),
              (np.array([3.0, 3.0 - 1e-3], dtype), np.array([-1.0, 1.0], dtype))]
    for x, b in cases:
        r, sign = fastact.logsumexp(x, b=b, return_sign=True)
        assert np.asarray(r).dtype == dtype
        hi, lo, want_sign, cond = _weighted_reference(x, b)
        assert sign == want_sign, (x, b)
        err = ulp_errors(r, hi, lo, dtype)
        assert err <= AXIS_ULP + cond, (x, b, r, hi, err, cond)
        if want_sign < 0:
            assert np.isnan(fastact.logsumexp(x, b=b))


def test_weighted_logsumexp_special_values_as_scipy():
    cases = [([np.inf, 1.0], [0.0, 1.0]), ([np.inf, 1.0], [-1.0, 1.0]), ([np.inf, np.inf], [1.0, -1.0]),
             ([1.0, 2.0], [0.0, 0.0]), ([np.nan, 1.0], [1.0, 1.0]), ([np.nan, 1.0], [0.0, 1.0]),
             ([-np.inf, -np.inf], [1.0, 1.0]), ([1.0, 1.0], [1.0, -1.0])]
    # an empty sum: log 0 = -inf with sign 0, as a sum that cancels (SciPy 1.17 says -1)
    assert fastact.logsumexp(np.array([]), b=np.array([]), return_sign=True) == (-np.inf, 0.0)
    for x, b in cases:
        x, b = np.array(x), np.array(b)
        with np.errstate(all="ignore"):
            want = sc.logsumexp(x, b=b, return_sign=True)
        got = fastact.logsumexp(x, b=b, return_sign=True)
        np.testing.assert_array_equal(np.array(got), np.array(want), err_msg=str((x, b)))
    x = rng.normal(size=(3, 4, 5))
    b = rng.uniform(0.5, 2, size=(4, 1))  # broadcast, several axes, keepdims
    for axis in (None, (0, 2), 1):
        for keep in (False, True):
            got = fastact.logsumexp(x, axis=axis, b=b, keepdims=keep)
            want = sc.logsumexp(x, axis=axis, b=b, keepdims=keep)
            assert np.shape(got) == np.shape(want)
            np.testing.assert_allclose(got, want, rtol=1e-13)
    with pytest.raises(ValueError, match="broadcast"):
        fastact.logsumexp(x, b=np.ones(3))


def test_weighted_logsumexp_backward_against_finite_differences():
    x = rng.normal(size=(3, 4))
    b = rng.normal(size=(1, 4))
    g = rng.normal(size=3)
    dx, db = fastact.logsumexp_backward(g, x, b=b)
    assert dx.shape == x.shape and db.shape == b.shape
    f = lambda v, w: fastact.logsumexp(v, b=w, return_sign=True)[0]  # noqa: E731
    np.testing.assert_allclose(dx, _numeric_vjp(lambda v: f(v, b), x, g), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(db, _numeric_vjp(lambda w: f(x, w), b, g), rtol=1e-6, atol=1e-8)
    dx1, db1 = fastact.logsumexp_backward(g, x, b=np.ones((3, 4)))
    np.testing.assert_allclose(dx1, fastact.logsumexp_backward(g, x), rtol=1e-15)


def _logmeanexp_reference(x):
    """mpmath ``log(mean(exp(x)))`` and the conditioning term in ulps of it.

    ``(sum_j p_j |x_j - m| + |m| + 3 |L|) / |r|``: the rounding of the differences, and
    of ``r = m + L`` with ``L = log1p(mean(expm1(x - m)))`` good to a couple of ulps.
    """
    mp = mpmath()
    with mp.workprec(200):
        xs = [mp.mpf(float(v)) for v in x]
        m = max(xs)
        mean = mp.fsum(mp.exp(v - m) for v in xs) / len(xs)
        r = m + mp.log(mean)
        hi = float(r)
        p = [float(mp.exp(v - m) / (mean * len(xs))) for v in xs]
        num = sum(pj * abs(float(v - m)) for pj, v in zip(p, xs)) + abs(float(m)) + 3 * abs(
            float(mp.log(mean)))
        return hi, float(r - mp.mpf(hi)), (num / abs(hi) if hi else (0.0 if num == 0 else math.inf))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_logmeanexp_against_mpmath(dtype):
    rows = [x for x in axis_rows(dtype) if np.isfinite(x).all()]
    rows += [np.array(v, dtype) for v in ([0.0, 1e-10], [1e-7, -1e-7, 3e-8], [5.0, 5.0, 5.0],
                                          [-3.0, -3.0 + 1e-6], [700.0, 699.0])]
    for x in rows:
        got = fastact.logmeanexp(x)
        assert np.asarray(got).dtype == dtype
        hi, lo, cond = _logmeanexp_reference(x)
        err = ulp_errors(got, hi, lo, dtype)
        assert err <= AXIS_ULP + cond, (x, got, hi, err, cond)
    # the shift by log(n) cancels where x is near a constant: logsumexp - log n does not
    x = np.array([0.0, 1e-10])
    assert abs(fastact.logmeanexp(x) - 5.000000000125e-11) <= 1e-26


def test_logmeanexp_axes_where_and_backward():
    x = rng.normal(size=(3, 4, 5))
    for axis in (None, -1, (0, 2)):
        for keep in (False, True):
            got = fastact.logmeanexp(x, axis=axis, keepdims=keep)
            n = x.size // np.size(fastact.logsumexp(x, axis=axis))
            want = sc.logsumexp(x, axis=axis, keepdims=keep) - np.log(n)
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
        g = rng.normal(size=np.shape(fastact.logmeanexp(x, axis=axis)))
        np.testing.assert_array_equal(fastact.logmeanexp_backward(g, x, axis),
                                      fastact.logsumexp_backward(g, x, axis))
    m = np.array([True, False, True, False, False])
    np.testing.assert_allclose(fastact.logmeanexp(x, where=m), fastact.logmeanexp(x[..., m]),
                               rtol=1e-15)
    assert np.isnan(fastact.logmeanexp([1.0, 2.0], where=np.array([False, False])))
    assert fastact.logmeanexp([-np.inf, -np.inf]) == -np.inf
    assert fastact.logmeanexp([np.inf, 0.0]) == np.inf
    assert np.isnan(fastact.logmeanexp([np.nan, 0.0]))
    assert fastact.logmeanexp(2.5) == 2.5


def _sparsemax_reference(z):
    """mpmath sparsemax of one row and its conditioning term in ulps of each entry.

    ``p_i = z_i - tau`` cancels where ``z_i`` is near ``tau``: the term allows for the
    rounding of ``z_i``, ``tau`` and the support's sum (``(|z_i| + |tau| + (sum_S |z_j| +
    1)/k) / |p_i|``); zeros must be exact (an entry outside the support is 0 in any
    precision once the support is right).
    """
    mp = mpmath()
    with mp.workprec(200):
        zs = [mp.mpf(float(v)) for v in z]
        srt = sorted(zs, reverse=True)
        k, c = 0, mp.mpf(0)
        for j, v in enumerate(srt, 1):
            if 1 + j * v > c + v:
                k, c = j, c + v
            else:
                break
        tau = (c - 1) / k
        p = [max(v - tau, mp.mpf(0)) for v in zs]
        hi = np.array([float(v) for v in p])
        lo = np.array([float(v - mp.mpf(h)) for v, h in zip(p, hi)])
        size = float(sum(abs(v) for v in srt[:k]) + 1) / k
        with np.errstate(divide="ignore"):
            cond = np.where(hi > 0, (np.abs(np.asarray(z, np.float64)) + abs(float(tau)) + size)
                            / np.where(hi > 0, hi, 1.0), 0.0)
        return hi, lo, cond


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sparsemax_against_mpmath(dtype):
    srng = np.random.default_rng(11)
    rows = [srng.normal(size=n) * s for n in (1, 2, 3, 7, 50) for s in (0.1, 1.0, 30.0)]
    rows += [np.array(v) for v in ([2.0, 1.5, -1.0], [0.0, 0.0], [1.0, 1.0, 1.0, 1.0],
                                   [1e8, 1e8 - 0.5], [1e-20, 0.0, -1e-20], [3.0, 2.0, 1.0, 0.0])]
    for z in rows:
        z = z.astype(dtype)
        got = fastact.sparsemax(z)
        assert got.dtype == dtype
        hi, lo, cond = _sparsemax_reference(z)
        err = ulp_errors(got, hi, lo, dtype)
        assert np.all(err <= AXIS_ULP + cond), (z, got, hi, err, cond)
        assert np.all((got == 0) == (hi == 0)), (z, got, hi)  # the support is exact


def test_sparsemax_semantics_axes_and_backward():
    x = rng.normal(size=(3, 4, 5))
    for axis in (-1, 0, (0, 2), None):
        y = fastact.sparsemax(x, axis=axis)
        assert y.shape == x.shape and np.all(y >= 0)
        np.testing.assert_allclose(np.sum(y, axis=axis), 1.0, rtol=1e-14)
        g = rng.normal(size=x.shape)
        got = fastact.sparsemax_backward(g, y, axis=axis)
        want = _numeric_vjp(lambda v, a=axis: fastact.sparsemax(v, axis=a), x, g, h=1e-7)
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)
    assert np.all(np.isnan(fastact.sparsemax([np.inf, 1.0])))
    assert np.all(np.isnan(fastact.sparsemax([np.nan, 1.0])))
    assert np.all(np.isnan(fastact.sparsemax([-np.inf, -np.inf])))
    np.testing.assert_array_equal(fastact.sparsemax([1.0, -np.inf]), [1.0, 0.0])
    assert fastact.sparsemax(7.0) == 1.0
    assert fastact.sparsemax(np.ones(3, np.float32)).dtype == np.float32
    out = np.empty((3, 4, 5))
    assert fastact.sparsemax(x, out=out) is out


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([np.float32, np.float64]), st.integers(2, 70), st.integers(2, 90),
       st.lists(st.sampled_from([np.nan, np.inf, -np.inf, 200.0, -200.0, 1e30, 0.0]), min_size=1,
                max_size=6), st.integers(0, 2**32 - 1))
def test_a_columns_bits_do_not_depend_on_its_neighbours(dtype, n, cols, specials, seed):
    # the column kernels choose their paths (float32 fast terms, the general kernel, Dot2
    # redone, the float64 pair terms) column by column: special values in some columns
    # (NaN, infinities, maxima beyond +-88, a dominant entry, a zero gradient) leave the
    # bits of the others as they are with plain neighbours, forward and backward; so a
    # result does not depend on how tiles and threads group the columns
    r = np.random.default_rng(seed)
    x = (r.normal(size=(n, cols)) * 3).astype(dtype)
    g = r.normal(size=(n, cols)).astype(dtype)
    gl = r.normal(size=cols)
    hit = r.choice(cols, size=min(len(specials), cols - 1), replace=False)
    for k, v in zip(hit, specials):
        x[r.integers(n), k] = v
        g[r.integers(n), k] = v if np.isfinite(v) else 0.0
    plain, gplain = x.copy(), g.copy()
    plain[:, hit] = 0.0
    gplain[:, hit] = 1.0
    keep = np.setdiff1d(np.arange(cols), hit)

    def results(x, g):
        y = fastact.softmax(x, axis=0)
        ly = fastact.log_softmax(x, axis=0)
        with np.errstate(all="ignore"):
            return (y, ly, fastact.logsumexp(x, axis=0), fastact.softmin(x, axis=0),
                    fastact.softmax_backward(g, y, axis=0), fastact.log_softmax_backward(g, ly, axis=0),
                    fastact.logsumexp_backward(gl, x, axis=0))

    for a, b in zip(results(x, g), results(plain, gplain)):
        np.testing.assert_array_equal(a[..., keep], b[..., keep])
