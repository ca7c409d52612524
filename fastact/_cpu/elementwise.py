"""Elementwise functions on NumPy arrays: the fast path, and the ufunc path for the rest.

* :func:`call`: the common case (float32/float64, C-contiguous, one dtype and shape,
  Python-number parameters) runs a compiled loop of our own (:mod:`fastact._cpu.loops`)
  instead of the ufunc: its parameters are loop invariants, so the loop vectorizes (a
  ufunc gets them as stride-0 operands, which keeps Numba's loop scalar: swish 18 -> 2.5
  ns an element), and a call on a 1-element float64 array costs ~0.9 us against ~9 through
  :func:`on_ndarrays` (Intel Xeon, AVX-512, numba 0.68.1).  The loop is called through its
  compiled entry point (:func:`fastact._cpu.loops.entry`: no dispatch on the argument
  types, ~0.1 us), and ``out`` is searched for an overlap only where an operand does not
  own its data (``np.may_share_memory``, ~0.28 us an operand): ``relu(x, out=o)`` on 16
  float32 elements 1.30 -> 0.90 us, ``relu_backward(g, x, out=o)`` 1.82 -> 1.19 us.
  Anything else is handed to
  the caller's ``otherwise`` (the router, :func:`fastact._api.route.elementwise`).
* :func:`on_ndarrays`: NumPy arrays and anything ``np.asarray`` takes, through the
  ufunc (:mod:`fastact._cpu.ufuncs`): inputs checked (real numbers only) and never
  modified, the dtype policy of :mod:`fastact._core.dtypes`, broadcasting, any ``out``.
* Large inputs are split across threads (the thresholds of :mod:`fastact._core.threads`).
* Floating-point flags raised inside the kernels (NaN compared in a vector lane, an
  intermediate overflow that the kernel resolves) are internal: they are silenced.
"""

from __future__ import annotations

import numpy as np

from .._core import threads
from .._core.dtypes import (
    FLOAT32,
    FLOAT64,
    check_out,
    check_real,
    result_dtypes,
    scalar_if_0d,
)
from .._core.jit import ARTIFACTS
from .._spec.registry import builtin, lookup
from . import loops, ufuncs

try:  # NumPy >= 2 keeps the error state in a context variable: set it for ~0.1 us
    from numpy._core._multiarray_umath import _extobj_contextvar, _make_extobj

    _IGNORE = _make_extobj(all="ignore")

    def _call(uf, args, out, dtype):
        token = _extobj_contextvar.set(_IGNORE)
        try:
            return uf(*args, out=out, dtype=dtype)
        finally:
            _extobj_contextvar.reset(token)

except ImportError:  # pragma: no cover - older NumPy: the public (slower) context manager

    def _call(uf, args, out, dtype):
        with np.errstate(all="ignore"):
            return uf(*args, out=out, dtype=dtype)


def _splittable(arrays, shape) -> bool:
    for a in arrays:
        if a.ndim and (a.shape != shape or not a.flags.c_contiguous):
            return False
    return True


def shifted_overlap(a: np.ndarray, out: np.ndarray) -> bool:
    """True if ``a`` shares memory with ``out`` other than as the very same elements."""
    if not np.may_share_memory(a, out):
        return False
    same = (a.__array_interface__["data"][0] == out.__array_interface__["data"][0]
            and a.strides == out.strides and a.shape == out.shape)
    return not same


def run_ufunc(uf, inputs, out, compute, result):
    """Call ``uf`` on prepared ndarrays, splitting large contiguous work across threads."""
    shape = np.broadcast_shapes(*(a.shape for a in inputs))
    size = int(np.prod(shape)) if shape else 1
    if out is not None and result != compute and out.dtype != result:
        # float16 computed in float32: round to the result dtype first, then cast into out
        # (as a NumPy ufunc's float16 loop would), whatever out's dtype
        np.copyto(out, run_ufunc(uf, inputs, None, compute, result), casting="same_kind")
        return out
    if out is None and result != compute:
        out = np.empty(shape, result)
    nthreads = threads.num_threads() if size >= threads.PARALLEL_MIN_SIZE else 1
    operands = inputs if out is None else (*inputs, out)
    if nthreads < 2 or not _splittable(operands, shape):
        return _call(uf, inputs, out, compute)
    if out is None:
        out = np.empty(shape, result)
    else:  # chunks run at once: an input that overlaps out other than in place is read first
        inputs = [a.copy() if shifted_overlap(a, out) else a for a in inputs]
    flat = [a.reshape(-1) if a.ndim else a for a in inputs]
    oflat = out.reshape(-1)

    def chunk(lo, hi):
        _call(uf, [a[lo:hi] if a.ndim else a for a in flat], oflat[lo:hi], compute)

    threads.on_threads(chunk, size, nthreads)
    return out


