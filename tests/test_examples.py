"""The training examples: whole-network gradient check, digits accuracy, XOR."""

import numpy as np
import pytest

from fastact.examples.mlp import MLP, numerical_gradient


@pytest.mark.parametrize("activation", ["gelu", "silu", "tanh", "softplus", "elu", "mish",
                                        "leaky_relu", "gelu_tanh", "log_sigmoid"])
def test_whole_network_gradient_matches_finite_differences(activation):
    rng = np.random.default_rng(0)
    model = MLP((5, 7, 6, 3), activation=activation, seed=1)
    for p in model.params[1::2]:
        p[:] = rng.normal(scale=0.3, size=p.shape)  # nonzero biases
    x = rng.normal(size=(9, 5))
    y = rng.integers(0, 3, size=9)
    _, grads = model.loss_and_grads(x, y)
    numeric = numerical_gradient(model, x, y)
    for g, n in zip(grads, numeric):
        np.testing.assert_allclose(g, n, rtol=1e-6, atol=1e-8)


def test_digits_reaches_stated_accuracy():
    pytest.importorskip("sklearn", reason="scikit-learn provides the digits data set")
    from fastact.examples.digits import run

    assert run(epochs=40, log=None) >= 0.95


def test_xor_needs_a_hidden_nonlinearity():
    from fastact.examples.xor import run

    lin, net = run(log=None)
    assert lin <= 0.75
    assert net == 1.0
