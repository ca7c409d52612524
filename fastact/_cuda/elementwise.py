"""Elementwise functions on CUDA arrays: the launcher of the generated grid-stride kernels.

``fastact.NAME(cuda_x)`` comes here (through :mod:`fastact._api.route`): a grid-stride
kernel of :mod:`fastact._generated.cuda_kernels` (user activations: made here at run
time from the same templates), compiled once and cached on disk, with scalar parameters
as kernel arguments and a fixed launch configuration (:data:`~fastact._cuda.arrays.TPB`
threads, at most 32 blocks per multiprocessor).  The result is allocated by ``x``'s own
library on ``x``'s device, and the kernel runs on that library's current stream
(``stream=`` overrides), with no host synchronization (:mod:`fastact._cuda.arrays`).
"""

from __future__ import annotations

import numpy as np

from .._core.dtypes import device_dtype
from .._core.jit import compiled
from .._core.templates import cuda_sources
from .._spec.registry import REGISTRY, USER, known, lookup
from . import arrays as A
from .arrays import cuda


def launched_kernel(name: str, backward: bool = False, param_arrays: bool = False):
    """The grid-stride kernel that ``fastact.NAME(cuda_array)`` launches (generated file).

    ``k[blocks, threads, stream](out, *inputs, *params)`` over 1-d arrays; the parameters
    are scalars of the arrays' dtype, or arrays of ``out``'s length if ``param_arrays``.
    """
    from .._generated import cuda_kernels

    if not known(name):
        raise AttributeError(f"fastact.cuda has no elementwise function {name!r}")
    kname = name + ("_backward" if backward else "")
    if param_arrays and lookup(name).nparams:
        kname += "_p"
    if name not in REGISTRY:  # a user activation (fastact.activation)
        return user_kernel(kname)
    return getattr(cuda_kernels, kname)


def launch(name, backward, arrays, params, out=None, stream=None):
    """``fastact.NAME`` / ``NAME_backward`` on CUDA arrays; returns the input's array kind.

    Every array operand (``grad``, ``x``, ``out``, parameter arrays) must have ``x``'s
    shape and dtype and be contiguous in ``x``'s memory order; the kernel then runs over
    their memory as 1-d arrays (0-d, C and F order alike).  Scalar parameters are kernel
    arguments of ``x``'s dtype (rounded as a ufunc casts them); host parameter arrays are
    broadcast and copied in ``x``'s order.  Runs on ``x``'s device and its library's
    current stream (``stream=`` overrides), with no host synchronization.
    """
    fname = name + ("_backward" if backward else "")
    A.require_device()
    template = arrays[-1]
    if not all(A.is_cuda_array(a) for a in arrays):
        raise TypeError(f"fastact.{fname}: grad and x must both be CUDA arrays")
    with A.device_context(template):
        s = A.launch_stream(template, stream)
        devs = [A.as_device(a) for a in arrays]
        x = devs[-1]
        dt = device_dtype(x.dtype, fname)
        order = A.order(x, fname)
        for d in devs:
            if d.shape != x.shape or device_dtype(d.dtype, fname) != dt:
                raise ValueError(f"fastact.{fname}: grad and x must have the same shape and dtype")
            if A.order(d, fname, "grad") != order and d.ndim > 1 and d.size > 1:
                raise ValueError(f"fastact.{fname}: grad and x must have the same memory order")
        prm = [_param(p, x, dt, order, fname, s) for p in params]
        as_arrays = any(not isinstance(p, np.generic) for p in prm)
        if as_arrays:  # one kernel reads every parameter from an array
            prm = [_filled(x.size, p, dt, s) if isinstance(p, np.generic) else p for p in prm]
        if out is not None:
            result = out
            out_dev = A.as_device(out)
            if out_dev.shape != x.shape:
                raise ValueError(f"fastact.{fname}: out has shape {out_dev.shape}, "
                                 f"expected {x.shape}")
            if out_dev.dtype != dt:
                raise TypeError(f"fastact.{fname}: out must have dtype {dt}")
            if A.order(out_dev, fname, "out") != order and out_dev.ndim > 1 and out_dev.size > 1:
                raise ValueError(f"fastact.{fname}: out must be contiguous in x's memory order")
        else:
            result, out_dev = A.empty(template, x.shape, dt, order, s)
        A.launch_grid(launched_kernel(name, backward, as_arrays), x.size, s, template,
                A.flat(out_dev), *[A.flat(d) for d in devs], *prm)
    return result


def _param(p, x, dt, order, fname, stream):
    """A parameter as the kernel takes it: a scalar of ``dt`` or a flat device array."""
    if A.is_cuda_array(p):
        pd = A.as_device(p)
        if pd.shape != x.shape:
            raise ValueError(f"fastact.{fname}: a CUDA parameter array must have x's shape")
        if pd.dtype != dt:
            raise TypeError(f"fastact.{fname}: a CUDA parameter array must have x's dtype {dt}")
        if A.order(pd, fname, "parameter") != order and pd.ndim > 1 and pd.size > 1:
            raise ValueError(f"fastact.{fname}: a CUDA parameter must be in x's memory order")
        return A.flat(pd)
    pa = np.asarray(p)
    if pa.dtype.kind not in "fiub":
        raise TypeError(f"fastact.{fname}: parameters must be real numbers")
    if pa.ndim == 0:
        return dt.type(pa)
    host = np.asarray(np.broadcast_to(pa, x.shape), dtype=dt, order=order)
    return A.flat(cuda.to_device(host, stream=stream))


def _filled(n, v, dt, stream):
    return cuda.to_device(np.full(n, v, dt), stream=stream)


def user_kernel_source(name: str) -> str:
    """Grid-stride CUDA kernels of a user activation, as the generated file has them."""
    params = [p.name for p in USER[name].ufunc_params]
    lines: list[str] = []
    for backward in (False, True):
        fname = name + ("_backward" if backward else "")
        for kernel_lines in cuda_sources(fname, params, backward, "_b" if backward else "_f"):
            lines += [*kernel_lines, ""]
    return "\n".join(lines)


def user_kernel(kname: str):
    """One launched CUDA kernel of a user activation (compiled by numba-cuda, not cached)."""
    base = kname.removesuffix("_p").removesuffix("_backward")

    def build():
        e = USER[base]
        namespace = {"cuda": cuda, "_f": e.forward, "_b": e.backward}
        exec(compile(user_kernel_source(base), f"<fastact cuda {base}>", "exec"), namespace)
        return cuda.jit(namespace[kname])

    return compiled(("cuda kernel", kname), build, owner=base)