def on_ndarrays(name: str, backward: bool, arrays, params, out, fname: str):
    """``fastact.NAME`` on anything ``np.asarray`` takes, through the ufunc.

    Inputs are checked (real numbers only), the dtypes follow :mod:`fastact._core.dtypes`
    and a 0-d result without ``out`` is a NumPy scalar.
    """
    what = ("grad", "x") if backward else ("x",)
    arrs = [check_real(a, w, fname) for a, w in zip(arrays, what)]
    prms = [check_real(p, "a parameter", fname) for p in params]
    compute, result = result_dtypes(arrs, arrays)
    out = check_out(out, fname)
    if compute == result and all(p.ndim == 0 for p in prms):
        r = _through_loop(name, backward, arrs, prms, out, compute, fname)
        if r is not None:
            return r
    uf = ufuncs.get(name, "cpu", backward)
    r = run_ufunc(uf, (*arrs, *prms), out, compute, result)
    return scalar_if_0d(r) if out is None else r


def _through_loop(name: str, backward: bool, arrs, prms, out, compute, fname: str):
    """The compiled loop of :func:`call` on ``arrs`` made contiguous, or None (the ufunc's turn).

    What the loop cannot take as it is - a strided or broadcast operand, another dtype or
    byte order, a NumPy scalar parameter - the ufunc's loop stepped one element at a time
    (zero or odd strides: no SIMD).  Here every operand is broadcast to the result's shape
    and copied into a C array of the compute dtype where it is not one (one pass at memory
    speed each), an F-ordered one walked in its own order (the result is F-ordered, as the
    ufunc's would be), the 0-d parameters passed as Python floats (the loop casts them to
    the dtype, as the ufunc's loop does).  2**20 float32 elements: ``elu(x,
    alpha=np.float32(1))`` 1.7 -> 0.21 ms, ``gelu_backward(np.float32(1), x)`` 5.9 -> 0.69
    ms, ``gelu(x[:, ::2])`` 5.4 -> 0.45 ms; faster from 8 elements on (the ufunc's call
    costs more than the copies).  0-d and empty results stay with the ufunc.
    """
    shape = np.broadcast_shapes(*(a.shape for a in arrs))
    if not shape or 0 in shape or (out is not None and (type(out) is not np.ndarray
                                                        or out.shape != shape)):
        return None
    fortran = all(a.flags.f_contiguous and not a.flags.c_contiguous and a.shape == shape
                  for a in arrs)
    if fortran:
        arrs, shape = [a.T for a in arrs], shape[::-1]
    # (C, aligned and writeable: call's flags.carray; a read-only input is copied too; the
    # dtype the very object call compares with: an equal one, made by newbyteorder, viewed)
    flat = [np.require(a if a.shape == shape else np.broadcast_to(a, shape), compute,
                       ["C", "A", "W"]).view(compute) for a in arrs]
    direct = None if out is None else (out.T if fortran else out)
    if direct is not None and (direct.dtype != compute or not direct.flags.carray
                               or any(shifted_overlap(a, direct) for a in flat)):
        direct = None
    elif direct is not None:
        direct = direct.view(compute)
    dst = np.empty(shape, compute) if direct is None else direct
    call(name, backward, flat, [float(p) for p in prms], dst, fname, _refuse)
    res = dst.T if fortran else dst
    if out is None:
        return res
    if res is not out and dst is not direct:
        np.copyto(out, res, casting="same_kind")
    return out


def _refuse(name, backward, arrays, params, out, fname):
    raise AssertionError(f"fastact.{fname}: prepared operands did not take the compiled loop")


def by_protocol(name: str, backward: bool, operands, out):
    """The ufunc of ``name`` called on objects with ``__array_ufunc__`` (Dask, xarray, ...).

    They get it unchanged, so that they stay lazy and keep their labels.
    """
    uf = ufuncs.get(name, "cpu", backward)
    kw = {} if out is None else {"out": out}
    with np.errstate(all="ignore"):
        return uf(*operands, **kw)


