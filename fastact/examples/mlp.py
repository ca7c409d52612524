"""A small multi-layer perceptron in NumPy, with fastact activations and their backward.

Forward: ``z = a W + b`` per layer, ``a = act(z)`` on hidden layers, logits on the output;
loss = mean softmax cross-entropy (``fastact.softmax_cross_entropy``, exact also when the
network is confident and right; ``return_stats=True`` keeps each row's maximum and sum).
Backward: ``fastact.softmax_cross_entropy_backward`` (the loss's gradient with respect to
the logits, one pass over each row given those ``stats=``) and ``fastact.<act>_backward``;
:func:`numerical_gradient` checks it by finite differences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

import fastact


@dataclass
class MLP:
    """Fully connected network ``sizes[0] -> ... -> sizes[-1]`` with one activation."""

    sizes: tuple[int, ...]
    activation: str = "gelu"
    seed: int = 0
    dtype: type = np.float64
    params: list[np.ndarray] = field(default_factory=list)

    def __post_init__(self):
        """Draw He-initialised weights (zero biases) unless parameters were given."""
        rng = np.random.default_rng(self.seed)
        if not self.params:
            for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
                scale = np.sqrt(2.0 / n_in)
                self.params.append((rng.normal(size=(n_in, n_out)) * scale).astype(self.dtype))
                self.params.append(np.zeros(n_out, self.dtype))
        self._act = getattr(fastact, self.activation)
        self._act_backward = getattr(fastact, self.activation + "_backward")

    def forward(self, x):
        """Return the logits and the cache the backward pass needs."""
        a: np.ndarray = np.asarray(x, self.dtype)
        cache = []
        n_layers = len(self.params) // 2
        for i in range(n_layers):
            w, b = self.params[2 * i], self.params[2 * i + 1]
            z = a @ w + b
            cache.append((a, z))
            a = self._act(z) if i < n_layers - 1 else z
        return a, cache

    def loss_and_grads(self, x, y):
        """Mean cross-entropy of labels ``y`` and its gradient per parameter."""
        logits, cache = self.forward(x)
        n = logits.shape[0]
        losses, stats = fastact.softmax_cross_entropy(logits, y, return_stats=True)
        loss = float(np.mean(losses))
        d = fastact.softmax_cross_entropy_backward(np.full(n, 1.0 / n, logits.dtype), logits, y,
                                                   stats=stats)
        grads = [None] * len(self.params)
        for i in reversed(range(len(cache))):
            a, z = cache[i]
            if i < len(cache) - 1:
                d = self._act_backward(d, z)
            grads[2 * i] = a.T @ d
            grads[2 * i + 1] = d.sum(axis=0)
            d = d @ self.params[2 * i].T
        return loss, grads

    def predict(self, x):
        """Most likely class per row."""
        return np.argmax(self.forward(x)[0], axis=1)


def numerical_gradient(model: MLP, x, y, h: float = 1e-6) -> list[np.ndarray]:
    """Central finite differences of the loss with respect to every parameter."""
    grads = []
    for p in model.params:
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + h
            up = model.loss_and_grads(x, y)[0]
            p[idx] = old - h
            down = model.loss_and_grads(x, y)[0]
            p[idx] = old
            g[idx] = (up - down) / (2 * h)
        grads.append(g)
    return grads


def train(model: MLP, x, y, epochs=30, batch=64, lr=3e-3, seed=0, log=None):
    """Adam on mini-batches; returns the loss after each epoch."""
    rng = np.random.default_rng(seed)
    m = [np.zeros_like(p) for p in model.params]
    v = [np.zeros_like(p) for p in model.params]
    b1, b2, eps, t = 0.9, 0.999, 1e-8, 0
    history = []
    for epoch in range(epochs):
        order = rng.permutation(len(x))
        total = 0.0
        for s in range(0, len(x), batch):
            idx = order[s:s + batch]
            loss, grads = model.loss_and_grads(x[idx], y[idx])
            total += loss * len(idx)
            t += 1
            for p, g, mi, vi in zip(model.params, grads, m, v):
                mi *= b1
                mi += (1 - b1) * g
                vi *= b2
                vi += (1 - b2) * g * g
                p -= lr * (mi / (1 - b1**t)) / (np.sqrt(vi / (1 - b2**t)) + eps)
        history.append(total / len(x))
        if log:
            log(f"epoch {epoch + 1:3d}  loss {history[-1]:.4f}")
    return history
