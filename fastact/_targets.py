"""Module-level ``__getattr__`` for :mod:`fastact.cpu` and :mod:`fastact.parallel`."""

from __future__ import annotations

from . import (
    _catalogue,  # noqa: F401  (fills the registry)
    _ufuncs,
)
from ._registry import REGISTRY


def names() -> list[str]:
    """Every ufunc name a target module offers: each entry and its ``_backward``."""
    return sorted([n for n in REGISTRY] + [n + "_backward" for n in REGISTRY])


def make_getattr(target: str, build=None):
    """Return ``(__getattr__, __dir__)`` that build ufuncs of ``target`` on first access.

    ``build(name, backward)`` makes the ufunc; by default :func:`fastact._ufuncs.get`.
    """
    if build is None:

        def build(name, backward):
            return _ufuncs.get(name, target, backward)

    def __getattr__(attr: str):
        base, backward = attr, False
        if attr.endswith("_backward"):
            base, backward = attr[: -len("_backward")], True
        if base not in REGISTRY:
            raise AttributeError(f"module 'fastact.{target}' has no attribute {attr!r}")
        return build(base, backward)

    def __dir__():
        return names()

    return __getattr__, __dir__
