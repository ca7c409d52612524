"""Module-level ``__getattr__`` and ``bind`` for :mod:`fastact.cpu` and :mod:`fastact.parallel`."""

from __future__ import annotations

import numpy as np

from .._cpu import ufuncs as _ufuncs
from .._cpu.ufuncs import split_name
from .._spec.registry import DERIVED, REGISTRY, REQUIRED, known, lookup


def names() -> list[str]:
    """Every ufunc name a target module offers.

    Each entry, its ``_backward``, and the higher derivatives (``NAME_derivative2``,
    ``NAME_derivative3``).
    """
    return sorted([n for n in REGISTRY] + [n + "_backward" for n in REGISTRY] + list(DERIVED))


def make_getattr(target: str, build=None):
    """Return ``(__getattr__, __dir__)`` that build ufuncs of ``target`` on first access.

    ``build(name, backward)`` makes the ufunc; by default :func:`fastact._cpu.ufuncs.get`.
    """
    if build is None:

        def build(name, backward):
            return _ufuncs.get(name, target, backward)

    def __getattr__(attr: str):
        base, backward = attr, False
        if attr.endswith("_backward"):
            base, backward = attr[: -len("_backward")], True
        if not known(base):
            raise AttributeError(f"module 'fastact.{target}' has no attribute {attr!r}")
        return build(base, backward)

    def __dir__():
        return names() + (["bind"] if target != "cuda" else [])

    return __getattr__, __dir__


class Bound:
    """A fastact ufunc with its parameters given by keyword (see :func:`make_bind`)."""

    def __init__(self, ufunc: np.ufunc, attr: str, values: dict):
        self.ufunc = ufunc
        self.params = values
        self._values = tuple(values.values())
        self.__name__ = attr
        self.__doc__ = ufunc.__doc__

    def __call__(self, *inputs, **kwargs):
        """``ufunc(*inputs, *params, **kwargs)``; ``kwargs``: the ufunc's own (out, where, ...)."""
        return self.ufunc(*inputs, *self._values, **kwargs)

    def __repr__(self) -> str:
        bound = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"<fastact {self.__name__} ufunc bound to {bound or 'no parameters'}>"


def make_bind(target: str):
    """``bind(name, **params)`` for the module of ``target``."""

    def bind(name: str, **params) -> Bound:
        """The ufunc ``name`` with its parameters given by keyword, defaults filled in.

        Parameters
        ----------
        name : str
            An elementwise function or its ``_backward``, e.g. ``"leaky_relu"``.
        **params
            The function's parameters; those left out take fastact's defaults.

        Returns
        -------
        Bound
            Call it with the inputs (``x``, or ``grad, x`` for a backward) and the ufunc's
            own keywords (``out=``, ``where=``, ``dtype=``, ...); ``.ufunc`` is the
            :class:`numpy.ufunc` itself.

        Examples
        --------
        >>> import numpy as np
        >>> import fastact
        >>> act = fastact.cpu.bind("leaky_relu", negative_slope=0.2)
        >>> act(np.array([-1.0, 2.0]))
        array([-0.2,  2. ])
        """
        base, _ = split_name(name)
        if not known(base):
            raise ValueError(f"fastact.{target} has no function {name!r}")
        e = lookup(base)
        takes = [p.name for p in e.ufunc_params]
        unknown = sorted(set(params) - set(takes))
        if unknown:
            raise TypeError(f"{name}: unknown parameter(s) {unknown}; its ufunc takes {takes}")
        values = {}
        for p in e.ufunc_params:
            if p.name not in params and p.default is REQUIRED:
                raise TypeError(f"{name}: parameter {p.name!r} has no default; give it")
            v = params.get(p.name, p.default)
            values[p.name] = p.none_value if v is None and p.none_value is not None else v
        for rule in e.rules:
            rule.check(base, values)
        return Bound(getattr(_module(target), name), name, values)

    return bind


def _module(target: str):
    import importlib

    return importlib.import_module(f"fastact.{target}")
