"""The block fast path's fallbacks: ns an element where some blocks fail the test.

    python bench/blocks.py                      (gelu_tanh's float32 gradient)
    python bench/blocks.py --name sigmoid --forward --dtype float64
    python bench/blocks.py --n 33554432 --threads 2   (beyond the cache)

A kernel with a block fast path (``forward_fast`` / ``backward_fast`` in the registry)
computes a block of 256 elements that all pass its test by the short form, and the
others by the careful kernel: block by block, or, where the first block fails and so
do 6 of the first 1024 elements, every element by the careful kernel in one flat loop
(:func:`fastact._core.templates.loop_source`).  This times one
call with ``out=`` on ``n`` elements in cache (2**14, one thread), inputs drawn so that
the test passes everywhere, then with one failing element (the function's first
extreme that fails the test: below the range, NaN, ...) in every block, every other
block, the second block only, and N(0, 4**2) data; and the careful kernel alone (every
element failing).  Medians of rounds that
alternate the order.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import fastact
from fastact._spec.registry import REGISTRY


def _rounds(calls: dict, n: int, reps: int, rounds: int = 9) -> dict:
    """ns an element of each call: medians of ``rounds`` rounds, the order alternating."""
    times: dict = {k: [] for k in calls}
    for call in calls.values():
        call()
    for r in range(rounds):
        for k in (list(calls) if r % 2 == 0 else list(reversed(calls))):
            t0 = time.perf_counter()
            for _ in range(reps):
                calls[k]()
            times[k].append((time.perf_counter() - t0) / reps / n * 1e9)
    return {k: float(np.median(v)) for k, v in times.items()}


def measure(name: str, backward: bool, dtype, n: int = 1 << 14, threads: int = 1,
            reps: int = 0) -> dict:
    """ns an element of ``fastact.NAME(_backward)`` for each pattern of failing blocks."""
    import numba

    e = REGISTRY[name]
    fast = e.fast(backward)
    if fast is None or e.nparams:
        raise SystemExit(f"{name}: no block fast path, or parameters (not measured here)")
    ok = fast[0]
    dt = np.dtype(dtype)
    rng = np.random.default_rng(0)
    pool = rng.normal(scale=2.0, size=8 * min(n, 1 << 16)).astype(dt)
    passing = np.resize(pool[[bool(ok(v)) for v in pool]], n)
    candidates = np.array([-30.0, 30.0, -12.0, 90.0, -90.0, np.nan], dt)
    bad = next((v for v in candidates if not ok(v)), None)
    if bad is None or passing.size == 0:
        raise SystemExit(f"{name}: no failing value among {candidates}, or too few passing")
    base = passing[:n].copy()
    patterns = {"every block passes": base}
    for label, step in (("one element fails in every block", 256),
                        ("in every other block", 512)):
        x = base.copy()
        x[::step] = bad
        patterns[label] = x
    x = base.copy()
    x[300] = bad
    patterns["in the second block only"] = x
    patterns["N(0, 4^2)"] = rng.normal(scale=4.0, size=n).astype(dt)
    patterns["the careful kernel alone"] = np.full(n, bad, dt)  # (no block passes anywhere)
    f = fastact.get(name + ("_backward" if backward else ""))
    g = rng.normal(size=n).astype(dt)
    out = np.empty(n, dt)
    old = numba.get_num_threads()
    numba.set_num_threads(threads)
    calls = {k: (lambda v=v: f(g, v, out=out)) if backward else (lambda v=v: f(v, out=out))
             for k, v in patterns.items()}
    try:
        with np.errstate(all="ignore"):
            return _rounds(calls, n, reps or max(1, (1 << 24) // n), 9 if n <= 1 << 20 else 5)
    finally:
        numba.set_num_threads(old)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--name", default="gelu_tanh")
    p.add_argument("--forward", action="store_true", help="the forward (default: the gradient)")
    p.add_argument("--dtype", default="float32")
    p.add_argument("--n", type=int, default=1 << 14, help="elements (default 2**14: in cache)")
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    kind = "" if args.forward else " gradient"
    print(f"{args.name}{kind}, {args.dtype}, {args.n} elements, {args.threads} thread(s), out=:")
    for k, v in measure(args.name, not args.forward, args.dtype, args.n, args.threads).items():
        print(f"  {k:36s} {v:.3f} ns an element")


if __name__ == "__main__":
    main()
