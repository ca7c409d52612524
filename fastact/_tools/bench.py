"""A quick side-by-side timing: fastact against NumPy, SciPy and (if installed) PyTorch.

The pytest-benchmark suite in ``bench/`` is the full measurement; this module prints a
short table for ``make demo`` and ``python -m fastact bench``.  Medians of repeated runs,
all libraries timed in the same process on the same arrays.
"""

from __future__ import annotations

import platform
import sys
import time
from functools import partial

import numpy as np

from .._core.threads import last_level_cache
from .._spec.registry import REGISTRY
from .comparisons import comparison


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


def alternating_medians(cands: dict, rounds: int, repeat: int = 5) -> dict[str, float]:
    """Median seconds of each candidate over ``rounds`` rounds of :func:`median_time`.

    The candidates run in turn, the order reversed every other round, so that a slow spell
    of the machine falls on all of them.
    """
    times: dict[str, list[float]] = {k: [] for k in cands}
    for r in range(rounds):
        for k in (cands if r % 2 == 0 else list(cands)[::-1]):
            times[k].append(median_time(cands[k], repeat=repeat))
    return {k: float(np.median(v)) for k, v in times.items()}


def _params(entry):
    vals = []
    for p in entry.ufunc_params:
        v = entry.defaults().get(p.name)
        if v is None and p.none_value is None:
            v = 0.25
        vals.append(v)
    return vals


def bench_size(size: int, dtype) -> int:
    """The element count timed for ``size``.

    float64 at 8e6 and above is halved (the issue's 4e6), so both dtypes move the same bytes.
    """
    return size // 2 if np.dtype(dtype) == np.float64 and size >= 8_000_000 else size


def make_input(size: int, dtype, seed: int = 0) -> np.ndarray:
    """The benchmark input: ``size`` draws from N(0, 4**2) in ``dtype``."""
    return np.random.default_rng(seed).normal(scale=4, size=size).astype(dtype)


def _scipy():
    """``scipy.special``, or None where SciPy is not installed (its columns are left out)."""
    try:
        import scipy.special
    except ImportError:
        return None
    return scipy.special


def _jax_function(name: str, pv):
    """``(jax, f)`` with ``f(v)`` JAX's ``name`` at the parameters ``pv``, or None.

    None where JAX is not installed, has no such function, or not at these parameters.
    """
    j_fn = comparison(name).jax
    if j_fn is None:
        return None
    from .comparisons import jax_module

    jax = jax_module()
    if jax is None or j_fn(jax, jax.numpy.zeros(1), *pv) is None:
        return None

    def f(v):
        return j_fn(jax, v, *pv)

    return jax, f


def _torch():
    try:
        import torch
    except ImportError:
        return None
    return torch


STEP_NAMES = ("relu", "leaky_relu", "gelu", "gelu_tanh", "silu", "sigmoid", "tanh", "softplus",
              "elu", "mish", "log_sigmoid")
"""The elementwise functions timed as a training step (at the largest size)."""


def step_candidates(name: str, x: np.ndarray):
    """``{library: callable}``: a training step, ``y = f(x)`` then ``dx = f_backward(g, x)``.

    What a NumPy training loop does, against PyTorch's autograd doing the same: the
    forward on a tensor that requires grad (graph built), then the backward through it.
    """
    import fastact

    e = REGISTRY[name]
    pv = _params(e)
    kw = {p.name: v for p, v in zip(e.ufunc_params, pv)}
    g = make_input(x.size, x.dtype, seed=1).reshape(x.shape)
    f, fb = getattr(fastact, name), getattr(fastact, name + "_backward")
    libs = {"fastact": lambda: (f(x, **kw), fb(g, x, **kw))}
    other = comparison(name)
    torch = _torch() if other.torch is not None else None
    if torch is not None:
        t = torch.from_numpy(x.copy()).requires_grad_(True)
        tg = torch.from_numpy(g)
        t_fn = other.torch
        assert t_fn is not None

        def torch_step():
            y = t_fn(torch, t, *pv)
            return y, torch.autograd.grad(y, t, tg)

        libs["torch"] = torch_step
    if (found := _jax_function(name, pv)) is not None:
        jax, jf = found

        def vjp_step(v, gg):
            y, back = jax.vjp(jf, v)
            return y, back(gg)[0]

        jstep = jax.jit(vjp_step)
        xj, gj = jax.device_put(x), jax.device_put(g)
        libs["jax"] = lambda: jax.block_until_ready(jstep(xj, gj))
    return libs


