"""The compiled loops that ``fastact.NAME`` runs: built-in, user-defined, split.

``loop(name, backward, dtype)``: the serial loop of a kernel (:mod:`fastact._generated.loops`
for the built-ins, made here at run time for a user activation); ``split_loop``: the same
over Numba's threads (built-ins only); ``entry``: either's compiled entry point, which
the fast path calls.  Each is compiled on first use for exactly the
types the fast path passes (:func:`fastact._core.templates.loop_argtypes`), with the
inlining threshold the ufuncs are built with, then cached on disk by Numba (the user
loops in memory only); :func:`forget` drops a user activation's.
"""

from __future__ import annotations

import numpy as np

from .._core.dtypes import FLOAT64
from .._core.jit import compiled, inlining, jit, numba_inline_threshold
from .._core.jit import forget as _forget_compiled
from .._core.templates import loop_argtypes, loop_source
from .._spec.registry import USER, builtin, lookup


def loop(name: str, backward: bool, dt: np.dtype):
    """The compiled loop of ``name`` (its backward if ``backward``) for ``dt``.

    Its key in :data:`fastact._core.jit.ARTIFACTS` is ``(name, backward, dt is float64)``,
    which the fast path reads directly.
    """
    f64 = dt == FLOAT64

    def build():
        fn = _builtin(name, backward) if builtin(name) else _user_loop(name, backward)
        fn.compile(loop_argtypes(f64, lookup(name).nparams, backward))
        return fn

    return compiled((name, backward, f64), build, owner=name)


def entry(name: str, backward: bool, dt: np.dtype, split: bool = False):
    """The compiled entry point of :func:`loop` (``split``: of :func:`split_loop`, or None).

    The same machine code, called without Numba's dispatch, which types every argument
    on every call (~100 of the ~300 ns a call of a 16-element loop costs through the
    dispatcher).  Only for arguments of exactly the compiled types, which nothing checks
    here: the fast path's 1-d C-contiguous, aligned, writeable arrays of ``dt`` and
    Python floats.  Its key in :data:`fastact._core.jit.ARTIFACTS` is ``("entry", split,
    name, backward, dt is float64)``.
    """
    f64 = dt == FLOAT64

    def build():
        fn = split_loop(name, backward, dt) if split else loop(name, backward, dt)
        if not fn:
            return False
        sig = loop_argtypes(f64, lookup(name).nparams, backward)
        if split:
            from numba import types

            sig = sig + (types.intp,)
        return fn.overloads[sig].entry_point

    return compiled(("entry", split, name, backward, f64), build, owner=name) or None


def split_loop(name: str, backward: bool, dt: np.dtype, stream: bool = False):
    """``NAME_split`` of the generated loops for ``dt`` (compiled on first use), or None.

    ``stream``: ``NAME_stream_split``, the same with streaming stores.  None for a user
    activation (its loop is made at run time: the Python thread pool splits it).
    """
    f64 = dt == FLOAT64
    suffix = ("_backward" if backward else "") + ("_stream" if stream else "") + "_split"

    def build():
        from numba import types

        from .._generated import loops

        fn = getattr(loops, name + suffix, None)
        if fn is None or not builtin(name):
            return False
        (stream_loop if stream else loop)(name, backward, dt)  # (its kernel inlined into it)
        with inlining(numba_inline_threshold()):  # (and the loop not into the split)
            fn.compile(loop_argtypes(f64, lookup(name).nparams, backward) + (types.intp,))
        return fn

    return compiled(("split", name, backward, f64, stream), build, owner=name) or None


def stream_loop(name: str, backward: bool, dt: np.dtype):
    """``NAME_stream`` of the generated loops for ``dt`` (streaming stores), or None.

    None for a user activation (its plain loop writes).
    """
    f64 = dt == FLOAT64

    def build():
        from .._generated import loops

        fn = getattr(loops, name + ("_backward" if backward else "") + "_stream", None)
        if fn is None or not builtin(name):
            return False
        fn.compile(loop_argtypes(f64, lookup(name).nparams, backward))
        return fn

    return compiled(("stream", name, backward, f64), build, owner=name) or None


def forget(name: str) -> None:
    """Drop the loops (and everything else compiled) of ``name``: it is defined again."""
    _forget_compiled(name)


def _builtin(name: str, backward: bool):
    from .._generated import loops

    return getattr(loops, name + ("_backward" if backward else ""))


def _user_loop(name: str, backward: bool):
    """The loop of a user activation, as the generated file has for the built-ins."""
    from .._core import stream
    from ..kernels.scalar import cast_like, fence, same_memory, shares_memory

    e = USER[name]
    fname = name + ("_backward" if backward else "")
    lines = loop_source(fname, [p.name for p in e.ufunc_params], backward, "_kernel")
    namespace = {"_cast": cast_like, "_fence": fence, "_same": same_memory, "_shares": shares_memory,
                 "_stream": stream, "_kernel": e.backward if backward else e.forward}
    exec(compile("\n".join(lines) + "\n", f"<fastact loop {fname}>", "exec"), namespace)
    return jit(nogil=True, cache=False)(namespace[fname])


def double_loop(name: str, dt: np.dtype, split: bool = False):
    """``NAME_double_backward`` (``split``: its ``_split``) of the generated loops, or None.

    None for a user activation (no generated loop: the caller runs two ufunc passes).
    """
    f64 = dt == FLOAT64

    def build():
        from numba import types

        from .._generated import loops

        fn = getattr(loops, name + "_double_backward" + ("_split" if split else ""), None)
        if fn is None or not builtin(name):
            return False
        t = types.Array(types.float64 if f64 else types.float32, 1, "C")
        fn.compile((t,) * 5 + (types.float64,) * lookup(name).nparams
                   + ((types.intp,) if split else ()))
        return fn

    return compiled(("double", name, split, f64), build, owner=name) or None


def prelu_backward_one_pass(dt: np.dtype, split: bool = False):
    """The one pass of prelu's backward (``grad_x`` and the weight's gradient) for ``dt``.

    :func:`fastact.kernels.piecewise.prelu_backward_one_pass` (``split``: its ``_split``
    over Numba's threads), compiled on first use with the loops' inlining threshold.
    """
    f64 = dt == FLOAT64

    def build():
        from numba import types

        from ..kernels import piecewise

        fn = piecewise.prelu_backward_one_pass_split if split else piecewise.prelu_backward_one_pass
        a = types.Array(types.float64 if f64 else types.float32, 1, "C")
        fn.compile((a, a, a, types.float64) + ((types.intp,) if split else ()))
        return fn

    return compiled(("prelu one pass", split, f64), build, owner="prelu")
