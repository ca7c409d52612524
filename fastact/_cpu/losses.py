"""Losses on NumPy arrays: the host side of the softmax and binary cross-entropy kernels.

The class axis is moved last and the logits made C-contiguous in the compute dtype (a
copy only when needed); labels become either one class index per row (the fast kernel)
or a row of target coefficients ``c >= 0`` (probabilities, label smoothing, class
weights, ``where=``: the general kernel).  Those rows come from a dense array only where
they must (``where=``, or probabilities with options; float32 probabilities are not
widened on the host): smoothed class indices are made into each row's coefficients in the
kernel, in cache (a dense (rows, n) float64 array built in NumPy cost 4x PyTorch's
time).  Blocks of rows run on the thread pool for large inputs
(:mod:`fastact._core.threads`).  The kernels are :mod:`fastact.kernels.losses`.

The binary cross-entropy is elementwise: float32 and float64 operands of the logits'
shape reach its kernels as they are, numbers as numbers, other dtypes and broadcast
shapes as copies (float32 where float32 holds the dtype's values, else float64); the
kernels compute a float32 loss in float32 where every operand is float32 (else each
element widened to float64 and the result rounded once as it is stored); large calls
split in spans over threads.
"""

from __future__ import annotations

import math

import numpy as np

from .._core import threads
from .._core.axes import mask as _mask
from .._core.axes import single_axis
from .._core.dtypes import FLOAT32, FLOAT64, NATIVE_FLOATS, check_out_array, check_real, result_dtypes
from .._core.jit import ARTIFACTS, compiled
from .axis import finish
from .lazy import kernels


def _by_rows(kernel, split, args: tuple, size: int, key: tuple) -> None:
    """``kernel(*args)`` (every argument indexed by row: :func:`_rows`), split over threads.

    On Numba's threads (``split``, a ``prange`` over blocks of rows) where its threading
    layer may run them (:func:`fastact._core.threads.native_threads`), else blocks of rows
    on the Python pool.  Compiled the first time inside the compile policy.
    """
    rows = len(args[0])
    nthreads = threads.num_threads() if size >= threads.NATIVE_MIN_SIZE and rows > 1 else 1
    native = nthreads > 1 and threads.native_threads()
    if native:
        _compiled((*key, "split"), lambda: split(*(_rows(a, 0, 1) for a in args), 1))
        split(*args, nthreads)
        return
    _compiled(key, lambda: kernel(*(_rows(a, 0, 1) for a in args)))
    if nthreads < 2 or size < threads.AXIS_MIN_SIZE:
        kernel(*args)
    else:
        threads.on_threads(lambda lo, hi: kernel(*(_rows(a, lo, hi) for a in args)), rows,
                           nthreads, 1)


def _class_axis_last(a: np.ndarray, axis: int) -> np.ndarray:
    """``a`` with its class axis ``axis`` (non-negative) last: itself where it is already last.

    (``np.moveaxis`` costs about 4 us a call, a third of a small training step's loss.)
    """
    return a if axis == a.ndim - 1 else np.moveaxis(a, axis, -1)


def _rows(a, lo: int, hi: int):
    """Rows ``[lo, hi)`` of an argument: an array, or a smoothed index (its labels' rows)."""
    return (a[0][lo:hi], *a[1:]) if isinstance(a, tuple) else a[lo:hi]


class _Targets:
    """The targets of each row: class indices and their weight, or coefficient rows.

    ``coef``: a (rows, n) array (float32 probabilities as they are, else float64), or a
    smoothed class index ``(labels, v, spread, top)`` whose rows the kernels make one at a
    time (:func:`fastact.kernels.losses.xent_coef_rows`).
    """

    def __init__(self, index=None, weight=None, coef=None, keep=None):
        self.index, self.weight, self.coef, self.keep = index, weight, coef, keep

    def kind(self) -> str:
        """The coefficients' kind, for the compiled kernels' keys: dtype, or smoothed."""
        return "smoothed" if isinstance(self.coef, tuple) else self.coef.dtype.char


