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


def elementwise(name, backward, arrays, params, out=None, stream=0):
    """``fastact.NAME`` / ``NAME_backward`` on CUDA arrays; returns the input's array kind."""
    fname = name + ("_backward" if backward else "")
    _require_device()
    devs = [_as_device(a) if is_cuda_array(a) else None for a in arrays]
    x = devs[-1]
    if x is None or any(d is None for d in devs):
        raise TypeError(f"fastact.{fname}: grad and x must both be CUDA arrays")
    dt = _float_dtype(x.dtype, fname)
    for d in devs:
        if d.shape != x.shape or _float_dtype(d.dtype, fname) != dt:
            raise ValueError(f"fastact.{fname}: grad and x must have the same shape and dtype")
    prm = []
    for p in params:
        if is_cuda_array(p):
            pd = _as_device(p)
            if pd.shape != x.shape:
                raise ValueError(f"fastact.{fname}: a CUDA parameter array must have x's shape")
            prm.append(pd)
        else:
            pa = np.asarray(p)
            if pa.dtype.kind not in "fiub":
                raise TypeError(f"fastact.{fname}: parameters must be real numbers")
            prm.append(pa.astype(dt))
    if out is not None:
        out_dev = _as_device(out)
        if out_dev.shape != x.shape:
            raise ValueError(f"fastact.{fname}: out has shape {out_dev.shape}, expected {x.shape}")
        if out_dev.dtype != dt:
            raise TypeError(f"fastact.{fname}: out must have dtype {dt}")
    else:
        out_dev = cuda.device_array(x.shape, dtype=dt, stream=stream)
    if SIMULATED:
        _run_kernel(name, backward, out_dev, [*devs, *prm], stream)
    else:
        args = [a if hasattr(a, "__cuda_array_interface__") else a.reshape(()).item() if a.ndim == 0
                else cuda.to_device(np.ascontiguousarray(np.broadcast_to(a, x.shape)), stream=stream)
                for a in (*devs, *prm)]
        ufunc(name, backward)(*args, out=out_dev, stream=stream)
    if out is not None:
        return out
    return _wrap_like(arrays[-1], out_dev)


