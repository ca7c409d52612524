"""How ``fastact.NAME`` runs a ufunc: input checks, dtype rules, threads, other arrays.

* Inputs are checked (real numbers only) and never modified.
* float32 stays float32, float16 is computed in float32 and returned as float16,
  everything else (float64, integers, bools) gives float64.
* Objects that implement ``__array_ufunc__`` (Dask, xarray, ...) are handed to the ufunc
  protocol unchanged, so that they stay lazy / keep their labels.
* Large contiguous inputs are split into chunks that run on a thread pool: Numba's ufunc
  loops release the GIL, so the chunks run in parallel with no threading-layer start-up.
  The number of threads follows ``numba.get_num_threads()``.
* The common case (float32/float64, contiguous, one dtype, number parameters) runs a
  compiled loop of our own (:mod:`fastact._generated.loops`) instead of the ufunc: its parameters
  are loop invariants, so the loop vectorizes (a ufunc gets them as stride-0 operands,
  which keeps Numba's loop scalar: swish 18 -> 2.5 ns an element), and a call costs
  ~0.3 us instead of ~1.6.  Everything else goes through the ufunc.
* Floating-point flags raised inside the kernels (NaN compared in a vector lane, an
  intermediate overflow that the kernel resolves) are internal: they are silenced.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .._core.jit import ARTIFACTS, compiled
from .._core.kinds import is_bfloat16, is_cuda_input, is_foreign
from . import ufuncs as _ufuncs

PARALLEL_MIN_SIZE = 1 << 17
"""Inputs with at least this many elements are split across the Python thread pool (where
Numba's threads cannot split them: see :data:`NATIVE_MIN_SIZE`)."""
PARALLEL_MIN_SIZE_MEMORY_BOUND = 1 << 21
"""The same for the memory-bound functions (registry flag): a call on the thread pool costs
~80-100 us here, as much as relu on 2**20 float32 elements on one thread."""
NATIVE_MIN_SIZE = 1 << 15
"""Inputs with at least this many elements are split across Numba's threads (the
``NAME_split`` loops).  A split costs ~5 us there: measured on 2 cores, sigmoid float32
gains from 2**15 elements (15 us against 19 on one thread), float64 from 2**13."""
NATIVE_MIN_SIZE_MEMORY_BOUND = 1 << 17
"""The same for the memory-bound functions: relu float32 gains from about 2**17 elements
(at 2**16: 8.2 us split against 6.5 on one thread; at 2**18: 18.6 against 24.5)."""
_ALIGN = 64

_F16, _F32, _F64 = np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64)


def check_real(a, what: str, fname: str) -> np.ndarray:
    """``np.asarray(a)``, refusing anything that is not real numbers."""
    arr = np.asarray(a)
    if arr.dtype.kind not in "fiub" and not is_bfloat16(arr.dtype):
        raise TypeError(
            f"fastact.{fname}: {what} has dtype {arr.dtype}; expected real numbers "
            "(floating point, integer or bool)"
        )
    return arr


def result_dtypes(arrays) -> tuple[np.dtype, np.dtype]:
    """(compute dtype, result dtype) for the main inputs (x, and grad for a backward).

    float16 alone and bfloat16 alone are computed in float32 and rounded once to
    themselves; any mix of the three gives float32; anything else float64.  Byte order
    does not count (``>f4`` is float32, as for NumPy's ufuncs); the result is native.
    """
    kinds = {a.dtype if a.dtype.isnative else a.dtype.newbyteorder("=") for a in arrays}
    if kinds <= {_F16}:
        return _F32, _F16
    if kinds <= {_F16, _F32}:
        return _F32, _F32
    halves = [k for k in kinds if is_bfloat16(k)]
    if halves and len(halves) == len(kinds):
        return _F32, halves[0]
    if halves and kinds - set(halves) <= {_F16, _F32}:
        return _F32, _F32
    return _F64, _F64


_pool: ThreadPoolExecutor | None = None
_pool_key: tuple[int, int] = (0, 0)
_pool_lock = threading.Lock()


def executor(nthreads: int) -> ThreadPoolExecutor:
    """A pool of ``nthreads - 1`` workers, rebuilt after ``fork`` or a thread-count change."""
    global _pool, _pool_key
    key = (os.getpid(), nthreads)
    with _pool_lock:
        if _pool is None or _pool_key != key:
            if _pool is not None and _pool_key[0] == key[0]:
                _pool.shutdown(wait=False)
            _pool = ThreadPoolExecutor(max_workers=nthreads - 1, thread_name_prefix="fastact")
            _pool_key = key
        return _pool


def num_threads() -> int:
    """The thread count fastact uses: ``numba.get_num_threads()``."""
    import numba

    return numba.get_num_threads()


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


