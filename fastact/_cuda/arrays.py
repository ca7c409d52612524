"""CUDA arrays from other libraries: their library, device and stream, and new ones alike.

``fastact.NAME(x)`` with a CUDA array ``x`` answers in ``x``'s own terms: the result is
allocated by ``x``'s library (CuPy in, CuPy out; PyTorch in, PyTorch out, on ``x``'s
device; a numba device array, or any other object with ``__cuda_array_interface__``, gets
a numba device array), and the kernels run on that library's *current* stream on ``x``'s
device, with no host synchronization: work queued by the user on that stream before the
call runs first, and work queued after sees the result.  (Numba would otherwise launch on
stream 0, which CuPy's and PyTorch's non-blocking streams do not wait for.)

This module imports no GPU library at import time; each function imports the library of
the array it is given, which is already loaded since the array exists.
"""

from __future__ import annotations

import contextlib
import importlib
from typing import Any

import numpy as np


def library(obj) -> str:
    """``'cupy'``, ``'torch'``, ``'numba'`` or ``'cai'`` (any other CUDA array interface)."""
    mod = type(obj).__module__.split(".")[0]
    if mod in ("cupy", "torch", "numba"):
        return mod
    return "cai"


def device_id(obj) -> int | None:
    """The CUDA device that holds ``obj`` (``None``: the current one)."""
    lib = library(obj)
    if lib == "cupy":
        return int(obj.device.id)
    if lib == "torch":
        idx = obj.device.index
        return None if idx is None else int(idx)
    return None


def current_stream(obj) -> int | None:
    """The handle of ``obj``'s library's current stream on ``obj``'s device (``None``: stream 0)."""
    lib = library(obj)
    if lib == "cupy":
        cupy = importlib.import_module("cupy")
        with cupy.cuda.Device(device_id(obj)):
            return int(cupy.cuda.get_current_stream().ptr)
    if lib == "torch":
        torch = importlib.import_module("torch")
        return int(torch.cuda.current_stream(obj.device).cuda_stream)
    return None


def device_context(obj):
    """A context in which numba-cuda works on ``obj``'s device."""
    dev = device_id(obj)
    if dev is None:
        return contextlib.nullcontext()
    from numba import cuda

    return cuda.gpus[dev]


def empty_like_kind(template, shape: tuple[int, ...], dtype, order: str) -> Any | None:
    """An uninitialized array of ``template``'s library on its device, C or F order.

    ``None`` for numba device arrays and foreign CUDA arrays: the caller allocates a numba
    device array.
    """
    lib = library(template)
    dtype = np.dtype(dtype)
    if lib == "cupy":
        cupy = importlib.import_module("cupy")
        with cupy.cuda.Device(device_id(template)):
            return cupy.empty(shape, dtype=dtype, order=order)
    if lib == "torch":
        torch = importlib.import_module("torch")
        tdt = {np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64}[dtype]
        if order == "F" and len(shape) > 1:  # the transpose of a C-ordered tensor
            t = torch.empty(tuple(reversed(shape)), dtype=tdt, device=template.device)
            return t.permute(*reversed(range(len(shape))))
        return torch.empty(tuple(shape), dtype=tdt, device=template.device)
    return None
