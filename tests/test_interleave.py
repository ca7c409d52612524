"""LLVM's interleave count for the loops the registry names (fastact._core.jit.interleaving).

The count is a process-wide LLVM option: it must reach the loops that ask for it, only
the signatures that ask, and no code compiled after them (a user's own Numba loops).
"""

import subprocess
import sys
import textwrap

import numpy as np
import pytest
from numba import types

from fastact._core.jit import compiling, interleave_of, interleaving, jit
from fastact._spec.registry import INTERLEAVE, REGISTRY
from fastact._tools.loop_code import loop_asm, vector_loops


def _long_body(x, out):
    # a polynomial and a division: a body LLVM's cost model interleaves once
    for i in range(x.size):
        y = x[i]
        p = 0.1 * y + 0.2
        p = p * y + 0.3
        p = p * y + 0.4
        p = p * y + 0.5
        p = p * y + 0.6
        p = p * y + 0.7
        p = p * y + 0.8
        p = p * y + 0.9
        out[i] = p / (1.0 + y * y)


def _sig(t):
    return (types.Array(t, 1, "C"), types.Array(t, 1, "C"))


def _vectors_a_pass(dispatcher, sig, itemsize):
    (main, *_) = vector_loops(dispatcher.inspect_asm(sig), itemsize)
    return main.stores


def test_the_count_reaches_the_signatures_that_ask_and_no_other():
    auto = jit(cache=False)(_long_body)
    asked = jit(cache=False, interleave={"float64": INTERLEAVE})(_long_body)
    for f in (auto, asked):
        f.compile(_sig(types.float64))
        f.compile(_sig(types.float32))
    own = _vectors_a_pass(auto, _sig(types.float64), 8)
    assert own != INTERLEAVE  # (else this body cannot tell the two apart)
    assert _vectors_a_pass(asked, _sig(types.float64), 8) == INTERLEAVE
    assert _vectors_a_pass(asked, _sig(types.float32), 4) == _vectors_a_pass(auto, _sig(types.float32), 4)
    assert interleave_of(asked, _sig(types.float64)) == INTERLEAVE
    assert interleave_of(asked, _sig(types.float32)) == 0
    assert interleave_of(auto, _sig(types.float64)) == 0


def test_a_user_loop_compiled_after_one_that_asks_gets_llvm_s_own_count():
    """In a fresh process (no cache): a plain ``numba.njit`` loop, before and after."""
    import inspect

    code = "import numba\nfrom numba import types\n" + inspect.getsource(_long_body) + textwrap.dedent("""
        from fastact._core.jit import jit
        from fastact._tools.loop_code import vector_loops
        sig = (types.Array(types.float64, 1, "C"),) * 2
        def passes():
            f = numba.njit(error_model="numpy")(_long_body)  # (a user who vectorizes)
            f.compile(sig)
            return vector_loops(f.inspect_asm(sig), 8)[0].stores
        before = passes()
        g = jit(cache=False, interleave={"float64": 4})(_long_body)
        g.compile(sig)
        print(before, vector_loops(g.inspect_asm(sig), 8)[0].stores, passes())
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, asked, after = map(int, out.stdout.split())
    assert asked == 4 and before != 4
    assert after == before


def test_interleaving_outside_a_compilation_is_refused():
    with pytest.raises(RuntimeError, match="compiling"):
        with interleaving(4):
            pass
    with compiling(), interleaving(4), interleaving(0):
        pass  # (nested: each level puts back the one before)


@pytest.mark.parametrize("name,backward,dtype", [
    (name, backward, dtype)
    for name, e in REGISTRY.items()
    for backward in (False, True)
    for dtype in e.interleave_table(backward)
])
def test_the_generated_loops_ask_for_the_registry_s_count(name, backward, dtype):
    from fastact._generated import loops

    fn = getattr(loops, name + ("_backward" if backward else ""))
    assert fn.fastact_interleave == REGISTRY[name].interleave_table(backward)
    dt = np.dtype(dtype)
    loops = vector_loops(loop_asm(name, backward, dt), dt.itemsize)
    # every loop reported is an interleaved one: LLVM's vectorized epilogue beside each
    # (one vector a pass, sometimes fewer instructions an element) is not the loop that
    # runs on an array, and the roofline's instruction counts must not read it
    assert loops and {v.stores for v in loops} == {INTERLEAVE}, [(v.instructions, v.stores) for v in loops]


def test_the_registry_names_loops_that_exist():
    for name, e in REGISTRY.items():
        assert set(e.interleave) <= {"float32", "float64", "float32 backward", "float64 backward"}, name
