"""The public losses on logits: softmax and sigmoid binary cross-entropy, and their backward.

Their signatures, docstrings and routing (``@along_axis``: NumPy arrays; CUDA arrays to
:mod:`fastact._cuda.losses`; Dask arrays block by block, the class axis one chunk); the
work on NumPy arrays is done by :mod:`fastact._cpu.losses`, and inside the user's
``@njit`` code by the overloads of :func:`fastact._api.overloads.register_losses`.
"""

from __future__ import annotations

from .._cpu import losses as cpu
from .route import along_axis


@along_axis("loss", 2)
def softmax_cross_entropy(logits, labels, axis=-1, *, label_smoothing=0.0, weight=None,
                          ignore_index=None, where=None, out=None, return_stats=False):
    r"""Softmax cross-entropy of ``logits`` against ``labels`` along ``axis``, one loss per row.

    .. math::

        L = \sum_j c_j \left(\operatorname{logsumexp}(x) - x_j\right)
          = \sum_j c_j (m - x_j) + C \operatorname{log1p}\Big(\sum_{j \ne j^*}
            e^{x_j - m}\Big)

    with ``m = max x`` (at ``j*``), target coefficients ``c_j`` and ``C = sum c_j``.  Both
    terms are never negative, so the loss keeps its digits down to the smallest losses
    (PyTorch's and optax's ``logsumexp(x) - x_k`` lose them all as the loss goes to 0).

    Parameters
    ----------
    logits : array_like
        Unnormalized log-probabilities.
    labels : array_like of int or float
        Integers: the class index of each row (the logits' shape without ``axis``).
        Floats: target probabilities (broadcast to the logits' shape), as PyTorch
        decides by dtype.
    axis : int, default -1
        The class axis.
    label_smoothing : float in [0, 1], default 0
        Targets ``(1 - s) t + s / n`` (PyTorch's and optax's), ``n`` the number of classes
        (of the included ones with ``where``).
    weight : array_like, optional
        One weight per class, ``c_j = weight_j t_j`` (PyTorch's ``weight``; with index
        labels the row's loss is scaled by its class's weight).
    ignore_index : int, optional
        Rows whose label is this get loss 0 and gradient 0.
    where : array_like of bool, optional
        Entries to include (broadcast to the logits); the others take no part (as the
        softmax family's ``where=``).
    out : ndarray, optional
        Array to write the losses into.
    return_stats : bool, default False
        Also return each row's statistics for :func:`softmax_cross_entropy_backward`'s
        ``stats=`` (what autograd would save): its backward then reads each row once,
        instead of finding its maximum and sum again.

    Returns
    -------
    ndarray or scalar
        The logits' shape without ``axis``; float32 for float32 logits, float64 otherwise.
        No reduction: sum or average them as your training needs.
    stats : ndarray, float64
        With ``return_stats=True``: the loss's shape plus a last axis of 2, the row's
        maximum ``m`` and ``R = sum_{j != j*} e^{x_j - m}`` (``logsumexp = m + log1p(R)``);
        NaN for the rows left out (zero weight, ignored).

    Notes
    -----
    Sums and logarithms in float64, rounded once; the exponentials in float64 for float64
    logits and in float32 arithmetic (each within 1 ulp of float32) for float32 logits:
    within 4 ulp of the loss beyond ``2**-53 sum_j |C p_j - c_j| |x_j - m|``, the
    rounding of the float64 logits' own differences.  Rows as :func:`log_softmax` has
    them: NaN, +inf or only -inf in a row give NaN; a -inf logit with a positive target
    gives +inf; a row whose coefficients are all 0 (ignored, zero weight) gives 0.  The gradient is
    :func:`softmax_cross_entropy_backward`.  PyTorch's ``F.cross_entropy(...,
    reduction='none')``, optax's ``softmax_cross_entropy`` /
    ``softmax_cross_entropy_with_integer_labels``.

    CUDA logits (CuPy, PyTorch, numba): a block per row on the GPU in float64, the result
    of their kind and dtype (``where=`` is the CPU's only; ``out=`` a CUDA array).  Dask logits:
    block by block, the class axis in one chunk.  Inside ``@njit``: a row and its class
    index, or rows and their labels, without the options.

    Examples
    --------
    >>> import fastact
    >>> fastact.softmax_cross_entropy([40.0, 0.0, 0.0], 0)
    np.float64(8.496708510583178e-18)
    """
    return cpu.softmax_cross_entropy(logits, labels, axis, label_smoothing, weight,
                                     ignore_index, where, out, return_stats)


