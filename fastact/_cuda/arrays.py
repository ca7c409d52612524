"""CUDA arrays, devices and streams: numba device views, new arrays alike, launch facts.

``fastact.NAME(x)`` with a CUDA array ``x`` answers in ``x``'s own terms: the result is
allocated by ``x``'s library (CuPy in, CuPy out; PyTorch in, PyTorch out, on ``x``'s
device; a numba device array, or any other object with ``__cuda_array_interface__``, gets
a numba device array), and the kernels run on that library's *current* stream on ``x``'s
device, with no host synchronization: work queued by the user on that stream before the
call runs first, and work queued after sees the result.  (Numba would otherwise launch on
stream 0, which CuPy's and PyTorch's non-blocking streams do not wait for.)

Imports ``numba.cuda``; each function imports the library of the array it is given, which
is already loaded since the array exists.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
from typing import Any

import numpy as np

from .._core.kinds import is_cuda_input

try:
    from numba import cuda
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "fastact's CUDA target needs numba-cuda: pip install 'fastact[cuda]'"
    ) from exc

from numba import config as _config

SIMULATED = bool(_config.ENABLE_CUDASIM)
"""Whether ``numba.cuda`` is the CPU simulator (``NUMBA_ENABLE_CUDASIM=1``)."""
TPB = 8 if SIMULATED else 256
"""Threads per block of every launch (small under the simulator: a Python thread each)."""


def require_device():
    if not cuda.is_available():
        raise RuntimeError(
            "fastact: no CUDA GPU is available (numba.cuda.is_available() is False); "
            "check the driver, or set NUMBA_ENABLE_CUDASIM=1 to use the simulator"
        )


def is_cuda_array(obj) -> bool:
    """True for numba device arrays, CuPy arrays, PyTorch CUDA tensors, ..."""
    return is_cuda_input(obj)


def _host_view(obj):
    """Under the simulator: a ``__cuda_array_interface__`` object as a simulator array.

    The simulator's device memory is host memory, so the interface's pointer is a host
    pointer (the tests' stand-ins for CuPy and PyTorch arrays wrap NumPy memory).
    """
    from numba.cuda.simulator.cudadrv.devicearray import FakeCUDAArray

    cai = dict(obj.__cuda_array_interface__)

    class _Interface:
        __array_interface__ = {"shape": tuple(cai["shape"]), "typestr": cai["typestr"],
                               "data": cai["data"], "strides": cai.get("strides"),
                               "version": 3}

    return FakeCUDAArray(np.asarray(_Interface()))


def as_device(obj):
    """``obj`` as a numba device array: no copy, and no host synchronization.

    ``sync=False``: numba would otherwise wait for the stream named in the array
    interface at every call; fastact launches on the array's library's current stream
    instead, which orders the work as that library's own operations would.
    """
    if not hasattr(obj, "__cuda_array_interface__"):
        return obj  # the simulator's own device arrays
    if SIMULATED:
        return _host_view(obj)
    if cuda.devicearray.is_cuda_ndarray(obj):
        return obj
    return cuda.as_cuda_array(obj, sync=False)


def launch_stream(template, stream):
    """The stream to launch on: ``stream`` if given, else ``template``'s library's current one."""
    if stream is not None:
        return stream
    handle = current_stream(template)
    if not handle or SIMULATED:  # 0: the legacy default stream; the simulator has one stream
        return 0
    return cuda.external_stream(handle)


def empty(template, shape, dtype, order, stream):
    """``(result, device view)``: a new array of ``template``'s kind (see :func:`empty_like_kind`)."""
    obj = empty_like_kind(template, tuple(shape), dtype, order)
    if obj is None:
        dev = cuda.device_array(tuple(shape), dtype=dtype, order=order, stream=stream)
        return dev, dev
    return obj, as_device(obj)


@functools.cache
def max_blocks(device_key) -> int:
    """Blocks of a grid-stride launch: 32 per multiprocessor fill the device."""
    if SIMULATED:
        return 3  # few simulated threads, and every thread strides more than once
    return 32 * int(cuda.get_current_device().MULTIPROCESSOR_COUNT)


def launch_grid(kernel, n, stream, template, *args):
    """``kernel[blocks, TPB, stream](*args)`` over ``n`` elements, a fixed configuration."""
    if n:
        blocks = min(-(-n // TPB), max_blocks(device_id(template)))
        kernel[blocks, TPB, stream](*args)


def flat(dev):
    """The memory of a C- or F-contiguous device array as a 1-d contiguous view."""
    return strided(dev, (max(dev.size, 0),), (dev.dtype.itemsize,))


def strided(dev, shape, strides):
    """A view of ``dev``'s memory with ``shape`` and byte ``strides`` (no copy, no kernel)."""
    if SIMULATED and not hasattr(dev, "gpu_data"):  # the simulator's arrays wrap NumPy's
        return type(dev)(np.lib.stride_tricks.as_strided(dev._ary, shape, strides), dev.stream)
    return type(dev)(shape=tuple(shape), strides=tuple(strides), dtype=dev.dtype,
                     gpu_data=dev.gpu_data, stream=dev.stream)


def order(dev, fname, what="x"):
    """``'C'`` or ``'F'``: the memory order of a contiguous device array (else ValueError)."""
    if dev.is_c_contiguous():
        return "C"
    if dev.is_f_contiguous():
        return "F"
    raise ValueError(f"fastact.{fname}: a CUDA {what} must be C- or F-contiguous "
                     "(copy it first, e.g. cupy.ascontiguousarray)")


def on_input_device(fn):
    """Run ``fn(x_or_grad, ...)`` on the device of its array arguments' last CUDA array."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        arrays = [a for a in args if is_cuda_array(a)]
        with device_context(arrays[-1]) if arrays else contextlib.nullcontext():
            return fn(*args, **kwargs)

    return wrapper




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
