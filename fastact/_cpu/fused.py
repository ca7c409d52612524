"""Fused functions on NumPy arrays: ``f(x + b)`` with the bias gradient, and gated units.

The host side of the fused loops (:mod:`fastact._generated.fused` for the built-ins, made
here at run time for a user activation, by the same templates:
:func:`fastact._core.templates.fused_source`).  Every loop works on a ``(rows, m)`` frame of
C-contiguous arrays of the compute dtype, with the biases (and the gradients' partial sums)
along the ``m`` trailing elements:

* ``f(x + b)``: fused when ``b`` (leading 1s dropped) has the shape of ``x``'s trailing
  dimensions (a bias per feature, per channel of a channels-last image, a scalar);
  ``x + b`` is rounded to the compute dtype first, as two calls round it, so the fused and
  the unfused forms give the same bits.  Anything else (a bias of shape ``(C, 1, 1)``,
  one that broadcasts ``x`` up, array parameters) runs as those two calls, and ``db`` is
  summed by the same compensated loop.
* The bias gradient is summed in float64 with Neumaier's compensation
  (:func:`fastact.kernels.scalar.acc_add`), one row of partial sums per thread when the
  threads take blocks of rows, added in a fixed order: the result depends on the thread
  count only, and is within about an ulp of the exact sum of the returned ``dx`` (before
  rounding to float16 and bfloat16) plus ``eps`` times the sum of magnitudes.
* Gated units: ``f(gate + bg) * (value + bv)`` on one array split along an axis (the
  ``(outer, 2, m)`` view: no copy) or on two arrays; the backward returns both gradients
  from one pass and recomputes ``f`` from the inputs (nothing is saved).

Inputs are checked (real numbers only) and never modified; the dtypes follow
:mod:`fastact._core.dtypes`; ``out`` may have any layout and floating dtype.  Threads: the
split thresholds of :mod:`fastact._core.threads`, on Numba's threads or the Python pool.
"""

from __future__ import annotations

import math

import numpy as np

from .._core import threads
from .._core.axes import single_axis
from .._core.dtypes import (
    FLOAT32,
    FLOAT64,
    check_out_array,
    check_real,
    compute_dtypes,
    scalar_if_0d,
    weak,
)
from .._core.frames import GATES, covers, gate_index, trailing, width
from .._core.jit import compiled, jit
from .._core.templates import fused_argtypes, fused_source
from .._spec.registry import REGISTRY, USER, lookup
from ..kernels.scalar import acc_add
from . import elementwise, ufuncs

COLUMNS_FROM = 512
ROWS_FROM = 8
"""A backward with a bias gradient splits blocks of rows, each thread with its own row of
partial sums (added afterwards: one row a thread), when every thread gets at least
:data:`ROWS_FROM` rows or fewer than :data:`COLUMNS_FROM` columns; else blocks of columns
(each thread its own columns of the sums).  Rows first: with columns, both threads walk
every page of the arrays (and of a new result, whose first touch faults them in): gelu's
and silu's float32 backward at 4096 x 2048 took 12-14% longer split by columns."""


# -- the compiled loops -------------------------------------------------------------------

def fused_loop(name: str, kind: str, f64: bool, split: bool):
    """The fused loop ``NAME_KIND`` (``_split``) of ``name`` for float64 or float32.

    Compiled on first use for exactly :func:`fastact._core.templates.fused_argtypes`,
    with fastact's inlining threshold (:func:`fastact._core.jit.compiled`); the built-ins'
    are cached on disk.  None for a user activation's split (the Python pool splits it).
    """
    def build():
        if name in REGISTRY:
            from .._generated import fused

            fn = getattr(fused, f"{name}_{kind}" + ("_split" if split else ""))
        elif split:
            return False
        else:
            fn = _user_loop(name, kind)
        fn.compile(fused_argtypes(kind, f64, lookup(name).nparams, split))
        return fn

    return compiled(("fused", name, kind, f64, split), build, owner=name) or None


def _user_loop(name: str, kind: str):
    from ..kernels.scalar import cast_like, fence, same_memory

    e = USER[name]
    fname = f"{name}_{kind}"
    lines = fused_source(fname, kind, [p.name for p in e.ufunc_params], "_kf", "_kb")
    namespace = {"_cast": cast_like, "_acc_add": acc_add, "_same": same_memory, "_fence": fence,
                 "_kf": e.forward, "_kb": e.backward}
    exec(compile("\n".join(lines) + "\n", f"<fastact fused {fname}>", "exec"), namespace)
    return jit(nogil=True, cache=False)(namespace[fname])


