"""fastact: neural-network activations and their derivatives as exact, fast NumPy ufuncs.

Every elementwise function ``fastact.NAME(x, **params, out=None)`` has a backward
``fastact.NAME_backward(grad, x, **params, out=None)`` returning ``grad * f'(x)``.
Real :class:`numpy.ufunc` objects live in :mod:`fastact.cpu` and
:mod:`fastact.parallel`; functions along an axis (softmax, log_softmax, softmin,
logsumexp, logmeanexp, sparsemax, glu, maxout) take ``axis=-1``.  Every elementwise
function takes ``bias=`` (``f(x + b)`` in one pass; its backward also returns ``db``);
gated units: :func:`swiglu`, :func:`geglu`, :func:`reglu` and :func:`gated` (any
activation as the gate).  Nothing is compiled at import:
each function compiles on first use and is cached on disk.
"""

from ._api import wrappers as _wrappers
from ._api.axis import (
    glu,
    glu_backward,
    log_softmax,
    log_softmax_backward,
    log_softmax_hvp,
    logmeanexp,
    logmeanexp_backward,
    logsumexp,
    logsumexp_backward,
    logsumexp_hvp,
    maxout,
    maxout_backward,
    softmax,
    softmax_backward,
    softmax_hvp,
    softmin,
    softmin_backward,
    sparsemax,
    sparsemax_backward,
)
from ._api.gated import (
    Gated,
    gated,
    geglu,
    geglu_backward,
    reglu,
    reglu_backward,
    swiglu,
    swiglu_backward,
)
from ._api.hand_written import prelu_backward, rrelu, rrelu_backward
from ._api.losses import (
    sigmoid_binary_cross_entropy,
    sigmoid_binary_cross_entropy_backward,
    softmax_cross_entropy,
    softmax_cross_entropy_backward,
)
from ._api.user import activation
from ._spec.names import ALIASES, ALONG_AXIS, GATED, HVP, LOSSES
from ._spec.registry import DERIVED, REGISTRY, derivative_name

__version__ = "0.1.0"

globals().update(_wrappers.build())
_wrappers.register_overloads(globals())
for _alias, (_name, _) in ALIASES.items():
    globals()[_alias] = globals()[_name]
    globals()[_alias + "_backward"] = globals()[_name + "_backward"]
del _alias, _name

ELEMENTWISE = tuple(REGISTRY)
"""Names of the elementwise functions (each also has ``NAME_backward`` and
``NAME_double_backward``, and its higher derivatives ``NAME_derivative2`` and
``NAME_derivative3``)."""

DERIVATIVES = tuple(DERIVED)
"""Names of the higher derivatives: ``NAME_derivative2`` and ``NAME_derivative3`` of each
elementwise function (functions of ``x``, forward only)."""

__all__ = sorted(
    {*ELEMENTWISE, *(n + "_backward" for n in ELEMENTWISE), *ALONG_AXIS,
     *(n + "_backward" for n in ALONG_AXIS), *LOSSES, *(n + "_backward" for n in LOSSES),
     *GATED, *(n + "_backward" for n in GATED), *DERIVATIVES,
     *(n + "_double_backward" for n in ELEMENTWISE), "DERIVATIVES", "derivative", *HVP,
     *ALIASES, *(n + "_backward" for n in ALIASES), "ELEMENTWISE", "ALONG_AXIS", "LOSSES",
     "GATED", "get", "activation", "gated", "Gated"}
)


def get(identifier):
    """The function named ``identifier`` (a fastact name or alias), as ``keras.activations.get``.

    Parameters
    ----------
    identifier : str, callable or None
        A name (``"gelu"``, ``"softmax_backward"``), another library's alias
        (``"logsigmoid"``, ``"hard_silu"``) or the name of an activation made with
        :func:`activation`; a callable is returned as it is, and None
        gives :func:`identity` (Keras' rule).

    Raises
    ------
    ValueError
        For an unknown name, with the closest names.
    TypeError
        For anything else.

    Examples
    --------
    >>> import fastact
    >>> fastact.get("logsigmoid") is fastact.log_sigmoid
    True
    """
    if identifier is None:
        return globals()["identity"]
    if callable(identifier):
        return identifier
    if not isinstance(identifier, str):
        raise TypeError(f"fastact.get: expected a name, a callable or None, not "
                        f"{type(identifier).__name__}")
    fn = globals().get(identifier) if identifier in __all__ else None
    if fn is None:  # an activation of the user's (fastact.activation)
        from ._api.user import FUNCTIONS

        base = identifier.removesuffix("_backward")
        if base in FUNCTIONS:
            fn = FUNCTIONS[base][identifier != base]
    if fn is None or not callable(fn):
        import difflib

        close = difflib.get_close_matches(identifier, [n for n in __all__ if n.islower()], n=4)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"fastact.get: unknown activation {identifier!r}{hint}")
    return fn


def derivative(name, order=2):
    """The derivative of order ``order`` of an elementwise activation, as a function of ``x``.

    Parameters
    ----------
    name : str
        An elementwise function's name or alias (``"gelu"``, ``"logsigmoid"``), or one
        made with :func:`activation` with its higher derivatives.
    order : int, default 2
        0 (the function), 1 (``f'``: ``NAME_backward`` with ``grad = 1``), 2 or 3.

    Returns
    -------
    callable
        ``f(x, **params, out=None)`` with the whole API of the elementwise functions:
        for order 2 and 3 ``fastact.NAME_derivative2`` / ``NAME_derivative3`` itself.

    Raises
    ------
    ValueError
        For an unknown name or an order outside 0..3.

    Examples
    --------
    >>> import fastact
    >>> fastact.derivative("tanh", 2) is fastact.tanh_derivative2
    True
    >>> float(fastact.derivative("sigmoid", 3)(0.0))
    -0.125
    """
    from ._spec.names import ALIASES

    base = ALIASES[name][0] if name in ALIASES else name
    if type(order) is not int or not 0 <= order <= 3:
        raise ValueError(f"fastact.derivative: order must be 0, 1, 2 or 3, not {order!r}")
    f = get(base)  # (an unknown name: ValueError)
    if order == 0:
        return f
    if order == 1:
        backward = get(base + "_backward")

        def first(x, *args, **kwargs):
            return backward(1.0, x, *args, **kwargs)

        first.__name__ = first.__qualname__ = base + "_derivative1"
        first.__doc__ = f"``{base}'(x)``: ``fastact.{base}_backward(1.0, x, ...)``."
        return first
    try:
        return get(derivative_name(base, order))
    except ValueError:
        raise ValueError(f"fastact.derivative: {name!r} has no derivative of order {order} "
                         f"(an activation of yours needs derivative{order}=)") from None


def __getattr__(name):
    if name in ("cpu", "parallel", "cuda"):
        import importlib

        return importlib.import_module(f"fastact.{name}")
    raise AttributeError(f"module 'fastact' has no attribute {name!r}")
