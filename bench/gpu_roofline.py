"""Static roofline of every elementwise CUDA kernel on an H100, from its SASS (no GPU needed).

    NUMBA_ENABLE_CUDASIM=0 python bench/gpu_roofline.py > docs/gpu-roofline.md

Each kernel that ``fastact.cuda`` launches (one element a thread) is compiled for sm_90
through NVVM and ``ptxas -v`` (registers, spills) and disassembled with ``nvdisasm``
(``pip install nvidia-cuda-nvdisasm``).  From the SASS: the instructions of the kernel,
the FP64 instructions among them and the MUFU (special function unit) ones.  The
subroutines that IEEE division and reciprocal call only for operands their inline
sequence cannot handle (``$__internal_*_slowpath``, ``div_rn_f64_full``) are counted
apart and left out of the estimate.  The estimate
per element is the largest of

* memory: bytes read + written / 3.0e12 B/s (an H100's device-to-device copy),
* issue: SASS instructions / (132 SMs x 4 schedulers x 32 lanes x 1.755 GHz),
* FP64: FP64 instructions / (132 SMs x 64 FP64 lanes x 1.755 GHz),
* MUFU: MUFU instructions / (132 SMs x 16 lanes x 1.755 GHz),
* constant: indexed constant loads (``LDC ... c[bank][Rn]``, a table in constant memory
  read at a computed index: gelu's float64 fast path) / (132 SMs x 1.755 GHz): the constant
  cache serves one address at a time, and the lanes of a warp of typical data read
  different points, so each such load is taken as 32 accesses a warp, one a cycle,

and the kernel is "memory-bound" when the memory term is the largest.  The counts are
static: both sides of a branch count, loops count once, occupancy and latency are
ignored; a kernel with a block fast path is counted on the side a warp of typical data
takes (the range test and the short form: :func:`common_path`).  An estimate to find the
kernels that cannot reach the bandwidth, not a timing.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CLOCK = 1.755e9
SMS = 132
BANDWIDTH = 3.0e12
ISSUE = SMS * 4 * 32 * CLOCK
FP64 = SMS * 64 * CLOCK
MUFU = SMS * 16 * CLOCK
CONSTANT = SMS * CLOCK
CC = (9, 0)


def nvdisasm_path() -> str:
    import nvidia  # the nvidia-cuda-nvdisasm wheel puts it under nvidia/cu13/bin

    for base in nvidia.__path__:
        for p in Path(base).glob("*/bin/nvdisasm"):
            return str(p)
    raise FileNotFoundError("nvdisasm not found: pip install nvidia-cuda-nvdisasm")


_INDEXED_LDC = re.compile(r"\bLDC(?:\.\w+)*\s+[^;]*c\[0x[0-9a-f]+\]\[R\d+")
_OP = re.compile(r"/\*[0-9a-f]{4,}\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_]*)(\.[A-Z0-9_.]+)?")


def analyse(ptx: str, tmp: Path, ptxas: str, nvdisasm: str) -> dict:
    """Registers, spills and the SASS instruction mix of one kernel's PTX."""
    (tmp / "k.ptx").write_text(ptx)
    cubin = tmp / "k.cubin"
    res = subprocess.run([ptxas, f"-arch=sm_{CC[0]}{CC[1]}", "-v", str(tmp / "k.ptx"), "-o",
                          str(cubin)], capture_output=True, text=True, check=True)
    regs = re.search(r"Used (\d+) registers", res.stderr)
    spill = re.findall(r"(\d+) bytes spill (stores|loads)", res.stderr)
    sass = subprocess.run([nvdisasm, "-c", str(cubin)], capture_output=True, text=True,
                          check=True).stdout
    # the kernel's own code ends where the first slow-path subroutine begins (IEEE
    # division's and reciprocal's, called only for operands they cannot handle inline)
    cut = re.search(r"^\$__internal_", sass, re.M)
    hot, cold = (sass[:cut.start()], sass[cut.start():]) if cut else (sass, "")
    ops = [o for o in (m.group(1) for m in _OP.finditer(hot)) if o != "NOP"]
    cold_ops = [o for o in (m.group(1) for m in _OP.finditer(cold)) if o != "NOP"]
    return {
        "instructions": len(ops),
        "slow_path": len(cold_ops),
        "fp64": sum(1 for o in ops if o.startswith("D") and o not in ("DEPBAR",)),
        "mufu": sum(1 for o in ops if o == "MUFU"),
        "indexed_ldc": len(_INDEXED_LDC.findall(hot)),
        "registers": int(regs.group(1)) if regs else -1,
        "spills": sum(int(n) for n, _ in spill),
    }


