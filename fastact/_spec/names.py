"""The public names, in one place.

The CLI, the typing stub, the docs and the tests read them here.  (The elementwise names
are the registry's; this module lists the rest.)
"""

from __future__ import annotations

ALONG_AXIS = ("softmax", "log_softmax", "softmin", "logsumexp", "logmeanexp", "sparsemax", "glu",
              "maxout", "softmax_cross_entropy")
"""Functions along an axis (each also has ``NAME_backward``), in :mod:`fastact._api.axis`
(the losses: :data:`LOSSES`)."""

LOSSES = ("softmax_cross_entropy", "sigmoid_binary_cross_entropy")
"""The losses on logits (each also has ``NAME_backward``), in :mod:`fastact._api.losses`;
the softmax one is along an axis (also in :data:`ALONG_AXIS`), the sigmoid one elementwise."""

GATED = ("swiglu", "geglu", "reglu")
"""The named gated units (each also has ``NAME_backward``), in :mod:`fastact._api.gated`;
``fastact.gated(activation)`` makes the unit of any elementwise activation."""

HVP = ("softmax_hvp", "log_softmax_hvp", "logsumexp_hvp")
"""The Hessian-vector products of the softmax family (the double backward in ``x``), in
:mod:`fastact._api.axis`; they have no backward of their own."""

HAND_WRITTEN = ("prelu_backward", "rrelu", "rrelu_backward")
"""Elementwise public functions written by hand in :mod:`fastact._api.hand_written` rather than
generated from the registry: prelu's backward also returns the weight's gradient, and
rrelu draws random slopes when training."""

ALIASES = {
    "logsigmoid": ("log_sigmoid", "PyTorch"),
    "hard_sigmoid": ("hardsigmoid", "JAX, Keras"),
    "hard_swish": ("hardswish", "JAX"),
    "hard_silu": ("hardswish", "JAX, Keras"),
    "soft_sign": ("softsign", "JAX"),
    "hard_tanh": ("hardtanh", "JAX"),
    "linear": ("identity", "Keras"),
    "tanh_shrink": ("tanhshrink", "Keras"),
    "soft_shrink": ("softshrink", "Keras"),
    "hard_shrink": ("hardshrink", "Keras"),
}
"""Other libraries' names: ``alias: (fastact name, where the alias comes from)``.

Each alias is the very function (and ``alias_backward`` its backward), with fastact's
parameter names (Keras' ``soft_shrink(x, threshold)`` is ``softshrink(x, lambd)``)."""


def aliases_of(name: str) -> list[str]:
    """The aliases of ``name``, with their sources: ``["logsigmoid (PyTorch)"]``."""
    return [f"{a} ({src})" for a, (n, src) in ALIASES.items() if n == name]


TUPLE_BACKWARD = ("prelu",)
"""Elementwise functions whose backward returns ``(grad_x, grad_param)``."""


def elementwise() -> tuple[str, ...]:
    """The elementwise functions' names (the registry's order)."""
    from .registry import REGISTRY

    return tuple(REGISTRY)


def along_axis_all() -> tuple[str, ...]:
    """Every public function along an axis, backwards included."""
    return ALONG_AXIS + tuple(n + "_backward" for n in ALONG_AXIS)
