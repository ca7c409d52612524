"""Functions along an axis: softmax, log_softmax, softmin, logsumexp, glu, maxout.

The axis is moved last and the data made C-contiguous (a copy only when needed);
rows are processed by the Numba kernels of :mod:`fastact.kernels.rows`, blocks of rows
on several threads for large inputs.  The backward passes of softmax, softmin,
log_softmax and logsumexp are compiled the same way (float64 arithmetic, compensated sums
for float64, rounded once); glu's and maxout's are NumPy expressions.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ._collections import routed
from ._dispatch import (
    PARALLEL_MIN_SIZE,
    _on_threads,
    check_real,
    elementwise,
    num_threads,
    result_dtypes,
)
from ._jit import ARTIFACTS, compiled

try:  # numpy >= 2
    from numpy.lib.array_utils import normalize_axis_index
except ImportError:  # pragma: no cover
    from numpy.core.multiarray import normalize_axis_index  # type: ignore[no-redef]


def _prepare(x, axis, fname):
    xa = check_real(x, "x", fname)
    compute, result = result_dtypes([xa])
    if xa.ndim == 0:
        xa = xa.reshape(1)
        axis = normalize_axis_index(axis, 1)
    else:
        axis = normalize_axis_index(axis, xa.ndim)
    if xa.dtype != compute:
        xa = xa.astype(compute)
    return xa, axis, compute, result


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


def _along_axis(x, axis, fname, *, reduce=False, keepdims=False, sign=1.0, mode=0):
    """softmax / log_softmax / softmin (``mode``, ``sign``) or logsumexp (``reduce``).

    The array is viewed as (pre, n, post) around ``axis`` with no transposition: the row
    kernels when ``axis`` is last (post == 1), else the column kernels, which run along
    contiguous rows of ``post`` values.
    """
    from .kernels import rows as R

    shape0 = np.shape(x)
    xa, axis, compute, result = _prepare(x, axis, fname)
    xc = np.ascontiguousarray(xa)
    shape = xc.shape
    n, pre, post = shape[axis], math.prod(shape[:axis]), math.prod(shape[axis + 1:])
    out = np.empty(shape[:axis] + shape[axis + 1:] if reduce else shape, compute)
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
    res = out.astype(result, copy=False)
    if not reduce:
        return res.reshape(shape0)[()]  # 0-d in: a NumPy scalar out (as SciPy)
    if keepdims:
        res = np.expand_dims(res, axis)
    if len(shape0) == 0:
        res = res.reshape(())
    return res[()] if res.ndim == 0 else res


@routed("same", 1)
def softmax(x, axis=-1):
    r"""Softmax along ``axis``, stable for any input magnitude.

    .. math::

        \operatorname{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}},\quad m = \max_j x_j

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, default -1
        Axis to normalise over (SciPy's default is None; PyTorch requires ``dim``).

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
    return _along_axis(x, axis, "softmax")


@routed("same", 1)
def log_softmax(x, axis=-1):
    r"""Logarithm of the softmax along ``axis``, without forming the softmax.

    .. math::

        \operatorname{log\_softmax}(x)_i = x_i - m - \log \sum_j e^{x_j - m}

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, default -1
        Axis to normalise over.

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
    return _along_axis(x, axis, "log_softmax", mode=1)


@routed("same", 1)
def softmin(x, axis=-1):
    r"""Softmin along ``axis``: ``softmax(-x)``.

    .. math::

        \operatorname{softmin}(x)_i = \frac{e^{m - x_i}}{\sum_j e^{m - x_j}},\quad m = \min_j x_j

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, default -1
        Axis to normalise over.

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
    return _along_axis(x, axis, "softmin", sign=-1.0)


@routed("reduce", 1)
def logsumexp(x, axis=-1, keepdims=False):
    r"""``log(sum(exp(x)))`` along ``axis``, without overflow.

    .. math::

        \operatorname{logsumexp}(x) = m + \log \sum_j e^{x_j - m},\quad m = \max_j x_j

    Parameters
    ----------
    x : array_like
        Input.
    axis : int, default -1
        Axis to reduce.
    keepdims : bool, default False
        Keep the reduced axis with length 1.

    Returns
    -------
    ndarray or scalar
        float32 for float32 input, float64 otherwise.

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
    return _along_axis(x, axis, "logsumexp", reduce=True, keepdims=keepdims)


_GRAD_KERNELS = {
    "softmax": ("softmax_backward_rows", "softmax_backward_cols"),
    "log_softmax": ("log_softmax_backward_rows", "log_softmax_backward_cols"),
    "logsumexp": ("logsumexp_backward_rows", "logsumexp_backward_cols"),
}


def _backward_along_axis(grad, second, axis, fname, kind, sign=1.0):
    """The backward of ``kind`` (softmax with ``sign``, log_softmax, logsumexp).

    ``second`` is the forward's output ``y`` (softmax, log_softmax) or its input ``x``
    (logsumexp).  ``grad`` broadcasts to ``second``'s shape, or for logsumexp to the
    reduced or keepdims shape.  Both are cast to the compute dtype and made C-contiguous;
    the compiled kernels of :mod:`fastact.kernels.rows` work on (pre, n, post) views as
    the forward does, rows of blocks on several threads.
    """
    from .kernels import rows as R

    g = check_real(grad, "grad", fname)
    sa = check_real(second, "y" if kind != "logsumexp" else "x", fname)
    compute, result = result_dtypes([g, sa])
    shape0 = sa.shape
    shape = shape0 if sa.ndim else (1,)
    axis = normalize_axis_index(axis, len(shape))
    n, pre, post = shape[axis], math.prod(shape[:axis]), math.prod(shape[axis + 1:])
    s3 = np.ascontiguousarray(sa.reshape(shape), dtype=compute).reshape(pre, n, post)
    if kind == "logsumexp":
        g3 = _reduced_grad(g, shape, axis, fname).reshape(pre, post)
    else:
        g3 = np.ascontiguousarray(np.broadcast_to(g, shape0).reshape(shape),
                                  dtype=compute).reshape(pre, n, post)
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
    return out.astype(result, copy=False).reshape(shape0)[()]


def _reduced_grad(g, shape, axis, fname):
    """logsumexp's ``grad`` as a C-contiguous float64 array of the keepdims shape.

    ``grad`` may have the reduced shape (or broadcast to it), or the keepdims shape (or
    broadcast to that); anything else, say ``x``'s full shape, is a ValueError.
    """
    reduced = shape[:axis] + shape[axis + 1:]
    keep = shape[:axis] + (1,) + shape[axis + 1:]
    try:
        gk = np.expand_dims(np.broadcast_to(g, reduced), axis)
    except ValueError:
        try:
            gk = np.broadcast_to(g, keep)
        except ValueError:
            raise ValueError(
                f"fastact.{fname}: grad of shape {g.shape} does not broadcast to the reduced "
                f"shape {reduced} or the keepdims shape {keep} of the result") from None
    return np.ascontiguousarray(gk, dtype=np.float64)


@routed("same", 2)
def softmax_backward(grad, y, axis=-1):
    r"""Gradient of :func:`softmax` from its output ``y``: ``y * (grad - sum(grad * y))``.

    .. math::

        \frac{\partial L}{\partial x_i} = y_i \left(g_i - \sum_j g_j y_j\right)

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the softmax output.
    y : array_like
        The softmax output (not the input).
    axis : int, default -1
        The axis the forward normalised over.

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
    return _backward_along_axis(grad, y, axis, "softmax_backward", "softmax")


@routed("same", 2)
def softmin_backward(grad, y, axis=-1):
    r"""Gradient of :func:`softmin` from its output ``y``: ``-y * (grad - sum(grad * y))``.

    .. math::

        \frac{\partial L}{\partial x_i} = -y_i \left(g_i - \sum_j g_j y_j\right)

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the softmin output.
    y : array_like
        The softmin output.
    axis : int, default -1
        The axis the forward normalised over.

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
    return _backward_along_axis(grad, y, axis, "softmin_backward", "softmax", -1.0)


@routed("same", 2)
def log_softmax_backward(grad, y, axis=-1):
    r"""Gradient of :func:`log_softmax` from its output ``y``: ``grad - exp(y) * sum(grad)``.

    .. math::

        \frac{\partial L}{\partial x_i} = g_i - e^{y_i} \sum_j g_j

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the log_softmax output.
    y : array_like
        The log_softmax output.
    axis : int, default -1
        The axis the forward normalised over.

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
    return _backward_along_axis(grad, y, axis, "log_softmax_backward", "log_softmax")


@routed("expand", 2)
def logsumexp_backward(grad, x, axis=-1):
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
    axis : int, default -1
        The reduced axis.

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
    return _backward_along_axis(grad, x, axis, "logsumexp_backward", "logsumexp")


def _halves(x, axis, fname):
    xa = check_real(x, "x", fname)
    if xa.ndim == 0:
        raise ValueError(f"fastact.{fname}: x must have at least one dimension")
    axis = normalize_axis_index(axis, xa.ndim)
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
    axis = normalize_axis_index(axis, xa.ndim)
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
