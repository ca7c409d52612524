"""The CUDA target: every activation on the GPU, from the same scalar kernels as the CPU.

* ``fastact.NAME(x)`` with a CUDA array ``x`` comes here.  Elementwise functions launch a
  grid-stride kernel of :mod:`fastact._generated.cuda_kernels` (generated from the registry,
  compiled once and cached on disk), with scalar parameters as kernel arguments and a
  fixed launch configuration (256 threads, at most 32 blocks per multiprocessor).  The
  result is allocated by ``x``'s own library (CuPy in, CuPy out; PyTorch in, PyTorch out;
  a numba device array otherwise) on ``x``'s device, and the kernel runs on that library's
  current stream (``stream=`` overrides), with no host synchronization
  (:mod:`fastact._cuda.arrays`).
* ``fastact.cuda.softmax`` and the rest of the axis family: ``@cuda.jit`` kernels, one
  block per row, block reductions in shared memory, the same max-subtraction and
  special-row rules as the CPU, sums in float64; the same device, stream and allocation
  rules.
* ``fastact.cuda.NAME`` / ``fastact.cuda.NAME_backward``: CUDA ufuncs
  (``@vectorize(target='cuda')``) for Numba users, float32 and float64; they take numba
  device arrays, anything with ``__cuda_array_interface__`` or host arrays, and
  ``out=`` / ``stream=`` as Numba's CUDA ufuncs do.

Every kernel computes what the CPU computes, up to FMA contraction: no libdevice function
with an error bound of its own is called (tests/test_cuda_compile.py,
tests/test_gpu_numerics.py).  Importing this module imports ``numba.cuda``
(``pip install 'fastact[cuda]'``); ``import fastact`` never does.  Under
``NUMBA_ENABLE_CUDASIM=1`` every ``@cuda.jit`` kernel runs on the CPU simulator; the
simulator cannot build CUDA ufuncs.
"""

from __future__ import annotations

import contextlib
import functools
import math

import numpy as np

from ._api.targets import make_getattr
from ._core.jit import compiled
from ._core.kinds import is_cuda_input as _is_cuda_input
from ._cpu.ufuncs import signatures
from ._cuda import arrays as _arrays
from ._spec import catalogue as _catalogue  # noqa: F401  (fills the registry)
from ._spec.registry import REGISTRY, known, lookup
from .kernels._scalar import exp as _exp
from .kernels._scalar import exp_native as _exp_native
from .kernels._scalar import is_float32 as _is_float32
from .kernels._scalar import log1p_pos as _log1p_pos
from .kernels._scalar import sigmoid_pair as _sigmoid_pair

try:
    from numba import cuda
    from numba import float64 as _f64
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "fastact's CUDA target needs numba-cuda: pip install 'fastact[cuda]'"
    ) from exc

from numba import config as _config

SIMULATED = bool(_config.ENABLE_CUDASIM)
TPB = 8 if SIMULATED else 256
"""Threads per block of the row kernels (small under the simulator: a thread each)."""


def _require_device():
    if not cuda.is_available():
        raise RuntimeError(
            "fastact: no CUDA GPU is available (numba.cuda.is_available() is False); "
            "check the driver, or set NUMBA_ENABLE_CUDASIM=1 to use the simulator"
        )


# --- elementwise ------------------------------------------------------------------------

def ufunc(name: str, backward: bool = False):
    """The CUDA ufunc of ``name`` (its backward if ``backward``)."""
    return compiled(("cuda ufunc", name, backward), lambda: _build_ufunc(name, backward))


def _build_ufunc(name: str, backward: bool):
    from numba import vectorize

    if not known(name):
        raise AttributeError(f"fastact.cuda has no elementwise function {name!r}")
    if SIMULATED:
        raise RuntimeError(
            "the CUDA simulator cannot build CUDA ufuncs (numba-cuda: 'FakeOverload' object "
            "has no attribute 'signature'); use launched_kernel() or a real GPU"
        )
    e = lookup(name)
    k = e.backward if backward else e.forward
    nargs = 1 + e.nparams + (1 if backward else 0)
    return vectorize(signatures(nargs), target="cuda")(k.py_func)


__getattr__ = make_getattr("cuda", ufunc)[0]


