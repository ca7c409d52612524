"""Losses on CUDA arrays: the host side (checks, views, launches).

``fastact.softmax_cross_entropy(cuda_logits, labels)`` and the rest come here (through
:mod:`fastact._api.route`).  The logits are a float32/float64 CUDA array of any
layout (a strided one is gathered into a contiguous array on the device), the class axis
any one axis (the (outer, n, inner) views of :mod:`fastact._cuda.axis`).  Labels,
``grad``, targets and ``pos_weight`` may be CUDA arrays (of the shape they have on the
CPU; used in place where their memory order lines up with the logits', else gathered on
the device) or host values (broadcast as on the CPU and copied over).  Class-index labels are
checked on the host (a CUDA array of them is copied back, one int per row, which waits
for its stream): an index out of range is a ValueError, never a wrong loss.  Results
are of the logits' kind, dtype, memory order and device, on their library's current
stream (``stream=`` overrides).  The options ``label_smoothing``, ``weight`` and
``ignore_index`` are as on the CPU; ``where=`` is the CPU's only; ``out=`` (a CUDA array of
any layout) is written from the result on the device.
"""

from __future__ import annotations

import math

import numpy as np

from . import arrays as A
from . import layouts as L
from . import loss_kernels as K
from .arrays import cuda
from .axis import lined_up, prepare_rows, rows3


def _logits(x, axis, fname, stream):
    """(device array, axis, shape, order) of CUDA logits (gathered on the device if strided)."""
    if not A.is_cuda_array(x):
        raise TypeError(f"fastact.{fname}: the logits must be a CUDA array when another "
                        "operand is one (or pass them all on the host)")
    dev, ax, shape, order = prepare_rows(x, axis, fname, stream)
    if not shape:
        raise ValueError(f"fastact.{fname}: logits must have a class axis (at least 1-d)")
    return dev, ax, shape, order


def _host(a):
    """A host NumPy array of ``a`` (a CUDA array is copied back)."""
    return A.as_device(a).copy_to_host() if A.is_cuda_array(a) else np.asarray(a)


def _rows_view(dev, ax, shape, order):
    """The (outer, inner) view of an array of the rows' shape (the logits' without ``ax``)."""
    pre, post = math.prod(shape[:ax]), math.prod(shape[ax + 1:])
    isz = dev.dtype.itemsize
    strides = (post * isz, isz) if order == "C" else (isz, pre * isz)
    return A.strided(dev, (pre, post), strides)


def _rows_operand(a, dtype, ax, shape, order, stream, fname, what):
    """``a`` (one value per row) as an (outer, inner) device view lined up with the logits."""
    rows = shape[:ax] + shape[ax + 1:]
    if A.is_cuda_array(a):
        dev = A.as_device(a)
        if tuple(dev.shape) == rows and dev.dtype == dtype:
            return _rows_view(L.gathered(dev, stream, a, order), ax, shape, order)
    try:
        host = np.broadcast_to(_host(a), rows)
    except ValueError:
        raise ValueError(f"fastact.{fname}: {what} must broadcast to the loss's shape {rows}, "
                         f"not {np.shape(a)}") from None
    host = np.asarray(host, dtype).reshape(rows)
    dev = cuda.to_device(np.array(host, order=order), stream=stream)
    return _rows_view(dev, ax, shape, order)


def _index_labels(labels, n, ignore_index, fname):
    """The class indices as int64 on the host, checked; ``ignore_index`` becomes -1."""
    lab = _host(labels).astype(np.int64)
    ignored = (lab == ignore_index) if ignore_index is not None else np.zeros(lab.shape, bool)
    bad = ~ignored & ((lab < 0) | (lab >= n))
    if bad.any():
        raise ValueError(f"fastact.{fname}: labels must be class indices in [0, {n})"
                         + ("" if ignore_index is None else f" or ignore_index={ignore_index}")
                         + f"; got {lab[bad][0]}")
    return np.where(ignored, -1, lab)


