"""Every CUDA kernel compiles for real (NVVM -> PTX -> ptxas): CUDA 12 for sm_70, sm_80 and
sm_90, CUDA 13 (``make test-cuda13``) for sm_75, sm_80, sm_90 and sm_100.

No GPU needed: ``python -m fastact._tools.cuda_compile`` runs in a subprocess without the CUDA
simulator (this test process runs under it, see conftest.py).  CI installs the toolchain
(``numba-cuda[cu12]``: NVVM, libdevice, ptxas); without it the test is skipped, except in
CI, where a missing toolchain is a failure.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fastact._spec.registry import DERIVED, REGISTRY

pytest.importorskip("numba.cuda", reason="numba-cuda is not installed")


def _toolchain() -> bool:
    from fastact._tools.cuda_compile import ptxas_path

    try:
        ptxas_path()
    except FileNotFoundError:
        return False
    return True


TOOLCHAINS = [("cuda12", cc) for cc in ("7.0", "8.0", "9.0")] + [
    ("cuda13", cc) for cc in ("7.5", "8.0", "9.0", "10.0")]
"""Each toolchain with the compute capabilities it supports (CUDA 13 dropped those below 7.5)."""


def _python(toolchain: str) -> str | None:
    """The interpreter with that toolchain: this one for CUDA 12 (the cuda extra); for CUDA 13
    the one of ``make test-cuda13`` (its own venv: cuda-bindings 12 and 13 do not mix)."""
    return sys.executable if toolchain == "cuda12" else os.environ.get("FASTACT_CUDA13_PYTHON")


FLOAT64_IN_FLOAT32: set[str] = set()
"""The float32 elementwise kernels that compute in float64 (each with its reason): none."""


@pytest.mark.parametrize(("toolchain", "cc"), TOOLCHAINS, ids=[f"{t}-sm{c}" for t, c in TOOLCHAINS])
def test_every_kernel_compiles_and_assembles(toolchain, cc):
    python = _python(toolchain)
    if python is None:
        pytest.skip("the CUDA 13 toolchain has a venv of its own: make test-cuda13 (CI runs it)")
    if toolchain == "cuda12" and not _toolchain():
        if os.environ.get("CI"):
            pytest.fail("CI must have the CUDA toolchain: pip install 'numba-cuda[cu12]'")
        pytest.skip("no ptxas: pip install 'numba-cuda[cu12]'")
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    # the libdevice inventory (a second compile of each kernel) once, with the newest cc:
    # the calls come from Numba's lowering, not from the architecture
    inventory = (toolchain, cc) == ("cuda12", "9.0")
    res = subprocess.run([python, "-m", "fastact._tools.cuda_compile", "--cc", cc, "--json",
                          *([] if inventory else ["--no-libdevice"])],
                         capture_output=True, text=True, env=env, timeout=2400)
    assert res.returncode in (0, 1), res.stderr[-3000:]
    rows = json.loads(res.stdout.strip().splitlines()[-1])
    failed = [f"{r['kernel']}: {r['error']}" for r in rows if "error" in r]
    assert not failed, "\n".join(failed)
    # every elementwise kernel x direction x dtype, as a device function and launched
    # (with scalar parameters, and again with parameter arrays), the strided kernels (the
    # same two), the copy between layouts per dtype, and the eight row, column,
    # glu and maxout kernels per dtype and layout (C, F, A), the two softmax cross-entropy
    # kernels per dtype and layout, and the binary loss's per dtype (and once more for the
    # float32 arithmetic of float32 operands); the four fused kernels
    # of every activation per dtype and the column sums (two output dtypes per dtype); the
    # higher derivatives (forward only: device, launched, strided, and with parameter
    # arrays) and the double backward of every activation per dtype
    with_params = sum(1 for e in REGISTRY.values() if e.nparams)
    derived_params = sum(1 for e in DERIVED.values() if e.nparams)
    assert len(rows) == ((len(REGISTRY) * 2 + with_params) * 2 * 2 + (len(REGISTRY) + with_params) * 4
                         + 2 + (8 + 2) * 2 * 3 + 3
                         + len(REGISTRY) * 4 * 2 + 2 * 2
                         + len(DERIVED) * 3 * 2 + derived_params * 2 * 2 + len(REGISTRY) * 2)
    assert all(r["ptx_lines"] > 10 for r in rows)
    # the row kernels reduce through warp shuffles on a GPU (the simulator runs a shared-
    # memory tree instead); the elementwise kernels have nothing to reduce
    rowwise = [r for r in rows if " rows[" in r["kernel"] or "cross-entropy" in r["kernel"]
               and "binary" not in r["kernel"]]
    assert len(rowwise) == 3 * 2 * 3 + 2 * 2 * 3 and all(r["shuffles"] for r in rowwise), rowwise
    assert not any(r["shuffles"] for r in rows if "strided" in r["kernel"])
    # the grid-stride elementwise kernels (and the double backward) index with unsigned
    # integers: no 64-bit division (LLVM's trip count of an unrolled signed loop) in them
    elementwise = {n + s for n in REGISTRY for s in ("", "_backward", "_double_backward")}
    flat = [r for r in rows if r["kernel"].split("[")[0] in elementwise | set(DERIVED)
            and "] kernel" in r["kernel"]]
    assert len(flat) > 4 * len(REGISTRY)
    assert not [r["kernel"] for r in flat if r["div64"]]
    # the fused kernels divide twice a thread (the row and column of its first index and
    # of the step: div and rem), not per element (i // m and i % m took 6 to 8)
    fused = [r for r in rows if r["kernel"].split("[")[0].endswith(("_bias", "_bias_backward",
                                                                    "_gated", "_gated_backward"))]
    assert len(fused) == len(REGISTRY) * 4 * 2
    assert not [(r["kernel"], r["div64"]) for r in fused if r["div64"] > 2]
    if not inventory:
        return
    # float32 data is computed in float32 (issue 24): the launched float32 forward and
    # backward kernels, contiguous and strided, with scalar parameters or arrays of them,
    # and the fused ones (bias, gated, and their backward) execute no float64 instruction
    # (on GPUs with 1/64-rate float64 such an instruction puts a kernel far below bandwidth)
    launched = {n + s for n in REGISTRY
                for s in ("", "_backward", "_bias", "_bias_backward", "_gated", "_gated_backward")}
    f32_launched = [r for r in rows if r["kernel"].split("[")[0] in launched
                    and ("[float32] kernel" in r["kernel"] or "[float32] strided kernel" in r["kernel"])]
    assert len(f32_launched) == len(REGISTRY) * (2 * 2 + 4) + with_params * 2 * 2
    with_f64 = {r["kernel"].split("[")[0] for r in f32_launched if r["f64_ops"]}
    assert with_f64 == FLOAT64_IN_FLOAT32, sorted(with_f64 ^ FLOAT64_IN_FLOAT32)
    # no libdevice function with an error bound of its own (erfc: 5 ulp, exp/log1p: 1-2):
    # the GPU runs the CPU's arithmetic, which the accuracy tests measure
    from fastact._tools.cuda_compile import EXACT_LIBDEVICE

    inexact = {r["kernel"]: sorted(set(r["libdevice"]) - EXACT_LIBDEVICE) for r in rows}
    assert not {k: v for k, v in inexact.items() if v}
    assert any("__nv_sqrt" in r["libdevice"] for r in rows)  # the inventory sees calls
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert f": {len(rows)} in all)" in readme, "README's count of CUDA kernels is stale"


def test_a_user_kernel_calling_every_function_compiles():
    """fastact.NAME(scalar) inside a user's @cuda.jit kernel (fastact/_api/overloads.py),
    and the kernels launched for a user activation (Snake, fastact.activation)."""
    if not _toolchain():
        if os.environ.get("CI"):
            pytest.fail("CI must have the CUDA toolchain: pip install 'numba-cuda[cu12]'")
        pytest.skip("no ptxas: pip install 'numba-cuda[cu12]'")
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    res = subprocess.run([sys.executable, "-m", "fastact._tools.cuda_compile", "--cc", "9.0", "--user",
                          "--json", "--no-libdevice"], capture_output=True, text=True, env=env, timeout=1200)
    rows = json.loads(res.stdout.strip().splitlines()[-1])
    assert len(rows) == 2 + 16 + 8 and not [r for r in rows if "error" in r], rows
    assert all(r["ptx_lines"] > 1000 for r in rows[:2])  # every call inlined into the kernel
    assert {r["kernel"].split("[")[0] for r in rows[2:]} == {
        "snake", "snake_backward", "snake_bias", "snake_bias_backward", "snake_gated",
        "snake_gated_backward"}
    from fastact._tools.cuda_compile import user_kernel_source

    calls = user_kernel_source().count("fastact.")
    assert calls == 2 * len(REGISTRY) + 6  # every function and its backward; gated, bias=
