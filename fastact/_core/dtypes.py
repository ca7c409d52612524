"""The dtype policy: which inputs are accepted, the dtype computed in, the dtype returned.

The one owner of these decisions; every target asks here.

* Real numbers only: floating point, integers, bools (and ``ml_dtypes.bfloat16``); complex,
  strings and objects are a TypeError.
* float32 stays float32; float16 alone and bfloat16 alone are computed in float32 and
  rounded once to themselves; a mix of the three gives float32; anything else (float64,
  integers, bools, or a mix with them) is computed in and returns float64.
* A Python number (int, float, bool) beside an array is weak, as in NumPy's ufuncs (NEP
  50) and PyTorch: it takes the array's dtype (``gelu_backward(1.0, x32)`` is float32);
  Python numbers alone count as float64.  NumPy scalars and 0-d arrays are not weak.
* Byte order does not count: ``>f4`` is float32, as for NumPy's ufuncs; results are native.
* A 0-d result without ``out=`` is returned as a NumPy scalar (NumPy's and SciPy's rule).
* The CUDA kernels take float32 and float64 only (:func:`device_dtype`).

A leaf module: it imports NumPy and :mod:`fastact._core.kinds` only.
"""

from __future__ import annotations

import numpy as np

from .kinds import is_bfloat16

FLOAT16 = np.dtype(np.float16)
FLOAT32 = np.dtype(np.float32)
FLOAT64 = np.dtype(np.float64)
NATIVE_FLOATS = (FLOAT32, FLOAT64)
"""The dtypes that compiled loops and kernels take as they are (no cast, no rounding)."""


def check_real(a, what: str, fname: str) -> np.ndarray:
    """``np.asarray(a)``, refusing anything that is not real numbers."""
    arr = np.asarray(a)
    if arr.dtype.kind not in "fiub" and not is_bfloat16(arr.dtype):
        raise TypeError(
            f"fastact.{fname}: {what} has dtype {arr.dtype}; expected real numbers "
            "(floating point, integer or bool)"
        )
    return arr


def native(dt: np.dtype) -> np.dtype:
    """``dt`` in the machine's byte order (``>f4`` -> float32)."""
    return dt if dt.isnative else dt.newbyteorder("=")


def compute_dtypes(dtypes) -> tuple[np.dtype, np.dtype]:
    """(compute dtype, result dtype) for the dtypes of the main inputs (x, and grad).

    See the module docstring: float16/bfloat16/float32 compute in float32, anything else in
    float64; byte order does not count.
    """
    kinds = {native(np.dtype(d)) for d in dtypes}
    if kinds <= {FLOAT16}:
        return FLOAT32, FLOAT16
    if kinds <= {FLOAT16, FLOAT32}:
        return FLOAT32, FLOAT32
    halves = [k for k in kinds if is_bfloat16(k)]
    if halves and len(halves) == len(kinds):
        return FLOAT32, halves[0]
    if halves and kinds - set(halves) <= {FLOAT16, FLOAT32}:
        return FLOAT32, FLOAT32
    return FLOAT64, FLOAT64


_PYTHON_NUMBERS = (int, float, bool)


def weak(value) -> bool:
    """Whether ``value`` is a Python number (int, float, bool): weak in the dtype rule."""
    return type(value) in _PYTHON_NUMBERS


def result_dtypes(arrays, given=None) -> tuple[np.dtype, np.dtype]:
    """:func:`compute_dtypes` of the arrays' dtypes.

    ``given``: the values the arrays were made from (``np.asarray``), in the same order;
    those that are Python numbers are weak (see the module docstring): they count only
    where every one is.
    """
    dts = [a.dtype for a in arrays]
    if given is not None:
        strong = [d for d, v in zip(dts, given) if not weak(v)]
        dts = strong or dts
    return compute_dtypes(dts)


def weak_as_arrays(values) -> list:
    """``values`` with each Python number made a 0-d array of the dtype the others give.

    For code that sees arrays only (a Dask block), so that the weak rule holds there too:
    ``1.0`` beside float32 arrays becomes a float32 0-d array.  The others (arrays, Dask
    arrays, NumPy scalars) are returned as they are; Python numbers alone stay numbers.
    """
    strong = [v.dtype if hasattr(v, "dtype") else np.asarray(v).dtype
              for v in values if not weak(v)]
    if not strong:
        return list(values)
    dt = compute_dtypes(strong)[1]
    return [np.asarray(v, dt) if weak(v) else v for v in values]


def requested_dtype(dtype, fname: str) -> np.dtype:
    """A ``dtype=`` argument (the axis functions'): float16, float32 or float64."""
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"fastact.{fname}: dtype={dtype!r} is not a NumPy dtype") from None
    if dt.kind != "f" or dt.itemsize > 8:
        raise TypeError(f"fastact.{fname}: dtype must be float16, float32 or float64, not {dt}")
    return native(dt)


def device_dtype(dt, fname: str) -> np.dtype:
    """The dtype of a CUDA input, which the kernels take as it is: float32 or float64.

    Other dtypes are a TypeError that says what to do (the host path would compute them in
    float32 or float64 by :func:`compute_dtypes`; on the device the cast is the caller's).
    """
    dt = np.dtype(dt)
    if dt not in NATIVE_FLOATS:
        want = compute_dtypes([dt])[0] if dt.kind in "fiub" else None
        hint = f" (cast it first: x.astype('{want}'))" if want is not None else ""
        raise TypeError(f"fastact.{fname}: CUDA inputs must be float32 or float64, not {dt}{hint}")
    return dt


def check_out(out, fname: str):
    """Validate ``out=``: ``None``, an ndarray, or a 1-tuple holding one."""
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError(f"fastact.{fname}: out must hold exactly one array")
        out = out[0]
    return check_out_array(out, fname)


def check_out_array(out, fname: str):
    """Validate ``out=`` given as ``None`` or an ndarray of a floating dtype."""
    if out is not None and not isinstance(out, np.ndarray):
        raise TypeError(f"fastact.{fname}: out must be a numpy.ndarray, not {type(out).__name__}")
    if out is not None and out.dtype.kind != "f" and not is_bfloat16(out.dtype):
        raise TypeError(f"fastact.{fname}: out has dtype {out.dtype}; expected floating point")
    return out


def scalar_if_0d(r):
    """A 0-d ndarray as its NumPy scalar (the result of a call without ``out=``); else ``r``."""
    return r[()] if isinstance(r, np.ndarray) and not r.ndim else r
