"""Render the generated files from the registry: the loops, the CUDA kernels, the stub.

    python -m fastact._tools.generate --write      (or: make generate)

``fastact/_generated/loops.py``: one compiled CPU loop per kernel.
Why loops of our own next to the ufuncs: Numba's ufunc loop vectorizes only when every
operand has unit stride, so a scalar parameter (a stride-0 operand) keeps it scalar, and
a ufunc call costs ~1.6 us.  A plain ``@njit`` loop takes the parameters as scalars
(loop invariants, so the body vectorizes) and costs ~0.3 us a call.  Each loop is a
top-level function in a real file, so Numba caches it on disk (functions made in a
factory are not cached).  The header carries a hash of the kernel sources: editing a
kernel changes the generated file (a test keeps it in sync), which also invalidates
Numba's cache of the loops, since that cache only watches the loops' own file; writing
it clears the package's whole disk cache too (:func:`clear_disk_cache`).

``fastact/_generated/cuda_kernels.py``: one grid-stride ``@cuda.jit(cache=True)`` kernel per kernel
and direction (and, for functions with parameters, one more that reads the parameters
from arrays), which ``fastact.NAME(cuda_array)`` launches.  Real top-level functions for
the same reason: numba-cuda caches them on disk, so a new process does not recompile.
Imported only by :mod:`fastact.cuda` (it imports ``numba.cuda``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .._core.templates import (
    DOUBLE_OPERANDS,
    FAST_CHUNK,
    FUSED_KINDS,
    cuda_double_backward_source,
    cuda_fused_sources,
    cuda_nd_sources,
    cuda_sources,
    double_backward_source,
    fused_source,
    fused_split_source,
    loop_source,
    split_source,
    stream_source,
)
from .._spec.registry import DERIVED, REGISTRY, derivative_name

PKG = Path(__file__).resolve().parent.parent
"""The package folder (``fastact/``)."""


def kernel_hash() -> str:
    """SHA-256 over the kernel modules' sources, in name order, and the streaming stores'.

    The generated files carry it, so that a change of what their loops call changes them
    and Numba's disk cache of those loops (keyed by their own file) is not reused.
    """
    h = hashlib.sha256()
    for path in [*sorted((PKG / "kernels").glob("*.py")), PKG / "_core" / "stream.py"]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _kernel_modules() -> list[str]:
    """The kernel modules (``fastact.kernels.X``) that the registry's kernels live in."""
    return sorted({k.py_func.__module__.rsplit(".", 1)[1]
                   for e in (*REGISTRY.values(), *DERIVED.values()) for k in (e.forward, e.backward)
                   if k is not None})


def _kname(k) -> str:
    """How the generated files call the kernel ``k``: ``_module.name``."""
    return f"_{k.py_func.__module__.rsplit('.', 1)[1]}.{k.py_func.__name__}"


def _fast(e, backward: bool) -> tuple[str, str] | None:
    """How the generated files call ``e``'s block fast path ``(ok, short)``, if it has one."""
    fp = e.fast(backward)
    return None if fp is None else (_kname(fp[0]), _kname(fp[1]))


def _double_backward(e) -> tuple[str, str, str, list[str]]:
    """``(fname, backward kernel, f'' kernel, params)`` of ``e``'s double backward."""
    second = DERIVED[derivative_name(e.name, 2)].forward
    return (e.name + "_double_backward", _kname(e.backward), _kname(second),
            [p.name for p in e.ufunc_params])


