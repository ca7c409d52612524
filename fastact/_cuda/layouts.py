"""CUDA arrays of any layout: 4-d views for the strided kernels, gathers, scatters, overlap.

A CUDA array (numba, CuPy, PyTorch, any ``__cuda_array_interface__``) may have any strides:
steps, negative steps, transposes, zero strides (broadcast inputs).  The elementwise
kernels take C- or F-contiguous operands of one order as flat 1-d arrays (the fast path),
and any other layout as 4-d views that walk every operand in step (:func:`views4`: the
dimensions coalesced as NumPy's iterator does, more than 4 left run as several launches).
The kernels that take contiguous arrays only (the axis functions, the losses, the fused
forms) get strided inputs gathered into new arrays on the device (:func:`gathered`) and
write a strided ``out`` through one (:func:`scatter`): never through the host.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from .._core.frames import coalesce
from . import arrays as A
from .arrays import cuda
from .layout_kernels import copy_nd

NDIM = 4
"""Dimensions of the strided kernels' views; a layout that needs more runs as several launches."""


def orders(dev) -> set[str]:
    """The contiguous orders of ``dev``: ``{'C', 'F'}``, one of them, or none (strided)."""
    if dev.size <= 1:
        return {"C", "F"}
    return {o for o, ok in (("C", dev.is_c_contiguous()), ("F", dev.is_f_contiguous())) if ok}


def common_order(devs) -> str | None:
    """An order in which every one of ``devs`` is contiguous (``'C'`` first), else None."""
    common = {"C", "F"}
    for d in devs:
        common &= orders(d)
    return "C" if "C" in common else "F" if common else None


def order_of(dev) -> str:
    """``dev``'s contiguous order, ``'C'`` for a strided array (how results are allocated)."""
    return common_order([dev]) or "C"


def address(dev) -> int:
    """The address of ``dev``'s first element (``dev[0, ..., 0]``)."""
    if A.SIMULATED:
        return int(dev._ary.__array_interface__["data"][0])
    return int(dev.device_ctypes_pointer.value or 0)


def extent(dev) -> tuple[int, int]:
    """``[lo, hi)``: the bytes that ``dev``'s elements occupy, from its strides."""
    lo = hi = address(dev)
    for n, s in zip(dev.shape, dev.strides):
        if n > 1:
            lo, hi = (lo + (n - 1) * s, hi) if s < 0 else (lo, hi + (n - 1) * s)
    return lo, hi + dev.dtype.itemsize


def same_view(a, b) -> bool:
    return (address(a) == address(b) and tuple(a.shape) == tuple(b.shape)
            and tuple(a.strides) == tuple(b.strides))


def overlap(a, b) -> bool:
    """Whether the memory of ``a`` and ``b`` may overlap (their extents intersect)."""
    if not a.size or not b.size:
        return False
    (alo, ahi), (blo, bhi) = extent(a), extent(b)
    return alo < bhi and blo < ahi


def check_out(out_dev, fname: str) -> None:
    """A ValueError for an ``out`` that repeats elements (a zero stride: a broadcast view)."""
    if any(n > 1 and s == 0 for n, s in zip(out_dev.shape, out_dev.strides)):
        raise ValueError(f"fastact.{fname}: out has a zero stride (several of its elements "
                         "are one memory location); pass an array that owns its elements")


def view_at(dev, offset: int, shape, strides):
    """A view of ``dev``'s memory starting ``offset`` bytes from its first element."""
    if A.SIMULATED:
        base = dev._ary

        class _Interface:
            owner = base
            __array_interface__ = {"shape": tuple(shape), "strides": tuple(strides),
                                   "typestr": base.dtype.str, "version": 3,
                                   "data": (address(dev) + offset, False)}

        return type(dev)(np.asarray(_Interface()), dev.stream)
    desc = {"shape": tuple(shape), "strides": tuple(strides), "typestr": dev.dtype.str,
            "data": (address(dev) + offset, False), "version": 3}
    return cuda.from_cuda_array_interface(desc, owner=dev, sync=False)


def views4(devs, shape) -> list[list]:
    """For each launch, 4-d views of ``devs`` (arrays of ``shape``) that walk them in step.

    One launch unless the layout needs more than :data:`NDIM` dimensions; then one per
    index of the leading ones.
    """
    cshape, cstrides = coalesce(tuple(shape), [tuple(d.strides) for d in devs])
    lead = len(cshape) - NDIM
    if lead <= 0:
        pad = (1,) * -lead
        return [[A.strided(d, pad + cshape, (0,) * -lead + st) for d, st in zip(devs, cstrides)]]
    launches = []
    for idx in itertools.product(*(range(n) for n in cshape[:lead])):
        launches.append([view_at(d, sum(i * s for i, s in zip(idx, st)), cshape[lead:], st[lead:])
                         for d, st in zip(devs, cstrides)])
    return launches


def copy(dst, src, stream, template) -> None:
    """``dst[...] = src`` on the device, any layouts of one shape and dtype."""
    if math.prod(dst.shape):
        for out4, x4 in views4([dst, src], dst.shape):
            A.launch_grid(copy_nd, out4.size, stream, template, out4, x4)


def gathered(dev, stream, template, order: str | None = None):
    """``dev`` if it is contiguous (in ``order`` if given), else a contiguous copy on the device."""
    have = orders(dev)
    if (order in have) if order else have:
        return dev
    new = cuda.device_array(tuple(dev.shape), dtype=dev.dtype, order=order or "C", stream=stream)
    copy(new, dev, stream, template)
    return new


def scatter(out_dev, compute, stream, template, order: str = "C"):
    """``compute(out_dev)``, or into a new array copied into ``out_dev`` where it is strided.

    ``out_dev`` is used as it is if it is contiguous in ``order``.
    """
    if order in orders(out_dev):
        return compute(out_dev)
    tmp = cuda.device_array(tuple(out_dev.shape), dtype=out_dev.dtype, order=order, stream=stream)
    res = compute(tmp)
    copy(out_dev, tmp, stream, template)
    return res


def apart(dev, out_dev, stream, template):
    """``dev``, or a copy of it where it overlaps ``out_dev`` other than as the same view.

    NumPy's rule: an input that ``out`` overlaps is read as it was before the call.
    """
    if same_view(dev, out_dev) or not overlap(dev, out_dev):
        return dev
    new = cuda.device_array(tuple(dev.shape), dtype=dev.dtype, order="C", stream=stream)
    copy(new, dev, stream, template)
    return new


def broadcast_scalar(value, shape, dt, stream):
    """A device array of ``shape`` whose every element is ``value`` (one element, zero strides)."""
    one = cuda.to_device(np.full(1, value, dt), stream=stream)
    return A.strided(one, tuple(shape), (0,) * len(shape))


def write_out(result, out, fname: str):
    """``result`` copied into ``out`` (any layout, on the device); returns ``out``.

    ``out=`` of the functions whose kernels write new contiguous arrays (the axis
    functions, the losses): one more pass over the result, not through the host.
    """
    rd, od = A.as_device(result), A.as_device(out)
    if tuple(od.shape) != tuple(rd.shape):
        raise ValueError(f"fastact.{fname}: out has shape {tuple(od.shape)}, expected "
                         f"{tuple(rd.shape)}")
    if od.dtype != rd.dtype:
        raise TypeError(f"fastact.{fname}: out must have dtype {rd.dtype} on CUDA arrays")
    check_out(od, fname)
    with A.device_context(out):
        copy(od, rd, A.launch_stream(out, None), out)
    return out
