"""fastact from several Python threads at once, and in forked worker processes."""

import multiprocessing as mp
import sys
import threading
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fastact


def test_many_threads_at_once_give_the_serial_answers():
    x = np.random.default_rng(0).normal(size=(1 << 18) + 5) * 10
    want = {n: getattr(fastact.cpu, n)(x) for n in ("sigmoid", "tanh", "gelu")}
    want["softmax"] = fastact.softmax(x[: 1 << 18].reshape(-1, 1 << 10))
    errors = []

    def work(name):
        try:
            for _ in range(3):
                if name == "softmax":
                    got = fastact.softmax(x[: 1 << 18].reshape(-1, 1 << 10))
                else:
                    got = getattr(fastact, name)(x)
                np.testing.assert_array_equal(got, want[name])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in list(want) * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    assert not errors, errors


def _child(q):
    x = np.linspace(-5, 5, 1 << 18)
    q.put(float(fastact.silu(x).sum()))


# JAX, where a test of the same process imported it, warns at any fork about its own threads
@pytest.mark.filterwarnings("ignore:os.fork\\(\\) was called:RuntimeWarning")
@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
def test_forked_worker_after_the_pool_started():
    x = np.linspace(-5, 5, 1 << 18)
    want = float(fastact.silu(x).sum())  # starts the parent's thread pool first
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q,))
    with warnings.catch_warnings():  # Python >= 3.12 warns about fork with threads alive
        warnings.simplefilter("ignore", DeprecationWarning)
        p.start()
    p.join(timeout=120)
    assert p.exitcode == 0
    assert q.get(timeout=5) == want


def _child_native(q):
    from fastact._core import threads

    x = np.linspace(-5, 5, 1 << 18)
    q.put((float(fastact.silu(x).sum()), threads.native_decided()))


# JAX, where a test of the same process imported it, warns at any fork about its own threads
@pytest.mark.filterwarnings("ignore:os.fork\\(\\) was called:RuntimeWarning")
@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
@pytest.mark.parametrize("parent_first", [True, False], ids=["parent-started", "fresh"])
def test_forked_worker_and_numba_threads(parent_first):
    """A child forked after the parent split on GNU OpenMP splits on the Python pool (Numba
    would kill it); a child forked before any split starts Numba's threads itself."""
    from numba.np.ufunc import parallel

    from fastact._core import threads

    x = np.linspace(-5, 5, 1 << 18)
    want = float(np.sum(fastact.cpu.silu(x)))
    if parent_first:
        assert float(fastact.silu(x).sum()) == want
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child_native, args=(q,))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        p.start()
    p.join(timeout=120)
    assert p.exitcode == 0
    got, native = q.get(timeout=5)
    assert got == want
    started = parent_first or threads.native_decided() is not None  # (earlier tests may have started it)
    if started and parallel._threading_layer == "omp":
        assert native is False
    elif not started:
        assert native is True or parallel._threading_layer not in ("omp", "tbb")


def test_split_loops_do_not_shadow_the_loops_they_call():
    """A parameter named like its function (threshold's ``threshold``) once hid the loop."""
    import ast
    import inspect

    from fastact._generated import loops as _loops

    tree = ast.parse(inspect.getsource(_loops))
    functions = {f.name for f in tree.body if isinstance(f, ast.FunctionDef)}
    for f in tree.body:
        if isinstance(f, ast.FunctionDef) and f.name.endswith("_split"):
            assert not {a.arg for a in f.args.args} & functions, f.name


def test_threshold_splits_on_numba_threads(monkeypatch):
    from fastact._cpu import elementwise as _dispatch

    monkeypatch.setattr(_dispatch, "split_at", lambda name, native: 1 << 15)
    x = np.linspace(-3, 3, (1 << 17) + 7).astype(np.float32)
    np.testing.assert_array_equal(fastact.threshold(x, 0.5, -1.0),
                                  fastact.cpu.threshold(x, np.float32(0.5), np.float32(-1.0)))