def render() -> str:
    """The text of ``fastact/_generated/loops.py``."""
    modules = _kernel_modules()
    lines = [
        '"""Compiled loops, one per kernel (generated; do not edit).',
        "",
        "Made by ``python -m fastact._tools.generate --write`` (``make generate``).",
        "``NAME(x, out, *params)`` and ``NAME_backward(grad, x, out, *params)`` on 1-d contiguous",
        "arrays of one dtype; the parameters (float64) are cast to that dtype first, as a ufunc",
        "casts them.  ``NAME_split(..., nthreads)``: the same over ``nthreads`` slices on Numba's",
        "threads (compiled only when an array is large enough to split).",
        "``NAME_stream`` (and its ``_split``, memory-bound forwards): the same with streaming",
        "stores, for arrays beyond the last-level cache (:mod:`fastact._core.stream`).",
        "``NAME_derivative2`` / ``NAME_derivative3``: the second and third derivatives (forward only);",
        "``NAME_double_backward(gg, grad, x, dgrad, dx, *params)``: autograd's double backward.",
        '"""',
        "",
        f"# kernels: {kernel_hash()}",
        "# ruff: noqa: E501  (the in-place copies' calls name every argument)",
        "",
        "from numba import float64 as _f64",
        "from numba import prange as _prange",
        "",
        "from .._core import stream as _stream",
        "from .._core.jit import jit",
    ]
    lines += [f"from ..kernels import {m} as _{m}" for m in modules]
    lines += ["from ..kernels.scalar import cast_like as _cast",
              "from ..kernels.scalar import fence as _fence",
              "from ..kernels.scalar import same_memory as _same",
              "from ..kernels.scalar import shares_memory as _shares"]
    lines += ["", "_loop = jit(nogil=True)", "_split = jit(nogil=True, parallel=True)"]
    for name, e in REGISTRY.items():
        params = [p.name for p in e.ufunc_params]
        for backward, k in ((False, e.forward), (True, e.backward)):
            fname = name + ("_backward" if backward else "")
            table = e.interleave_table(backward)
            deco = f"@jit(nogil=True, interleave={table!r})" if table else "@_loop"
            lines += ["", "", deco,
                      *loop_source(fname, params, backward, _kname(k), _fast(e, backward),
                                   ahead=e.read_ahead)]
            chunk = FAST_CHUNK if _fast(e, backward) else None
            lines += ["", "", "@_split", *split_source(fname, params, backward, chunk=chunk)]
            if e.memory_bound and not backward:  # (the others do not gain: threads.streams)
                lines += ["", "", "@_loop", *stream_source(fname, params, backward)]
                lines += ["", "", "@_split", *split_source(fname + "_stream", params, backward)]
        fname, bwd, second, ps = _double_backward(e)
        own = name + "_backward" if e.gathers else None
        lines += ["", "", "@_loop", *double_backward_source(fname, ps, bwd, second, own)]
        lines += ["", "", "@_split", *split_source(fname, ps, False, DOUBLE_OPERANDS)]
    for name, e in DERIVED.items():
        params = [p.name for p in e.ufunc_params]
        lines += ["", "", "@_loop", *loop_source(name, params, False, _kname(e.forward))]
        lines += ["", "", "@_split", *split_source(name, params, False)]
    return "\n".join(lines) + "\n"


def render_cuda() -> str:
    """The text of ``fastact/_generated/cuda_kernels.py``."""
    modules = _kernel_modules()
    lines = [
        '"""Grid-stride CUDA kernels, one per kernel and direction (generated; do not edit).',
        "",
        "Made by ``python -m fastact._tools.generate --write`` (``make generate``).",
        "``NAME(out, x, *params)`` and ``NAME_backward(out, grad, x, *params)`` over 1-d arrays",
        "of one dtype, the parameters scalars of that dtype; ``NAME_p`` / ``NAME_backward_p``",
        "take the parameters as arrays of ``out``'s length.  Launched by :mod:`fastact.cuda`.",
        "``NAME_nd`` / ``NAME_nd_p`` (and the backward's): the same over 4-d views of any",
        "strides (:func:`fastact._core.templates.cuda_nd_sources`).",
        "``NAME_bias``, ``NAME_bias_backward``, ``NAME_gated``, ``NAME_gated_backward``: the",
        "fused forms (:func:`fastact._core.templates.cuda_fused_sources`), launched by",
        ":mod:`fastact._cuda.fused`.  ``NAME_derivative2`` / ``NAME_derivative3`` (and their",
        "``_nd``): the second and third derivatives;",
        "``NAME_double_backward(dgrad, dx, gg, grad, x, *params)``.",
        '"""',
        "",
        f"# kernels: {kernel_hash()}",
        "# numba.cuda's intrinsics (cuda.grid & co) have no usable types:",
        "# mypy: ignore-errors",
        "",
        "from numba import cuda",
        "from numba import float64 as _f64",
        "from numba import uint64 as _u64",
        "",
    ]
    lines += [f"from ..kernels import {m} as _{m}" for m in modules]
    lines += ["from ..kernels.scalar import cast_like as _cast",
              "from ..kernels.scalar import nd_index as _nd_index",
              "from ..kernels.scalar import nd_next as _nd_next"]
    lines += ["", "_kernel = cuda.jit(cache=True)"]
    for name, e in REGISTRY.items():
        params = [p.name for p in e.ufunc_params]
        names = {}
        for backward, k in ((False, e.forward), (True, e.backward)):
            mod = k.py_func.__module__.rsplit(".", 1)[1]
            names[backward] = f"_{mod}.{k.py_func.__name__}"
            fname = name + ("_backward" if backward else "")
            fast = _fast(e, backward)
            for kernel_lines in (cuda_sources(fname, params, backward, names[backward], fast)
                                 + cuda_nd_sources(fname, params, backward, names[backward],
                                                   fast)):
                lines += ["", "", "@_kernel", *kernel_lines]
        for kernel_lines in cuda_fused_sources(name, params, names[False], names[True],
                                               _fast(e, False), _fast(e, True)):
            lines += ["", "", "@_kernel", *kernel_lines]
        fname, bwd, second, ps = _double_backward(e)
        lines += ["", "", "@_kernel", *cuda_double_backward_source(fname, ps, bwd, second)]
    for name, e in DERIVED.items():
        params = [p.name for p in e.ufunc_params]
        for kernel_lines in (cuda_sources(name, params, False, _kname(e.forward))
                             + cuda_nd_sources(name, params, False, _kname(e.forward))):
            lines += ["", "", "@_kernel", *kernel_lines]
    return "\n".join(lines) + "\n"


