"""``fastact.activation``: your own activation with the whole fastact API.

From a scalar forward ``f(x, *params)`` and its derivative ``df(x, *params)`` (Python
functions that Numba compiles), ``activation`` makes a registry entry of the same kind as
the built-ins and everything the built-ins get from theirs: the public functions
``NAME(x, **params, out=None)`` and ``NAME_backward(grad, x, **params, out=None)`` (fast
loops, the thread split, dtype rules, ``out=``, Dask and xarray through the ufunc
protocol, CUDA arrays), ``fastact.cpu.NAME`` and ``fastact.parallel.NAME`` ufuncs,
``fastact.get(NAME)``, calls inside the user's ``@njit`` and ``@cuda.jit`` code, and with an
mpmath reference the accuracy table of ``fastact check``.

The code made here lives in memory, so Numba compiles it once per process (the built-ins
are cached on disk; the user's own functions can be, with ``cache=True`` on them).
"""

from __future__ import annotations

import inspect
import keyword
from collections.abc import Callable

from .._spec.registry import REGISTRY, REQUIRED, USER, USER_MODULES, Activation, Param

FUNCTIONS: dict[str, tuple[Callable, Callable]] = {}
"""``name -> (forward, backward)`` public functions of each user activation."""

RESERVED = ("get", "activation", "cpu", "parallel", "cuda", "ELEMENTWISE", "ALONG_AXIS", "LOSSES",
            "GATED", "gated", "Gated")
"""fastact's names other than its functions and aliases."""


def _py(fn):
    """The Python function of a Numba dispatcher, or ``fn`` itself."""
    return getattr(fn, "py_func", fn)


def _check_names(name: str) -> None:
    from .._spec.names import ALIASES, ALONG_AXIS, GATED, HAND_WRITTEN, LOSSES

    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"fastact.activation: name must be a Python identifier, not {name!r}")
    if name.endswith("_backward"):
        raise ValueError(f"fastact.activation: {name!r} may not end in '_backward'")
    taken = set(REGISTRY) | set(ALIASES) | set(ALONG_AXIS) | set(LOSSES) | set(GATED) | set(HAND_WRITTEN)
    taken |= set(RESERVED)
    if name in taken:
        raise ValueError(f"fastact.activation: {name!r} is a fastact name already; pick another")


def _params(params) -> tuple[Param, ...]:
    if params is None:
        return ()
    if isinstance(params, dict):
        items = list(params.items())
    else:
        items = [(p, REQUIRED) for p in params]
    out = []
    for pname, default in items:
        if not isinstance(pname, str) or not pname.isidentifier() or pname in ("x", "grad", "out"):
            raise ValueError(f"fastact.activation: bad parameter name {pname!r}")
        if default is not REQUIRED and not isinstance(default, (int, float)):
            raise TypeError(f"fastact.activation: the default of {pname} must be a number, "
                            f"not {default!r}")
        out.append(Param(pname, float(default) if default is not REQUIRED else REQUIRED,
                         doc="A parameter of the user's activation."))
    return tuple(out)


def _check_signature(fn, what: str, names: list[str]) -> None:
    if not callable(fn):
        raise TypeError(f"fastact.activation: {what} must be a function, not {fn!r}")
    try:
        sig = inspect.signature(_py(fn))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"fastact.activation: cannot read the signature of {what}") from exc
    got = [p.name for p in sig.parameters.values()]
    kinds = {p.kind for p in sig.parameters.values()}
    if len(got) != len(names) or kinds - {inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                          inspect.Parameter.POSITIONAL_ONLY}:
        raise TypeError(f"fastact.activation: {what} must take ({', '.join(names)}), "
                        f"not ({', '.join(got)})")
    if got[1:] != names[1:]:
        raise TypeError(f"fastact.activation: {what}'s parameters must be named "
                        f"{names[1:]} (in that order), not {got[1:]}")


