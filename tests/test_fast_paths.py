"""The block fast paths: ``short`` wherever ``ok`` holds, the careful kernel elsewhere.

An activation's ``forward_fast`` / ``backward_fast`` (the registry) is a pair of kernels
``(ok, short)``; the compiled loops compute a block of elements that all pass ``ok`` by
``short`` alone (:func:`fastact._core.templates.loop_source`).  Held here, for every such
pair and parameter case:

* the kernel returns ``short``'s bits wherever ``ok`` holds, so a result does not depend
  on the block it falls in: the loops (blocks), the ufuncs (element by element) and the
  kernel agree on any input (hypothesis: any float32, NaN, inf and subnormals included);
* ``short`` holds the accuracy contract (4 ulp forward, 16 backward) over the range
  where ``ok`` holds: against mpmath on random points of that range, and on a dense
  sweep of it against the float64 kernel (within a few float64 ulps: exact at float32);
* extremes scattered at random positions of large arrays: most blocks take ``short``,
  the others the careful kernel, and every element is what the kernel gives it alone and
  within the contract.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numba import njit

import fastact
from fastact._spec.registry import REGISTRY
from fastact._tools.accuracy import allowed_backward, reference, ulp_errors

FORWARD_ULP = 4
BACKWARD_ULP = 16

FAST = [(name, backward) for name, e in REGISTRY.items()
        for backward, fp in ((False, e.forward_fast), (True, e.backward_fast)) if fp is not None]
EXTRA_PARAMS = {"softplus": ({"beta": 0.5}, {"beta": 2.0, "threshold": 20.0})}
"""Parameter cases beyond the registry's test cases: beta a power of 2 other than 1."""


def _cases():
    out = []
    for name, backward in FAST:
        e = REGISTRY[name]
        for params in ({}, *e.test_params, *EXTRA_PARAMS.get(name, ())):
            out.append((name, backward, dict(params)))
    return out


def _ids(cases):
    return [n + ("_backward" if b else "") + "".join(f"-{k}={v}" for k, v in p.items())
            for n, b, p in cases]


CASES = _cases()
IDS = _ids(CASES)


def test_some_kernels_have_fast_paths():
    assert FAST, "no activation declares a block fast path"
    assert {c[0] for c in APPLIED} == {n for n, _ in FAST}  # each applies to some case


def _params(name, params, dtype=np.float32) -> tuple:
    """The parameters in ufunc order, of ``dtype`` (as the loop of that dtype casts them)."""
    vals = []
    for p in REGISTRY[name].ufunc_params:
        v = params.get(p.name, p.default)
        vals.append(dtype(p.none_value if v is None else v))
    return tuple(vals)


@njit
def _map1(f, x, p):
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = f(x[i], *p)
    return out


@njit
def _map2(f, g, x, p):
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = f(g[i], x[i], *p)
    return out


@njit
def _ok(f, x, p):
    out = np.empty(x.size, np.bool_)
    for i in range(x.size):
        out[i] = f(x[i], *p)
    return out


def _probe(name, dtype):
    """A typical point of the function's domain: 1 (0.5 for logit's [0, 1])."""
    domain = REGISTRY[name].domain
    return dtype(0.5 if domain is not None and domain[1] <= 1.0 else 1.0)


def _into_domain(name, x):
    """N(0, s^2) samples moved into the function's domain where it has one: ``|x|`` for
    ``x >= 0`` (log1mexp); for [0, 1] (logit) the logistic function of ``x``, in float64
    rounded once (the middle, both ends, and 0 and 1 themselves from ``x`` beyond +-17)."""
    domain = REGISTRY[name].domain
    if domain is None:
        return x
    if domain[1] <= 1.0:
        return (0.5 + 0.5 * np.tanh(0.5 * np.asarray(x, np.float64))).astype(x.dtype)
    return np.abs(x)


def _kernels(name, backward):
    e = REGISTRY[name]
    ok, short = e.fast(backward)
    return ok, short, (e.backward if backward else e.forward)


APPLIED = [(n, b, p, dt) for n, b, p in CASES for dt in (np.float32, np.float64)
           if _kernels(n, b)[0](_probe(n, dt), *_params(n, p, dt))]