def split_at(name: str, native: bool) -> int:
    """The size from which ``name`` is split: on Numba's threads (built-ins) or the pool."""
    return threads.split_threshold(lookup(name).memory_bound, native and builtin(name))


def split_on_pool(loop, arrays, params, n: int, nthreads: int) -> None:
    """Run ``loop`` over slices of the 1-d ``arrays`` (the last one written) on the pool."""
    def chunk(lo, hi):
        loop(*[a[lo:hi] for a in arrays], *params)

    threads.on_threads(chunk, n, nthreads)


_artifact = ARTIFACTS.get
_NATIVE_MIN = threads.NATIVE_MIN_SIZE
_CHUNKED_MIN = threads.CHUNKED_MIN_SIZE
_STREAM_MIN = 1 << 16  # (below, no cache is that small: no need to ask threads.streams)


def chunked(name: str, backward: bool) -> bool:
    """Whether ``name``'s split loop hands its loop chunks (a loop with a block fast path).

    On one thread too, a large call goes through it: an element failing the block test
    then makes the loop read its chunk again from the cache, not the whole input from
    memory (2**25 float32, one NaN: sigmoid 13.6 -> 9.9 ms, as without the NaN).
    """
    return lookup(name).fast(backward) is not None


_PLANS: dict[tuple[str, bool], tuple[bool, int, int, bool]] = {}
_SMALL = (False, 0, 0, False)  # (a call below _NATIVE_MIN and _STREAM_MIN: never asked)


def plan(name: str, backward: bool) -> tuple[bool, int, int, bool]:
    """What :func:`call` asks of the registry and the thresholds for ``name``, asked once.

    ``(may stream, split from on Numba's threads, split from on the pool, chunked)``:
    :func:`threads.streams` is asked only for a memory-bound forward, then
    :func:`split_at` and :func:`chunked`.  A name's answers never change (the built-ins
    are fixed; a user activation, defined again or not, is never memory-bound, has no
    fast path and splits on the pool), so they are kept by name: every call from 2**15
    elements asked them, about 0.35 us (``lookup`` 0.10, ``split_at`` 0.26, timeit) of
    relu's 10 on 2**17 float32 elements on 2 threads.
    """
    found = _PLANS.get((name, backward))
    if found is None:
        found = _PLANS[(name, backward)] = (
            lookup(name).memory_bound and not backward, split_at(name, True),
            split_at(name, False), chunked(name, backward))
    return found


