"""Compile every CUDA kernel for real, without a GPU: Python -> NVVM -> PTX -> ptxas.

    python -m fastact._tools.cuda_compile --cc 9.0 [--json]

The CUDA simulator runs the Python source and never lowers anything, so it cannot show
that a kernel fails to compile (``np.rint`` had no CUDA lowering: every exp-based kernel
failed on a real GPU while the simulator tests passed).  This compiles, for one compute
capability, every elementwise kernel (forward and backward, float32 and float64) as a
device function and inside the kernel that ``fastact.cuda`` launches, the fused forms'
kernels (bias, gated, their backward, the column sums), and every
row / glu / maxout kernel with the argument types ``fastact.cuda`` launches it with; each
PTX is then assembled by ``ptxas`` for that architecture, as the driver would at load.

Needs ``numba-cuda[cu12]`` (NVVM, libdevice and ptxas come in the nvcc wheel) and must run
with ``NUMBA_ENABLE_CUDASIM`` unset or 0.  numba-cuda asks the current device for its
compute capability when it compiles a nested device function; with no driver that
fails, so a stand-in device with the requested capability answers for the duration.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

EXACT_LIBDEVICE = frozenset(
    f"__nv_{f}{s}" for f in ("fabs", "copysign", "fmin", "fmax", "sqrt", "rint", "fma")
    for s in ("", "f"))
"""The libdevice functions whose results are exact or correctly rounded (IEEE ``sqrt.rn``;
``fmin``/``fmax`` differ from the CPU's ``min``/``max`` only for NaN operands, which every
kernel handles apart).  A kernel that calls only these computes on the GPU what the CPU
computes, up to FMA contraction (see tests/test_gpu_numerics.py)."""


def libdevice_calls(fn, argtypes, cc: tuple[int, int]) -> list[str]:
    """The libdevice functions that ``fn`` compiled for CUDA with ``argtypes`` calls."""
    import re

    from numba.cuda import compiler

    cres = compiler.compile_cuda(fn, None, argtypes, cc=cc)  # type: ignore[attr-defined]
    ir_text = "\n".join(cres.library.llvm_strs)
    return sorted(set(re.findall(r'@"?(__nv_\w+)', ir_text)))


def ptxas_path() -> str:
    """``ptxas`` from the CUDA wheels, else from ``PATH``.

    CUDA 12: ``nvidia-cuda-nvcc-cu12``, under ``nvidia/cuda_nvcc``; CUDA 13:
    ``nvidia-cuda-nvcc``, under ``nvidia/cu13``.
    """
    try:
        import nvidia

        for base in nvidia.__path__:
            for sub in ("cuda_nvcc", "cu13"):
                wheel = Path(base) / sub / "bin" / "ptxas"
                if wheel.exists():
                    return str(wheel)
    except ImportError:
        pass
    found = shutil.which("ptxas")
    if found is None:
        raise FileNotFoundError("ptxas not found: pip install 'fastact[cuda]' (CUDA 12) or "
                                "'fastact[cuda13]'")
    return found


def toolchain() -> dict:
    """The CUDA toolchain that compiles here: NVVM's and ptxas's versions."""
    from numba.cuda.cudadrv import nvvm

    res = subprocess.run([ptxas_path(), "--version"], capture_output=True, text=True)
    release = [ln for ln in res.stdout.splitlines() if "release" in ln]
    return {"nvvm": ".".join(map(str, nvvm.NVVM().get_version())),
            "ptxas": release[0].split("release")[-1].strip() if release else "?"}


@contextlib.contextmanager
def compute_capability(cc: tuple[int, int]):
    """Answer numba-cuda's ``get_current_device().compute_capability`` with ``cc``."""
    import numba.cuda.dispatcher as dispatcher

    class _Device:
        compute_capability = cc

    saved = dispatcher.get_current_device
    dispatcher.get_current_device = lambda: _Device
    try:
        yield
    finally:
        dispatcher.get_current_device = saved