"""The cases (and dtypes) whose parameters admit the fast path (softplus: beta a power of
2; some have a float32 path only); in the others every block takes the careful kernel
(the first test holds that too)."""
APPLIED_IDS = [i + "-" + np.dtype(c[3]).name for i, c in zip(_ids([c[:3] for c in APPLIED]), APPLIED)]
F32_APPLIED = [c[:3] for c in APPLIED if c[3] is np.float32]


def _apply(k, backward, g, x, p):
    return _map2(k, g, x, p) if backward else _map1(k, x, p)


def _public(name, backward, g, x, params):
    if backward:
        return fastact.get(name + "_backward")(g, x, **params)
    return fastact.get(name)(x, **params)


def _same_bits(a, b) -> bool:
    """The same bits, the sign of zero included; a NaN matches any NaN.

    (IEEE 754 leaves a NaN result's sign and payload to the implementation: the SIMD and
    scalar instructions LLVM picks for AVX2 and AVX-512 propagate different ones, as NumPy
    does, and no fastact contract names them.)
    """
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    u = np.uint32 if a.dtype == np.float32 else np.uint64
    nan = np.isnan(a)
    return bool(np.array_equal(nan, np.isnan(b))
                and np.array_equal(a[~nan].view(u), b[~nan].view(u)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
@pytest.mark.parametrize(("name", "backward", "params"), CASES, ids=IDS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_kernel_is_short_wherever_ok_holds(name, backward, params, dtype, data):
    ok, short, kernel = _kernels(name, backward)
    p = _params(name, params, dtype)
    width = 32 if dtype is np.float32 else 64
    n = data.draw(st.integers(1, 700), label="n")
    x = data.draw(hnp.arrays(dtype, n, elements=st.one_of(
        st.floats(width=width, allow_nan=True, allow_infinity=True, allow_subnormal=True),
        st.floats(-100, 100, width=width), st.floats(-800, 800, width=width))), label="x")
    g = data.draw(hnp.arrays(dtype, n, elements=st.floats(-1e3, 1e3, width=width)),
                  label="g")
    where = _ok(ok, x, p)
    with np.errstate(all="ignore"):
        k = _apply(kernel, backward, g, x, p)
        s = _apply(short, backward, g, x, p)
        assert _same_bits(k[where], s[where])
        # the loop (blocks of short or kernel) and the ufunc (element by element)
        got = _public(name, backward, g, x, params)
        assert _same_bits(got, k)
        strided = np.empty(2 * n, dtype)
        strided[::2] = x
        got = _public(name, backward, g, strided[::2], params)
        assert _same_bits(got, k)


def _candidates(seed: int, n: int, dtype=np.float32) -> np.ndarray:
    rng = np.random.default_rng(seed)
    top = 3 if dtype is np.float32 else 3.2
    mags = 10.0 ** rng.uniform(-30, top, n)
    return np.concatenate([rng.normal(scale=4, size=n), rng.uniform(-100, 100, n),
                           mags * rng.choice([-1.0, 1.0], n)]).astype(dtype)


def _errors(name, backward, x, g, y, hi, lo, params):
    dtype = x.dtype
    err = ulp_errors(y, hi, lo, dtype)
    if backward:
        err[allowed_backward(REGISTRY[name], x, hi, y, dtype, g, params)] = 0.0
    return err


@pytest.mark.parametrize(("name", "backward", "params", "dtype"), APPLIED, ids=APPLIED_IDS)
def test_short_against_mpmath(name, backward, params, dtype):
    ok, short, _ = _kernels(name, backward)
    p = _params(name, params, dtype)
    x = _into_domain(name, _candidates(1, 1000, dtype))
    x = x[_ok(ok, x, p)]
    assert x.size > 1000, "the fast path's range should hold most of the candidates"
    g = np.random.default_rng(2).uniform(0.5, 2.0, x.size).astype(dtype)
    y = _apply(short, backward, g, x, p)
    hi, lo = reference(REGISTRY[name], x, params, derivative=backward, grad=g if backward else None)
    err = _errors(name, backward, x, g, y, hi, lo, params)
    limit = BACKWARD_ULP if backward else FORWARD_ULP
    assert err.max() <= limit, (x[err.argmax()], err.max())


@pytest.mark.parametrize(("name", "backward", "params"), F32_APPLIED, ids=_ids(F32_APPLIED))
def test_short_over_a_dense_sweep(name, backward, params):
    """Every 64th float32 of [-100, 100] and the N(0, 4^2) sample where ``ok`` holds,
    against the float64 kernel (the float64 parameters rounded to float32 as well)."""
    ok, short, _ = _kernels(name, backward)
    p = _params(name, params)
    bits = np.arange(0, 0x42C80000, 64, dtype=np.uint32)  # [0, 100)
    pos = bits.view(np.float32)
    x = np.concatenate([pos, -pos, _into_domain(name, _candidates(3, 200_000))])
    x = x[_ok(ok, x, p)]
    g = np.ones_like(x)
    y = _apply(short, backward, g, x, p).astype(np.float64)
    p64 = {k: float(v) for k, v in zip([q.name for q in REGISTRY[name].ufunc_params], p)}
    ref = np.asarray(_public(name, backward, g.astype(np.float64), x.astype(np.float64), p64))
    err = _errors(name, backward, x, g, y, ref, np.zeros_like(ref), params)
    limit = BACKWARD_ULP if backward else FORWARD_ULP
    assert err.max() <= limit, (x[err.argmax()], err.max())


EXTREMES = {np.float32: [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-45, -1e-45, 1e-38, 3e38, -3e38,
                         88.7, -88.7, 104.0, -104.0, 1e6, -1e6],
            np.float64: [np.nan, np.inf, -np.inf, 0.0, -0.0, 5e-324, -5e-324, 1e-308, 1e308,
                         -1e308, 709.8, -709.8, 745.2, -745.2, 1e6, -1e6]}


@pytest.mark.parametrize(("name", "backward", "params", "dtype"), APPLIED, ids=APPLIED_IDS)
def test_extremes_scattered_over_a_large_array(name, backward, params, dtype):
    ok, _, kernel = _kernels(name, backward)
    p = _params(name, params, dtype)
    rng = np.random.default_rng(4)
    n = 1 << 20
    x = _into_domain(name, rng.normal(scale=4, size=n).astype(dtype))
    at = rng.choice(n, 300, replace=False)
    x[at] = rng.choice(np.array(EXTREMES[dtype], dtype), at.size)
    g = rng.uniform(0.5, 2.0, n).astype(dtype)
    where = _ok(ok, x, p)
    assert 0.5 < where.mean() < 1.0  # fast blocks and careful blocks both
    with np.errstate(all="ignore"):
        got = np.asarray(_public(name, backward, g, x, params))
        assert _same_bits(got, _apply(kernel, backward, g, x, p))
        # every extreme and its block neighbours against mpmath
        near = np.unique(np.clip(at[:, None] + np.arange(-3, 4), 0, n - 1))
        hi, lo = reference(REGISTRY[name], x[near], params, derivative=backward,
                           grad=g[near] if backward else None)
        err = _errors(name, backward, x[near], g[near], got[near], hi, lo, params)
        limit = BACKWARD_ULP if backward else FORWARD_ULP
        assert err.max() <= limit, (x[near][err.argmax()], err.max())


@pytest.mark.parametrize(("name", "backward", "params", "dtype"), APPLIED, ids=APPLIED_IDS)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_in_place_calls_get_the_allocating_call_s_bits(name, backward, params, dtype, data):
    """``out=`` an input (``x``, or a backward's ``grad``): the bits of a new result.

    Typical values with a few extremes after the first block: the loop takes its flat pass
    only where ``out`` is no input, since that pass writes ``out`` before it knows which
    blocks fail, and a failing block reads its inputs again (it read its own results).
    Sizes up to the split across threads and its chunks.
    """
    ok, _, _ = _kernels(name, backward)
    p = _params(name, params, dtype)
    n = data.draw(st.one_of(st.integers(262, 3000), st.integers(1 << 15, 40_000)), label="n")
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="seed"))
    pool = _into_domain(name, rng.normal(
        scale=data.draw(st.sampled_from([0.5, 2.0, 4.0]), label="scale"), size=4 * n).astype(dtype))
    x = pool[_ok(ok, pool, p)][:n]
    if x.size < n:
        x = np.resize(x, n)
    at = rng.choice(np.arange(256, n), data.draw(st.integers(1, 6), label="k"), replace=False)
    x[at] = rng.choice(np.array(EXTREMES[dtype], dtype), at.size)
    g = rng.uniform(-2.0, 2.0, n).astype(dtype)
    into = data.draw(st.sampled_from(["x", "grad"] if backward else ["x"]), label="out")
    with np.errstate(all="ignore"):
        want = np.asarray(_public(name, backward, g, x, params))
        gi, xi = g.copy(), x.copy()
        out = xi if into == "x" else gi
        f = fastact.get(name + ("_backward" if backward else ""))
        got = f(gi, xi, **params, out=out) if backward else f(xi, **params, out=out)
    assert got is out and _same_bits(out, want)


@pytest.mark.parametrize(("name", "backward", "params", "dtype"), APPLIED, ids=APPLIED_IDS)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_one_failing_element_anywhere_sends_its_block_to_the_kernel(name, backward, params,
                                                                    dtype, data):
    """Values that pass ``ok`` and one that fails it, at any position of an array of any size.

    The loop's flat pass tests the element one block ahead of the one it computes (the
    first block is tested before it): an element in the first block, the last block or
    the pass's tail, at a chunk's edge or a thread's, must still reach the careful
    kernel.  Not in place (the in-place loop tests every element first).
    """
    ok, _, kernel = _kernels(name, backward)
    p = _params(name, params, dtype)
    n = data.draw(st.one_of(st.integers(1, 1100), st.integers(16384 - 300, 16384 + 300),
                            st.integers(1 << 15, 40_000)), label="n")
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="seed"))
    pool = _into_domain(name, rng.normal(
        scale=data.draw(st.sampled_from([0.5, 2.0, 4.0]), label="scale"), size=4 * n).astype(dtype))
    x = np.resize(pool[_ok(ok, pool, p)], n)
    failing = [v for v in np.array(EXTREMES[dtype], dtype) if not ok(v, *p)]
    at = data.draw(st.integers(0, n - 1), label="at")
    x[at] = data.draw(st.sampled_from(failing), label="value")
    g = rng.uniform(-2.0, 2.0, n).astype(dtype)
    with np.errstate(all="ignore"):
        got = np.asarray(_public(name, backward, g, x, params))
        assert _same_bits(got, _apply(kernel, backward, g, x, p))