def test_num_threads_follows_numba_in_each_thread():
    """threads.num_threads reads the calling thread's count, as numba.get_num_threads does,
    after numba.set_num_threads, in the main thread and in another one."""
    import threading

    import numba

    from fastact._core import threads

    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("one thread only")
    old = numba.get_num_threads()
    seen = []

    def other():
        seen.append(threads.num_threads())
        numba.set_num_threads(1)
        seen.append((threads.num_threads(), numba.get_num_threads()))

    try:
        numba.set_num_threads(2)
        assert threads.num_threads() == numba.get_num_threads() == 2
        numba.set_num_threads(1)
        assert threads.num_threads() == 1
        numba.set_num_threads(2)
        t = threading.Thread(target=other)
        t.start()
        t.join()
        assert seen[1] == (1, 1)
        assert threads.num_threads() == 2  # (the other thread's setting stayed there)
    finally:
        numba.set_num_threads(old)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_columns_split_on_numba_threads_give_one_threads_bits(monkeypatch, dtype):
    # the softmax family along a non-last axis splits its columns on Numba's threads
    # (fastact.kernels.axis.*_cols_split, ranges of whole 16-lane vectors): the pieces'
    # results are one thread's, bit for bit, also where the columns are not a multiple of
    # 16 and where planes lie before the axis
    import numba

    from fastact._core import threads as _threads
    from fastact.kernels import axis as R

    if numba.config.NUMBA_NUM_THREADS < 2 or not _threads.native_threads():
        pytest.skip("one CPU, or no thread-safe Numba threading layer")
    calls = []
    for name in ("softmax_cols_split", "logsumexp_cols_split", "softmax_backward_cols_split",
                 "log_softmax_backward_cols_split", "logsumexp_backward_cols_split"):
        kernel = getattr(R, name)
        monkeypatch.setattr(R, name, lambda *a, _k=kernel, _n=name: calls.append(_n) or _k(*a))
    r = np.random.default_rng(3)
    for shape in ((48, 3001), (2, 40, 1717)):
        x = (r.normal(size=shape) * 4).astype(dtype)
        x[r.integers(shape[0]), ..., r.integers(shape[-1])] = np.nan
        g = r.normal(size=shape).astype(dtype)
        gl = r.normal(size=shape[:-2] + shape[-1:])

        def run(x=x, g=g, gl=gl):
            y = fastact.softmax(x, axis=-2)
            ly = fastact.log_softmax(x, axis=-2)
            return (y, ly, fastact.logsumexp(x, axis=-2), fastact.softmax_backward(g, y, axis=-2),
                    fastact.log_softmax_backward(g, ly, axis=-2), fastact.logsumexp_backward(gl, x, axis=-2))

        old = numba.get_num_threads()
        try:
            numba.set_num_threads(2)
            split = run()
            numba.set_num_threads(1)
            one = run()
        finally:
            numba.set_num_threads(old)
        for a, b in zip(split, one):
            np.testing.assert_array_equal(a, b)
    assert len(set(calls)) == 5, calls


@settings(max_examples=60, deadline=None)
@given(case=st.sampled_from([("relu", False, ()), ("leaky_relu", False, (0.1,)), ("sigmoid", False, ()),
                             ("gelu", True, ()), ("hardshrink", True, (0.5,))]),
       dtype=st.sampled_from(["float32", "float64"]), n=st.integers(1, 3000),
       offset=st.integers(0, 15), nthreads=st.integers(1, 4), stream=st.booleans(), data=st.data())
def test_loops_give_the_ufuncs_bits_at_any_alignment(case, dtype, n, offset, nthreads, stream, data):
    """The loops compute the elements before the result's first 64-byte boundary apart, and
    the split loops start their slices at such boundaries (thread 0 takes those elements):
    the ufunc's bits at every offset, and no byte written outside the result."""
    from fastact._cpu import loops

    name, backward, params = case
    dt = np.dtype(dtype)
    serial = loops.loop(name, backward, dt)
    # (the streaming split where there is one: the memory-bound forwards)
    split = (stream and loops.split_loop(name, backward, dt, True)) or loops.split_loop(name, backward, dt)
    x = np.asarray(data.draw(st.lists(st.floats(width=8 * dt.itemsize, allow_nan=True,
                                                allow_infinity=True), min_size=n, max_size=n)), dt)
    g = np.linspace(-2, 3, n).astype(dt)
    args = (g, x) if backward else (x,)
    uf = getattr(fastact.cpu, name + ("_backward" if backward else ""))
    with np.errstate(all="ignore"):  # (the ufunc reports NaN compared in a lane; the loops do not)
        want = uf(*args, *(dt.type(p) for p in params))
    for run in (lambda out: serial(*args, out, *params), lambda out: split(*args, out, *params, nthreads)):
        raw = np.full(n * dt.itemsize + 256, 0xAB, np.uint8)
        start = (-raw.ctypes.data) % 64 + 64 + (offset * dt.itemsize) % 64
        out = raw[start:start + n * dt.itemsize].view(dt)
        run(out)
        np.testing.assert_array_equal(out.view(np.uint8), want.view(np.uint8))
        assert (raw[:start] == 0xAB).all() and (raw[start + n * dt.itemsize:] == 0xAB).all()
