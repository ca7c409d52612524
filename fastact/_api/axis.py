"""The public functions along an axis: softmax family, logsumexp, sparsemax, glu, maxout.

Their signatures, docstrings and routing (``@along_axis``: CUDA, Dask and xarray arrays
are sent on by :mod:`fastact._api.route`); the work on NumPy arrays is done by
:mod:`fastact._cpu.axis` (compiled row kernels), :mod:`fastact._cpu.numpy_axis` and
:mod:`fastact._cpu.weighted` (NumPy expressions).
"""

from __future__ import annotations

from .._cpu import axis as cpu
from .._cpu import numpy_axis, weighted
from .route import along_axis


@along_axis("same", 1)
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
    return cpu.forward(x, axis, "softmax", out=out, dtype=dtype, where=where)


@along_axis("same", 1)
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
    return cpu.forward(x, axis, "log_softmax", mode=1, out=out, dtype=dtype, where=where)


@along_axis("same", 1)
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
    return cpu.forward(x, axis, "softmin", sign=-1.0, out=out, dtype=dtype, where=where)


@along_axis("reduce", 1)
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
        return weighted.logsumexp(x, axis, keepdims, b, return_sign, out, dtype, where)
    return cpu.forward(x, axis, "logsumexp", reduce=True, keepdims=keepdims, out=out,
                       dtype=dtype, where=where)


@along_axis("same", 2)
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
    return cpu.backward(grad, y, axis, "softmax_backward", "softmax", out=out,
                                where=where)


@along_axis("same", 2)
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
    return cpu.backward(grad, y, axis, "softmin_backward", "softmax", -1.0, out=out,
                                where=where)


@along_axis("same", 2)
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
    return cpu.backward(grad, y, axis, "log_softmax_backward", "log_softmax", out=out,
                                where=where)


@along_axis("expand", 2)
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
        return weighted.logsumexp_backward(grad, x, axis, b, out, where)
    return cpu.backward(grad, x, axis, "logsumexp_backward", "logsumexp", out=out,
                                where=where)


@along_axis("reduce", 1)
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
    return numpy_axis.logmeanexp(x, axis, keepdims, out, dtype, where)


@along_axis("expand", 2)
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
    return cpu.backward(grad, x, axis, "logmeanexp_backward", "logsumexp", out=out,
                                where=where)


@along_axis("same", 1)
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
    return numpy_axis.sparsemax(x, axis, out)


@along_axis("same", 2)
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
    return numpy_axis.sparsemax_backward(grad, y, axis, out)


@along_axis("shrink", 1)
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
    return numpy_axis.glu(x, axis)


@along_axis("grow", 2)
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
    return numpy_axis.glu_backward(grad, x, axis)


@along_axis("shrink", 1)
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
    return numpy_axis.maxout(x, k, axis)


@along_axis("grow", 2)
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
    return numpy_axis.maxout_backward(grad, x, k, axis)


def _hvp_doc(kind: str, formula: str, grad_doc: str, example: str) -> str:
    return f"""Hessian-vector product of :func:`{kind}` along ``axis``: its double backward in ``x``.

    ``d/dt {kind}_backward(grad, x + t v)`` at ``t = 0``, which is what
    ``jax.jvp(jax.grad(lambda x: jnp.vdot(grad, {kind}(x))), (x,), (v,))`` gives
    (for logsumexp, ``grad * jax.jvp(jax.grad(logsumexp), (x,), (v,))``): the Hessian of
    ``<grad, {kind}(x)>`` times ``v``.

    .. math::

        {formula}

    with :math:`s = \\operatorname{{softmax}}(x)` and :math:`w = v - \\langle s, v\\rangle`.

    Parameters
    ----------
    grad : array_like
        {grad_doc}
    x : array_like
        The forward's input.
    v : array_like
        The direction (``x``'s shape).
    axis : int, tuple of ints or None, default -1
        The forward's axis or axes; None: all of them.
    out : ndarray, optional
        Array to write the result into.

    Returns
    -------
    ndarray
        ``x``'s shape; float32 if every input is float32, else float64.

    Notes
    -----
    Computed in float64 from fastact's softmax, and exact with a dominant term as the
    forward is: ``w`` is formed around each row's largest entry, ``(v_i - v_top) +
    sum_j s_j (v_top - v_j)``, which keeps its digits where ``s_top`` rounds to 1 (``v
    - sum(s v)`` cancels there); ``grad - <grad, s>`` in the same way.  NumPy input (and
    anything ``np.asarray`` takes); a CUDA array is a TypeError.

    Examples
    --------
    >>> import fastact
    {example}
    """


@along_axis("same", 3)
def softmax_hvp(grad, x, v, axis=-1, *, out=None):
    return numpy_axis.hvp("softmax", grad, x, v, axis, out)


@along_axis("same", 3)
def log_softmax_hvp(grad, x, v, axis=-1, *, out=None):
    return numpy_axis.hvp("log_softmax", grad, x, v, axis, out)


def logsumexp_hvp(grad, x, v, axis=-1, *, out=None):
    return numpy_axis.hvp("logsumexp", grad, x, v, axis, out)


softmax_hvp.__doc__ = _hvp_doc(
    "softmax", r"s \odot \big(w \odot (g - \langle g, s\rangle) - \langle g, s \odot w\rangle\big)",
    "Gradient with respect to softmax's output (``x``'s shape, or broadcast to it).",
    ">>> fastact.softmax_hvp([1.0, 0.0, 0.0], [0.0, 1.0, 2.0], [1.0, 0.0, 3.0])\n"
    "    array([-0.08014985,  0.06987795,  0.01027189])")
log_softmax_hvp.__doc__ = _hvp_doc(
    "log_softmax", r"-\Big(\sum_j g_j\Big)\, s \odot w",
    "Gradient with respect to log_softmax's output (``x``'s shape, or broadcast to it).",
    ">>> fastact.log_softmax_hvp([1.0, 0.0], [0.0, 0.0], [1.0, 0.0])\n    array([-0.25,  0.25])")
logsumexp_hvp.__doc__ = _hvp_doc(
    "logsumexp", r"g\, s \odot w",
    "Gradient with respect to logsumexp's result: its reduced shape (or broadcast to it),\n"
    "        or with the reduced axes kept.",
    ">>> fastact.logsumexp_hvp(1.0, [0.0, 0.0], [1.0, 0.0])\n    array([ 0.25, -0.25])")
