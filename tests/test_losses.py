"""softmax_cross_entropy and its backward against mpmath, the options, special rows, errors.

The contract (fastact/_api/losses.py): the loss within 4 ulp of its dtype beyond
``2**-53 sum_j |C p_j - c_j| |x_j - m|`` (the rounding of the float64 logits' own
differences, 0 for float32 logits); the gradient within 16 ulp beyond the same term per
entry.  References: mpmath at 60 digits.
"""

import functools

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastact
from fastact._cpu import losses as cpu_losses

mpmath.mp.dps = 60
EPS64 = 2.0 ** -53


def _coefs(n, label, smoothing=0.0, weight=None, keep=None):
    """The target coefficients of a row (the definition in the docstring), as floats."""
    if isinstance(label, (int, np.integer)):
        t = np.zeros(n)
        t[label] = 1.0
    else:
        t = np.asarray(label, np.float64).copy()
    keep = np.ones(n, bool) if keep is None else keep
    t = np.where(keep, t, 0.0)
    if smoothing:
        t = (1 - smoothing) * t + np.where(keep, smoothing / max(keep.sum(), 1), 0.0)
    return t if weight is None else t * weight


def _reference(x, c, keep=None):
    """(loss, gradient for grad = 1, conditioning of the loss, of each gradient entry).

    At 60 digits whatever the process's mpmath precision (another module's test may have
    set it lower): the largest entry's gradient ``1/(1 + rest) - 1`` cancels, and a float32
    subnormal result needs ``rest`` down to 1e-45 (at 120 bits a row with ``rest`` near
    1e-39 gave a reference of 0).
    """
    with mpmath.workdps(60):
        return _reference_at_precision(x, c, keep)


def _reference_at_precision(x, c, keep):
    keep = np.ones(x.size, bool) if keep is None else keep
    xs = [mpmath.mpf(float(v)) for v, k in zip(x, keep) if k]
    cs = [mpmath.mpf(float(v)) for v, k in zip(c, keep) if k]
    m = max(xs)
    at = xs.index(m)
    rest = mpmath.fsum(mpmath.exp(v - m) for j, v in enumerate(xs) if j != at)
    s = 1 + rest
    C = mpmath.fsum(cs)  # lse - v = (m - v) + log1p(rest): no cancellation at any magnitude
    loss = mpmath.fsum(cj * ((m - v) + mpmath.log1p(rest)) for cj, v in zip(cs, xs) if cj)
    grad, i = [], 0
    spread = mpmath.fsum(mpmath.exp(v - m) / s * abs(v - m) for v in xs if v != -mpmath.inf)
    cond_g = []
    for k in keep:
        if not k:
            grad.append(mpmath.mpf(0))
            cond_g.append(0.0)
            continue
        p = mpmath.exp(xs[i] - m) / s
        grad.append(C * p - cs[i])
        size = C * p + abs(cs[i])
        cond_g.append(float(4 * EPS64 * size * (1 + abs(xs[i] - m) + spread)) if size else 0.0)
        i += 1
    cond = float(4 * EPS64 * mpmath.fsum(abs(g) * abs(v - m) for g, v in
                                         zip([g for g, k in zip(grad, keep) if k], xs) if g))
    return loss, grad, cond, np.array(cond_g)


def _check(got, want, ulps, cond, dtype, what):
    want_f = float(want)
    tol = ulps * float(np.spacing(dtype(abs(want_f)))) + (cond if dtype == np.float64 else 0.0)
    err = abs(float(got) - want_f)
    assert err <= tol, f"{what}: {float(got)!r} against {want_f!r} (error {err:.3g} > {tol:.3g})"


def _backwards(grad, x, labels, **kw):
    """The gradient from the logits alone and from the forward's saved statistics (``stats=``)."""
    _, stats = fastact.softmax_cross_entropy(x, labels, return_stats=True, **kw)
    assert stats.dtype == np.float64 and stats.shape == (*np.delete(np.shape(x), kw.get(
        "axis", -1)), 2)
    return (fastact.softmax_cross_entropy_backward(grad, x, labels, **kw),
            fastact.softmax_cross_entropy_backward(grad, x, labels, stats=stats, **kw))


ROWS = [
    ([40.0, 0.0, 0.0], 0), ([40.0, 0.0, 0.0], 1), ([17.0, 0.0, 0.0], 0), ([30.0, 0, 0], 0),
    ([745.0, 0.0], 0), ([700.0, 0.0, -3.0], 0), ([0.0, 0.0, 0.0, 0.0], 2),
    ([1e-300, -1e-300], 0), ([1000.0, -1000.0], 1), ([-np.inf, 0.0, 1.0], 2),
    ([5.0], 0), ([2.5, 2.5, -1.0], 0), ([3.0, 1e-20, -50.0, 60.0], 3),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("row", "label"), ROWS)
def test_confident_uniform_and_tail_rows(row, label, dtype):
    x = np.asarray(row, dtype)
    c = _coefs(x.size, label)
    loss, grad, cond, cond_g = _reference(x.astype(np.float64), c)
    got = fastact.softmax_cross_entropy(x, label)
    assert got.dtype == dtype
    _check(got, loss, 4, cond, dtype, f"loss of {row}")
    for d in _backwards(2.0, x, label):
        for j in range(x.size):
            _check(d[j], 2 * grad[j], 16, 2 * cond_g[j], dtype, f"gradient {j} of {row}")


