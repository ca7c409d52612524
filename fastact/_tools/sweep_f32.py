"""The float32 kernels swept densely against the float64 kernels, in float32 ulps.

    python -m fastact._tools.sweep_f32 tanh tanhshrink gelu_tanh   (default: every function)

The float32 kernels that compute in float32 arithmetic round several times; mpmath
(``python -m fastact check``, :mod:`fastact._tools.accuracy`) is too slow for millions of
points.  This sweep takes about 9 million float32 inputs, 4 million of random bits (every
binade, subnormals too), 2 million from N(0, 4**2) and dense grids on [-120, 120] and
[-2, 2], and measures the float32 result against fastact's float64 kernel at the same
input (itself within 3 ulp of float64: far below a float32 ulp), in ulps of float32 (the
subnormal spacing below the normal range).  The default parameters, ``grad = 1`` for a
backward; a backward's figure near a zero of ``f'`` is the conditioning, not an error
(the tests allow an absolute error there).  Prints the worst point of each function.
"""

from __future__ import annotations

import argparse

import numpy as np


def inputs(seed: int = 0) -> np.ndarray:
    """The float32 points of the sweep."""
    rng = np.random.default_rng(seed)
    bits = rng.integers(0, 2 ** 32, 4_000_000, dtype=np.uint64).astype(np.uint32).view(np.float32)
    return np.concatenate([
        bits[np.isfinite(bits)], rng.normal(scale=4, size=2_000_000).astype(np.float32),
        np.linspace(-120, 120, 2_000_001, dtype=np.float32),
        np.linspace(-2, 2, 1_000_001, dtype=np.float32)])


def sweep(name: str, x: np.ndarray) -> dict:
    """The worst float32 error of ``fastact.NAME`` (``NAME_backward`` too) over ``x``."""
    import fastact
    from fastact._spec.registry import REGISTRY

    backward = name.endswith("_backward")
    base = name[:-len("_backward")] if backward else name
    lo, hi = REGISTRY[base].domain or (-np.inf, np.inf)
    x = x[(x >= lo) & (x <= hi)]
    f = fastact.get(name)
    with np.errstate(all="ignore"):
        if backward:
            y = f(np.ones_like(x), x)
            ref = f(np.ones(x.shape), x.astype(np.float64))
        else:
            y, ref = f(x), f(x.astype(np.float64))
        keep = np.isfinite(ref) & (np.abs(ref) <= np.finfo(np.float32).max)
        r = ref[keep]
        spacing = np.spacing(np.abs(r).astype(np.float32)).astype(np.float64)
        err = np.abs(y[keep].astype(np.float64) - r) / np.maximum(spacing, 2.0 ** -149)
    i = int(np.argmax(err))
    return {"name": name, "points": int(keep.sum()), "max_ulp": float(err[i]),
            "at": float(x[keep][i]), "mean_ulp": float(err.mean())}


def main(argv=None) -> int:
    from fastact._spec.registry import REGISTRY

    p = argparse.ArgumentParser(prog="python -m fastact._tools.sweep_f32")
    p.add_argument("names", nargs="*", help="functions (NAME or NAME_backward); default: all")
    args = p.parse_args(argv)
    names = args.names or [n for base in REGISTRY for n in (base, base + "_backward")]
    x = inputs()
    for name in names:
        if name in ("prelu_backward",):  # two outputs: its input gradient is leaky_relu's
            continue
        r = sweep(name, x)
        print(f"{r['name']}: {r['max_ulp']:.2f} ulp at x = {r['at']!r} "
              f"(mean {r['mean_ulp']:.3f}, {r['points']} points)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