def _full_operand(a, dev, ax, shape, order, stream, fname, what):
    """``a`` of the logits' shape as an (outer, n, inner) device view lined up with them.

    A host ``a`` goes to the device in float64.
    """
    if A.is_cuda_array(a):
        d = A.as_device(a)
        if tuple(d.shape) != shape:
            raise ValueError(f"fastact.{fname}: a CUDA {what} must have the logits' shape "
                             f"{shape}, not {tuple(d.shape)}")
        d, dorder = lined_up(d, order, len(shape), ax, stream, a)
        return rows3(d, ax, dorder)
    try:
        host = np.broadcast_to(np.asarray(a, np.float64), shape)
    except ValueError:
        raise ValueError(f"fastact.{fname}: {what} must broadcast to the logits' shape "
                         f"{shape}, not {np.shape(a)}") from None
    # (float64: every label's value kept, as on the CPU; probabilities rounded to float32
    # logits' dtype cost a gradient that cancels against them its digits, 33 ulp where
    # hypothesis found one)
    return rows3(cuda.to_device(np.array(host, np.float64, order=order), stream=stream), ax, order)


def _xent(grad, logits, labels, axis, label_smoothing, weight, ignore_index, stream, fname):
    stream = A.launch_stream(logits, stream)
    dev, ax, shape, order = _logits(logits, axis, fname, stream)
    n = shape[ax]
    eps = float(label_smoothing)
    if not 0.0 <= eps <= 1.0:
        raise ValueError(f"fastact.{fname}: label_smoothing must be in [0, 1], got {eps}")
    x3 = rows3(dev, ax, order)
    ldt = A.as_device(labels).dtype if A.is_cuda_array(labels) else np.asarray(labels).dtype
    probs = ldt.kind == "f"
    if not probs and ldt.kind not in "iu":
        raise TypeError(f"fastact.{fname}: labels must be integer class indices or floating "
                        f"probabilities, not {ldt}")
    if probs:
        t3 = _full_operand(labels, dev, ax, shape, order, stream, fname, "labels")
        lab2 = cuda.device_array((1, 1), np.int64, stream=stream)
    else:
        lab = _index_labels(labels, n, ignore_index, fname)
        lab2 = _rows_operand(lab, np.int64, ax, shape, order, stream, fname, "labels")
        t3 = cuda.device_array((1, 1, 1), np.float64, stream=stream)  # (the probabilities' type)
    if weight is not None:
        w = _host(weight).astype(np.float64)
        if w.shape != (n,):
            raise ValueError(f"fastact.{fname}: weight must have one value per class, shape "
                             f"({n},), not {w.shape}")
        wd = cuda.to_device(w, stream=stream)
    else:
        wd = cuda.device_array(1, np.float64, stream=stream)
    rows = shape[:ax] + shape[ax + 1:]
    if grad is None:
        result, out = A.empty(logits, rows, dev.dtype, order, stream)
        o2 = _rows_view(out, ax, shape, order)
        g2 = None
    else:
        g2 = _rows_operand(grad, dev.dtype, ax, shape, order, stream, fname, "grad")
        result, out = A.empty(logits, shape, dev.dtype, order, stream)
        o2 = rows3(out, ax, order)
    lines = x3.shape[0] * x3.shape[2]
    if lines and n and grad is None:
        K.xent_kernel[lines, K.ROW_THREADS, stream](x3, lab2, t3, wd, eps, probs,
                                                    weight is not None, o2)
    elif lines and n:
        K.xent_grad_kernel[lines, K.ROW_THREADS, stream](x3, lab2, t3, wd, eps, probs,
                                                         weight is not None, g2, o2)
    elif lines and grad is None:  # no classes (probabilities): the sum of no terms
        out.copy_to_device(np.zeros(rows, dev.dtype, order=order), stream=stream)
    return result


@A.on_input_device
def softmax_cross_entropy(logits, labels, axis=-1, *, label_smoothing=0.0, weight=None,
                          ignore_index=None, stream=None):
    """Softmax cross-entropy of CUDA logits (see :func:`fastact.softmax_cross_entropy`)."""
    return _xent(None, logits, labels, axis, label_smoothing, weight, ignore_index, stream,
                 "softmax_cross_entropy")


