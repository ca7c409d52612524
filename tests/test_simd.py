"""Every kernel compiles to SIMD code (AVX2 ``ymm`` or AVX-512 ``zmm`` registers): a check on the code's
shape, never on time.

The loops checked are the ones ``fastact.NAME`` runs (:mod:`fastact._generated.loops`, compiled by
the dispatcher).  One call left in the loop body or one branch that LLVM cannot turn into
a select makes the loop scalar (5-15x slower); this test names the kernel where that
happens.  x86-64 with AVX2 only.

The code is compiled for the CPU Numba targets: the host's, or the one named by
``NUMBA_CPU_NAME`` / ``NUMBA_CPU_FEATURES``.  ``make test-avx2`` runs this file again for
AVX2 on an AVX-512 host (``FASTACT_TEST_ISA=avx2``); then no loop may use a 512-bit
register, which shows that the AVX2 code is what was checked.
"""

import os
import re

import numpy as np
import pytest
from conftest import host_cpu_has

from fastact._core.templates import FUSED_IN_PLACE
from fastact._spec.registry import DERIVED, REGISTRY
from fastact._tools.bench import numba_cpu
from fastact._tools.loop_code import loop_asm, recompiled_asm, vector_loops

# packed float arithmetic on 256- or 512-bit registers (moves and conversions do not count;
# identity, a copy, has only moves)
PACKED = re.compile(r"\bv(add|sub|mul|div|fn?m(add|sub)\d*|max|min|cmp\w*|blendv|and|or)p[sd]\s[^\n]*%[yz]mm")
MOVES = re.compile(r"\bvmov\w*\s[^\n]*%[yz]mm[^\n]*\(")
NOT_SIMD = {
}


pytestmark = pytest.mark.skipif(not host_cpu_has("avx2"), reason="needs x86-64 with AVX2")

CASES = [(name, bwd, dt) for name in REGISTRY for bwd in (False, True) for dt in ("float32", "float64")]
CASES += [(name, False, dt) for name in DERIVED for dt in ("float32", "float64")]  # f'', f'''


@pytest.mark.parametrize(("name", "backward", "dtype"), [
    pytest.param(*c, marks=pytest.mark.xfail(reason=NOT_SIMD[c], strict=True)) if c in NOT_SIMD else c
    for c in CASES], ids=[f"{n}{'_backward' if b else ''}-{d}" for n, b, d in CASES])
def test_kernel_loop_is_simd(name, backward, dtype):
    # the dispatcher's loop, recompiled without the disk cache (cached code cannot be
    # inspected) with the same flags, signature and inlining threshold
    asm = loop_asm(name, backward, dtype)
    simd = MOVES if name == "identity" and not backward else PACKED
    label = f"{name}{'_backward' if backward else ''} ({dtype})"
    assert simd.search(asm), f"{label} has no packed SIMD op"
    # and its main loop stores whole registers: the block test (a fast path's) or a branch
    # left in the body did not leave the loop scalar with packed ops around it
    loops = vector_loops(asm, np.dtype(dtype).itemsize)
    assert loops, f"{label}: no loop stores a whole SIMD register"
    # in place (out=x, or a backward's out=grad): the loop's copy written on that array is
    # SIMD too (the loop over two arrays fell back to scalar code when they were one)
    if not (name == "identity" and not backward):  # (x[i] = x[i]: no loop at all)
        inplace = vector_loops(asm, np.dtype(dtype).itemsize, in_place=True)
        assert inplace and inplace[0].bits == loops[0].bits, f"{label}: in place is not SIMD"
    if os.environ.get("FASTACT_TEST_ISA") == "avx2":
        assert "zmm" not in asm, "compiled for AVX-512, not for the AVX2 CPU that was named"


FUSED_CASES = [(name, kind, dt) for name in ("silu", "gelu", "relu", "softplus")
               for kind in ("bias", "bias_backward", "gated", "gated_backward")
               for dt in ("float32", "float64")]


@pytest.mark.parametrize(("name", "kind", "dtype"), FUSED_CASES,
                         ids=[f"{n}_{k}-{d}" for n, k, d in FUSED_CASES])
def test_fused_loop_is_simd(name, kind, dtype):
    """The fused loops (fastact/_generated/fused.py) vectorize too: the gated backward with f
    and f' in one loop body, the bias backward and its sums."""
    from fastact._core.templates import fused_argtypes
    from fastact._cpu.fused import fused_loop

    f64 = dtype == "float64"
    loop = fused_loop(name, kind, f64, False)
    sig = fused_argtypes(kind, f64, REGISTRY[name].nparams, False)
    asm = recompiled_asm(loop, sig)
    assert PACKED.search(asm), f"{name}_{kind} ({dtype}) has no packed SIMD op"
    if kind in FUSED_IN_PLACE:  # out = x (or grad): its copy of the rows is SIMD too
        assert vector_loops(asm, np.dtype(dtype).itemsize, in_place=True), \
            f"{name}_{kind} ({dtype}) in place is not SIMD"
    if os.environ.get("FASTACT_TEST_ISA") == "avx2":
        assert "zmm" not in asm, "compiled for AVX-512, not for the AVX2 CPU that was named"


DOUBLE_CASES = [(name, dt) for name in ("silu", "gelu", "tanh", "softplus", "mish", "elu")
                for dt in ("float32", "float64")]


@pytest.mark.parametrize(("name", "dtype"), DOUBLE_CASES, ids=[f"{n}-{d}" for n, d in DOUBLE_CASES])
def test_double_backward_loop_is_simd(name, dtype):
    """The double backward's loop (f' and f'' in one body, two outputs) vectorizes too."""
    from fastact._cpu.loops import double_loop

    loop = double_loop(name, np.dtype(dtype))
    (sig,) = [s for s in loop.signatures if s[0].dtype.name == dtype]
    assert PACKED.search(recompiled_asm(loop, sig)), f"{name}_double_backward ({dtype}) is scalar"


@pytest.mark.skipif(not host_cpu_has("avx512f") or any(numba_cpu()),
                    reason="needs an AVX-512 host, compiled for the host")
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_loops_use_512_bit_vectors_on_an_avx512_host(dtype):
    """LLVM's tuning for Intel's AVX-512 cores prefers 256-bit vectors; fastact's code asks
    for 512 (:data:`fastact._core.jit.VECTOR_WIDTH`): a compute-bound loop gets twice
    the lanes (softplus float32 2.35 -> 1.00 x relu's time on an Intel Xeon)."""
    for name in ("softplus", "gelu"):
        loops = vector_loops(loop_asm(name, False, dtype), np.dtype(dtype).itemsize)
        assert loops and {loop.bits for loop in loops} == {512}, (name, dtype)