def one_element(kernel, narrays: int, nparams: int):
    """``body(out, *arrays, *params)``: ``out[i] = kernel(arrays[i]..., params...)`` for one ``i``.

    The per-element work of the grid-stride kernels that ``fastact.NAME(cuda_array)``
    launches, without their loop (whose set-up a thread runs once for all its elements):
    the index unsigned, as theirs is (:func:`fastact._core.templates.cuda_sources`), so
    that no access pays a negative-index wraparound.  Its source is written for the
    counts of arrays and parameters, as :func:`common_path`'s is.
    """
    from numba import cuda, uint64

    arrays = [f"a{j}" for j in range(narrays)]
    ps = [f"p{j}" for j in range(nparams)]
    call = ", ".join([f"{a}[i]" for a in arrays] + ps)
    src = (f"def body(out, {', '.join(arrays + ps)}):\n"
           "    i = uint64(cuda.grid(1))\n"
           "    if i < uint64(out.size):\n"
           f"        out[i] = k({call})\n")
    # k: the njit dispatcher; numba-cuda compiles its Python source for the GPU
    namespace = {"k": kernel, "cuda": cuda, "uint64": uint64}
    exec(compile(src, "<gpu_roofline one element>", "exec"), namespace)
    return namespace["body"]


def common_path(fast, backward: bool, nparams: int):
    """For a kernel with a block fast path ``(ok, short)``: ``short`` where ``ok`` holds.

    The launched kernels branch per thread (:func:`fastact._core.templates.cuda_sources`):
    a warp whose threads all pass ``ok`` (typical data) runs the test and the short form,
    and only a warp with an element outside the range runs the careful kernel.  A static
    count of that branch would charge every element with both sides; this is the common
    side (its ``else``, the input itself, is never taken in such a warp).
    """
    from fastact._core.jit import jit

    ok, short = fast
    arrays = ["g", "x"] if backward else ["x"]
    ps = [f"p{i}" for i in range(nparams)]
    call, test = ", ".join(arrays + ps), ", ".join(["x", *ps])
    src = f"def common({call}):\n    return short({call}) if ok({test}) else x\n"
    namespace = {"ok": ok, "short": short}
    exec(compile(src, "<gpu_roofline common path>", "exec"), namespace)
    return jit(cache=False)(namespace["common"])


def applies(ok, e, float32: bool) -> bool:
    """Whether the fast path ``ok`` tests applies to this dtype at the default parameters.

    (Some kernels have a float32 one only.)
    """
    import numpy as np

    dt = np.float32 if float32 else np.float64
    vals = [dt(p.none_value if p.default is None else p.default) for p in e.ufunc_params]
    return bool(ok(dt(0.5), *vals))


def rows() -> list[dict]:
    from numba import cuda, float32, float64

    from fastact._spec.registry import REGISTRY
    from fastact._tools.cuda_compile import compute_capability, ptxas_path

    ptxas, nvdisasm = ptxas_path(), nvdisasm_path()
    out = []
    with compute_capability(CC), tempfile.TemporaryDirectory() as d:
        for name, e in REGISTRY.items():
            for backward in (False, True):
                for t, size in ((float32, 4), (float64, 8)):
                    k = e.backward if backward else e.forward
                    fast = e.fast(backward)
                    if fast is not None and applies(fast[0], e, t is float32):
                        k = common_path(fast, backward, e.nparams)
                    fn = one_element(k, 1 + backward, e.nparams)
                    args = (t[::1],) * (2 + backward) + (t,) * e.nparams  # scalar parameters
                    ptx, _ = cuda.compile_ptx(fn, args, cc=CC)
                    r = analyse(ptx, Path(d), ptxas, nvdisasm)
                    # x (and grad) read, the result written; the parameters are kernel
                    # arguments
                    nbytes = size * (2 + backward)
                    terms = {"memory": nbytes / BANDWIDTH, "issue": r["instructions"] / ISSUE,
                             "FP64": r["fp64"] / FP64, "MUFU": r["mufu"] / MUFU,
                             "constant": r["indexed_ldc"] / CONSTANT}
                    bound = max(terms, key=lambda k: terms[k])
                    out.append({"kernel": name + ("_backward" if backward else ""),
                                "dtype": str(t), "bytes": nbytes, **r, "bound": bound,
                                "fraction": terms["memory"] / terms[bound]})
    return out