@pytest.mark.parametrize(("name", "backward", "params", "dtype"), APPLIED, ids=APPLIED_IDS)
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_any_pattern_of_failing_blocks_gets_the_kernel_s_bits(name, backward, params, dtype,
                                                             data):
    """Each block of 256 fails (1, 3 or 40 elements outside the fast range) with a drawn probability.

    The loop computes failing blocks block by block, and where its first block fails and
    6 of the first 1024 elements do (in place: 6 of every 1024), every element by the
    kernel in one flat loop (:func:`fastact._core.templates.loop_source`): whichever it
    takes, every element is the kernel's, in place too.  The draws reach both (3 or 40
    failing elements a block, most blocks failing: the flat loop; 1 a block, or few
    blocks: failing blocks and passing ones).
    """
    ok, _, kernel = _kernels(name, backward)
    p = _params(name, params, dtype)
    n = data.draw(st.one_of(st.integers(1, 3000), st.integers(1 << 15, 40_000)), label="n")
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="seed"))
    pool = _into_domain(name, rng.normal(scale=2.0, size=4 * n).astype(dtype))
    x = np.resize(pool[_ok(ok, pool, p)], n)
    failing = np.array([v for v in np.array(EXTREMES[dtype], dtype) if not ok(v, *p)], dtype)
    blocks = -(-n // 256)
    fails = rng.random(blocks) < data.draw(st.sampled_from([0.1, 0.5, 0.9, 1.0]), label="p")
    fails[0] = data.draw(st.booleans(), label="first block fails")
    k = data.draw(st.sampled_from([1, 3, 40]), label="failing elements a failing block")
    for b in np.flatnonzero(fails):
        at = rng.integers(256 * b, min(256 * b + 256, n), size=k)
        x[at] = rng.choice(failing, size=k)
    g = rng.uniform(-2.0, 2.0, n).astype(dtype)
    into = data.draw(st.sampled_from(["", "x", "grad"] if backward else ["", "x"]), label="out")
    with np.errstate(all="ignore"):
        want = _apply(kernel, backward, g, x, p)
        f = fastact.get(name + ("_backward" if backward else ""))
        if not into:
            got = np.asarray(_public(name, backward, g, x, params))
        else:
            gi, xi = g.copy(), x.copy()
            out = xi if into == "x" else gi
            got = f(gi, xi, **params, out=out) if backward else f(xi, **params, out=out)
            assert got is out
    assert _same_bits(got, want)


@pytest.mark.parametrize(("name", "backward"), [("sigmoid", False), ("elu", True), ("mish", False)])
def test_one_thread_large_calls_run_in_chunks(monkeypatch, name, backward):
    # On one thread a large call of a loop with a fast path goes through its split loop,
    # which hands the loop 16384 elements at a time (an element failing the block test
    # then costs its chunk, not a second pass over the input): the same bits as the
    # kernel element by element, NaN and extremes scattered over chunks
    import numba

    from fastact._core import threads
    from fastact._cpu import elementwise

    if not threads.native_threads():
        pytest.skip("no native threading layer (workqueue): no split loop")
    seen = []
    real = elementwise._artifact
    monkeypatch.setattr(elementwise, "_artifact", lambda key: seen.append(key) or real(key))
    ok, _, kernel = _kernels(name, backward)
    rng = np.random.default_rng(5)
    n = (1 << 20) + 13
    x = rng.normal(scale=4, size=n).astype(np.float32)
    at = rng.choice(n, 40, replace=False)
    x[at] = rng.choice(np.array(EXTREMES[np.float32], np.float32), at.size)
    g = rng.uniform(0.5, 2.0, n).astype(np.float32)
    p = _params(name, {}, np.float32)
    old = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        with np.errstate(all="ignore"):
            got = np.asarray(_public(name, backward, g, x, {}))
    finally:
        numba.set_num_threads(old)
    assert ("entry", True, name, backward, False) in seen  # (the split loop, one thread)
    with np.errstate(all="ignore"):
        assert _same_bits(got, _apply(kernel, backward, g, x, p))


FUSED_CASES = sorted({(n, tuple(sorted(p.items())), dt) for n, _, p, dt in APPLIED},
                     key=lambda c: (c[0], str(c[1]), np.dtype(c[2]).name))
"""Each activation, parameters and dtype whose forward or backward has a fast path that applies."""


@pytest.mark.parametrize(("name", "params", "dtype"), FUSED_CASES,
                         ids=[n + "".join(f"-{k}={v}" for k, v in p) + "-" + np.dtype(d).name
                              for n, p, d in FUSED_CASES])
def test_fused_loops_in_blocks_are_the_separate_calls(name, params, dtype):
    """The fused loops (bias, gated, and their backward) run a row in blocks too: on rows of
    3000 with extremes scattered over them (fast blocks and careful blocks in one row), the
    bits of the separate calls."""
    params = dict(params)
    f, fb = fastact.get(name), fastact.get(name + "_backward")
    rng = np.random.default_rng(7)
    x = rng.normal(scale=4, size=(3, 3000)).astype(dtype)
    at = rng.choice(x.size, 30, replace=False)
    x.flat[at] = rng.choice(np.array(EXTREMES[dtype], dtype), at.size)
    b = rng.normal(scale=0.5, size=3000).astype(dtype)
    e = REGISTRY[name]
    x = _into_domain(name, x)  # (logit: a small bias, so that most of x + b stays in [0, 1])
    b = _into_domain(name, b) if e.domain is None or e.domain[1] > 1.0 else 0.01 * b
    g = rng.uniform(0.5, 2.0, size=(3, 3000)).astype(dtype)
    p = _params(name, params, dtype)
    fast = [fp for fp in (e.forward_fast, e.backward_fast)  # (those that apply: APPLIED's rule)
            if fp is not None and fp[0](_probe(name, dtype), *p)]
    where = np.logical_and.reduce([_ok(fp[0], (x + b).ravel(), p) for fp in fast])
    assert 0.5 < where.mean() < 1.0  # fast blocks and careful blocks both
    with np.errstate(all="ignore"):
        z = x + b
        assert _same_bits(f(x, **params, bias=b), f(z, **params))
        dx, _ = fb(g, x, **params, bias=b)
        assert _same_bits(dx, fb(g, z, **params))
        unit = fastact.gated(name, **params)
        gate, value = np.split(z, 2, axis=-1)
        gv = g[:, :1500]
        assert _same_bits(unit(z), (f(gate, **params) * value).astype(dtype))
        dz = unit.backward(gv, z)
        want = np.concatenate([fb(gv * value, gate, **params), gv * f(gate, **params)], axis=-1)
        assert _same_bits(dz, want)