def _references(reference, dreference, nparams: int):
    """``ref(mp, x, *params)`` and ``dref`` as the accuracy code calls them."""
    if reference is None:
        return None, None

    def ref(mp, x, *pv):
        return reference(x, *(mp.mpf(v) for v in pv))

    if dreference is not None:
        def dref(mp, x, *pv):
            return dreference(x, *(mp.mpf(v) for v in pv))
    else:
        def dref(mp, x, *pv):
            # the step of mpmath.diff must resolve x's last bits: more precision for large |x|
            extra = max(0, int(mp.log(abs(x), 2))) if x else 0
            with mp.extraprec(extra + 30):
                return +mp.diff(lambda t: reference(t, *(mp.mpf(v) for v in pv)), x)
    return ref, dref


def activation(forward: Callable, derivative: Callable, *, name: str | None = None,
               params=None, reference: Callable | None = None,
               dreference: Callable | None = None, summary: str = "", formula: str = "",
               derivative_formula: str = "", limits=(float("nan"), float("nan")),
               dlimits=(float("nan"), float("nan")), derivative2: Callable | None = None,
               derivative3: Callable | None = None) -> Callable:
    r"""Make ``forward`` and its ``derivative`` a fastact activation with the whole API.

    Parameters
    ----------
    forward : callable
        ``f(x, *params)`` on scalars, in Python that Numba compiles (``math`` functions,
        arithmetic, ``if``); a Numba ``@njit`` function works too.
    derivative : callable
        ``f'(x, *params)``, with the same arguments.  Required: the backward is
        ``grad * derivative(x, ...)``.
    name : str, optional
        The function's name (default: ``forward.__name__``); it must not be a fastact name.
    params : dict or sequence of str, optional
        The parameters after ``x``, in order: ``{"a": 1.0}`` for defaults, or names
        without defaults.  Inside the kernels they are scalars of the input's dtype.
    reference : callable, optional
        ``f(x, *params)`` in mpmath (``x`` and the parameters are ``mpmath.mpf``): then
        ``fastact check`` measures the error in ulps, forward and backward.
    dreference : callable, optional
        ``f'`` in mpmath; by default the derivative of ``reference`` by ``mpmath.diff``.
    summary, formula, derivative_formula : str, optional
        A one-line description and TeX of f and f' for the docstring and the docs.
    limits, dlimits : (float, float), optional
        f and f' at -inf and +inf, where the reference cannot say (NaN: no limit).
    derivative2, derivative3 : callable, optional
        ``f''(x, *params)`` and ``f'''(x, *params)``: with ``derivative2``, the functions
        ``NAME_derivative2`` (``NAME.derivative2``; ``fastact.derivative(NAME, 2)``) and
        ``NAME_double_backward`` (``NAME.double_backward``), with ``derivative3`` also
        ``NAME_derivative3``, each with the whole API.  Their mpmath references are the
        derivatives of ``reference`` by ``mpmath.diff``.

    Returns
    -------
    function
        ``NAME(x, **params, out=None)``, like a built-in fastact function, with
        ``NAME.backward`` (``NAME_backward(grad, x, **params, out=None)``).  The ufuncs are
        ``fastact.cpu.NAME`` and ``fastact.parallel.NAME``; ``fastact.get("NAME")`` finds
        it; inside ``@njit`` and ``@cuda.jit`` code ``NAME(v)`` compiles.

    Notes
    -----
    Why a function and not a decorator: an activation is two functions (f and f'), and
    what comes out is a new object with the whole API, not the decorated function.

    Examples
    --------
    >>> import math
    >>> import fastact
    >>> def wave(x, a):
    ...     return x + math.sin(a * x) ** 2 / a
    >>> def wave_d(x, a):
    ...     return 1.0 + math.sin(2.0 * a * x)
    >>> wave = fastact.activation(wave, wave_d, params={"a": 1.0})
    >>> round(float(wave(0.5, a=2.0)), 12)
    0.854036709137
    >>> round(float(wave.backward(1.0, 0.5, a=2.0)), 12)
    1.909297426826

    (``fastact.examples.snake`` is this activation written with more care.)
    """
    from .._core.jit import jit
    from .._cpu import loops
    from . import wrappers

    name = str(name or getattr(_py(forward), "__name__", ""))
    _check_names(name)
    ps = _params(params)
    pnames = [p.name for p in ps]
    _check_signature(forward, "forward", ["x", *pnames])
    _check_signature(derivative, "derivative", ["x", *pnames])
    kf = jit(cache=False)(_py(forward))
    kd = jit(cache=False)(_py(derivative))
    args = ", ".join(["x", *pnames])
    src = f"def {name}_backward(grad, {args}):\n    return grad * _derivative({args})\n"
    namespace: dict = {"_derivative": kd}
    exec(compile(src, f"<fastact.activation {name}>", "exec"), namespace)
    kb = jit(cache=False)(namespace[f"{name}_backward"])
    ref, dref = _references(reference, dreference, len(ps))
    entry = Activation(
        name=name, forward=kf, backward=kb,
        summary=summary or f"User activation {name}.", formula=formula or f"f(x) = {name}(x)",
        derivative=derivative_formula or f"f'(x) = {name}'(x)", params=ps,
        ref=ref, dref=dref, limits=tuple(limits), dlimits=tuple(dlimits),
        kinks="The backward is grad times the given derivative, at every point.",
    )
    if name in USER:  # defined again (a notebook cell run twice): drop what was compiled
        loops.forget(name)
        for n in (2, 3):  # and its higher derivatives, which the new one may not have
            dname = f"{name}_derivative{n}"
            if USER.pop(dname, None) is not None:
                loops.forget(dname)
                FUNCTIONS.pop(dname, None)
    USER[name] = entry
    made = wrappers.make_functions(entry)
    fwd, bwd = made[name], made[name + "_backward"]
    fwd.__module__ = bwd.__module__ = getattr(_py(forward), "__module__", None) or "__main__"
    fwd.backward = bwd
    fwd.entry = entry
    from .overloads import register

    register(fwd, entry, False, {name: kf})
    register(bwd, entry, True, {name: kb})
    FUNCTIONS[name] = (fwd, bwd)
    USER_MODULES[name] = fwd.__module__
    if derivative2 is not None:
        _higher(fwd, entry, derivative2, derivative3, reference)
    elif derivative3 is not None:
        raise TypeError("fastact.activation: derivative3 needs derivative2")
    return fwd


