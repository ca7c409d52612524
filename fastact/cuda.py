"""The CUDA target: every activation on the GPU, from the same scalar kernels as the CPU.

* ``fastact.cuda.NAME`` / ``fastact.cuda.NAME_backward``: CUDA ufuncs
  (``@vectorize(target='cuda')``) for every elementwise function, float32 and float64.
  They take numba device arrays, CuPy arrays, PyTorch CUDA tensors (anything with
  ``__cuda_array_interface__``) or host arrays, and ``out=`` / ``stream=``.
* ``fastact.cuda.softmax`` and the rest of the axis family: ``@cuda.jit`` kernels, one
  block per row, block reductions in shared memory, the same max-subtraction and
  special-row rules as the CPU, sums in float64.
* ``fastact.NAME(x)`` with a CUDA array ``x`` comes here and returns the same kind of array
  (CuPy in, CuPy out; PyTorch in, PyTorch out sharing memory; device array in, device array
  out), with no copy to the host.

Importing this module imports ``numba.cuda`` (``pip install 'fastact[cuda]'``);
``import fastact`` never does.  Under ``NUMBA_ENABLE_CUDASIM=1`` the row kernels and the
device functions run on the CPU simulator; the simulator cannot build CUDA ufuncs, so the
elementwise path then uses a plain ``@cuda.jit`` kernel over the flattened array.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from . import _catalogue  # noqa: F401  (fills the registry)
from ._registry import REGISTRY
from ._targets import make_getattr
from ._ufuncs import signatures
from .kernels._scalar import exp as _exp
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

@functools.cache
def ufunc(name: str, backward: bool = False):
    """The CUDA ufunc of ``name`` (its backward if ``backward``)."""
    from numba import vectorize

    if name not in REGISTRY:
        raise AttributeError(f"fastact.cuda has no elementwise function {name!r}")
    if SIMULATED:
        raise RuntimeError(
            "the CUDA simulator cannot build CUDA ufuncs (numba-cuda: 'FakeOverload' object "
            "has no attribute 'signature'); use elementwise_kernel() or a real GPU"
        )
    e = REGISTRY[name]
    k = e.backward if backward else e.forward
    nargs = 1 + e.nparams + (1 if backward else 0)
    return vectorize(signatures(nargs), target="cuda")(k.py_func)


__getattr__ = make_getattr("cuda", ufunc)[0]


@functools.cache
def elementwise_kernel(name: str, backward: bool = False):
    """A ``@cuda.jit`` kernel ``k[blocks, threads](out, *inputs)`` over 1-d arrays.

    It calls the same scalar kernel as the ufuncs, as a device function; every input is
    an array of ``out``'s length.
    """
    e = REGISTRY[name]
    fn = e.backward if backward else e.forward
    n = 1 + e.nparams + (1 if backward else 0)
    if n == 1:
        def body(out, a):
            i = cuda.grid(1)
            if i < out.size:
                out[i] = fn(a[i])
    elif n == 2:
        def body(out, a, b):
            i = cuda.grid(1)
            if i < out.size:
                out[i] = fn(a[i], b[i])
    elif n == 3:
        def body(out, a, b, c):
            i = cuda.grid(1)
            if i < out.size:
                out[i] = fn(a[i], b[i], c[i])
    else:
        def body(out, a, b, c, d):
            i = cuda.grid(1)
            if i < out.size:
                out[i] = fn(a[i], b[i], c[i], d[i])
    return cuda.jit(body)


def is_cuda_array(obj) -> bool:
    """True for numba device arrays, CuPy arrays, PyTorch CUDA tensors, ..."""
    from ._dispatch import is_cuda_input

    return is_cuda_input(obj)


def _as_device(obj):
    if SIMULATED and not hasattr(obj, "__cuda_array_interface__"):
        return obj  # the simulator's own device arrays
    return cuda.as_cuda_array(obj)


def _wrap_like(template, dev):
    """Return ``dev`` as the array kind of ``template`` (CuPy, PyTorch) where possible."""
    mod = type(template).__module__.split(".")[0]
    if mod == "cupy":
        import cupy

        return cupy.asarray(dev)
    if mod == "torch":
        import torch

        return torch.as_tensor(dev, device="cuda")
    return dev


def _float_dtype(dt, fname):
    dt = np.dtype(dt)
    if dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise TypeError(f"fastact.{fname}: CUDA inputs must be float32 or float64, not {dt}")
    return dt


def _flat(dev):
    """The memory of a C- or F-contiguous device array as a 1-d contiguous view."""
    return _strided(dev, (max(dev.size, 0),), (dev.dtype.itemsize,))


def elementwise(name, backward, arrays, params, out=None, stream=0):
    """``fastact.NAME`` / ``NAME_backward`` on CUDA arrays; returns the input's array kind.

    Every array operand (``grad``, ``x``, ``out``, parameter arrays) must have ``x``'s
    shape and be contiguous in ``x``'s memory order; the kernel then runs over their
    memory as 1-d arrays (0-d, C and F order alike).  Host parameter arrays are broadcast
    and copied in that order.
    """
    fname = name + ("_backward" if backward else "")
    _require_device()
    devs = [_as_device(a) if is_cuda_array(a) else None for a in arrays]
    x = devs[-1]
    if x is None or any(d is None for d in devs):
        raise TypeError(f"fastact.{fname}: grad and x must both be CUDA arrays")
    dt = _float_dtype(x.dtype, fname)
    order = _order(x, fname)
    for d in devs:
        if d.shape != x.shape or _float_dtype(d.dtype, fname) != dt:
            raise ValueError(f"fastact.{fname}: grad and x must have the same shape and dtype")
        if _order(d, fname, "grad") != order and d.ndim > 1 and d.size > 1:
            raise ValueError(f"fastact.{fname}: grad and x must have the same memory order")
    prm = []
    for p in params:
        if is_cuda_array(p):
            pd = _as_device(p)
            if pd.shape != x.shape:
                raise ValueError(f"fastact.{fname}: a CUDA parameter array must have x's shape")
            if _order(pd, fname, "parameter") != order and pd.ndim > 1 and pd.size > 1:
                raise ValueError(f"fastact.{fname}: a CUDA parameter must be in x's memory order")
            prm.append(_flat(pd) if pd.dtype == dt else pd)
        else:
            pa = np.asarray(p)
            if pa.dtype.kind not in "fiub":
                raise TypeError(f"fastact.{fname}: parameters must be real numbers")
            if pa.ndim == 0:
                prm.append(pa.astype(dt).item())
            else:
                host = np.asarray(np.broadcast_to(pa, x.shape), dtype=dt, order=order)
                prm.append(_flat(cuda.to_device(host, stream=stream)))
    if out is not None:
        out_dev = _as_device(out)
        if out_dev.shape != x.shape:
            raise ValueError(f"fastact.{fname}: out has shape {out_dev.shape}, expected {x.shape}")
        if out_dev.dtype != dt:
            raise TypeError(f"fastact.{fname}: out must have dtype {dt}")
        if _order(out_dev, fname, "out") != order and out_dev.ndim > 1 and out_dev.size > 1:
            raise ValueError(f"fastact.{fname}: out must be contiguous in x's memory order")
    else:
        out_dev = cuda.device_array(x.shape, dtype=dt, order=order, stream=stream)
    if x.size:
        ins = [_flat(d) for d in devs] + prm
        if SIMULATED:
            _run_kernel(name, backward, _flat(out_dev), ins, stream)
        else:
            ufunc(name, backward)(*ins, out=_flat(out_dev), stream=stream)
    if out is not None:
        return out
    return _wrap_like(arrays[-1], out_dev)


def _run_kernel(name, backward, flat_out, inputs, stream):
    """The simulator's stand-in for the CUDA ufunc: one thread an element, 1-d operands."""
    n = flat_out.size
    flat = [a if hasattr(a, "shape") else cuda.to_device(np.full(n, a, flat_out.dtype))
            for a in inputs]
    elementwise_kernel(name, backward)[-(-n // TPB), TPB, stream](flat_out, *flat)


# --- along an axis ------------------------------------------------------------------------

@cuda.jit(device=True)
def _block_max(smax, sbad, tid):
    s = TPB // 2
    while s > 0:
        if tid < s:
            if smax[tid + s] > smax[tid]:
                smax[tid] = smax[tid + s]
            sbad[tid] = sbad[tid] | sbad[tid + s]
        cuda.syncthreads()
        s //= 2


@cuda.jit(device=True)
def _block_sum(ssum, tid):
    s = TPB // 2
    while s > 0:
        if tid < s:
            ssum[tid] += ssum[tid + s]
        cuda.syncthreads()
        s //= 2


@cuda.jit(device=True)
def _row_stats(x, o, i, sign, smax, sbad, ssum, sone, tid):
    """(max, NaN seen, sum exp(x - max) - 1) of row ``x[o, :, i]`` (times ``sign``).

    The terms equal to 1 (the maxima) are counted apart and one of them left out, so that
    ``log1p`` of the rest keeps its digits where one term dominates (as on the CPU).
    """
    n = x.shape[1]
    m = -math.inf
    bad = 0
    for j in range(tid, n, TPB):
        v = sign * _f64(x[o, j, i])
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
        for j in range(tid, n, TPB):
            e = _exp(sign * _f64(x[o, j, i]) - m)
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


@cuda.jit
def _softmax_kernel(x, out, sign, mode, scale):
    """One block per row ``(o, :, i)`` of the (outer, n, inner) view."""
    o, i = _block_row(x.shape[2])
    tid = cuda.threadIdx.x
    smax = cuda.shared.array(TPB, np.float64)
    ssum = cuda.shared.array(TPB, np.float64)
    sbad = cuda.shared.array(TPB, np.int32)
    sone = cuda.shared.array(TPB, np.float64)
    m, bad, rest = _row_stats(x, o, i, sign, smax, sbad, ssum, sone, tid)
    n = x.shape[1]
    special = bad != 0 or m == math.inf or m == -math.inf
    ls = _log1p_pos(rest) if not special and rest != 0.0 else -0.0  # -(ls - 0) = +0.0
    s = 1.0 + rest
    g = _f64(scale[o, i]) if mode == MODE_SCALED_SOFTMAX else 1.0
    for j in range(tid, n, TPB):
        if special:
            out[o, j, i] = math.nan
        else:
            d = sign * _f64(x[o, j, i]) - m
            if mode == MODE_LOG_SOFTMAX:
                out[o, j, i] = -(ls - d)  # -0.0 where the exact value is -tiny
            else:
                out[o, j, i] = g * (_exp(d) / s)


@cuda.jit
def _logsumexp_kernel(x, out):
    o, i = _block_row(x.shape[2])
    tid = cuda.threadIdx.x
    smax = cuda.shared.array(TPB, np.float64)
    ssum = cuda.shared.array(TPB, np.float64)
    sbad = cuda.shared.array(TPB, np.int32)
    sone = cuda.shared.array(TPB, np.float64)
    m, bad, rest = _row_stats(x, o, i, 1.0, smax, sbad, ssum, sone, tid)
    if tid == 0:
        if bad != 0:
            out[o, i] = math.nan
        elif m == math.inf or m == -math.inf:
            out[o, i] = m
        else:
            out[o, i] = m + _log1p_pos(rest)


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
    """``(device array, axis, shape, order)`` of a float32/float64 CUDA input."""
    from numpy.lib.array_utils import normalize_axis_index

    _require_device()
    dev = _as_device(x)
    _float_dtype(dev.dtype, fname)
    shape = tuple(dev.shape)
    axis = normalize_axis_index(axis, max(len(shape), 1))
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


def _like(dev, shape, order, stream):
    return cuda.device_array(shape, dtype=dev.dtype, order=order, stream=stream)


def _rows_forward(x, axis, fname, sign, mode, stream):
    dev, ax, shape, order = _prepare_rows(x, axis, fname)
    out = _like(dev, shape, order, stream)
    x3, o3 = _rows3(dev, ax, order), _rows3(out, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows and x3.shape[1]:
        dummy = cuda.device_array((1, 1), dtype=x3.dtype, stream=stream)
        _softmax_kernel[rows, TPB, stream](x3, o3, sign, mode, dummy)
    return _wrap_like(x, out)


def softmax(x, axis=-1, stream=0):
    """Softmax of a CUDA array along ``axis`` (see :func:`fastact.softmax`)."""
    return _rows_forward(x, axis, "softmax", 1.0, MODE_SOFTMAX, stream)


def log_softmax(x, axis=-1, stream=0):
    """log_softmax of a CUDA array along ``axis`` (see :func:`fastact.log_softmax`)."""
    return _rows_forward(x, axis, "log_softmax", 1.0, MODE_LOG_SOFTMAX, stream)


def softmin(x, axis=-1, stream=0):
    """softmin of a CUDA array along ``axis`` (see :func:`fastact.softmin`)."""
    return _rows_forward(x, axis, "softmin", -1.0, MODE_SOFTMAX, stream)


def _reduced(dev, ax, order):
    """(pre, post) view of an array whose reduced axis ``ax`` is kept as length 1."""
    r3 = _rows3(dev, ax, order)
    return _strided(r3, (r3.shape[0], r3.shape[2]), (r3.strides[0], r3.strides[2]))


def logsumexp(x, axis=-1, keepdims=False, stream=0):
    """logsumexp of a CUDA array along ``axis`` (see :func:`fastact.logsumexp`)."""
    dev, ax, shape, order = _prepare_rows(x, axis, "logsumexp")
    keep = shape[:ax] + (1,) + shape[ax + 1:] if shape else ()
    out = _like(dev, keep, order, stream)
    x3 = _rows3(dev, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows:
        _logsumexp_kernel[rows, TPB, stream](x3, _reduced(out, ax, order))
    if not keepdims and shape:  # drop the length-1 axis: a view, in either order
        out = _strided(out, keep[:ax] + keep[ax + 1:], out.strides[:ax] + out.strides[ax + 1:])
    return _wrap_like(x, out)


def _grad_rows(grad, y, axis, fname, mode, stream):
    dev, ax, shape, order = _prepare_rows(y, axis, fname)
    g3 = _grad_view(grad, dev, ax, order, shape, fname)
    out = _like(dev, shape, order, stream)
    y3 = _rows3(dev, ax, order)
    rows = y3.shape[0] * y3.shape[2]
    if rows and y3.shape[1]:
        _softmax_grad_kernel[rows, TPB, stream](g3, y3, _rows3(out, ax, order), mode)
    return _wrap_like(y, out)


def softmax_backward(grad, y, axis=-1, stream=0):
    """``y * (grad - sum(grad * y))`` on CUDA arrays."""
    return _grad_rows(grad, y, axis, "softmax_backward", 0, stream)


def softmin_backward(grad, y, axis=-1, stream=0):
    """``-y * (grad - sum(grad * y))`` on CUDA arrays."""
    return _grad_rows(grad, y, axis, "softmin_backward", 1, stream)


def log_softmax_backward(grad, y, axis=-1, stream=0):
    """``grad - exp(y) * sum(grad)`` on CUDA arrays."""
    return _grad_rows(grad, y, axis, "log_softmax_backward", 2, stream)


def logsumexp_backward(grad, x, axis=-1, stream=0):
    """``grad * softmax(x)`` on CUDA arrays (``grad`` of the reduced shape, or with the axis kept)."""
    dev, ax, shape, order = _prepare_rows(x, axis, "logsumexp_backward")
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
    out = _like(dev, shape, order, stream)
    x3 = _rows3(dev, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows and x3.shape[1]:
        _softmax_kernel[rows, TPB, stream](x3, _rows3(out, ax, order), 1.0, MODE_SCALED_SOFTMAX,
                                           _reduced(g, ax, gorder))
    return _wrap_like(x, out)


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
        kernel[-(-n // TPB), TPB, stream](*args)


def _grouped(x, axis, k, fname):
    """Input, axis, shape, order, and the shape with the axis divided by ``k``."""
    dev, ax, shape, order = _prepare_rows(x, axis, fname)
    if not shape:
        raise ValueError(f"fastact.{fname}: x must have at least one dimension")
    if k < 1 or shape[ax] % k:
        what = "even" if fname.startswith("glu") else f"divisible by k={k}"
        raise ValueError(f"fastact.{fname}: the length {shape[ax]} of axis {ax} must be {what}")
    return dev, ax, shape, order, shape[:ax] + (shape[ax] // k,) + shape[ax + 1:]




def glu(x, axis=-1, stream=0):
    """GLU of a C- or F-contiguous CUDA array along ``axis``."""
    dev, ax, shape, order, half = _grouped(x, axis, 2, "glu")
    out = _like(dev, half, order, stream)
    o3 = _rows3(out, ax, order)
    _launch_flat(_glu_kernel, o3.size, stream, _rows3(dev, ax, order), o3)
    return _wrap_like(x, out)


def glu_backward(grad, x, axis=-1, stream=0):
    """Gradient of :func:`glu` on C- or F-contiguous CUDA arrays."""
    dev, ax, shape, order, half = _grouped(x, axis, 2, "glu_backward")
    g3 = _grad_view(grad, dev, ax, order, half, "glu_backward")
    out = _like(dev, shape, order, stream)
    _launch_flat(_glu_grad_kernel, g3.size, stream, g3, _rows3(dev, ax, order),
                 _rows3(out, ax, order))
    return _wrap_like(x, out)


def maxout(x, k, axis=-1, stream=0):
    """Maxout of a C- or F-contiguous CUDA array along ``axis``."""
    dev, ax, shape, order, small = _grouped(x, axis, k, "maxout")
    out = _like(dev, small, order, stream)
    o3 = _rows3(out, ax, order)
    _launch_flat(_maxout_kernel, o3.size, stream, _rows3(dev, ax, order), o3, k, 0, o3)
    return _wrap_like(x, out)


def maxout_backward(grad, x, k, axis=-1, stream=0):
    """Gradient of :func:`maxout` on C- or F-contiguous CUDA arrays."""
    dev, ax, shape, order, small = _grouped(x, axis, k, "maxout_backward")
    g3 = _grad_view(grad, dev, ax, order, small, "maxout_backward")
    out = _like(dev, shape, order, stream)
    _launch_flat(_maxout_kernel, g3.size, stream, _rows3(dev, ax, order), _rows3(out, ax, order),
                 k, 1, g3)
    return _wrap_like(x, out)
