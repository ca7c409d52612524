"""The comparison table: the same function in NumPy, SciPy and PyTorch, by name.

Facts about each activation live in the registry (:mod:`fastact._catalogue`); what other
libraries compute lives here, as numbagg keeps its ``COMPARISONS``: the accuracy check
(``fastact check``), the benchmarks and the tests read this one table.  ``numpy`` is a
plain NumPy expression ``(x, *params)`` (the speed baseline a NumPy user would write);
``scipy`` takes ``(x, *params)``; ``torch`` takes ``(torch, x, *params)`` on a tensor.
Nothing here is imported by ``import fastact``; SciPy and PyTorch are imported only when
a comparison runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Comparison:
    """Other libraries' versions of one activation (``None`` where a library has none)."""

    numpy: Callable | None = None
    scipy: Callable | None = None
    torch: Callable | None = None


# Plain NumPy expressions, the baseline a NumPy user would write (speed comparisons only).
_NUMPY: dict[str, Callable] = {
    "identity": lambda x: x.copy(),
    "relu": lambda x: np.maximum(x, 0),
    "relu6": lambda x: np.clip(x, 0, 6),
    "leaky_relu": lambda x, a: np.where(x > 0, x, a * x),
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "tanh": np.tanh,
    "elu": lambda x, a: np.where(x > 0, x, a * np.expm1(x)),
    "silu": lambda x: x / (1 + np.exp(-x)),
    "softplus": lambda x, b, t: np.logaddexp(b * x, 0) / b,
    "log_sigmoid": lambda x: -np.logaddexp(-x, 0),
    "softsign": lambda x: x / (1 + np.abs(x)),
    "hardtanh": lambda x, lo, hi: np.clip(x, lo, hi),
    "hardsigmoid": lambda x: np.clip(x + 3, 0, 6) / 6,
    "hardswish": lambda x: x * np.clip(x + 3, 0, 6) / 6,
    "sparse_sigmoid": lambda x: np.clip(x + 1, 0, 2) / 2,
    "logit": lambda x: np.log(x / (1 - x)),
    "log1mexp": lambda x: np.log(-np.expm1(x)),
    "sparse_plus": lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4)),
    "tanhshrink": lambda x: x - np.tanh(x),
    "mish": lambda x: x * np.tanh(np.logaddexp(x, 0)),
    "squareplus": lambda x, b: (x + np.sqrt(x * x + b)) / 2,
    "gelu_tanh": lambda x: 0.5 * x * (1 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3))),
}

_SCIPY: dict[str, Callable] = {
    "sigmoid": lambda x: __import__("scipy.special").special.expit(x),
    "elu": lambda x, a: __import__("numpy").where(
            x > 0, x, a * __import__("scipy.special").special.expm1(x)),
    "gelu": lambda x: x * __import__("scipy.special").special.ndtr(x),
    "log_sigmoid": lambda x: __import__("scipy.special").special.log_expit(x),
    "logit": lambda x: __import__("scipy.special").special.logit(x),
}

_TORCH: dict[str, Callable] = {
    "sigmoid": lambda torch, x: torch.sigmoid(x),
    "tanh": lambda torch, x: torch.tanh(x),
    "relu": lambda torch, x: torch.relu(x),
    "relu6": lambda torch, x: torch.nn.functional.relu6(x),
    "leaky_relu": lambda torch, x, a: torch.nn.functional.leaky_relu(x, a),
    "prelu": lambda torch, x, w: torch.nn.functional.prelu(x, torch.tensor([w], dtype=x.dtype)),
    "rrelu": lambda torch, x, lo, hi: torch.nn.functional.rrelu(x, lo, hi, training=False),
    "elu": lambda torch, x, a: torch.nn.functional.elu(x, a),
    "selu": lambda torch, x: torch.selu(x),
    "celu": lambda torch, x, a: torch.celu(x, a),
    "gelu": lambda torch, x: torch.nn.functional.gelu(x),
    "gelu_tanh": lambda torch, x: torch.nn.functional.gelu(x, approximate="tanh"),
    "silu": lambda torch, x: torch.nn.functional.silu(x),
    "mish": lambda torch, x: torch.nn.functional.mish(x),
    "softplus": lambda torch, x, b, t: torch.nn.functional.softplus(  # torch's own default 20
            x, b, 20.0 if t is None else t),
    "softsign": lambda torch, x: torch.nn.functional.softsign(x),
    "hardtanh": lambda torch, x, lo, hi: torch.nn.functional.hardtanh(x, lo, hi),
    "hardsigmoid": lambda torch, x: torch.nn.functional.hardsigmoid(x),
    "hardswish": lambda torch, x: torch.nn.functional.hardswish(x),
    "log_sigmoid": lambda torch, x: torch.nn.functional.logsigmoid(x),
    "tanhshrink": lambda torch, x: torch.nn.functional.tanhshrink(x),
    "hardshrink": lambda torch, x, lam: torch.nn.functional.hardshrink(x, lam),
    "softshrink": lambda torch, x, lam: torch.nn.functional.softshrink(x, lam),
    "threshold": lambda torch, x, t, v: torch.nn.functional.threshold(x, t, v),
    "logit": lambda torch, x: torch.logit(x),
}

COMPARISONS: dict[str, Comparison] = {
    name: Comparison(numpy=_NUMPY.get(name), scipy=_SCIPY.get(name), torch=_TORCH.get(name))
    for name in {*_NUMPY, *_SCIPY, *_TORCH}
}


def comparison(name: str) -> Comparison:
    """The comparisons of ``name`` (empty for a function no other library has)."""
    return COMPARISONS.get(name, Comparison())
