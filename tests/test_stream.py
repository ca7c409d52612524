"""Streaming stores (fastact._core.stream): the same bits as plain stores, nothing outside out.

A memory-bound forward whose arrays exceed the last-level cache writes its result with
non-temporal stores from a 64-byte boundary of ``out``, after an L1 buffer.  Here the
threshold is lowered to 0 so that small arrays of every length and offset (the head
before the boundary, whole chunks, the tail) take that path; hypothesis draws them.
"""

from __future__ import annotations

import numba
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fastact
from fastact._core import jit, stream, threads
from fastact._cpu import elementwise
from fastact._spec.registry import REGISTRY
from fastact._tools.plot import plot_params

STREAMED = [n for n, e in REGISTRY.items() if e.memory_bound and n != "prelu"]
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture
def always_stream(monkeypatch):
    """Every call large enough for the streaming rule (threshold 0)."""
    monkeypatch.setattr(threads, "_stream_min", 0)
    monkeypatch.setattr(elementwise, "_STREAM_MIN", 0)


def _plain(name, x, kw):
    """The result through the ufunc (plain stores, never streamed)."""
    with np.errstate(all="ignore"):
            return getattr(fastact.cpu, name)(x, *[kw[p.name] for p in REGISTRY[name].ufunc_params])


@pytest.mark.parametrize("name", STREAMED)
@SETTINGS
@given(data=st.data())
def test_streamed_forward_is_plain_bits_and_stays_in_out(always_stream, name, data):
    dt = np.dtype(data.draw(st.sampled_from(["float32", "float64"]), "dtype"))
    n = data.draw(st.one_of(st.integers(0, 70), st.integers(1000, 9000), st.integers(60000, 70000)), "n")
    off = data.draw(st.integers(0, 16), "offset")  # elements from a 64-byte boundary
    nthreads = data.draw(st.sampled_from([1, 2]), "threads")
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), "seed"))
    with np.errstate(all="ignore"):  # (inf where float32 overflows: a value to take too)
        x = (rng.normal(scale=4, size=n) * rng.choice([1, 1e-40, 1e300], size=n)).astype(dt)
    x[rng.random(n) < 0.02] = np.nan
    kw = {p.name: p.default for p in REGISTRY[name].ufunc_params} | plot_params(name)
    raw = np.empty((n + off + 32) * dt.itemsize + 64, np.uint8)
    start = (-raw.ctypes.data) % 64  # cells[0] on a 64-byte boundary, out off elements after
    cells = raw[start:start + (n + off + 32) * dt.itemsize].view(dt)
    cells[:] = 7.0
    out = cells[off:off + n]
    before = x.copy()
    old = numba.get_num_threads()
    numba.set_num_threads(nthreads)
    try:
        got = getattr(fastact, name)(x, **kw, out=out)
    finally:
        numba.set_num_threads(old)
    assert got is out
    want = _plain(name, x, kw)
    np.testing.assert_array_equal(out.view(f"u{dt.itemsize}"), want.view(f"u{dt.itemsize}"))
    assert (cells[:off] == 7.0).all() and (cells[off + n:] == 7.0).all(), "a write outside out"
    np.testing.assert_array_equal(x, before)
    if n:  # the streaming loop ran (it is compiled on first use, then kept)
        assert jit.ARTIFACTS.get(("stream", name, False, dt == np.float64))


def test_the_rule():
    """Forwards of memory-bound functions only, from the size of the last-level cache."""
    llc = threads.last_level_cache() or 32 << 20  # (32 MiB where sysfs does not say)
    assert llc >= 1 << 20
    assert threads.streams(llc, True, False)
    assert not threads.streams(llc - 1, True, False)
    assert not threads.streams(llc, True, False, fresh=True)  # (a result the call allocates)
    assert not threads.streams(1 << 40, False, False)  # compute-bound: its arithmetic loses
    assert not threads.streams(1 << 40, True, True)  # backward: no gain measured


def test_stream_threshold_sets_and_restores():
    with threads.stream_threshold(0):
        assert threads.streams(1, True, False)
        with threads.stream_threshold(1 << 62):
            assert not threads.streams(1 << 40, True, False)
        assert threads.streams(1, True, False)
    assert not threads.streams(1, True, False)


def test_head_buffer_and_chunk():
    for dt in (np.float32, np.float64):
        raw = np.empty(4096, np.uint8)
        for off in range(0, 64, np.dtype(dt).itemsize):
            a = raw[off:off + 1024].view(dt)
            h = stream.head(a)
            assert (a.ctypes.data + h * a.itemsize) % 64 == 0 and 0 <= h < 64 // a.itemsize
        assert stream.head(np.empty(0, dt)) == 0
        out = np.empty(10, dt)
        assert stream.chunk(out) * out.itemsize == stream.CHUNK_BYTES
        assert stream.buffer(out).size * out.itemsize == stream.CHUNK_BYTES + stream.LINE


@pytest.mark.parametrize("name", ["relu_derivative2", "hardtanh_derivative3"])
def test_memory_bound_without_a_streaming_loop_splits_on_numbas_threads(always_stream, monkeypatch, name):
    """A memory-bound function with no streaming loop (a derivative) keeps its Numba split.

    Beyond the threshold the rule says stream; without a streaming loop the call must
    take the plain loops, split on Numba's threads, not the Python pool's fallback.
    """
    def pool(*args):
        raise AssertionError("split on the Python pool")

    monkeypatch.setattr(elementwise, "split_on_pool", pool)
    if numba.config.NUMBA_NUM_THREADS < 2 or not threads.native_threads():
        pytest.skip("no second thread to split on")
    x = np.random.default_rng(0).normal(size=1 << 21)
    x[::97] = 0.0  # (the kinks: a nonzero value to compare)
    old = numba.get_num_threads()
    numba.set_num_threads(2)
    try:
        got = getattr(fastact, name)(x)
        numba.set_num_threads(1)  # (one thread: no split)
        want = getattr(fastact, name)(x)
    finally:
        numba.set_num_threads(old)
    np.testing.assert_array_equal(got, want)


def test_a_result_the_call_allocates_is_written_with_plain_stores(monkeypatch):
    """``f(x)`` asks :func:`threads.streams` with ``fresh``; ``f(x, out=out)`` without."""
    asked = []
    rule = threads.streams

    def recording(nbytes, memory_bound, backward, fresh=False):
        asked.append(fresh)
        return rule(nbytes, memory_bound, backward, fresh)

    monkeypatch.setattr(threads, "_stream_min", 0)
    monkeypatch.setattr(elementwise, "_STREAM_MIN", 0)
    monkeypatch.setattr(threads, "streams", recording)
    x = np.linspace(-3.0, 3.0, 1000)
    out = np.empty_like(x)
    np.testing.assert_array_equal(fastact.relu(x), np.maximum(x, 0.0))
    assert fastact.relu(x, out=out) is out
    np.testing.assert_array_equal(out, np.maximum(x, 0.0))
    assert asked == [True, False]
