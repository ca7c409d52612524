"""GPU benchmark: every elementwise forward/backward and the softmax family on a real GPU.

    python bench/gpu_bench.py --out docs/benchmarks-gpu.md

Times with CUDA events around repeated calls (median of 20 after a warm-up) on 2^26
float32 and float64 elements, against the device-to-device copy bandwidth measured in
the same run (bytes read + written / time) and against PyTorch's own CUDA kernels on the
same memory.  Softmax / log_softmax / logsumexp on (4096, 4096), (65536, 256),
(256, 65536) against torch; a 1e3-element call shows the launch overhead.
"""

from __future__ import annotations

import argparse
import platform
import statistics

import numpy as np
from numba import cuda

import fastact
import fastact.cuda as fc
from fastact._spec.registry import REGISTRY, REQUIRED
from fastact._tools.comparisons import comparison

N = 1 << 26
REPEAT = 20

TORCH_BACKWARD = {  # fastact name -> callable(torch, g, x) using torch's own backward kernels
    "sigmoid": lambda t, g, x: t.ops.aten.sigmoid_backward(g, t.sigmoid(x)),
    "tanh": lambda t, g, x: t.ops.aten.tanh_backward(g, t.tanh(x)),
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


def time_ms(fn, repeat=REPEAT):
    fn()
    cuda.synchronize()
    times = []
    for _ in range(repeat):
        start, stop = cuda.event(), cuda.event()
        start.record()
        fn()
        stop.record()
        stop.synchronize()
        times.append(cuda.event_elapsed_time(start, stop))
    return statistics.median(times)


def params_for(e):
    vals = []
    for p in e.ufunc_params:
        v = p.default if p.default is not REQUIRED else 0.25
        vals.append(p.none_value if v is None else v)
    return vals


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="docs/benchmarks-gpu.md")
    ap.add_argument("--n", type=int, default=N)
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        torch = None
    dev = cuda.get_current_device()
    lines = []
    drv = cuda.cudadrv.driver.driver.get_version() if hasattr(cuda, "cudadrv") else "?"
    import numba

    lines += [
        "# GPU benchmarks", "",
        f"Device: {dev.name.decode() if isinstance(dev.name, bytes) else dev.name}; "
        f"driver API {drv}; numba {numba.__version__}; numba-cuda "
        f"{getattr(__import__('numba_cuda'), '__version__', '?')}; "
        f"PyTorch {torch.__version__ if torch else 'not installed'}; "
        f"Python {platform.python_version()}.", "",
        f"Elementwise on n = {args.n} elements; median of {REPEAT} calls timed with CUDA events; "
        "`out=` preallocated for fastact and torch. `%copy` is fastact's effective bandwidth "
        "(bytes read + written) over the device copy bandwidth measured in the same run; "
        "ratios are fastact time / PyTorch time (below 1: fastact is faster), as on the CPU page.", "",
    ]
    for dtype in (np.float32, np.float64):
        x = cuda.to_device(np.random.default_rng(0).normal(scale=4, size=args.n).astype(dtype))
        g = cuda.to_device(np.random.default_rng(1).normal(size=args.n).astype(dtype))
        out = cuda.device_array_like(x)
        copy_ms = time_ms(lambda: out.copy_to_device(x))
        copy_bw = 2 * x.nbytes / copy_ms / 1e6
        lines += [f"## {np.dtype(dtype).name}: device copy {copy_ms:.3f} ms = {copy_bw:.0f} GB/s", "",
                  "| function | fwd ms | fwd %copy | fastact/torch fwd | bwd ms | bwd %copy "
                  "| fastact/torch bwd |", "|---|---|---|---|---|---|---|"]
        tx = torch.as_tensor(x, device="cuda") if torch else None
        tg = torch.as_tensor(g, device="cuda") if torch else None
        tout = torch.empty_like(tx) if torch else None
        for name, e in REGISTRY.items():
            pv = [dtype(v) for v in params_for(e)]
            try:
                uf = fc.ufunc(name)
                ub = fc.ufunc(name, True)
                f_ms = time_ms(lambda uf=uf, pv=pv: uf(x, *pv, out=out))
                b_ms = time_ms(lambda ub=ub, pv=pv: ub(g, x, *pv, out=out))
            except Exception as exc:  # report, do not hide
                lines.append(f"| {name} | error: {type(exc).__name__}: {exc} | | | | | |")
                continue
            f_pct = 100 * (2 * x.nbytes / f_ms / 1e6) / copy_bw
            b_pct = 100 * (3 * x.nbytes / b_ms / 1e6) / copy_bw
            tf = tb = ""
            t_fn = comparison(name).torch
            if torch is not None and t_fn is not None:
                try:
                    tp = params_for(e)
                    if name == "softplus":
                        tp = [1.0, None]
                    t_ms = time_ms(lambda t_fn=t_fn, tp=tp: t_fn(torch, tx, *tp))
                    tf = f"{f_ms / t_ms:.2f}"
                except Exception as exc:
                    tf = f"error {type(exc).__name__}"
            if torch is not None and name in TORCH_BACKWARD:
                try:
                    tb_ms = time_ms(lambda name=name: TORCH_BACKWARD[name](torch, tg, tx))
                    tb = f"{b_ms / tb_ms:.2f}"
                except Exception as exc:
                    tb = f"error {type(exc).__name__}"
            lines.append(f"| {name} | {f_ms:.3f} | {f_pct:.0f}% | {tf} | {b_ms:.3f} | {b_pct:.0f}% "
                         f"| {tb} |")
        del tout
        lines.append("")
    lines += ["## Softmax family, float32", "",
              "| function | shape | axis | fastact ms | torch ms | fastact/torch |",
              "|---|---|---|---|---|---|"]
    for shape in ((4096, 4096), (65536, 256), (256, 65536)):
        xh = np.random.default_rng(2).normal(size=shape).astype(np.float32)
        xd = cuda.to_device(xh)
        tx = torch.as_tensor(xd, device="cuda") if torch else None
        for name in ("softmax", "log_softmax", "logsumexp"):
            for axis in (-1, 0):
                f_ms = time_ms(lambda name=name, axis=axis: getattr(fc, name)(xd, axis))
                t_ms = ""
                ratio = ""
                if torch is not None:
                    tfn = {"softmax": torch.softmax, "log_softmax": torch.log_softmax,
                           "logsumexp": torch.logsumexp}[name]
                    tm = time_ms(lambda tfn=tfn, axis=axis: tfn(tx, axis))
                    t_ms, ratio = f"{tm:.3f}", f"{f_ms / tm:.2f}"
                lines.append(f"| {name} | {shape} | {axis} | {f_ms:.3f} | {t_ms} | {ratio} |")
    small = cuda.to_device(np.ones(1000, np.float32))
    lines += ["", "## Launch overhead", "",
              f"sigmoid on 1e3 float32 elements: {time_ms(lambda: fc.sigmoid(small)):.4f} ms "
              f"(CUDA ufunc, result allocated); "
              f"`fastact.sigmoid(device_array)`: {time_ms(lambda: fastact.sigmoid(small)):.4f} ms."]
    text = "\n".join(lines) + "\n"
    with open(args.out, "w") as fh:
        fh.write(text)
    print(text)


if __name__ == "__main__":
    main()
