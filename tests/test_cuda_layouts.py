"""The layout fuzzer on CUDA arrays: every public function on device arrays of any strides.

The NumPy fuzzer's strategies (tests/test_layouts.py: steps, negative steps, transposes,
broadcast inputs, ``out=`` a view of a bigger base, in place, overlapping an input) draw
the views; each view goes to fastact as a CuPy-, PyTorch- or plain
``__cuda_array_interface__`` stand-in (tests/test_cuda.py: under the simulator device
memory is host memory).  The result must equal, bit for bit, the same call on contiguous
copies of the same operands on the device; no input may change; no element of ``out``'s
base outside the view may change.

Under the simulator every kernel runs as Python threads: a few examples per function
(``FASTACT_FUZZ_EXAMPLES`` scales them as for the NumPy fuzzer).  The stand-ins wrap host
memory, so these run under the simulator only; on a real GPU (``make gpu-check``)
``tests/test_cuda.py::test_real_arrays_any_layout`` draws the same views as real CuPy
arrays and PyTorch tensors.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
import test_cuda
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cuda import _FakeArray, _FakeCupyArray, _FakeTensor
from test_layouts import _defaults, _param_value, _same, _values, views

import fastact
from fastact._core.frames import coalesce
from fastact._spec.registry import REGISTRY, USER, lookup

fc = pytest.importorskip("fastact.cuda")
from fastact._cuda import layouts  # noqa: E402

# the simulator's threads compute with NumPy scalars (inf - inf, ...): warnings filters are
# process-wide, np.errstate is not (it does not reach the simulator's threads)
# The stand-ins wrap host memory (the simulator's device memory): on a GPU,
# test_cuda.py::test_real_arrays_any_layout draws the same views as CuPy arrays and tensors.
pytestmark = [pytest.mark.filterwarnings("ignore::RuntimeWarning"),
              pytest.mark.skipif(not fc.SIMULATED, reason="stand-ins over host memory")]
fake_libraries = test_cuda.fake_libraries  # the stand-in cupy and torch modules (a fixture)
EXAMPLES = max(2, int(os.environ.get("FASTACT_FUZZ_EXAMPLES", "30")) // 5)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
KINDS = {"cupy": _FakeCupyArray, "torch": _FakeTensor, "cai": _FakeArray}
DTYPES = [np.float32, np.float64]


def _small(shape, most: int) -> tuple:
    """``shape`` with its largest dimensions cut down until it has at most ``most`` elements
    (the simulator runs a Python thread per CUDA thread)."""
    shape = list(shape)
    while np.prod(shape) > most:
        shape[int(np.argmax(shape))] -= 1
    return tuple(shape)


def _host(r):
    """A result as a NumPy array (stand-ins and numba's device arrays alike)."""
    if isinstance(r, _FakeArray):
        return r.host()
    return r.copy_to_host()


def _dev(wrap, a):
    """``a`` (a NumPy view) as a CUDA array of the drawn kind, sharing its memory."""
    return wrap(a)


def _contig(wrap, a):
    return wrap(np.array(a, order="C", copy=True))


def _out_case(data, rng, want, dtype):
    """``(out view, its base, the base as it must be after the call)``, or Nones."""
    if not want.ndim or data.draw(st.booleans(), "out"):
        return None, None, None
    _, recipe, base = data.draw(views(want.shape, dtype, rng, broadcastable=False), "out view")
    base[...] = 12345
    expected = base.copy()
    recipe(expected)[...] = want
    return recipe(base), base, expected


@pytest.mark.parametrize("name", [*REGISTRY, *USER])
@FUZZ
@given(data=st.data())
def test_elementwise_any_cuda_layout(fake_libraries, name, data):
    entry = lookup(name)
    # prelu_backward (hand-written, its weight gradient a host reduction) takes host arrays
    backward = data.draw(st.booleans(), "backward") and name != "prelu"
    wrap = KINDS[data.draw(st.sampled_from(sorted(KINDS)), "kind")]
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), "seed"))
    shape = _small(data.draw(st.lists(st.integers(0, 5), max_size=5), "shape"), 240)
    dtype = data.draw(st.sampled_from(DTYPES), "dtype")
    arrays = [data.draw(views(shape, dtype, rng, broadcastable=False), "x")[0]]
    if backward:  # a CUDA grad has x's shape (a broadcast view is fine)
        arrays.insert(0, np.broadcast_to(data.draw(views(shape, dtype, rng), "grad")[0], shape))
    params = {}
    for p in entry.ufunc_params:
        default = _defaults(entry).get(p.name, p.default)
        # (parameters with ordering rules, hardtanh's min_val < max_val, are checked on the
        # host: those take numbers and host arrays)
        kinds = ["number", "host array"] + ([] if entry.rules else ["cuda array"])
        how = data.draw(st.sampled_from(kinds), p.name)
        if how == "number":
            params[p.name] = default
            continue
        full = how == "cuda array"
        pshape = shape if full else shape[data.draw(st.integers(0, len(shape)), "dims"):]
        v = np.asarray(_param_value(rng, p, default, pshape, True), dtype)
        if full and v.shape == shape:
            v = data.draw(views(shape, dtype, rng, broadcastable=False, read_only=False), "pview")[0]
            v[...] = _param_value(rng, p, default, shape, True)
            params[p.name] = _dev(wrap, v)
        else:
            params[p.name] = v
    fn = fastact.get(name + ("_backward" if backward else ""))
    before = [a.copy() for a in arrays]
    pc = {k: _contig(wrap, v._a) if isinstance(v, _FakeArray) else v for k, v in params.items()}
    want = _host(fn(*[_contig(wrap, a) for a in arrays], **pc))
    mode = data.draw(st.sampled_from(["none", "view", "inplace", "overlap"]), "mode")
    out = base = expected = None
    if mode == "inplace" and arrays[-1].flags.writeable and arrays[-1].size:
        out = arrays[-1]
        expected = want
    elif mode == "overlap" and len(shape) == 1 and shape[0]:
        n, shift = shape[0], data.draw(st.integers(-3, 3).filter(bool), "shift")
        base = _values(rng, n + 6, dtype)
        arrays[-1] = base[3:3 + n]
        before[-1] = arrays[-1].copy()
        want = _host(fn(*[_contig(wrap, a) for a in arrays], **pc))
        out = base[3 + shift:3 + shift + n]
        expected = base.copy()
        expected[3 + shift:3 + shift + n] = want
    elif mode == "view":
        out, base, expected = _out_case(data, rng, want, dtype)
    got = fn(*[_dev(wrap, a) for a in arrays], **params,
             **({} if out is None else {"out": _dev(wrap, out)}))
    if out is None:
        assert _same(_host(got), want), (name, backward, shape)
        for a, b in zip(arrays, before):
            assert _same(a, b), "an input changed"
    elif base is None:  # in place
        assert _same(out, want)
    else:
        assert _same(base, expected), (name, backward, mode)


