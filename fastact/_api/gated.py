"""Gated units: SwiGLU, GeGLU, ReGLU and any elementwise activation as the gate.

``f(gate) * value``, the MLP of current transformers, in one pass each way:

* one array split in two halves along ``axis`` (``gate='first'``: the first half is
  the gate, as vLLM's ``silu_and_mul`` and Megatron take it; ``'second'``: as
  ``torch.nn.functional.glu`` and ``jax.nn.glu`` take it), or two arrays ``(gate, value)``
  that broadcast like a binary ufunc;
* ``bias=``: added before the activation, in the same pass (one array: broadcast against
  it before the split; two arrays: a pair ``(bias_gate, bias_value)``);
* the backward returns the gradients of every input from one pass, recomputing ``f`` from
  the inputs (nothing saved).

:func:`gated` makes the unit of any built-in or user activation (``gated("mish")``);
:func:`swiglu`, :func:`geglu` and :func:`reglu` are the named ones.  The work is done by
the router (:func:`fastact._api.route.gated`): fused loops for NumPy inputs, separate
calls for CUDA and Dask arrays.
"""

from __future__ import annotations

from .._spec.names import ALIASES
from .._spec.registry import REGISTRY, REQUIRED, known, lookup
from . import route


def _resolve(activation) -> str:
    if callable(activation) and not isinstance(activation, str):
        activation = getattr(activation, "__name__", None)
    if not isinstance(activation, str):
        raise TypeError("fastact.gated: activation must be a name (or a fastact elementwise "
                        f"function), not {type(activation).__name__}")
    name = ALIASES[activation][0] if activation in ALIASES else activation
    if not known(name) or name.endswith("_backward"):
        import difflib

        close = difflib.get_close_matches(name, list(REGISTRY), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"fastact.gated: {activation!r} is not an elementwise activation{hint}")
    if name in ("rrelu",):
        raise ValueError("fastact.gated: rrelu draws random slopes; use leaky_relu with the "
                         "slope you want")
    return name


class Gated:
    """A gated unit ``f(gate) * value`` of one elementwise activation (see :func:`gated`).

    Examples
    --------
    >>> import numpy as np, fastact
    >>> unit = fastact.Gated("relu")          # as fastact.gated("relu"): ReGLU
    >>> unit.backward(np.ones(1), np.array([3.0, 2.0]))   # relu'(3) * 2, relu(3)
    array([2., 3.])
    """

    def __init__(self, activation, **params):
        name = _resolve(activation)
        entry = lookup(name)
        key = name
        values = []
        unknown = set(params) - {p.name for p in entry.params}
        if unknown:
            raise TypeError(f"fastact.gated: {name} has no parameter(s) {sorted(unknown)}")
        for p in entry.params:
            v = params.get(p.name, p.default)
            if v is REQUIRED:
                raise TypeError(f"fastact.gated: {name} needs the parameter {p.name!r}")
            if p.choices:
                if v not in p.choices:
                    raise ValueError(f"fastact.gated: {p.name} must be one of "
                                     f"{sorted(p.choices)}, not {v!r}")
                key = p.choices[v]
                continue
            if v is None and p.none_value is not None:
                v = p.none_value
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError(f"fastact.gated: {p.name} must be a number, not {v!r}")
            values.append(float(v))
        given = {p.name: params.get(p.name, p.default) for p in entry.params}
        for rule in entry.rules:
            rule.check("gated", given)
        self.activation = name
        self.key = key
        self.params = tuple(values)
        self.settings = {k: v for k, v in params.items()}

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v!r}" for k, v in self.settings.items())
        return f"fastact.gated({self.activation!r}{extra})"

    def __call__(self, x, value=None, *, axis=-1, gate="first", bias=None, out=None):
        """``f(gate + bias) * value`` (see :func:`gated`)."""
        return route.gated(self.key, self.params, x, value, axis, gate, bias, out,
                           self._fname(False))

    def backward(self, grad, x, value=None, *, axis=-1, gate="first", bias=None, out=None):
        """The gradients of every input, from one pass (see :func:`gated`)."""
        return route.gated(self.key, self.params, x, value, axis, gate, bias, out,
                           self._fname(True), grad=grad)

    def _fname(self, backward: bool) -> str:
        return f"gated({self.activation!r})" + (".backward" if backward else "")