@A.on_input_device
def softmax_cross_entropy_backward(grad, logits, labels, axis=-1, *, label_smoothing=0.0,
                                   weight=None, ignore_index=None, stream=None):
    """Its gradient on CUDA logits, in their dtype (see :func:`fastact.softmax_cross_entropy_backward`)."""
    return _xent(grad, logits, labels, axis, label_smoothing, weight, ignore_index, stream,
                 "softmax_cross_entropy_backward")


def _held_by_float32(a) -> bool:
    """Whether an operand of the binary loss reaches its kernel without a rounding to float32.

    A CUDA array of float32; a host array of a dtype whose values float32 holds (bool,
    8- and 16-bit integers, float16, float32); a number that float32 holds.
    """
    if A.is_cuda_array(a):
        return A.as_device(a).dtype == np.float32
    host = np.asarray(a)
    if host.ndim == 0:
        v = float(host)
        return float(np.float32(v)) == v
    return bool(np.can_cast(host.dtype, np.float32, "safe"))


def _flat_operand(a, dev, shape, order, stream, fname, what, dtype):
    """(flat device view, scalar value) of an operand of the binary loss.

    A CUDA array of the logits' shape and order is used in place, a scalar is its value
    (and an empty view), anything else is broadcast on the host and copied in ``dtype``.
    """
    if A.is_cuda_array(a):
        d = A.as_device(a)
        if tuple(d.shape) != shape:
            raise ValueError(f"fastact.{fname}: a CUDA {what} must have the logits' shape "
                             f"{shape}")
        return A.flat(L.gathered(d, stream, a, order)), 0.0
    host = np.asarray(a)
    if host.ndim == 0:
        return cuda.device_array(0, dtype, stream=stream), float(host)
    try:
        host = np.broadcast_to(host, shape)
    except ValueError:
        raise ValueError(f"fastact.{fname}: {what} must broadcast to the logits' shape "
                         f"{shape}, not {np.shape(a)}") from None
    return A.flat(cuda.to_device(np.array(host, dtype, order=order), stream=stream)), 0.0


def _bce(grad, logits, targets, pos_weight, stream, fname):
    stream = A.launch_stream(logits, stream)
    dev, _, shape, order = _logits(logits, -1, fname, stream)
    pw_given = 1.0 if pos_weight is None else pos_weight
    # the loss in float32 arithmetic as on the CPU (fastact.kernels.losses.bce_flat): a
    # float32 loss whose operands float32 holds (their host copies made in float32)
    narrow = (grad is None and dev.dtype == np.float32
              and _held_by_float32(targets) and _held_by_float32(pw_given))
    dtype = np.float32 if narrow else np.float64
    t, tv = _flat_operand(targets, dev, shape, order, stream, fname, "targets", dtype)
    pw, pwv = _flat_operand(pw_given, dev, shape, order, stream, fname, "pos_weight", dtype)
    g, gv = _flat_operand(1.0 if grad is None else grad, dev, shape, order, stream, fname,
                          "grad", np.float64)
    result, out = A.empty(logits, shape, dev.dtype, order, stream)
    size = math.prod(shape)
    if size:
        blocks = min(-(-size // A.TPB), A.max_blocks(A.device_id(logits)))
        K.bce_kernel[blocks, A.TPB, stream](A.flat(out), A.flat(dev), t, tv, pw, pwv, g, gv,
                                             grad is not None, narrow)
    return result


@A.on_input_device
def sigmoid_binary_cross_entropy(logits, targets, *, pos_weight=None, stream=None):
    """The binary loss of CUDA logits (see :func:`fastact.sigmoid_binary_cross_entropy`)."""
    return _bce(None, logits, targets, pos_weight, stream, "sigmoid_binary_cross_entropy")


@A.on_input_device
def sigmoid_binary_cross_entropy_backward(grad, logits, targets, *, pos_weight=None, stream=None):
    """Its gradient on CUDA logits (see :func:`fastact.sigmoid_binary_cross_entropy_backward`)."""
    return _bce(grad, logits, targets, pos_weight, stream, "sigmoid_binary_cross_entropy_backward")
