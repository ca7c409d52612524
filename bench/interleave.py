"""Each elementwise loop in cache with LLVM's own interleave count and with INTERLEAVE.

The source of the registry's ``interleave`` entries (fastact._spec.registry.Activation):
every loop is compiled twice, each time in a fresh process with a disk cache of its own,
once with LLVM's choice for every loop and once with INTERLEAVE vectors a pass for every
loop, and timed on one thread at 2^15 elements (the arrays in the L2 cache), N(0, 4^2)
inputs as the roofline's (bench/roofline.py), medians of alternating rounds; the two
processes run twice, alternating, and a row's time is its lower median.

    python bench/interleave.py [--only tanh,gelu] [--isa avx2]

``--isa avx2``: the loops compiled for AMD Zen 3 (AVX2), as ``make roofline-avx2``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
N = 1 << 15


def _child(mode: str, only: list[str] | None, path: str) -> None:
    """Time the loops in this process; ``mode`` "auto" (LLVM's count) or "forced"."""
    import numba
    import numpy as np

    from fastact._core import jit as J
    from fastact._spec.registry import INTERLEAVE

    J.interleave_of = (lambda d, s: INTERLEAVE) if mode == "forced" else (lambda d, s: 0)
    sys.path.insert(0, str(HERE))
    import roofline as R

    numba.set_num_threads(1)
    calls = {}
    for dt in ("float32", "float64"):
        g = np.random.default_rng(1).normal(size=N).astype(dt)
        out = np.empty(N, dt)
        for name in only or list(R.REGISTRY):
            if R.REGISTRY[name].memory_bound:
                continue
            x = R._input(name, N, dt)
            for backward in (False, True):
                c = R._call(name, backward, x, g, out)
                c()
                calls[f"{name}{' backward' if backward else ''} {dt}"] = c
    times: dict[str, list[float]] = {k: [] for k in calls}
    for _ in range(7):
        for k, c in calls.items():
            t = time.perf_counter()
            for _ in range(20):
                c()
            times[k].append((time.perf_counter() - t) / 20 / N * 1e9)
    Path(path).write_text(json.dumps({k: float(np.median(v)) for k, v in times.items()}))


def _run(mode: str, only, isa: str) -> dict:
    env = dict(os.environ)
    if isa == "avx2":
        env.update(NUMBA_CPU_NAME="znver3", NUMBA_CPU_FEATURES="")
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as tmp:
        env["NUMBA_CACHE_DIR"] = cache
        path = os.path.join(tmp, "t.json")
        args = [sys.executable, __file__, "--child", mode, "--json", path]
        if only:
            args += ["--only", ",".join(only)]
        subprocess.run(args, env=env, check=True)
        return json.loads(Path(path).read_text())


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only")
    p.add_argument("--isa", choices=("host", "avx2"), default="host")
    p.add_argument("--child", choices=("auto", "forced"))
    p.add_argument("--json")
    args = p.parse_args(argv)
    only = args.only.split(",") if args.only else None
    if args.child:
        _child(args.child, only, args.json)
        return 0
    from fastact._spec.registry import INTERLEAVE, REGISTRY

    runs: dict[str, list[dict]] = {"auto": [], "forced": []}
    for _ in range(2):
        for mode in runs:
            runs[mode].append(_run(mode, only, args.isa))
    print(f"ns an element in cache (2^15, one thread), {args.isa} code; "
          f"forced: {INTERLEAVE} vectors a pass")
    print("| loop | LLVM's count | forced | forced / LLVM's | in the registry |")
    print("|---|---|---|---|---|")
    for key in runs["auto"][0]:
        auto = min(r[key] for r in runs["auto"])
        forced = min(r[key] for r in runs["forced"])
        name, *rest, dt = key.split()
        listed = f"{dt}{' backward' if rest else ''}" in REGISTRY[name].interleave
        print(f"| {key} | {auto:.3f} | {forced:.3f} | {forced / auto:.2f} | {'yes' if listed else ''} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