def _shifted_overlap(a: np.ndarray, out: np.ndarray) -> bool:
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
    nthreads = num_threads() if size >= PARALLEL_MIN_SIZE else 1
    operands = inputs if out is None else (*inputs, out)
    if nthreads < 2 or not _splittable(operands, shape):
        return _call(uf, inputs, out, compute)
    if out is None:
        out = np.empty(shape, result)
    else:  # chunks run at once: an input that overlaps out other than in place is read first
        inputs = [a.copy() if _shifted_overlap(a, out) else a for a in inputs]
    flat = [a.reshape(-1) if a.ndim else a for a in inputs]
    oflat = out.reshape(-1)

    def chunk(lo, hi):
        _call(uf, [a[lo:hi] if a.ndim else a for a in flat], oflat[lo:hi], compute)

    _on_threads(chunk, size, nthreads)
    return out


def _on_threads(chunk, size: int, nthreads: int, align: int = _ALIGN) -> None:
    """Run ``chunk(lo, hi)`` over ``[0, size)`` in ``nthreads`` pieces, multiples of ``align``."""
    step = -(-size // nthreads)
    step = -(-step // align) * align
    bounds = [(lo, min(lo + step, size)) for lo in range(0, size, step)]
    pool = executor(nthreads)
    futures = [pool.submit(chunk, *b) for b in bounds[1:]]
    chunk(*bounds[0])
    for f in futures:
        f.result()


def check_out(out, fname: str):
    """Validate ``out=``: ``None``, an ndarray, or a 1-tuple holding one."""
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError(f"fastact.{fname}: out must hold exactly one array")
        out = out[0]
    return check_out_array(out, fname)


def check_out_array(out, fname: str):
    """Validate ``out=`` given as ``None`` or an ndarray of a floating dtype."""
    if out is not None and not isinstance(out, np.ndarray):
        raise TypeError(f"fastact.{fname}: out must be a numpy.ndarray, not {type(out).__name__}")
    if out is not None and out.dtype.kind != "f" and not is_bfloat16(out.dtype):
        raise TypeError(f"fastact.{fname}: out has dtype {out.dtype}; expected floating point")
    return out


_FLOATS = (_F32, _F64)
_artifact = ARTIFACTS.get


def _loop(name: str, backward: bool, dt: np.dtype):
    """The compiled loop of ``name`` for ``dt`` (see :mod:`fastact._tools.generate`).

    Compiled on first use for exactly the types the fast path passes (1-d C-contiguous
    arrays and scalars of ``dt``), with the inlining threshold the ufuncs are built with,
    then cached on disk by Numba.
    """
    def build():
        from .._generated import loops as _loops

        fname = name + ("_backward" if backward else "")
        fn = getattr(_loops, fname, None)
        if fn is None:  # a user activation (fastact.activation)
            from .user_loops import loop

            fn = loop(fname)
        fn.compile(_loop_signature(name, backward, dt))
        return fn

    return compiled((name, backward, dt is _F64), build)  # a loop: (name, backward, f64)


def _loop_signature(name: str, backward: bool, dt: np.dtype) -> tuple:
    """The argument types of a compiled loop: 1-d C arrays of ``dt``, float64 parameters."""
    from numba import types

    from .._spec.registry import lookup

    t = types.float32 if dt == _F32 else types.float64
    return (types.Array(t, 1, "C"),) * (2 + backward) + (types.float64,) * lookup(name).nparams


def _split_loop(name: str, backward: bool, dt: np.dtype):
    """``NAME_split`` of :mod:`fastact._generated.loops` for ``dt`` (compiled on first use), or None.

    None for a user activation (its loop is made at run time: the Python thread pool
    splits it).
    """
    def build():
        from numba import types

        from .._generated import loops as _loops

        fn = getattr(_loops, name + ("_backward" if backward else "") + "_split", None)
        if fn is None:
            return False
        fn.compile(_loop_signature(name, backward, dt) + (types.intp,))
        return fn

    return compiled(("split", name, backward, dt is _F64), build) or None


_native: bool | None = None
"""Whether Numba's threads split large arrays (None: not decided yet in this process)."""


def _native_threads() -> bool:
    """True if Numba's threading layer may run the splits: OpenMP or TBB, not forked.

    The layer is started (as a user's first ``parallel=True`` call would start it, obeying
    ``NUMBA_THREADING_LAYER``) on the first split.  ``workqueue`` is not thread-safe (two
    Python threads calling at once abort), so with it the Python pool keeps splitting.
    """
    global _native
    if _native is None:
        try:
            from numba.np.ufunc import parallel

            parallel._launch_threads()
            _native = parallel._threading_layer in ("omp", "tbb")
        except Exception:  # pragma: no cover - no usable layer: the Python pool
            _native = False
    return _native


def _after_fork_in_child() -> None:
    """After ``fork``, in the child: split on the Python pool if the parent started GNU OpenMP.

    Numba kills a forked child that runs a parallel region of an OpenMP team its parent
    started.  A layer the parent had not started starts afresh in the child.
    """
    global _native
    parallel = sys.modules.get("numba.np.ufunc.parallel")
    if parallel is not None and getattr(parallel, "_is_initialized", False):
        _native = False if parallel._threading_layer == "omp" else _native


os.register_at_fork(after_in_child=_after_fork_in_child)


@functools.cache
def _parallel_min(name: str, native: bool) -> int:
    """The size from which ``name`` is split: on Numba's threads (built-ins) or the pool."""
    from .._spec.registry import REGISTRY, lookup

    mb = lookup(name).memory_bound
    if native and name in REGISTRY:  # a user activation has no NAME_split loop
        return NATIVE_MIN_SIZE_MEMORY_BOUND if mb else NATIVE_MIN_SIZE
    return PARALLEL_MIN_SIZE_MEMORY_BOUND if mb else PARALLEL_MIN_SIZE


def _general(name: str, backward: bool, arrays, params, out, fname: str):
    """:func:`elementwise` outside the common case: CUDA, foreign arrays, dtype rules."""
    everything = (*arrays, *params)
    if any(is_cuda_input(a) for a in arrays):
        from .. import cuda as _cuda

        return _cuda.elementwise(name, backward, arrays, params, out)
    if any(is_foreign(a) for a in everything):
        uf = _ufuncs.get(name, "cpu", backward)
        kw = {} if out is None else {"out": out}
        with np.errstate(all="ignore"):
            return uf(*everything, **kw)
    what = ("grad", "x") if backward else ("x",)
    arrs = [check_real(a, w, fname) for a, w in zip(arrays, what)]
    prms = [check_real(p, "a parameter", fname) for p in params]
    compute, result = result_dtypes(arrs)
    out = check_out(out, fname)
    uf = _ufuncs.get(name, "cpu", backward)
    r = run_ufunc(uf, (*arrs, *prms), out, compute, result)
    return r[()] if out is None and isinstance(r, np.ndarray) and not r.ndim else r


def elementwise(name: str, backward: bool, arrays, params, out, fname: str):
    """Run the elementwise function ``name`` (or its backward) as ``fastact.NAME`` does.

    The common case runs here, through a compiled loop (everything else in
    :func:`_general`): float32/float64 ndarrays of one dtype and shape, C-contiguous,
    aligned and writeable (``flags.carray``), Python-number parameters, ``out`` absent or
    of the same kind and not partly overlapping an input.  The loops cast the parameters
    to the dtype first, as the ufunc's loop of that dtype does.  Large inputs are split
    across the thread pool.  Written for few Python operations, no further Python call and
    no closure (whose cells every call would pay for): this is the per-call cost.
    """
    x = arrays[-1]
    if type(x) is not np.ndarray or not x.flags.carray:
        return _general(name, backward, arrays, params, out, fname)
    dt = x.dtype
    if dt is not _F64 and dt is not _F32:
        return _general(name, backward, arrays, params, out, fname)
    if backward:
        g = arrays[0]
        if type(g) is not np.ndarray or g.dtype is not dt or g.shape != x.shape or not g.flags.carray:
            return _general(name, backward, arrays, params, out, fname)
    if params:
        floats = True
        for p in params:
            if type(p) is not float:
                if type(p) is not int:
                    return _general(name, backward, arrays, params, out, fname)
                floats = False
        if not floats:
            params = [float(p) for p in params]
    scalar = out is None and not x.ndim  # NumPy's rule: 0-d in, no out: a scalar out
    if out is None:
        out = np.empty(x.shape, dt)
    elif (type(out) is not np.ndarray or out.dtype is not dt or out.shape != x.shape
          or not out.flags.carray):
        return _general(name, backward, arrays, params, out, fname)
    else:
        for a in arrays:  # in place is fine, a shifted overlap is not (NumPy copies)
            if a is not out and _shifted_overlap(a, out):
                return _general(name, backward, arrays, params, out, fname)
    loop = _artifact((name, backward, dt is _F64)) or _loop(name, backward, dt)
    n = x.size
    if x.ndim != 1:
        arrays = [a.reshape(-1) for a in arrays]
        flat_out = out.reshape(-1)
    else:
        flat_out = out
    if n >= NATIVE_MIN_SIZE and (nthreads := num_threads()) > 1:
        native = _native if _native is not None else _native_threads()
        if n >= _parallel_min(name, native):
            split = _artifact(("split", name, backward, dt is _F64)) if native else None
            if split is None and native:
                split = _split_loop(name, backward, dt)
            if split:
                split(*arrays, flat_out, *params, nthreads)
            else:
                _split(loop, (*arrays, flat_out), params, n, nthreads)
            return out
    if backward:
        loop(arrays[0], arrays[1], flat_out, *params)
    else:
        loop(arrays[0], flat_out, *params)
    return out[()] if scalar else out


def _split(loop, arrays, params, n: int, nthreads: int) -> None:
    """Run ``loop`` over slices of the 1-d ``arrays`` (the last one written) on threads."""
    def chunk(lo, hi):
        loop(*[a[lo:hi] for a in arrays], *params)

    _on_threads(chunk, n, nthreads)