def test_tiny_losses_keep_their_digits():
    """The [L, 0, 0] rows of the issue: the loss log1p(2 e^-L) from 1e-1 down to 1e-300."""
    for L in [3.0, 17.0, 30.0, 40.0, 100.0, 300.0, 690.0]:
        want = mpmath.log1p(2 * mpmath.exp(-L))
        for dt in (np.float64, np.float32):
            if dt == np.float32 and L > 100:
                continue  # below float32's range, the loss is 0 there
            got = fastact.softmax_cross_entropy(np.array([L, 0.0, 0.0], dt), 0)
            _check(got, want, 4, 0.0, dt, f"L = {L}")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_random_rows_against_mpmath(dtype):
    rng = np.random.default_rng(5)
    for scale in (0.5, 4.0, 40.0):
        x = (rng.normal(size=(6, 9)) * scale).astype(dtype)
        labels = rng.integers(0, 9, size=6)
        got = fastact.softmax_cross_entropy(x, labels)
        ds = _backwards(np.ones(6), x, labels)
        for i in range(6):
            loss, grad, cond, cond_g = _reference(x[i].astype(np.float64), _coefs(9, labels[i]))
            _check(got[i], loss, 4, cond, dtype, f"row {i}")
            for d in ds:
                for j in range(9):
                    _check(d[i, j], grad[j], 16, cond_g[j], dtype, f"row {i}, entry {j}")


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_options_against_mpmath(data):
    """Index or probability labels (float32 or float64), smoothing, class weights, ignored
    rows, where=, any axis, both dtypes."""
    dtype = data.draw(st.sampled_from([np.float32, np.float64]))
    rows = data.draw(st.integers(1, 3))
    n = data.draw(st.integers(2, 5))
    values = st.floats(-60, 60, allow_nan=False, width=32)
    x = np.array(data.draw(st.lists(values, min_size=rows * n, max_size=rows * n)),
                 dtype).reshape(rows, n)
    smoothing = data.draw(st.sampled_from([0.0, 0.1, 0.5]))
    weight = data.draw(st.sampled_from([None, "random"]))
    w = None if weight is None else np.linspace(0.5, 2.0, n)
    probs = data.draw(st.booleans())
    keep = None
    if data.draw(st.booleans()):
        keep = np.ones((rows, n), bool)
        keep[:, 1] = False  # one class left out of every row (label 0 stays in)
    ignore = None
    if probs:
        t = np.random.default_rng(rows * n).random((rows, n))
        labels = (t / t.sum(axis=1, keepdims=True)).astype(
            data.draw(st.sampled_from([np.float32, np.float64])))
    else:  # any class but the one where= may leave out; some rows ignored
        labels = np.array(data.draw(st.lists(st.sampled_from([0, *range(2, n), -100]),
                                             min_size=rows, max_size=rows)), np.int64)
        ignore = -100 if (labels == -100).any() else data.draw(st.sampled_from([None, -100]))
        labels[labels == -100] = -100 if ignore is not None else 0
    axis = data.draw(st.sampled_from([-1, 0]))
    xa = x if axis == -1 else x.T.copy()
    la = labels if (axis == -1 or not probs) else labels.T.copy()
    ka = None if keep is None else (keep if axis == -1 else keep.T.copy())
    kw = {"label_smoothing": smoothing, "weight": w, "where": ka, "ignore_index": ignore}
    got = fastact.softmax_cross_entropy(xa, la, axis=axis, **kw)
    ds = [d if axis == -1 else d.T for d in _backwards(np.ones(rows), xa, la, axis=axis, **kw)]
    for i in range(rows):
        k = None if keep is None else keep[i]
        if not probs and labels[i] == -100:
            c = np.zeros(n)
        else:
            c = _coefs(n, labels[i] if probs else int(labels[i]), smoothing, w, k)
        loss, grad, cond, cond_g = _reference(x[i].astype(np.float64), c, k)
        _check(got[i], loss, 4, cond, dtype, f"row {i}")
        for d in ds:
            for j in range(n):
                _check(d[i, j], grad[j], 16, cond_g[j], dtype, f"row {i}, entry {j}")


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 600), st.sampled_from([0.3, 5.0, 40.0, 70.0]),
       st.sampled_from([0.0, 80.0, -85.0, 150.0, -300.0, 3e4]), st.integers(0, 2**32 - 1))
def test_float32_rows_against_mpmath(n, scale, offset, seed):
    """Float32 rows of any length (blocks of 256 and their remainder), computed in float32
    arithmetic: exp of x itself for maxima within +-88, of x - m beyond; rows spanning more
    than 128 below their maximum take float64's exp."""
    rng = np.random.default_rng(seed)
    x = (rng.normal(size=(2, n)) * scale + offset).astype(np.float32)
    labels = rng.integers(0, n, size=2)
    got = fastact.softmax_cross_entropy(x, labels)
    ds = _backwards(np.float64([1.0, 3e30]), x, labels)
    for i, g in enumerate((1.0, 3e30)):
        loss, grad, cond, cond_g = _reference(x[i].astype(np.float64), _coefs(n, labels[i]))
        _check(got[i], loss, 4, cond, np.float32, f"row {i}")
        for d in ds:
            for j in range(n):
                _check(d[i, j], g * grad[j], 16, 0.0, np.float32, f"row {i}, entry {j}")


@functools.cache
def _exp_rel_f32():
    import numba

    from fastact.kernels.scalar import exp_rel_f32, reduce_f32

    @numba.njit
    def terms(x, m):
        km, _ = reduce_f32(m)
        return exp_rel_f32(x, np.int32(km) - np.int32(64)), km

    return terms


@settings(max_examples=40, deadline=None)
@given(st.floats(-88.0, 88.0, width=32), st.floats(0.0, 128.0, width=32))
def test_exp_rel_f32_within_one_ulp(m, gap):
    """The loss kernels' float32 exponential of x itself, ``e^x 2^(64 - k(m))``, on its domain."""
    m = np.float32(m)
    x = np.float32(m - np.float32(gap))
    if not float(x) >= float(m) - 128.0:
        return  # (the rounding of m - gap left the domain: the kernels' float64 path)
    got, km = _exp_rel_f32()(x, m)
    want = mpmath.exp(mpmath.mpf(float(x))) * mpmath.mpf(2) ** (64 - int(km))
    assert abs(float(got) - want) <= float(np.spacing(np.float32(want)))


@functools.cache
def _exp_diff_f32():
    import numba

    from fastact.kernels.scalar import exp_diff_f32

    return numba.njit(lambda a, b: exp_diff_f32(a, b))


@settings(max_examples=40, deadline=None)
@given(st.floats(-2.0**100, 2.0**100, width=32), st.floats(0.0, 129.0, width=32))
def test_exp_diff_f32_within_one_ulp(m, gap):
    """The float32 exponential of the loss kernels, ``e^(x - m) 2^60``, on its domain."""
    from fastact.kernels.scalar import EXP_DIFF_LO

    x = np.float32(np.float32(m) - np.float32(gap))
    m = np.float32(m)
    if not float(x) - float(m) >= float(EXP_DIFF_LO):
        return  # (the rounding of m - gap left the domain: the kernels' float64 path)
    got = _exp_diff_f32()(x, m)
    want = mpmath.exp(mpmath.mpf(float(x)) - mpmath.mpf(float(m))) * mpmath.mpf(2) ** 60
    assert abs(float(got) - want) <= float(np.spacing(np.float32(want)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(width=32, allow_nan=False), min_size=1, max_size=70))
def test_line_max_f32_is_the_maximum(values):
    """The float32 rows' maximum by integer bits: the float maximum (infinities, signed zeros).

    Also of ``-v`` (``neg``), without negating the row."""
    import numba

    from fastact.kernels.axis import line_max_f32

    v = np.array(values, np.float32)
    got = numba.njit(lambda a: line_max_f32(a))(v)
    assert got == v.max()
    assert numba.njit(lambda a: line_max_f32(a, True))(v) == (-v).max()  # (softmin's)