def jobs() -> list[tuple[str, Any, tuple, bool]]:
    """``(label, py_func, argtypes, device)`` for every kernel to compile."""
    from numba import boolean, float32, float64, int64

    from .. import cuda as fc
    from .._cuda import axis_kernels as K
    from .._cuda import loss_kernels as L
    from .._generated import cuda_kernels
    from .._spec.registry import DERIVED, REGISTRY

    out: list[tuple[str, Any, tuple, bool]] = []
    from .._cuda import fused as F
    from .._cuda import fused_kernels as FK
    from .._cuda import layout_kernels as LK

    for name, e in REGISTRY.items():
        for t in (float32, float64):  # the fused forms, with the argument types F launches
            a, i, p = t[::1], int64, (t,) * e.nparams
            for kind, args in (("bias", (a, a, a, i)), ("bias_backward", (a, a, a, a, i)),
                               ("gated", (a, a, i, i, a, i, i, a, a, i)),
                               ("gated_backward", (a, a, a, a, i, i, a, i, i, a, a, i))):
                out.append((f"{name}_{kind}[{t}] kernel", F.fused_kernel(name, kind).py_func,
                            args + p, False))
        for t in (float32, float64):  # the double backward: dgrad, dx, gg, grad, x
            out.append((f"{name}_double_backward[{t}] kernel",
                        getattr(cuda_kernels, name + "_double_backward").py_func,
                        (t[::1],) * 5 + (t,) * e.nparams, False))
    for name, e in (*REGISTRY.items(), *DERIVED.items()):
        for backward in (False, True):
            kernel = e.backward if backward else e.forward
            if kernel is None:  # the higher derivatives have no backward
                continue
            fname = name + ("_backward" if backward else "")
            n = 1 + e.nparams + backward
            arrays = 2 + backward  # out, (grad,) x
            for t in (float32, float64):
                out.append((f"{fname}[{t}] device", kernel.py_func, (t,) * n, True))
                launched = fc.launched_kernel(name, backward).py_func
                out.append((f"{fname}[{t}] kernel", launched,
                            (t[::1],) * arrays + (t,) * e.nparams, False))
                if e.nparams:
                    launched = fc.launched_kernel(name, backward, param_arrays=True).py_func
                    out.append((f"{fname}[{t}] kernel, parameter arrays", launched,
                                (t[::1],) * (arrays + e.nparams), False))
                # the strided kernels: 4-d views of any strides
                a4 = t[:, :, :, :]
                out.append((f"{fname}[{t}] strided kernel",
                            fc.launched_kernel(name, backward, strided=True).py_func,
                            (a4,) * arrays + (t,) * e.nparams, False))
                if e.nparams:
                    out.append((f"{fname}[{t}] strided kernel, parameter arrays",
                                fc.launched_kernel(name, backward, True, strided=True).py_func,
                                (a4,) * (arrays + e.nparams), False))
    # the row kernels get (outer, n, inner) views of C- or F-ordered arrays ('A': mixed)
    layouts = {"C": lambda t: (t[:, :, ::1], t[:, ::1]), "F": lambda t: (t[::1, :, :], t[::1, :]),
               "A": lambda t: (t[:, :, :], t[:, :])}
    for t in (float32, float64):
        for lay, views in layouts.items():
            a3, a2 = views(t)
            tag = f"[{t}, {lay}]"
            out += [
                (f"softmax rows{tag}", K.softmax_kernel.py_func,
                 (a3, a3, float64, int64, a2, boolean), False),
                (f"softmax columns{tag}", K.softmax_cols_kernel.py_func,
                 (a3, a3, float64, int64, a2), False),
                (f"logsumexp rows{tag}", K.logsumexp_kernel.py_func, (a3, a2, boolean), False),
                (f"logsumexp columns{tag}", K.logsumexp_cols_kernel.py_func, (a3, a2), False),
                (f"softmax grad rows{tag}", K.softmax_grad_kernel.py_func, (a3, a3, a3, int64), False),
                (f"glu{tag}", K.glu_kernel.py_func, (a3, a3), False),
                (f"glu grad{tag}", K.glu_grad_kernel.py_func, (a3, a3, a3), False),
                (f"maxout{tag}", K.maxout_kernel.py_func, (a3, a3, int64, int64, a3), False),
            ]
            # the losses: labels (outer, inner) int64, probabilities float64 (host labels go
            # to the device so), output like x
            i2 = int64[:, ::1] if lay == "C" else int64[::1, :] if lay == "F" else int64[:, :]
            common = (a3, i2, views(float64)[0], float64[::1], float64, boolean, boolean)
            out += [
                (f"softmax cross-entropy{tag}", L.xent_kernel.py_func, (*common, a2), False),
                (f"softmax cross-entropy grad{tag}", L.xent_grad_kernel.py_func,
                 (*common, a2, a3), False),
            ]
        flat = t[::1]
        out.append((f"copy between layouts[{t}]", LK.copy_nd.py_func,
                    (t[:, :, :, :], t[:, :, :, :]), False))
        for dst in (t, float64):  # the bias gradients, and a scalar bias's column sums
            out.append((f"column sums[{t} -> {dst}]", FK.column_sums.py_func,
                        (dst[::1], flat, int64, int64, int64, int64), False))
        out.append((f"binary cross-entropy[{t}]", L.bce_kernel.py_func,
                    (flat, flat, float64[::1], float64, float64[::1], float64, float64[::1],
                     float64, boolean, boolean), False))
        if t == float32:  # (float32 operands: the loss in float32 arithmetic)
            out.append((f"binary cross-entropy[{t}, float32 operands]", L.bce_kernel.py_func,
                        (flat, flat, flat, float64, flat, float64, float64[::1], float64,
                         boolean, boolean), False))
    return out


