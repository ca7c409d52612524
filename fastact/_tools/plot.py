"""``fastact plot``: one PNG per function with f and f', and a gallery of all of them.

Needs matplotlib (``pip install 'fastact[plot]'``).
"""

from __future__ import annotations

import math
import os

import numpy as np

from .._spec.registry import REGISTRY, REQUIRED, lookup


def _pyplot():
    try:
        import matplotlib
    except ImportError as exc:
        raise SystemExit("fastact plot needs matplotlib: pip install 'fastact[plot]'") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_params(name: str) -> dict:
    """Parameters used for the plot: the defaults, or sample values where none exist."""
    e = lookup(name)
    samples = {"threshold": 0.5, "value": -1.0, "weight": 0.25}
    return {p.name: p.default if p.default is not REQUIRED else samples[p.name]
            for p in e.params if not p.choices}


def curves(name: str, lo: float = -6.0, hi: float = 6.0, n: int = 1201):
    """``(x, f(x), f'(x))`` on a grid, parameters from :func:`plot_params`."""
    import fastact

    x = np.linspace(lo, hi, n)
    kw = plot_params(name)
    y = fastact.get(name)(x, **kw)
    d = fastact.get(name + "_backward")(np.ones_like(x), x, **kw)
    if isinstance(d, tuple):
        d = d[0]
    return x, y, d


def _draw(ax, name):
    x, y, d = curves(name)
    ax.axhline(0, color="0.8", lw=0.8)
    ax.axvline(0, color="0.8", lw=0.8)
    ax.plot(x, y, label="f(x)", lw=2)
    ax.plot(x, d, label="f'(x)", lw=1.5, ls="--")
    ax.set_title(name)
    ax.set_xlim(x[0], x[-1])
    ax.grid(alpha=0.3)


def plot_one(name: str, path: str) -> str:
    """Write ``path`` (PNG) with f and f' of ``name``."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 3.4), dpi=100)
    _draw(ax, name)
    ax.legend(loc="best")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_gallery(names, path: str) -> str:
    """Write a grid of every function in ``names`` to ``path``, with one legend for all."""
    plt = _pyplot()
    cols = 5
    rows = math.ceil(len(names) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.5 * rows + 0.6), dpi=90,
                             squeeze=False)
    for ax, name in zip(axes.flat, names):
        _draw(ax, name)
        ax.title.set_fontsize(12)
        ax.tick_params(labelsize=8)
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, ["f(x)", "f'(x), the derivative"], loc="upper center", ncol=2,
               fontsize=12, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.5 / (2.5 * rows + 0.6)))
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_all(out_dir: str, names=None) -> list[str]:
    """One PNG per elementwise function plus ``gallery.png``; returns the paths."""
    os.makedirs(out_dir, exist_ok=True)
    names = list(names or REGISTRY)
    paths = [plot_one(n, os.path.join(out_dir, f"{n}.png")) for n in names]
    paths.append(plot_gallery(names, os.path.join(out_dir, "gallery.png")))
    return paths