def _targets(labels, shape: tuple[int, ...], axis: int, label_smoothing, weight, ignore_index,
             where, fname: str) -> _Targets:
    """Check the labels and options against logits of ``shape``, class axis ``axis``."""
    n = shape[axis]
    rows_shape = shape[:axis] + shape[axis + 1:]
    la = np.asarray(labels)
    eps = float(label_smoothing)
    if not 0.0 <= eps <= 1.0:
        raise ValueError(f"fastact.{fname}: label_smoothing must be in [0, 1], got {eps}")
    w = None
    if weight is not None:
        w = check_real(weight, "weight", fname).astype(np.float64)
        if w.shape != (n,):
            raise ValueError(f"fastact.{fname}: weight must have one value per class, shape "
                             f"({n},), not {w.shape}")
    keep = None
    if where is not None:
        keep = _class_axis_last(_mask(where, shape, fname), axis).reshape(-1, n)
    if la.dtype.kind in "iu":
        try:
            lab = (la if la.shape == rows_shape else np.broadcast_to(la, rows_shape))
            lab = lab.reshape(-1).astype(np.int64, copy=False)
        except ValueError:
            raise ValueError(f"fastact.{fname}: class-index labels must have the logits' shape "
                             f"without the class axis, {rows_shape}, not {la.shape}") from None
        if (ignore_index is None and eps == 0.0 and keep is None and w is None
                and (not lab.size or 0 <= lab.min() and lab.max() < n)):
            return _Targets(index=lab, weight=np.ones(lab.size))  # the common call, in short
        ignored = (lab == ignore_index) if ignore_index is not None else np.zeros(lab.size, bool)
        bad = ~ignored & ((lab < 0) | (lab >= n))
        if bad.any():
            raise ValueError(f"fastact.{fname}: labels must be class indices in [0, {n})"
                             + ("" if ignore_index is None else f" or ignore_index={ignore_index}")
                             + f"; got {lab[bad][0]}")
        safe = np.where(ignored, 0, lab)
        if eps == 0.0 and keep is None:
            wl = np.ones(lab.size) if w is None else w[safe]
            return _Targets(index=safe, weight=np.where(ignored, 0.0, wl))
        if keep is None:  # smoothed: each row's coefficients made in the kernel, in cache
            spread = eps / n
            return _Targets(coef=(np.where(ignored, -1, lab), np.ones(n) if w is None else w,
                                  spread, (1.0 - eps) + spread))
        t = np.zeros((lab.size, n))
        t[np.arange(lab.size), safe] = 1.0
    elif la.dtype.kind == "f" or la.dtype.kind == "V":
        ignored = None
        try:
            t = _class_axis_last(np.broadcast_to(check_real(la, "labels", fname), shape), axis)
        except ValueError:
            raise ValueError(f"fastact.{fname}: probability labels must broadcast to the "
                             f"logits' shape {shape}, not {la.shape}") from None
        if eps == 0.0 and keep is None and w is None and t.dtype in (np.float32, np.float64):
            # as they are (the kernels widen each to float64 exactly): no float64 copy
            return _Targets(coef=np.ascontiguousarray(t).reshape(-1, n))
        t = t.reshape(-1, n).astype(np.float64)
    else:
        raise TypeError(f"fastact.{fname}: labels must be integer class indices or floating "
                        f"probabilities, not {la.dtype}")
    if keep is not None:
        t = np.where(keep, t, 0.0)
    if eps:
        count = n if keep is None else keep.sum(axis=1, keepdims=True)
        spread = eps / np.maximum(count, 1)
        t = (1.0 - eps) * t + (spread if keep is None else np.where(keep, spread, 0.0))
    c = t if w is None else t * w
    if ignored is not None:
        c[ignored] = 0.0
    return _Targets(coef=np.ascontiguousarray(c), keep=keep)


def _compiled(key: tuple, first) -> None:
    if key not in ARTIFACTS:
        compiled(key, lambda: first() is not None)


