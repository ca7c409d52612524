"""Public forms that are more than one ufunc call: prelu's weight gradient, rrelu's noise."""

from __future__ import annotations

import numpy as np

from .._core.dtypes import check_real, result_dtypes
from .._core.kinds import is_cuda_input
from .._cpu.elementwise import prelu_backward_one_pass
from .._spec.registry import REGISTRY
from .route import call as elementwise


def _sum_to_shape(a: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum ``a`` over the axes that broadcasting added or stretched to reach ``shape``."""
    lead = a.ndim - len(shape)
    if lead < 0:
        raise ValueError(f"weight of shape {shape} does not broadcast against x")
    if lead:
        a = a.sum(axis=tuple(range(lead)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and a.shape[i] != 1)
    if stretched:
        a = a.sum(axis=stretched, keepdims=True)
    return a


def prelu_backward(grad, x, weight, *, out=None):
    r"""Gradients of :func:`prelu` with respect to ``x`` and to ``weight``.

    .. math::

        \partial_x = g \cdot \begin{cases} 1 & x > 0 \\ w & x \le 0 \end{cases},\qquad
        \partial_w = \sum_{\text{broadcast axes}} g \cdot x \cdot [x \le 0]

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the output of ``prelu(x, weight)``.
    x : array_like
        The input of the forward call.
    weight : float or array_like
        The slope, broadcast against ``x`` (``w[:, None, None]`` for NCHW input).
    out : ndarray, optional
        Array for ``grad_x``.

    Returns
    -------
    grad_x : ndarray
        Same shape and dtype rules as the forward.
    grad_weight : ndarray
        ``grad * x`` where ``x <= 0`` (NaN where x is NaN), summed to ``weight``'s shape.

    Notes
    -----
    prelu'(0) = weight (the left branch, as PyTorch).

    Examples
    --------
    >>> import fastact
    >>> gx, gw = fastact.prelu_backward([1.0, 1.0, 1.0], [-2.0, 0.0, 3.0], 0.25)
    >>> gx
    array([0.25, 0.25, 1.  ])
    >>> gw
    np.float64(-2.0)
    """
    if any(is_cuda_input(a) for a in (grad, x, weight)):
        raise TypeError("fastact.prelu_backward takes host arrays: on CUDA arrays, grad_x is "
                        "fastact.leaky_relu_backward(grad, x, negative_slope=weight) and the "
                        "weight's gradient the sum of grad * x where x <= 0")
    done = prelu_backward_one_pass(grad, x, weight, out)
    if done is not None:
        with np.errstate(over="ignore"):  # a float32 sum beyond float32's range is inf
            return done[0], x.dtype.type(done[1])
    gx = elementwise("prelu", True, (grad, x), (weight,), out, "prelu_backward")
    g = check_real(grad, "grad", "prelu_backward")
    xa = check_real(x, "x", "prelu_backward")
    w = check_real(weight, "weight", "prelu_backward")
    _, result = result_dtypes([g, xa], [grad, x])
    if (w.ndim == 0 and g.shape == xa.shape and g.dtype == xa.dtype
            and g.dtype in (np.float32, np.float64)
            and g.flags.c_contiguous and xa.flags.c_contiguous):
        from ..kernels.piecewise import prelu_weight_grad_sum

        with np.errstate(over="ignore"):  # a float32 sum beyond float32's range is inf
            return gx, np.dtype(result).type(prelu_weight_grad_sum(g.reshape(-1), xa.reshape(-1)))
    g64 = np.asarray(g, np.float64)
    x64 = np.asarray(xa, np.float64)
    with np.errstate(all="ignore"):  # sums may overflow to inf, as IEEE says
        contrib = np.where(x64 > 0, 0.0, g64 * x64)
        contrib = np.broadcast_to(contrib, np.broadcast_shapes(contrib.shape, w.shape))
        gw = _sum_to_shape(contrib, w.shape).astype(result)
    return gx, gw


def _check_bounds(fname, lower, upper):
    for rule in REGISTRY["rrelu"].rules:
        rule.check(fname, {"lower": lower, "upper": upper})


def rrelu(x, lower=1 / 8, upper=1 / 3, training=False, rng=None, *, out=None,
          return_slopes=False):
    r"""Randomized leaky ReLU.

    .. math::

        f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}

    In evaluation (``training=False``) ``a = (lower + upper)/2``; in training each
    element draws its own ``a ~ U(lower, upper)`` from ``rng``.

    Parameters
    ----------
    x : array_like
        Input.
    lower, upper : float, default 1/8 and 1/3
        Bounds of the slope.
    training : bool, default False
        Draw random slopes (True) or use their mean (False).
    rng : None, int or numpy.random.Generator, optional
        Source of the slopes in training, as :func:`numpy.random.default_rng` takes it:
        None for fresh entropy, an int seed, or a Generator (used as is); the same seed
        gives the same slopes.
    out : ndarray, optional
        Array to write the result into.
    return_slopes : bool, default False
        Also return the slope of every element, to hand to :func:`rrelu_backward`.

    Returns
    -------
    ndarray, or (ndarray, ndarray) with ``return_slopes``

    Raises
    ------
    ValueError
        Unless ``lower <= upper``.

    Notes
    -----
    rrelu'(0) = a (the left branch, as PyTorch).

    Examples
    --------
    >>> import fastact, numpy as np
    >>> fastact.rrelu([-1.0, 2.0], lower=0.1, upper=0.3)
    array([-0.2,  2. ])
    >>> y, a = fastact.rrelu([-1.0, 2.0], training=True, rng=np.random.default_rng(0),
    ...                      return_slopes=True)
    >>> bool(y[0] == -a[0])
    True
    """
    _check_bounds("rrelu", lower, upper)
    if not training:
        y = elementwise("rrelu", False, (x,), (lower, upper), out, "rrelu")
        if return_slopes:
            xa = np.asarray(y)
            return y, np.full(xa.shape, 0.5 * (lower + upper), dtype=xa.dtype)
        return y
    xa = check_real(x, "x", "rrelu")
    compute, result = result_dtypes([xa])
    rng = np.random.default_rng(rng)  # None, a seed or a Generator (returned as is)
    slopes = rng.uniform(lower, upper, size=xa.shape).astype(compute)
    y = elementwise("leaky_relu", False, (xa,), (slopes,), out, "rrelu")
    return (y, slopes) if return_slopes else y


def rrelu_backward(grad, x, lower=1 / 8, upper=1 / 3, training=False, slopes=None, *,
                   out=None):
    r"""Gradient of :func:`rrelu`: ``grad`` where x > 0, ``grad * a`` elsewhere.

    .. math::

        \partial_x f = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}

    Parameters
    ----------
    grad : array_like
        Gradient with respect to the output.
    x : array_like
        The input of the forward call.
    lower, upper : float, default 1/8 and 1/3
        Bounds of the slope (used in evaluation mode).
    training : bool, default False
        If True, ``slopes`` must be given.
    slopes : array_like, optional
        The slopes drawn by ``rrelu(..., training=True, return_slopes=True)``.
    out : ndarray, optional
        Array to write the result into.

    Returns
    -------
    ndarray

    Notes
    -----
    rrelu'(0) = a (the left branch, as PyTorch).

    Examples
    --------
    >>> import fastact
    >>> fastact.rrelu_backward([1.0, 1.0], [-1.0, 2.0], lower=0.1, upper=0.3)
    array([0.2, 1. ])
    """
    if slopes is not None:
        return elementwise("leaky_relu", True, (grad, x), (slopes,), out, "rrelu_backward")
    if training:
        raise ValueError(
            "fastact.rrelu_backward: training mode needs the slopes of the forward call; "
            "get them with rrelu(..., training=True, return_slopes=True)"
        )
    _check_bounds("rrelu_backward", lower, upper)
    return elementwise("rrelu", True, (grad, x), (lower, upper), out, "rrelu_backward")