def launched_kernel(name: str, backward: bool = False, param_arrays: bool = False):
    """The grid-stride kernel that ``fastact.NAME(cuda_array)`` launches (``_cuda_kernels``).

    ``k[blocks, threads, stream](out, *inputs, *params)`` over 1-d arrays; the parameters
    are scalars of the arrays' dtype, or arrays of ``out``'s length if ``param_arrays``.
    """
    from ._generated import cuda_kernels as _cuda_kernels

    if not known(name):
        raise AttributeError(f"fastact.cuda has no elementwise function {name!r}")
    kname = name + ("_backward" if backward else "")
    if param_arrays and lookup(name).nparams:
        kname += "_p"
    if name not in REGISTRY:  # a user activation (fastact.activation)
        from ._cpu.user_loops import cuda_kernel

        return cuda_kernel(kname)
    return getattr(_cuda_kernels, kname)


def is_cuda_array(obj) -> bool:
    """True for numba device arrays, CuPy arrays, PyTorch CUDA tensors, ..."""
    return _is_cuda_input(obj)


def _host_view(obj):
    """Under the simulator: a ``__cuda_array_interface__`` object as a simulator array.

    The simulator's device memory is host memory, so the interface's pointer is a host
    pointer (the tests' stand-ins for CuPy and PyTorch arrays wrap NumPy memory).
    """
    from numba.cuda.simulator.cudadrv.devicearray import FakeCUDAArray

    cai = dict(obj.__cuda_array_interface__)

    class _Interface:
        __array_interface__ = {"shape": tuple(cai["shape"]), "typestr": cai["typestr"],
                               "data": cai["data"], "strides": cai.get("strides"),
                               "version": 3}

    return FakeCUDAArray(np.asarray(_Interface()))


def _as_device(obj):
    """``obj`` as a numba device array: no copy, and no host synchronization.

    ``sync=False``: numba would otherwise wait for the stream named in the array
    interface at every call; fastact launches on the array's library's current stream
    instead, which orders the work as that library's own operations would.
    """
    if not hasattr(obj, "__cuda_array_interface__"):
        return obj  # the simulator's own device arrays
    if SIMULATED:
        return _host_view(obj)
    if cuda.devicearray.is_cuda_ndarray(obj):
        return obj
    return cuda.as_cuda_array(obj, sync=False)


def _launch_stream(template, stream):
    """The stream to launch on: ``stream`` if given, else ``template``'s library's current one."""
    if stream is not None:
        return stream
    handle = _arrays.current_stream(template)
    if not handle or SIMULATED:  # 0: the legacy default stream; the simulator has one stream
        return 0
    return cuda.external_stream(handle)


def _empty(template, shape, dtype, order, stream):
    """``(result, device view)``: a new array of ``template``'s kind (see :mod:`._cuda_arrays`)."""
    obj = _arrays.empty_like_kind(template, tuple(shape), dtype, order)
    if obj is None:
        dev = cuda.device_array(tuple(shape), dtype=dtype, order=order, stream=stream)
        return dev, dev
    return obj, _as_device(obj)


@functools.cache
def _max_blocks(device_key) -> int:
    """Blocks of a grid-stride launch: 32 per multiprocessor fill the device."""
    if SIMULATED:
        return 3  # few simulated threads, and every thread strides more than once
    return 32 * int(cuda.get_current_device().MULTIPROCESSOR_COUNT)