def test_saved_stats_of_other_logits_and_errors():
    """stats= is the forward's: a row whose logits exceed its saved maximum, or whose saved
    values are not finite, is computed from the logits alone; a wrong shape or dtype is a
    ValueError; Dask and CUDA logits take no stats (TypeError)."""
    rng = np.random.default_rng(3)
    for dt in (np.float32, np.float64):
        x = (rng.normal(size=(5, 40)) * 3).astype(dt)
        labels = rng.integers(0, 40, size=5)
        want = fastact.softmax_cross_entropy_backward(np.ones(5, dt), x, labels)
        _, stats = fastact.softmax_cross_entropy(x - 5, labels, return_stats=True)
        stats[1] = np.nan
        stats[2, 1] = np.inf
        got = fastact.softmax_cross_entropy_backward(np.ones(5, dt), x, labels, stats=stats)
        np.testing.assert_array_equal(got, want)  # every row's logits exceed its saved max
        with pytest.raises(ValueError, match="stats must be"):
            fastact.softmax_cross_entropy_backward(1.0, x, labels, stats=stats[:4])
        with pytest.raises(ValueError, match="stats must be"):
            fastact.softmax_cross_entropy_backward(1.0, x, labels, stats=stats.astype(np.float32))
    loss, stats = fastact.softmax_cross_entropy(np.zeros((3, 4)), [0, 9, 1], ignore_index=9,
                                                return_stats=True)
    assert np.isnan(stats[1]).all() and (stats[[0, 2], 0] == 0.0).all()
    np.testing.assert_allclose(stats[[0, 2], 1], 3.0)
    da = pytest.importorskip("dask.array")
    xd = da.zeros((4, 3), chunks=(2, 3))
    for call in (lambda: fastact.softmax_cross_entropy(xd, np.zeros(4, int), return_stats=True),
                 lambda: fastact.softmax_cross_entropy_backward(1.0, xd, np.zeros(4, int),
                                                                stats=np.zeros((4, 2)))):
        with pytest.raises(TypeError, match="not supported for Dask"):
            call()


def test_ignore_index_and_zero_rows():
    x = np.array([[1.0, 2.0, 3.0], [np.nan, 0.0, 1.0], [0.5, 0.5, 0.5]])
    labels = np.array([2, -100, 0])
    got = fastact.softmax_cross_entropy(x, labels, ignore_index=-100)
    assert got[1] == 0.0 and got[0] > 0 and got[2] == pytest.approx(np.log(3.0), rel=1e-15)
    d = fastact.softmax_cross_entropy_backward(np.ones(3), x, labels, ignore_index=-100)
    assert (d[1] == 0.0).all()
    w = np.array([1.0, 0.0, 2.0])
    got = fastact.softmax_cross_entropy(x[[0, 2]], np.array([1, 2]), weight=w)
    assert got[0] == 0.0
    assert got[1] == 2 * fastact.softmax_cross_entropy(x[2], 2)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_special_rows(dtype):
    nan, inf = np.nan, np.inf
    x = np.array([[nan, 0.0], [inf, 0.0], [-inf, -inf], [-inf, 0.0], [0.0, -inf]], dtype)
    got = fastact.softmax_cross_entropy(x, np.array([1, 1, 0, 0, 0]))
    assert np.isnan(got[:3]).all()
    assert got[3] == inf and got[4] == 0.0
    d = fastact.softmax_cross_entropy_backward(np.ones(5), x, np.array([1, 1, 0, 0, 0]))
    assert np.isnan(d[:3]).all()
    assert d[3].tolist() == [-1.0, 1.0] and d[4].tolist() == [0.0, 0.0]
    # the coefficient path (probabilities, smoothing): a -inf logit with a positive
    # coefficient gives +inf too (its compensated sum once gave NaN), its gradient -c_j
    x = np.array([[-inf, 0.0, 1.0], [0.0, -inf, -inf], [2.0, 1.0, -inf]], dtype)
    p = np.full((3, 3), 0.25, dtype)
    for kw, labels in (({}, p), ({"label_smoothing": 0.5}, [1, 0, 2])):
        got = fastact.softmax_cross_entropy(x, labels, **kw)
        assert got.tolist()[0] == inf and got.tolist()[1:] == [inf, inf], kw
        d = fastact.softmax_cross_entropy_backward(np.ones(3, dtype), x, labels, **kw)
        c = 0.25 if not kw else 0.5 / 3
        assert d[0, 0] == -np.asarray(c, dtype) and d[1, 1] == d[1, 2] == -np.asarray(c, dtype)
        assert np.isfinite(d).all(), kw


def test_probability_labels_equal_index_labels_when_one_hot():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(5, 7)) * 3
    labels = rng.integers(0, 7, size=5)
    onehot = np.eye(7)[labels]
    np.testing.assert_allclose(fastact.softmax_cross_entropy(x, onehot),
                               fastact.softmax_cross_entropy(x, labels), rtol=4 * EPS64)
    np.testing.assert_allclose(fastact.softmax_cross_entropy_backward(1.0, x, onehot),
                               fastact.softmax_cross_entropy_backward(1.0, x, labels),
                               rtol=16 * EPS64, atol=0)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([np.float32, np.float64]), st.sampled_from([1, 2, 7, 4096]),
       st.integers(1, 300), st.sampled_from([0.05, 0.5, 1.0]), st.booleans(),
       st.integers(0, 2**32 - 1))
def test_smoothed_index_labels_give_the_coefficients_bits(dtype, rows, n, eps, weighted, seed):
    """Smoothed class indices (their coefficients made row by row in the kernel, over the
    threads for 4096 rows) give the bits of the same coefficients passed as a dense float64
    array: ``((1 - eps) onehot + eps / n) weight``, 0 for an ignored row.  Float32
    probabilities (kept as they are) give the bits of the same values in float64."""
    rng = np.random.default_rng(seed)
    x = (rng.normal(size=(rows, n)) * 4).astype(dtype)
    labels = rng.integers(0, n, size=rows)
    labels[rng.random(rows) < 0.2] = -1
    w = rng.random(n) + 0.25 if weighted else None
    c = np.zeros((rows, n))
    c[np.arange(rows), labels] = 1.0
    c = (1 - eps) * c + eps / n
    c = c if w is None else c * w
    c[labels == -1] = 0.0
    g = rng.random(rows)
    kw = {"label_smoothing": eps, "weight": w, "ignore_index": -1}
    np.testing.assert_array_equal(fastact.softmax_cross_entropy(x, labels, **kw),
                                  fastact.softmax_cross_entropy(x, c))
    np.testing.assert_array_equal(fastact.softmax_cross_entropy_backward(g, x, labels, **kw),
                                  fastact.softmax_cross_entropy_backward(g, x, c))
    p = c.astype(np.float32)
    np.testing.assert_array_equal(fastact.softmax_cross_entropy(x, p),
                                  fastact.softmax_cross_entropy(x, p.astype(np.float64)))
    np.testing.assert_array_equal(fastact.softmax_cross_entropy_backward(g, x, p),
                                  fastact.softmax_cross_entropy_backward(g, x, p.astype(np.float64)))


