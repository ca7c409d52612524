"""The ``axis`` argument of the functions along an axis: an int, a tuple of ints or None."""

from __future__ import annotations

import math
import operator

import numpy as np

try:  # numpy >= 2
    from numpy.lib.array_utils import normalize_axis_index
except ImportError:  # pragma: no cover
    from numpy.core.multiarray import normalize_axis_index  # type: ignore[no-redef]


def normalize_axes(axis, ndim: int, fname: str) -> tuple[int, ...]:
    """``axis`` (int, tuple of ints, or None for all axes) as sorted non-negative axes.

    Out-of-range axes raise NumPy's AxisError, a repeated axis or a non-integer a
    ValueError / TypeError that names the function, as ``np.sum`` does.
    """
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, tuple | list):
        try:
            axes = [normalize_axis_index(operator.index(a), ndim) for a in axis]
        except TypeError:
            raise TypeError(f"fastact.{fname}: axis must be an int, a tuple of ints or None, "
                            f"not {axis!r}") from None
        if len(set(axes)) != len(axes):
            raise ValueError(f"fastact.{fname}: repeated axis in {tuple(axis)!r}")
        return tuple(sorted(axes))
    try:
        return (normalize_axis_index(operator.index(axis), ndim),)
    except TypeError:
        raise TypeError(f"fastact.{fname}: axis must be an int, a tuple of ints or None, "
                        f"not {axis!r}") from None


def single_axis(axis, ndim: int, fname: str) -> int:
    """``axis`` for the functions that take exactly one (glu, maxout): a clear error else."""
    if axis is None or isinstance(axis, tuple | list):
        raise ValueError(f"fastact.{fname}: axis must be a single int (it splits that axis), "
                         f"not {axis!r}")
    try:
        return normalize_axis_index(operator.index(axis), ndim)
    except TypeError:
        raise TypeError(f"fastact.{fname}: axis must be an int, not {axis!r}") from None


def as_one_axis(a: np.ndarray, axes: tuple[int, ...]) -> tuple[np.ndarray, int, tuple[int, ...]]:
    """View the ``axes`` of ``a`` as one axis: ``(merged, axis, moved_shape)``.

    Consecutive axes are merged in place (a reshape); others are first moved to the end
    (a copy).  ``moved_shape`` is the shape of ``a`` with the axes moved (``a.shape`` when
    they were consecutive): the result of a same-shape function, reshaped to it, goes
    back with :func:`restore`.  No axes: a new trailing axis of length 1.
    """
    nd = a.ndim
    k = len(axes)
    if k == 0:
        return a.reshape(a.shape + (1,)), nd, a.shape
    if axes == tuple(range(axes[0], axes[0] + k)):
        lo = axes[0]
        n = math.prod(a.shape[lo:lo + k])
        return a.reshape(a.shape[:lo] + (n,) + a.shape[lo + k:]), lo, a.shape
    moved = np.moveaxis(a, axes, range(nd - k, nd))
    n = math.prod(moved.shape[nd - k:])
    return moved.reshape(moved.shape[:nd - k] + (n,)), nd - k, moved.shape


def restore(r: np.ndarray, axes: tuple[int, ...], moved_shape: tuple[int, ...]) -> np.ndarray:
    """Undo :func:`as_one_axis` on a same-shape result ``r``."""
    r = r.reshape(moved_shape)
    k = len(axes)
    if k == 0 or axes == tuple(range(axes[0], axes[0] + k)):
        return r
    nd = r.ndim
    return np.moveaxis(r, range(nd - k, nd), axes)


def reduced_shape(shape: tuple[int, ...], axes: tuple[int, ...], keepdims: bool) -> tuple[int, ...]:
    """``shape`` with ``axes`` removed, or set to 1 with ``keepdims``."""
    if keepdims:
        return tuple(1 if i in axes else s for i, s in enumerate(shape))
    return tuple(s for i, s in enumerate(shape) if i not in axes)


def mask(where, shape, fname: str) -> np.ndarray:
    """``where=`` as a boolean array of ``shape`` (broadcast; a ValueError if it cannot)."""
    w = np.asarray(where)
    if w.dtype != np.bool_:
        raise TypeError(f"fastact.{fname}: where must be a boolean array, not {w.dtype}")
    try:
        return np.broadcast_to(w, shape)
    except ValueError:
        raise ValueError(f"fastact.{fname}: where of shape {w.shape} does not broadcast to "
                         f"the input's shape {shape}") from None


def grouping(axis, shape: tuple[int, ...], fname: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """``(full, axes)`` for a function that reduces or normalises over ``axis``.

    ``full`` is ``shape``, or ``(1,)`` for a scalar (one group of one entry, where
    ``axis`` may be -1, 0, None or ``()``); ``axes`` as :func:`normalize_axes` gives them.
    """
    if shape:
        return shape, normalize_axes(axis, len(shape), fname)
    normalize_axes(axis, 1, fname)
    return (1,), (0,)


def groups(a: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """``a`` as (groups, n): the ``axes`` merged and last, the others in their order."""
    merged, ax, _ = as_one_axis(a, axes)
    moved = np.moveaxis(merged, ax, -1)
    return moved.reshape(math.prod(moved.shape[:-1]), moved.shape[-1])


def ungroup(a2: np.ndarray, full: tuple[int, ...], axes: tuple[int, ...]) -> np.ndarray:
    """Undo :func:`groups` on a same-shape result."""
    nd = len(full)
    others = [i for i in range(nd) if i not in axes]
    moved_shape = tuple(full[i] for i in others) + tuple(full[i] for i in axes)
    r = a2.reshape(moved_shape)
    return np.moveaxis(r, range(nd - len(axes), nd), axes) if axes else r