def render(table: list[dict]) -> str:
    import numba

    lines = [
        "# GPU roofline (static, from SASS)",
        "",
        "The per-element work of each elementwise kernel that `fastact.NAME(cuda_array)`",
        "launches (its scalar kernel inlined into one element a thread, with the parameters",
        "as scalar arguments; the launched kernels wrap the same body in a grid-stride loop),",
        "compiled",
        "for sm_90 through NVVM, assembled by `ptxas -v` (registers, spills) and disassembled",
        "by `nvdisasm`.  The estimate per element is the largest of: memory (bytes read +",
        "written / 3.0e12 B/s, an H100's device-to-device copy); instruction issue (SASS",
        "instructions / 132 SMs x 4 schedulers x 32 lanes x 1.755 GHz); FP64 (FP64",
        "instructions / 132 x 64 lanes x 1.755 GHz); MUFU (special-function instructions /",
        "132 x 16 lanes x 1.755 GHz); constant (loads from a table in constant memory at a",
        "computed index / 132 SMs x 1.755 GHz: the constant cache serves one address at a",
        "time and the lanes of a warp of typical data read different points, so each is",
        "taken as 32 accesses a warp, one a cycle).  A kernel is memory-bound when the memory term is the",
        "largest; the last column is memory time / estimated time.  The counts are static (both",
        "sides of a branch count, occupancy and latency are ignored; a kernel with a block",
        "fast path is counted on the side a warp of typical data takes: its range test and",
        "short form, the careful kernel running only in warps with an element outside that",
        "range): an estimate that finds",
        "the kernels that cannot reach the bandwidth, not a timing.  The subroutines that",
        "IEEE division calls only for operands its inline sequence cannot handle are counted",
        "apart (slow path) and left out of the estimate.  No GPU was used.",
        "",
        f"Generated by `NUMBA_ENABLE_CUDASIM=0 python bench/gpu_roofline.py` on "
        f"{platform.machine()} (no GPU), numba {numba.__version__}, sm_{CC[0]}{CC[1]}.",
        "",
        "| kernel | dtype | bytes/elem | SASS instr | FP64 | MUFU | indexed LDC | slow path | "
        "registers | spills | bound | est. fraction of 3 TB/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in table:
        frac = f"{100 * r['fraction']:.0f}%"
        if r["bound"] != "memory":
            frac = f"**{frac}**"
        lines.append(f"| {r['kernel']} | {r['dtype']} | {r['bytes']} | {r['instructions']} | "
                     f"{r['fp64']} | {r['mufu']} | {r['indexed_ldc']} | {r['slow_path']} | "
                     f"{r['registers']} | {r['spills']} | "
                     f"{r['bound']} | {frac} |")
    worst = sorted(table, key=lambda r: r["fraction"])[:8]
    lines += ["", "Lowest estimated fractions: " + ", ".join(
        f"{r['kernel']} {r['dtype']} {100 * r['fraction']:.0f}% ({r['bound']})" for r in worst)
        + "."]
    notbound = [r for r in table if r["bound"] != "memory"]
    lines += [f"{len(table) - len(notbound)} of {len(table)} kernels are estimated memory-bound."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if os.environ.get("NUMBA_ENABLE_CUDASIM", "0") not in ("", "0"):
        sys.exit("run with NUMBA_ENABLE_CUDASIM unset: the simulator compiles nothing")
    print(render(rows()), end="")