def test_threads_give_the_rows_bits():
    """Large inputs run blocks of rows on threads: the same bits as one row at a time."""
    rng = np.random.default_rng(3)
    x = (rng.normal(size=(4096, 64)) * 5).astype(np.float32)
    labels = rng.integers(0, 64, size=4096)
    big = fastact.softmax_cross_entropy(x, labels)
    small = np.concatenate([fastact.softmax_cross_entropy(x[i:i + 1], labels[i:i + 1])
                            for i in range(0, 4096, 511)])
    np.testing.assert_array_equal(big[::511], small[:: 1])
    d = fastact.softmax_cross_entropy_backward(np.ones(4096), x, labels)
    np.testing.assert_array_equal(d[7], fastact.softmax_cross_entropy_backward(
        np.float64(1.0), x[7], labels[7]))  # (a float64 grad, as above: a Python 1.0 is weak)


def test_out_scalars_and_inputs_unchanged():
    x = np.array([[1.0, 2.0], [3.0, 0.0]])
    before = x.copy()
    out = np.empty(2)
    r = fastact.softmax_cross_entropy(x, [0, 0], out=out)
    assert r is out and np.array_equal(x, before)
    s = fastact.softmax_cross_entropy([1.0, 2.0], 1)
    assert isinstance(s, np.float64)
    assert fastact.softmax_cross_entropy(np.float32([1, 2]), 1).dtype == np.float32


def test_errors():
    x = np.zeros((2, 3))
    with pytest.raises(ValueError, match="class indices"):
        fastact.softmax_cross_entropy(x, [0, 3])
    with pytest.raises(ValueError, match="shape"):
        fastact.softmax_cross_entropy(x, [0, 1, 2])
    with pytest.raises(ValueError, match="probability labels"):
        fastact.softmax_cross_entropy(x, np.ones((2, 4)))
    with pytest.raises(TypeError, match="labels"):
        fastact.softmax_cross_entropy(x, np.array([True, False]))
    with pytest.raises(ValueError, match="label_smoothing"):
        fastact.softmax_cross_entropy(x, [0, 1], label_smoothing=1.5)
    with pytest.raises(ValueError, match="weight"):
        fastact.softmax_cross_entropy(x, [0, 1], weight=[1.0, 2.0])
    with pytest.raises(ValueError, match="class axis"):
        fastact.softmax_cross_entropy(1.0, 0)
    with pytest.raises(TypeError, match="logits"):
        fastact.softmax_cross_entropy(np.array(["a", "b"]), 0)
    with pytest.raises(ValueError, match="grad"):
        fastact.softmax_cross_entropy_backward(np.ones(3), x, [0, 1])


def test_against_pytorch_where_the_loss_is_not_small():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    x = rng.normal(size=(64, 10)) * 2
    labels = rng.integers(0, 10, size=64)
    w = rng.random(10) + 0.5
    for kw in ({}, {"label_smoothing": 0.2}, {"weight": w}, {"ignore_index": 3}):
        tkw = {k: (torch.tensor(v) if k == "weight" else v) for k, v in kw.items()}
        want = torch.nn.functional.cross_entropy(torch.tensor(x), torch.tensor(labels),
                                                 reduction="none", **tkw).numpy()
        np.testing.assert_allclose(fastact.softmax_cross_entropy(x, labels, **kw), want,
                                   rtol=1e-12, atol=0)
        t = torch.tensor(x, requires_grad=True)
        torch.nn.functional.cross_entropy(t, torch.tensor(labels), reduction="sum",
                                          **tkw).backward()
        np.testing.assert_allclose(fastact.softmax_cross_entropy_backward(1.0, x, labels, **kw),
                                   t.grad.numpy(), rtol=1e-10, atol=1e-15)


def _bce_reference(x, t, w):
    x, t, w = (mpmath.mpf(float(v)) for v in (x, t, w))
    softplus = lambda z: mpmath.log1p(mpmath.exp(z)) if z < 30 else z + mpmath.log1p(  # noqa: E731
        mpmath.exp(-z))
    loss = (w * t * softplus(-x) if w * t else 0) + ((1 - t) * softplus(x) if t != 1 else 0)
    sig = lambda z: 1 / (1 + mpmath.exp(-z))  # noqa: E731
    grad = ((1 - t) * sig(x) if t != 1 else 0) - (w * t * sig(-x) if w * t else 0)
    return loss, grad


BCE_X = [-745.0, -700.0, -100.0, -40.0, -17.0, -3.0, -1e-8, 0.0, 1e-300, 0.5, 2.0, 17.0, 40.0,
         100.0, 700.0]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("t", "w"), [(1.0, 1.0), (0.0, 1.0), (0.3, 1.0), (1.0, 2.5), (0.7, 0.5)])
def test_sigmoid_bce_against_mpmath(t, w, dtype):
    x = np.array(BCE_X, dtype)
    kw = {} if w == 1.0 else {"pos_weight": w}
    got = fastact.sigmoid_binary_cross_entropy(x, t, **kw)
    d = fastact.sigmoid_binary_cross_entropy_backward(dtype(3.0), x, t, **kw)
    assert got.dtype == dtype and d.dtype == dtype
    for j, v in enumerate(x):
        loss, grad = _bce_reference(v, t, w)
        # the loss: two exact terms, a product and a sum rounded; the gradient: the same
        # beyond the cancellation of its two terms, bounded by their own sizes
        _check(got[j], loss, 4, 0.0, dtype, f"loss at {v}")
        size = float(abs(3 * (1 - t) / (1 + mpmath.exp(-mpmath.mpf(float(v)))))
                     + abs(3 * w * t / (1 + mpmath.exp(mpmath.mpf(float(v))))))
        _check(d[j], 3 * grad, 4, 4 * float(np.finfo(dtype).eps) * size, dtype, f"gradient at {v}")


_BCE_EDGE_X = [0.0, -0.0, 1e-45, -1e-38, 79.99999, 80.0, 80.00001, -80.00001, 87.0, -88.0,
               100.0, -104.0, 1e30, -3e38, np.inf, -np.inf, np.nan]
_BCE_EDGE_T = [0.0, 1.0, 1e-45, 1e-31, 0.99999994, -0.5, 1.5, 3e38, np.nan]
_BCE_EDGE_W = [0.0, 1e-40, 1e-31, 1e35, 3e38, -1.0, np.inf, np.nan]


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([1.0, 4.0, 30.0]),
       st.sampled_from(["none", "number", "array"]))