def call(name: str, backward: bool, arrays, params, out, fname: str, otherwise):
    """Run the elementwise function ``name`` (or its backward) as ``fastact.NAME`` does.

    The common case runs here, through a compiled loop: float32/float64 ndarrays of one
    dtype and shape, C-contiguous, aligned and writeable (``flags.carray``), Python-number
    parameters, ``out`` absent or of the same kind and not partly overlapping an input.
    The loops cast the parameters to the dtype first, as the ufunc's loop of that dtype
    does (:mod:`fastact._core.templates`).  Large inputs are split across threads.
    Anything else: ``otherwise(name, backward, arrays, params, out, fname)``.  Written for
    few Python operations, no further Python call and no closure (whose cells every call
    would pay for): this is the per-call cost.
    """
    x = arrays[-1]
    if type(x) is not np.ndarray:
        return otherwise(name, backward, arrays, params, out, fname)
    xflags = gflags = x.flags
    if not xflags.carray:
        return otherwise(name, backward, arrays, params, out, fname)
    dt = x.dtype
    if dt is not FLOAT64 and dt is not FLOAT32:
        return otherwise(name, backward, arrays, params, out, fname)
    if backward:
        g = arrays[0]
        if type(g) is not np.ndarray or g.dtype is not dt or g.shape != x.shape:
            return otherwise(name, backward, arrays, params, out, fname)
        gflags = g.flags
        if not gflags.carray:
            return otherwise(name, backward, arrays, params, out, fname)
    if params:
        floats = True
        for p in params:
            if type(p) is not float:
                if type(p) is not int:
                    return otherwise(name, backward, arrays, params, out, fname)
                floats = False
        if not floats:
            params = [float(p) for p in params]
    scalar = out is None and not x.ndim  # NumPy's rule: 0-d in, no out: a scalar out
    fresh = out is None
    if fresh:
        out = np.empty(x.shape, dt)
    elif type(out) is not np.ndarray or out.dtype is not dt or out.shape != x.shape:
        return otherwise(name, backward, arrays, params, out, fname)
    else:
        oflags = out.flags
        if not oflags.carray:
            return otherwise(name, backward, arrays, params, out, fname)
        # (arrays that own their data are apart or the very same: no overlap to look for)
        if not (oflags.owndata and xflags.owndata and gflags.owndata):
            for a in arrays:  # in place is fine, a shifted overlap is not (NumPy copies)
                if a is not out and shifted_overlap(a, out):
                    return otherwise(name, backward, arrays, params, out, fname)
    n = x.size
    may_stream, native_min, pool_min, chunks = (  # (below both minimums, none counts)
        _SMALL if n < _NATIVE_MIN and n < _STREAM_MIN
        else _PLANS.get((name, backward)) or plan(name, backward))
    stream = (may_stream and n >= _STREAM_MIN
              and threads.streams(n * dt.itemsize * (len(arrays) + 1), True, False, fresh))
    loop = stream and loops.stream_loop(name, backward, dt)
    if not loop:  # (a second or third derivative, a user activation: no streaming loop)
        stream = False
        loop = (_artifact(("entry", False, name, backward, dt is FLOAT64))
                or loops.entry(name, backward, dt))
    if x.ndim != 1:
        arrays = [a.reshape(-1) for a in arrays]
        flat_out = out.reshape(-1)
    else:
        flat_out = out
    if n >= _NATIVE_MIN and (nthreads := threads.num_threads()) > 1:
        native = threads.native_threads()
        if n >= (native_min if native else pool_min):
            if not native:
                split = None
            elif stream:
                split = (_artifact(("split", name, backward, dt is FLOAT64, True))
                         or loops.split_loop(name, backward, dt, True))
            else:
                split = (_artifact(("entry", True, name, backward, dt is FLOAT64))
                         or loops.entry(name, backward, dt, split=True))
            if split:
                split(*arrays, flat_out, *params, nthreads)
            else:
                split_on_pool(loop, (*arrays, flat_out), params, n, nthreads)
            return out
    elif n >= _CHUNKED_MIN and not stream and chunks and threads.native_threads():
        split = (_artifact(("entry", True, name, backward, dt is FLOAT64))
                 or loops.entry(name, backward, dt, split=True))
        if split:  # (one thread: the split loop hands the loop a chunk at a time)
            split(*arrays, flat_out, *params, 1)
            return out
    if backward:
        loop(arrays[0], arrays[1], flat_out, *params)
    else:
        loop(arrays[0], flat_out, *params)
    return scalar_if_0d(out) if scalar else out


def prelu_backward_one_pass(grad, x, weight, out):
    """``(grad_x, the weight's gradient)`` of prelu in one pass, or None if not the common case.

    The common case of :func:`call` (float32/float64 ndarrays of one dtype and shape,
    ``flags.carray``, ``out`` absent or alike and not a shifted overlap) with a Python
    number for ``weight``: :func:`fastact.kernels.piecewise.prelu_backward_one_pass` reads
    ``grad`` and ``x`` once for both results (split across threads as :func:`call` splits
    prelu's loop, the slices' sums added in order; compiled by
    :func:`fastact._cpu.loops.prelu_backward_one_pass`).  The weight's gradient is a float64.
    """
    if type(x) is not np.ndarray or type(grad) is not np.ndarray or type(weight) not in (float, int):
        return None
    dt = x.dtype
    if ((dt is not FLOAT64 and dt is not FLOAT32) or grad.dtype is not dt
            or grad.shape != x.shape or not x.flags.carray or not grad.flags.carray):
        return None
    scalar = out is None and not x.ndim  # NumPy's rule: 0-d in, no out: a scalar out
    if out is None:
        out = np.empty(x.shape, dt)
    elif (type(out) is not np.ndarray or out.dtype is not dt or out.shape != x.shape
          or not out.flags.carray or shifted_overlap(grad, out) or shifted_overlap(x, out)):
        return None
    flat = (grad.reshape(-1), x.reshape(-1), out.reshape(-1), float(weight))
    n = x.size
    if (n >= _NATIVE_MIN and (nthreads := threads.num_threads()) > 1
            and threads.native_threads() and n >= split_at("prelu", True)):
        return out, loops.prelu_backward_one_pass(dt, True)(*flat, nthreads)
    s = loops.prelu_backward_one_pass(dt)(*flat)
    return (scalar_if_0d(out) if scalar else out), s
