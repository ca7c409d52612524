"""Functions along an axis on CUDA arrays: the host side (checks, views, launches).

``fastact.softmax(cuda_x)`` and the rest come here (through :mod:`fastact._api.route`),
or are called as ``fastact.cuda.softmax``.  Arrays of any layout: a strided input is
gathered into a contiguous array on the device first (:mod:`fastact._cuda.layouts`); the
axis is one int; the (outer, n, inner) views around it line up input, output and gradient
without a copy; the result is of the input's kind, on its device and its library's
current stream (``stream=`` overrides), as :mod:`fastact._cuda.arrays` provides.
"""

from __future__ import annotations

import math

from .._core.axes import normalize_axes
from .._core.dtypes import device_dtype
from . import arrays as A
from . import axis_kernels as K
from . import layouts as L
from .arrays import cuda


def _launch_rows(x3, stream, block_kernel, cols_kernel, *args):
    """Run the softmax-family kernel that fits the (outer, n, inner) view ``x3``."""
    outer, n, inner = x3.shape
    lines = outer * inner
    if not lines:
        return
    if inner > 1 and lines >= K.COLUMN_MIN_LINES:
        cols_kernel[-(-lines // A.TPB), A.TPB, stream](x3, *args)
        return
    threads = K.ROW_WARP if n <= K.ROW_SHORT else A.TPB
    cached = 0 < n <= K.CACHE_MAX
    block_kernel[lines, threads, stream, 8 * n if cached else 0](x3, *args, cached)


def rows3(dev, axis, order):
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
    return A.strided(dev, (pre, n, post), strides)


def lines_agree(order_a, order_b, ndim, axis):
    """True if two arrays of these orders have their lines along ``axis`` in one order."""
    return order_a == order_b or (axis <= 1 and ndim - axis <= 2)


def prepare_rows(x, axis, fname, stream):
    """``(device array, axis, shape, order)`` of a float32/float64 CUDA input.

    A strided ``x`` is gathered into a new C-contiguous array on the device (on
    ``stream``) first.  One axis only on the GPU: a tuple or None is a ValueError that
    says what to do.
    """
    A.require_device()
    dev = A.as_device(x)
    device_dtype(dev.dtype, fname)
    shape = tuple(dev.shape)
    axes = normalize_axes(axis, max(len(shape), 1), fname)
    if len(axes) != 1:
        raise ValueError(f"fastact.{fname}: on CUDA arrays axis must be one int, not {axis!r} "
                         "(reshape the axes into one first: they must be adjacent)")
    axis = axes[0]
    dev = L.gathered(dev, stream, x)
    return dev, axis, shape, A.order(dev, fname)


def lined_up(dev, order, ndim, axis, stream, template):
    """``(dev, its order)`` if its lines along ``axis`` are in ``order``'s, else a copy in ``order``.

    The copy is made on the device.
    """
    have = L.orders(dev)
    for o in ("C", "F"):
        if o in have and lines_agree(order, o, ndim, axis):
            return dev, o
    return L.gathered(dev, stream, template, order), order


def _grad_view(grad, dev, ax, order, shape, fname, stream):
    """The (outer, n, inner) view of a CUDA ``grad`` of ``shape``, lined up with ``dev``'s."""
    g = A.as_device(grad)
    if tuple(g.shape) != shape or g.dtype != dev.dtype:
        raise ValueError(f"fastact.{fname}: grad must have shape {shape} and dtype {dev.dtype}")
    g, gorder = lined_up(g, order, len(shape), ax, stream, grad)
    return rows3(g, ax, gorder)


def _like(template, dev, shape, order, stream):
    """``(result, device view)`` of a new array of ``template``'s kind and ``dev``'s dtype."""
    return A.empty(template, shape, dev.dtype, order, stream)


@A.on_input_device
def _rows_forward(x, axis, fname, sign, mode, stream):
    stream = A.launch_stream(x, stream)
    dev, ax, shape, order = prepare_rows(x, axis, fname, stream)
    result, out = _like(x, dev, shape, order, stream)
    x3, o3 = rows3(dev, ax, order), rows3(out, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows and x3.shape[1]:
        dummy = cuda.device_array((1, 1), dtype=x3.dtype, stream=stream)
        _launch_rows(x3, stream, K.softmax_kernel, K.softmax_cols_kernel, o3, sign, mode, dummy)
    return result


def softmax(x, axis=-1, stream=None):
    """Softmax of a CUDA array along ``axis`` (see :func:`fastact.softmax`)."""
    return _rows_forward(x, axis, "softmax", 1.0, K.MODE_SOFTMAX, stream)


def log_softmax(x, axis=-1, stream=None):
    """log_softmax of a CUDA array along ``axis`` (see :func:`fastact.log_softmax`)."""
    return _rows_forward(x, axis, "log_softmax", 1.0, K.MODE_LOG_SOFTMAX, stream)


def softmin(x, axis=-1, stream=None):
    """softmin of a CUDA array along ``axis`` (see :func:`fastact.softmin`)."""
    return _rows_forward(x, axis, "softmin", -1.0, K.MODE_SOFTMAX, stream)


def _reduced(dev, ax, order):
    """(pre, post) view of an array whose reduced axis ``ax`` is kept as length 1."""
    r3 = rows3(dev, ax, order)
    return A.strided(r3, (r3.shape[0], r3.shape[2]), (r3.strides[0], r3.strides[2]))


@A.on_input_device
def logsumexp(x, axis=-1, keepdims=False, stream=None):
    """logsumexp of a CUDA array along ``axis`` (see :func:`fastact.logsumexp`)."""
    stream = A.launch_stream(x, stream)
    dev, ax, shape, order = prepare_rows(x, axis, "logsumexp", stream)
    keep = shape[:ax] + (1,) + shape[ax + 1:] if shape else ()
    result, out = _like(x, dev, keep, order, stream)
    x3 = rows3(dev, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows:
        _launch_rows(x3, stream, K.logsumexp_kernel, K.logsumexp_cols_kernel,
                     _reduced(out, ax, order))
    if not keepdims and shape:  # drop the length-1 axis: a view, in either order
        if result is not out:  # CuPy, PyTorch
            return result.squeeze(ax)
        return A.strided(out, keep[:ax] + keep[ax + 1:], out.strides[:ax] + out.strides[ax + 1:])
    return result


@A.on_input_device
def _grad_rows(grad, y, axis, fname, mode, stream):
    stream = A.launch_stream(y, stream)
    dev, ax, shape, order = prepare_rows(y, axis, fname, stream)
    g3 = _grad_view(grad, dev, ax, order, shape, fname, stream)
    result, out = _like(y, dev, shape, order, stream)
    y3 = rows3(dev, ax, order)
    rows = y3.shape[0] * y3.shape[2]
    if rows and y3.shape[1]:
        K.softmax_grad_kernel[rows, A.TPB, stream](g3, y3, rows3(out, ax, order), mode)
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


@A.on_input_device
def logsumexp_backward(grad, x, axis=-1, stream=None):
    """``grad * softmax(x)`` on CUDA arrays (``grad`` of the reduced shape, or with the axis kept)."""
    stream = A.launch_stream(x, stream)
    dev, ax, shape, order = prepare_rows(x, axis, "logsumexp_backward", stream)
    g = A.as_device(grad)
    keep = shape[:ax] + (1,) + shape[ax + 1:] if shape else ()
    if shape and tuple(g.shape) == keep[:ax] + keep[ax + 1:]:  # view g with the axis kept
        isz = g.dtype.itemsize
        g = A.strided(g, keep, tuple(g.strides[:ax]) + (isz,) + tuple(g.strides[ax:]))
    if tuple(g.shape) != keep or g.dtype != dev.dtype:
        raise ValueError("fastact.logsumexp_backward: grad must have x's dtype and the reduced "
                         f"shape {keep[:ax] + keep[ax + 1:]} (or {keep})")
    g, gorder = lined_up(g, order, len(shape), ax, stream, grad)
    result, out = _like(x, dev, shape, order, stream)
    x3 = rows3(dev, ax, order)
    rows = x3.shape[0] * x3.shape[2]
    if rows and x3.shape[1]:
        _launch_rows(x3, stream, K.softmax_kernel, K.softmax_cols_kernel, rows3(out, ax, order),
                     1.0, K.MODE_SCALED_SOFTMAX, _reduced(g, ax, gorder))
    return result


def _launch_flat(kernel, n, stream, *args):
    if n:
        kernel[-(-n // A.TPB), A.TPB, stream](*args)  # one thread an element (no grid stride)


def _grouped(x, axis, k, fname, stream):
    """Input, axis, shape, order, and the shape with the axis divided by ``k``."""
    dev, ax, shape, order = prepare_rows(x, axis, fname, stream)
    if not shape:
        raise ValueError(f"fastact.{fname}: x must have at least one dimension")
    if k < 1 or shape[ax] % k:
        what = "even" if fname.startswith("glu") else f"divisible by k={k}"
        raise ValueError(f"fastact.{fname}: the length {shape[ax]} of axis {ax} must be {what}")
    return dev, ax, shape, order, shape[:ax] + (shape[ax] // k,) + shape[ax + 1:]


@A.on_input_device
def glu(x, axis=-1, stream=None):
    """GLU of a CUDA array along ``axis``."""
    stream = A.launch_stream(x, stream)
    dev, ax, shape, order, half = _grouped(x, axis, 2, "glu", stream)
    result, out = _like(x, dev, half, order, stream)
    o3 = rows3(out, ax, order)
    _launch_flat(K.glu_kernel, o3.size, stream, rows3(dev, ax, order), o3)
    return result


@A.on_input_device
def glu_backward(grad, x, axis=-1, stream=None):
    """Gradient of :func:`glu` on CUDA arrays."""
    stream = A.launch_stream(x, stream)
    dev, ax, shape, order, half = _grouped(x, axis, 2, "glu_backward", stream)
    g3 = _grad_view(grad, dev, ax, order, half, "glu_backward", stream)
    result, out = _like(x, dev, shape, order, stream)
    _launch_flat(K.glu_grad_kernel, g3.size, stream, g3, rows3(dev, ax, order),
                 rows3(out, ax, order))
    return result


@A.on_input_device
def maxout(x, k, axis=-1, stream=None):
    """Maxout of a CUDA array along ``axis``."""
    stream = A.launch_stream(x, stream)
    dev, ax, shape, order, small = _grouped(x, axis, k, "maxout", stream)
    result, out = _like(x, dev, small, order, stream)
    o3 = rows3(out, ax, order)
    _launch_flat(K.maxout_kernel, o3.size, stream, rows3(dev, ax, order), o3, k, 0, o3)
    return result


@A.on_input_device
def maxout_backward(grad, x, k, axis=-1, stream=None):
    """Gradient of :func:`maxout` on CUDA arrays."""
    stream = A.launch_stream(x, stream)
    dev, ax, shape, order, small = _grouped(x, axis, k, "maxout_backward", stream)
    g3 = _grad_view(grad, dev, ax, order, small, "maxout_backward", stream)
    result, out = _like(x, dev, shape, order, stream)
    _launch_flat(K.maxout_kernel, g3.size, stream, rows3(dev, ax, order), rows3(out, ax, order),
                 k, 1, g3)
    return result