def test_sigmoid_bce_float32_arithmetic_against_mpmath(seed, scale, pw_kind):
    # float32 operands: the loss in float32 arithmetic on blocks, each element that
    # leaves its range (edge values scattered at random positions: most blocks stay on the
    # float32 path, some hold an element done again in float64) within 4 ulp of mpmath,
    # plus the float64 path's rounding where the two terms have opposite signs (targets
    # outside [0, 1], a negative pos_weight)
    rng = np.random.default_rng(seed)
    n = 2500
    x = (rng.normal(size=n) * scale).astype(np.float32)
    t = rng.random(n).astype(np.float32)
    t[rng.random(n) < 0.3] = 0.0
    t[rng.random(n) < 0.3] = 1.0
    pw = (rng.random(n) * 3).astype(np.float32)
    for a, edges in ((x, _BCE_EDGE_X), (t, _BCE_EDGE_T), (pw, _BCE_EDGE_W)):
        at = rng.integers(0, n, 12)
        a[at] = np.array(edges, np.float32)[rng.integers(0, len(edges), 12)]
    x[rng.integers(0, n, 12)] *= -1
    at = rng.integers(0, n, 8)  # deep tails with large coefficients: e^-|x| subnormal, then
    x[at] = rng.choice([-104.0, -95.0, 90.0, 100.0], 8)  # multiplied (a second rounding)
    t[at] = rng.choice([0.0, 1.0, 0.75], 8)
    pw[at] = rng.choice([40.0, 1000.0, 1e6], 8)
    kw = {"none": {}, "number": {"pos_weight": 2.5}, "array": {"pos_weight": pw}}[pw_kind]
    w = {"none": np.ones(n), "number": np.full(n, 2.5), "array": pw.astype(np.float64)}[pw_kind]
    got = fastact.sigmoid_binary_cross_entropy(x, t, **kw)
    assert got.dtype == np.float32
    # non-finite operands: the float64 computation's values (held by the special values'
    # test below); the others against mpmath
    with np.errstate(over="ignore"):  # (beyond float32's range: inf, as the loss has it)
        wide = fastact.sigmoid_binary_cross_entropy(
            x.astype(np.float64), t.astype(np.float64), pos_weight=w).astype(np.float32)
    top = float(np.finfo(np.float32).max) * (1 + 2.0**-24)  # (rounds to inf beyond)
    for j in range(n):
        what = f"{x[j]!r}, {t[j]!r}, {w[j]!r}: {float(got[j])!r}"
        if not np.isfinite([x[j], t[j], w[j]]).all():
            assert got[j] == wide[j] or np.isnan(got[j]) and np.isnan(wide[j]), what
            continue
        loss, _ = _bce_reference(x[j], t[j], w[j])
        xj, tj, wj = (mpmath.mpf(float(v)) for v in (x[j], t[j], w[j]))
        # two terms of opposite signs (targets outside [0, 1], a negative pos_weight) may
        # cancel: the float64 path's roundings, 2**-48 of a bound of their sizes
        opposite = not (0 <= tj <= 1 and wj >= 0)
        terms = float((abs(wj * tj) + abs(1 - tj)) * (abs(xj) + 1)) if opposite else 0.0
        want = float(loss)
        if abs(want) >= top:
            assert np.isinf(got[j]) and (got[j] > 0) == (want > 0), what
            continue
        tol = 4 * float(np.spacing(np.float32(abs(want)))) + terms * 2.0**-48
        err = abs(float(got[j]) - want)
        assert err <= tol, f"{what} against {want!r} (error {err:.3g} > {tol:.3g})"


def test_sigmoid_bce_special_values_broadcast_and_errors():
    inf, nan = np.inf, np.nan
    x = np.array([-inf, -inf, inf, inf, nan])
    t = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    np.testing.assert_array_equal(fastact.sigmoid_binary_cross_entropy(x, t),
                                  [0.0, inf, 0.0, inf, nan])
    np.testing.assert_array_equal(fastact.sigmoid_binary_cross_entropy_backward(1.0, x, t),
                                  [0.0, -1.0, 0.0, 1.0, nan])
    logits = np.zeros((4, 3))
    got = fastact.sigmoid_binary_cross_entropy(logits, [1.0, 0.0, 1.0], pos_weight=[1.0, 1.0, 2.0])
    np.testing.assert_allclose(got, np.log(2) * np.array([[1, 1, 2]] * 4), rtol=1e-15)
    out = np.empty((4, 3), np.float32)
    assert fastact.sigmoid_binary_cross_entropy(logits, 1.0, out=out) is out
    assert isinstance(fastact.sigmoid_binary_cross_entropy(1.0, 1.0), np.float64)
    with pytest.raises(ValueError, match="broadcast"):
        fastact.sigmoid_binary_cross_entropy(np.zeros(3), np.zeros(4))
    with pytest.raises(TypeError, match="targets"):
        fastact.sigmoid_binary_cross_entropy(np.zeros(3), np.array(["a"] * 3))



@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=0, max_size=3), st.data())
def test_sigmoid_bce_operands_of_any_broadcast_shape(shape, data):
    # each operand of the whole shape, a scalar, or a shape that broadcasts to it: the
    # bits of the same call on full arrays (the short path for operands of the logits'
    # shape or scalars against np.broadcast_to's), the inputs left as they were
    shape = tuple(shape)
    rng = np.random.default_rng(data.draw(st.integers(0, 2**16)))
    dtype = data.draw(st.sampled_from([np.float32, np.float64]))

    def operand(values):
        kind = data.draw(st.sampled_from(["full", "scalar", "broadcast"]))
        if kind == "scalar" or not shape:
            return dtype(values.flat[0]) if shape else values.astype(dtype)
        if kind == "broadcast":  # the trailing axes kept, the others of length 1
            k = data.draw(st.integers(0, len(shape)))
            return values[(0,) * k].astype(dtype).reshape((1,) * k + shape[k:])
        return values.astype(dtype)

    x = operand(rng.normal(scale=4, size=shape))
    t = operand(rng.random(shape))
    pw = data.draw(st.sampled_from([None, "array"]))
    pw = None if pw is None else operand(rng.random(shape) * 3)
    g = operand(rng.normal(size=shape))
    # (a missing pos_weight as an array of ones in the operands' dtype: a float64 array
    # beside float32 ones would make the kernels compute in float64)
    full = [np.broadcast_to(a, shape).copy() for a in (x, t, g, dtype(1.0) if pw is None else pw)]
    before = [np.copy(a) for a in (x, t, g)]
    want = fastact.sigmoid_binary_cross_entropy(full[0], full[1], pos_weight=full[3])
    got = fastact.sigmoid_binary_cross_entropy(x, t, pos_weight=pw)
    np.testing.assert_array_equal(np.broadcast_to(got, shape), want)
    wantd = fastact.sigmoid_binary_cross_entropy_backward(full[2], full[0], full[1],
                                                          pos_weight=full[3])
    gotd = fastact.sigmoid_binary_cross_entropy_backward(g, x, t, pos_weight=pw)
    np.testing.assert_array_equal(np.broadcast_to(gotd, shape), wantd)
    for a, b in zip((x, t, g), before):
        np.testing.assert_array_equal(a, b)