def _higher(fwd, entry: Activation, derivative2, derivative3, reference) -> None:
    """``NAME_derivative2`` (and ``3``) and ``NAME_double_backward`` of a user activation."""
    from .._core.jit import jit
    from .._spec.registry import derive
    from . import wrappers
    from .overloads import register, register_double

    pnames = [p.name for p in entry.params]
    kernels = []
    for n, fn in zip((2, 3), (derivative2, derivative3)):
        if fn is not None:
            _check_signature(fn, f"derivative{n}", ["x", *pnames])
        kernels.append(jit(cache=False)(_py(fn)) if fn is not None else None)
    refs: list = [None, None]
    if reference is not None:
        def nth(n):
            def ref(mp, x, *pv):
                extra = max(0, int(mp.log(abs(x), 2))) if x else 0
                with mp.extraprec(extra + 40 * n):
                    return +mp.diff(lambda t: reference(t, *(mp.mpf(v) for v in pv)), x, n)
            return ref
        refs = [nth(2), nth(3)]
    made = derive(entry, tuple(kernels), tuple(refs),
                  (f"f''(x) = {entry.name}''(x)", f"f'''(x) = {entry.name}'''(x)"),
                  "The given derivatives, at every point.", into=USER)
    for d in made:
        fn = wrappers.make_functions(d)[d.name]
        fn.__module__ = fwd.__module__
        register(fn, d, False, {d.name: d.forward})
        FUNCTIONS[d.name] = (fn, fn)
        USER_MODULES[d.name] = fwd.__module__
        setattr(fwd, f"derivative{d.order}", fn)
    double = wrappers.make_double_backward(entry)[entry.name + "_double_backward"]
    double.__module__ = fwd.__module__
    register_double(double, entry, {entry.name: entry.backward}, {entry.name: made[0].forward})
    fwd.double_backward = double

