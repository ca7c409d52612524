"""How ``fastact.NAME`` runs a ufunc: input checks, dtype rules, threads, other arrays.

* Inputs are checked (real numbers only) and never modified.
* float32 stays float32, float16 is computed in float32 and returned as float16,
  everything else (float64, integers, bools) gives float64.
* Objects that implement ``__array_ufunc__`` (Dask, xarray, ...) are handed to the ufunc
  protocol unchanged, so that they stay lazy / keep their labels.
* Large contiguous inputs are split into chunks that run on a thread pool: Numba's ufunc
  loops release the GIL, so the chunks run in parallel with no threading-layer start-up.
  The number of threads follows ``numba.get_num_threads()``.
* A scalar parameter (``alpha``, ``beta``, ...) reaches a ufunc as a stride-0 input, which
  takes Numba's loop off its unit-stride path and so off SIMD (swish 18 -> 2.5 ns an
  element): large inputs run block by block with the parameter repeated in a small
  contiguous array.
* Floating-point flags raised inside the kernels (NaN compared in a vector lane, an
  intermediate overflow that the kernel resolves) are internal: they are silenced.
"""

from __future__ import annotations

import functools
import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from . import _ufuncs

PARALLEL_MIN_SIZE = 1 << 17
"""Inputs with at least this many elements are split across threads."""
BLOCK = 1 << 14
"""Scalar parameters are expanded into contiguous blocks of this many elements."""
BLOCK_MIN_SIZE = 512
"""Inputs with at least this many elements and a scalar parameter run block by block."""
BLOCK_MIN_SIZE_CHEAP = 1 << 14
"""The same for the memory-bound functions, whose stride-0 loops are fast: below this
size the Python cost of blocking (~2 us) exceeds what it saves."""
_ALIGN = 64

_F16, _F32, _F64 = np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64)


def check_real(a, what: str, fname: str) -> np.ndarray:
    """``np.asarray(a)``, refusing anything that is not real numbers."""
    arr = np.asarray(a)
    if arr.dtype.kind not in "fiub":
        raise TypeError(
            f"fastact.{fname}: {what} has dtype {arr.dtype}; expected real numbers "
            "(floating point, integer or bool)"
        )
    return arr


def result_dtypes(arrays) -> tuple[np.dtype, np.dtype]:
    """(compute dtype, result dtype) for the main inputs (x, and grad for a backward)."""
    kinds = {a.dtype for a in arrays}
    if kinds <= {_F16}:
        return _F32, _F16
    if kinds <= {_F16, _F32}:
        return _F32, _F32
    return _F64, _F64


def is_cuda_input(obj) -> bool:
    """True for CUDA arrays (``__cuda_array_interface__``) and the CUDA simulator's arrays."""
    return hasattr(obj, "__cuda_array_interface__") or type(obj).__module__.startswith(
        "numba.cuda.simulator")


def is_foreign(obj) -> bool:
    """True for array objects of other libraries that implement ``__array_ufunc__``."""
    if isinstance(obj, (np.ndarray, np.generic, int, float, bool, list, tuple)):
        return False
    return getattr(obj, "__array_ufunc__", None) is not None


_pool: ThreadPoolExecutor | None = None
_pool_key: tuple[int, int] = (0, 0)
_pool_lock = threading.Lock()


def _executor(nthreads: int) -> ThreadPoolExecutor:
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


_BLOCKS: dict[tuple, np.ndarray] = {}
_MAX_BLOCKS = 32


def _param_block(value, dtype) -> np.ndarray:
    """A read-only block of ``BLOCK`` copies of ``value``, cached for the recent values."""
    # by value and sign: 0.0 and -0.0 are different parameters (NaN is never found again)
    key = (dtype.num, value, math.copysign(1.0, value))
    block = _BLOCKS.get(key)
    if block is None:
        block = np.full(BLOCK, value, dtype)
        block.flags.writeable = False
        if len(_BLOCKS) >= _MAX_BLOCKS:
            _BLOCKS.clear()
        _BLOCKS[key] = block
    return block


def _call_blocked(uf, args, out, dtype):
    """``uf(*args, out=out)`` on 1-D slices, the 0-d arguments repeated in contiguous blocks."""
    n = out.shape[0]
    full = [None if isinstance(a, np.ndarray) and a.ndim else _param_block(float(a), dtype)
            for a in args]
    for lo in range(0, n, BLOCK):
        hi = min(lo + BLOCK, n)
        _call(uf, [a[lo:hi] if f is None else f[: hi - lo] for a, f in zip(args, full)],
              out[lo:hi], dtype)