_BCE_DTYPES = ["<f4", ">f4", "<f8", ">f8", "<f2", "bool", "<i8"]


def _same_values_and_zero_signs(got, want):
    """Equal values, NaN where NaN, and the signs of zeros (a NaN's own sign bit is no
    value: x86's default NaN is negative, and code compiled for AVX2 and for AVX-512 may
    return an input NaN or the default one)."""
    np.testing.assert_array_equal(got, want)
    ok = ~np.isnan(want)
    assert np.array_equal(np.signbit(got[ok]), np.signbit(want[ok]))


def _read_as(a, dtype):
    """An operand as the kernels read it: an array's copy in ``dtype``, a number as it is."""
    return a if isinstance(a, float) else np.asarray(a, dtype)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_sigmoid_bce_reads_every_dtype_as_its_copy(data):
    # each operand of its own dtype (byte order too), layout or a number: the bits of the
    # same call on copies (the kernels take copies of other dtypes, or read elements as
    # they are): float32 copies where the loss is float32 and float32 holds every
    # operand's values (its dtype's, or the number's: the loss in float32 arithmetic),
    # else float64 ones (the gradient: always); sizes past 2**15 split on threads
    size = data.draw(st.sampled_from([1, 5, 300, 40_000]))
    shape = (size,) if data.draw(st.booleans()) else (2, size)
    rng = np.random.default_rng(data.draw(st.integers(0, 2**16)))
    values = {"grad": rng.normal(size=shape), "logits": rng.normal(scale=6, size=shape),
              "targets": rng.random(shape), "pos_weight": rng.random(shape) * 3}
    specials = [np.inf, -np.inf, np.nan, 0.0, -0.0, 1e-40, 100.0, -800.0]
    values["logits"].flat[rng.integers(0, values["logits"].size, 4)] = rng.choice(specials, 4)

    def operand(name):
        kind = data.draw(st.sampled_from(["array", "number", "float32 number", "reversed"]),
                         label=name)
        if kind.endswith("number"):
            v = values[name].flat[0]
            return float(np.float32(v) if kind == "float32 number" else v)
        dtype = np.dtype(data.draw(st.sampled_from(_BCE_DTYPES), label=name + " dtype"))
        v = values[name]
        if dtype.kind in "bi":  # (whole numbers, the infinities and NaN left out)
            v = np.nan_to_num(v, nan=1.0, posinf=50.0, neginf=-50.0).round()
        with np.errstate(over="ignore"):  # (float16's overflow to inf is one more input)
            a = v.astype(dtype)
        return a[..., ::-1] if kind == "reversed" else a

    def held_by_float32(a):
        if isinstance(a, float):
            return float(np.float32(a)) == a
        return np.can_cast(a.dtype, np.float32, "safe")

    g, x, t, pw = (operand(k) for k in values)
    before = [np.copy(a) for a in (g, x, t, pw)]
    got = fastact.sigmoid_binary_cross_entropy(x, t, pos_weight=pw)
    f32 = got.dtype == np.float32 and all(held_by_float32(a) for a in (x, t, pw))
    want = fastact.sigmoid_binary_cross_entropy(
        *(_read_as(a, np.float32 if f32 else np.float64) for a in (x, t)),
        pos_weight=_read_as(pw, np.float32 if f32 else np.float64))
    _same_values_and_zero_signs(got, want.astype(got.dtype))
    copies = [_read_as(a, np.float64) for a in (g, x, t, pw)]
    got = fastact.sigmoid_binary_cross_entropy_backward(g, x, t, pos_weight=pw)
    want = fastact.sigmoid_binary_cross_entropy_backward(copies[0], copies[1], copies[2],
                                                         pos_weight=copies[3])
    _same_values_and_zero_signs(got, want.astype(got.dtype))
    for a, b in zip((g, x, t, pw), before):
        np.testing.assert_array_equal(a, b)


def test_sigmoid_bce_splits_give_one_threads_bits(monkeypatch):
    # on Numba's threads (prange over spans) and on the Python pool (a threading layer
    # that is not thread-safe): one thread's bits, float32 operands and float64 ones mixed
    import numba

    from fastact._core import threads
    from fastact.kernels import losses as K

    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("one CPU: no split to compare")
    r = np.random.default_rng(8)
    n = (1 << 17) + 5
    x = (r.normal(size=n) * 5).astype(np.float32)
    x[r.integers(0, n, 9)] = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-30, 90.0, -120.0, 17.0]
    t = r.random(n).astype(np.float32)
    pw = r.random(n) * 2
    g = r.normal(size=n).astype(np.float32)

    def run():
        return (fastact.sigmoid_binary_cross_entropy(x, t, pos_weight=pw),
                fastact.sigmoid_binary_cross_entropy_backward(g, x, t),
                fastact.sigmoid_binary_cross_entropy_backward(2.0, x, 1.0, pos_weight=pw))

    old = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = run()
        numba.set_num_threads(2)
        run()  # (compiled: from here on the spies count calls, not compilations)
        calls: list[str] = []  # (which split ran)
        for name in ("bce_flat_split", "bce_backward_flat_split"):
            kernel = getattr(K, name)
            monkeypatch.setattr(K, name, lambda *a, _k=kernel: calls.append("native") or _k(*a))
        on_threads = threads.on_threads
        monkeypatch.setattr(threads, "on_threads",
                            lambda *a, **k: calls.append("pool") or on_threads(*a, **k))
        native = run()
        assert calls == ["native" if threads.native_threads() else "pool"] * 3
        monkeypatch.setattr(threads, "native_threads", lambda: False)
        pool = run()
        assert calls[3:] == ["pool"] * 3
    finally:
        numba.set_num_threads(old)
    for a, b, c in zip(one, native, pool):
        np.testing.assert_array_equal(b, a)
        np.testing.assert_array_equal(c, a)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_softmax_xent_short_path_gives_the_general_paths_bits(data):
    # the common call (C-contiguous float logits along the last axis, in-range integer
    # labels, no option: the short path) against the same values in the other byte order
    # (the general path): the same bits, forward (with its statistics) and backward, with
    # and without them; sizes past 2**15 split on threads
    dtype = np.dtype(data.draw(st.sampled_from(["float32", "float64"])))
    lead = tuple(data.draw(st.lists(st.sampled_from([1, 3, 130]), min_size=0, max_size=2)))
    n = data.draw(st.sampled_from([1, 2, 17, 300]))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**16)))
    x = (rng.normal(size=lead + (n,)) * data.draw(st.sampled_from([1.0, 30.0]))).astype(dtype)
    x.flat[rng.integers(0, x.size, 3)] = rng.choice([np.inf, -np.inf, np.nan, 0.0, 1e30], 3)
    labels = rng.integers(0, n, size=lead).astype(data.draw(st.sampled_from(["int64", "int32",
                                                                            "uint8"])))
    swapped = x.astype(dtype.newbyteorder())
    axis = data.draw(st.sampled_from([-1, x.ndim - 1]))
    plain = functools.partial(cpu_losses._plain_index, label_smoothing=0.0, weight=None,
                              ignore_index=None, where=None, out=None)
    assert plain(x, labels, axis) is not None and plain(swapped, labels, axis) is None
    got, stats = fastact.softmax_cross_entropy(x, labels, axis=axis, return_stats=True)
    want, wstats = fastact.softmax_cross_entropy(swapped, labels, axis=axis, return_stats=True)
    assert type(got) is type(want) and np.asarray(got).dtype == np.asarray(want).dtype
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(stats, wstats)
    g = (data.draw(st.sampled_from([1.0, -2.5])) if data.draw(st.booleans())
         else rng.normal(size=lead).astype(dtype))
    for st_ in (None, stats):
        d = fastact.softmax_cross_entropy_backward(g, x, labels, axis=axis, stats=st_)
        wd = fastact.softmax_cross_entropy_backward(g, swapped, labels, axis=axis, stats=st_)
        assert d.dtype == wd.dtype == dtype and d.shape == x.shape
        np.testing.assert_array_equal(d, wd)
    bad = labels.astype(np.int64)
    bad.flat[0] = n
    with pytest.raises(ValueError, match="class indices"):
        fastact.softmax_cross_entropy(x, bad)


