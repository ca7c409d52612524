"""Every "Matches:" line of the registry is a tested claim.

Each claim (``PyTorch `sigmoid```, ``JAX `log1mexp```, ...) has a callable in
:data:`fastact._tools.comparisons.MATCHES`; the peer is called wherever its library is
installed (SciPy always: it is a test dependency; PyTorch, JAX, Keras, TensorFlow
Probability where present) and must compute the same function at fastact's default
parameters, on a grid of [-6, 6] (within the function's domain) and its kinks: within
1e-4 relative to ``|f| + |x f'(x)|`` (the second term is the condition of f at x, so that
a result near a zero of f is judged by its input's rounding, not by an absolute
tolerance).  A claim is about the function and its conventions: a different one (JAX's
log1mexp takes x >= 0, Keras' leaky_relu slope 0.2, a hard_sigmoid of 0.2 x + 0.5) is a
difference of 1e-2 or more.  Accuracy is not the question here: the peers lose digits in
the tails (JAX's tanh-form gelu is 4e-6 off at x = -6 in float64, -0.0 below -11), which
docs/accuracy.md measures in ulps.
"""

import os
import warnings

import numpy as np
import pytest

import fastact
from fastact._spec.registry import REGISTRY
from fastact._tools.comparisons import LIBRARIES, MATCHES, claims, jax_module
from fastact._tools.plot import plot_params

CLAIMS = [(name, claim) for name, table in MATCHES.items() for claim in table]


def test_claims_and_peers_agree():
    """Every claim in a "Matches:" line has a peer to call, and every peer its claim."""
    for name, e in REGISTRY.items():
        assert claims(e.anchors) == list(MATCHES.get(name, {})), name
    assert set(MATCHES) <= set(REGISTRY)


def test_claim_parser_finds_library_claims_only():
    got = claims("PyTorch `a` (x, y), JAX `b`/`c`, a paper, SciPy `d`")
    assert got == ["PyTorch `a` (x, y)", "JAX `b`/`c`", "SciPy `d`"]


def _library(claim: str):
    lib = next(lib for lib in LIBRARIES if claim.startswith(lib + " `"))
    if lib == "JAX":
        pytest.importorskip("jax")
        return lib, jax_module()
    if lib == "Keras":
        os.environ.setdefault("KERAS_BACKEND", "jax")
        pytest.importorskip("jax")
        jax_module()
    return lib, pytest.importorskip(LIBRARIES[lib])


def _grid(name: str) -> np.ndarray:
    lo, hi = REGISTRY[name].domain or (-np.inf, np.inf)
    if name == "logit":
        return np.linspace(1e-3, 1 - 1e-3, 999)
    lo, hi = max(lo, -6.0), min(hi, 6.0)
    kinks = [0.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 6.0, -6.0]
    return np.unique(np.concatenate([np.linspace(lo, hi, 1201), kinks]).clip(lo, hi))


@pytest.mark.parametrize(("name", "claim"), CLAIMS, ids=[f"{n}-{c.split(' `')[0]}" for n, c in CLAIMS])
def test_peer_computes_the_same_function(name, claim):
    lib, module = _library(claim)
    x = _grid(name)
    params = plot_params(name)
    want = np.asarray(fastact.get(name)(x, **params), np.float64)
    slope = fastact.get(name + "_backward")(np.ones_like(x), x, **params)
    slope = np.asarray(slope[0] if isinstance(slope, tuple) else slope, np.float64)  # prelu's
    with warnings.catch_warnings(), np.errstate(all="ignore"):  # the peers' own flags
        warnings.simplefilter("ignore", RuntimeWarning)
        got = _call(lib, module, MATCHES[name][claim], x)
    assert got is not None, f"{claim}: the peer's names disagree with each other"
    got = np.asarray(got, np.float64)
    with np.errstate(all="ignore"):
        scale = np.abs(want) + np.abs(x * slope)
        err = np.abs(got - want) / np.where(scale > 0, scale, 1.0)
    bad = ~(err <= 1e-4) & ~(np.isnan(got) & np.isnan(want)) & ~(got == want)
    assert not bad.any(), (f"{claim} differs from fastact.{name} at x = {x[bad][:5]}: "
                           f"{got[bad][:5]} against {want[bad][:5]}")


def _call(lib, module, peer, x):
    if lib == "PyTorch":
        return peer(module, module.tensor(x, dtype=module.float64)).numpy()
    if lib in ("JAX", "Keras"):
        return peer(module, jax_module().numpy.asarray(x))
    return peer(module, x)
