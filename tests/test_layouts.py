"""Layout fuzzer: every public function and ufunc on arrays of any layout, ``out=`` of any layout.

Each example draws a function's direction (forward or backward), the target (``fastact.NAME``,
``fastact.cpu.NAME``, ``fastact.parallel.NAME``), a broadcast shape (0-d to 4-d, empty,
or 1-d above the thread-split threshold), a view for every operand (steps, negative steps,
transposes, broadcasting), dtypes (float16/32/64, int, bool), parameters as numbers or
arrays, and ``out``: absent, a view of any layout (of a bigger base), the input itself (in
place), or a view overlapping an input at an offset.  The result must equal, bit for
bit, the same function applied to contiguous copies; no input may change; no element of
``out``'s base outside the view may change.

CI runs a fixed budget per function; ``FASTACT_FUZZ_EXAMPLES=N`` runs N examples each.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from conftest import ufunc_args
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fastact
from fastact._core import threads
from fastact._cpu import elementwise as cpu_elementwise
from fastact._spec.registry import REGISTRY, REQUIRED, USER, lookup

EXAMPLES = int(os.environ.get("FASTACT_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# the other byte order too: NumPy's ufuncs give float32 for a byte-swapped float32 array
SWAPPED = [np.dtype(np.float32).newbyteorder(), np.dtype(np.float64).newbyteorder()]
DTYPES = [np.float64, np.float32, np.float16, np.int32, np.bool_, *SWAPPED]
SPECIALS = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-310, 3e38, -1e300, 5e-45, 700.0, -745.0])
BIG = (1 << 17) + 3  # above PARALLEL_MIN_SIZE: the threaded split


def _values(rng, n, dtype):
    v = rng.normal(scale=8, size=n)
    if np.dtype(dtype).kind == "f" and n:
        k = rng.integers(0, 1 + n // 3)
        v[rng.integers(0, n, k)] = rng.choice(SPECIALS, k)
    with np.errstate(all="ignore"):
        return v.astype(dtype)


@st.composite
def views(draw, shape, dtype, rng, broadcastable=True, read_only=True):
    """``(array, recipe, base)``: an array of ``shape`` (or broadcasting to it) of any layout.

    ``recipe(base)`` rebuilds the same view on a copy of ``base`` (for ``out``).
    ``read_only``: the view may be read-only (False for one the test writes into).
    """
    ndim = len(shape)
    if broadcastable and ndim and draw(st.integers(0, 4)) == 0:  # broadcast a smaller operand
        small = tuple(n if draw(st.booleans()) else 1 for n in shape)[draw(st.integers(0, ndim)):]
        a, _, base = draw(views(small, dtype, rng, broadcastable=False))
        if draw(st.booleans()):
            a = np.broadcast_to(a, shape)  # zero strides, read-only
        return a, None, base
    perm = list(draw(st.permutations(range(ndim)))) if ndim > 1 else list(range(ndim))
    steps = [draw(st.sampled_from([1, 1, 2, 3, -1, -2])) for _ in range(ndim)]
    order = draw(st.sampled_from("CF"))
    pshape = [shape[p] for p in perm]
    bshape = tuple(n * abs(s) + draw(st.integers(0, 2)) for n, s in zip(pshape, steps))

    def recipe(base):
        idx = []
        for n, s, b in zip(pshape, steps, base.shape):
            start = 0 if s > 0 else b - 1
            idx.append(slice(start, start + n * s if start + n * s >= 0 else None, s))
        return base[(*idx, Ellipsis)].transpose(np.argsort(perm))  # a view, also 0-d

    base = _values(rng, int(np.prod(bshape)), dtype).reshape(bshape).copy(order=order)
    a = recipe(base)
    assert a.shape == tuple(shape)
    if read_only and draw(st.integers(0, 5)) == 0:  # (a JAX array's NumPy view, a memory map)
        a.flags.writeable = False
    return a, recipe, base


def _param_value(rng, p, default, shape, as_array):
    v = p.none_value if default is None else default
    if not as_array or v is None or not np.isfinite(v) or v == 0:
        return default if not as_array else np.full(shape, v)
    return v * rng.uniform(0.9, 1.1, size=shape)  # keeps every ordering rule (lower < upper, ...)


def _defaults(entry):
    params = entry.defaults()
    if any(p.default is REQUIRED for p in entry.params):
        params = dict(entry.test_params[0])
    return {k: v for k, v in params.items() if not any(p.name == k and p.choices for p in entry.params)}


def _same(a, b):
    """Bit for bit, NaN payloads aside."""
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    both_nan = np.isnan(a) & np.isnan(b)
    ua = a.view(f"u{a.dtype.itemsize}")
    ub = b.view(f"u{b.dtype.itemsize}")
    return bool(np.all((ua == ub) | both_nan))


def _call(target, name, backward, arrays, params, out):
    fname = name + ("_backward" if backward else "")
    if target == "public":
        kw = {} if out is None else {"out": out}
        r = fastact.get(fname)(*arrays, **params, **kw)
        return r[0] if fname == "prelu_backward" else r
    uf = getattr(getattr(fastact, target), fname)
    pv = ufunc_args(name, params)
    kw = {} if out is None else {"out": out}
    with np.errstate(all="ignore"):
        return uf(*arrays, *pv, **kw)


def _contiguous(a):
    return np.array(a, order="C", copy=True) if isinstance(a, np.ndarray) else a  # keeps 0-d


def fuzz_elementwise(name, data):
    entry = lookup(name)
    backward = data.draw(st.booleans(), "backward") and entry.backward is not None
    target = data.draw(st.sampled_from(["public", "public", "cpu", "parallel"]), "target")
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), "seed"))
    if data.draw(st.integers(0, 24), "big") == 0:
        shape: tuple = (BIG + data.draw(st.integers(0, 70)),)
    else:
        shape = tuple(data.draw(st.lists(st.integers(0, 5), max_size=4), "shape"))
    dtype = data.draw(st.sampled_from(DTYPES), "dtype")
    gdtype = data.draw(st.sampled_from([dtype, dtype, np.float32, np.float64]), "gdtype")
    x, _, _ = data.draw(views(shape, dtype, rng), "x")
    arrays = [x]
    if backward:
        g, _, _ = data.draw(views(shape, gdtype, rng), "grad")
        arrays = [g, x]
    params = {}
    for p in entry.ufunc_params:
        default = _defaults(entry).get(p.name, p.default)
        as_array = data.draw(st.booleans(), f"{p.name} as array")
        pshape = shape[data.draw(st.integers(0, len(shape)), f"{p.name} dims"):] if as_array else ()
        params[p.name] = _param_value(rng, p, default, pshape, as_array)
    want = _call(target, name, backward, [_contiguous(a) for a in arrays],
                 {k: _contiguous(v) for k, v in params.items()}, None)
    want = np.asarray(want)  # prelu_backward: grad_x (its weight gradient is a reduction)
    if any(not a.dtype.isnative for a in arrays):  # byte order changes neither dtype nor bits
        native = [_contiguous(a).astype(a.dtype.newbyteorder("=")) for a in arrays]
        same = np.asarray(_call(target, name, backward, native,
                                {k: _contiguous(v) for k, v in params.items()}, None))
        assert _same(want, same), (name, backward, target, [a.dtype for a in arrays], want.dtype)
    before = [np.array(a, copy=True) for a in arrays]
    mode = data.draw(st.sampled_from(["none", "view", "view", "inplace", "overlap"]), "out")
    out = None
    expected_base = None
    if mode == "inplace" and x.flags.writeable and x.shape == want.shape and x.dtype == want.dtype:
        out = x
    elif mode == "overlap" and want.ndim == 1 and want.size and dtype == want.dtype:
        # x and out: two views of one buffer, shifted by a few elements
        n, shift = want.size, data.draw(st.integers(-3, 3).filter(bool), "shift")
        buf = _values(rng, n + 3 + 3, want.dtype)
        x = buf[3:3 + n]
        arrays[-1] = x
        out = buf[3 + shift:3 + shift + n]
        before = [np.array(a, copy=True) for a in arrays]
        want = np.asarray(_call(target, name, backward, [_contiguous(a) for a in arrays],
                                {k: _contiguous(v) for k, v in params.items()}, None))
        expected_base = buf.copy()
        expected_base[3 + shift:3 + shift + n] = want
        base_of_out = buf
    elif mode in ("view", "overlap"):
        odtype = data.draw(st.sampled_from([want.dtype, want.dtype, np.float32, np.float64]), "odtype")
        _, orecipe, base_of_out = data.draw(views(want.shape, odtype, rng, broadcastable=False),
                                            "out view")
        base_of_out[...] = 12345
        out = orecipe(base_of_out)
        expected_base = base_of_out.copy()
        with np.errstate(all="ignore"):
            orecipe(expected_base)[...] = want
    with np.errstate(all="ignore"):
        got = _call(target, name, backward, arrays, params, out)
    if out is not None:
        assert got is out or (target != "public" and np.shares_memory(got, out))
        if expected_base is not None:
            assert _same(base_of_out, expected_base), (name, backward, target, mode)
        else:
            assert _same(out, want.astype(out.dtype)), (name, backward, target, mode)
    else:
        assert _same(got, want), (name, backward, target, np.asarray(got), want)
    if out is not x:
        for a, b in zip(arrays, before):
            if out is None or not np.shares_memory(a, out):
                assert _same(a, b), "an input changed"


ELEMENTWISE = [*REGISTRY, *USER,  # Snake (fastact.examples.snake, a user activation) too
               # the higher derivatives (forward only), one of each kind of kernel and parameters
               "gelu_derivative2", "gelu_tanh_derivative3", "swish_derivative2",
               "softplus_derivative3", "elu_derivative2", "logit_derivative3",
               "squareplus_derivative2", "hardswish_derivative2", "hardtanh_derivative3"]


@pytest.fixture(autouse=True)
def _split_memory_bound_too(monkeypatch):
    # the memory-bound functions go to the Python pool only from 2**21 elements: split
    # every function at BIG, on Numba's threads (built-ins) or the pool (Snake)
    monkeypatch.setattr(cpu_elementwise, "split_at", lambda name, native: threads.PARALLEL_MIN_SIZE)


@pytest.mark.parametrize("name", ELEMENTWISE)
@FUZZ
@given(data=st.data())
def test_elementwise_any_layout(name, data):
    fuzz_elementwise(name, data)


AXIS = ["softmax", "log_softmax", "softmin", "logsumexp", "logmeanexp", "sparsemax", "glu", "maxout"]


@pytest.mark.parametrize("name", AXIS)
@FUZZ
@given(data=st.data())
def test_axis_functions_any_layout(name, data):
    """Axis functions and their backward on any layout: as on contiguous copies, bit for bit."""
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), "seed"))
    ndim = data.draw(st.integers(1, 4), "ndim")
    shape = [data.draw(st.integers(0, 5), "n") for _ in range(ndim)]
    axis = data.draw(st.integers(-ndim, ndim - 1), "axis")
    if name not in ("glu", "maxout"):  # an int, a tuple of distinct axes (any order) or None
        axis = data.draw(st.one_of(
            st.just(axis), st.none(),
            st.lists(st.integers(-ndim, ndim - 1), max_size=ndim,
                     unique_by=lambda a, n=ndim: a % n).map(tuple)), "axes")
    kw: dict = {}
    if name == "glu":
        shape[axis] = 2 * shape[axis]
    elif name == "maxout":
        kw["k"] = data.draw(st.integers(1, 3), "k")
        shape[axis] = kw["k"] * shape[axis]
    elif name in ("logsumexp", "logmeanexp"):
        kw["keepdims"] = data.draw(st.booleans(), "keepdims")
    dtype = data.draw(st.sampled_from(DTYPES), "dtype")
    x, _, _ = data.draw(views(tuple(shape), dtype, rng, broadcastable=False), "x")
    fwd = getattr(fastact, name)
    x0 = np.array(x, copy=True)
    with np.errstate(all="ignore"):
        want = fwd(_contiguous(x), axis=axis, **kw)
        got = fwd(x, axis=axis, **kw)
    assert _same(got, want)
    assert _same(x, x0), "the input changed"
    g, _, _ = data.draw(views(np.shape(want), data.draw(st.sampled_from(DTYPES), "gdtype"), rng),
                        "grad")
    second = x if name in ("logsumexp", "logmeanexp", "glu", "maxout") else np.asarray(
        want).astype(x.dtype)
    bwd = getattr(fastact, name + "_backward")
    bkw = {k: v for k, v in kw.items() if k != "keepdims"}
    with np.errstate(all="ignore"):
        want_b = bwd(_contiguous(g), _contiguous(second), axis=axis, **bkw)
        got_b = bwd(g, second, axis=axis, **bkw)
    assert _same(got_b, want_b)
    if name in ("glu", "maxout") or not np.ndim(want):
        return
    # out= of any layout and float dtype: the result, cast as NumPy casts, and nothing else
    # of out's memory touched
    for fn, args, ref in ((fwd, (x,), want), (bwd, (g, second), want_b)):
        odt = data.draw(st.sampled_from([np.float64, np.float32, np.float16]), "out dtype")
        _, recipe, base = data.draw(views(np.shape(ref), odt, rng, broadcastable=False), "out")
        mem = base.copy()
        out = recipe(mem)
        expect = base.copy()
        kws = kw if fn is fwd else bkw
        with np.errstate(all="ignore"):
            recipe(expect)[...] = np.asarray(ref).astype(odt)
            r = fn(*args, axis=axis, out=out, **kws)
        assert r is out
        assert _same(mem, expect)


FUSED = ["gelu", "silu", "relu", "leaky_relu", "hardtanh", "softplus", "elu", "swiglu", "geglu",
         "reglu", "gated mish"]


@pytest.mark.parametrize("name", FUSED)
@FUZZ
@given(data=st.data())
def test_fused_any_layout(name, data):
    """``f(x, bias=b)``, the gated units and their backward on any layout, ``out=`` of any
    layout: as on contiguous copies, bit for bit; no input changes; nothing outside out."""
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), "seed"))
    gated = name in ("swiglu", "geglu", "reglu", "gated mish")
    ndim = data.draw(st.integers(1, 3), "ndim")
    shape = [data.draw(st.integers(1, 4), "n") for _ in range(ndim)]
    if data.draw(st.integers(0, 9), "big") == 0:
        shape[-1] = (1 << 16) // max(1, int(np.prod(shape[:-1]))) + 5  # the threaded split
    axis = data.draw(st.integers(-ndim, ndim - 1), "axis")
    if gated:
        shape[axis] *= 2
    shape = tuple(shape)
    dtype = data.draw(st.sampled_from(DTYPES), "dtype")
    x, _, _ = data.draw(views(shape, dtype, rng, broadcastable=False), "x")
    ax = axis % ndim
    bshape = shape[(ax if gated else data.draw(st.integers(0, ndim - 1), "bias dims")):]
    b = None
    if data.draw(st.booleans(), "bias") or not gated:
        b, _, _ = data.draw(views(bshape, data.draw(st.sampled_from(DTYPES), "bdtype"), rng,
                                  broadcastable=False), "b")
    if gated:
        unit = fastact.gated("mish") if name == "gated mish" else None
        fwd = unit or getattr(fastact, name)
        bwd = unit.backward if unit else getattr(fastact, name + "_backward")
        kw = {"axis": axis, "gate": data.draw(st.sampled_from(["first", "second"]), "gate"),
              "bias": b}
    else:
        fwd, bwd = getattr(fastact, name), getattr(fastact, name + "_backward")
        kw = {"bias": b}

    def contiguous_kw():
        return {**kw, "bias": None if b is None else _contiguous(b)}

    before = [np.array(a, copy=True) for a in (x, b) if a is not None]
    with np.errstate(all="ignore"):
        want = np.asarray(fwd(_contiguous(x), **contiguous_kw()))
    mode = data.draw(st.sampled_from(["none", "view"]), "out")
    out = base_of_out = expected_base = None
    if mode == "view" and want.ndim:
        odtype = data.draw(st.sampled_from([want.dtype, np.float32, np.float64]), "odtype")
        _, orecipe, base_of_out = data.draw(views(want.shape, odtype, rng, broadcastable=False),
                                            "out view")
        base_of_out[...] = 12345
        out = orecipe(base_of_out)
        expected_base = base_of_out.copy()
        with np.errstate(all="ignore"):
            orecipe(expected_base)[...] = want
    with np.errstate(all="ignore"):
        got = fwd(x, **kw, out=out)
    if out is not None:
        assert got is out and _same(base_of_out, expected_base)
    else:
        assert _same(got, want)
    g, _, _ = data.draw(views(want.shape, dtype, rng), "grad")
    with np.errstate(all="ignore"):
        want_b = bwd(_contiguous(g), _contiguous(x), **contiguous_kw())
        got_b = bwd(g, x, **kw)
    for w, r in zip(want_b if isinstance(want_b, tuple) else [want_b],
                    got_b if isinstance(got_b, tuple) else [got_b]):
        assert _same(r, w)
    for a, a0 in zip([a for a in (x, b) if a is not None], before):
        assert _same(a, a0), "an input changed"


def test_operands_the_loop_cannot_take_are_copied_for_it(monkeypatch):
    """A strided or broadcast operand, an F-ordered array, a NumPy scalar parameter: copied
    (where needed) into what the compiled loop takes, and run there - the ufunc's loop
    steps such operands one element at a time (10-30x slower).  The bits of the plain
    call; an F-ordered input gives an F-ordered result, as the ufunc's would."""
    from fastact._cpu import ufuncs

    def no_ufunc(*args, **kwargs):
        raise AssertionError("the ufunc ran: the operands were not made contiguous")

    rng = np.random.default_rng(7)
    x = rng.normal(scale=4, size=(64, 96)).astype(np.float32)
    g = rng.normal(size=x.shape).astype(np.float32)
    want = {
        "strided": fastact.gelu(np.ascontiguousarray(x[:, ::2])),
        "fortran": fastact.gelu(x),
        "param": fastact.elu(x, alpha=0.5),
        "grad": fastact.gelu_backward(np.full(x.shape, np.float32(1.5)), x),
        "row": fastact.silu_backward(np.ascontiguousarray(np.broadcast_to(g[0], x.shape)), x),
    }
    monkeypatch.setattr(ufuncs, "get", no_ufunc)
    xf = np.asfortranarray(x)
    got = {
        "strided": fastact.gelu(x[:, ::2]),
        "fortran": fastact.gelu(xf),
        "param": fastact.elu(x, alpha=np.float32(0.5)),
        "grad": fastact.gelu_backward(np.float32(1.5), x),
        "row": fastact.silu_backward(g[0], x),
    }
    for k in want:
        assert got[k].dtype == want[k].dtype and np.array_equal(got[k], want[k]), k
    assert got["fortran"].flags.f_contiguous
    out = np.zeros((96, 64), np.float32).T  # an F-ordered out for an F-ordered input
    assert fastact.gelu(xf, out=out) is out and np.array_equal(out, want["fortran"])
    out = np.zeros((64, 96), np.float64)  # another dtype: computed, then cast into it
    assert fastact.gelu(x[:, ::1], out=out) is out and np.array_equal(out, want["fortran"])