def _prepare(logits, axis, fname):
    xa = check_real(logits, "logits", fname)
    if xa.ndim == 0:
        raise ValueError(f"fastact.{fname}: logits must have a class axis (at least 1-d)")
    ax = single_axis(axis, xa.ndim, fname)
    return xa, ax


def _plain_index(logits, labels, axis, label_smoothing, weight, ignore_index, where, out):
    """``(x2, targets)`` for the common call, or None (the general path's checks).

    The common call: C-contiguous float32/float64 logits of at least one element along
    their last axis, integer class indices of the rows' shape within ``[0, n)``, no
    option and no ``out=``.  ``x2`` is the logits' (rows, n) view and the targets are
    :func:`_targets`' in short (the indices as int64, weights of ones): the general path's
    arrays for the same call, so the same compiled kernel and the same bits, without its
    checks, casts and axis moves (a training loop's per-call cost).
    """
    if not (type(logits) is np.ndarray and type(labels) is np.ndarray and out is None
            and weight is None and ignore_index is None and where is None
            and type(axis) is int and logits.ndim and (axis == -1 or axis == logits.ndim - 1)
            and logits.size and logits.dtype in NATIVE_FLOATS and logits.flags.c_contiguous
            and labels.dtype.kind in "iu" and labels.shape == logits.shape[:-1]
            and type(label_smoothing) in (int, float) and label_smoothing == 0):
        return None
    n = logits.shape[-1]
    lab = labels.reshape(-1).astype(np.int64, copy=False)
    if lab.min() < 0 or lab.max() >= n:
        return None  # (the general path says which label)
    return logits.reshape(-1, n), _Targets(index=lab, weight=np.ones(lab.size))


def softmax_cross_entropy(logits, labels, axis, label_smoothing, weight, ignore_index, where,
                          out, return_stats=False, fname="softmax_cross_entropy"):
    """The work of :func:`fastact.softmax_cross_entropy` (see its docstring)."""
    K = kernels("losses")
    plain = _plain_index(logits, labels, axis, label_smoothing, weight, ignore_index, where, out)
    if plain is not None:
        x2, tg = plain
        lead, result = logits.shape[:-1], x2.dtype
    else:
        xa, ax = _prepare(logits, axis, fname)
        compute, result = result_dtypes([xa])
        out = check_out_array(out, fname)
        xm = _class_axis_last(xa, ax)
        tg = _targets(labels, xa.shape, ax, label_smoothing, weight, ignore_index, where, fname)
        x2 = np.ascontiguousarray(xm, dtype=compute).reshape(-1, xm.shape[-1])
        if tg.keep is not None:  # masked entries take no part
            x2 = np.where(tg.keep, x2, -np.inf).astype(compute)
        lead = xm.shape[:-1]
    rows = x2.shape[0]
    loss = np.empty(rows, FLOAT64)
    stats = np.empty((rows if return_stats else 0, 2), FLOAT64)
    if tg.index is not None:
        _by_rows(K.xent_index_rows, K.xent_index_rows_split,
                 (x2, tg.index, tg.weight, loss, stats), x2.size, ("xent", False, True, x2.dtype.char))
    else:
        _by_rows(K.xent_coef_rows, K.xent_coef_rows_split, (x2, tg.coef, loss, stats), x2.size,
                 ("xent", False, tg.kind(), x2.dtype.char))
    res = finish(loss.reshape(lead).astype(result, copy=False), out, fname)
    return (res, stats.reshape(*lead, 2)) if return_stats else res


def _stats(stats, shape: tuple[int, ...], fname: str):
    """The forward's saved row statistics as a (rows, 2) float64 array, or an empty one."""
    if stats is None:
        return np.empty((0, 2), FLOAT64)
    st = np.asarray(stats)
    if st.dtype != FLOAT64 or st.shape != (*shape, 2):
        raise ValueError(f"fastact.{fname}: stats must be what the forward returned with "
                         f"return_stats=True for these logits: float64 of shape {(*shape, 2)}, "
                         f"not {st.dtype} {st.shape}")
    return np.ascontiguousarray(st).reshape(-1, 2)


