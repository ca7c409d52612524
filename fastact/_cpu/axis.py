"""Functions along an axis on NumPy arrays: the host side of the compiled row kernels.

softmax, log_softmax, softmin and logsumexp (:func:`forward`) and their backward passes
(:func:`backward`): the axes are viewed as one (a reshape when they are consecutive, else
moved last in a copy) and the data made C-contiguous in the compute dtype; the array is
then (pre, n, post) around the axis, and the kernels of :mod:`fastact.kernels.axis` run
along rows (post == 1) or across contiguous columns, blocks of rows or ranges of columns
on Numba's threads (or, where its layer cannot run them, on the thread pool) for large
inputs (:mod:`fastact._core.threads`).  Float64 arithmetic (float32 terms for float32
lines whose maxima allow them), compensated sums for float64, rounded once.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .._core import threads
from .._core.axes import as_one_axis, normalize_axes, reduced_shape, restore
from .._core.axes import mask as _mask
from .._core.dtypes import (
    NATIVE_FLOATS,
    check_out_array,
    check_real,
    requested_dtype,
    result_dtypes,
    scalar_if_0d,
)
from .._core.jit import ARTIFACTS, compiled
from .lazy import kernels


def _native_pieces(size, pre, post):
    """The pieces of a (pre, n, post) problem of ``size`` elements on Numba's threads, or 0.

    The ``*_split`` kernels take blocks of rows (``post == 1``, from
    :data:`~fastact._core.threads.NATIVE_MIN_SIZE` elements) or ranges of columns (from
    :data:`~fastact._core.threads.AXIS_MIN_SIZE`, as on the pool: pieces of 128 columns
    ran slower at (256, 256), 2 threads), one per thread, where that threading layer runs
    (:func:`~fastact._core.threads.native_threads`).
    """
    if size >= (threads.NATIVE_MIN_SIZE if post == 1 else threads.AXIS_MIN_SIZE):
        nthreads = threads.num_threads()
        parts = pre > 1 if post == 1 else post >= 2 * nthreads * threads.ALIGN
        if nthreads > 1 and parts and threads.native_threads():
            return nthreads
    return 0


def _one_call(size, pre, post):
    """Whether a (pre, n, post) problem that :func:`_native_pieces` does not split runs as one call.

    Else :func:`_on_blocks` splits it on the thread pool (blocks of ``pre``, or column
    ranges), from :data:`~fastact._core.threads.AXIS_MIN_SIZE` elements.
    """
    nthreads = threads.num_threads() if size >= threads.AXIS_MIN_SIZE else 1
    return nthreads < 2 or (pre < nthreads and post < 2 * nthreads * threads.ALIGN)


def _on_blocks(call, ins, out3, split=None, key=None):
    """Run ``call(*in_blocks, out_block, lo, hi)`` over a (pre, n, post) problem.

    ``ins``: the inputs, the last one (pre, n, post), others that or (pre, post) (logsumexp's
    grad).  ``split(*ins, out3, pieces)``: the kernel over blocks of rows or ranges of
    columns on Numba's threads where :func:`_native_pieces` says so, compiled the first
    time under ``key``; else one call (:func:`_one_call`), or blocks of ``pre`` on the
    thread pool when there are enough, else column ranges ``lo:hi`` of ``post``.
    """
    pre, post = ins[-1].shape[0], ins[-1].shape[2]
    size = ins[-1].size
    pieces = _native_pieces(size, pre, post) if split is not None else 0
    if pieces:
        _split_call(key, split, (*ins, out3), pieces)
        return
    if _one_call(size, pre, post):
        call(*ins, out3, 0, post)
        return
    nthreads = threads.num_threads()
    if pre >= nthreads:
        threads.on_threads(lambda lo, hi: call(*[a[lo:hi] for a in ins], out3[lo:hi], 0, post),
                           pre, nthreads, 1)
    else:  # column ranges of whole cache lines
        threads.on_threads(lambda lo, hi: call(*ins, out3, lo, hi), post, nthreads, threads.ALIGN)


def forward(x, axis, fname, *, reduce=False, keepdims=False, sign=1.0, mode=0, out=None,
                dtype=None, where=None):
    """softmax / log_softmax / softmin (``mode``, ``sign``) or logsumexp (``reduce``).

    ``axis``: an int, a tuple of ints or None (every axis); the axes are viewed as one
    (:func:`fastact._core.axes.as_one_axis`: a reshape if they are consecutive, else moved
    last in a copy).  ``out``: written as NumPy's ``out=`` (same shape, cast same_kind);
    the kernels write straight into it when it is a C-contiguous array of the compute
    dtype that does not share memory with ``x``.  ``where``: masked entries are set to
    -inf (+inf for softmin) before, and to 0 (-inf for log_softmax) after, so that they
    take no part and a group with every entry masked gives 0 / -inf (JAX's results).
    """
    if (type(x) is np.ndarray and x.dtype in NATIVE_FLOATS and x.ndim and x.flags.c_contiguous
            and out is None and dtype is None and where is None and x.size
            and (axis == -1 or axis == x.ndim - 1) and type(axis) is int):
        res = _last_axis(x, reduce, keepdims, sign, mode)
        if res is not None:
            return res
    xa = check_real(x, "x", fname)
    if dtype is not None:
        xa = xa.astype(requested_dtype(dtype, fname), copy=False)
    mask = None
    if where is not None:
        mask = _mask(where, xa.shape, fname)
        xa = np.where(mask, xa, -np.inf if sign > 0 else np.inf)
    compute, result = result_dtypes([xa])
    out = check_out_array(out, fname)
    kw = {"reduce": reduce, "sign": sign, "mode": mode}
    if xa.ndim == 0:  # one group of one entry (axis -1, 0, None or ())
        normalize_axes(axis, 1, fname)
        res = _one_axis(xa.reshape(1), 0, compute, result, **kw).reshape(())
        return finish(_unmasked(res, mask, mode, reduce), out, fname)
    axes = normalize_axes(axis, xa.ndim, fname)
    direct = None
    if out is not None and len(axes) == 1 and not keepdims:
        want = reduced_shape(xa.shape, axes, False) if reduce else xa.shape
        direct = _direct_out(out, want, compute, result, (xa,))
    xm, ax, moved = as_one_axis(xa, axes)
    r = _one_axis(xm, ax, compute, result, buf=direct, **kw)
    if reduce:
        res = r.reshape(reduced_shape(xa.shape, axes, keepdims))
    else:
        res = restore(r, axes, moved)
    return finish(_unmasked(res, mask, mode, reduce), out, fname)


def _direct_out(out, shape, compute, result, inputs):
    """``out`` if the kernels may write into it directly, else None.

    C-contiguous, of ``shape`` and of the compute dtype (which is the result's), sharing
    no memory with ``inputs``.
    """
    if (out.dtype == compute == result and out.flags.c_contiguous and out.shape == shape
            and not any(np.may_share_memory(out, a) for a in inputs)):
        return out
    return None


def _unmasked(res, mask, mode, reduce):
    """Masked entries of a same-shape result set to 0 (-inf for log_softmax), in place."""
    if mask is None or reduce:
        return res
    if res.ndim == 0:
        return res if mask else res.dtype.type(-np.inf if mode == 1 else 0.0)
    np.copyto(res, -np.inf if mode == 1 else 0.0, where=~mask)
    return res


def _last_axis(x, reduce, keepdims, sign, mode):
    """:func:`forward` along the last axis of a C-contiguous float32/float64 array, or None.

    Without the general path's checks, axis grouping and closures: the per-call cost of
    a training loop's softmax on a (batch, classes) array.  The kernels get the views of
    :func:`_one_axis` (the same compiled code and the same bits), the split kernel where
    :func:`_native_pieces` says; None (the general path) where the split would be the
    thread pool's.
    """
    R = kernels("axis")
    n = x.shape[-1]
    rows = x.size // n
    pieces = _native_pieces(x.size, rows, 1)
    if not (pieces or _one_call(x.size, rows, 1)):
        return None
    x2 = x.reshape(-1, n)  # (C-contiguous: the type of _one_axis's view, the same code)
    if reduce:
        out = np.empty(x.shape[:-1], x.dtype)
        _run_rows(("rows", True, True, x.dtype.char), R.logsumexp_rows, R.logsumexp_rows_split,
                  (x2, out.reshape(-1)), pieces)
        if keepdims:
            out = out.reshape(x.shape[:-1] + (1,))
        return scalar_if_0d(out)
    out = np.empty(x.shape, x.dtype)
    _run_rows(("rows", False, True, x.dtype.char), R.softmax_rows, R.softmax_rows_split,
              (x2, out.reshape(-1, n), sign, mode), pieces)
    return out


def _run_rows(key, rows_k, split_k, args, pieces):
    """``rows_k(*args)``, or ``split_k(*args, pieces)`` if ``pieces``: the short paths' call.

    Compiled the first time on the first row of each array under ``key`` (the row
    kernel's) or ``(key[0] + " split", *key[1:])`` (the split's): the general path's keys,
    so that either path compiles each kernel once for both.
    """
    if pieces:
        _split_call((key[0] + " split", *key[1:]), split_k, args, pieces)
    else:
        if key not in ARTIFACTS:
            compiled(key, lambda: rows_k(*_first_rows(args)) is not None)
        rows_k(*args)


def _split_call(key, split_k, args, pieces):
    """``split_k(*args, pieces)``: the split kernels' one call site (both paths).

    Compiled the first time under ``key`` on one piece of the first row of each array
    (:func:`_first_rows`).
    """
    if key not in ARTIFACTS:
        compiled(key, lambda: split_k(*_first_rows(args), 1) is not None)
    split_k(*args, pieces)


def _first_rows(args):
    """The arrays of ``args`` cut to their first row (the compiling call's), the others as they are."""
    return [a[:1] if isinstance(a, np.ndarray) else a for a in args]


def finish(res, out, fname):
    """The result: a NumPy scalar for 0-d without ``out`` (as SciPy), else written to ``out``."""
    if out is None:
        return scalar_if_0d(res)
    if res is out:
        return out
    if out.shape != res.shape:
        raise ValueError(f"fastact.{fname}: out has shape {out.shape}; the result has shape "
                         f"{res.shape}")
    with np.errstate(all="ignore"):  # a value beyond out's dtype becomes inf, as a cast does
        np.copyto(out, res, casting="same_kind")
    return out


def _one_axis(xa, axis, compute, result, *, reduce, sign, mode, buf=None):
    """The work of :func:`forward` along one axis of an ndarray with ``ndim >= 1``.

    The array is viewed as (pre, n, post) around ``axis`` with no transposition: the row
    kernels when ``axis`` is last (post == 1), else the column kernels, which run along
    contiguous rows of ``post`` values.  Returns the result (without the axis for
    ``reduce``), in ``buf`` when given.
    """
    R = kernels("axis")
    xc = np.ascontiguousarray(xa, dtype=compute)
    shape = xc.shape
    n, pre, post = shape[axis], math.prod(shape[:axis]), math.prod(shape[axis + 1:])
    out = buf if buf is not None else np.empty(
        shape[:axis] + shape[axis + 1:] if reduce else shape, compute)
    o3: np.ndarray
    split: Callable | None = None
    if post == 1:
        x3 = xc.reshape(pre, n, 1)
        o3 = out.reshape(pre, 1, 1) if reduce else out.reshape(pre, n, 1)
        if reduce:
            def call(a, o, lo, hi):
                R.logsumexp_rows(a[:, :, 0], o[:, 0, 0])

            def split(a, o, pieces):
                return R.logsumexp_rows_split(a[:, :, 0], o[:, 0, 0], pieces)
        else:
            def call(a, o, lo, hi):
                R.softmax_rows(a[:, :, 0], o[:, :, 0], sign, mode)

            def split(a, o, pieces):
                return R.softmax_rows_split(a[:, :, 0], o[:, :, 0], sign, mode, pieces)
    else:
        x3 = xc.reshape(pre, n, post)
        o3 = out.reshape(pre, post) if reduce else out.reshape(pre, n, post)
        if reduce:
            def call(a, o, lo, hi):
                R.logsumexp_cols(a, o, lo, hi)

            def split(a, o, pieces):
                return R.logsumexp_cols_split(a, o, pieces)
        else:
            def call(a, o, lo, hi):
                R.softmax_cols(a, o, sign, mode, lo, hi)

            def split(a, o, pieces):
                return R.softmax_cols_split(a, o, sign, mode, pieces)
    key = ("rows", reduce, post == 1, compute.char)
    if key not in ARTIFACTS:  # the first call compiles: do it on one line, with inlining
        def build():
            call(x3[:1], o3[:1], 0, min(post, 1))
            return True

        compiled(key, build)
    _on_blocks(call, (x3,), o3, split, ("rows split", reduce, post == 1, compute.char))
    return out if buf is not None else out.astype(result, copy=False)


_GRAD_KERNELS = {
    "softmax": ("softmax_backward_rows", "softmax_backward_cols"),
    "log_softmax": ("log_softmax_backward_rows", "log_softmax_backward_cols"),
    "logsumexp": ("logsumexp_backward_rows", "logsumexp_backward_cols"),
}


def _grad_kernels(kind):
    """``(rows, cols, rows_split, cols_split)``: the backward kernels of ``kind``.

    Looked up in :mod:`fastact.kernels.axis` on each call (by the names of
    :data:`_GRAD_KERNELS`), so that a kernel replaced there (a test's spy) is the one run.
    """
    R = kernels("axis")
    rows, cols = _GRAD_KERNELS[kind]
    return (getattr(R, rows), getattr(R, cols), getattr(R, rows + "_split"),
            getattr(R, cols + "_split"))


def backward(grad, second, axis, fname, kind, sign=1.0, out=None, where=None):
    """The backward of ``kind`` (softmax with ``sign``, log_softmax, logsumexp).

    ``second`` is the forward's output ``y`` (softmax, log_softmax) or its input ``x``
    (logsumexp).  ``grad`` broadcasts to ``second``'s shape, or for logsumexp to the
    reduced or keepdims shape.  ``axis`` as in the forward (int, tuple or None).
    """
    if (type(grad) is np.ndarray and type(second) is np.ndarray and second.ndim
            and second.dtype in NATIVE_FLOATS and grad.dtype == second.dtype
            and second.size and out is None and where is None
            and type(axis) is int and (axis == -1 or axis == second.ndim - 1)
            and grad.flags.c_contiguous and second.flags.c_contiguous
            and (grad.shape == second.shape if kind != "logsumexp"
                 else grad.shape in (second.shape[:-1], second.shape[:-1] + (1,)))):
        res = _last_axis_backward(grad, second, kind, sign)
        if res is not None:
            return res
    g = check_real(grad, "grad", fname)
    sa = check_real(second, "y" if kind != "logsumexp" else "x", fname)
    compute, result = result_dtypes([g, sa], [grad, second])
    out = check_out_array(out, fname)
    shape: tuple[int, ...] = sa.shape if sa.ndim else (1,)
    axes = normalize_axes(axis, sa.ndim, fname) if sa.ndim else (0,)
    if not sa.ndim:
        normalize_axes(axis, 1, fname)
    mask = None if where is None else _mask(where, sa.shape, fname).reshape(shape)
    if kind == "logsumexp":
        gk = _reduced_grad(g, shape, axes, fname)
        if mask is not None:  # as the forward: masked entries of x take no part
            sa = np.where(mask, sa.reshape(shape), -np.inf)
    else:
        # (broadcast_to's view is read-only even where it broadcasts nothing: a type of its
        # own, that Numba would compile the kernels for once more)
        gk = (g if g.shape == sa.shape else np.broadcast_to(g, sa.shape)).reshape(shape)
        if mask is not None:  # masked entries of grad take no part either
            gk = np.where(mask, gk, 0.0)
    direct = None  # (as the forward: the kernels write into out, no copy after)
    if out is not None and len(axes) == 1 and mask is None:
        direct = _direct_out(out, sa.shape, compute, result, (sa, gk))
    sm, ax, moved = as_one_axis(sa.reshape(shape), axes)
    gm = as_one_axis(gk, axes)[0]
    r = _backward_one_axis(gm, sm, ax, compute, kind, sign,
                           None if direct is None else direct.reshape(shape))
    if direct is not None:
        return direct
    res = restore(r, axes, moved).astype(result, copy=False)
    if mask is not None:  # their gradient is 0 (res is a new array)
        np.copyto(res, 0.0, where=~mask)
    return finish(res.reshape(sa.shape), out, fname)


def _last_axis_backward(g, y, kind, sign):
    """:func:`backward` along the last axis of C-contiguous arrays, or None.

    ``g`` and ``y`` (logsumexp: ``x``) of one float dtype, ``g`` of ``y``'s shape
    (logsumexp: the reduced or keepdims shape): the per-call cost of a training loop's
    backward on a (batch, classes) array, as :func:`_last_axis` for the forward (on an
    (8, 16) float32 array, AMD Zen 4: softmax's and log_softmax's 13 us -> 3.8-3.9 us a
    call).
    The kernels get the views of :func:`_backward_one_axis` (the same compiled code, the
    same bits), the split kernel where :func:`_native_pieces` says; None (the general
    path) where the split would be the thread pool's.
    """
    n = y.shape[-1]
    rows = y.size // n
    pieces = _native_pieces(y.size, rows, 1)
    if not (pieces or _one_call(y.size, rows, 1)):
        return None
    if kind == "logsumexp":  # (one float64 value a row, as _reduced_grad makes it)
        g2 = np.ascontiguousarray(g, dtype=np.float64).reshape(-1)
    else:
        g2 = g.reshape(-1, n)  # (C-contiguous: the type of _backward_one_axis's views)
    out = np.empty(y.shape, y.dtype)
    args = (g2, y.reshape(-1, n), out.reshape(-1, n))
    rows_k, _, rows_split, _ = _grad_kernels(kind)
    _run_rows(("rows backward", kind, True, y.dtype.char), rows_k, rows_split,
              args + ((sign,) if kind == "softmax" else ()), pieces)
    return out


def _backward_one_axis(g, sa, axis, compute, kind, sign, buf=None):
    """:func:`backward` along one axis (``g``: logsumexp's keepdims shape).

    Both are cast to the compute dtype and made C-contiguous; the compiled kernels of
    :mod:`fastact.kernels.axis` work on (pre, n, post) views as the forward does, blocks
    of rows on several threads.  The result is written to ``buf`` when given (C-contiguous,
    of the compute dtype and ``sa``'s shape, sharing no memory with the inputs).
    """
    shape = sa.shape
    n, pre, post = shape[axis], math.prod(shape[:axis]), math.prod(shape[axis + 1:])
    s3 = np.ascontiguousarray(sa, dtype=compute).reshape(pre, n, post)
    g3: np.ndarray
    if kind == "logsumexp":
        g3 = np.ascontiguousarray(g, dtype=np.float64).reshape(pre, post)
    else:
        g3 = np.ascontiguousarray(g, dtype=compute).reshape(pre, n, post)
    out = buf if buf is not None else np.empty(shape, compute)
    o3 = out.reshape(pre, n, post)
    rows_k, cols_k, rows_split, cols_split = _grad_kernels(kind)
    call: Callable
    split: Callable | None = None
    if post == 1:
        gsel = (lambda a: a[:, 0]) if kind == "logsumexp" else (lambda a: a[:, :, 0])
        if kind == "softmax":
            def call(a, b, o, lo, hi):
                rows_k(a[:, :, 0], b[:, :, 0], o[:, :, 0], sign)

            def split(a, b, o, pieces):
                return rows_split(a[:, :, 0], b[:, :, 0], o[:, :, 0], sign, pieces)
        else:
            def call(a, b, o, lo, hi):
                rows_k(gsel(a), b[:, :, 0], o[:, :, 0])

            def split(a, b, o, pieces):
                return rows_split(gsel(a), b[:, :, 0], o[:, :, 0], pieces)
    elif kind == "softmax":
        def call(a, b, o, lo, hi):
            cols_k(a, b, o, sign, lo, hi)

        def split(a, b, o, pieces):
            return cols_split(a, b, o, sign, pieces)
    else:
        def call(a, b, o, lo, hi):
            cols_k(a, b, o, lo, hi)

        def split(a, b, o, pieces):
            return cols_split(a, b, o, pieces)
    key = ("rows backward", kind, post == 1, compute.char)
    if key not in ARTIFACTS:  # the first call compiles: do it on one line, with inlining
        def build():
            call(g3[:1], s3[:1], o3[:1], 0, min(post, 1))
            return True

        compiled(key, build)
    _on_blocks(call, (g3, s3), o3, split, ("rows backward split", kind, post == 1, compute.char))
    return out


def _reduced_grad(g, shape, axes, fname):
    """logsumexp's ``grad`` as a float64 array of the keepdims shape.

    ``grad`` may have the reduced shape (or broadcast to it), or the keepdims shape (or
    broadcast to that); anything else, say ``x``'s full shape, is a ValueError.
    """
    reduced = reduced_shape(shape, axes, False)
    keep = reduced_shape(shape, axes, True)
    try:  # (not broadcast_to's read-only view where nothing broadcasts: see backward)
        gk = (g if g.shape == reduced else np.broadcast_to(g, reduced)).reshape(keep)
    except ValueError:
        try:
            gk = g if g.shape == keep else np.broadcast_to(g, keep)
        except ValueError:
            raise ValueError(
                f"fastact.{fname}: grad of shape {g.shape} does not broadcast to the reduced "
                f"shape {reduced} or the keepdims shape {keep} of the result") from None
    return np.asarray(gk, dtype=np.float64)
