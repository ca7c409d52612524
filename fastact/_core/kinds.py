"""What kind of array an argument is: NumPy's own, a CUDA array, Dask, xarray, another's.

The one set of predicates the router (:mod:`fastact._api.route`) decides with, by
:func:`of`.  A leaf module (it imports NumPy only, and never the libraries it names).
Dask and xarray objects are also "foreign" arrays: they implement ``__array_ufunc__``.
"""

from __future__ import annotations

import numpy as np


def is_cuda_input(obj) -> bool:
    """True for CUDA arrays (``__cuda_array_interface__``) and the CUDA simulator's arrays."""
    return hasattr(obj, "__cuda_array_interface__") or type(obj).__module__.startswith(
        "numba.cuda.simulator")


_PLAIN = (np.ndarray, np.generic, int, float, bool, list, tuple)
"""Objects that are never another library's array (:func:`is_foreign` is False for them)."""


_NUMPY_KINDS = frozenset({np.ndarray, float, int, bool, type(None)})
"""The exact types of :func:`of`'s short test: NumPy arrays, Python numbers and None (a
scalar ``grad`` beside NumPy arrays, the common backward call, took its ~2 us path)."""


def is_foreign(obj) -> bool:
    """True for array objects of other libraries that implement ``__array_ufunc__``."""
    if isinstance(obj, _PLAIN):
        return False
    return getattr(obj, "__array_ufunc__", None) is not None


def is_bfloat16(dtype) -> bool:
    """True for ``ml_dtypes.bfloat16`` (without importing ml_dtypes)."""
    return dtype.kind == "V" and dtype.name == "bfloat16"


def _library(obj) -> str:
    return type(obj).__module__.split(".")[0]


def is_dask(obj) -> bool:
    """True for a Dask array."""
    return _library(obj) == "dask" and hasattr(obj, "chunks")


def is_xarray(obj) -> bool:
    """True for an xarray DataArray."""
    return _library(obj) == "xarray" and hasattr(obj, "dims")


def of(arrays, others=()) -> str:
    """The kind of a call: ``'cuda'``, ``'collection'``, ``'foreign'`` or ``'numpy'``.

    ``'cuda'`` if any of ``arrays`` (the array arguments: x, grad) is a CUDA array;
    else ``'collection'`` if any is a Dask array or an xarray DataArray; else
    ``'foreign'`` if any of them or of ``others`` (parameters) implements
    ``__array_ufunc__``; else ``'numpy'`` (anything ``np.asarray`` takes).
    """
    if (all(type(a) in _NUMPY_KINDS for a in arrays)
            and all(isinstance(o, _PLAIN) for o in others)):
        return "numpy"  # (the common call, without the predicates' ~2 us of Python)
    if any(is_cuda_input(a) for a in arrays):
        return "cuda"
    if any(is_dask(a) or is_xarray(a) for a in arrays):
        return "collection"
    if any(is_foreign(a) for a in arrays) or any(is_foreign(a) for a in others):
        return "foreign"
    return "numpy"
