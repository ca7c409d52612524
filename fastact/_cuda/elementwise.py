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

import numba
import numpy as np

from .._core.dtypes import device_dtype
from .._core.jit import compiled
from .._core.templates import cuda_nd_sources, cuda_sources
from .._spec.registry import USER, builtin, known, lookup
from . import arrays as A
from . import layouts as L
from .arrays import cuda


def launched_kernel(name: str, backward: bool = False, param_arrays: bool = False,
                    strided: bool = False):
    """The grid-stride kernel that ``fastact.NAME(cuda_array)`` launches (generated file).

    ``k[blocks, threads, stream](out, *inputs, *params)`` over 1-d contiguous arrays, or
    with ``strided`` over 4-d views of any strides (``NAME_nd``); the parameters are
    scalars of the arrays' dtype, or arrays like ``out`` if ``param_arrays``.
    """
    from .._generated import cuda_kernels

    if not known(name):
        raise AttributeError(f"fastact.cuda has no elementwise function {name!r}")
    kname = name + ("_backward" if backward else "") + ("_nd" if strided else "")
    if param_arrays and lookup(name).nparams:
        kname += "_p"
    if backward and lookup(name).backward is None:
        raise AttributeError(f"fastact.cuda has no elementwise function {name + '_backward'!r}")
    if not builtin(name):  # a user activation (fastact.activation)
        return user_kernel(kname)
    return getattr(cuda_kernels, kname)


def launch(name, backward, arrays, params, out=None, stream=None):
    """``fastact.NAME`` / ``NAME_backward`` on CUDA arrays; returns the input's array kind.

    Every array operand (``grad``, ``x``, ``out``, parameter arrays) must have ``x``'s
    shape and dtype, in any layout.  Operands all contiguous in one memory order run as
    1-d arrays (0-d, C and F order alike); any other layout (steps, negative steps,
    transposes, broadcast inputs) through the strided kernels
    (:mod:`fastact._cuda.layouts`), with no copy but where ``out`` overlaps an input
    other than as the same view (that input is read as it was, as NumPy does).  A new
    result has ``x``'s memory order (C for a strided ``x``).  Scalar parameters are kernel
    arguments of ``x``'s dtype (rounded as a ufunc casts them); host parameter arrays are
    broadcast and copied.  Runs on ``x``'s device and its library's current stream
    (``stream=`` overrides), with no host synchronization.
    """
    fname = name + ("_backward" if backward else "")
    A.require_device()
    template = arrays[-1]
    if not all(A.is_cuda_array(a) for a in arrays):
        raise TypeError(f"fastact.{fname}: grad and x must both be CUDA arrays")
    with A.device_context(template):
        s = A.launch_stream(template, stream)
        devs, dt = _operands(arrays, fname, "grad and x")
        x = devs[-1]
        prm = [_param(p, x, dt, fname, s) for p in params]
        if out is not None:
            result = out
            out_dev = A.as_device(out)
            if out_dev.shape != x.shape:
                raise ValueError(f"fastact.{fname}: out has shape {out_dev.shape}, "
                                 f"expected {x.shape}")
            if out_dev.dtype != dt:
                raise TypeError(f"fastact.{fname}: out must have dtype {dt}")
            L.check_out(out_dev, fname)
            devs = [L.apart(d, out_dev, s, template) for d in devs]
            prm = [p if isinstance(p, np.generic) else L.apart(p, out_dev, s, template)
                   for p in prm]
        else:
            result, out_dev = A.empty(template, x.shape, dt, L.order_of(x), s)
        if not x.size:
            return result
        as_arrays = any(not isinstance(p, np.generic) for p in prm)
        operands = [out_dev, *devs, *(p for p in prm if not isinstance(p, np.generic))]
        if L.common_order(operands) is not None:  # the fast path: flat 1-d arrays
            if as_arrays:  # one kernel reads every parameter from an array
                prm = [_filled(x.size, p, dt, s) if isinstance(p, np.generic) else A.flat(p)
                       for p in prm]
            A.launch_grid(launched_kernel(name, backward, as_arrays), x.size, s, template,
                          A.flat(out_dev), *[A.flat(d) for d in devs], *prm)
            return result
        if as_arrays:
            prm = [L.broadcast_scalar(p, x.shape, dt, s) if isinstance(p, np.generic) else p
                   for p in prm]
        kernel = launched_kernel(name, backward, as_arrays, strided=True)
        arrays_at = [out_dev, *devs, *(prm if as_arrays else [])]
        for views in L.views4(arrays_at, x.shape):
            A.launch_grid(kernel, views[0].size, s, template, *views,
                          *([] if as_arrays else prm))
    return result