def test_sigmoid_bce_against_pytorch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(6)
    x = rng.normal(size=(50, 4)) * 4
    t = rng.random((50, 4))
    pw = np.array([1.0, 2.0, 0.5, 3.0])
    F = torch.nn.functional
    want = F.binary_cross_entropy_with_logits(torch.tensor(x), torch.tensor(t), reduction="none",
                                              pos_weight=torch.tensor(pw)).numpy()
    np.testing.assert_allclose(fastact.sigmoid_binary_cross_entropy(x, t, pos_weight=pw), want,
                               rtol=1e-12)
    tx = torch.tensor(x, requires_grad=True)
    F.binary_cross_entropy_with_logits(tx, torch.tensor(t), reduction="sum",
                                       pos_weight=torch.tensor(pw)).backward()
    np.testing.assert_allclose(fastact.sigmoid_binary_cross_entropy_backward(1.0, x, t,
                                                                             pos_weight=pw),
                               tx.grad.numpy(), rtol=1e-10, atol=1e-15)



@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_labels_and_grad_broadcast_as_full_arrays(axis):
    # a scalar class index and a scalar grad broadcast to the rows (the short path for
    # labels and grad of the rows' own shape must not be the only one that works)
    x = np.random.default_rng(3).normal(scale=3, size=(4, 5, 6)).astype(np.float32)
    rows_shape = x.shape[:axis % 3] + x.shape[axis % 3 + 1:]
    full = np.full(rows_shape, 2)
    np.testing.assert_array_equal(fastact.softmax_cross_entropy(x, 2, axis=axis),
                                  fastact.softmax_cross_entropy(x, full, axis=axis))
    np.testing.assert_array_equal(
        fastact.softmax_cross_entropy_backward(np.float32(0.5), x, 2, axis=axis),
        fastact.softmax_cross_entropy_backward(np.full(rows_shape, 0.5, np.float32), x, full,
                                               axis=axis))

@settings(max_examples=60, deadline=None)
@given(st.data())
def test_losses_any_layout_give_the_same_bits(data):
    """Strided, reversed, transposed and byte-swapped logits, labels, grad and out give the
    bits of the same values in C order, and the inputs are left as they were."""
    dtype = np.dtype(data.draw(st.sampled_from(["<f4", ">f4", "<f8", ">f8"])))
    shape = tuple(data.draw(st.lists(st.integers(1, 5), min_size=2, max_size=3)))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**16)))
    base = (rng.normal(size=tuple(2 * s for s in shape)) * 8).astype(dtype)
    steps = tuple(data.draw(st.sampled_from([1, 2, -1, -2])) for _ in shape)
    x = base[tuple(slice(None, None, s) for s in steps)][tuple(slice(0, s) for s in shape)]
    if data.draw(st.booleans()):
        x = np.asfortranarray(x)
    n = x.shape[axis]
    rows_shape = x.shape[:axis % x.ndim] + x.shape[axis % x.ndim + 1:]
    labels = rng.integers(0, n, size=rows_shape)[..., ::-1].copy()[..., ::-1]
    if data.draw(st.booleans()):
        labels = labels.astype(np.int32)
    before = x.copy()
    want = fastact.softmax_cross_entropy(np.ascontiguousarray(x).astype(dtype.newbyteorder("=")),
                                         np.ascontiguousarray(labels), axis=axis)
    got = fastact.softmax_cross_entropy(x, labels, axis=axis)
    np.testing.assert_array_equal(got, want)
    assert got.dtype == want.dtype and np.array_equal(x, before)
    g = rng.normal(size=rows_shape).astype(dtype)
    wantd = fastact.softmax_cross_entropy_backward(np.ascontiguousarray(g), np.ascontiguousarray(x),
                                                   labels, axis=axis)
    out = np.empty(x.shape[::-1], wantd.dtype).T  # an F-ordered out
    gotd = fastact.softmax_cross_entropy_backward(g, x, labels, axis=axis, out=out)
    assert gotd is out
    np.testing.assert_array_equal(gotd, wantd)
    t = (rng.random(x.shape) > 0.5).astype(dtype)[..., ::-1]
    np.testing.assert_array_equal(fastact.sigmoid_binary_cross_entropy(x, t),
                                  fastact.sigmoid_binary_cross_entropy(np.ascontiguousarray(x),
                                                                       np.ascontiguousarray(t)))