AXIS = ["softmax", "log_softmax", "softmin", "logsumexp", "glu", "maxout",
        "softmax_cross_entropy", "sigmoid_binary_cross_entropy"]


@pytest.mark.parametrize("name", AXIS)
@FUZZ
@given(data=st.data())
def test_axis_functions_any_cuda_layout(fake_libraries, name, data):
    """Axis functions, the losses and their backward on strided device arrays."""
    wrap = KINDS[data.draw(st.sampled_from(sorted(KINDS)), "kind")]
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), "seed"))
    ndim = data.draw(st.integers(1, 5), "ndim")
    shape = list(_small([data.draw(st.integers(1, 4), "n") for _ in range(ndim)], 24))
    axis = data.draw(st.integers(-ndim, ndim - 1), "axis")
    kw: dict = {"axis": axis}
    if name == "glu":
        shape[axis] *= 2
    elif name == "maxout":
        kw["k"] = data.draw(st.integers(1, 3), "k")
        shape[axis] *= kw["k"]
    dtype = data.draw(st.sampled_from(DTYPES), "dtype")
    shape = tuple(shape)
    x = data.draw(views(shape, dtype, rng, broadcastable=False), "x")[0]
    x0 = x.copy()
    fwd, bwd = getattr(fastact, name), getattr(fastact, name + "_backward")
    if name == "sigmoid_binary_cross_entropy":
        kw = {}
        t = data.draw(views(shape, dtype, rng, broadcastable=False, read_only=False), "targets")[0]
        t[...] = rng.uniform(size=shape)
        extra, extra_c = [_dev(wrap, t)], [_contig(wrap, t)]
    elif name == "softmax_cross_entropy":
        lab = rng.integers(0, shape[axis], size=shape[:axis % ndim] + shape[axis % ndim + 1:])
        extra = extra_c = [lab]
    else:
        extra = extra_c = []
    want = _host(fwd(_contig(wrap, x), *extra_c, **kw))
    out, base, expected = _out_case(data, rng, want, dtype)
    got = fwd(_dev(wrap, x), *extra, **kw, **({} if out is None else {"out": _dev(wrap, out)}))
    if out is None:
        assert _same(_host(got), want)
    else:  # written on the device, nothing outside out's view
        assert _same(base, expected)
    assert _same(x, x0), "the input changed"
    g = np.broadcast_to(data.draw(views(want.shape, dtype, rng), "grad")[0], want.shape)
    if name in ("softmax", "log_softmax", "softmin"):  # their backward takes the output
        second = data.draw(views(shape, dtype, rng, broadcastable=False, read_only=False), "y")[0]
        second[...] = want
    else:
        second = x
    want_b = _host(bwd(_contig(wrap, g), _contig(wrap, second), *extra_c, **kw))
    got_b = bwd(_dev(wrap, g), _dev(wrap, second), *extra, **kw)
    assert _same(_host(got_b), want_b)