def _column_sums_py(a, acc, comp):
    for r in range(a.shape[0]):
        ar = a[r]
        for j in range(ar.size):
            acc_add(acc, comp, j, ar[j])


def _column_sums(a2: np.ndarray) -> np.ndarray:
    """The compensated float64 sums of the columns of the float64 C-contiguous 2-d ``a2``."""
    def build():
        from numba import types

        fn = jit(nogil=True)(_column_sums_py)
        fn.compile((types.Array(types.float64, 2, "C"),) + (types.Array(types.float64, 1, "C"),) * 2)
        fn.disable_compile()
        return fn

    fn = compiled(("column sums",), build)
    acc = np.zeros((1, a2.shape[1]))
    comp = np.zeros((1, a2.shape[1]))
    fn(a2, acc[0], comp[0])
    return _combine(acc, comp)


def _combine(acc: np.ndarray, comp: np.ndarray) -> np.ndarray:
    """The sums of the ``(parts, m)`` partial sums, over the parts in order (compensated)."""
    s = acc[0].copy()
    c = comp[0].copy()
    for t in range(1, acc.shape[0]):
        v = acc[t]
        u = s + v
        c += np.where(np.abs(s) >= np.abs(v), (s - u) + v, (v - u) + s) + comp[t]
        s = u
    return s + c


# -- frames, threads, outputs -------------------------------------------------------------

def _plan(name: str, size: int, rows: int, m: int, with_sums: bool) -> tuple[int, bool]:
    """``(nthreads, by_rows)`` for a fused call: 1 thread below the split threshold."""
    n = threads.num_threads() if size >= threads.NATIVE_MIN_SIZE else 1
    if n < 2:
        return 1, True
    if size < elementwise.split_at(name, threads.native_threads()):
        return 1, True
    if with_sums:
        return n, rows >= n * ROWS_FROM or m < n * COLUMNS_FROM
    return n, rows >= n


