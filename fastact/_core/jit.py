"""How fastact compiles for the CPU: the one place that holds the Numba options.

Every scalar kernel, helper, loop and ufunc of the ``cpu`` and ``parallel`` targets is
compiled with :func:`jit` or :func:`ufunc_targetoptions`, so that an option changes in
one place.  ``error_model="numpy"`` (division by zero gives inf/NaN, as in NumPy's
ufuncs) is what Numba's ufunc builder compiles with; with the default ``"python"`` model
each division checks for zero and may raise, a branch that stops loop vectorization
(sigmoid 1.6 -> 10 ns an element).  A helper is compiled once per signature whichever
caller asks first, so every caller must agree on the model.

``FASTACT_EMULATE_GPU_FMA=1`` in the environment (read at import) compiles everything with
``fastmath={"contract"}``: LLVM may then fuse ``a*b + c`` into one FMA, as libNVVM does by
default on the GPU.  It is how the tests measure the GPU's numerics on the CPU
(tests/test_gpu_numerics.py); the on-disk cache is off in that mode, so that no
contracted code is ever cached for ordinary runs.

Every first compilation fastact triggers (ufuncs, loops, row kernels, CUDA ufuncs) runs
through :func:`compiled`, into one cache (:data:`ARTIFACTS`), inside :func:`compiling`:
Numba's one compiler lock, and LLVM's inliner allowed up to :data:`INLINE_THRESHOLD`.  So
does every signature a :func:`jit` function compiles on a call (a read-only array, another
layout).  This module imports only Numba and llvmlite.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

from numba import njit

EMULATE_GPU_FMA = os.environ.get("FASTACT_EMULATE_GPU_FMA", "") == "1"
CACHE = not EMULATE_GPU_FMA


def _fastmath(flags: frozenset[str] | set[str]) -> set[str] | bool:
    f = set(flags) | ({"contract"} if EMULATE_GPU_FMA else set())
    return f or False


def jit(*, nogil: bool = False, fastmath: frozenset[str] = frozenset(), cache: bool = True,
        parallel: bool = False, interleave: dict[str, int] | None = None) -> Any:
    """``njit`` with fastact's options (cached, NumPy's error model).

    ``cache=False`` for code made at run time (user activations), which has no file for
    Numba's disk cache.  ``parallel=True`` for the loops that split an array over Numba's
    threads (``prange``).  ``interleave``: by the dtype of the first argument
    (``"float32"``), how many vectors LLVM's loop vectorizer interleaves in the loops of
    that signature (:func:`interleaving`); kept on the dispatcher as ``fastact_interleave``
    (:func:`interleave_of`).
    """
    decorate = njit(cache=CACHE and cache, nogil=nogil, error_model="numpy",
                    fastmath=_fastmath(fastmath), parallel=parallel)

    def build(fn):
        return _compiled_inside(decorate(fn), dict(interleave or {}))

    return build


INTERLEAVE_AUTO = 0
"""``-force-vector-interleave``'s default: LLVM's cost model chooses the count."""


def interleave_of(dispatcher: Any, sig: tuple) -> int:
    """The interleave count :func:`jit` gave ``dispatcher`` for ``sig`` (0: LLVM's choice)."""
    table = getattr(dispatcher, "fastact_interleave", None)
    if not table:
        return INTERLEAVE_AUTO
    args = getattr(sig, "args", sig)  # (a tuple of types, or a Signature)
    dtype = getattr(args[0], "dtype", None) if args else None
    return int(table.get(str(dtype), INTERLEAVE_AUTO))


_interleave = INTERLEAVE_AUTO  # the value fastact last gave the option (LLVM cannot read it back)


@contextlib.contextmanager
def interleaving(count: int):
    """Within :func:`compiling`: LLVM's loop vectorizer interleaves ``count`` vectors.

    LLVM's ``-force-vector-interleave`` (process-wide, like the inlining threshold: set
    with Numba's compiler lock held and put back after).  Its cost model picks 1 or 2 for
    long loop bodies (gelu_tanh's float32 forward: one 16-lane vector a pass), whose
    chains of dependent operations (an exponential's polynomial, a division) then leave
    the core waiting: measured in cache on AMD Zen 4, one thread, float32 N(0, 4^2), 4
    against LLVM's own: gelu_tanh 0.87x the time, its gradient 0.88x, tanh 0.84x (AVX2
    code: 0.91, 0.74, 0.86; docs/benchmarks.md, ``make interleave``).  ``count`` 0 leaves
    LLVM's choice.
    """
    import llvmlite.binding as llvm

    global _interleave
    if not _depth:
        raise RuntimeError("fastact: interleaving() is for use within compiling()")
    before = _interleave
    if count == before:
        yield
        return
    llvm.set_option("fastact", f"-force-vector-interleave={count}")
    _interleave = count
    try:
        yield
    finally:
        llvm.set_option("fastact", f"-force-vector-interleave={before}")
        _interleave = before


def _compiled_inside(dispatcher: Any, interleave: dict[str, int] | None = None) -> Any:
    """``dispatcher``, whose every compilation runs inside :func:`compiling`.

    Numba compiles a dispatcher again for each new argument type on its first call: an
    array that is read-only (``np.broadcast_to``, a JAX array's NumPy view, a read-only
    memory map) or of another layout is a type of its own.  Compiled with Numba's own
    options (LLVM's inlining threshold, Intel's 256-bit preference), such a signature
    ran softmax_rows of 4096 x 1024 float32 1.3x slower.  Within a compilation fastact
    already runs (a loop it builds with its options, or :func:`inlining`'s threshold),
    the options stay as they are.  Numba's dispatch of compiled signatures is untouched.
    """
    from numba.core.compiler_lock import global_compiler_lock

    plain = dispatcher.compile
    dispatcher.fastact_interleave = interleave or {}

    def compile(sig):
        with global_compiler_lock:  # (held: _depth is this thread's)
            outer = contextlib.nullcontext() if _depth else compiling()
            with outer, interleaving(interleave_of(dispatcher, sig)):
                return plain(sig)

    dispatcher.compile = compile
    return dispatcher


def inlined() -> Any:
    """``njit(inline="always")``: Numba inlines the function into each caller's IR.

    Never compiled on its own (no cache or options of its own: the caller's apply).  For
    a loop body called with an input as its own ``out`` (in place): inlined, the body's
    reads and writes go through one pointer, which LLVM vectorizes with no run-time
    overlap check (:func:`fastact.kernels.piecewise.prelu_backward_one_pass`, the fused
    loops).
    """
    return njit(inline="always")


def ufunc_targetoptions() -> dict[str, Any]:
    """The options of Numba's ufunc builder for fastact's ufunc loops."""
    fm = _fastmath(frozenset())
    return {"fastmath": fm} if fm else {}


INLINE_THRESHOLD = 4000
"""LLVM's inlining threshold for fastact's compilations (LLVM's own at -O3 is 250).

A kernel reaches SIMD only if every helper it calls (``exp``, ``two_prod``, ...) and the
kernel itself are inlined into the loop: one call left in the loop body stops loop
vectorization (gelu_tanh 30 -> 4 ns an element).  The default threshold left calls in
the larger kernels."""

_depth = 0  # how deep in compiling() this process is (it nests: a build may compile more)


def numba_inline_threshold() -> int:
    """LLVM's inlining threshold for Numba's code when nobody sets one.

    LLVM's own for Numba's optimization level (``NUMBA_OPT``, 3 by default): 250 above 2,
    else 225.
    """
    from numba.core import config

    return 250 if int(config.OPT) > 2 else 225  # type: ignore[attr-defined]


@contextlib.contextmanager
def compiling():
    """Compile fastact's code: one at a time, with :data:`INLINE_THRESHOLD` for the inliner.

    LLVM's ``-inline-threshold`` is a process-wide option; it is set while Numba's global
    compiler lock is held (no other thread compiles meanwhile) and then put back to the
    value Numba's own compilations get from LLVM (:func:`numba_inline_threshold`), so
    that a user's Numba code compiles after fastact as it would have before.  (LLVM gives
    no way to read the option back, so a value a user set by hand is not restored; the
    per-pipeline threshold, which would avoid the global option, arrives truncated to 8
    bits through llvmlite 0.50: 4000 reads back as 160.)
    """
    import llvmlite.binding as llvm
    from numba.core.compiler_lock import global_compiler_lock

    global _depth
    with global_compiler_lock:  # (Numba's, re-entrant: one lock, so no order to get wrong)
        llvm.set_option("fastact", f"-inline-threshold={INLINE_THRESHOLD}")
        if not _depth:
            _wide_vectors(True)
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
            if not _depth:
                _wide_vectors(False)
                llvm.set_option("fastact", f"-inline-threshold={numba_inline_threshold()}")


VECTOR_WIDTH = 512
"""The SIMD width, in bits, that LLVM's loop vectorizer may use in fastact's code.

LLVM's tuning for Intel's AVX-512 cores (Skylake-SP to Sapphire Rapids: ``-mcpu`` names
such as ``skylake-avx512``, ``icelake-server``, ``rocketlake``) prefers 256-bit vectors,
which halves the lanes of every compute-bound loop (AMD's Zen 4 and 5 get 512).  fastact's
functions carry LLVM's ``"prefer-vector-width"`` attribute, which overrides that
preference for them only (on a CPU without AVX-512 it changes nothing): measured on an
Intel Xeon reported as Rocket Lake, 3e7 float32, 2 threads, against relu's time:
softplus 2.35 -> 1.00, gelu_tanh 1.37 -> 1.04, gelu 1.79 -> 1.48."""

_PREFER_WIDTH = f'"prefer-vector-width"="{VECTOR_WIDTH}"'
_plain_post_lowering: Callable | None = None


def _prefer_wide(mod) -> None:
    """Give every function defined in the llvmlite module ``mod`` :data:`VECTOR_WIDTH`.

    llvmlite's attribute set accepts LLVM's enum attributes only; a string attribute is
    written as it is (``set.add``), and LLVM's parser reads it in the definition.
    """
    for fn in mod.functions:
        if not fn.is_declaration:
            set.add(fn.attributes, _PREFER_WIDTH)


def _wide_vectors(on: bool) -> None:
    """While fastact compiles: Numba's CPU lowering gives each new module :func:`_prefer_wide`.

    The hook (``CPUContext.post_lowering``, which Numba calls on every function it lowers
    for the CPU) is set when the outermost :func:`compiling` starts and put back when it
    ends, with Numba's compiler lock held: a user's own functions never get the attribute.
    """
    from numba.core.cpu import CPUContext

    global _plain_post_lowering
    if on:
        plain = _plain_post_lowering = CPUContext.post_lowering

        def post_lowering(self, mod, library):
            _prefer_wide(mod)
            return plain(self, mod, library)

        CPUContext.post_lowering = post_lowering  # type: ignore[method-assign]
    elif _plain_post_lowering is not None:
        CPUContext.post_lowering = _plain_post_lowering  # type: ignore[method-assign]
        _plain_post_lowering = None


@contextlib.contextmanager
def inlining(threshold: int):
    """Within :func:`compiling`: LLVM's inliner at ``threshold``, then back to :data:`INLINE_THRESHOLD`.

    For a function that calls an already compiled loop which must stay a call (the split
    loops: the loop inlined into the threads' body was nested in it, and LLVM compiled
    it worse there: elu float32 2.06 -> 2.44 instructions an element, 25 % slower).
    """
    import llvmlite.binding as llvm

    if not _depth:
        raise RuntimeError("fastact: inlining() is for use within compiling()")
    llvm.set_option("fastact", f"-inline-threshold={threshold}")
    try:
        yield
    finally:
        llvm.set_option("fastact", f"-inline-threshold={INLINE_THRESHOLD}")


ARTIFACTS: dict[tuple, Any] = {}
"""Everything fastact has compiled in this process, by key: ``("ufunc", name, target,
backward)``, ``("rows", ...)``, ``("cuda ufunc", name, backward)``, the loops as
``(name, backward, float64?)`` (the shortest key) and their splits as ``("split", name,
backward, float64?, streaming?)``: the per-call fast path looks both up.
Read it directly on hot paths (a dict lookup); fill it with :func:`compiled`, empty it
for one function with :func:`forget`."""

_OWNED: dict[str, list[tuple]] = {}


def compiled(key: tuple, build: Callable[[], Any], owner: str | None = None) -> Any:
    """``ARTIFACTS[key]``, made by ``build()`` inside :func:`compiling` the first time.

    ``owner``: the function (by name) the artifact belongs to, so that :func:`forget`
    can drop it when that function is defined again (a user activation).
    """
    found = ARTIFACTS.get(key)
    if found is None:
        with compiling():
            found = ARTIFACTS.get(key)
            if found is None:
                found = ARTIFACTS[key] = build()
                if owner is not None:
                    _OWNED.setdefault(owner, []).append(key)
    return found


def forget(owner: str) -> None:
    """Drop everything compiled for the function ``owner`` (it is being defined again)."""
    for key in _OWNED.pop(owner, []):
        ARTIFACTS.pop(key, None)