def user_kernel_source() -> str:
    """A kernel as a user writes it, calling every generated public elementwise function.

    On scalars inside ``@cuda.jit`` code, through the overloads of :mod:`fastact._api.overloads`.
    """
    from .._spec.registry import REGISTRY
    from .plot import plot_params

    lines = ["def user_kernel(out, x):", "    i = cuda.grid(1)", "    if i < x.size:",
             "        v = x[i]", "        acc = v - v"]
    for name, e in REGISTRY.items():
        kw = plot_params(name)
        for p in e.params:
            if p.choices:
                kw[p.name] = next(iter(p.choices))
        args = "".join(f", {k}={v!r}" for k, v in kw.items())
        for fname, head in ((name, "v"), (name + "_backward", "v, v")):
            # prelu_backward returns (dx, dweight); rrelu runs in evaluation mode
            pick = "[0]" if fname == "prelu_backward" else ""
            lines.append(f"        acc += fastact.{fname}({head}{args}){pick}")
    # the gated units on (gate, value) scalars, and bias= on scalars
    lines += ["        acc += fastact.swiglu(v, v) + fastact.geglu(v, v, approximate='tanh')",
              "        acc += fastact.reglu_backward(v, v, v)[0] + fastact.geglu_backward(v, v, v)[1]",
              "        acc += fastact.gelu(v, bias=v) + fastact.silu_backward(v, v, bias=v)[1]"]
    lines.append("        out[i] = acc")
    return "\n".join(lines) + "\n"


def user_jobs() -> list[tuple[str, Any, tuple, bool]]:
    """The user kernel of :func:`user_kernel_source` and a user activation's kernels.

    For float32 and float64: what a user's code compiles for the GPU.
    """
    from numba import cuda, float32, float64

    import fastact

    namespace: dict = {"cuda": cuda, "fastact": fastact}
    exec(compile(user_kernel_source(), "<user kernel>", "exec"), namespace)
    fn = namespace["user_kernel"]
    out: list[tuple[str, Any, tuple, bool]] = [
        (f"user kernel calling every function[{t}]", fn, (t[::1], t[::1]), False)
           for t in (float32, float64)]
    # the kernels that fastact launches for a user activation (fastact.examples.snake)
    import fastact.examples.snake  # noqa: F401

    from .._cuda.elementwise import user_kernel

    for kname, arrays, nparams in (("snake", 2, 1), ("snake_backward", 3, 1)):
        for t in (float32, float64):
            out.append((f"{kname}[{t}] kernel", user_kernel(kname).py_func,
                        (t[::1],) * arrays + (t,) * nparams, False))
            out.append((f"{kname}[{t}] kernel, parameter arrays", user_kernel(kname + "_p").py_func,
                        (t[::1],) * (arrays + nparams), False))
            a4 = t[:, :, :, :]
            out.append((f"{kname}[{t}] strided kernel", user_kernel(kname + "_nd").py_func,
                        (a4,) * arrays + (t,) * nparams, False))
            out.append((f"{kname}[{t}] strided kernel, parameter arrays",
                        user_kernel(kname + "_nd_p").py_func, (a4,) * (arrays + nparams), False))
    from numba import int64

    from .._cuda.fused import fused_kernel

    for t in (float32, float64):  # and its fused forms
        a, i = t[::1], int64
        for kind, args in (("bias", (a, a, a, i)), ("bias_backward", (a, a, a, a, i)),
                           ("gated", (a, a, i, i, a, i, i, a, a, i)),
                           ("gated_backward", (a, a, a, a, i, i, a, i, i, a, a, i))):
            out.append((f"snake_{kind}[{t}] kernel", fused_kernel("snake", kind).py_func,
                        args + (t,), False))
    return out