def _run_kernel(name, backward, out_dev, inputs, stream):
    n = out_dev.size
    flat_out = out_dev.reshape(n)
    flat = []
    for a in inputs:
        if isinstance(a, np.ndarray):
            a = cuda.to_device(np.ascontiguousarray(np.broadcast_to(a, out_dev.shape)).reshape(n))
        else:
            a = a.reshape(n)
        flat.append(a)
    if n:
        blocks = -(-n // TPB)
        elementwise_kernel(name, backward)[blocks, TPB, stream](flat_out, *flat)


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
            e = math.exp(sign * _f64(x[o, j, i]) - m)
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
    ls = math.log1p(rest) if not special and rest != 0.0 else -0.0  # -(ls - 0) = +0.0
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
                out[o, j, i] = g * (math.exp(d) / s)


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
            out[o, i] = m + math.log1p(rest)


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
            out[o, j, i] = gj - math.exp(yj) * s
        elif mode == 1:
            out[o, j, i] = -(yj * (gj - s))
        else:
            out[o, j, i] = yj * (gj - s)


def _three_d(dev, axis, fname):
    """View a C- or F-contiguous device array as (outer, n, inner) around ``axis``."""
    from numpy.lib.array_utils import normalize_axis_index

    shape = tuple(dev.shape)
    if len(shape) == 0:
        dev = dev.reshape(1)
        shape = (1,)
    axis = normalize_axis_index(axis, len(shape))
    if not dev.is_c_contiguous():
        if dev.is_f_contiguous():
            dev = dev.T
            shape = tuple(dev.shape)
            axis = len(shape) - 1 - axis
        else:
            raise ValueError(f"fastact.{fname}: CUDA input must be C- or F-contiguous")
    outer = math.prod(shape[:axis])
    inner = math.prod(shape[axis + 1:])
    return dev.reshape(outer, shape[axis], inner), axis, shape


def _prepare_rows(x, axis, fname):
    _require_device()
    dev = _as_device(x)
    _float_dtype(dev.dtype, fname)
    return _three_d(dev, axis, fname)


def _result_like(x, out3, shape, transposed):
    res = out3.reshape(*shape) if shape else out3.reshape(1)
    if transposed:
        res = res.T
    return _wrap_like(x, res)


def _rows_forward(x, axis, fname, sign, mode, stream):
    dev0 = _as_device(x)
    x3, _, shape = _prepare_rows(x, axis, fname)
    out3 = cuda.device_array(x3.shape, dtype=x3.dtype, stream=stream)
    rows = x3.shape[0] * x3.shape[2]
    if rows and x3.shape[1]:
        dummy = cuda.device_array((1, 1), dtype=x3.dtype, stream=stream)
        _softmax_kernel[rows, TPB, stream](x3, out3, sign, mode, dummy)
    return _result_like(x, out3, shape, not dev0.is_c_contiguous() and len(dev0.shape) > 1)


def softmax(x, axis=-1, stream=0):
    """Softmax of a CUDA array along ``axis`` (see :func:`fastact.softmax`)."""
    return _rows_forward(x, axis, "softmax", 1.0, MODE_SOFTMAX, stream)


def log_softmax(x, axis=-1, stream=0):
    """log_softmax of a CUDA array along ``axis`` (see :func:`fastact.log_softmax`)."""
    return _rows_forward(x, axis, "log_softmax", 1.0, MODE_LOG_SOFTMAX, stream)


def softmin(x, axis=-1, stream=0):
    """softmin of a CUDA array along ``axis`` (see :func:`fastact.softmin`)."""
    return _rows_forward(x, axis, "softmin", -1.0, MODE_SOFTMAX, stream)


def logsumexp(x, axis=-1, keepdims=False, stream=0):
    """logsumexp of a CUDA array along ``axis`` (see :func:`fastact.logsumexp`)."""
    dev0 = _as_device(x)
    x3, ax, shape = _prepare_rows(x, axis, "logsumexp")
    out2 = cuda.device_array((x3.shape[0], x3.shape[2]), dtype=x3.dtype, stream=stream)
    rows = x3.shape[0] * x3.shape[2]
    if rows:
        _logsumexp_kernel[rows, TPB, stream](x3, out2)
    red = shape[:ax] + ((1,) if keepdims else ()) + shape[ax + 1:]
    res = out2.reshape(*red) if red else out2.reshape(1)
    if not dev0.is_c_contiguous() and len(dev0.shape) > 1:
        res = res.T
    return _wrap_like(x, res)


def _grad_rows(grad, y, axis, fname, mode, stream):
    dev0 = _as_device(y)
    y3, _, shape = _prepare_rows(y, axis, fname)
    g3, _, gshape = _prepare_rows(grad, axis, fname)
    if g3.shape != y3.shape:
        raise ValueError(f"fastact.{fname}: grad and y must have the same shape and layout")
    out3 = cuda.device_array(y3.shape, dtype=y3.dtype, stream=stream)
    rows = y3.shape[0] * y3.shape[2]
    if rows and y3.shape[1]:
        _softmax_grad_kernel[rows, TPB, stream](g3, y3, out3, mode)
    return _result_like(y, out3, shape, not dev0.is_c_contiguous() and len(dev0.shape) > 1)


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
    """``grad * softmax(x)`` on CUDA arrays (``grad`` of the reduced shape, C-contiguous)."""
    dev0 = _as_device(x)
    x3, _, shape = _prepare_rows(x, axis, "logsumexp_backward")
    g = _as_device(grad)
    if g.size != x3.shape[0] * x3.shape[2]:
        raise ValueError("fastact.logsumexp_backward: grad must have the reduced shape of x")
    g2 = g.reshape(x3.shape[0], x3.shape[2])
    out3 = cuda.device_array(x3.shape, dtype=x3.dtype, stream=stream)
    rows = x3.shape[0] * x3.shape[2]
    if rows and x3.shape[1]:
        _softmax_kernel[rows, TPB, stream](x3, out3, 1.0, MODE_SCALED_SOFTMAX, g2)
    return _result_like(x, out3, shape, not dev0.is_c_contiguous() and len(dev0.shape) > 1)


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


def glu(x, axis=-1, stream=0):
    """GLU of a C-contiguous CUDA array along ``axis``."""
    x3, _, shape = _prepare_rows(x, axis, "glu")
    if x3.shape[1] % 2:
        raise ValueError(f"fastact.glu: the length of the axis must be even, got {x3.shape[1]}")
    o3 = cuda.device_array((x3.shape[0], x3.shape[1] // 2, x3.shape[2]), x3.dtype, stream=stream)
    _launch_flat(_glu_kernel, o3.size, stream, x3, o3)
    return _wrap_like(x, o3.reshape(*_halved(shape, axis)))


def _halved(shape, axis, k=2):
    from numpy.lib.array_utils import normalize_axis_index

    axis = normalize_axis_index(axis, len(shape))
    return shape[:axis] + (shape[axis] // k,) + shape[axis + 1:]


def glu_backward(grad, x, axis=-1, stream=0):
    """Gradient of :func:`glu` on C-contiguous CUDA arrays."""
    x3, _, shape = _prepare_rows(x, axis, "glu_backward")
    g = _as_device(grad)
    g3 = g.reshape(x3.shape[0], x3.shape[1] // 2, x3.shape[2])
    o3 = cuda.device_array(x3.shape, x3.dtype, stream=stream)
    _launch_flat(_glu_grad_kernel, g3.size, stream, g3, x3, o3)
    return _wrap_like(x, o3.reshape(*shape))


def maxout(x, k, axis=-1, stream=0):
    """Maxout of a C-contiguous CUDA array along ``axis``."""
    x3, _, shape = _prepare_rows(x, axis, "maxout")
    if k < 1 or x3.shape[1] % k:
        raise ValueError(f"fastact.maxout: length {x3.shape[1]} is not divisible by k={k}")
    o3 = cuda.device_array((x3.shape[0], x3.shape[1] // k, x3.shape[2]), x3.dtype, stream=stream)
    _launch_flat(_maxout_kernel, o3.size, stream, x3, o3, k, 0, o3)
    return _wrap_like(x, o3.reshape(*_halved(shape, axis, k)))


def maxout_backward(grad, x, k, axis=-1, stream=0):
    """Gradient of :func:`maxout` on C-contiguous CUDA arrays."""
    x3, _, shape = _prepare_rows(x, axis, "maxout_backward")
    g3 = _as_device(grad).reshape(x3.shape[0], x3.shape[1] // k, x3.shape[2])
    o3 = cuda.device_array(x3.shape, x3.dtype, stream=stream)
    _launch_flat(_maxout_kernel, g3.size, stream, x3, o3, k, 1, g3)
    return _wrap_like(x, o3.reshape(*shape))