FUSED = ["gelu", "relu", "leaky_relu", "softplus", "swiglu", "geglu", "reglu"]


@pytest.mark.parametrize("name", FUSED)
@FUZZ
@given(data=st.data())
def test_fused_any_cuda_layout(fake_libraries, name, data):
    """bias= and the gated units (and their backward) on strided device arrays, out= too."""
    wrap = KINDS[data.draw(st.sampled_from(["cupy", "torch"]), "kind")]
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), "seed"))
    gated = name in ("swiglu", "geglu", "reglu")
    ndim = data.draw(st.integers(1, 3), "ndim")
    shape = list(_small([data.draw(st.integers(1, 4), "n") for _ in range(ndim)], 24))
    axis = data.draw(st.integers(-ndim, ndim - 1), "axis")
    if gated:
        shape[axis] *= 2
    shape = tuple(shape)
    dtype = data.draw(st.sampled_from(DTYPES), "dtype")
    x = data.draw(views(shape, dtype, rng, broadcastable=False), "x")[0]
    bshape = shape[axis % ndim:] if gated else shape[data.draw(st.integers(0, ndim - 1), "bd"):]
    b = None
    if not gated or data.draw(st.booleans(), "bias"):
        b = data.draw(views(bshape, dtype, rng, broadcastable=False), "b")[0]
    kw = {"axis": axis, "gate": data.draw(st.sampled_from(["first", "second"]), "gate")} \
        if gated else {}
    fwd, bwd = getattr(fastact, name), getattr(fastact, name + "_backward")
    bc = None if b is None else _contig(wrap, b)
    want = _host(fwd(_contig(wrap, x), bias=bc, **kw))
    out, base, expected = _out_case(data, rng, want, dtype)
    got = fwd(_dev(wrap, x), bias=None if b is None else _dev(wrap, b), **kw,
              **({} if out is None else {"out": _dev(wrap, out)}))
    if out is None:
        assert _same(_host(got), want)
    else:
        assert _same(base, expected)
    g = np.broadcast_to(data.draw(views(want.shape, dtype, rng), "grad")[0], want.shape)
    want_b = bwd(_contig(wrap, g), _contig(wrap, x), bias=bc, **kw)
    got_b = bwd(_dev(wrap, g), _dev(wrap, x), bias=None if b is None else _dev(wrap, b), **kw)
    want_b = want_b if isinstance(want_b, tuple) else (want_b,)
    got_b = got_b if isinstance(got_b, tuple) else (got_b,)
    for r, w in zip(got_b, want_b):
        assert _same(_host(r), _host(w))


def test_coalesced_views_and_many_dimensions():
    """Layouts that need more than four dimensions run as several launches of 4-d views."""
    base = np.arange(2 * 3 * 2 * 3 * 2 * 5, dtype=np.float64).reshape(2, 3, 2, 3, 2, 5) - 90
    x = base[:, ::-2, :, ::2, :, ::3]  # no two dimensions merge
    assert len(coalesce(x.shape, [x.strides])[0]) > layouts.NDIM
    y = fastact.silu(_FakeArray(x))
    assert _same(y.copy_to_host(), fastact.silu(_FakeArray(np.ascontiguousarray(x))).copy_to_host())
    big = np.full((2, 2, 2, 2, 2, 4), 7.0)
    fastact.relu(_FakeArray(x), out=_FakeArray(big[..., ::2]))
    assert _same(big[..., ::2], np.maximum(x, 0)) and (big[..., 1::2] == 7).all()


def test_out_with_repeated_elements_is_an_error():
    x = _FakeArray(np.ones((3, 4)))
    out = _FakeArray(np.broadcast_to(np.zeros(4), (3, 4)))
    with pytest.raises(ValueError, match="zero stride"):
        fastact.relu(x, out=out)