def _launch(kernel, n, stream, template, *args):
    """``kernel[blocks, TPB, stream](*args)`` over ``n`` elements, a fixed configuration."""
    if n:
        blocks = min(-(-n // TPB), _max_blocks(_arrays.device_id(template)))
        kernel[blocks, TPB, stream](*args)


def _float_dtype(dt, fname):
    dt = np.dtype(dt)
    if dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise TypeError(f"fastact.{fname}: CUDA inputs must be float32 or float64, not {dt}")
    return dt


def _flat(dev):
    """The memory of a C- or F-contiguous device array as a 1-d contiguous view."""
    return _strided(dev, (max(dev.size, 0),), (dev.dtype.itemsize,))


def elementwise(name, backward, arrays, params, out=None, stream=None):
    """``fastact.NAME`` / ``NAME_backward`` on CUDA arrays; returns the input's array kind.

    Every array operand (``grad``, ``x``, ``out``, parameter arrays) must have ``x``'s
    shape and dtype and be contiguous in ``x``'s memory order; the kernel then runs over
    their memory as 1-d arrays (0-d, C and F order alike).  Scalar parameters are kernel
    arguments of ``x``'s dtype (rounded as a ufunc casts them); host parameter arrays are
    broadcast and copied in ``x``'s order.  Runs on ``x``'s device and its library's
    current stream (``stream=`` overrides), with no host synchronization.
    """
    fname = name + ("_backward" if backward else "")
    _require_device()
    template = arrays[-1]
    if not all(is_cuda_array(a) for a in arrays):
        raise TypeError(f"fastact.{fname}: grad and x must both be CUDA arrays")
    with _arrays.device_context(template):
        s = _launch_stream(template, stream)
        devs = [_as_device(a) for a in arrays]
        x = devs[-1]
        dt = _float_dtype(x.dtype, fname)
        order = _order(x, fname)
        for d in devs:
            if d.shape != x.shape or _float_dtype(d.dtype, fname) != dt:
                raise ValueError(f"fastact.{fname}: grad and x must have the same shape and dtype")
            if _order(d, fname, "grad") != order and d.ndim > 1 and d.size > 1:
                raise ValueError(f"fastact.{fname}: grad and x must have the same memory order")
        prm = [_param(p, x, dt, order, fname, s) for p in params]
        as_arrays = any(not isinstance(p, np.generic) for p in prm)
        if as_arrays:  # one kernel reads every parameter from an array
            prm = [_filled(x.size, p, dt, s) if isinstance(p, np.generic) else p for p in prm]
        if out is not None:
            result = out
            out_dev = _as_device(out)
            if out_dev.shape != x.shape:
                raise ValueError(f"fastact.{fname}: out has shape {out_dev.shape}, "
                                 f"expected {x.shape}")
            if out_dev.dtype != dt:
                raise TypeError(f"fastact.{fname}: out must have dtype {dt}")
            if _order(out_dev, fname, "out") != order and out_dev.ndim > 1 and out_dev.size > 1:
                raise ValueError(f"fastact.{fname}: out must be contiguous in x's memory order")
        else:
            result, out_dev = _empty(template, x.shape, dt, order, s)
        _launch(launched_kernel(name, backward, as_arrays), x.size, s, template,
                _flat(out_dev), *[_flat(d) for d in devs], *prm)
    return result


def _param(p, x, dt, order, fname, stream):
    """A parameter as the kernel takes it: a scalar of ``dt`` or a flat device array."""
    if is_cuda_array(p):
        pd = _as_device(p)
        if pd.shape != x.shape:
            raise ValueError(f"fastact.{fname}: a CUDA parameter array must have x's shape")
        if pd.dtype != dt:
            raise TypeError(f"fastact.{fname}: a CUDA parameter array must have x's dtype {dt}")
        if _order(pd, fname, "parameter") != order and pd.ndim > 1 and pd.size > 1:
            raise ValueError(f"fastact.{fname}: a CUDA parameter must be in x's memory order")
        return _flat(pd)
    pa = np.asarray(p)
    if pa.dtype.kind not in "fiub":
        raise TypeError(f"fastact.{fname}: parameters must be real numbers")
    if pa.ndim == 0:
        return dt.type(pa)
    host = np.asarray(np.broadcast_to(pa, x.shape), dtype=dt, order=order)
    return _flat(cuda.to_device(host, stream=stream))


def _filled(n, v, dt, stream):
    return cuda.to_device(np.full(n, v, dt), stream=stream)


# --- along an axis ------------------------------------------------------------------------
#
# Rows (the reduced axis is the contiguous one, inner == 1): a block per row, 32 threads
# (one warp) for rows up to 1024 elements and 256 above.  A row of up to CACHE_MAX
# elements is read once into shared memory (as float64, times the sign), so that x is
# read once and written once; longer rows are read again for each pass.  Lines across
# an inner axis (inner > 1): a thread per line, consecutive threads on consecutive
# (contiguous) positions, so that every pass reads whole coalesced rows of memory
# instead of one strided element per block.  Numerics are the CPU's in every layout: the
# maximum first, then exp(x - max) summed in float64 with the maxima counted apart
# (log1p of the rest), exp in float32 for float32 input.

ROW_WARP = 4 if SIMULATED else 32
"""Threads per block for short rows (a warp; a few threads under the simulator)."""
ROW_SHORT = 1024
"""Rows up to this length get a one-warp block; longer ones a block of :data:`TPB`."""
CACHE_MAX = 4096
"""Rows up to this length are kept in shared memory (32 KiB of float64) between passes."""
COLUMN_MIN_LINES = 1024
"""Across an inner axis, a thread per line once there are this many lines (else a block a
line, as for rows).  The tests lower it to reach both kernels with small arrays."""


@cuda.jit(device=True)
def _block_max(smax, sbad, tid):
    s = cuda.blockDim.x // 2  # type: ignore[operator]
    while s > 0:
        if tid < s:
            if smax[tid + s] > smax[tid]:
                smax[tid] = smax[tid + s]
            sbad[tid] = sbad[tid] | sbad[tid + s]
        cuda.syncthreads()
        s //= 2


@cuda.jit(device=True)
def _block_sum(ssum, tid):
    s = cuda.blockDim.x // 2  # type: ignore[operator]
    while s > 0:
        if tid < s:
            ssum[tid] += ssum[tid + s]
        cuda.syncthreads()
        s //= 2


@cuda.jit(device=True)
def _exp_term(xv, d):
    """``exp(d)`` in float64, computed in float32 when the input ``xv`` is float32."""
    if _is_float32(xv):
        return _f64(_exp_native(np.float32(d)))
    return _exp(d)


@cuda.jit(device=True)
def _value(x, cache, o, j, i, sign, cached):
    return cache[j] if cached else sign * _f64(x[o, j, i])


@cuda.jit(device=True)
def _row_stats(x, o, i, sign, cache, cached, smax, sbad, ssum, sone, tid, keep_exp):
    """(max, NaN seen, sum exp(x - max) - 1) of row ``x[o, :, i]`` (times ``sign``).

    With ``cached``, the row is first copied to ``cache`` (times ``sign``, float64) and
    later passes read it there; with ``keep_exp`` as well, the cache then holds
    ``exp(x - max)`` for the output pass.  The terms equal to 1 (the maxima) are
    counted apart and one of them left out, so that ``log1p`` of the rest keeps its
    digits where one term dominates (as on the CPU).
    """
    n = x.shape[1]
    nt = cuda.blockDim.x
    m = -math.inf
    bad = 0
    for j in range(tid, n, nt):
        v = sign * _f64(x[o, j, i])
        if cached:
            cache[j] = v
        if v > m:
            m = v
        elif v != v:
            bad = 1
    smax[tid] = m
    sbad[tid] = bad
    cuda.syncthreads()
    _block_max(smax, sbad, tid)
    m = smax[0]
    bad = sbad[0]
    acc = 0.0
    ones = 0.0
    if bad == 0 and m != math.inf and m != -math.inf:
        for j in range(tid, n, nt):
            e = _exp_term(x[o, 0, i], _value(x, cache, o, j, i, sign, cached) - m)
            if cached and keep_exp:
                cache[j] = e
            if e == 1.0:
                ones += 1.0
            else:
                acc += e
    ssum[tid] = acc
    sone[tid] = ones
    cuda.syncthreads()
    _block_sum(ssum, tid)
    _block_sum(sone, tid)
    rest = ssum[0] + (sone[0] - 1.0)
    cuda.syncthreads()
    return m, bad, rest


MODE_SOFTMAX, MODE_LOG_SOFTMAX, MODE_SCALED_SOFTMAX = 0, 1, 2


@cuda.jit(device=True)
def _block_row(inner):
    """(o, i) of the row ``(o, :, i)`` this block handles in an (outer, n, inner) view."""
    row = cuda.blockIdx.x
    return row // inner, row % inner


@cuda.jit(device=True)
def _write_line(x, out, o, i, j, sign, mode, m, special, ls, s, g, e):
    """One output of the softmax family; ``e = exp(x - max)`` (NaN: compute it here)."""
    if special:
        out[o, j, i] = math.nan
        return
    if mode == MODE_LOG_SOFTMAX:
        d = sign * _f64(x[o, j, i]) - m
        out[o, j, i] = -(ls - d)  # -0.0 where the exact value is -tiny
        return
    if e != e:
        e = _exp_term(x[o, j, i], sign * _f64(x[o, j, i]) - m)
    out[o, j, i] = g * (e / s)  # a division, as on the CPU (same result bit for bit)


@cuda.jit
def _softmax_kernel(x, out, sign, mode, scale, cached):
    """A block per row ``(o, :, i)`` of the (outer, n, inner) view."""
    o, i = _block_row(x.shape[2])
    tid = cuda.threadIdx.x
    smax = cuda.shared.array(TPB, np.float64)
    ssum = cuda.shared.array(TPB, np.float64)
    sbad = cuda.shared.array(TPB, np.int32)
    sone = cuda.shared.array(TPB, np.float64)
    cache = cuda.shared.array(0, _f64)  # dynamic: n float64 when cached, else none
    keep = mode != MODE_LOG_SOFTMAX
    m, bad, rest = _row_stats(x, o, i, sign, cache, cached, smax, sbad, ssum, sone, tid, keep)
    special = bad != 0 or m == math.inf or m == -math.inf
    ls = _log1p_pos(rest) if not special and rest != 0.0 else -0.0  # -(ls - 0) = +0.0
    s = 1.0 + rest
    g = _f64(scale[o, i]) if mode == MODE_SCALED_SOFTMAX else 1.0
    for j in range(tid, x.shape[1], cuda.blockDim.x):
        e = cache[j] if cached and keep else math.nan
        _write_line(x, out, o, i, j, sign, mode, m, special, ls, s, g, e)


@cuda.jit
def _logsumexp_kernel(x, out, cached):
    o, i = _block_row(x.shape[2])
    tid = cuda.threadIdx.x
    smax = cuda.shared.array(TPB, np.float64)
    ssum = cuda.shared.array(TPB, np.float64)
    sbad = cuda.shared.array(TPB, np.int32)
    sone = cuda.shared.array(TPB, np.float64)
    cache = cuda.shared.array(0, _f64)
    m, bad, rest = _row_stats(x, o, i, 1.0, cache, cached, smax, sbad, ssum, sone, tid, False)
    if tid == 0:
        out[o, i] = _lse(m, bad, rest)


@cuda.jit(device=True)
def _lse(m, bad, rest):
    if bad != 0:
        return math.nan
    if m == math.inf or m == -math.inf:
        return m
    return m + _log1p_pos(rest)


@cuda.jit(device=True)
def _line_stats(x, o, i, sign):
    """:func:`_row_stats` for one thread alone on line ``x[o, :, i]`` (no cache)."""
    n = x.shape[1]
    m = -math.inf
    bad = 0
    for j in range(n):
        v = sign * _f64(x[o, j, i])
        if v > m:
            m = v
        elif v != v:
            bad = 1
    acc = 0.0
    ones = 0.0
    if bad == 0 and m != math.inf and m != -math.inf:
        for j in range(n):
            e = _exp_term(x[o, j, i], sign * _f64(x[o, j, i]) - m)
            if e == 1.0:
                ones += 1.0
            else:
                acc += e
    return m, bad, acc + (ones - 1.0)


@cuda.jit
def _softmax_cols_kernel(x, out, sign, mode, scale):
    """A thread per line ``(o, :, i)``; consecutive threads on consecutive ``i``."""
    t = cuda.grid(1)
    inner = x.shape[2]
    if t < x.shape[0] * inner:
        o, i = t // inner, t % inner
        m, bad, rest = _line_stats(x, o, i, sign)
        special = bad != 0 or m == math.inf or m == -math.inf
        ls = _log1p_pos(rest) if not special and rest != 0.0 else -0.0
        s = 1.0 + rest
        g = _f64(scale[o, i]) if mode == MODE_SCALED_SOFTMAX else 1.0
        for j in range(x.shape[1]):
            _write_line(x, out, o, i, j, sign, mode, m, special, ls, s, g, math.nan)


@cuda.jit
def _logsumexp_cols_kernel(x, out):
    t = cuda.grid(1)
    inner = x.shape[2]
    if t < x.shape[0] * inner:
        o, i = t // inner, t % inner
        m, bad, rest = _line_stats(x, o, i, 1.0)
        out[o, i] = _lse(m, bad, rest)


def _launch_rows(x3, stream, block_kernel, cols_kernel, *args):
    """Run the softmax-family kernel that fits the (outer, n, inner) view ``x3``."""
    outer, n, inner = x3.shape
    lines = outer * inner
    if not lines:
        return
    if inner > 1 and lines >= COLUMN_MIN_LINES:
        cols_kernel[-(-lines // TPB), TPB, stream](x3, *args)
        return
    threads = ROW_WARP if n <= ROW_SHORT else TPB
    cached = 0 < n <= CACHE_MAX
    block_kernel[lines, threads, stream, 8 * n if cached else 0](x3, *args, cached)


@cuda.jit
def _softmax_grad_kernel(g, y, out, mode):
    """mode 0: y (g - sum g y); 1: -(y (g - sum g y)); 2 (log_softmax): g - e^y sum g."""
    o, i = _block_row(y.shape[2])
    tid = cuda.threadIdx.x
    n = y.shape[1]
    ssum = cuda.shared.array(TPB, np.float64)
    acc = 0.0
    for j in range(tid, n, TPB):
        if mode == 2:
            acc += _f64(g[o, j, i])
        else:
            acc += _f64(g[o, j, i]) * _f64(y[o, j, i])
    ssum[tid] = acc
    cuda.syncthreads()
    _block_sum(ssum, tid)
    s = ssum[0]
    for j in range(tid, n, TPB):
        gj = _f64(g[o, j, i])
        yj = _f64(y[o, j, i])
        if mode == 2:
            out[o, j, i] = gj - _exp(yj) * s
        elif mode == 1:
            out[o, j, i] = -(yj * (gj - s))
        else:
            out[o, j, i] = yj * (gj - s)


def _strided(dev, shape, strides):
    """A view of ``dev``'s memory with ``shape`` and byte ``strides`` (no copy, no kernel)."""
    if SIMULATED and not hasattr(dev, "gpu_data"):  # the simulator's arrays wrap NumPy's
        return type(dev)(np.lib.stride_tricks.as_strided(dev._ary, shape, strides), dev.stream)
    return type(dev)(shape=tuple(shape), strides=tuple(strides), dtype=dev.dtype,
                     gpu_data=dev.gpu_data, stream=dev.stream)


def _order(dev, fname, what="x"):
    """``'C'`` or ``'F'``: the memory order of a contiguous device array (else ValueError)."""
    if dev.is_c_contiguous():
        return "C"
    if dev.is_f_contiguous():
        return "F"
    raise ValueError(f"fastact.{fname}: a CUDA {what} must be C- or F-contiguous "
                     "(copy it first, e.g. cupy.ascontiguousarray)")


def _rows3(dev, axis, order):
    """``dev`` (C- or F-contiguous) viewed as (outer, n, inner) around ``axis``, no copy.

    The same (outer, inner) pair names the same line of any two arrays of one shape and
    order, so input, output and gradient views line up; the kernels index through the
    strides (no transposed copy: a numba device array transposes only 2-d arrays, and
    with a kernel).
    """
    shape = tuple(dev.shape) or (1,)
    isz = dev.dtype.itemsize
    pre, n, post = math.prod(shape[:axis]), shape[axis], math.prod(shape[axis + 1:])
    strides = (n * post * isz, post * isz, isz) if order == "C" else (isz, pre * isz, pre * n * isz)
    return _strided(dev, (pre, n, post), strides)


def _lines_agree(order_a, order_b, ndim, axis):
    """True if two arrays of these orders have their lines along ``axis`` in one order."""
    return order_a == order_b or (axis <= 1 and ndim - axis <= 2)


def _prepare_rows(x, axis, fname):
    """``(device array, axis, shape, order)`` of a float32/float64 CUDA input.

    One axis only on the GPU: a tuple or None is a ValueError that says what to do.
    """
    from ._core.axes import normalize_axes

    _require_device()
    dev = _as_device(x)
    _float_dtype(dev.dtype, fname)
    shape = tuple(dev.shape)
    axes = normalize_axes(axis, max(len(shape), 1), fname)
    if len(axes) != 1:
        raise ValueError(f"fastact.{fname}: on CUDA arrays axis must be one int, not {axis!r} "
                         "(reshape the axes into one first: they must be adjacent)")
    axis = axes[0]
    return dev, axis, shape, _order(dev, fname)


def _grad_view(grad, dev, ax, order, shape, fname):
    """The (outer, n, inner) view of a CUDA ``grad`` of ``shape``, lined up with ``dev``'s."""
    g = _as_device(grad)
    if tuple(g.shape) != shape or g.dtype != dev.dtype:
        raise ValueError(f"fastact.{fname}: grad must have shape {shape} and dtype {dev.dtype}")
    gorder = _order(g, fname, "grad")
    if not _lines_agree(order, gorder, len(shape), ax):
        raise ValueError(f"fastact.{fname}: grad must have the forward array's memory order here")
    return _rows3(g, ax, gorder)


def _like(template, dev, shape, order, stream):
    """``(result, device view)`` of a new array of ``template``'s kind and ``dev``'s dtype."""
    return _empty(template, shape, dev.dtype, order, stream)


def _on_input_device(fn):
    """Run ``fn(x_or_grad, ...)`` on the device of its array arguments' last CUDA array."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        arrays = [a for a in args if is_cuda_array(a)]
        with _arrays.device_context(arrays[-1]) if arrays else contextlib.nullcontext():
            return fn(*args, **kwargs)

    return wrapper


@_on_input_device
def _rows_forward(x, axis, fname, sign, mode, stream):
    dev, ax, shape, order = _prepare_rows(x, axis, fname)
    stream = _launch_stream(x, stream)
    result, out = _like(x, dev, shape, order, stream)
    x3, o3 = _rows3(dev, ax, order), _rows3(out, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows and x3.shape[1]:
        dummy = cuda.device_array((1, 1), dtype=x3.dtype, stream=stream)
        _launch_rows(x3, stream, _softmax_kernel, _softmax_cols_kernel, o3, sign, mode, dummy)
    return result


def softmax(x, axis=-1, stream=None):
    """Softmax of a CUDA array along ``axis`` (see :func:`fastact.softmax`)."""
    return _rows_forward(x, axis, "softmax", 1.0, MODE_SOFTMAX, stream)


def log_softmax(x, axis=-1, stream=None):
    """log_softmax of a CUDA array along ``axis`` (see :func:`fastact.log_softmax`)."""
    return _rows_forward(x, axis, "log_softmax", 1.0, MODE_LOG_SOFTMAX, stream)


def softmin(x, axis=-1, stream=None):
    """softmin of a CUDA array along ``axis`` (see :func:`fastact.softmin`)."""
    return _rows_forward(x, axis, "softmin", -1.0, MODE_SOFTMAX, stream)


def _reduced(dev, ax, order):
    """(pre, post) view of an array whose reduced axis ``ax`` is kept as length 1."""
    r3 = _rows3(dev, ax, order)
    return _strided(r3, (r3.shape[0], r3.shape[2]), (r3.strides[0], r3.strides[2]))


@_on_input_device
def logsumexp(x, axis=-1, keepdims=False, stream=None):
    """logsumexp of a CUDA array along ``axis`` (see :func:`fastact.logsumexp`)."""
    dev, ax, shape, order = _prepare_rows(x, axis, "logsumexp")
    stream = _launch_stream(x, stream)
    keep = shape[:ax] + (1,) + shape[ax + 1:] if shape else ()
    result, out = _like(x, dev, keep, order, stream)
    x3 = _rows3(dev, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows:
        _launch_rows(x3, stream, _logsumexp_kernel, _logsumexp_cols_kernel,
                     _reduced(out, ax, order))
    if not keepdims and shape:  # drop the length-1 axis: a view, in either order
        if result is not out:  # CuPy, PyTorch
            return result.squeeze(ax)
        return _strided(out, keep[:ax] + keep[ax + 1:], out.strides[:ax] + out.strides[ax + 1:])
    return result


@_on_input_device
def _grad_rows(grad, y, axis, fname, mode, stream):
    dev, ax, shape, order = _prepare_rows(y, axis, fname)
    stream = _launch_stream(y, stream)
    g3 = _grad_view(grad, dev, ax, order, shape, fname)
    result, out = _like(y, dev, shape, order, stream)
    y3 = _rows3(dev, ax, order)
    rows = y3.shape[0] * y3.shape[2]
    if rows and y3.shape[1]:
        _softmax_grad_kernel[rows, TPB, stream](g3, y3, _rows3(out, ax, order), mode)
    return result


def softmax_backward(grad, y, axis=-1, stream=None):
    """``y * (grad - sum(grad * y))`` on CUDA arrays."""
    return _grad_rows(grad, y, axis, "softmax_backward", 0, stream)


def softmin_backward(grad, y, axis=-1, stream=None):
    """``-y * (grad - sum(grad * y))`` on CUDA arrays."""
    return _grad_rows(grad, y, axis, "softmin_backward", 1, stream)


def log_softmax_backward(grad, y, axis=-1, stream=None):
    """``grad - exp(y) * sum(grad)`` on CUDA arrays."""
    return _grad_rows(grad, y, axis, "log_softmax_backward", 2, stream)


@_on_input_device
def logsumexp_backward(grad, x, axis=-1, stream=None):
    """``grad * softmax(x)`` on CUDA arrays (``grad`` of the reduced shape, or with the axis kept)."""
    dev, ax, shape, order = _prepare_rows(x, axis, "logsumexp_backward")
    stream = _launch_stream(x, stream)
    g = _as_device(grad)
    keep = shape[:ax] + (1,) + shape[ax + 1:] if shape else ()
    if shape and tuple(g.shape) == keep[:ax] + keep[ax + 1:]:  # view g with the axis kept
        isz = g.dtype.itemsize
        g = _strided(g, keep, tuple(g.strides[:ax]) + (isz,) + tuple(g.strides[ax:]))
    if tuple(g.shape) != keep or g.dtype != dev.dtype:
        raise ValueError("fastact.logsumexp_backward: grad must have x's dtype and the reduced "
                         f"shape {keep[:ax] + keep[ax + 1:]} (or {keep})")
    gorder = _order(g, "logsumexp_backward", "grad")
    if not _lines_agree(order, gorder, len(shape), ax):
        raise ValueError("fastact.logsumexp_backward: grad and x must have the same memory order")
    result, out = _like(x, dev, shape, order, stream)
    x3 = _rows3(dev, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows and x3.shape[1]:
        _launch_rows(x3, stream, _softmax_kernel, _softmax_cols_kernel, _rows3(out, ax, order),
                     1.0, MODE_SCALED_SOFTMAX, _reduced(g, ax, gorder))
    return result


@cuda.jit(device=True)
def _unflat(idx, mid, inner):
    """(o, j, i) of flat index ``idx`` in an (outer, mid, inner) array."""
    o = idx // (mid * inner)
    r = idx % (mid * inner)
    return o, r // inner, r % inner


@cuda.jit
def _glu_kernel(x, out):
    idx = cuda.grid(1)
    h = out.shape[1]
    if idx < out.size:
        o, j, i = _unflat(idx, h, out.shape[2])
        s, c = _sigmoid_pair(_f64(x[o, j + h, i]))
        out[o, j, i] = _f64(x[o, j, i]) * s


@cuda.jit
def _glu_grad_kernel(g, x, out):
    idx = cuda.grid(1)
    h = g.shape[1]
    if idx < g.size:
        o, j, i = _unflat(idx, h, g.shape[2])
        a = _f64(x[o, j, i])
        gg = _f64(g[o, j, i])
        s, c = _sigmoid_pair(_f64(x[o, j + h, i]))
        out[o, j, i] = gg * s
        out[o, j + h, i] = gg * a * s * c


@cuda.jit
def _maxout_kernel(x, out, k, route, g):
    """route 0: out = group max; route 1: out (shape of x) gets g at each group's argmax."""
    idx = cuda.grid(1)
    groups = x.shape[1] // k
    if idx < x.shape[0] * groups * x.shape[2]:
        o, j, i = _unflat(idx, groups, x.shape[2])
        best = x[o, j * k, i]
        arg = 0
        for t in range(1, k):
            v = x[o, j * k + t, i]
            if best == best and (v > best or v != v):
                best = v
                arg = t
        if route == 0:
            out[o, j, i] = best
        else:
            for t in range(k):
                out[o, j * k + t, i] = g[o, j, i] if t == arg else 0.0


def _launch_flat(kernel, n, stream, *args):
    if n:
        kernel[-(-n // TPB), TPB, stream](*args)  # one thread an element (no grid stride)


def _grouped(x, axis, k, fname):
    """Input, axis, shape, order, and the shape with the axis divided by ``k``."""
    dev, ax, shape, order = _prepare_rows(x, axis, fname)
    if not shape:
        raise ValueError(f"fastact.{fname}: x must have at least one dimension")
    if k < 1 or shape[ax] % k:
        what = "even" if fname.startswith("glu") else f"divisible by k={k}"
        raise ValueError(f"fastact.{fname}: the length {shape[ax]} of axis {ax} must be {what}")
    return dev, ax, shape, order, shape[:ax] + (shape[ax] // k,) + shape[ax + 1:]




@_on_input_device
def glu(x, axis=-1, stream=None):
    """GLU of a C- or F-contiguous CUDA array along ``axis``."""
    dev, ax, shape, order, half = _grouped(x, axis, 2, "glu")
    stream = _launch_stream(x, stream)
    result, out = _like(x, dev, half, order, stream)
    o3 = _rows3(out, ax, order)
    _launch_flat(_glu_kernel, o3.size, stream, _rows3(dev, ax, order), o3)
    return result


@_on_input_device
def glu_backward(grad, x, axis=-1, stream=None):
    """Gradient of :func:`glu` on C- or F-contiguous CUDA arrays."""
    dev, ax, shape, order, half = _grouped(x, axis, 2, "glu_backward")
    stream = _launch_stream(x, stream)
    g3 = _grad_view(grad, dev, ax, order, half, "glu_backward")
    result, out = _like(x, dev, shape, order, stream)
    _launch_flat(_glu_grad_kernel, g3.size, stream, g3, _rows3(dev, ax, order),
                 _rows3(out, ax, order))
    return result


@_on_input_device
def maxout(x, k, axis=-1, stream=None):
    """Maxout of a C- or F-contiguous CUDA array along ``axis``."""
    dev, ax, shape, order, small = _grouped(x, axis, k, "maxout")
    stream = _launch_stream(x, stream)
    result, out = _like(x, dev, small, order, stream)
    o3 = _rows3(out, ax, order)
    _launch_flat(_maxout_kernel, o3.size, stream, _rows3(dev, ax, order), o3, k, 0, o3)
    return result


@_on_input_device
def maxout_backward(grad, x, k, axis=-1, stream=None):
    """Gradient of :func:`maxout` on C- or F-contiguous CUDA arrays."""
    dev, ax, shape, order, small = _grouped(x, axis, k, "maxout_backward")
    stream = _launch_stream(x, stream)
    g3 = _grad_view(grad, dev, ax, order, small, "maxout_backward")
    result, out = _like(x, dev, shape, order, stream)
    _launch_flat(_maxout_kernel, g3.size, stream, _rows3(dev, ax, order), _rows3(out, ax, order),
                 k, 1, g3)
    return result