def gated(activation, **params) -> Gated:
    """The gated unit of an elementwise activation: ``f(gate + bg) * (value + bv)``.

    ``fastact.gated("silu")`` is SwiGLU, ``gated("gelu")`` GeGLU, ``gated("relu")`` ReGLU,
    ``gated("sigmoid")`` the original GLU; any built-in (by name, alias or function) or
    user activation (:func:`activation`) works, with its parameters.

    Parameters
    ----------
    activation : str or callable
        A fastact elementwise activation: ``"mish"``, ``fastact.mish``, an alias
        (``"hard_swish"``) or the name of a user activation.
    **params
        Its parameters (``approximate="tanh"`` for gelu, ``negative_slope=0.1`` for
        leaky_relu); the defaults otherwise.

    Returns
    -------
    Gated
        Callable as ``unit(x, value=None, *, axis=-1, gate='first', bias=None, out=None)``,
        with ``unit.backward(grad, x, value=None, *, axis=-1, gate='first', bias=None,
        out=None)``.

    Notes
    -----
    One array ``x``: split in two halves along ``axis`` (its length must be even); the
    half named by ``gate`` (``'first'`` or ``'second'``) goes through ``f``, the other
    multiplies it.  The result has ``x``'s shape with ``axis`` halved.  ``bias``
    broadcasts against ``x`` (before the split): fused when it lies along ``x``'s
    dimensions from ``axis`` on (a linear layer's bias), else added first.

    Two arrays ``(x, value)``: ``x`` is the gate; they broadcast; ``bias`` is a pair
    ``(bias_gate, bias_value)``, either may be None.

    The backward returns, for one array, ``dx`` (``x``'s shape: the gate's half is
    ``grad * value * f'(gate)``, the value's half ``grad * f(gate)``), with ``bias``
    ``(dx, dbias)``; for two arrays ``(dgate, dvalue)`` summed to their shapes, with
    ``bias`` ``(dgate, dvalue, dbias_gate, dbias_value)``.  The bias gradients are summed
    in the same pass (float64, compensated).  ``f`` and ``f'`` are the elementwise
    kernels (their accuracy and kink conventions); the product adds one rounding, so the
    result is bit for bit ``fastact.f(gate) * value``.

    Examples
    --------
    >>> import numpy as np, fastact
    >>> unit = fastact.gated("sigmoid")
    >>> unit(np.array([0.0, 2.0]))            # sigmoid(0) * 2
    array([1.])
    >>> x = np.array([[1.0, 4.0]])
    >>> bool(unit(x, gate="second")[0, 0] == fastact.glu(x)[0, 0])
    True
    """
    return Gated(activation, **params)


def _gelu_key(approximate, fname: str) -> str:
    """The registry entry of gelu's ``approximate`` form (gelu's own choices, one owner)."""
    (choices,) = [p.choices for p in REGISTRY["gelu"].params if p.choices]
    key = choices.get(approximate) if isinstance(approximate, str) else None
    if key is None:
        raise ValueError(f"fastact.{fname}: approximate must be one of {sorted(choices)}, "
                         f"not {approximate!r}")
    return key


def swiglu(x, value=None, *, axis=-1, gate="first", bias=None, out=None):
    r"""SwiGLU: ``silu(gate) * value`` (Shazeer, 2020; LLaMA, PaLM, Mistral).

    .. math::

        \mathrm{swiglu}(g, v) = \frac{g}{1 + e^{-g}}\, v

    Parameters
    ----------
    x : array_like
        One array split in two halves along ``axis``, or (with ``value``) the gate.
    value : array_like, optional
        The value (two-array form); it broadcasts against ``x``.
    axis : int, default -1
        The axis split in halves (one-array form; its length must be even).
    gate : {'first', 'second'}, default 'first'
        Which half is the gate: ``'first'`` as vLLM's ``silu_and_mul``, Megatron and
        Hugging Face's LLaMA ``silu(gate_proj) * up_proj`` with both projections in one
        matrix; ``'second'`` as ``torch.nn.functional.glu``'s layout.
    bias : array_like or pair, optional
        Added before the activation in the same pass: broadcast against ``x`` (one
        array), or ``(bias_gate, bias_value)`` (two arrays).
    out : ndarray, optional
        Array to write the result into.

    Returns
    -------
    ndarray
        ``x``'s shape with ``axis`` halved (one array), or the broadcast shape.

    Notes
    -----
    Exactly ``fastact.silu(gate) * value`` (the same bits), in one pass over memory.  The
    gradient convention is silu's (smooth).  See :func:`gated` for every form and the
    backward, :func:`swiglu_backward`.

    Examples
    --------
    >>> import numpy as np, fastact
    >>> h = np.array([[1.0, -1.0, 2.0, 3.0]])   # gate [1, -1], value [2, 3]
    >>> fastact.swiglu(h)
    array([[ 1.46211716, -0.80682426]])
    """
    return route.gated("silu", (), x, value, axis, gate, bias, out, "swiglu")


def swiglu_backward(grad, x, value=None, *, axis=-1, gate="first", bias=None, out=None):
    """Gradients of :func:`swiglu`: ``dx`` (one array), ``(dgate, dvalue)`` (two arrays).

    With ``bias`` also the bias gradients (``(dx, dbias)``, or ``(dgate, dvalue,
    dbias_gate, dbias_value)``), summed in the same pass.  The gate's gradient is
    ``silu_backward(grad * value, gate)``, the value's ``grad * silu(gate)``.

    Parameters
    ----------
    grad : array_like
        Gradient of the loss with respect to the output.
    x, value, axis, gate, bias :
        As for :func:`swiglu`.
    out : ndarray or tuple, optional
        Arrays for the results (a tuple when there are several; None entries allowed).

    Returns
    -------
    ndarray or tuple of ndarrays

    Examples
    --------
    >>> import numpy as np, fastact
    >>> h = np.array([[1.0, -1.0, 2.0, 3.0]])
    >>> fastact.swiglu_backward(np.ones((1, 2)), h).shape
    (1, 4)
    """
    return route.gated("silu", (), x, value, axis, gate, bias, out, "swiglu_backward", grad=grad)