def candidates(name: str, x: np.ndarray, backward: bool = False):
    """``{library: zero-argument callable}`` computing ``name`` (or its backward) on ``x``.

    PyTorch's backward is its autograd run on a graph built once (``retain_graph``): the
    same backward kernels ``loss.backward()`` runs, forward excluded.
    """
    import fastact

    e = REGISTRY[name]
    pv = _params(e)
    kw = {p.name: v for p, v in zip(e.ufunc_params, pv)}
    out = np.empty_like(x)
    other = comparison(name)
    torch = _torch() if other.torch is not None else None
    if backward:
        g = make_input(x.size, x.dtype, seed=1).reshape(x.shape)
        f = getattr(fastact, name + "_backward")
        libs = {"fastact": lambda: f(g, x, **kw), "fastact out=": lambda: f(g, x, **kw, out=out)}
        if torch is not None and other.torch is not None:
            t = torch.from_numpy(x.copy()).requires_grad_(True)
            y = other.torch(torch, t, *pv)
            tg = torch.from_numpy(g)
            libs["torch"] = lambda: torch.autograd.grad(y, t, tg, retain_graph=True)
        return libs
    f = getattr(fastact, name)
    libs = {"fastact": lambda: f(x, **kw), "fastact out=": lambda: f(x, **kw, out=out)}
    if other.numpy is not None:
        npv = [p.none_value if v is None else v for p, v in zip(e.ufunc_params, pv)]
        np_fn = other.numpy
        libs["numpy"] = lambda: np_fn(x, *npv)
    if other.scipy is not None and _scipy() is not None:
        sp_fn = other.scipy
        libs["scipy"] = lambda: sp_fn(x, *pv)
    if torch is not None and other.torch is not None:
        t = torch.from_numpy(x)
        t_fn = other.torch
        libs["torch"] = lambda: t_fn(torch, t, *pv)
    if (found := _jax_function(name, pv)) is not None:
        jax, jfn = found
        jf, xj = jax.jit(jfn), jax.device_put(x)
        libs["jax"] = lambda: jax.block_until_ready(jf(xj))
    return libs


ROW_NAMES = ("softmax", "log_softmax", "logsumexp")
ROW_SHAPES = ((4096, 1024), (100000, 100), (64, 65536))


ROW_MODES = ("forward", "backward", "step")
"""``step``: the forward, then the backward from its result (a training step)."""


def row_label(name: str, mode: str) -> str:
    """The row name in ``mode``: ``softmax``, ``softmax_backward`` or ``softmax step``."""
    return {"forward": name, "backward": name + "_backward", "step": name + " step"}[mode]


def row_candidates(name: str, x: np.ndarray, axis: int, mode: str = "forward"):
    """``{library: callable}`` for an axis function, its backward or a training step.

    PyTorch's backward is its own kernel (``_softmax_backward_data``,
    ``_log_softmax_backward_data``; logsumexp: ``g * exp(x - lse)``, as its autograd
    formula), called on tensors that share the arrays' memory.
    """
    import fastact

    f = getattr(fastact, name)
    b = getattr(fastact, name + "_backward")
    rng = np.random.default_rng(1)
    y = f(x, axis)
    g = rng.normal(size=np.shape(y)).astype(x.dtype)
    fwd = {"fastact": lambda: f(x, axis)}
    if name == "logsumexp":  # its backward takes x, not the result
        bwd = {"fastact": lambda: b(g, x, axis)}
        step = {"fastact": lambda: (f(x, axis), b(g, x, axis))}
    else:
        bwd = {"fastact": lambda: b(g, y, axis)}
        step = {"fastact": lambda: b(g, f(x, axis), axis)}
    sc = _scipy()
    if sc is not None:
        sf = getattr(sc, name)
        fwd["scipy"] = lambda: sf(x, axis=axis)
    torch = _torch()
    if torch is not None:
        t, tg = torch.from_numpy(x), torch.from_numpy(g)
        tf = getattr(torch, name)
        ty = tf(t, axis)
        fwd["torch"] = lambda: tf(t, axis)
        if name == "logsumexp":
            def tb(yy):
                return tg.unsqueeze(axis) * torch.exp(t - yy.unsqueeze(axis))
        else:
            kernel = (torch._softmax_backward_data if name == "softmax"
                      else torch._log_softmax_backward_data)

            def tb(yy):
                return kernel(tg, yy, axis, t.dtype)
        bwd["torch"] = lambda: tb(ty)
        step["torch"] = lambda: tb(tf(t, axis))
    return {"forward": fwd, "backward": bwd, "step": step}[mode]