def _operands(arrays, fname: str, what: str):
    """``(device views, dtype)``: the array operands, which must share ``x``'s shape and dtype."""
    devs = [A.as_device(a) for a in arrays]
    x = devs[-1]
    dt = device_dtype(x.dtype, fname)
    for d in devs:
        if d.shape != x.shape or device_dtype(d.dtype, fname) != dt:
            raise ValueError(f"fastact.{fname}: {what} must have the same shape and dtype")
    return devs, dt


def _param(p, x, dt, fname, stream):
    """A parameter as the kernels take it: a scalar of ``dt`` or a device array of x's shape."""
    if A.is_cuda_array(p):
        pd = A.as_device(p)
        if pd.shape != x.shape:
            raise ValueError(f"fastact.{fname}: a CUDA parameter array must have x's shape")
        if pd.dtype != dt:
            raise TypeError(f"fastact.{fname}: a CUDA parameter array must have x's dtype {dt}")
        return pd
    pa = np.asarray(p)
    if pa.dtype.kind not in "fiub":
        raise TypeError(f"fastact.{fname}: parameters must be real numbers")
    if pa.ndim == 0:
        return dt.type(pa)
    host = np.asarray(np.broadcast_to(pa, x.shape), dtype=dt, order=L.order_of(x))
    return cuda.to_device(host, stream=stream)


def _filled(n, v, dt, stream):
    return cuda.to_device(np.full(n, v, dt), stream=stream)


def user_kernel_source(name: str) -> str:
    """Grid-stride CUDA kernels of a user activation, as the generated file has them."""
    params = [p.name for p in USER[name].ufunc_params]
    lines: list[str] = []
    for backward in (False, True):
        fname = name + ("_backward" if backward else "")
        kernel = "_b" if backward else "_f"
        for kernel_lines in (cuda_sources(fname, params, backward, kernel)
                             + cuda_nd_sources(fname, params, backward, kernel)):
            lines += [*kernel_lines, ""]
    return "\n".join(lines)


def user_kernel(kname: str):
    """One launched CUDA kernel of a user activation (compiled by numba-cuda, not cached)."""
    base = kname.removesuffix("_p").removesuffix("_nd").removesuffix("_backward")

    def build():
        from ..kernels.scalar import nd_index, nd_next

        e = USER[base]
        namespace = {"cuda": cuda, "_u64": numba.uint64, "_f": e.forward, "_b": e.backward,
                     "_nd_index": nd_index, "_nd_next": nd_next}
        exec(compile(user_kernel_source(base), f"<fastact cuda {base}>", "exec"), namespace)
        return cuda.jit(namespace[kname])

    return compiled(("cuda kernel", kname), build, owner=base)


def launch_double_backward(name, arrays, params, out=None, stream=None):
    """``fastact.NAME_double_backward(gg, grad, x)`` on CUDA arrays: ``(gg f'(x), gg grad f''(x))``.

    One launch of the generated kernel ``NAME_double_backward`` over the three inputs,
    which must be CUDA arrays of one shape and dtype (any layouts: a strided one is
    gathered into a contiguous copy on the device first), with scalar parameters.  The
    results are new arrays of ``x``'s kind and memory order, or written into ``out=(dgrad,
    dx)`` (either may be None) of any layout, on the device.  Built-ins only (a user
    activation's double backward runs as two launches: the caller's).
    """
    from .._generated import cuda_kernels

    fname = name + "_double_backward"
    A.require_device()
    template = arrays[-1]
    if not all(A.is_cuda_array(a) for a in arrays):
        raise TypeError(f"fastact.{fname}: gg, grad and x must all be CUDA arrays")
    with A.device_context(template):
        s = A.launch_stream(template, stream)
        devs, dt = _operands(arrays, fname, "gg, grad and x")
        x = devs[-1]
        prm = []
        for p in params:
            pa = np.asarray(p) if not A.is_cuda_array(p) else None
            if pa is None or pa.ndim or pa.dtype.kind not in "fiub":
                raise TypeError(f"fastact.{fname}: on CUDA arrays the parameters must be "
                                "Python or NumPy real scalars")
            prm.append(dt.type(pa))
        order = L.common_order(devs) or "C"
        devs = [L.gathered(d, s, template, order) for d in devs]
        results = [A.empty(template, x.shape, dt, order, s) for _ in range(2)]
        if x.size:
            A.launch_grid(getattr(cuda_kernels, fname), x.size, s, template,
                          *[A.flat(r[1]) for r in results], *[A.flat(d) for d in devs], *prm)
    got = [r[0] for r in results]
    if out is None:
        return tuple(got)
    if not isinstance(out, tuple) or len(out) != 2:
        raise TypeError(f"fastact.{fname}: out must be a pair (dgrad, dx) of arrays or None")
    return tuple(r if o is None else L.write_out(r, o, fname) for r, o in zip(got, out))