def softmax_cross_entropy_backward(grad, logits, labels, axis, label_smoothing, weight,
                                   ignore_index, where, out, stats=None,
                                   fname="softmax_cross_entropy_backward"):
    """The work of :func:`fastact.softmax_cross_entropy_backward` (see its docstring)."""
    K = kernels("losses")
    plain = _plain_index(logits, labels, axis, label_smoothing, weight, ignore_index, where, out)
    if plain is not None and (type(grad) is float or type(grad) is np.ndarray
                              and grad.dtype == logits.dtype and grad.shape == logits.shape[:-1]):
        # (a Python float or an array of the losses' shape and the logits' dtype: the
        # result's dtype is the logits')
        x2, tg = plain
        ax, result, shape = logits.ndim - 1, x2.dtype, logits.shape
        if type(grad) is float:
            g1 = np.full(x2.shape[0], grad, FLOAT64)
        else:
            g1 = np.asarray(grad).reshape(-1).astype(np.float64)
    else:
        xa, ax = _prepare(logits, axis, fname)
        g = check_real(grad, "grad", fname)
        compute, result = result_dtypes([g, xa], [grad, logits])
        out = check_out_array(out, fname)
        xm = _class_axis_last(xa, ax)
        tg = _targets(labels, xa.shape, ax, label_smoothing, weight, ignore_index, where, fname)
        try:
            g1 = g if g.shape == xm.shape[:-1] else np.broadcast_to(g, xm.shape[:-1])
            g1 = g1.reshape(-1).astype(np.float64)
        except ValueError:
            raise ValueError(f"fastact.{fname}: grad must broadcast to the loss's shape "
                             f"{xm.shape[:-1]}, not {g.shape}") from None
        x2 = np.ascontiguousarray(xm, dtype=compute).reshape(-1, xm.shape[-1])
        if tg.keep is not None:  # masked entries take no part
            x2 = np.where(tg.keep, x2, -np.inf).astype(compute)
        shape = xm.shape
    st = _stats(stats, shape[:-1], fname)
    d2 = np.empty(x2.shape, x2.dtype)
    if tg.index is not None:
        _by_rows(K.xent_index_backward_rows, K.xent_index_backward_rows_split,
                 (g1, x2, tg.index, tg.weight, st, d2), x2.size, ("xent", True, True, x2.dtype.char))
    else:
        _by_rows(K.xent_coef_backward_rows, K.xent_coef_backward_rows_split,
                 (g1, x2, tg.coef, st, d2), x2.size, ("xent", True, tg.kind(), x2.dtype.char))
    d = d2.reshape(shape)
    res = (d if ax == d.ndim - 1 else np.moveaxis(d, -1, ax)).astype(result, copy=False)
    return finish(res, out, fname)


def _bce_operand(a: np.ndarray, shape: tuple[int, ...]):
    """One operand of the binary loss's kernels: flat, or a float64 number.

    float32 and float64 arrays (native byte order) of the whole shape as they are, made
    C-contiguous; a 0-d array one float64 number; anything else (other dtypes, shapes that
    broadcast) a copy of the whole shape, float32 where float32 holds every value of its
    dtype (bool, 8- and 16-bit integers, float16, float32 of the other byte order), else
    float64.  No value changes on the way (the kernels compute in float32 only where
    every operand is float32 and every number one that float32 holds:
    :func:`fastact.kernels.losses.bce_flat`).
    """
    if not a.ndim:
        return float(a)
    dt = a.dtype
    if a.shape == shape and dt.char in "fd" and dt.isnative:
        return np.ascontiguousarray(a).reshape(-1)
    to = FLOAT32 if np.can_cast(dt, FLOAT32, "safe") else FLOAT64
    return np.ascontiguousarray(np.broadcast_to(a, shape), dtype=to).reshape(-1)


