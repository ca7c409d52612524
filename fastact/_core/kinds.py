"""What kind of array an argument is: NumPy's own, another library's, or a CUDA array.

A leaf module (it imports NumPy only), so that the dispatchers of every target can ask
without importing each other.  Dask and xarray objects are "foreign" arrays: they
implement ``__array_ufunc__`` and get fastact's ufuncs unchanged, so that they stay lazy
and keep their labels.
"""

from __future__ import annotations

import numpy as np


def is_cuda_input(obj) -> bool:
    """True for CUDA arrays (``__cuda_array_interface__``) and the CUDA simulator's arrays."""
    return hasattr(obj, "__cuda_array_interface__") or type(obj).__module__.startswith(
        "numba.cuda.simulator")


def is_foreign(obj) -> bool:
    """True for array objects of other libraries that implement ``__array_ufunc__``."""
    if isinstance(obj, (np.ndarray, np.generic, int, float, bool, list, tuple)):
        return False
    return getattr(obj, "__array_ufunc__", None) is not None


def is_bfloat16(dtype) -> bool:
    """True for ``ml_dtypes.bfloat16`` (without importing ml_dtypes)."""
    return dtype.kind == "V" and dtype.name == "bfloat16"
