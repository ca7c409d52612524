"""The double backward on NumPy arrays: ``(gg f'(x), gg grad f''(x))`` in one pass.

Autograd's double backward of an elementwise function: ``gg`` is the gradient flowing
into ``grad_x = grad * f'(x)``; the results are the gradients with respect to ``grad``
and ``x``.  The inputs broadcast; float32 stays float32, float16 is computed in float32,
everything else in float64 (:mod:`fastact._core.dtypes`).  Scalar parameters run the
generated loop (:func:`fastact._cpu.loops.double_loop`, split over Numba's threads from
the thresholds of :mod:`fastact._core.threads`); parameter arrays, and user activations
(no generated loop), run as two ufunc passes.
"""

from __future__ import annotations

import numpy as np

from .._core import threads
from .._core.dtypes import check_out_array, check_real, result_dtypes, scalar_if_0d
from .._spec.registry import derivative_name, lookup
from . import loops, ufuncs
from .elementwise import split_at

_WHAT = ("gg", "grad", "x")


def _outs(out, fname: str) -> tuple:
    """``out=``: None, or a pair ``(dgrad, dx)`` whose items are None or float arrays."""
    if out is None:
        return None, None
    if not isinstance(out, tuple) or len(out) != 2:
        raise TypeError(f"fastact.{fname}: out must be a pair (dgrad, dx) of arrays or None")
    return tuple(check_out_array(o, fname) for o in out)


def _operand(a: np.ndarray, compute: np.dtype, shape: tuple) -> np.ndarray:
    """``a`` as a flat C-contiguous writeable array of ``compute`` and ``shape`` (copied if not).

    Writeable: the loops write through an input where ``out`` is it (in place), which
    Numba does not compile for a read-only array's type (a broadcast view is read-only).
    """
    a = a.astype(compute, copy=False)
    if a.shape != shape:
        a = np.broadcast_to(a, shape)
    if not (a.flags.c_contiguous and a.flags.writeable and a.flags.aligned):
        a = np.array(a, order="C")
    return a.reshape(-1)


def double_backward(name: str, arrays, params, out, fname: str):
    """``fastact.NAME_double_backward(gg, grad, x, *params, out=None)`` on NumPy input."""
    arrs = [check_real(a, w, fname) for a, w in zip(arrays, _WHAT)]
    prms = [check_real(p, "a parameter", fname) for p in params]
    outs = _outs(out, fname)
    compute, result = result_dtypes(arrs, arrays)
    shape = np.broadcast_shapes(*(a.shape for a in arrs), *(p.shape for p in prms))
    for o in outs:
        if o is not None and o.shape != shape:
            raise ValueError(f"fastact.{fname}: out has shape {o.shape}, the result {shape}")
    loop = loops.double_loop(name, compute) if all(p.ndim == 0 for p in prms) else None
    if loop is not None:
        gg, grad, x = (_operand(a, compute, shape) for a in arrs)
        dgrad, dx = np.empty(x.size, compute), np.empty(x.size, compute)
        ps = [float(p) for p in prms]
        n = x.size
        nthreads = threads.num_threads() if n >= threads.NATIVE_MIN_SIZE else 1
        split = None
        if nthreads > 1 and threads.native_threads() and n >= split_at(name, True):
            split = loops.double_loop(name, compute, split=True)
        with np.errstate(all="ignore"):
            if split is not None:
                split(gg, grad, x, dgrad, dx, *ps, nthreads)
            else:
                loop(gg, grad, x, dgrad, dx, *ps)
        results = [dgrad.reshape(shape), dx.reshape(shape)]
    else:  # two passes through the ufuncs
        backward = ufuncs.get(name, "cpu", True)
        second = ufuncs.get(derivative_name(name, 2) if lookup(name).order == 0 else name, "cpu")
        with np.errstate(all="ignore"):
            results = [backward(arrs[0], arrs[2], *prms, dtype=compute),
                       (arrs[0].astype(np.float64) * arrs[1].astype(np.float64)
                        * second(arrs[2], *prms, dtype=compute)).astype(compute)]
    done = []
    for r, o in zip(results, outs):
        r = np.asarray(r).astype(result, copy=False)
        if o is None:
            done.append(scalar_if_0d(r))
        else:
            np.copyto(o, r, casting="same_kind")
            done.append(o)
    return tuple(done)