@along_axis("loss", 3)
def softmax_cross_entropy_backward(grad, logits, labels, axis=-1, *, label_smoothing=0.0,
                                   weight=None, ignore_index=None, where=None, out=None,
                                   stats=None):
    r"""Gradient of :func:`softmax_cross_entropy` with respect to the logits, in one pass.

    .. math::

        \frac{\partial L}{\partial x_j} = g\,(C p_j - c_j),\qquad
        p_j = \frac{e^{x_j - m}}{\sum_i e^{x_i - m}}

    At the largest logit, where ``p`` may round to 1, ``C p - c`` is computed as
    ``(C - c) - C (1 - p)`` with ``1 - p`` from the other terms: exact where
    ``softmax(x) - onehot`` gives 0.

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the losses (their shape, or broadcast to it).
    logits : array_like
        The logits of the forward call.
    labels : array_like of int or float
        As in the forward.
    axis : int, default -1
        The class axis.
    label_smoothing, weight, ignore_index, where
        As in the forward.
    out : ndarray, optional
        Array to write the gradient into.
    stats : ndarray, optional
        The forward's ``return_stats=True`` result for these logits and labels: each row
        is then read once (its exponentials and the write), where without it the row's
        maximum and sum are found first (three passes).  Like a tensor autograd saves, it
        must come from these very logits: statistics of other logits give the gradient
        of a wrong softmax (a row whose logits exceed its saved maximum, or whose
        statistics are not finite, is computed from the logits alone).  NumPy logits only.

    Returns
    -------
    ndarray
        The logits' shape.

    Examples
    --------
    >>> import fastact
    >>> fastact.softmax_cross_entropy_backward(1.0, [40.0, 0.0, 0.0], 0)
    array([-8.49670851e-18,  4.24835426e-18,  4.24835426e-18])
    """
    return cpu.softmax_cross_entropy_backward(grad, logits, labels, axis, label_smoothing,
                                              weight, ignore_index, where, out, stats)


@along_axis("loss", 2)
def sigmoid_binary_cross_entropy(logits, targets, *, pos_weight=None, out=None):
    r"""Sigmoid binary cross-entropy of ``logits`` against ``targets``, elementwise.

    .. math::

        L = -\left(w\,t \log\sigma(x) + (1 - t) \log\sigma(-x)\right)
          = w\,t\,\operatorname{softplus}(-x) + (1 - t)\operatorname{softplus}(x)

    Both terms are taken from ``log_sigmoid`` of their own sign (never ``log(1 - s)``), so
    the loss keeps its digits where the sigmoid rounds to 1 or 0.

    Parameters
    ----------
    logits : array_like
        Unnormalized log-odds.
    targets : array_like
        Target probabilities (usually 0 or 1), broadcast against ``logits``.
    pos_weight : array_like, optional
        ``w``, the weight of the positive term (PyTorch's ``pos_weight``), broadcast
        against ``logits`` (one per class along the last axis, say).
    out : ndarray, optional
        Array to write the losses into.

    Returns
    -------
    ndarray or scalar
        The broadcast shape; float32 for float32 logits, float64 otherwise.  No reduction.

    Notes
    -----
    Within 4 ulp of the loss.  Computed in float64 and rounded once, except where the
    loss is float32 and every operand float32 (arrays of float32, or of a dtype float32
    holds, such as bool; numbers that float32 holds): there in float32 arithmetic (twice
    the SIMD lanes; the coefficients carried exactly, so each term is one rounded product
    of float32's ``softplus``), the elements outside its range (``|x| > 80``, targets
    outside [0, 1], a ``w t`` that is negative, tiny or huge, NaN and infinities) in
    float64 (so on the GPU too).  A term whose coefficient
    is 0 is no part of the loss (``x = -inf`` with ``t = 0`` gives 0, not NaN); NaN gives
    NaN.  The gradient is :func:`sigmoid_binary_cross_entropy_backward`.  PyTorch's
    ``binary_cross_entropy_with_logits(..., reduction='none')``, optax's
    ``sigmoid_binary_cross_entropy``.  CUDA, Dask and ``@njit`` as
    :func:`softmax_cross_entropy` (on the GPU and inside Numba the operands are scalars or
    arrays of the logits' shape).

    Examples
    --------
    >>> import fastact
    >>> fastact.sigmoid_binary_cross_entropy(40.0, 1.0)
    np.float64(4.248354255291589e-18)
    """
    return cpu.sigmoid_binary_cross_entropy(logits, targets, pos_weight, out)


@along_axis("loss", 3)
def sigmoid_binary_cross_entropy_backward(grad, logits, targets, *, pos_weight=None, out=None):
    r"""Gradient of :func:`sigmoid_binary_cross_entropy` with respect to the logits.

    .. math::

        \frac{\partial L}{\partial x} = g\left((1 - t)\,\sigma(x) - w\,t\,\sigma(-x)\right)

    Both sigmoids are computed directly (``sigma(-x)``, not ``1 - sigma(x)``): exact where
    ``sigmoid(x) - t`` gives 0 for a confident, correct logit.

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the losses.
    logits : array_like
        The logits of the forward call.
    targets : array_like
        As in the forward.
    pos_weight : array_like, optional
        As in the forward.
    out : ndarray, optional
        Array to write the gradient into.

    Returns
    -------
    ndarray or scalar
        The broadcast shape of ``grad``, ``logits``, ``targets`` and ``pos_weight``.

    Examples
    --------
    >>> import fastact
    >>> fastact.sigmoid_binary_cross_entropy_backward(1.0, 40.0, 1.0)
    np.float64(-4.248354255291589e-18)
    """
    return cpu.sigmoid_binary_cross_entropy_backward(grad, logits, targets, pos_weight, out)


def _register_overloads() -> None:
    """The losses inside the user's ``@njit`` code (:func:`fastact._api.overloads.register_losses`)."""
    from .overloads import register_losses

    register_losses(globals())


_register_overloads()