def copy_2threads(x: np.ndarray, out: np.ndarray) -> None:
    """``out[...] = x`` split over two threads (``np.copyto`` releases the GIL).

    The bandwidth reference for the memory-bound functions.
    """
    from .._core.threads import executor

    h = x.size // 2
    fut = executor(2).submit(np.copyto, out[h:], x[h:])
    np.copyto(out[:h], x[:h])
    fut.result()


def _progress(i, n, label, on):
    if on:
        bar = "#" * (30 * (i + 1) // n)
        print(f"\r[{bar:<30}] {i + 1}/{n} {label:<22}", end="", file=sys.stderr)


def table(names=None, sizes=(100_000,), dtypes=("float32",), progress=True, backward=True,
          rows=False, repeat=7) -> list[dict]:
    """Time every candidate side by side, in one process.

    Returns rows ``{name, dtype, size, library, seconds, bytes}`` (``name`` ends in
    ``_backward`` for a backward), plus ``copy 2 threads`` rows per dtype and size (the
    bandwidth reference) and, if ``rows``, the axis functions, their backward and a
    training step (``shape``, ``axis``; ``name`` from :func:`row_label`) in each dtype.
    float64 at 8e6 elements and above is timed at half the size (the issue's 4e6), so
    that both dtypes move the same bytes.
    """
    names = list(names or REGISTRY)
    out_rows: list[dict] = []
    jobs = [(n, d, s, b) for d in dtypes for s in sizes
            for n in names for b in ((False, True) if backward else (False,))]
    extra = [(n, a, sh, m, d) for d in dtypes for m in ROW_MODES for n in ROW_NAMES
             for sh in ROW_SHAPES for a in (-1, 0)] if rows else []
    steps = [(n, d) for d in dtypes for n in STEP_NAMES if n in names] if backward else []
    total = len(jobs) + len(extra) + len(steps)
    copied = set()
    with np.errstate(all="ignore"):
        for i, (name, dt, size, bwd) in enumerate(jobs):
            _progress(i, total, name + (" bwd" if bwd else ""), progress)
            n = bench_size(size, dt)
            x = make_input(n, dt)
            if (dt, n) not in copied:
                copied.add((dt, n))
                o = np.empty_like(x)
                out_rows.append({"name": "copy", "dtype": dt, "size": n, "library": "copy 2 threads",
                                 "seconds": median_time(partial(copy_2threads, x, o), repeat),
                                 "bytes": 2 * x.nbytes})
            label = name + ("_backward" if bwd else "")
            for lib, fn in candidates(name, x, bwd).items():
                out_rows.append({"name": label, "dtype": dt, "size": n, "library": lib,
                                 "seconds": median_time(fn, repeat),
                                 "bytes": (3 if bwd else 2) * x.nbytes})
        for j, (name, dt) in enumerate(steps):
            _progress(len(jobs) + j, total, name + " step", progress)
            n = bench_size(max(sizes), dt)
            x = make_input(n, dt)
            for lib, fn in step_candidates(name, x).items():
                out_rows.append({"name": name + " step", "dtype": dt, "size": n, "library": lib,
                                 "seconds": median_time(fn, repeat), "bytes": 5 * x.nbytes,
                                 "step": True})
        for j, (name, axis, shape, mode, dt) in enumerate(extra):
            label = row_label(name, mode)
            _progress(len(jobs) + len(steps) + j, total, f"{label} axis={axis}", progress)
            x = np.random.default_rng(0).normal(size=shape).astype(dt)
            for lib, fn in row_candidates(name, x, axis, mode).items():
                out_rows.append({"name": label, "dtype": dt, "size": x.size, "shape": list(shape),
                                 "axis": axis, "library": lib, "seconds": median_time(fn, repeat),
                                 "bytes": {"forward": 2, "backward": 3, "step": 5}[mode] * x.nbytes})
    if progress:
        print(file=sys.stderr)
    return out_rows


def _keyed(rows):
    keyed: dict = {}
    for r in rows:
        key = (r["name"], r["dtype"], r["size"], r.get("axis"), tuple(r.get("shape", ())))
        keyed.setdefault(key, {})[r["library"]] = r
    return keyed


def format_table(rows: list[dict]) -> str:
    """Markdown: fastact's time, its GB/s, and fastact's time over each other library's.

    Below 1: fastact is faster (the one direction of every ratio fastact prints).
    """
    rows = [r for r in rows if r["name"] != "copy"]
    libs: list[str] = []
    for r in rows:
        if r["library"] not in libs and r["library"] != "fastact":
            libs.append(r["library"])
    head = ("| function | dtype | n | fastact (µs) | GB/s | "
            + " | ".join(f"fastact / {lib}" for lib in libs) + " |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for (name, dt, n, axis, shape), t in _keyed(rows).items():
        base = t["fastact"]
        what = name if axis is None else f"{name} axis={axis} {shape}"
        cells = [f"{base['seconds'] / t[lib]['seconds']:.2f}" if lib in t else "" for lib in libs]
        gbs = base["bytes"] / base["seconds"] / 1e9
        lines.append(f"| {what} | {dt} | {n:.0e} | {base['seconds'] * 1e6:.1f} | {gbs:.1f} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def torch_summary(rows: list[dict], size: int) -> tuple[str, float | None]:
    """Markdown table of fastact time / PyTorch time (and / JAX time), and the median ratio.

    Below 1: fastact is faster.  At ``size`` float32 elements and the float64 rows timed
    with them (half the elements at 8e6 and above).  The median is over the PyTorch
    columns; the JAX columns appear when JAX was installed for the run.
    """
    keyed = _keyed([r for r in rows if not r.get("step")])
    ratios: dict = {}
    for (name, dt, n, axis, _), t in keyed.items():
        if axis is None and "fastact" in t and n in (size, size // 2):
            for lib in ("torch", "jax"):
                if lib in t:
                    ratios.setdefault(name, {})[(lib, dt)] = t["fastact"]["seconds"] / t[lib]["seconds"]
    if not any(("torch", d) in by for by in ratios.values() for d in ("float32", "float64")):
        return ("PyTorch is not installed, so there are no ratios: `pip install torch` in this "
                "environment adds its columns.", None)
    cols = [("torch", "float32"), ("torch", "float64")]
    if any(("jax", d) in by for by in ratios.values() for d in ("float32", "float64")):
        cols += [("jax", "float32"), ("jax", "float64")]
    head = ["float32", "float64"] + ["/ JAX float32", "/ JAX float64"][: len(cols) - 2]
    lines = ["| function | " + " | ".join(head) + " |", "|---|" + "---|" * len(cols)]
    allr = []
    for name, by in ratios.items():
        allr += [v for (lib, _), v in by.items() if lib == "torch"]
        cells = [(f"**{by[c]:.2f}**" if by[c] > 1 else f"{by[c]:.2f}") if c in by else "" for c in cols]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines), float(np.median(allr))


def size_label(n: int) -> str:
    """``2^17`` for a power of two, else ``1e+05`` style."""
    return f"2^{n.bit_length() - 1}" if n > 0 and n & (n - 1) == 0 else f"{n:.0e}"


def sizes_summary(rows: list[dict], sizes) -> tuple[str, dict]:
    """Markdown: fastact time / PyTorch time per function at each of ``sizes``, both dtypes.

    Also returns the median ratio at each ``(dtype, size)``.
    """
    keyed = _keyed([r for r in rows if not r.get("step")])
    by: dict = {}
    for (name, dt, n, axis, _), t in keyed.items():
        if axis is None and n in sizes and "torch" in t and "fastact" in t:
            by.setdefault(name, {})[(dt, n)] = t["fastact"]["seconds"] / t["torch"]["seconds"]
    cols = [(d, n) for d in ("float32", "float64") for n in sizes]
    lines = ["| function | " + " | ".join(f"{d} {size_label(n)}" for d, n in cols) + " |",
             "|---|" + "---|" * len(cols)]
    for name, r in by.items():
        cells = [(f"**{r[c]:.2f}**" if r[c] > 1 else f"{r[c]:.2f}") if c in r else "" for c in cols]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    medians = {c: float(np.median([r[c] for r in by.values() if c in r]))
               for c in cols if any(c in r for r in by.values())}
    return "\n".join(lines), medians


def misses(rows: list[dict], sizes, counts=None) -> tuple[str, dict]:
    """Markdown: every elementwise row slower than PyTorch's at ``sizes``, with its loop's code.

    The rows above 1 of :func:`torch_summary` and :func:`sizes_summary` (the float64 rows
    timed at half the elements of a float32 size from 8e6 on), each with the instructions
    an element and the divisions a vector of the loop fastact runs (the flat pass of the
    block fast path where the kernel has one; ``counts(name, backward, dtype)``, by default
    :func:`fastact._tools.loop_code.loop_counts` on the code compiled here), its GB/s, and
    its time over fastact's relu's (a forward) or relu_backward's (a backward) in the same
    run, size and dtype.  A row within :data:`AS_RELU` of it, or under one instruction an
    element, moves its bytes as relu does, the least work a kernel reading and writing
    these arrays can do ("as relu"); the others are bound by their arithmetic.  Also
    returns the count of each kind and of all rows.
    """
    if counts is None:
        from .loop_code import loop_counts as counts
    wanted = {n for n in sizes} | {n // 2 for n in sizes if n >= 8_000_000}
    keyed = _keyed([r for r in rows if not r.get("step")])
    found = []
    for (name, dt, n, axis, _), t in keyed.items():
        if axis is None and n in wanted and "torch" in t and "fastact" in t:
            ratio = t["fastact"]["seconds"] / t["torch"]["seconds"]
            if ratio > 1 and name.removesuffix("_backward") in REGISTRY:
                found.append((n if dt == "float32" or n < 4_000_000 else 2 * n, dt, -ratio, name, n))
    code: dict = {}
    lines = ["| function | dtype | elements | fastact / PyTorch | instructions / element "
             "| divisions / vector | fastact GB/s | fastact / its relu | bound by |",
             "|---|---|---|---|---|---|---|---|---|"]
    tally = {"as relu": 0, "arithmetic": 0}
    for _, dt, neg, name, n in sorted(found):
        base = name.removesuffix("_backward")
        key = (base, name != base, dt)
        if key not in code:
            code[key] = counts(*key)
        c = code[key]
        r = keyed[(name, dt, n, None, ())]["fastact"]
        ref = keyed.get(("relu_backward" if name != base else "relu", dt, n, None, ()), {})
        rel = r["seconds"] / ref["fastact"]["seconds"] if "fastact" in ref else None
        light = c is not None and c[0] < 1  # (less arithmetic than moving an element takes)
        bound = "as relu" if light or (rel is not None and rel <= AS_RELU) else "arithmetic"
        tally[bound] += 1
        per = f"{c[0]:.2f} | {c[2]:g}" if c else "no SIMD loop | "
        lines.append(f"| {name} | {dt} | {size_label(n)} | {-neg:.2f} | {per} | "
                     f"{r['bytes'] / r['seconds'] / 1e9:.1f} | "
                     f"{'' if rel is None else f'{rel:.2f}'} | {bound} |")
    return "\n".join(lines), {**tally, "rows": len(found)}


AS_RELU = 1.25
"""The time over fastact's relu's (or relu_backward's) up to which :func:`misses` counts a
row as moving its bytes as fast as relu (the run-to-run noise of such rows is 10-40%)."""

def step_summary(rows: list[dict]) -> str:
    """Markdown: a training step's time, fastact / PyTorch autograd, per function and dtype."""
    keyed = _keyed([r for r in rows if r.get("step")])
    by: dict = {}
    for (name, dt, _n, _, _), t in keyed.items():
        for lib in ("torch", "jax"):
            if lib in t:
                ratio = t["fastact"]["seconds"] / t[lib]["seconds"]
                by.setdefault(name.removesuffix(" step"), {})[(dt, lib)] = ratio
    if not by:
        return "No training-step rows with PyTorch in this run."
    cols = [(d, lib) for lib in ("torch", "jax") for d in ("float32", "float64")
            if any((d, lib) in r for r in by.values())]
    lines = ["| function | " + " | ".join(f"/ {lib} {d}" for d, lib in cols) + " |",
             "|---|" + "---|" * len(cols)]
    for name, r in by.items():
        cells = [(f"**{r[c]:.2f}**" if r[c] > 0.8 else f"{r[c]:.2f}") if c in r else "" for c in cols]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def simd_width() -> int:
    """The widest SIMD registers the compiled loops use, in bits.

    The host's (its CPU features), or, where ``NUMBA_CPU_NAME`` or ``NUMBA_CPU_FEATURES``
    make Numba compile for another CPU, read from relu's float32 loop compiled for it
    (:mod:`fastact._tools.loop_code`): the code's width, not the host's.
    """
    from llvmlite import binding

    if numba_cpu() != (None, None):
        from .loop_code import loop_asm, vector_loops

        loops = vector_loops(loop_asm("relu", False, np.float32), 4)
        return loops[0].bits if loops else 0
    host = binding.get_host_cpu_features()
    if host.get("avx512f"):
        return 512
    if host.get("avx2") or host.get("avx"):
        return 256
    return 128


def numba_cpu() -> tuple[str | None, str | None]:
    """``NUMBA_CPU_NAME`` and ``NUMBA_CPU_FEATURES`` as Numba read them (None: unset)."""
    from numba.core import config

    return getattr(config, "CPU_NAME", None), getattr(config, "CPU_FEATURES", None)


def compiled_for() -> str:
    """``""``, or what the code is compiled for where Numba is told another CPU than the host.

    ``" (code for NUMBA_CPU_NAME=znver3, its own features)"``: the benchmarks' heads say so
    beside the SIMD width.
    """
    name, features = numba_cpu()
    if name is None and features is None:
        return ""
    own = "its own features" if features == "" else f"features {features or 'of the host'}"
    return f" (code for NUMBA_CPU_NAME={name or 'host'}, {own})"


def cpu_model() -> str:
    """The CPU's model name (``/proc/cpuinfo``), or what the platform says."""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def bandwidth_summary(rows: list[dict], cache_bytes: int | None = None) -> str:
    """Markdown: ``out=`` GB/s of each function at the largest size beyond the cache.

    With its share of the 2-thread copy's bandwidth measured in the same run.  Only sizes
    whose input and output together exceed the last-level cache count: below it the copy
    runs from cache and the share means nothing.
    """
    keyed = _keyed(rows)
    llc = cache_bytes if cache_bytes is not None else last_level_cache()
    copy = {(dt, n): t["copy 2 threads"] for (name, dt, n, _, _), t in keyed.items()
            if name == "copy" and (llc is None or t["copy 2 threads"]["bytes"] > llc)}
    where = f"last-level cache {llc / 2**20:.0f} MiB" if llc else "last-level cache unknown"
    if not copy:
        need = f" (float32: above {llc / 8:.2g} elements)" if llc else ""
        return (f"No size moves more bytes than the {where}: run with a larger `--sizes`"
                f"{need} for this table.")
    big = max(n for (_, n) in copy)
    lines = [f"Sizes beyond the {where}.", "",
             "| function | dtype | n | out= GB/s | of 2-thread copy | ns / element |",
             "|---|---|---|---|---|---|"]
    for (name, dt, n, axis, _), t in keyed.items():
        if name == "copy" or axis is not None or "fastact out=" not in t:
            continue
        c = copy.get((dt, n))
        if c is None or n not in (big, big // 2):
            continue
        r = t["fastact out="]
        gbs, cgbs = r["bytes"] / r["seconds"] / 1e9, c["bytes"] / c["seconds"] / 1e9
        mark = " (memory-bound)" if REGISTRY[name.removesuffix("_backward")].memory_bound else ""
        lines.append(f"| {name}{mark} | {dt} | {n:.0e} | {gbs:.1f} | {100 * gbs / cgbs:.0f}% "
                     f"(copy {cgbs:.1f}) | {r['seconds'] / n * 1e9:.2f} |")
    return "\n".join(lines)


def rows_summary(rows: list[dict]) -> str:
    """Markdown: the axis functions, fastact's and PyTorch's times and their ratio."""
    lines = ["| function | dtype | shape | axis | fastact (ms) | PyTorch (ms) | fastact / PyTorch |",
             "|---|---|---|---|---|---|---|"]
    for (name, dt, _, axis, shape), t in _keyed(rows).items():
        if axis is None or "fastact" not in t:
            continue
        f = t["fastact"]["seconds"]
        if "torch" in t:
            r = f / t["torch"]["seconds"]
            tc, rc = f"{t['torch']['seconds'] * 1e3:.2f}", f"**{r:.2f}**" if r > 1 else f"{r:.2f}"
        else:
            tc = rc = ""
        lines.append(f"| {name} | {dt} | {shape} | {axis} | {f * 1e3:.2f} | {tc} | {rc} |")
    return "\n".join(lines)