def run_ufunc(uf, inputs, out, compute, result, block_min: int = BLOCK_MIN_SIZE):
    """Call ``uf`` on prepared ndarrays, splitting large contiguous work across threads."""
    shape = np.broadcast_shapes(*(a.shape for a in inputs))
    size = int(np.prod(shape)) if shape else 1
    if out is None and result != compute:
        out = np.empty(shape, result)
    nthreads = num_threads() if size >= PARALLEL_MIN_SIZE else 1
    blocked = size >= block_min and any(a.ndim == 0 for a in inputs)
    operands = inputs if out is None else (*inputs, out)
    if (nthreads < 2 and not blocked) or not _splittable(operands, shape):
        return _call(uf, inputs, out, compute)
    if out is None:
        out = np.empty(shape, result)
    flat = [a.reshape(-1) if a.ndim else a for a in inputs]
    oflat = out.reshape(-1)
    step = -(-size // nthreads)
    step = -(-step // _ALIGN) * _ALIGN
    bounds = [(lo, min(lo + step, size)) for lo in range(0, size, step)]
    run = _call_blocked if blocked else _call

    def chunk(lo_hi):
        lo, hi = lo_hi
        args = [a[lo:hi] if a.ndim else a for a in flat]
        run(uf, args, oflat[lo:hi], compute)

    if len(bounds) == 1:
        chunk(bounds[0])
        return out
    pool = _executor(nthreads)
    futures = [pool.submit(chunk, b) for b in bounds[1:]]
    chunk(bounds[0])
    for f in futures:
        f.result()
    return out


def check_out(out, fname: str):
    """Validate ``out=``: ``None``, an ndarray, or a 1-tuple holding one."""
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError(f"fastact.{fname}: out must hold exactly one array")
        out = out[0]
    if out is not None and not isinstance(out, np.ndarray):
        raise TypeError(f"fastact.{fname}: out must be a numpy.ndarray, not {type(out).__name__}")
    if out is not None and out.dtype.kind != "f":
        raise TypeError(f"fastact.{fname}: out has dtype {out.dtype}; expected floating point")
    return out


_FLOATS = (_F32, _F64)
_CPU: dict[tuple[str, bool], np.ufunc] = {}


@functools.cache
def _block_min(name: str) -> int:
    from ._registry import REGISTRY

    return BLOCK_MIN_SIZE_CHEAP if REGISTRY[name].memory_bound else BLOCK_MIN_SIZE


def _fast(name, backward, arrays, params, out):
    """Run the common case in few instructions, or return None where it does not apply.

    The common case: float32/float64 ndarrays of one dtype, Python-number parameters,
    fewer elements than the threaded path starts at, and no parameter unless the input is
    small (a parameter makes larger inputs run block by block, see :func:`run_ufunc`).
    """
    x = arrays[-1]
    if type(x) is not np.ndarray or x.size >= PARALLEL_MIN_SIZE:
        return None
    dt = x.dtype
    if dt not in _FLOATS:
        return None
    for a in arrays:
        if type(a) is not np.ndarray or a.dtype != dt:
            return None
    for p in params:
        if type(p) is not float and type(p) is not int:
            return None
    if out is not None and (type(out) is not np.ndarray or out.dtype.kind != "f"):
        return None
    uf = _CPU.get((name, backward))
    if uf is None:
        uf = _CPU[(name, backward)] = _ufuncs.get(name, "cpu", backward)
    if not params or x.size < _block_min(name):
        return _call(uf, (*arrays, *params), out, dt)
    shape = x.shape
    for a in arrays:
        if a.shape != shape or not a.flags.c_contiguous:
            return None
    if out is None:
        out = np.empty(shape, dt)
    elif out.shape != shape or not out.flags.c_contiguous:
        return None
    n = x.size
    if n <= BLOCK and x.ndim == 1:  # one call, no reshaping
        blocks = [_param_block(float(p), dt)[:n] for p in params]
        return _call(uf, (*arrays, *blocks), out, dt)
    _call_blocked(uf, [*(a.reshape(-1) for a in arrays), *params], out.reshape(-1), dt)
    return out


def elementwise(name: str, backward: bool, arrays, params, out, fname: str):
    """Run the elementwise function ``name`` (or its backward) as ``fastact.NAME`` does."""
    r = _fast(name, backward, arrays, params, out)
    if r is not None:
        return r
    everything = (*arrays, *params)
    if any(is_cuda_input(a) for a in arrays):
        from . import cuda as _cuda

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
    return run_ufunc(uf, (*arrs, *prms), out, compute, result, _block_min(name))
