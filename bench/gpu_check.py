"""The GPU check: every CUDA test on the real GPU, then the GPU benchmarks, in one command.

    make gpu-check                       # = python bench/gpu_check.py
    FASTACT_GPU_REPORT=/some/dir python bench/gpu_check.py [--budget 480]

For a machine with an NVIDIA GPU, numba-cuda, CuPy and PyTorch already installed and no
network.  Steps, each printing its progress and writing its part of the report as it
goes (under ``$FASTACT_GPU_REPORT``, default ``build/gpu-check``):

Without a network there, the tests' pure-Python dependencies travel in ``build/gpu-deps``
(``make gpu-deps`` fills it; the GPU machines have pytest, numba-cuda, CuPy, PyTorch).

1. ``environment.json``: the device, driver, compute capability and the versions.
2. The kernels' disk cache warmed in parallel processes (numba-cuda compiles a kernel at
   its first call; a fresh machine has none): every elementwise kernel, forward and
   backward, float32 and float64, flat and strided.
3. ``tests.txt``: ``pytest`` on the CUDA tests with the simulator off
   (``FASTACT_REAL_GPU=1``): the CUDA ufuncs against mpmath, CuPy and PyTorch arrays in
   and out, streams, the strided layouts, the row kernels' warp-shuffle path.
4. ``bench.json`` and ``benchmarks-gpu.md`` (rewritten after every row): every
   elementwise function forward and backward, float32 and float64, at 2^20, 2^24 and
   2^28 elements, on PyTorch tensors with ``out=`` preallocated, against PyTorch's own
   kernels on the same tensors and a device-to-device copy (bytes read + written / time);
   the softmax family against PyTorch.  Medians of CUDA-event timings.

``--budget`` seconds (default 480) bound the whole run: the benchmark stops early, with
what it measured written, when the budget is spent.  ``--simulate`` runs the same steps
under the CUDA simulator with tiny sizes and numba device arrays (CI checks the script end
to end that way; its timings mean nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # fastact from the source tree where it is not installed
    sys.path.insert(0, str(ROOT))
DEPS = ROOT / "build" / "gpu-deps"
"""Pure-Python test dependencies (hypothesis, mpmath, ...) that ``make gpu-deps`` puts here
on a machine with a network, for a GPU machine without one (``run``'s ``carry``)."""
TESTS = ["tests/test_cuda.py", "tests/test_cuda_layouts.py", "tests/test_gpu_numerics.py"]
TORCH_BACKWARD = {  # fastact name -> (torch, g, x) with PyTorch's own backward kernels
    "sigmoid": lambda t, g, x: t.ops.aten.sigmoid_backward(g, x),  # (x stands for the output)
    "tanh": lambda t, g, x: t.ops.aten.tanh_backward(g, x),
    "relu": lambda t, g, x: t.ops.aten.threshold_backward(g, x, 0.0),
    "gelu": lambda t, g, x: t.ops.aten.gelu_backward(g, x),
    "gelu_tanh": lambda t, g, x: t.ops.aten.gelu_backward(g, x, approximate="tanh"),
    "silu": lambda t, g, x: t.ops.aten.silu_backward(g, x),
    "mish": lambda t, g, x: t.ops.aten.mish_backward(g, x),
    "softplus": lambda t, g, x: t.ops.aten.softplus_backward(g, x, 1.0, 20.0),
    "leaky_relu": lambda t, g, x: t.ops.aten.leaky_relu_backward(g, x, 0.01, False),
    "hardtanh": lambda t, g, x: t.ops.aten.hardtanh_backward(g, x, -1.0, 1.0),
    "hardsigmoid": lambda t, g, x: t.ops.aten.hardsigmoid_backward(g, x),
    "hardswish": lambda t, g, x: t.ops.aten.hardswish_backward(g, x),
    "elu": lambda t, g, x: t.ops.aten.elu_backward(g, 1.0, 1.0, 1.0, False, x),
}


def log(msg: str) -> None:
    print(f"[gpu-check {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def environment(simulate: bool) -> dict:
    import numba
    import numpy as np

    env = {"python": platform.python_version(), "numpy": np.__version__,
           "numba": numba.__version__, "simulated": simulate}
    for mod in ("numba_cuda", "cupy", "torch"):
        try:
            env[mod] = getattr(__import__(mod), "__version__", "?")
        except ImportError:
            env[mod] = None
    if not simulate:
        from numba import cuda

        dev = cuda.get_current_device()
        name = dev.name.decode() if isinstance(dev.name, bytes) else dev.name
        env.update(device=name, compute_capability=".".join(map(str, dev.compute_capability)),
                   driver=".".join(map(str, cuda.cudadrv.driver.driver.get_version())),
                   multiprocessors=dev.MULTIPROCESSOR_COUNT)
    return env


def _warm_names(names: list[str]) -> int:
    """Compile (or load) the kernels of ``names`` in this process: flat and strided."""
    import numpy as np
    from numba import cuda

    import fastact

    n = 0
    for name in names:
        for dt in (np.float32, np.float64):
            x = cuda.to_device(np.linspace(-3, 3, 64).astype(dt).reshape(8, 8))
            for arrays in ([x], [x, x], [x[:, ::2]], [x[:, ::2], x[:, ::2]]):
                try:
                    fastact.get(name + ("_backward" if len(arrays) == 2 else ""))(*arrays)
                    n += 1
                except (TypeError, ValueError):  # a required parameter: compiled when timed
                    pass
    cuda.synchronize()
    return n


def warm(names: list[str], workers: int) -> None:
    """Compile every kernel once, in ``workers`` fresh processes.

    Spawned, not forked: this process has a CUDA context already, which a forked child
    cannot use.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [names[i::workers] for i in range(workers)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = sum(pool.map(_warm_names, [c for c in chunks if c]))
    log(f"warmed {done} kernel calls in {time.perf_counter() - t0:.0f} s ({workers} processes)")


def run_tests(report: Path, pytest_args: list[str], simulate: bool, timeout: float) -> int:
    env = dict(os.environ)
    if simulate:
        env["NUMBA_ENABLE_CUDASIM"] = "1"
        env.pop("FASTACT_REAL_GPU", None)
    else:
        env["FASTACT_REAL_GPU"] = "1"
        env["NUMBA_ENABLE_CUDASIM"] = "0"
    if DEPS.is_dir():
        env["PYTHONPATH"] = os.pathsep.join([str(DEPS), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--maxfail=25",
           *(pytest_args or TESTS)]
    log("tests: " + " ".join(cmd[2:]))
    try:
        res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=timeout)
        text, rc = res.stdout + res.stderr, res.returncode
    except subprocess.TimeoutExpired as exc:
        text, rc = f"{exc.stdout or ''}\n(timed out after {timeout:.0f} s)", 124
    (report / "tests.txt").write_text(text)
    log("tests: " + (text.strip().splitlines() or ["no output"])[-1])
    return rc


class Timer:
    """Median time of a call: CUDA events on a GPU, the wall clock under the simulator."""

    def __init__(self, simulate: bool, repeat: int):
        self.simulate, self.repeat = simulate, repeat

    def __call__(self, fn) -> float:
        from numba import cuda

        fn()
        cuda.synchronize()
        times = []
        for _ in range(self.repeat):
            if self.simulate:
                t0 = time.perf_counter()
                fn()
                times.append(1e3 * (time.perf_counter() - t0))
                continue
            start, stop = cuda.event(), cuda.event()
            start.record()
            fn()
            stop.record()
            stop.synchronize()
            times.append(cuda.event_elapsed_time(start, stop))
        return statistics.median(times)


def _params(entry) -> dict:
    from fastact._spec.registry import REQUIRED

    out = {}
    for p in entry.ufunc_params:
        if p.default is REQUIRED:
            out[p.name] = entry.test_params[0][p.name]
    return out


class Bench:
    """The benchmark tables, written to ``bench.json`` and ``benchmarks-gpu.md`` at every row."""

    def __init__(self, report: Path, env: dict, deadline: float):
        self.report, self.env, self.deadline = report, env, deadline
        self.rows: list[dict] = []
        self.copies: list[dict] = []
        self.stopped = ""

    def out_of_time(self) -> bool:
        if time.perf_counter() > self.deadline:
            self.stopped = "the time budget ran out: the tables stop here"
            return True
        return False

    def save(self) -> None:
        data = {"environment": self.env, "copies": self.copies, "rows": self.rows,
                "stopped": self.stopped}
        (self.report / "bench.json").write_text(json.dumps(data, indent=1))
        (self.report / "benchmarks-gpu.md").write_text(render(data))


def arrays_for(simulate: bool, torch, n: int, dtype):
    """``(x, g, out)`` of ``n`` elements: PyTorch tensors on a GPU, numba arrays simulated."""
    import numpy as np
    from numba import cuda

    rng = np.random.default_rng(0)
    if torch is None or simulate:
        x = cuda.to_device(rng.normal(scale=4, size=n).astype(dtype))
        return x, cuda.to_device(rng.normal(size=n).astype(dtype)), cuda.device_array(n, dtype)
    tdt = {np.float32: torch.float32, np.float64: torch.float64}[dtype]
    x = torch.randn(n, dtype=tdt, device="cuda") * 4
    return x, torch.randn(n, dtype=tdt, device="cuda"), torch.empty(n, dtype=tdt, device="cuda")


def bench_elementwise(b: Bench, names, sizes, simulate, torch, timer) -> None:
    import numpy as np

    import fastact
    from fastact._spec.registry import derivative_name, lookup
    from fastact._tools.comparisons import comparison

    for dtype in (np.float32, np.float64):
        for n in sizes:
            x, g, out = arrays_for(simulate, torch, n, dtype)
            isz = np.dtype(dtype).itemsize
            if torch is not None and not simulate:
                copy_ms = timer(lambda out=out, x=x: out.copy_(x))
            else:
                copy_ms = timer(lambda out=out, x=x: out.copy_to_device(x))
            copy_bw = 2 * n * isz / copy_ms / 1e6
            b.copies.append({"dtype": np.dtype(dtype).name, "n": n, "ms": copy_ms, "GBps": copy_bw})
            log(f"{np.dtype(dtype).name} n=2^{n.bit_length() - 1}: device copy {copy_bw:.0f} GB/s")
            for name in names:
                if b.out_of_time():
                    return
                e = lookup(name)
                kw = _params(e)
                row = {"name": name, "dtype": np.dtype(dtype).name, "n": n}
                try:
                    f, fb = fastact.get(name), fastact.get(name + "_backward")
                    row["fwd_ms"] = timer(lambda f=f, x=x, kw=kw, out=out: f(x, **kw, out=out))
                    row["bwd_ms"] = timer(lambda fb=fb, g=g, x=x, kw=kw, out=out:
                                          fb(g, x, **kw, out=out))
                except Exception as exc:  # reported, not hidden
                    row["error"] = f"{type(exc).__name__}: {exc}"[:200]
                try:  # f'' (one input, as the forward) and the double backward (3 in, 2 out)
                    d2 = fastact.get(derivative_name(name, 2))
                    dbl = fastact.get(name + "_double_backward")
                    row["d2_ms"] = timer(lambda d2=d2, x=x, kw=kw, out=out: d2(x, **kw, out=out))
                    row["dbl_ms"] = timer(lambda dbl=dbl, g=g, x=x, kw=kw: dbl(g, g, x, **kw))
                except Exception as exc:
                    row["error"] = f"{type(exc).__name__}: {exc}"[:200]
                if "fwd_ms" in row:
                    row["fwd_copy"] = (2 * n * isz / row["fwd_ms"] / 1e6) / copy_bw
                    row["bwd_copy"] = (3 * n * isz / row["bwd_ms"] / 1e6) / copy_bw
                t_fn = comparison(name).torch
                if torch is not None and not simulate and t_fn is not None and not kw:
                    tp = [1.0, 20.0] if name == "softplus" else [
                        p.default for p in e.ufunc_params]
                    try:
                        row["torch_fwd_ms"] = timer(lambda t_fn=t_fn, x=x, tp=tp:
                                                    t_fn(torch, x, *tp))
                        tb = TORCH_BACKWARD.get(name)
                        if tb is not None:
                            row["torch_bwd_ms"] = timer(lambda tb=tb, g=g, x=x: tb(torch, g, x))
                    except Exception as exc:
                        row["torch_error"] = f"{type(exc).__name__}: {exc}"[:200]
                b.rows.append(row)
                b.save()
            del x, g, out


def bench_rows(b: Bench, shapes, simulate, torch, timer) -> None:
    import numpy as np
    from numba import cuda

    import fastact

    for dtype in (np.float32, np.float64):
        for shape in shapes:
            h = np.random.default_rng(2).normal(size=shape).astype(dtype)
            x = cuda.to_device(h) if simulate or torch is None else torch.as_tensor(h,
                                                                                   device="cuda")
            for name in ("softmax", "log_softmax", "logsumexp", "softmax_backward"):
                for axis in (-1, 0):
                    if b.out_of_time():
                        return
                    row = {"name": name, "dtype": np.dtype(dtype).name, "shape": list(shape),
                           "axis": axis}
                    if name == "softmax_backward":
                        y = fastact.softmax(x, axis=axis)
                        row["ms"] = timer(lambda x=x, y=y, a=axis: fastact.softmax_backward(
                            x, y, axis=a))
                    else:
                        f = getattr(fastact, name)
                        row["ms"] = timer(lambda f=f, x=x, a=axis: f(x, axis=a))
                    if torch is not None and not simulate:
                        if name == "softmax_backward":
                            ty = torch.softmax(x, axis)
                            row["torch_ms"] = timer(
                                lambda x=x, ty=ty, a=axis: torch.ops.aten._softmax_backward_data(
                                    x, ty, a, x.dtype))
                        else:
                            tf = getattr(torch, name)
                            row["torch_ms"] = timer(lambda tf=tf, x=x, a=axis: tf(x, a))
                    b.rows.append(row)
                    b.save()


def _ratio(a, b) -> str:
    return f"{a / b:.2f}" if a and b else ""


def render(data: dict) -> str:
    """``docs/benchmarks-gpu.md`` from the measurements."""
    env = data["environment"]
    lines = ["# GPU benchmarks", "",
             "Measured by `make gpu-check` (bench/gpu_check.py) in one run on "
             + (f"{env.get('device')} (compute capability {env.get('compute_capability')}, "
                f"{env.get('multiprocessors')} SMs), driver {env.get('driver')}"
                if not env.get("simulated") else "the CUDA simulator (timings mean nothing)")
             + f"; numba {env['numba']}, numba-cuda {env.get('numba_cuda')}, CuPy "
             f"{env.get('cupy')}, PyTorch {env.get('torch')}, Python {env['python']}.", "",
             "Medians of CUDA-event timings; `out=` preallocated for fastact (PyTorch "
             "allocates its result from its cache).  `%copy`: fastact's effective bandwidth "
             "(bytes read + written) over the device-to-device copy's at the same size and "
             "dtype; `/torch`: fastact's time over PyTorch's own kernel on the same tensor "
             "(below 1: fastact is faster).", ""]
    if data.get("stopped"):
        lines += [f"**Partial**: {data['stopped']}.", ""]
    lines += ["## Device copy", "", "| dtype | elements | ms | GB/s |", "|---|---|---|---|"]
    lines += [f"| {c['dtype']} | 2^{c['n'].bit_length() - 1} | {c['ms']:.4f} | {c['GBps']:.0f} |"
              for c in data["copies"]]
    ew = [r for r in data["rows"] if "n" in r]
    for dtype in ("float32", "float64"):
        rows = [r for r in ew if r["dtype"] == dtype]
        if not rows:
            continue
        lines += ["", f"## Elementwise, {dtype}", "",
                  "| function | elements | fwd ms | fwd %copy | fwd /torch | bwd ms | "
                  "bwd %copy | bwd /torch | f'' ms | f'' / fwd | double bwd ms |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in rows:
            if "error" in r:
                lines.append(f"| {r['name']} | 2^{r['n'].bit_length() - 1} | {r['error']} |"
                             " | | | | | | | |")
                continue
            lines.append(
                f"| {r['name']} | 2^{r['n'].bit_length() - 1} | {r['fwd_ms']:.4f} | "
                f"{100 * r['fwd_copy']:.0f}% | {_ratio(r['fwd_ms'], r.get('torch_fwd_ms'))} | "
                f"{r['bwd_ms']:.4f} | {100 * r['bwd_copy']:.0f}% | "
                f"{_ratio(r['bwd_ms'], r.get('torch_bwd_ms'))} | {r['d2_ms']:.4f} | "
                f"{_ratio(r['d2_ms'], r['fwd_ms'])} | {r['dbl_ms']:.4f} |")
    sm = [r for r in data["rows"] if "shape" in r]
    if sm:
        lines += ["", "## Softmax family", "",
                  "| function | dtype | shape | axis | fastact ms | torch ms | /torch |",
                  "|---|---|---|---|---|---|---|"]
        for r in sm:
            t = r.get("torch_ms")
            lines.append(f"| {r['name']} | {r['dtype']} | {tuple(r['shape'])} | {r['axis']} | "
                         f"{r['ms']:.4f} | {'' if t is None else f'{t:.4f}'} | "
                         f"{_ratio(r['ms'], t)} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python bench/gpu_check.py")
    ap.add_argument("--simulate", action="store_true", help="the CUDA simulator, tiny sizes")
    ap.add_argument("--budget", type=float, default=480.0, help="seconds for the whole run")
    ap.add_argument("--only", default="", help="comma-separated elementwise functions")
    ap.add_argument("--sizes", default="", help="log2 of the sizes (default 20,24,28)")
    ap.add_argument("--workers", type=int, default=min(16, os.cpu_count() or 1))
    ap.add_argument("--skip-tests", action="store_true")
    ap.add_argument("pytest_args", nargs="*", help="instead of the CUDA test files")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    report = Path(os.environ.get("FASTACT_GPU_REPORT", ROOT / "build" / "gpu-check"))
    report.mkdir(parents=True, exist_ok=True)
    if args.simulate:
        os.environ["NUMBA_ENABLE_CUDASIM"] = "1"
    else:
        os.environ.setdefault("NUMBA_ENABLE_CUDASIM", "0")
    from fastact._spec.registry import REGISTRY, derivative_name

    env = environment(args.simulate)
    (report / "environment.json").write_text(json.dumps(env, indent=1))
    log(f"report in {report}; " + ", ".join(f"{k} {v}" for k, v in env.items()))
    names = [n for n in args.only.split(",") if n] or [n for n in REGISTRY if n != "prelu"]
    warm(names + [derivative_name(n, 2) for n in names], 2 if args.simulate else args.workers)
    rc = 0
    if not args.skip_tests:
        rc = run_tests(report, args.pytest_args, args.simulate,
                       timeout=max(60.0, 0.55 * args.budget - (time.perf_counter() - t0)))
    try:
        import torch

        if args.simulate or not torch.cuda.is_available():
            torch = None
    except ImportError:
        torch = None
    sizes = [1 << int(s) for s in (args.sizes or ("6" if args.simulate else "20,24,28")).split(",")]
    b = Bench(report, env, deadline=t0 + args.budget)
    timer = Timer(args.simulate, 1 if args.simulate else 10)
    log(f"benchmarks: {len(names)} functions x 2 dtypes x {len(sizes)} sizes")
    bench_elementwise(b, names, sizes, args.simulate, torch, timer)
    shapes = [(4, 8)] if args.simulate else [(4096, 4096), (65536, 256), (256, 65536)]
    bench_rows(b, shapes, args.simulate, torch, timer)
    b.save()
    log(f"done in {time.perf_counter() - t0:.0f} s: {report / 'benchmarks-gpu.md'}"
        + (f" ({b.stopped})" if b.stopped else ""))
    return rc


if __name__ == "__main__":
    sys.exit(main())
