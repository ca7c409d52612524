"""The comparison table: the same function in NumPy, SciPy, PyTorch and JAX, by name.

Facts about each activation live in the registry (:mod:`fastact._spec.catalogue`); what other
libraries compute lives here, as numbagg keeps its ``COMPARISONS``: the accuracy check
(``fastact check``), the benchmarks and the tests read this one table.  ``numpy`` is a
plain NumPy expression ``(x, *params)`` (the speed baseline a NumPy user would write);
``scipy`` takes ``(x, *params)``; ``torch`` takes ``(torch, x, *params)`` on a tensor;
``jax`` takes ``(jax, x, *params)`` on a JAX array (``jax.nn``; the callers ``jax.jit`` it).
Nothing here is imported by ``import fastact``; SciPy, PyTorch and JAX are imported only
when a comparison runs.
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
    jax: Callable | None = None


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
    "log1mexp": lambda x: np.log(-np.expm1(-x)),
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

# jax.nn's functions where fastact's defaults are theirs (hard_tanh is fixed to [-1, 1]
# there: fastact's parameters go through jnp.clip; softplus has no beta: beta = 1 only).
_JAX: dict[str, Callable] = {
    "sigmoid": lambda jax, x: jax.nn.sigmoid(x),
    "tanh": lambda jax, x: jax.numpy.tanh(x),
    "relu": lambda jax, x: jax.nn.relu(x),
    "relu6": lambda jax, x: jax.nn.relu6(x),
    "leaky_relu": lambda jax, x, a: jax.nn.leaky_relu(x, a),
    "elu": lambda jax, x, a: jax.nn.elu(x, a),
    "selu": lambda jax, x: jax.nn.selu(x),
    "celu": lambda jax, x, a: jax.nn.celu(x, a),
    "gelu": lambda jax, x: jax.nn.gelu(x, approximate=False),
    "gelu_tanh": lambda jax, x: jax.nn.gelu(x, approximate=True),
    "silu": lambda jax, x: jax.nn.silu(x),
    "mish": lambda jax, x: jax.nn.mish(x),
    "softplus": lambda jax, x, b, t: jax.nn.softplus(x) if b == 1 and t is None else None,
    "softsign": lambda jax, x: jax.nn.soft_sign(x),
    "hardtanh": lambda jax, x, lo, hi: jax.numpy.clip(x, lo, hi),
    "hardsigmoid": lambda jax, x: jax.nn.hard_sigmoid(x),
    "hardswish": lambda jax, x: jax.nn.hard_silu(x),
    "log_sigmoid": lambda jax, x: jax.nn.log_sigmoid(x),
    "sparse_plus": lambda jax, x: jax.nn.sparse_plus(x),
    "sparse_sigmoid": lambda jax, x: jax.nn.sparse_sigmoid(x),
    "squareplus": lambda jax, x, b: jax.nn.squareplus(x, b),
}

COMPARISONS: dict[str, Comparison] = {
    name: Comparison(numpy=_NUMPY.get(name), scipy=_SCIPY.get(name), torch=_TORCH.get(name),
                     jax=_JAX.get(name))
    for name in {*_NUMPY, *_SCIPY, *_TORCH, *_JAX}
}


# The registry's "Matches:" claims (each entry's ``anchors``), one callable per claim, keyed
# by the claim's text: ``(library module, x) -> f(x)`` at the registry's default parameters
# (or :func:`fastact._tools.plot.plot_params` where a parameter has none), on a float64
# array of the library's kind.  tests/test_matches.py checks that the claims and this
# table agree and calls every peer that is installed.
_F = "torch.nn.functional"
MATCHES: dict[str, dict[str, Callable]] = {
    "identity": {"JAX `identity`": lambda jax, x: jax.nn.identity(x),
                 "Keras `linear`": lambda keras, x: keras.activations.linear(x)},
    "sigmoid": {"PyTorch `sigmoid`": lambda torch, x: torch.sigmoid(x),
                "JAX `sigmoid`": lambda jax, x: jax.nn.sigmoid(x),
                "SciPy `expit`": lambda sp, x: sp.expit(x),
                "Keras `sigmoid`": lambda keras, x: keras.activations.sigmoid(x)},
    "tanh": {"PyTorch `tanh`": lambda torch, x: torch.tanh(x),
             "JAX `tanh`": lambda jax, x: jax.nn.tanh(x),
             "Keras `tanh`": lambda keras, x: keras.activations.tanh(x)},
    "relu": {"PyTorch `relu`": lambda torch, x: torch.relu(x),
             "JAX `relu`": lambda jax, x: jax.nn.relu(x),
             "Keras `relu`": lambda keras, x: keras.activations.relu(x)},
    "relu6": {"PyTorch `relu6`": lambda torch, x: torch.nn.functional.relu6(x),
              "JAX `relu6`": lambda jax, x: jax.nn.relu6(x),
              "Keras `relu6`": lambda keras, x: keras.activations.relu6(x)},
    "leaky_relu": {"PyTorch `leaky_relu`": lambda torch, x: torch.nn.functional.leaky_relu(x),
                   "JAX `leaky_relu`": lambda jax, x: jax.nn.leaky_relu(x),
                   "Keras `leaky_relu`": lambda keras, x: keras.activations.leaky_relu(
                       x, negative_slope=0.01)},  # (Keras' own default slope is 0.2)
    "prelu": {"PyTorch `prelu`": lambda torch, x: torch.nn.functional.prelu(
        x, torch.tensor([0.25], dtype=x.dtype))},
    "rrelu": {"PyTorch `rrelu`": lambda torch, x: torch.nn.functional.rrelu(x, training=False)},
    "elu": {"PyTorch `elu`": lambda torch, x: torch.nn.functional.elu(x),
            "JAX `elu`": lambda jax, x: jax.nn.elu(x),
            "Keras `elu`": lambda keras, x: keras.activations.elu(x)},
    "selu": {"PyTorch `selu`": lambda torch, x: torch.selu(x),
             "JAX `selu`": lambda jax, x: jax.nn.selu(x),
             "Keras `selu`": lambda keras, x: keras.activations.selu(x)},
    "celu": {"PyTorch `celu`": lambda torch, x: torch.celu(x),
             "JAX `celu`": lambda jax, x: jax.nn.celu(x)},
    "gelu": {"PyTorch `gelu`": lambda torch, x: torch.nn.functional.gelu(x),
             "JAX `gelu(approximate=False)`": lambda jax, x: jax.nn.gelu(x, approximate=False),
             "Keras `gelu`": lambda keras, x: keras.activations.gelu(x)},
    "gelu_tanh": {"PyTorch `gelu(approximate='tanh')`": lambda torch, x: torch.nn.functional.gelu(
                      x, approximate="tanh"),
                  "JAX `gelu` (default)": lambda jax, x: jax.nn.gelu(x)},
    "silu": {"PyTorch `silu`": lambda torch, x: torch.nn.functional.silu(x),
             "JAX `silu`/`swish`": lambda jax, x: jax.nn.swish(x) if _same(jax.nn.silu(x),
                                                                          jax.nn.swish(x)) else None,
             "Keras `silu`/`swish`": lambda keras, x: keras.activations.swish(x) if _same(
                 keras.activations.silu(x), keras.activations.swish(x)) else None},
    "swish": {"Keras `swish` (beta = 1)": lambda keras, x: keras.activations.swish(x)},
    "mish": {"PyTorch `mish`": lambda torch, x: torch.nn.functional.mish(x),
             "Keras `mish`": lambda keras, x: keras.activations.mish(x)},
    "softplus": {"PyTorch `softplus` (threshold 20)": lambda torch, x: torch.nn.functional.softplus(x),
                 "JAX `softplus`": lambda jax, x: jax.nn.softplus(x),
                 "Keras `softplus`": lambda keras, x: keras.activations.softplus(x)},
    "softsign": {"PyTorch `softsign`": lambda torch, x: torch.nn.functional.softsign(x),
                 "JAX `soft_sign`": lambda jax, x: jax.nn.soft_sign(x),
                 "Keras `softsign`": lambda keras, x: keras.activations.softsign(x)},
    "hardtanh": {"PyTorch `hardtanh`": lambda torch, x: torch.nn.functional.hardtanh(x),
                 "JAX `hard_tanh`": lambda jax, x: jax.nn.hard_tanh(x)},
    "hardsigmoid": {"PyTorch `hardsigmoid`": lambda torch, x: torch.nn.functional.hardsigmoid(x),
                    "JAX `hard_sigmoid`": lambda jax, x: jax.nn.hard_sigmoid(x),
                    "Keras `hard_sigmoid` (Keras 3)": lambda keras, x: keras.activations.hard_sigmoid(x)},
    "logit": {"SciPy `logit`": lambda sp, x: sp.logit(x),
              "PyTorch `logit`": lambda torch, x: torch.logit(x)},
    "sparse_sigmoid": {"JAX `sparse_sigmoid`": lambda jax, x: jax.nn.sparse_sigmoid(x)},
    "log1mexp": {"JAX `log1mexp`": lambda jax, x: jax.nn.log1mexp(x),
                 "TensorFlow Probability `log1mexp` (for x >= 0; TFP takes |x|)":
                     lambda tfp, x: tfp.math.log1mexp(x)},
    "sparse_plus": {"JAX `sparse_plus`": lambda jax, x: jax.nn.sparse_plus(x)},
    "hardswish": {"PyTorch `hardswish`": lambda torch, x: torch.nn.functional.hardswish(x),
                  "JAX `hard_swish`": lambda jax, x: jax.nn.hard_swish(x),
                  "Keras `hard_swish`": lambda keras, x: keras.activations.hard_swish(x)},
    "log_sigmoid": {"PyTorch `logsigmoid`": lambda torch, x: torch.nn.functional.logsigmoid(x),
                    "JAX `log_sigmoid`": lambda jax, x: jax.nn.log_sigmoid(x),
                    "SciPy `log_expit`": lambda sp, x: sp.log_expit(x)},
    "tanhshrink": {"PyTorch `tanhshrink`": lambda torch, x: torch.nn.functional.tanhshrink(x)},
    "hardshrink": {"PyTorch `hardshrink`": lambda torch, x: torch.nn.functional.hardshrink(x)},
    "softshrink": {"PyTorch `softshrink`": lambda torch, x: torch.nn.functional.softshrink(x)},
    "threshold": {"PyTorch `threshold`": lambda torch, x: torch.nn.functional.threshold(x, 0.5, -1.0)},
    "squareplus": {"JAX `squareplus`": lambda jax, x: jax.nn.squareplus(x)},
}
LIBRARIES = {"PyTorch": "torch", "JAX": "jax", "SciPy": "scipy.special", "Keras": "keras",
             "TensorFlow Probability": "tensorflow_probability.substrates.numpy"}
"""The library a claim names (its first words) and the module its callable gets."""


def _same(a, b) -> bool:
    return bool(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True))


def claims(anchors: str) -> list[str]:
    """The claims of a "Matches:" line: its items that start with a library's name.

    Items are separated by ", " outside parentheses; the others (a paper, a textbook) are
    references, not claims about a library.
    """
    items, depth, cur = [], 0, ""
    for ch in anchors:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            items.append(cur.strip())
            cur = ""
        else:
            cur += ch
    items.append(cur.strip())
    return [i for i in items if any(i.startswith(lib + " `") for lib in LIBRARIES)]


def jax_module():
    """JAX with float64 enabled (``jax_enable_x64``), or None if it is not installed.

    Only the comparisons (``fastact check`` and ``fastact bench``, each its own process)
    call this: JAX computes float64 only with that process-wide switch on.
    """
    try:
        import jax
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)
    return jax


def comparison(name: str) -> Comparison:
    """The comparisons of ``name`` (empty for a function no other library has)."""
    return COMPARISONS.get(name, Comparison())
