"""The CUDA target: every activation on the GPU, from the same scalar kernels as the CPU.

* ``fastact.NAME(x)`` with a CUDA array ``x`` (numba device array, CuPy, PyTorch,
  anything with ``__cuda_array_interface__``) runs on the GPU: elementwise functions
  launch a generated grid-stride kernel (:mod:`fastact._cuda.elementwise`), the softmax
  family, glu and maxout their own kernels (:mod:`fastact._cuda.axis`).  The result is
  of ``x``'s kind, on ``x``'s device; the work runs on its library's current stream
  (``stream=`` overrides), with no host synchronization.
* ``fastact.cuda.softmax`` and the rest of the axis family: the same, called directly.
* ``fastact.cuda.NAME`` / ``fastact.cuda.NAME_backward``: CUDA ufuncs
  (``@vectorize(target='cuda')``) for Numba users, float32 and float64; they take numba
  device arrays, anything with ``__cuda_array_interface__`` or host arrays, and
  ``out=`` / ``stream=`` as Numba's CUDA ufuncs do.

Every kernel computes what the CPU computes, up to FMA contraction: no libdevice function
with an error bound of its own is called (tests/test_cuda_compile.py,
tests/test_gpu_numerics.py).  Importing this module imports ``numba.cuda``
(``pip install 'fastact[cuda]'``); ``import fastact`` never does.  Under
``NUMBA_ENABLE_CUDASIM=1`` every ``@cuda.jit`` kernel runs on the CPU simulator; the
simulator cannot build CUDA ufuncs.
"""

from ._api.targets import make_getattr
from ._cuda.arrays import SIMULATED, TPB, is_cuda_array
from ._cuda.axis import (
    glu,
    glu_backward,
    log_softmax,
    log_softmax_backward,
    logsumexp,
    logsumexp_backward,
    maxout,
    maxout_backward,
    softmax,
    softmax_backward,
    softmin,
    softmin_backward,
)
from ._cuda.elementwise import launched_kernel
from ._cuda.ufuncs import ufunc

__all__ = [
    "SIMULATED", "TPB", "glu", "glu_backward", "is_cuda_array", "launched_kernel", "log_softmax",
    "log_softmax_backward", "logsumexp", "logsumexp_backward", "maxout", "maxout_backward",
    "softmax", "softmax_backward", "softmin", "softmin_backward", "ufunc",
]

__getattr__ = make_getattr("cuda", ufunc)[0]
