"""The public names, in one place.

The CLI, the typing stub, the docs and the tests read them here.  (The elementwise names
are the registry's; this module lists the rest.)
"""

from __future__ import annotations

ALONG_AXIS = ("softmax", "log_softmax", "softmin", "logsumexp", "glu", "maxout")
"""Functions along an axis (each also has ``NAME_backward``), in :mod:`fastact._rows`."""

HAND_WRITTEN = ("prelu_backward", "rrelu", "rrelu_backward")
"""Elementwise public functions written by hand in :mod:`fastact._special` rather than
generated from the registry: prelu's backward also returns the weight's gradient, and
rrelu draws random slopes when training."""

TUPLE_BACKWARD = ("prelu",)
"""Elementwise functions whose backward returns ``(grad_x, grad_param)``."""


def elementwise() -> tuple[str, ...]:
    """The elementwise functions' names (the registry's order)."""
    from . import _catalogue  # noqa: F401  (fills the registry)
    from ._registry import REGISTRY

    return tuple(REGISTRY)


def along_axis_all() -> tuple[str, ...]:
    """Every public function along an axis, backwards included."""
    return ALONG_AXIS + tuple(n + "_backward" for n in ALONG_AXIS)