def geglu(x, value=None, *, approximate="none", axis=-1, gate="first", bias=None, out=None):
    r"""GeGLU: ``gelu(gate) * value`` (Shazeer, 2020; T5 v1.1, Gemma).

    .. math::

        \mathrm{geglu}(g, v) = g\,\Phi(g)\, v

    Parameters
    ----------
    x : array_like
        One array split in two halves along ``axis``, or (with ``value``) the gate.
    value : array_like, optional
        The value (two-array form); it broadcasts against ``x``.
    approximate : {'none', 'tanh'}, default 'none'
        gelu's form: the exact one, or the tanh approximation (Gemma's
        ``gelu_pytorch_tanh``), as :func:`gelu`.
    axis : int, default -1
        The axis split in halves (one-array form; its length must be even).
    gate : {'first', 'second'}, default 'first'
        Which half is the gate.
    bias : array_like or pair, optional
        Added before the activation in the same pass.
    out : ndarray, optional
        Array to write the result into.

    Returns
    -------
    ndarray

    Notes
    -----
    Exactly ``fastact.gelu(gate, approximate) * value`` (the same bits), in one pass; see
    :func:`gated` and :func:`geglu_backward`.

    Examples
    --------
    >>> import numpy as np, fastact
    >>> fastact.geglu(np.array([1.0, 2.0]))     # gelu(1) * 2
    array([1.68268949])
    """
    return route.gated(_gelu_key(approximate, "geglu"), (), x, value, axis, gate, bias, out,
                       "geglu")


def geglu_backward(grad, x, value=None, *, approximate="none", axis=-1, gate="first",
                   bias=None, out=None):
    """Gradients of :func:`geglu` (as :func:`swiglu_backward`, with gelu's derivative).

    Parameters
    ----------
    grad : array_like
        Gradient of the loss with respect to the output.
    x, value, approximate, axis, gate, bias :
        As for :func:`geglu`.
    out : ndarray or tuple, optional
        Arrays for the results.

    Returns
    -------
    ndarray or tuple of ndarrays

    Examples
    --------
    >>> import numpy as np, fastact
    >>> fastact.geglu_backward(1.0, np.array([0.0, 3.0]))   # d/dg = gelu'(0) * 3, d/dv = 0
    array([1.5, 0. ])
    """
    return route.gated(_gelu_key(approximate, "geglu_backward"), (), x, value, axis, gate,
                       bias, out, "geglu_backward", grad=grad)


def reglu(x, value=None, *, axis=-1, gate="first", bias=None, out=None):
    r"""ReGLU: ``relu(gate) * value`` (Shazeer, 2020).

    .. math::

        \mathrm{reglu}(g, v) = \max(g, 0)\, v

    Parameters
    ----------
    x : array_like
        One array split in two halves along ``axis``, or (with ``value``) the gate.
    value : array_like, optional
        The value (two-array form).
    axis : int, default -1
        The axis split in halves.
    gate : {'first', 'second'}, default 'first'
        Which half is the gate.
    bias : array_like or pair, optional
        Added before the activation in the same pass.
    out : ndarray, optional
        Array to write the result into.

    Returns
    -------
    ndarray

    Notes
    -----
    relu's kink convention: ``relu'(0) = 0``, so the gate's gradient at 0 is 0.

    Examples
    --------
    >>> import numpy as np, fastact
    >>> fastact.reglu(np.array([-1.0, 2.0, 5.0, 7.0]))
    array([ 0., 14.])
    """
    return route.gated("relu", (), x, value, axis, gate, bias, out, "reglu")


def reglu_backward(grad, x, value=None, *, axis=-1, gate="first", bias=None, out=None):
    """Gradients of :func:`reglu` (as :func:`swiglu_backward`, with relu's derivative).

    Parameters
    ----------
    grad : array_like
        Gradient of the loss with respect to the output.
    x, value, axis, gate, bias :
        As for :func:`reglu`.
    out : ndarray or tuple, optional
        Arrays for the results.

    Returns
    -------
    ndarray or tuple of ndarrays

    Examples
    --------
    >>> import numpy as np, fastact
    >>> fastact.reglu_backward(1.0, np.array([-1.0, 2.0, 5.0, 7.0]))
    array([0., 7., 0., 2.])
    """
    return route.gated("relu", (), x, value, axis, gate, bias, out, "reglu_backward", grad=grad)


def _register_overloads() -> None:
    """The gated units on scalars inside ``@njit``/``@cuda.jit`` (overloads.register_gated)."""
    from .overloads import register_gated

    register_gated(globals())


_register_overloads()
