"""Fused functions on CUDA arrays: ``f(x + b)`` with its bias gradient, and gated units.

The host side of the generated fused kernels (:func:`fastact._core.templates.cuda_fused_sources`)
and of the column sums (:mod:`fastact._cuda.fused_kernels`), for the frames of
:mod:`fastact._core.frames`.  It takes float32/float64 CUDA arrays (numba, CuPy, PyTorch)
of any layout (the kernels read C-contiguous arrays: a strided operand is gathered into
one on the device, a strided ``out`` written through one), with a bias along the trailing
dimensions (a CUDA array of the
dtype, or host values copied over), ``grad`` of the output's shape; a gated unit's two
arrays of one shape.  Results are of the input's kind, on its device and its library's
current stream, with no host synchronization.  Anything else returns ``NotImplemented``:
the router (:func:`fastact._api.route.biased`, :func:`~fastact._api.route.gated`) then
runs separate calls with the arrays' own operations.

The bias gradient is a column sum of ``dx`` in float64 (compensated, the rows in order,
no atomics): the same bits on every run.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from .._core.dtypes import device_dtype
from .._core.frames import covers, gate_index, trailing, width
from .._core.jit import compiled
from .._core.templates import cuda_fused_sources
from .._spec.registry import REGISTRY, USER
from . import arrays as A
from . import fused_kernels as FK
from . import layouts as L
from .arrays import cuda


def fused_kernel(name: str, kind: str):
    """The CUDA kernel ``NAME_KIND`` (``bias``, ``bias_backward``, ``gated``, ``gated_backward``)."""
    if name in REGISTRY:
        from .._generated import cuda_kernels

        return getattr(cuda_kernels, f"{name}_{kind}")

    def build():
        from ..kernels.scalar import cast_like

        e = USER[name]
        src = "\n\n".join("\n".join(lines) for lines in cuda_fused_sources(
            name, [p.name for p in e.ufunc_params], "_f", "_b"))
        namespace = {"cuda": cuda, "_u64": numba.uint64, "_f": e.forward, "_b": e.backward,
                     "_cast": cast_like}
        exec(compile(src + "\n", f"<fastact cuda fused {name}>", "exec"), namespace)
        return cuda.jit(namespace[f"{name}_{kind}"])

    return compiled(("cuda fused", name, kind), build, owner=name)


def _device(a, dt, stream):
    """A CUDA array operand of ``dt`` as a C-contiguous device array; None for another dtype.

    A strided one is gathered into a new array on the device.
    """
    d = A.as_device(a)
    if d.dtype != dt:
        return None
    return L.gathered(d, stream, a, "C")


def _vector(b, m: int, shape, dt, stream):
    """A bias as a flat device vector of ``m`` values (``m`` copies of a scalar bias)."""
    if b is None:
        return cuda.to_device(np.full(m, -0.0, dt), stream=stream)  # x + (-0.0) is x
    if A.is_cuda_array(b):
        d = _device(b, dt, stream)
        t = None if d is None else trailing(shape, tuple(d.shape))
        if t is None:
            return None
        if t == 0:  # one value (shape (1,) or ()): m copies of it, made on the device
            vec = cuda.device_array(m, dt, stream=stream)
            L.copy(vec, A.strided(d, (m,), (0,)), stream, b)
            return vec
        return A.flat(d)
    host = np.asarray(b)
    if host.dtype.kind not in "fiub":
        raise TypeError("fastact: bias must be real numbers")
    if trailing(shape, host.shape) == 0:
        return cuda.to_device(np.full(m, host.reshape(()), dt), stream=stream)
    return cuda.to_device(np.ascontiguousarray(host, dt).reshape(m), stream=stream)


def _frame_m(shape, bshape):
    """``m`` of the frame for a bias of ``bshape`` (None: not fused)."""
    m = trailing(shape, bshape)
    if m is None:
        return None
    return m or width(shape)


def _params(params, dt):
    vals = []
    for p in params:
        if A.is_cuda_array(p) or np.ndim(p) != 0:
            return None
        vals.append(dt.type(p))
    return vals


def _sums(db_dev, d, stride, offset, rows, m, scalar, stream, template):
    """Column sums of ``d`` (the ``(rows, m)`` frame at ``offset``) into ``db_dev``."""
    if not scalar:
        A.launch_grid(FK.column_sums, m, stream, template, db_dev, d, stride, offset, rows, m)
        return
    part = cuda.device_array(m, np.float64, stream=stream)  # a scalar bias: the columns' sums,
    A.launch_grid(FK.column_sums, m, stream, template, part, d, stride, offset, rows, m)
    A.launch_grid(FK.column_sums, 1, stream, template, db_dev, part, 1, 0, m, 1)  # then theirs


def _output(out, template, shape, dt, stream, fname, compute):
    """``compute(device view)`` into ``out`` or a new C array of the input's kind; the result.

    ``out`` is checked; a strided one is written through a C array on the device.
    """
    if out is None:
        result, od = A.empty(template, shape, dt, "C", stream)
        compute(od)
        return result
    od = A.as_device(out)
    if tuple(od.shape) != shape or od.dtype != dt:
        raise ValueError(f"fastact.{fname}: a CUDA out must have shape {shape} and dtype {dt}")
    L.check_out(od, fname)
    L.scatter(od, compute, stream, template)
    return out


def _bshape(b):
    return tuple(A.as_device(b).shape) if A.is_cuda_array(b) else np.shape(b)


def bias_call(name, backward, arrays, params, bias, out, fname):
    """``f(x + b)`` (forward) or ``(dx, db)`` on CUDA arrays; NotImplemented if not fusable."""
    x = arrays[-1]
    if not A.is_cuda_array(x) or (backward and not A.is_cuda_array(arrays[0])):
        return NotImplemented
    A.require_device()
    with A.device_context(x):
        s = A.launch_stream(x, None)
        xd = A.as_device(x)
        dt = device_dtype(xd.dtype, fname)
        shape = tuple(xd.shape)
        prm = _params(params, dt)
        bshape = _bshape(bias)
        m = _frame_m(shape, bshape) if xd.size else None
        if prm is None or m is None:
            return NotImplemented
        xd = L.gathered(xd, s, x, "C")
        gd = None
        if backward:
            gd = _device(arrays[0], dt, s)
            if gd is None or tuple(gd.shape) != shape:
                return NotImplemented
            if out is not None:
                raise TypeError(f"fastact.{fname}: out= with bias= takes NumPy arrays only")
        bvec = _vector(bias, m, shape, dt, s)
        if bvec is None:
            return NotImplemented
        if not backward:
            return _output(out, x, shape, dt, s, fname, lambda od: A.launch_grid(
                fused_kernel(name, "bias"), xd.size, s, x, A.flat(od), A.flat(xd), bvec, m, *prm))
        result, od = A.empty(x, shape, dt, "C", s)
        A.launch_grid(fused_kernel(name, "bias_backward"), xd.size, s, x, A.flat(od),
                      A.flat(gd), A.flat(xd), bvec, m, *prm)
        db, dbd = A.empty(x, bshape, dt, "C", s)
        _sums(A.flat(dbd), A.flat(od), m, 0, xd.size // m, m, trailing(shape, bshape) == 0, s, x)
        return result, db


def gated_call(name, params, x, value, axis, gate, bias, out, fname, grad=None):
    """A gated unit (its backward if ``grad``) on CUDA arrays; NotImplemented if not fusable."""
    gi = gate_index(gate, fname)
    ins = [a for a in (grad, x, value) if a is not None]
    if not all(A.is_cuda_array(a) for a in ins):
        return NotImplemented
    A.require_device()
    with A.device_context(x):
        s = A.launch_stream(x, None)
        xd = A.as_device(x)
        dt = device_dtype(xd.dtype, fname)
        prm = _params(params, dt)
        if prm is None or xd.dtype != dt:
            return NotImplemented
        xd = L.gathered(xd, s, x, "C")
        shape_in = tuple(xd.shape)
        if value is None:
            if not shape_in:
                raise ValueError(f"fastact.{fname}: x must have at least one dimension to "
                                 "split in two halves")
            ax = axis if isinstance(axis, int) else None
            if ax is None or not -len(shape_in) <= ax < len(shape_in):
                return NotImplemented  # (the separate calls raise the error that explains it)
            ax %= len(shape_in)
            n = shape_in[ax]
            if n % 2:
                raise ValueError(f"fastact.{fname}: axis {ax} has length {n}; it must be even "
                                 "(two halves: gate and value)")
            if bias is not None and not covers(shape_in, _bshape(bias), ax):
                return NotImplemented
            rows, m = math.prod(shape_in[:ax]), (n // 2) * math.prod(shape_in[ax + 1:])
            shape = shape_in[:ax] + (n // 2,) + shape_in[ax + 1:]
            gdev = vdev = A.flat(xd)
            gs = vs = 2 * m
            go, vo = gi * m, (1 - gi) * m
            if bias is None:
                bg = bv = _vector(None, m, shape, dt, s)
            else:
                b2 = _vector(bias, 2 * m, shape_in[ax:], dt, s)
                if b2 is None:
                    return NotImplemented
                bg, bv = b2[go:go + m], b2[vo:vo + m]
        else:
            vd = _device(value, dt, s)
            shape = shape_in
            if vd is None or tuple(vd.shape) != shape:
                return NotImplemented
            if bias is not None and not (isinstance(bias, tuple) and len(bias) == 2):
                raise TypeError(f"fastact.{fname}: with two inputs, bias must be a pair (bias "
                                "of the gate, bias of the value), either may be None")
            biases = bias if bias is not None else (None, None)
            ms = {_frame_m(shape, _bshape(b)) for b in biases if b is not None}
            if None in ms or len(ms) > 1:
                return NotImplemented
            m = ms.pop() if ms else width(shape)
            if not shape or math.prod(shape) % m:
                return NotImplemented
            rows = math.prod(shape) // m
            bg, bv = (_vector(b, m, shape, dt, s) for b in biases)
            if bg is None or bv is None:
                return NotImplemented
            gdev, vdev = A.flat(xd), A.flat(vd)
            gs = vs = m
            go = vo = 0
        size = rows * m
        if grad is None:
            return _output(out, x, shape, dt, s, fname, lambda od: A.launch_grid(
                fused_kernel(name, "gated"), size, s, x, A.flat(od), gdev, gs, go, vdev, vs, vo,
                bg, bv, m, *prm))
        if out is not None:
            raise TypeError(f"fastact.{fname}: out= of the backward takes NumPy arrays only")
        gr = _device(grad, dt, s)
        if gr is None or tuple(gr.shape) != shape:
            return NotImplemented
        if value is None:
            dx, dxd = A.empty(x, shape_in, dt, "C", s)
            dgf = dvf = A.flat(dxd)
        else:
            dx, dxd = A.empty(x, shape, dt, "C", s)
            dv, dvd = A.empty(value, shape, dt, "C", s)
            dgf, dvf = A.flat(dxd), A.flat(dvd)
        A.launch_grid(fused_kernel(name, "gated_backward"), size, s, x, dgf, dvf, A.flat(gr),
                      gdev, gs, go, vdev, vs, vo, bg, bv, m, *prm)
        if value is None:
            if bias is None:
                return dx
            db, dbd = A.empty(x, _bshape(bias), dt, "C", s)
            dbf = A.flat(dbd)
            _sums(dbf[go:go + m], dgf, gs, go, rows, m, False, s, x)
            _sums(dbf[vo:vo + m], dvf, vs, vo, rows, m, False, s, x)
            return dx, db
        if bias is None:
            return dx, dv
        grads = []
        for b, d in zip(bias, (dgf, dvf)):
            if b is None:
                grads.append(None)
                continue
            r, rd = A.empty(x, _bshape(b), dt, "C", s)
            _sums(A.flat(rd), d, m, 0, rows, m, trailing(shape, _bshape(b)) == 0, s, x)
            grads.append(r)
        return dx, dv, grads[0], grads[1]
