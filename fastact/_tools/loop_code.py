"""The machine code of the loops that ``fastact.NAME`` runs: vector width and instructions per element.

``loop_asm(name, backward, dtype)`` recompiles the dispatcher's loop
(:func:`fastact._cpu.loops.loop`) without the disk cache (cached code cannot be inspected),
with the same options, signature and inlining threshold, for the host CPU or the one that
``NUMBA_CPU_NAME`` / ``NUMBA_CPU_FEATURES`` name.  :func:`vector_loops` reads the x86-64
assembly: every innermost loop (a backward jump whose body holds no other loop) that
stores whole SIMD registers (``xmm``, ``ymm`` or ``zmm``) each iteration, with the instructions of its
body, the elements one iteration writes (full-width stores times lanes) and its divisions.
A kernel with a block fast path has three such loops: the flat pass (the short form and
its test on every element, which typical data takes: the shortest), and the fallback's
short and careful loops (the longest is the careful one); a loop over a scalar body, or
a remainder loop, stores no full register and is not listed.  Used by ``tests/test_simd.py``,
by the roofline benchmark (``bench/roofline.py``) and the benchmark page's rows above
PyTorch's time (:func:`fastact._tools.bench.misses`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

_LABEL = re.compile(r"^(\.LBB\w+):")
_JUMP = re.compile(r"^\s+j\w+\s+(\.LBB\w+)\s*$")
# a store of a whole SIMD register (a packed move; ``vmovss``/``vmovsd`` store one element):
# AT&T syntax, the memory operand last; not a spill to the stack (``(%rsp)``).  ``xmm``
# counts: a float32 loop computed in float64 stores its converted halves as ``xmm``.
_STORE = re.compile(r"^\s+vmov(?:[ua]p[sd]|ntp[sd]|dq[ua]\w*)\s+%([xyz]mm)\d+,\s*([^%\s]*\((?!%rsp)[^)]*\))")
_BITS = {"xmm": 128, "ymm": 256, "zmm": 512}
_MEMORY = re.compile(r"[^%\s,]*\([^)]*\)")  # a memory operand: disp(base,index,scale)


@dataclass(frozen=True)
class VectorLoop:
    """One innermost SIMD loop of a compiled function."""

    instructions: int
    """Instructions in the loop body, the jump included (labels and directives not)."""
    elements: int
    """Elements written per iteration: full-width stores times the lanes of a register."""
    bits: int
    """The register width of its stores: 512 (AVX-512), 256 (AVX2), 128 (a float32 loop
    computed in float64 on AVX2 stores its converted halves)."""
    divisions: int
    """Division and square-root instructions in the body."""
    stores: int = 1
    """Full-width stores in the body: the vectors an iteration writes (LLVM unrolls)."""
    in_place: bool = False
    """It reads an address it stores to: the loop's in-place copy (``out`` an input,
    :func:`fastact._core.templates.in_place_lines`), which reads and writes one array; a
    loop writing ``out`` apart from its inputs never reads ``out``."""

    @property
    def per_element(self) -> float:
        return self.instructions / self.elements

    @property
    def divisions_per_vector(self) -> float:
        """Divisions per vector of results (an unrolled body holds one per vector)."""
        return self.divisions / self.stores


def recompiled_asm(dispatcher, sig) -> str:
    """The assembly of ``dispatcher`` for ``sig``, compiled again without the disk cache.

    Same Python function, options (the inlining threshold and the interleave count among
    them) and signature.
    """
    from numba import njit

    from .._core.jit import compiling, interleave_of, interleaving

    options = {k: v for k, v in dispatcher.targetoptions.items() if k not in ("cache", "nopython")}
    fresh = njit(**options)(dispatcher.py_func)
    with compiling(), interleaving(interleave_of(dispatcher, sig)):
        fresh.compile(sig)
    return fresh.inspect_asm(fresh.signatures[0])


def loop_asm(name: str, backward: bool, dtype) -> str:
    """The assembly of the loop that ``fastact.NAME`` (or its backward) runs for ``dtype``.

    prelu's backward: the one pass for both gradients that ``fastact.prelu_backward`` runs
    for a scalar weight (:func:`fastact._cpu.loops.prelu_backward_one_pass`).
    """
    from .._cpu.loops import loop, prelu_backward_one_pass

    dt = np.dtype(dtype)
    if name == "prelu" and backward:
        compiled = prelu_backward_one_pass(dt)
    else:
        compiled = loop(name, backward, dt)
    (sig,) = [s for s in compiled.signatures if s[0].dtype.name == dt.name]
    return recompiled_asm(compiled, sig)


def loop_counts(name: str, backward: bool, dtype) -> tuple[float, float, float] | None:
    """``(fast, careful, divisions)``: instructions per element of the SIMD loops of the code.

    ``fast`` is the shortest loop's (the flat pass of the block fast path, its test
    included, where the kernel has one), ``careful`` the longest's, ``divisions`` the fast
    loop's divisions a vector; None without a SIMD loop.
    """
    loops = vector_loops(loop_asm(name, backward, dtype), np.dtype(dtype).itemsize)
    if not loops:
        return None
    return loops[0].per_element, loops[-1].per_element, loops[0].divisions_per_vector


def vector_loops(asm: str, itemsize: int, in_place: bool = False) -> list[VectorLoop]:
    """The innermost loops of ``asm`` that store full SIMD registers of ``itemsize``-byte elements.

    Only the widest register width found is kept (a vectorized epilogue of half width is
    not the main loop), and a full-width epilogue of an interleaved loop is left out
    (:func:`_epilogue_of`).  Sorted by instructions per element.  ``in_place``: the loops of
    the in-place copy (:attr:`VectorLoop.in_place`) instead of the others.
    """
    lines = asm.splitlines()
    labels = {}
    for i, line in enumerate(lines):
        m = _LABEL.match(line)
        if m:
            labels[m.group(1)] = i
    spans = []
    for i, line in enumerate(lines):
        m = _JUMP.match(line)
        if m and m.group(1) in labels and labels[m.group(1)] < i:
            spans.append((labels[m.group(1)], i))
    found = []
    for lo, hi in spans:
        if any(lo <= a and b <= hi and (a, b) != (lo, hi) for a, b in spans):
            continue  # an outer loop
        body = [s for s in lines[lo + 1:hi + 1] if s.strip() and not s.lstrip().startswith((".", "#"))]
        stores = [_STORE.match(s) for s in body]
        widths = [_BITS[m.group(1)] for m in stores if m]
        if not widths:
            continue
        bits = max(widths)
        lanes = bits // 8 // itemsize
        written = {m.group(2) for m in stores if m}
        read = {a for s, m in zip(body, stores) if not m for a in _MEMORY.findall(s)}
        found.append((VectorLoop(
            instructions=len(body), elements=widths.count(bits) * lanes, bits=bits,
            divisions=sum(bool(re.match(r"\s+v?(div|sqrt)", s)) for s in body),
            stores=widths.count(bits), in_place=bool(written & read)), _arithmetic(body)))
    if not found:
        return []
    widest = max(v.bits for v, _ in found)
    kept = [(v, ops) for v, ops in found if v.bits == widest and v.in_place == in_place]
    # (in the order of the code: LLVM puts a vectorized epilogue right after its loop)
    return sorted((v for i, (v, ops) in enumerate(kept)
                   if not (i and _epilogue_of(v, ops, *kept[i - 1]))), key=lambda v: v.per_element)


def _arithmetic(body: list[str]) -> dict[str, int]:
    """The SIMD arithmetic of a loop body by kind of operation (moves left out).

    Forms LLVM picks between for the same work count as one: every FMA form, every
    compare, the bitwise logic (``vandpd``, ``vporq``, ``vpternlogd``, ...).
    """
    ops: dict[str, int] = {}
    for line in body:
        op = line.split()[0]
        if not op.startswith("v") or op.startswith(("vmov", "vbroadcast", "vpbroadcast")):
            continue
        if re.match(r"vfn?m(add|sub)", op):
            op = "fma"
        elif op.startswith("vcmp"):
            op = "compare"
        elif re.match(r"vp?(and|andn|or|xor|ternlog)", op):
            op = "logic"
        ops[op] = ops.get(op, 0) + 1
    return ops


def _epilogue_of(v: VectorLoop, ops: dict[str, int], u: VectorLoop, uops: dict[str, int]) -> bool:
    """``v``, the loop after ``u`` in the code, is the vectorized epilogue of ``u``.

    LLVM interleaved ``u`` (it stores ``r`` times the vectors of ``v``) and repeats the
    work of ``v``: ``r`` times its divisions and FMAs, and its other arithmetic
    (:func:`_arithmetic`) within 10% (mask constants hoisted out of one of them).  The
    epilogue can take fewer instructions an element (fewer registers live) or more
    (spills), but the main loop is what runs on an array.
    """
    if u.stores <= v.stores or u.stores % v.stores:
        return False
    r = u.stores // v.stores
    total, utotal = sum(ops.values()), sum(uops.values())
    return (u.divisions == r * v.divisions and uops.get("fma", 0) == r * ops.get("fma", 0)
            and abs(r * total - utotal) <= 0.1 * utotal)
