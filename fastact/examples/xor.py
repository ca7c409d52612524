"""XOR: no linear model separates it; one hidden layer with a nonlinearity does.

python -m fastact.examples.xor
"""

from __future__ import annotations

import numpy as np

from .mlp import MLP, train

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([0, 1, 1, 0])


def run(activation="tanh", seed=0, log=print):
    """Accuracy of a linear model and of a 2-8-2 network on XOR."""
    linear = MLP((2, 2), seed=seed)
    train(linear, X, Y, epochs=500, batch=4, lr=0.05, seed=seed)
    net = MLP((2, 8, 2), activation=activation, seed=seed)
    train(net, X, Y, epochs=500, batch=4, lr=0.05, seed=seed)
    lin_acc = float(np.mean(linear.predict(X) == Y))
    net_acc = float(np.mean(net.predict(X) == Y))
    if log:
        log(f"XOR: linear model accuracy {lin_acc:.2f}; one hidden {activation} layer {net_acc:.2f}")
    return lin_acc, net_acc


if __name__ == "__main__":
    run()
