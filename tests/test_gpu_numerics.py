"""The GPU's numerics, measured on the CPU: the accuracy contract under FMA contraction.

libNVVM fuses ``a*b + c`` into one FMA by default (``-fma=1``), and every CUDA kernel
calls only exact or correctly rounded libdevice functions (``test_cuda_compile.py``
checks each kernel's calls), so a kernel on the GPU computes what it computes on the CPU
up to contraction.  Here the accuracy tests of the CPU target run again in a subprocess
with ``FASTACT_EMULATE_GPU_FMA=1``, which compiles every kernel and helper with
``fastmath={"contract"}`` so that LLVM fuses as NVVM would, and hold the same contract
(4 ulp forward, 16 backward, the axis functions' relative contract).  The fusion LLVM
chooses on x86 need not be the one NVVM chooses on the GPU: this emulates contraction,
it does not replay the GPU's instruction stream.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import host_cpu_has

ROOT = Path(__file__).resolve().parent.parent


def _env():
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    env["FASTACT_EMULATE_GPU_FMA"] = "1"
    return env


pytestmark = pytest.mark.skipif(not host_cpu_has("fma"),
                                reason="the CPU has no FMA: contraction cannot be emulated")

_PROBE = """
import numpy as np
from fastact._core.jit import EMULATE_GPU_FMA
from fastact.kernels import scalar as S
S.exp(0.5)
asm = "".join(S.exp.inspect_asm().values())
print(EMULATE_GPU_FMA, "vfmadd" in asm)
"""


def test_the_emulation_really_fuses():
    """Under the switch a helper's machine code holds FMAs (else the test below is void)."""
    res = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                         env=_env(), cwd=ROOT, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.split() == ["True", "True"], res.stdout


def _passes_under_emulation(*args: str):
    """``pytest args`` in a subprocess under the switch: it ran tests, and they passed."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *args]
    res = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT,
                         timeout=3000)
    tail = res.stdout[-4000:] + res.stderr[-2000:]
    assert res.returncode == 0, tail
    assert " passed" in res.stdout and "failed" not in res.stdout, tail


def test_accuracy_contract_holds_with_fma_contraction():
    _passes_under_emulation(
        "tests/test_accuracy.py", "tests/test_rows.py", "-k",
        "cpu or named_tails or subnormal_named or round_to_zero or against_mpmath "
        "or dominant or special_rows")


def test_binary_loss_contract_holds_with_fma_contraction():
    """The binary loss's float32 arithmetic (fastact.kernels.losses.bce_f32, which the CUDA
    kernel runs too) and its float64 path, against mpmath, with contraction."""
    _passes_under_emulation("tests/test_losses.py", "-k",
                            "float32_arithmetic or bce_against_mpmath")