def _run(name: str, kind: str, f64: bool, arrays: list, accs: list, rows: int, m: int,
         nthreads: int, by_rows: bool, params: list) -> None:
    """Run the fused loop on the whole frame: serial, on Numba's threads, or on the pool.

    ``accs``: the ``(parts, m)`` partial sums (backward), ``parts`` the thread count when
    ``by_rows`` else 1.
    """
    backward = kind.endswith("backward")
    if nthreads > 1 and threads.native_threads():
        split = fused_loop(name, kind, f64, True)
        if split is not None:
            if backward:
                split(*arrays, *accs, nthreads, *params)
            else:
                split(*arrays, nthreads, by_rows, *params)
            return
    loop = fused_loop(name, kind, f64, False)
    if nthreads < 2:
        loop(*arrays, *[a[0] for a in accs], 0, rows, 0, m, *params)
        return
    total = rows if by_rows else m
    step = -(-total // nthreads)
    if not by_rows:
        step = -(-step // threads.ALIGN) * threads.ALIGN

    def chunk(lo, hi):
        part = lo // step if by_rows else 0
        rect = (lo, hi, 0, m) if by_rows else (0, rows, lo, hi)
        loop(*arrays, *[a[part] for a in accs], *rect, *params)

    threads.on_threads(chunk, total, nthreads, align=1 if by_rows else threads.ALIGN)


def _sums(parts: int, m: int, want: bool) -> tuple[np.ndarray, np.ndarray]:
    shape = (parts, m) if want else (parts, 1)
    return np.zeros(shape), np.zeros(shape)


def _target(out, shape, compute, result, inputs) -> tuple[np.ndarray, bool]:
    """Where the loop writes: ``out`` itself when it can take it, else a new array."""
    if (out is not None and out.dtype == compute and result == compute
            and out.shape == shape and out.flags.c_contiguous and out.flags.writeable
            and not any(elementwise.shifted_overlap(a, out) for a in inputs)):
        return out, True
    return np.empty(shape, compute), False


def _deliver(r: np.ndarray, out, result, direct: bool, fname: str, what: str = "out"):
    """``r`` (compute dtype) as the caller gets it: in ``out``, or rounded to ``result``."""
    if direct:
        return out
    if out is not None:
        if out.shape != r.shape:
            raise ValueError(f"fastact.{fname}: {what} has shape {out.shape}; expected {r.shape}")
        np.copyto(out, r if r.dtype == result else r.astype(result), casting="same_kind")
        return out
    return scalar_if_0d(r if r.dtype == result else r.astype(result))


def _outs(out, count: int, fname: str) -> list:
    """``out=`` of a function with ``count`` results: None, an array (the first) or a tuple."""
    if out is None:
        return [None] * count
    if isinstance(out, tuple):
        if len(out) != count:
            raise ValueError(f"fastact.{fname}: out must hold {count} arrays (or None), "
                             f"not {len(out)}")
        return [check_out_array(o, fname) for o in out]
    return [check_out_array(out, fname)] + [None] * (count - 1)


def counted_dtype(given, b: np.ndarray) -> list:
    """``b``'s dtype where it counts (a bias, a grad), not a Python number's.

    ``b`` is ``np.asarray(given)``.  NumPy 2's rule for ``x + 1.5``: a float32 ``x`` stays
    float32 (:func:`~fastact._core.dtypes.weak`).
    """
    return [] if weak(given) else [b.dtype]


def number_params(params) -> list[float] | None:
    """The parameters as Python floats, or None if one is an array (the unfused path)."""
    vals = []
    for p in params:
        if isinstance(p, bool) or np.ndim(p) != 0 or hasattr(p, "__cuda_array_interface__"):
            return None
        try:
            vals.append(float(p))
        except (TypeError, ValueError):
            return None
    return vals


def reduce_to(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``a`` summed over the axes that ``shape`` broadcasts to ``a.shape`` (float64, compensated).

    The gradient of an input that was broadcast: ``dx`` of a bias, of a smaller operand.
    """
    if a.shape == tuple(shape):
        return a.astype(FLOAT64)
    lead = a.ndim - len(shape)
    kept = [i for i in range(a.ndim) if i >= lead and shape[i - lead] != 1]
    summed = [i for i in range(a.ndim) if i not in kept]
    moved = np.moveaxis(a, summed, list(range(len(summed))))
    rows = math.prod(moved.shape[:len(summed)])
    cols = math.prod(moved.shape[len(summed):])
    if cols == 0 or rows == 0:
        return np.zeros(shape)
    return _column_sums(contiguous(moved.reshape(rows, cols), FLOAT64)).reshape(shape)


# -- f(x + b) -----------------------------------------------------------------------------

def _bias_frame(x, b, compute, params, fname):
    """``(rows, m, bvec)`` of the fused path, or None for the unfused one."""
    if params is None or x.size == 0 or np.broadcast_shapes(x.shape, b.shape) != x.shape:
        return None
    m = trailing(x.shape, b.shape)
    if m is None:
        return None
    if m == 0:  # a scalar bias: rows of WIDTH, the bias repeated
        m = width(x.shape)
        return x.size // m, m, np.full(m, np.asarray(b, compute).reshape(()))
    return x.size // m, m, contiguous(b, compute).reshape(m)


def _small(x, b, g=None) -> bool:
    """Whether a call is the common small one: one serial loop, few Python steps.

    float32/float64 C arrays of one dtype, a bias per feature along the last axis, below
    the split threshold.
    """
    if type(x) is not np.ndarray or type(b) is not np.ndarray or not x.flags.carray:
        return False
    dt = x.dtype
    if (dt is not FLOAT64 and dt is not FLOAT32) or b.dtype is not dt or b.ndim != 1:
        return False
    if not x.ndim or x.shape[-1] != b.shape[0] or not b.size or not b.flags.carray:
        return False
    if g is not None and (type(g) is not np.ndarray or g.dtype is not dt or g.shape != x.shape
                          or not g.flags.carray):
        return False
    return x.size < threads.NATIVE_MIN_SIZE


def _floats(params):
    for p in params:
        if type(p) is not float and type(p) is not int:
            return None
    return [float(p) for p in params]


def bias_forward(name: str, x, params, bias, out, fname: str):
    """``f(x + bias)`` of NumPy inputs (``fastact.NAME(x, bias=b)``)."""
    if out is None and _small(x, bias) and (vals := _floats(params)) is not None:
        m = bias.shape[0]
        rows = x.size // m
        dst = np.empty(x.shape, x.dtype)
        fused_loop(name, "bias", x.dtype is FLOAT64, False)(
            x.reshape(rows, m), bias, dst.reshape(rows, m), 0, rows, 0, m, *vals)
        return dst
    x = check_real(x, "x", fname)
    b = check_real(bias, "bias", fname)
    (out,) = _outs(out, 1, fname)
    compute, result = compute_dtypes([x.dtype, *counted_dtype(bias, b)])
    vals = number_params(params)
    frame = _bias_frame(x, b, compute, vals, fname)
    if frame is None:
        prms = [check_real(p, "a parameter", fname) for p in params]
        z = np.add(x, b, dtype=compute)
        r = elementwise.run_ufunc(ufuncs.get(name, "cpu", False), (z, *prms), out, compute, result)
        return scalar_if_0d(r) if out is None else r
    assert vals is not None
    rows, m, bvec = frame
    xc = contiguous(x, compute)
    dst, direct = _target(out, x.shape, compute, result, [x, b])
    n, by_rows = _plan(name, x.size, rows, m, False)
    _run(name, "bias", compute == FLOAT64, [xc.reshape(rows, m), bvec, dst.reshape(rows, m)],
         [], rows, m, n, by_rows, vals)
    return _deliver(dst, out, result, direct, fname)


def bias_backward(name: str, grad, x, params, bias, out, fname: str):
    """``(dx, db)`` of ``f(x + bias)``: ``grad * f'(x + b)`` and its sum to ``bias``'s shape."""
    if out is None and _small(x, bias, grad) and (vals := _floats(params)) is not None:
        m = bias.shape[0]
        rows = x.size // m
        dst = np.empty(x.shape, x.dtype)
        acc, comp = np.zeros(m), np.zeros(m)
        fused_loop(name, "bias_backward", x.dtype is FLOAT64, False)(
            grad.reshape(rows, m), x.reshape(rows, m), bias, dst.reshape(rows, m), acc, comp,
            0, rows, 0, m, *vals)
        return dst, (acc + comp).astype(x.dtype)
    g = check_real(grad, "grad", fname)
    x = check_real(x, "x", fname)
    b = check_real(bias, "bias", fname)
    out_dx, out_db = _outs(out, 2, fname)
    compute, result = compute_dtypes([*counted_dtype(grad, g), x.dtype, *counted_dtype(bias, b)])
    vals = number_params(params)
    frame = _bias_frame(x, b, compute, vals, fname) if g.shape == x.shape else None
    if frame is None:
        prms = [check_real(p, "a parameter", fname) for p in params]
        z = np.add(x, b, dtype=compute)
        full = np.broadcast_shapes(g.shape, z.shape)
        if full != z.shape:
            raise ValueError(f"fastact.{fname}: grad has shape {g.shape}; the output has "
                             f"shape {z.shape}")
        d = elementwise.run_ufunc(ufuncs.get(name, "cpu", True), (g, z, *prms), None, compute,
                                  compute)
        dx = reduce_to(d, x.shape).astype(compute) if x.shape != d.shape else d
        db = reduce_to(d, b.shape)
        return (_deliver(dx, out_dx, result, False, fname, "out[0]"),
                _deliver(db.astype(compute), out_db, result, False, fname, "out[1]"))
    assert vals is not None
    rows, m, bvec = frame
    gc = contiguous(g, compute)
    xc = contiguous(x, compute)
    dst, direct = _target(out_dx, x.shape, compute, result, [g, x, b])
    n, by_rows = _plan(name, x.size, rows, m, True)
    acc, comp = _sums(n if (n > 1 and by_rows) else 1, m, True)
    _run(name, "bias_backward", compute == FLOAT64,
         [gc.reshape(rows, m), xc.reshape(rows, m), bvec, dst.reshape(rows, m)], [acc, comp],
         rows, m, n, by_rows, vals)
    if trailing(x.shape, b.shape) == 0:  # a scalar bias: every partial sum in one
        db = np.full(b.shape, math.fsum([*acc.ravel(), *comp.ravel()]))
    else:
        db = _combine(acc, comp).reshape(b.shape)
    return (_deliver(dst, out_dx, result, direct, fname, "out[0]"),
            _deliver(db.astype(compute), out_db, result, False, fname, "out[1]"))


# -- gated units ---------------------------------------------------------------------------

def contiguous(a: np.ndarray, dt, shape=None) -> np.ndarray:
    """``a`` (broadcast to ``shape``) as a C-contiguous array of ``dt`` that the loops take.

    Writeable: a read-only input (a broadcast view, a read-only memory map) is copied, since
    the loops write through their input where ``out`` is it (in place), which Numba
    does not compile for a read-only array's type.
    """
    if shape is not None and a.shape != tuple(shape):
        a = np.broadcast_to(a, shape)
    r = np.ascontiguousarray(a, dt)
    return r if r.flags.writeable else r.copy()


_NEGZERO: dict = {}


def _negzero(m: int, dt) -> np.ndarray:
    """A bias of -0.0: ``x + (-0.0)`` is ``x`` for every ``x``, -0.0 and NaN included.

    Kept for the next call of that length and dtype (``np.full`` costs about 1.5 us); the
    loops only read it (it stays writeable: see :func:`contiguous`).
    """
    key = (m, dt)
    found = _NEGZERO.get(key)
    if found is None:
        if len(_NEGZERO) > 64:
            _NEGZERO.clear()
        found = _NEGZERO[key] = np.full(m, -0.0, dt)
    return found


class _Gated:
    """One call's frame: the arrays as the loops take them, and how to give results back."""

    def __init__(self, name, x, value, axis, gate, bias, params, fname, grad=None):
        self.fname = fname
        self.gi = gate_index(gate, fname)
        self.pair = value is not None
        x = check_real(x, "x" if not self.pair else "gate", fname)
        arrays = [x]
        if self.pair:
            arrays.append(check_real(value, "value", fname))
        if self.pair:
            if bias is not None and not (isinstance(bias, tuple) and len(bias) == 2):
                raise TypeError(f"fastact.{fname}: with two inputs, bias must be a pair "
                                "(bias of the gate, bias of the value), either may be None")
            biases = list(bias) if bias is not None else [None, None]
        else:
            biases = [bias]
        self.biases = [None if b is None else check_real(b, "bias", fname) for b in biases]
        g = None if grad is None else check_real(grad, "grad", fname)
        dts = [a.dtype for a in arrays]
        for given, b in zip(biases, self.biases):
            dts += counted_dtype(given, b) if b is not None else []
        self.compute, self.result = compute_dtypes(dts + ([] if g is None else counted_dtype(grad, g)))
        self.f64 = self.compute == FLOAT64
        vals = number_params(params)
        if vals is None:
            raise TypeError(f"fastact.{fname}: the activation's parameters must be numbers")
        self.vals: list[float] = vals
        self.inputs = arrays
        self.pre: tuple | None = None  # the inputs and biases, where a bias was added first
        c = self.compute
        if not self.pair:
            x = arrays[0]
            if x.ndim == 0:
                raise ValueError(f"fastact.{fname}: x must have at least one dimension to "
                                 "split in two halves")
            ax = self.axis = single_axis(axis, x.ndim, fname)
            b = self.biases[0]
            if b is not None and not covers(x.shape, b.shape, ax):
                self.pre = (x, b)
                x = np.add(x, b, dtype=c)
                b = None
            n = x.shape[ax]
            if n % 2:
                raise ValueError(f"fastact.{fname}: axis {ax} has length {n}; it must be even "
                                 "(two halves: gate and value)")
            self.shape_in = x.shape
            self.shape = x.shape[:ax] + (n // 2,) + x.shape[ax + 1:]
            self.rows = math.prod(x.shape[:ax])
            self.m = (n // 2) * math.prod(x.shape[ax + 1:])
            xc = contiguous(x, c).reshape(self.rows, 2, self.m)
            self.g3 = self.v3 = xc
            self.vi = 1 - self.gi
            if b is not None:
                b2 = contiguous(b, c, x.shape[ax:]).reshape(2, self.m)
                self.bg, self.bv = b2[self.gi].copy(), b2[self.vi].copy()
                self.want_db = True
            else:
                self.bg = self.bv = _negzero(self.m, c)
                self.want_db = False
        else:
            gx, vx = arrays
            bg, bv = self.biases
            try:
                self.shape = np.broadcast_shapes(gx.shape, vx.shape)
            except ValueError:
                raise ValueError(f"fastact.{fname}: the gate {gx.shape} and the value "
                                 f"{vx.shape} do not broadcast together") from None
            m = None
            given = [bb for bb in (bg, bv) if bb is not None]
            ok = all(np.broadcast_shapes(self.shape, bb.shape) == self.shape for bb in given)
            ms = {trailing(self.shape, bb.shape) for bb in given}
            if ok and given and len(ms - {0}) <= 1 and None not in ms:
                m = max(int(k or 0) for k in ms) or width(self.shape)
            elif not given:
                m = width(self.shape)
            if m is None or self.shape == ():  # biases elsewhere: added first, unfused
                self.pre = (gx, vx, bg, bv)
                gx = gx if bg is None else np.add(gx, bg, dtype=c)
                vx = vx if bv is None else np.add(vx, bv, dtype=c)
                self.shape = np.broadcast_shapes(gx.shape, vx.shape)
                bg = bv = None
                m = width(self.shape)
            self.m = max(m, 1)
            size = math.prod(self.shape)
            self.rows = size // self.m if self.m else 0
            self.shape_in = self.shape
            self.g3 = contiguous(gx, c, self.shape).reshape(self.rows, 1, self.m)
            self.v3 = contiguous(vx, c, self.shape).reshape(self.rows, 1, self.m)
            self.gi = self.vi = 0
            self.bg = self._bvec(bg)
            self.bv = self._bvec(bv)
            self.want_db = bg is not None or bv is not None
        self.grad = None
        if g is not None:
            try:
                fits = np.broadcast_shapes(g.shape, self.shape) == self.shape
            except ValueError:
                fits = False
            if not fits:
                raise ValueError(f"fastact.{fname}: grad has shape {g.shape}; the output has "
                                 f"shape {self.shape}")
            self.grad = contiguous(g, c, self.shape).reshape(self.rows, self.m)

    def _bvec(self, b):
        if b is None:
            return _negzero(self.m, self.compute)
        if trailing(self.shape, b.shape) == 0:
            return np.full(self.m, np.asarray(b, self.compute).reshape(()))
        return contiguous(b, self.compute).reshape(self.m)


def _small_split(x, value, axis, gate, bias, out) -> bool:
    """Whether a gated call is the common small one: one serial loop, few Python steps.

    One float32/float64 C array split along its last axis, no bias, no ``out``, below the
    split threshold.
    """
    if value is not None or bias is not None or out is not None or type(x) is not np.ndarray:
        return False
    if (x.dtype is not FLOAT64 and x.dtype is not FLOAT32) or not x.flags.carray:
        return False
    if not x.ndim or axis not in (-1, x.ndim - 1) or type(axis) is not int or x.shape[-1] % 2:
        return False
    return gate in GATES and 0 < x.size < threads.NATIVE_MIN_SIZE


def gated_forward(name: str, params, x, value, axis, gate, bias, out, fname: str):
    """``f(gate + bg) * (value + bv)``: one array split along ``axis``, or two arrays."""
    if _small_split(x, value, axis, gate, bias, out) and (vals := _floats(params)) is not None:
        m = x.shape[-1] // 2
        rows = x.size // (2 * m)
        res = np.empty(x.shape[:-1] + (m,), x.dtype)
        gi = GATES[gate]
        nz = _negzero(m, x.dtype)
        x3 = x.reshape(rows, 2, m)
        fused_loop(name, "gated", x.dtype is FLOAT64, False)(
            x3, gi, x3, 1 - gi, nz, nz, res.reshape(rows, m), 0, rows, 0, m, *vals)
        return res
    fr = _Gated(name, x, value, axis, gate, bias, params, fname)
    (out,) = _outs(out, 1, fname)
    size = math.prod(fr.shape)
    dst, direct = _target(out, fr.shape, fr.compute, fr.result, fr.inputs)
    if size:
        n, by_rows = _plan(name, size, fr.rows, fr.m, False)
        _run(name, "gated", fr.f64, [fr.g3, fr.gi, fr.v3, fr.vi, fr.bg, fr.bv,
                                     dst.reshape(fr.rows, fr.m)], [], fr.rows, fr.m, n, by_rows,
             fr.vals)
    return _deliver(dst, out, fr.result, direct, fname)


def gated_backward(name: str, params, grad, x, value, axis, gate, bias, out, fname: str):
    """The gradients of a gated unit, from one pass (``f`` recomputed from the inputs).

    One array: ``dx`` (``x``'s shape, both halves), with ``bias``: ``(dx, dbias)``.  Two
    arrays: ``(dgate, dvalue)``, with ``bias``: ``(dgate, dvalue, dbias_gate, dbias_value)``
    (None for a bias not given).
    """
    fr = _Gated(name, x, value, axis, gate, bias, params, fname, grad=grad)
    c = fr.compute
    size = math.prod(fr.shape)
    if not fr.pair:
        d3 = np.empty((fr.rows, 2, fr.m), c)
        dg3 = dv3 = d3
    else:
        dg3 = np.empty((fr.rows, 1, fr.m), c)
        dv3 = np.empty((fr.rows, 1, fr.m), c)
    n, by_rows = _plan(name, size, fr.rows, fr.m, fr.want_db) if size else (1, True)
    parts = n if (n > 1 and by_rows) else 1
    accs = [*_sums(parts, fr.m, fr.want_db), *_sums(parts, fr.m, fr.want_db)]
    if size:
        _run(name, "gated_backward", fr.f64,
             [fr.grad, fr.g3, fr.gi, fr.v3, fr.vi, fr.bg, fr.bv, dg3, dv3, fr.want_db], accs,
             fr.rows, fr.m, n, by_rows, fr.vals)
    sums = [_combine(accs[0], accs[1]), _combine(accs[2], accs[3])] if fr.want_db else None
    if not fr.pair:
        return _split_grads(fr, d3, sums, out)
    return _pair_grads(fr, dg3, dv3, sums, out)


def _split_grads(fr: _Gated, d3, sums, out):
    fname = fr.fname
    dx = d3.reshape(fr.shape_in)
    bias = fr.biases[0]
    outs = _outs(out, 2 if bias is not None else 1, fname)
    if fr.pre is not None:  # the bias was added first: its gradient is dx summed to it
        x, b = fr.pre[0], fr.pre[1]
        db = reduce_to(dx, b.shape)
        if x.shape != dx.shape:
            dx = reduce_to(dx, x.shape).astype(fr.compute)
        return (_deliver(dx, outs[0], fr.result, False, fname, "out[0]"),
                _deliver(db.astype(fr.compute), outs[1], fr.result, False, fname, "out[1]"))
    r = _deliver(dx, outs[0], fr.result, False, fname, "out[0]" if bias is not None else "out")
    if bias is None:
        return r
    assert sums is not None
    db2 = np.empty((2, fr.m))
    db2[fr.gi], db2[1 - fr.gi] = sums
    db = db2.reshape(bias.shape)
    return r, _deliver(db.astype(fr.compute), outs[1], fr.result, False, fname, "out[1]")


def _pair_grads(fr: _Gated, dg3, dv3, sums, out):
    fname = fr.fname
    bg, bv = fr.biases
    with_bias = bg is not None or bv is not None
    outs = _outs(out, 4 if with_bias else 2, fname)
    dgf, dvf = dg3.reshape(fr.shape), dv3.reshape(fr.shape)
    if fr.pre is not None:
        gx, vx, bg0, bv0 = fr.pre
        grads = [dgf, dvf, None if bg0 is None else reduce_to(dgf, bg0.shape),
                 None if bv0 is None else reduce_to(dvf, bv0.shape)]
        shapes = [gx.shape, vx.shape]
    else:
        gx, vx = fr.inputs
        grads = [dgf, dvf, None, None]
        if sums is not None:
            for i, b in ((2, bg), (3, bv)):
                if b is not None:
                    s = sums[i - 2]
                    grads[i] = (np.full(b.shape, math.fsum(s))
                                if trailing(fr.shape, b.shape) == 0 else s.reshape(b.shape))
        shapes = [gx.shape, vx.shape]
    for i in (0, 1):
        if grads[i].shape != shapes[i]:
            grads[i] = reduce_to(grads[i], shapes[i]).astype(fr.compute)
    res = [None if gr is None else _deliver(np.asarray(gr).astype(fr.compute, copy=False),
                                            outs[i], fr.result, False, fname, f"out[{i}]")
           for i, gr in enumerate(grads)]
    return tuple(res if with_bias else res[:2])