_DIV64 = re.compile(r"^\s*(?:@!?%p\d+\s+)?(?:div|rem)\.[su]64\b", re.M)
"""A 64-bit integer division or remainder (a subroutine of about 70 SASS instructions)."""


def f64_instructions(ptx: str) -> int:
    """The PTX instructions that compute or convert in float64 (``mul.rn.f64``, ``cvt.f64.f32``, ...).

    A float32 kernel without any runs at full speed on GPUs whose float64 rate is 1/64
    of float32's (RTX, L4, L40S).
    """
    count = 0
    for line in ptx.splitlines():
        words = line.split()
        if words and words[0].startswith("@"):  # a predicate guards the instruction
            words = words[1:]
        if words and not words[0].startswith((".", "//")) and ".f64" in words[0]:
            count += 1
    return count


def compile_all(cc: tuple[int, int], user: bool = False, libdevice: bool = True,
                match: str = "") -> list[dict]:
    """Compile and assemble every kernel for ``cc``; one row per kernel (``error`` if any).

    ``user``: the kernel of :func:`user_jobs` instead of fastact's own.  ``libdevice``:
    also list each kernel's libdevice calls (``row["libdevice"]``), which compiles it a
    second time to read its LLVM IR; the calls come from Numba's lowering, the same for
    every compute capability, so one capability's inventory serves all.  ``match``: only
    the kernels whose label contains it.
    """
    from numba import cuda

    ptxas = ptxas_path()
    rows = []
    with compute_capability(cc), tempfile.TemporaryDirectory() as tmp:
        for label, fn, argtypes, device in (user_jobs() if user else jobs()):
            if match not in label:
                continue
            row: dict = {"kernel": label, "cc": f"{cc[0]}.{cc[1]}"}
            try:
                ptx, _ = cuda.compile_ptx(fn, argtypes, device=device, cc=cc)
            except Exception as exc:  # the compile error is the finding
                row["error"] = f"NVVM: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
                rows.append(row)
                continue
            path = Path(tmp) / "k.ptx"
            path.write_text(ptx)
            opts = ["-c"] if device else []  # a device function alone: compile-only object
            res = subprocess.run([ptxas, f"-arch=sm_{cc[0]}{cc[1]}", *opts, str(path), "-o",
                                  str(Path(tmp) / "k.cubin")], capture_output=True, text=True)
            if res.returncode:
                row["error"] = "ptxas: " + (res.stderr.strip().splitlines() or ["?"])[0][:300]
            row["ptx_lines"] = ptx.count("\n")
            row["shuffles"] = ptx.count("shfl.sync")  # the row kernels' warp reductions
            row["f64_ops"] = f64_instructions(ptx)
            row["div64"] = len(_DIV64.findall(ptx))
            if libdevice:
                row["libdevice"] = libdevice_calls(fn, argtypes, cc)
            rows.append(row)
    return rows


def main(argv=None) -> int:
    """Print the compile results for one compute capability; exit 1 if any kernel failed."""
    p = argparse.ArgumentParser(prog="python -m fastact._tools.cuda_compile")
    p.add_argument("--cc", default="9.0", help="compute capability, e.g. 7.0, 8.0, 9.0")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", action="store_true",
                   help="a user's kernel that calls every public function (fastact._api.overloads)")
    p.add_argument("--no-libdevice", action="store_true",
                   help="skip the inventory of libdevice calls (the same for every --cc)")
    p.add_argument("--match", default="", help="only the kernels whose label contains this")
    args = p.parse_args(argv)
    if os.environ.get("NUMBA_ENABLE_CUDASIM", "0") not in ("", "0"):
        p.error("run with NUMBA_ENABLE_CUDASIM unset: the simulator compiles nothing")
    major, minor = (int(v) for v in args.cc.split("."))
    rows = compile_all((major, minor), user=args.user, libdevice=not args.no_libdevice,
                       match=args.match)
    bad = [r for r in rows if "error" in r]
    if args.json:
        json.dump(rows, sys.stdout)
        print()
    else:
        for r in bad:
            print(f"{r['kernel']} (sm_{major}{minor}): {r['error']}")
        print(f"{len(rows) - len(bad)} of {len(rows)} kernels compiled and assembled for sm_{major}{minor}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