def _bce_operands(logits, targets, pos_weight, fname, extra=(), given=()):
    """The operands for the kernels (:func:`_bce_operand`), the shape and result dtype.

    ``extra``: arrays before the logits (the backward's grad), made from ``given``.
    """
    xa = check_real(logits, "logits", fname)
    ta = check_real(targets, "targets", fname)
    pa = check_real(1.0 if pos_weight is None else pos_weight, "pos_weight", fname)
    compute, result = result_dtypes([*extra, xa], [*(given or extra), logits])
    arrays = (*extra, xa, ta, pa)
    if all(a.shape == xa.shape or not a.ndim for a in arrays):  # (the common call, in short)
        shape = xa.shape
    else:
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays))
        except ValueError:
            raise ValueError(f"fastact.{fname}: logits {xa.shape}, targets {ta.shape} and "
                             f"pos_weight {pa.shape} do not broadcast together") from None
    return [_bce_operand(a, shape) for a in arrays], shape, result


def _bce_run(backward: bool, operands: list, shape: tuple[int, ...], result: np.dtype, out,
             fname: str):
    """The loss (or its gradient) of the operands into a new array of ``shape``.

    The kernel stores in the result's dtype where it is float32 or float64 (else float64,
    cast after).  Below :data:`fastact._core.threads.NATIVE_MIN_SIZE` elements it is called
    directly (a new kind of operand, array dtype or number, compiles on its first call,
    inside fastact's compile options: :func:`fastact._core.jit.jit`); from
    :func:`fastact._core.threads.split_threshold`'s size for compute-bound elementwise
    calls, it runs in spans on Numba's threads (a ``prange``) where its layer may run them,
    else on the Python pool, compiled first on one element.
    """
    K = kernels("losses")
    kernel = K.bce_backward_flat if backward else K.bce_flat
    split = K.bce_backward_flat_split if backward else K.bce_flat_split
    key = ("bce", backward)
    size = math.prod(shape)
    res = np.empty(size, result if result.char in "fd" else FLOAT64)
    if size < threads.NATIVE_MIN_SIZE:
        kernel(*operands, res)
        return finish(res.reshape(shape).astype(result, copy=False), out, fname)

    def part(a, lo, hi):
        return a[lo:hi] if isinstance(a, np.ndarray) else a

    def call(lo, hi):
        kernel(*(part(a, lo, hi) for a in operands), res[lo:hi])

    kinds = tuple(a.dtype.char if isinstance(a, np.ndarray) else "n" for a in operands)
    nthreads = threads.num_threads()
    native = nthreads > 1 and threads.native_threads()
    if nthreads > 1 and size >= threads.split_threshold(False, native):
        if native:
            _compiled((*key, "split", kinds, res.dtype.char),
                      lambda: split(*(part(a, 0, 1) for a in operands), res[:1], 1))
            split(*operands, res, nthreads)
        else:
            _compiled((*key, kinds, res.dtype.char), lambda: call(0, 1))
            threads.on_threads(call, size, nthreads)
    else:
        call(0, size)
    return finish(res.reshape(shape).astype(result, copy=False), out, fname)


def sigmoid_binary_cross_entropy(logits, targets, pos_weight, out,
                                 fname="sigmoid_binary_cross_entropy"):
    """The work of :func:`fastact.sigmoid_binary_cross_entropy` (see its docstring)."""
    out = check_out_array(out, fname)
    operands, shape, result = _bce_operands(logits, targets, pos_weight, fname)
    return _bce_run(False, operands, shape, result, out, fname)


def sigmoid_binary_cross_entropy_backward(grad, logits, targets, pos_weight, out,
                                          fname="sigmoid_binary_cross_entropy_backward"):
    """The work of :func:`fastact.sigmoid_binary_cross_entropy_backward` (see its docstring)."""
    out = check_out_array(out, fname)
    g = check_real(grad, "grad", fname)
    operands, shape, result = _bce_operands(logits, targets, pos_weight, fname, (g,), (grad,))
    return _bce_run(True, operands, shape, result, out, fname)