def render_fused() -> str:
    """The text of ``fastact/_generated/fused.py``."""
    modules = _kernel_modules()
    lines = [
        '"""Fused loops, four per activation (generated; do not edit).',
        "",
        "Made by ``python -m fastact._tools.generate --write`` (``make generate``).",
        "``NAME_bias``: ``f(x + b)``; ``NAME_bias_backward``: ``dx`` and the partial sums of",
        "``db``; ``NAME_gated``: ``f(gate + bg) * (value + bv)``; ``NAME_gated_backward``: both",
        "gradients and the partial sums of the biases' gradients; each with ``_split`` over",
        "Numba's threads.  The contract: :func:`fastact._core.templates.fused_argtypes`; the",
        "host side: :mod:`fastact._cpu.fused`.",
        '"""',
        "",
        f"# kernels: {kernel_hash()}",
        "# ruff: noqa: E501  (the calls name every array)",
        "",
        "from numba import prange as _prange",
        "",
        "from .._core.jit import jit",
    ]
    lines += [f"from ..kernels import {m} as _{m}" for m in modules]
    lines += ["from ..kernels.scalar import acc_add as _acc_add",
              "from ..kernels.scalar import cast_like as _cast",
              "from ..kernels.scalar import fence as _fence",
              "from ..kernels.scalar import same_memory as _same"]
    lines += ["", "_loop = jit(nogil=True)", "_split = jit(nogil=True, parallel=True)"]
    for name, e in REGISTRY.items():
        params = [p.name for p in e.ufunc_params]
        fwd = f"_{e.forward.py_func.__module__.rsplit('.', 1)[1]}.{e.forward.py_func.__name__}"
        bwd = f"_{e.backward.py_func.__module__.rsplit('.', 1)[1]}.{e.backward.py_func.__name__}"
        for kind in FUSED_KINDS:
            fname = f"{name}_{kind}"
            lines += ["", "", "@_loop", *fused_source(fname, kind, params, fwd, bwd,
                                                      _fast(e, False), _fast(e, True))]
            lines += ["", "", "@_split", *fused_split_source(fname, kind, params)]
    return "\n".join(lines) + "\n"


def _render_stub() -> str:
    from .stub import render as render_stub

    return render_stub()


FILES = {"_generated/loops.py": render, "_generated/cuda_kernels.py": render_cuda,
         "_generated/fused.py": render_fused, "__init__.pyi": _render_stub}
"""Every file generated from the registry and the kernels, by path inside ``fastact/``."""


def main(argv=None) -> int:
    """Print ``_generated/loops.py`` (no arguments) or write every generated file (``--write``)."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m fastact._tools.generate")
    p.add_argument("--write", action="store_true", help="write every generated file")
    args = p.parse_args(argv)
    if not args.write:
        print(render(), end="")
        return 0
    wrote = False
    for fname, fn in FILES.items():
        path = PKG / fname
        text = fn()
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            print(f"wrote {path}")
            wrote = True
    if wrote:
        print(f"removed {clear_disk_cache(PKG)} files of Numba's disk cache")
    return 0


def clear_disk_cache(root: Path) -> int:
    """Delete Numba's cache files (``.nbi``, ``.nbc``) under ``root``; returns how many.

    Numba's disk cache of a function watches only its own file: a kernel module whose
    code did not change keeps its compiled code after a helper it calls (in
    ``kernels/scalar.py``, say) changed, and so do the row kernels of ``kernels/axis.py``.
    A process would run (and test, and time) the old helper.  Writing the generated files
    means a kernel changed (their header holds the kernels' hash), so ``--write`` clears
    the whole package's cache; the next calls compile again.
    """
    n = 0
    for pattern in ("*.nbi", "*.nbc"):
        for f in root.rglob(pattern):
            f.unlink(missing_ok=True)
            n += 1
    return n


if __name__ == "__main__":
    raise SystemExit(main())