@settings(max_examples=12, deadline=None)
@given(st.data())
def test_dask_blocks_give_the_eager_bits(data):
    """Dask logits in any chunks but one along the class axis: the eager result, bit for bit."""
    da = pytest.importorskip("dask.array")
    rows, n = data.draw(st.integers(1, 9)), data.draw(st.integers(1, 7))
    dtype = data.draw(st.sampled_from([np.float32, np.float64]))
    axis = data.draw(st.sampled_from([0, 1, -1]))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    x = (rng.normal(size=(rows, n)) * 4).astype(dtype)
    probs = data.draw(st.booleans())
    if axis == 0:
        x = x.T.copy()
    shape_rows = (rows,)
    if probs:
        labels = rng.dirichlet(np.ones(n), size=rows)
        labels = labels.T.copy() if axis == 0 else labels
    else:
        labels = rng.integers(0, n, size=shape_rows)
    g = rng.normal(size=shape_rows).astype(dtype)
    chunk = data.draw(st.integers(1, rows))
    chunks = (n, chunk) if axis == 0 else (chunk, n)
    dx = da.from_array(x, chunks=chunks)
    kw = {"label_smoothing": data.draw(st.sampled_from([0.0, 0.1]))}
    lazy_labels = da.from_array(labels, chunks=2) if data.draw(st.booleans()) else labels
    want = fastact.softmax_cross_entropy(x, labels, axis=axis, **kw)
    got = fastact.softmax_cross_entropy(dx, lazy_labels, axis=axis, **kw)
    assert isinstance(got, da.Array) and got.dtype == want.dtype
    np.testing.assert_array_equal(got.compute(), want)
    want = fastact.softmax_cross_entropy_backward(g, x, labels, axis=axis, **kw)
    got = fastact.softmax_cross_entropy_backward(da.from_array(g, chunks=chunk), dx,
                                                 lazy_labels, axis=axis, **kw)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got.compute(), want)
    t = (rng.random(size=x.shape) < 0.5).astype(dtype)
    pw = rng.random(size=x.shape[-1:]) + 0.5
    want = fastact.sigmoid_binary_cross_entropy(x, t, pos_weight=pw)
    got = fastact.sigmoid_binary_cross_entropy(dx, t, pos_weight=pw)
    np.testing.assert_array_equal(got.compute(), want)
    want = fastact.sigmoid_binary_cross_entropy_backward(2.0, x, t, pos_weight=pw)
    got = fastact.sigmoid_binary_cross_entropy_backward(2.0, dx, t, pos_weight=pw)
    np.testing.assert_array_equal(got.compute(), want)


def test_dask_errors():
    da = pytest.importorskip("dask.array")
    dx = da.from_array(np.zeros((4, 6)), chunks=(2, 3))
    with pytest.raises(ValueError, match="one chunk there"):
        fastact.softmax_cross_entropy(dx, np.zeros(4, int))
    with pytest.raises(TypeError, match="out= is not supported"):
        fastact.softmax_cross_entropy(dx.rechunk({1: -1}), np.zeros(4, int), out=np.empty(4))
    with pytest.raises(TypeError, match="where= is not supported"):
        fastact.softmax_cross_entropy(dx.rechunk({1: -1}), np.zeros(4, int), where=True)
    xr = pytest.importorskip("xarray")
    with pytest.raises(TypeError, match="xarray"):
        fastact.softmax_cross_entropy(xr.DataArray(np.zeros((4, 6))), np.zeros(4, int))


@functools.cache
def _in_numba():
    import numba

    @numba.njit
    def calls(row, k, rows, labels, g):
        return (fastact.softmax_cross_entropy(row, k), fastact.softmax_cross_entropy(rows, labels),
                fastact.softmax_cross_entropy_backward(2.0, row, k),
                fastact.softmax_cross_entropy_backward(g, rows, labels),
                fastact.sigmoid_binary_cross_entropy(row[0], 1.0, 2.0),
                fastact.sigmoid_binary_cross_entropy(rows, rows * 0 + 1.0),
                fastact.sigmoid_binary_cross_entropy_backward(1.0, rows, rows * 0 + 0.5,
                                                              rows * 0 + 3.0),
                fastact.sigmoid_binary_cross_entropy_backward(g[0], row[0], 0.0),
                fastact.sigmoid_binary_cross_entropy(rows, rows > 0),
                fastact.sigmoid_binary_cross_entropy(rows, (rows > 0) * 0.5, (rows > 1) * 2.0),
                fastact.sigmoid_binary_cross_entropy_backward(rows, rows, (rows > 0) * 0.25))
    return calls


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([np.float32, np.float64]), st.integers(1, 6), st.integers(1, 300),
       st.integers(0, 2**32 - 1), st.booleans())
def test_inside_numba_the_same_bits(dtype, rows, n, seed, strided):
    """The overloads inside ``@njit``: the Python functions' results, bit for bit."""
    rng = np.random.default_rng(seed)
    x = (rng.normal(size=(rows, 2 * n)) * 6).astype(dtype)
    x = x[:, ::2] if strided else x[:, :n]
    labels = rng.integers(0, n, size=rows)
    g = rng.normal(size=rows)
    got = _in_numba()(x[0], int(labels[0]), x, labels, g)
    want = (fastact.softmax_cross_entropy(x[0], labels[0]),
            fastact.softmax_cross_entropy(x, labels),
            fastact.softmax_cross_entropy_backward(2.0, x[0], labels[0]),
            fastact.softmax_cross_entropy_backward(g, x, labels),
            fastact.sigmoid_binary_cross_entropy(x[0, 0], 1.0, pos_weight=2.0),
            # (Numba types rows * 0 + 1.0 as float64 whatever rows' dtype, NumPy as rows'
            # dtype: the same values, float64 for both, since a float64 array of targets
            # keeps a float32 loss in float64 arithmetic)
            fastact.sigmoid_binary_cross_entropy(x, (x * 0 + 1.0).astype(np.float64)),
            fastact.sigmoid_binary_cross_entropy_backward(1.0, x, x * 0 + 0.5, pos_weight=x * 0 + 3.0),
            fastact.sigmoid_binary_cross_entropy_backward(g[0], x[0, 0], 0.0),
            fastact.sigmoid_binary_cross_entropy(x, x > 0),  # (bool, float64: mixed dtypes)
            fastact.sigmoid_binary_cross_entropy(x, (x > 0) * 0.5, pos_weight=(x > 1) * 2.0),
            fastact.sigmoid_binary_cross_entropy_backward(x, x, (x > 0) * 0.25))
    assert len(got) == len(want)
    for a, b in zip(got, want):
        if isinstance(a, np.ndarray):
            assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(np.asarray(a, np.asarray(b).dtype), b)


def test_inside_numba_errors():
    import numba
    from numba.core.errors import TypingError

    @numba.njit
    def smoothed(x, k):
        return fastact.softmax_cross_entropy(x, k, label_smoothing=0.1)

    @numba.njit
    def plain(x, k):
        return fastact.softmax_cross_entropy(x, k)

    @numba.njit
    def on_axis(x, k):
        return fastact.softmax_cross_entropy(x, k, 0)

    with pytest.raises(TypingError, match="label_smoothing= is not supported"):
        smoothed(np.zeros(3), 1)
    with pytest.raises(TypingError, match="integer class index"):
        plain(np.zeros(3), 1.0)
    with pytest.raises(ValueError, match=r"class indices in \[0, n\)"):
        plain(np.zeros(3), 3)
    with pytest.raises(ValueError, match="one label per row"):
        plain(np.zeros((2, 3)), np.zeros(3, np.int64))
    with pytest.raises(ValueError, match="last axis"):
        on_axis(np.zeros((2, 3)), np.zeros(2, np.int64))
