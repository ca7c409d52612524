"""A quick side-by-side timing: fastact against NumPy, SciPy and (if installed) PyTorch.

The pytest-benchmark suite in ``bench/`` is the full measurement; this module prints a
short table for ``make demo`` and ``python -m fastact bench``.  Medians of repeated runs,
all libraries timed in the same process on the same arrays.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from ._registry import REGISTRY


def median_time(fn, repeat: int = 7, min_time: float = 0.02) -> float:
    """Median seconds per call over ``repeat`` batches (batch sized to ``min_time``)."""
    fn()
    n = 1
    while True:
        t = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t
        if dt >= min_time or n >= 1 << 16:
            break
        n *= 2
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - t) / n)
    return float(np.median(times))


def _params(entry):
    vals = []
    for p in entry.ufunc_params:
        v = entry.defaults().get(p.name)
        if v is None and p.none_value is None:
            v = 0.25
        vals.append(v)
    return vals


def candidates(name: str, x: np.ndarray):
    """``{library: zero-argument callable}`` computing ``name`` on ``x``."""
    import fastact

    e = REGISTRY[name]
    pv = _params(e)
    kw = {p.name: v for p, v in zip(e.ufunc_params, pv)}
    out = np.empty_like(x)
    libs = {
        "fastact": lambda: getattr(fastact, name)(x, **kw),
        "fastact out=": lambda: getattr(fastact, name)(x, **kw, out=out),
    }
    if e.numpy is not None:
        npv = [p.none_value if v is None else v for p, v in zip(e.ufunc_params, pv)]
        np_fn = e.numpy
        libs["numpy"] = lambda: np_fn(x, *npv)
    if e.scipy is not None:
        sp_fn = e.scipy
        libs["scipy"] = lambda: sp_fn(x, *pv)
    if e.torch is not None:
        try:
            import torch
        except ImportError:
            pass
        else:
            t = torch.from_numpy(x)
            t_fn = e.torch
            libs["torch"] = lambda: t_fn(torch, t, *pv)
    return libs


def table(names=None, sizes=(100_000,), dtypes=("float32",), progress=True) -> list[dict]:
    """Time every candidate; rows ``{name, dtype, size, library, seconds}``."""
    names = list(names or REGISTRY)
    rows = []
    jobs = [(n, d, s) for n in names for d in dtypes for s in sizes]
    for i, (name, dt, size) in enumerate(jobs):
        if progress:
            bar = "#" * (30 * (i + 1) // len(jobs))
            print(f"\r[{bar:<30}] {i + 1}/{len(jobs)} {name:<14}", end="", file=sys.stderr)
        x = np.random.default_rng(0).normal(scale=4, size=size).astype(dt)
        with np.errstate(all="ignore"):
            for lib, fn in candidates(name, x).items():
                rows.append({"name": name, "dtype": dt, "size": size, "library": lib,
                             "seconds": median_time(fn)})
    if progress:
        print(file=sys.stderr)
    return rows


def format_table(rows: list[dict]) -> str:
    """Markdown table: fastact's time and each other library's time relative to it."""
    libs = []
    for r in rows:
        if r["library"] not in libs:
            libs.append(r["library"])
    keyed: dict = {}
    for r in rows:
        keyed.setdefault((r["name"], r["dtype"], r["size"]), {})[r["library"]] = r["seconds"]
    head = "| function | dtype | n | fastact (µs) | " + " | ".join(
        f"{lib} / fastact" for lib in libs if lib != "fastact") + " |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for (name, dt, n), t in keyed.items():
        base = t["fastact"]
        cells = [f"{t[lib] / base:.2f}" if lib in t else "" for lib in libs if lib != "fastact"]
        lines.append(f"| {name} | {dt} | {n:.0e} | {base * 1e6:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
