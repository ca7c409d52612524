"""Functions along an axis: softmax, log_softmax, softmin, logsumexp, glu, maxout.

The axis is moved last and the data made C-contiguous (a copy only when needed);
rows are processed by the Numba kernels of :mod:`fastact.kernels.axis`, blocks of rows
on several threads for large inputs.  The backward passes of softmax, softmin,
log_softmax and logsumexp are compiled the same way (float64 arithmetic, compensated sums
for float64, rounded once); glu's and maxout's are NumPy expressions.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .._core.axes import as_one_axis, grouping, normalize_axes, reduced_shape, restore, single_axis
from .._core.axes import mask as _mask
from .._core.jit import ARTIFACTS, compiled
from .._cpu.elementwise import (
    PARALLEL_MIN_SIZE,
    _on_threads,
    check_out_array,
    check_real,
    elementwise,
    num_threads,
    result_dtypes,
)
from .route import routed


def _on_blocks(call, ins, out3):
    """Run ``call(*in_blocks, out_block, lo, hi)`` over a (pre, n, post) problem.

    ``ins``: the inputs, the last one (pre, n, post), others that or (pre, post) (logsumexp's
    grad).  Blocks of ``pre`` go to threads when there are enough, else column ranges ``lo:hi``
    of ``post``.
    """
    pre, post = ins[-1].shape[0], ins[-1].shape[2]
    nthreads = num_threads() if ins[-1].size >= PARALLEL_MIN_SIZE else 1
    if nthreads < 2 or (pre < nthreads and post < 2 * nthreads * 16):
        call(*ins, out3, 0, post)
        return
    if pre >= nthreads:
        _on_threads(lambda lo, hi: call(*[a[lo:hi] for a in ins], out3[lo:hi], 0, post),
                    pre, nthreads, 1)
    else:  # column ranges of whole cache lines (16 float32)
        _on_threads(lambda lo, hi: call(*ins, out3, lo, hi), post, nthreads, 16)


def _along_axis(x, axis, fname, *, reduce=False, keepdims=False, sign=1.0, mode=0, out=None,
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
    if (type(x) is np.ndarray and x.dtype in _FAST and x.ndim and x.flags.c_contiguous
            and out is None and dtype is None and where is None and 0 < x.size < PARALLEL_MIN_SIZE
            and (axis == -1 or axis == x.ndim - 1) and type(axis) is int):
        return _last_axis_small(x, reduce, keepdims, sign, mode)
    xa = check_real(x, "x", fname)
    if dtype is not None:
        xa = xa.astype(_float_dtype(dtype, fname), copy=False)
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
        return _finish(_unmasked(res, mask, mode, reduce), out, fname)
    axes = normalize_axes(axis, xa.ndim, fname)
    direct = None
    if (out is not None and len(axes) == 1 and not keepdims and out.dtype == compute == result
            and out.flags.c_contiguous and not np.may_share_memory(out, xa)):
        want = reduced_shape(xa.shape, axes, False) if reduce else xa.shape
        direct = out if out.shape == want else None
    xm, ax, moved = as_one_axis(xa, axes)
    r = _one_axis(xm, ax, compute, result, buf=direct, **kw)
    if reduce:
        res = r.reshape(reduced_shape(xa.shape, axes, keepdims))
    else:
        res = restore(r, axes, moved)
    return _finish(_unmasked(res, mask, mode, reduce), out, fname)


def _unmasked(res, mask, mode, reduce):
    """Masked entries of a same-shape result set to 0 (-inf for log_softmax), in place."""
    if mask is None or reduce:
        return res
    if res.ndim == 0:
        return res if mask else res.dtype.type(-np.inf if mode == 1 else 0.0)
    np.copyto(res, -np.inf if mode == 1 else 0.0, where=~mask)
    return res


def _float_dtype(dtype, fname) -> np.dtype:
    """``dtype=`` of the softmax family: a NumPy floating dtype (float16, float32, float64)."""
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"fastact.{fname}: dtype={dtype!r} is not a NumPy dtype") from None
    if dt.kind != "f" or dt.itemsize > 8:
        raise TypeError(f"fastact.{fname}: dtype must be float16, float32 or float64, not {dt}")
    return dt


_FAST = (np.dtype(np.float32), np.dtype(np.float64))


def _last_axis_small(x, reduce, keepdims, sign, mode):
    """:func:`_along_axis` along the last axis of a small C-contiguous float32/float64 array.

    Without the general path's axis grouping, closures and thread split: the per-call cost
    of a training loop's softmax on a (batch, classes) array.  The kernels get the same
    views as in :func:`_one_axis` (so the same compiled code and the same bits).
    """
    from ..kernels import axis as R

    n = x.shape[-1]
    x3 = x.reshape(-1, n, 1)
    if reduce:
        out = np.empty(x.shape[:-1], x.dtype)
        o3 = out.reshape(-1, 1, 1)
        key = ("rows", True, True, x.dtype.char)
        if key not in ARTIFACTS:
            compiled(key, lambda: R.logsumexp_rows(x3[:1, :, 0], o3[:1, 0, 0]) is not None)
        R.logsumexp_rows(x3[:, :, 0], o3[:, 0, 0])
        if keepdims:
            out = out.reshape(x.shape[:-1] + (1,))
        return out[()] if out.ndim == 0 else out
    out = np.empty(x.shape, x.dtype)
    o3 = out.reshape(-1, n, 1)
    key = ("rows", False, True, x.dtype.char)
    if key not in ARTIFACTS:
        compiled(key, lambda: R.softmax_rows(x3[:1, :, 0], o3[:1, :, 0], sign, mode) is not None)
    R.softmax_rows(x3[:, :, 0], o3[:, :, 0], sign, mode)
    return out


def _finish(res, out, fname):
    """The result: a NumPy scalar for 0-d without ``out`` (as SciPy), else written to ``out``."""
    if out is None:
        return res[()] if res.ndim == 0 else res
    if res is out:
        return out
    if out.shape != res.shape:
        raise ValueError(f"fastact.{fname}: out has shape {out.shape}; the result has shape "
                         f"{res.shape}")
    with np.errstate(all="ignore"):  # a value beyond out's dtype becomes inf, as a cast does
        np.copyto(out, res, casting="same_kind")
    return out


def _one_axis(xa, axis, compute, result, *, reduce, sign, mode, buf=None):
    """The work of :func:`_along_axis` along one axis of an ndarray with ``ndim >= 1``.

    The array is viewed as (pre, n, post) around ``axis`` with no transposition: the row
    kernels when ``axis`` is last (post == 1), else the column kernels, which run along
    contiguous rows of ``post`` values.  Returns the result (without the axis for
    ``reduce``), in ``buf`` when given.
    """
    from ..kernels import axis as R

    xc = np.ascontiguousarray(xa, dtype=compute)
    shape = xc.shape
    n, pre, post = shape[axis], math.prod(shape[:axis]), math.prod(shape[axis + 1:])
    out = buf if buf is not None else np.empty(
        shape[:axis] + shape[axis + 1:] if reduce else shape, compute)
    o3: np.ndarray
    if post == 1:
        x3 = xc.reshape(pre, n, 1)
        o3 = out.reshape(pre, 1, 1) if reduce else out.reshape(pre, n, 1)
        if reduce:
            def call(a, o, lo, hi):
                R.logsumexp_rows(a[:, :, 0], o[:, 0, 0])
        else:
            def call(a, o, lo, hi):
                R.softmax_rows(a[:, :, 0], o[:, :, 0], sign, mode)
    else:
        x3 = xc.reshape(pre, n, post)
        o3 = out.reshape(pre, post) if reduce else out.reshape(pre, n, post)
        if reduce:
            def call(a, o, lo, hi):
                R.logsumexp_cols(a, o, lo, hi)
        else:
            def call(a, o, lo, hi):
                R.softmax_cols(a, o, sign, mode, lo, hi)
    key = ("rows", reduce, post == 1, compute.char)
    if key not in ARTIFACTS:  # the first call compiles: do it on one line, with inlining
        def build():
            call(x3[:1], o3[:1], 0, min(post, 1))
            return True

        compiled(key, build)
    _on_blocks(call, (x3,), o3)
    return out if buf is not None else out.astype(result, copy=False)


@routed("same", 1)
def softmax(x, axis=-1, *, out=None, dtype=None, where=None):
    r"""Softmax along ``axis``, stable for any input magnitude.

    .. math::

        \operatorname{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}},\quad m = \max_j x_j

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, tuple of ints or None, default -1
        Axis or axes to normalise over; None: all of them (SciPy's default).
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
        The kernels write into it directly when it is C-contiguous, of the compute
        dtype and shares no memory with the input; otherwise it is filled from the
        result.
    dtype : float16, float32 or float64, optional
        Cast the input to it first and return that dtype (PyTorch's ``dtype=``).
    where : array_like of bool, optional
        Entries to include (broadcast to the input): the others take no part and get
        0; a group with every entry masked gives 0 (JAX's ``where=``).

    Returns
    -------
    ndarray
        Same shape; float32 for float32 input, float64 otherwise.

    Notes
    -----
    The gradient is ``y * (g - sum(g * y))`` (:func:`softmax_backward`).
    -inf entries among finite ones give exactly 0; a row that is all -inf, or holds +inf
    or NaN, gives NaN (as PyTorch, JAX and SciPy).  Sums run in float64.

    Examples
    --------
    >>> import fastact
    >>> fastact.softmax([1.0, 2.0, 3.0])
    array([0.09003057, 0.24472847, 0.66524096])
    >>> fastact.softmax([0.0, -float("inf")])
    array([1., 0.])
    """
    return _along_axis(x, axis, "softmax", out=out, dtype=dtype, where=where)


@routed("same", 1)
def log_softmax(x, axis=-1, *, out=None, dtype=None, where=None):
    r"""Logarithm of the softmax along ``axis``, without forming the softmax.

    .. math::

        \operatorname{log\_softmax}(x)_i = x_i - m - \log \sum_j e^{x_j - m}

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, tuple of ints or None, default -1
        Axis or axes to normalise over; None: all of them.
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
        The kernels write into it directly when it is C-contiguous, of the compute
        dtype and shares no memory with the input; otherwise it is filled from the
        result.
    dtype : float16, float32 or float64, optional
        Cast the input to it first and return that dtype (PyTorch's ``dtype=``).
    where : array_like of bool, optional
        Entries to include (broadcast to the input): the others take no part and get
        -inf; a group with every entry masked gives -inf (JAX's ``where=``).

    Returns
    -------
    ndarray
        Same shape; float32 for float32 input, float64 otherwise.

    Notes
    -----
    The gradient is ``g - exp(y) * sum(g)`` (:func:`log_softmax_backward`).  -inf entries
    give -inf; a row that is all -inf, or holds +inf or NaN, gives NaN.

    Examples
    --------
    >>> import fastact
    >>> fastact.log_softmax([1.0, 2.0, 3.0])
    array([-2.40760596, -1.40760596, -0.40760596])
    """
    return _along_axis(x, axis, "log_softmax", mode=1, out=out, dtype=dtype, where=where)


@routed("same", 1)
def softmin(x, axis=-1, *, out=None, dtype=None, where=None):
    r"""Softmin along ``axis``: ``softmax(-x)``.

    .. math::

        \operatorname{softmin}(x)_i = \frac{e^{m - x_i}}{\sum_j e^{m - x_j}},\quad m = \min_j x_j

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, tuple of ints or None, default -1
        Axis or axes to normalise over; None: all of them.
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
        The kernels write into it directly when it is C-contiguous, of the compute
        dtype and shares no memory with the input; otherwise it is filled from the
        result.
    dtype : float16, float32 or float64, optional
        Cast the input to it first and return that dtype (PyTorch's ``dtype=``).
    where : array_like of bool, optional
        Entries to include (broadcast to the input): the others take no part and get
        0; a group with every entry masked gives 0 (JAX's ``where=``).

    Returns
    -------
    ndarray
        Same shape; float32 for float32 input, float64 otherwise.

    Notes
    -----
    The gradient is ``-y * (g - sum(g * y))`` (:func:`softmin_backward`).  A row that is
    all +inf, or holds -inf or NaN, gives NaN.

    Examples
    --------
    >>> import fastact
    >>> fastact.softmin([1.0, 2.0, 3.0])
    array([0.66524096, 0.24472847, 0.09003057])
    """
    return _along_axis(x, axis, "softmin", sign=-1.0, out=out, dtype=dtype, where=where)


@routed("reduce", 1)
def logsumexp(x, axis=-1, keepdims=False, *, b=None, return_sign=False, out=None, dtype=None,
              where=None):
    r"""``log(sum(exp(x)))`` along ``axis``, without overflow.

    .. math::

        \operatorname{logsumexp}(x) = m + \log \sum_j e^{x_j - m},\quad m = \max_j x_j

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, tuple of ints or None, default -1
        Axis or axes to reduce; None: all of them.
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    b : array_like, optional
        Weights, broadcast against ``x``: ``log|sum b e^x|`` (SciPy's ``b=``).  Zero
        weights leave their entries out (an infinite ``x`` there too); negative weights
        may make the sum negative: NaN then, unless ``return_sign``.
    return_sign : bool, default False
        Return ``(log|sum|, sign)``, the sign -1, 0 or 1 (NaN with NaN), as SciPy.
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
        The kernels write into it directly when it is C-contiguous, of the compute
        dtype and shares no memory with the input; otherwise it is filled from the
        result.
    dtype : float16, float32 or float64, optional
        Cast the input to it first and return that dtype (PyTorch's ``dtype=``).
    where : array_like of bool, optional
        Entries to include (broadcast to ``x``); a group with every entry masked
        gives -inf (JAX's ``where=``).

    Returns
    -------
    ndarray or scalar
        float32 for float32 input, float64 otherwise.
        With ``return_sign``: the pair ``(result, sign)``.

    Notes
    -----
    The gradient is ``g * softmax(x)`` (:func:`logsumexp_backward`).  An all -inf row (or
    an empty one) gives -inf; a row holding +inf gives +inf (the limit, as SciPy and
    PyTorch); NaN gives NaN.

    Examples
    --------
    >>> import fastact
    >>> fastact.logsumexp([1000.0, 1000.0])
    np.float64(1000.6931471805599)
    """
    if b is not None or return_sign:
        from .._cpu.weighted import logsumexp_weighted

        xa = check_real(x, "x", "logsumexp")
        if dtype is not None:
            xa = xa.astype(_float_dtype(dtype, "logsumexp"), copy=False)
        r = logsumexp_weighted(xa, b, axis, keepdims, return_sign, where)
        out = check_out_array(out, "logsumexp")
        if return_sign:
            return _finish(np.asarray(r[0]), out, "logsumexp") if out is not None else r[0], r[1]
        return r if out is None else _finish(np.asarray(r), out, "logsumexp")
    return _along_axis(x, axis, "logsumexp", reduce=True, keepdims=keepdims, out=out,
                       dtype=dtype, where=where)


_GRAD_KERNELS = {
    "softmax": ("softmax_backward_rows", "softmax_backward_cols"),
    "log_softmax": ("log_softmax_backward_rows", "log_softmax_backward_cols"),
    "logsumexp": ("logsumexp_backward_rows", "logsumexp_backward_cols"),
}


def _backward_along_axis(grad, second, axis, fname, kind, sign=1.0, out=None, where=None):
    """The backward of ``kind`` (softmax with ``sign``, log_softmax, logsumexp).

    ``second`` is the forward's output ``y`` (softmax, log_softmax) or its input ``x``
    (logsumexp).  ``grad`` broadcasts to ``second``'s shape, or for logsumexp to the
    reduced or keepdims shape.  ``axis`` as in the forward (int, tuple or None).
    """
    g = check_real(grad, "grad", fname)
    sa = check_real(second, "y" if kind != "logsumexp" else "x", fname)
    compute, result = result_dtypes([g, sa])
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
        gk = np.broadcast_to(g, sa.shape).reshape(shape)
        if mask is not None:  # masked entries of grad take no part either
            gk = np.where(mask, gk, 0.0)
    sm, ax, moved = as_one_axis(sa.reshape(shape), axes)
    gm = as_one_axis(gk, axes)[0]
    r = _backward_one_axis(gm, sm, ax, compute, kind, sign)
    res = restore(r, axes, moved).astype(result, copy=False)
    if mask is not None:  # their gradient is 0 (res is a new array)
        np.copyto(res, 0.0, where=~mask)
    return _finish(res.reshape(sa.shape), out, fname)


def _backward_one_axis(g, sa, axis, compute, kind, sign):
    """:func:`_backward_along_axis` along one axis (``g``: logsumexp's keepdims shape).

    Both are cast to the compute dtype and made C-contiguous; the compiled kernels of
    :mod:`fastact.kernels.axis` work on (pre, n, post) views as the forward does, blocks
    of rows on several threads.
    """
    from ..kernels import axis as R

    shape = sa.shape
    n, pre, post = shape[axis], math.prod(shape[:axis]), math.prod(shape[axis + 1:])
    s3 = np.ascontiguousarray(sa, dtype=compute).reshape(pre, n, post)
    g3: np.ndarray
    if kind == "logsumexp":
        g3 = np.ascontiguousarray(g, dtype=np.float64).reshape(pre, post)
    else:
        g3 = np.ascontiguousarray(g, dtype=compute).reshape(pre, n, post)
    out = np.empty(shape, compute)
    o3 = out.reshape(pre, n, post)
    rows_k, cols_k = (getattr(R, k) for k in _GRAD_KERNELS[kind])
    call: Callable
    if post == 1:
        gsel = (lambda a: a[:, 0]) if kind == "logsumexp" else (lambda a: a[:, :, 0])
        if kind == "softmax":
            def call(a, b, o, lo, hi):
                rows_k(a[:, :, 0], b[:, :, 0], o[:, :, 0], sign)
        else:
            def call(a, b, o, lo, hi):
                rows_k(gsel(a), b[:, :, 0], o[:, :, 0])
    elif kind == "softmax":
        def call(a, b, o, lo, hi):
            cols_k(a, b, o, sign, lo, hi)
    else:
        def call(a, b, o, lo, hi):
            cols_k(a, b, o, lo, hi)
    key = ("rows backward", kind, post == 1, compute.char)
    if key not in ARTIFACTS:  # the first call compiles: do it on one line, with inlining
        def build():
            call(g3[:1], s3[:1], o3[:1], 0, min(post, 1))
            return True

        compiled(key, build)
    _on_blocks(call, (g3, s3), o3)
    return out


def _reduced_grad(g, shape, axes, fname):
    """logsumexp's ``grad`` as a float64 array of the keepdims shape.

    ``grad`` may have the reduced shape (or broadcast to it), or the keepdims shape (or
    broadcast to that); anything else, say ``x``'s full shape, is a ValueError.
    """
    reduced = reduced_shape(shape, axes, False)
    keep = reduced_shape(shape, axes, True)
    try:
        gk = np.broadcast_to(g, reduced).reshape(keep)
    except ValueError:
        try:
            gk = np.broadcast_to(g, keep)
        except ValueError:
            raise ValueError(
                f"fastact.{fname}: grad of shape {g.shape} does not broadcast to the reduced "
                f"shape {reduced} or the keepdims shape {keep} of the result") from None
    return np.asarray(gk, dtype=np.float64)


@routed("same", 2)
def softmax_backward(grad, y, axis=-1, *, out=None, where=None):
    r"""Gradient of :func:`softmax` from its output ``y``: ``y * (grad - sum(grad * y))``.

    .. math::

        \frac{\partial L}{\partial x_i} = y_i \left(g_i - \sum_j g_j y_j\right)

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the softmax output.
    y : array_like
        The softmax output (not the input).
    axis : int, tuple of ints or None, default -1
        The axis or axes the forward normalised over.
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
        The kernels write into it directly when it is C-contiguous, of the compute
        dtype and shares no memory with the input; otherwise it is filled from the
        result.
    where : array_like of bool, optional
        Entries to include (broadcast to the input): the others take no part and get
        0; a group with every entry masked gives 0 (JAX's ``where=``).

    Returns
    -------
    ndarray

    Examples
    --------
    >>> import fastact
    >>> y = fastact.softmax([0.0, 0.0])
    >>> fastact.softmax_backward([1.0, 0.0], y)
    array([ 0.25, -0.25])
    """
    return _backward_along_axis(grad, y, axis, "softmax_backward", "softmax", out=out,
                                where=where)


@routed("same", 2)
def softmin_backward(grad, y, axis=-1, *, out=None, where=None):
    r"""Gradient of :func:`softmin` from its output ``y``: ``-y * (grad - sum(grad * y))``.

    .. math::

        \frac{\partial L}{\partial x_i} = -y_i \left(g_i - \sum_j g_j y_j\right)

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the softmin output.
    y : array_like
        The softmin output.
    axis : int, tuple of ints or None, default -1
        The axis or axes the forward normalised over.
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
        The kernels write into it directly when it is C-contiguous, of the compute
        dtype and shares no memory with the input; otherwise it is filled from the
        result.
    where : array_like of bool, optional
        Entries to include (broadcast to the input): the others take no part and get
        0; a group with every entry masked gives 0 (JAX's ``where=``).

    Returns
    -------
    ndarray

    Examples
    --------
    >>> import fastact
    >>> y = fastact.softmin([0.0, 0.0])
    >>> fastact.softmin_backward([1.0, 0.0], y)
    array([-0.25,  0.25])
    """
    return _backward_along_axis(grad, y, axis, "softmin_backward", "softmax", -1.0, out=out,
                                where=where)


@routed("same", 2)
def log_softmax_backward(grad, y, axis=-1, *, out=None, where=None):
    r"""Gradient of :func:`log_softmax` from its output ``y``: ``grad - exp(y) * sum(grad)``.

    .. math::

        \frac{\partial L}{\partial x_i} = g_i - e^{y_i} \sum_j g_j

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the log_softmax output.
    y : array_like
        The log_softmax output.
    axis : int, tuple of ints or None, default -1
        The axis or axes the forward normalised over.
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
        The kernels write into it directly when it is C-contiguous, of the compute
        dtype and shares no memory with the input; otherwise it is filled from the
        result.
    where : array_like of bool, optional
        Entries to include (broadcast to the input): the others take no part and get
        0; a group with every entry masked gives 0 (JAX's ``where=``).

    Returns
    -------
    ndarray

    Examples
    --------
    >>> import fastact, numpy as np
    >>> y = fastact.log_softmax([0.0, 0.0])
    >>> fastact.log_softmax_backward([1.0, 0.0], y)
    array([ 0.5, -0.5])
    """
    return _backward_along_axis(grad, y, axis, "log_softmax_backward", "log_softmax", out=out,
                                where=where)


@routed("expand", 2)
def logsumexp_backward(grad, x, axis=-1, *, b=None, out=None, where=None):
    r"""Gradient of :func:`logsumexp`: ``grad * softmax(x)``.

    .. math::

        \frac{\partial L}{\partial x_i} = g\,\frac{e^{x_i}}{\sum_j e^{x_j}}

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the logsumexp result (reduced shape, or with the axis
        kept as length 1).
    x : array_like
        The input of the forward call.
    axis : int, tuple of ints or None, default -1
        The reduced axis or axes.
    b : array_like, optional
        The forward's weights: then the gradients with respect to ``x`` and to ``b``,
        ``(g b e^x / S, g e^x / S)`` with ``S = sum b e^x``, are returned as a pair (the
        second summed to ``b``'s shape).
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
        The kernels write into it directly when it is C-contiguous, of the compute
        dtype and shares no memory with the input; otherwise it is filled from the
        result.
    where : array_like of bool, optional
        Entries to include (broadcast to the input): the others take no part and get
        0; a group with every entry masked gives 0 (JAX's ``where=``).

    Returns
    -------
    ndarray
        Shape of ``x``.

    Examples
    --------
    >>> import fastact
    >>> fastact.logsumexp_backward(2.0, [0.0, 0.0])
    array([1., 1.])
    """
    if b is not None:
        from .._cpu.weighted import logsumexp_weighted_backward

        dx, db = logsumexp_weighted_backward(grad, x, b, axis, where)
        out = check_out_array(out, "logsumexp_backward")
        return (dx if out is None else _finish(np.asarray(dx), out, "logsumexp_backward")), db
    return _backward_along_axis(grad, x, axis, "logsumexp_backward", "logsumexp", out=out,
                                where=where)


@routed("reduce", 1)
def logmeanexp(x, axis=-1, keepdims=False, *, out=None, dtype=None, where=None):
    r"""``log(mean(exp(x)))`` along ``axis``: logsumexp less ``log n``, without cancellation.

    .. math::

        \operatorname{logmeanexp}(x) = m + \operatorname{log1p}\Big(\frac{1}{n}
        \sum_j \operatorname{expm1}(x_j - m)\Big),\quad m = \max_j x_j

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, tuple of ints or None, default -1
        Axis or axes to reduce; None: all of them.
    keepdims : bool, default False
        Keep the reduced axes with length 1.
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).
    dtype : float16, float32 or float64, optional
        Cast the input to it first and return that dtype.
    where : array_like of bool, optional
        Entries to include (broadcast to ``x``); ``n`` counts them.  A group with none
        gives NaN (the mean of nothing, as JAX's).

    Returns
    -------
    ndarray or scalar
        float32 for float32 input, float64 otherwise.

    Notes
    -----
    ``logsumexp(x) - log(n)`` loses every digit of a result near 0 (``x`` near a
    constant): here the mean is ``1 + mean(expm1(x - m))``, whose log1p keeps them.
    Computed in float64 (a NumPy evaluation).  The gradient is ``g * softmax(x)``, as
    logsumexp's (:func:`logmeanexp_backward`).  -inf everywhere gives -inf, +inf gives
    +inf, NaN gives NaN.

    Examples
    --------
    >>> import fastact
    >>> fastact.logmeanexp([0.0, 1e-10])
    np.float64(5.000000000125e-11)
    """
    from .._cpu.weighted import _groups

    fname = "logmeanexp"
    xa = check_real(x, "x", fname)
    if dtype is not None:
        xa = xa.astype(_float_dtype(dtype, fname), copy=False)
    result = result_dtypes([xa])[1]
    out = check_out_array(out, fname)
    shape = xa.shape
    full, axes = grouping(axis, shape, fname)
    inc = np.ones(full, bool) if where is None else _mask(where, shape, fname).reshape(full)
    x2 = _groups(xa.reshape(full).astype(np.float64), axes)
    i2 = _groups(inc, axes)
    with np.errstate(all="ignore"):
        xe = np.where(i2, x2, -np.inf)
        n = i2.sum(axis=1)
        m = xe.max(axis=1, initial=-np.inf)
        mf = np.where(np.isfinite(m), m, 0.0)
        terms = np.where(i2, np.expm1(xe - mf[:, None]), 0.0)
        r = m + np.log1p(terms.sum(axis=1) / n)
        r = np.where(np.isinf(m), m, r)  # -inf everywhere: -inf; +inf: +inf
        r = np.where(np.isnan(xe).any(axis=1) | (n == 0), np.nan, r)
    res = r.reshape(reduced_shape(shape, axes, keepdims) if shape else ()).astype(
        result, copy=False)
    return _finish(res, out, fname)


@routed("expand", 2)
def logmeanexp_backward(grad, x, axis=-1, *, out=None, where=None):
    r"""Gradient of :func:`logmeanexp`: ``grad * softmax(x)``, as :func:`logsumexp_backward`.

    .. math::

        \frac{\partial L}{\partial x_i} = g\,\frac{e^{x_i}}{\sum_j e^{x_j}}

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the result (reduced shape, or with the axes kept).
    x : array_like
        The input of the forward call.
    axis : int, tuple of ints or None, default -1
        The reduced axis or axes.
    out : ndarray, optional
        Array to write the result into.
    where : array_like of bool, optional
        The forward's mask: masked entries get 0.

    Returns
    -------
    ndarray
        Shape of ``x``.

    Examples
    --------
    >>> import fastact
    >>> fastact.logmeanexp_backward(2.0, [0.0, 0.0])
    array([1., 1.])
    """
    return _backward_along_axis(grad, x, axis, "logmeanexp_backward", "logsumexp", out=out,
                                where=where)


@routed("same", 1)
def sparsemax(x, axis=-1, *, out=None):
    r"""Sparsemax along ``axis``: the Euclidean projection onto the probability simplex.

    .. math::

        \operatorname{sparsemax}(x)_i = \max(x_i - \tau, 0),\quad
        \sum_i \max(x_i - \tau, 0) = 1

    (Martins & Astudillo, 2016): like softmax, a distribution along the axis, but with
    exact zeros.

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, tuple of ints or None, default -1
        Axis or axes to normalise over; None: all of them.
    out : ndarray, optional
        Array to write the result into (its shape; cast as NumPy's ``same_kind``).

    Returns
    -------
    ndarray
        Same shape; float32 for float32 input, float64 otherwise.

    Notes
    -----
    ``tau = (sum of the k largest - 1) / k`` for the largest ``k`` with
    ``1 + k x_(k) > sum of the k largest`` (a sort per group), in float64, rounded once.
    -inf entries get 0; a group holding NaN or +inf, or only -inf, gives NaN.  The
    gradient is :func:`sparsemax_backward`.  Keras' ``sparsemax``.

    Examples
    --------
    >>> import fastact
    >>> fastact.sparsemax([2.0, 1.5, -1.0])
    array([0.75, 0.25, 0.  ])
    """
    from .._cpu.weighted import _groups, _ungroup

    fname = "sparsemax"
    xa = check_real(x, "x", fname)
    result = result_dtypes([xa])[1]
    out = check_out_array(out, fname)
    shape = xa.shape
    full, axes = grouping(axis, shape, fname)
    z = _groups(xa.reshape(full).astype(np.float64), axes)
    g, n = z.shape
    with np.errstate(all="ignore"):
        srt = -np.sort(-z, axis=1)  # descending; -inf last, NaN first
        k = np.arange(1, n + 1, dtype=np.float64)
        csum = np.cumsum(srt, axis=1)
        inside = 1.0 + k * srt > csum
        support = inside.sum(axis=1)  # the condition holds exactly for k = 1..k(z)
        kz = np.maximum(support, 1)
        top = np.where(np.arange(n) < kz[:, None], srt, 0.0).sum(axis=1) if n else np.zeros(g)
        tau = (top - 1.0) / kz
        p = np.maximum(z - tau[:, None], 0.0)
        bad = np.isnan(z).any(axis=1) | (z == np.inf).any(axis=1) | (z == -np.inf).all(axis=1)
        p = np.where(bad[:, None], np.nan, p)
    res = _ungroup(p, full, axes).reshape(shape).astype(result, copy=False)
    return _finish(res, out, fname)


@routed("same", 2)
def sparsemax_backward(grad, y, axis=-1, *, out=None):
    r"""Gradient of :func:`sparsemax` from its output ``y``.

    .. math::

        \frac{\partial L}{\partial x_i} = \begin{cases} g_i - \frac{1}{|S|}
        \sum_{j \in S} g_j & i \in S \\ 0 & \text{otherwise}\end{cases},
        \quad S = \{j : y_j > 0\}

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the sparsemax output.
    y : array_like
        The sparsemax output (not the input).
    axis : int, tuple of ints or None, default -1
        The axis or axes the forward normalised over.
    out : ndarray, optional
        Array to write the result into.

    Returns
    -------
    ndarray

    Notes
    -----
    At a kink (an entry exactly at the threshold, ``y_j = 0`` with ``x_j = tau``) the
    entry counts as outside the support, as in Martins & Astudillo's Jacobian.

    Examples
    --------
    >>> import fastact
    >>> y = fastact.sparsemax([2.0, 1.5, -1.0])
    >>> fastact.sparsemax_backward([1.0, 0.0, 5.0], y)
    array([ 0.5, -0.5,  0. ])
    """
    from .._cpu.weighted import _groups, _ungroup

    fname = "sparsemax_backward"
    g = check_real(grad, "grad", fname)
    ya = check_real(y, "y", fname)
    result = result_dtypes([g, ya])[1]
    out = check_out_array(out, fname)
    shape = ya.shape
    full, axes = grouping(axis, shape, fname)
    y2 = _groups(ya.reshape(full).astype(np.float64), axes)
    g2 = _groups(np.broadcast_to(g, shape).reshape(full).astype(np.float64), axes)
    with np.errstate(all="ignore"):
        s = y2 > 0
        mean = np.where(s, g2, 0.0).sum(axis=1) / s.sum(axis=1)
        d = np.where(s, g2 - mean[:, None], 0.0)
        d = np.where(np.isnan(y2), np.nan, d)
    res = _ungroup(d, full, axes).reshape(shape).astype(result, copy=False)
    return _finish(res, out, fname)


def _halves(x, axis, fname):
    xa = check_real(x, "x", fname)
    if xa.ndim == 0:
        raise ValueError(f"fastact.{fname}: x must have at least one dimension")
    axis = single_axis(axis, xa.ndim, fname)
    n = xa.shape[axis]
    if n % 2:
        raise ValueError(f"fastact.{fname}: the length of axis {axis} must be even, got {n}")
    a, b = np.split(xa, 2, axis=axis)
    return xa, a, b, axis


@routed("shrink", 1)
def glu(x, axis=-1):
    r"""Gated linear unit: split ``x`` in halves ``a, b`` along ``axis``; ``a * sigmoid(b)``.

    .. math::

        \operatorname{glu}(x) = a \odot \sigma(b)

    Parameters
    ----------
    x : array_like
        Input; its length along ``axis`` must be even.
    axis : int, default -1
        Axis to split.

    Returns
    -------
    ndarray
        Half the length of ``x`` along ``axis``.

    Examples
    --------
    >>> import fastact
    >>> fastact.glu([2.0, 4.0, 0.0, 100.0])
    array([1., 4.])
    """
    _, a, b, _ = _halves(x, axis, "glu")
    s = elementwise("sigmoid", False, (b,), (), None, "glu")
    if a.dtype != s.dtype:
        a = a.astype(s.dtype)
    return np.multiply(a, s, out=s)


@routed("grow", 2)
def glu_backward(grad, x, axis=-1):
    r"""Gradient of :func:`glu`: ``(grad * sigmoid(b), grad * a * sigmoid'(b))`` joined.

    .. math::

        \partial_a = g\,\sigma(b),\qquad \partial_b = g\,a\,\sigma(b)\,\sigma(-b)

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the glu output (half length along ``axis``).
    x : array_like
        The input of the forward call.
    axis : int, default -1
        The split axis.

    Returns
    -------
    ndarray
        Shape of ``x``.

    Examples
    --------
    >>> import fastact
    >>> fastact.glu_backward([1.0], [3.0, 0.0])
    array([0.5 , 0.75])
    """
    xa, a, b, axis = _halves(x, axis, "glu_backward")
    g = check_real(grad, "grad", "glu_backward")
    _, result = result_dtypes([g, xa])
    a64, b64, g64 = (np.asarray(v, np.float64) for v in (a, b, g))
    da = elementwise("sigmoid", False, (b64,), (), None, "glu_backward") * g64
    db = elementwise("sigmoid", True, (g64 * a64, b64), (), None, "glu_backward")
    return np.concatenate([da, db], axis=axis).astype(result, copy=False)


def _groups(x, k, axis, fname):
    xa = check_real(x, "x", fname)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"fastact.{fname}: k must be an integer, not {type(k).__name__}")
    if k < 1:
        raise ValueError(f"fastact.{fname}: k must be positive, got {k}")
    if xa.ndim == 0:
        raise ValueError(f"fastact.{fname}: x must have at least one dimension")
    axis = single_axis(axis, xa.ndim, fname)
    n = xa.shape[axis]
    if n % k:
        raise ValueError(f"fastact.{fname}: length {n} of axis {axis} is not divisible by k={k}")
    compute, result = result_dtypes([xa])
    shape = xa.shape[:axis] + (n // k, k) + xa.shape[axis + 1:]
    return xa.astype(compute, copy=False).reshape(shape), axis, result


@routed("shrink", 1)
def maxout(x, k, axis=-1):
    r"""Maxout: the maximum over groups of ``k`` consecutive entries along ``axis``.

    .. math::

        \operatorname{maxout}(x)_i = \max_{0 \le j < k} x_{ik + j}

    Parameters
    ----------
    x : array_like
        Input; its length along ``axis`` must be divisible by ``k``.
    k : int
        Group size.
    axis : int, default -1
        Axis to group.

    Returns
    -------
    ndarray
        Length ``n // k`` along ``axis``.

    Notes
    -----
    The gradient goes to the first maximal entry of each group (as PyTorch's max
    pooling); NaN propagates.

    Examples
    --------
    >>> import fastact
    >>> fastact.maxout([1.0, 5.0, 3.0, 2.0], k=2)
    array([5., 3.])
    """
    g, axis, result = _groups(x, k, axis, "maxout")
    return np.max(g, axis=axis + 1).astype(result, copy=False)


@routed("grow", 2)
def maxout_backward(grad, x, k, axis=-1):
    r"""Gradient of :func:`maxout`: ``grad`` routed to the first maximum of each group.

    .. math::

        \frac{\partial L}{\partial x_{ik+j}} = g_i\,[j = \operatorname{argmax}_j x_{ik+j}]

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the maxout output.
    x : array_like
        The input of the forward call.
    k : int
        Group size.
    axis : int, default -1
        The grouped axis.

    Returns
    -------
    ndarray
        Shape of ``x``.

    Examples
    --------
    >>> import fastact
    >>> fastact.maxout_backward([1.0, 2.0], [1.0, 5.0, 3.0, 2.0], k=2)
    array([0., 1., 2., 0.])
    """
    xg, axis, result = _groups(x, k, axis, "maxout_backward")
    gr = check_real(grad, "grad", "maxout_backward")
    _, result = result_dtypes([gr, np.asarray(x)])
    idx = np.expand_dims(np.argmax(xg, axis=axis + 1), axis + 1)
    g = np.broadcast_to(np.asarray(gr, np.float64), idx.shape[:axis + 1] + idx.shape[axis + 2:])
    dx = np.zeros(xg.shape, np.float64)
    np.put_along_axis(dx, idx, np.expand_dims(g, axis + 1), axis=axis + 1)
    return dx.reshape(np.shape(x)).astype(result, copy=False)
