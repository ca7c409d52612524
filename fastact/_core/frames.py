"""The frames of the fused functions: where a bias lies, the rows' width, the gate's half.

Every fused loop and kernel (CPU: :mod:`fastact._cpu.fused`; CUDA:
:mod:`fastact._cuda.fused`) sees its data as ``(rows, m)``, the bias along the ``m``
trailing elements; this module is the one owner of how an array is framed.  A leaf
module (no fastact import).
"""

from __future__ import annotations

import math

WIDTH = 1024
"""Without a bias along trailing dimensions, the frame's rows are at least this long (the
trailing dimensions folded into one) where the array allows."""

GATES = {"first": 0, "second": 1}
"""``gate=`` of the gated units: which half of the split axis is the gate."""


def trailing(shape: tuple[int, ...], bshape: tuple[int, ...]) -> int | None:
    """``m``: the size of a bias of ``bshape`` if it lies along ``shape``'s trailing dimensions.

    None if it does not (a bias of shape ``(C, 1, 1)``, one longer than ``shape``); 0 for
    a scalar bias (one value for every element: leading 1s dropped, nothing is left).
    """
    bs = list(bshape)
    while bs and bs[0] == 1:
        bs.pop(0)
    if not bs:
        return 0
    k = len(bs)
    if k > len(shape) or tuple(shape[len(shape) - k:]) != tuple(bs):
        return None
    return math.prod(bs)


def covers(shape: tuple[int, ...], bshape: tuple[int, ...], axis: int) -> bool:
    """Whether a bias of ``bshape`` lies along ``shape[axis:]`` exactly.

    A gated unit's halves and everything after them: a linear layer's bias before the split.
    """
    bs = list(bshape)
    while bs and bs[0] == 1:
        bs.pop(0)
    return tuple(bs) == tuple(shape[axis:])


def width(shape: tuple[int, ...]) -> int:
    """The frame's row length for an array without a bias along its trailing dimensions."""
    m = 1
    for d in reversed(shape):
        if m >= WIDTH:
            break
        m *= d
    return max(m, 1)


def gate_index(gate, fname: str) -> int:
    """0 if the gate is the first half (``gate='first'``), 1 for the second; else ValueError."""
    found = GATES.get(gate) if isinstance(gate, str) else None
    if found is None:
        raise ValueError(f"fastact.{fname}: gate must be 'first' or 'second', not {gate!r}")
    return found


def coalesce(shape: tuple[int, ...], strides: list[tuple[int, ...]]
             ) -> tuple[tuple[int, ...], list[tuple[int, ...]]]:
    """The fewest dimensions that walk arrays of one ``shape`` (byte ``strides`` each) in step.

    What NumPy's iterator does before an elementwise loop: dimensions of length 1 are
    dropped, the rest ordered by the first array's strides (largest outside, so that the
    last dimension is its fastest), and neighbours merged where every array steps through
    them as through one.  Zero and negative strides are kept as they are.  Returns at
    least one dimension (``(1,)`` for a single element).
    """
    dims = [(n, [s[k] for s in strides]) for k, n in enumerate(shape) if n != 1]
    dims.sort(key=lambda d: -abs(d[1][0]) if d[1] else 0)
    merged: list[tuple[int, list[int]]] = []
    for n, st in dims:
        if merged:
            pn, pst = merged[-1]
            if all(p == s * n for p, s in zip(pst, st)):
                merged[-1] = (pn * n, st)
                continue
        merged.append((n, st))
    if not merged:
        return (1,), [(0,) for _ in strides]
    return (tuple(n for n, _ in merged),
            [tuple(st[j] for _, st in merged) for j in range(len(strides))])
