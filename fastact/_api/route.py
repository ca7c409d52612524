"""The one router: where a call goes for each kind of array (:func:`fastact._core.kinds.of`).

* Elementwise functions (:func:`elementwise`, for every call the CPU fast path does not
  take): CUDA arrays to the CUDA launcher (:mod:`fastact._cuda.elementwise`); objects
  with ``__array_ufunc__`` (Dask, xarray, ...) to fastact's ufunc by the ufunc protocol,
  so that they stay lazy and keep their labels; everything else to the CPU's ufunc path
  (:func:`fastact._cpu.elementwise.on_ndarrays`).
* Axis functions (:func:`along_axis`, a decorator of each public one): NumPy arrays
  straight to the function; CUDA arrays to :mod:`fastact._cuda.axis`; Dask arrays mapped
  block by block (the axis must be one chunk, else a ValueError says how to rechunk); an
  xarray DataArray comes back as a DataArray with its dims and the coordinates that
  still fit.

``_cuda`` is imported here only when a CUDA array is seen.
"""

from __future__ import annotations

import functools
import inspect

import numpy as np

from .._core import kinds
from .._core.axes import normalize_axes, single_axis
from .._core.dtypes import result_dtypes
from .._cpu import elementwise as cpu


def elementwise(name: str, backward: bool, arrays, params, out, fname: str):
    """``fastact.NAME`` (or its backward) for every call the CPU fast path does not take."""
    where = kinds.of(arrays, params)
    if where == "cuda":
        from .._cuda import elementwise as cuda

        return cuda.launch(name, backward, arrays, params, out)
    if where != "numpy":
        return cpu.by_protocol(name, backward, (*arrays, *params), out)
    return cpu.on_ndarrays(name, backward, arrays, params, out, fname)


def call(name: str, backward: bool, arrays, params, out, fname: str):
    """``fastact.NAME`` as its public function runs it: the CPU fast path, else :func:`elementwise`.

    (The generated public functions make this call themselves, one Python call less.)
    """
    return cpu.call(name, backward, arrays, params, out, fname, elementwise)


def along_axis(kind: str, narrays: int):
    """Decorate an axis function whose first ``narrays`` arguments are arrays.

    ``kind`` says how the axis changes: ``same``, ``reduce`` (logsumexp), ``shrink``
    (glu, maxout), ``grow`` (their backward: grad is shorter than x), ``expand``
    (logsumexp_backward: grad lacks the axis), ``loss`` (the losses: NumPy, CUDA
    (:mod:`fastact._cuda.losses`) and Dask, block by block).
    """

    def deco(fn):
        sig = inspect.signature(fn)
        names = list(sig.parameters)[:narrays]

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if len(args) >= narrays and all(type(a) is np.ndarray for a in args[:narrays]):
                return fn(*args, **kwargs)  # NumPy arrays: the common call, no other checks
            arrs = list(args[:narrays]) + [kwargs[n] for n in names[len(args):] if n in kwargs]
            where = kinds.of(arrs)
            if where == "cuda":
                from .._cuda import axis as cuda_axis
                from .._cuda import losses as cuda_losses

                cuda = cuda_losses if kind == "loss" else cuda_axis

                for kw in ("out", "dtype", "where", "b", "return_sign"):  # CPU only
                    if kwargs.get(kw, None) not in (None, False):
                        raise TypeError(f"fastact.{fn.__name__}: {kw}= is not supported for "
                                        "CUDA arrays (cast first, or use the returned array)")
                    kwargs.pop(kw, None)
                if not hasattr(cuda, fn.__name__):
                    raise TypeError(f"fastact.{fn.__name__} has no CUDA kernel yet: copy the "
                                    "array to the host (it runs there in float64)")
                return getattr(cuda, fn.__name__)(*args, **kwargs)
            if where == "collection":
                bound = sig.bind(*args, **kwargs)
                bound.apply_defaults()
                return _apply_collection(fn, kind, names, dict(bound.arguments))
            return fn(*args, **kwargs)

        return wrapper

    return deco


def _apply_collection(fn, kind, names, arguments):
    if kind == "loss":
        arrs = [arguments[n] for n in names]
        if any(kinds.is_xarray(a) for a in arrs):
            raise TypeError(f"fastact.{fn.__name__}: xarray is not supported for the losses: "
                            "pass its .data (NumPy or Dask)")
        return _apply_dask_loss(fn, names, arguments)
    arrs = [arguments.pop(n) for n in names]
    main = arrs[-1]
    if kinds.is_xarray(main) or any(kinds.is_xarray(a) for a in arrs):
        return _apply_xarray(fn, kind, names, arrs, arguments)
    return _apply_dask(fn, kind, arrs, arguments)


def _apply_dask(fn, kind, arrs, arguments):
    import dask.array as da

    arrs = [a if kinds.is_dask(a) else da.asarray(a) for a in arrs]
    main = arrs[-1]
    name = fn.__name__
    if kind in ("shrink", "grow"):
        axes: tuple[int, ...] = (single_axis(arguments.get("axis", -1), max(main.ndim, 1), name),)
    else:
        axes = normalize_axes(arguments.get("axis", -1), max(main.ndim, 1), name)
    if arguments.get("out") is not None:
        raise TypeError(f"fastact.{name}: out= is not supported for Dask arrays (the result "
                        "is lazy): store it with da.store or compute it first")
    if arguments.get("where") is not None:
        raise TypeError(f"fastact.{name}: where= is not supported for Dask arrays: mask the "
                        "input first (da.where(mask, x, -np.inf) for softmax)")
    if arguments.get("b") is not None or arguments.get("return_sign"):
        raise TypeError(f"fastact.{name}: b= and return_sign= are not supported for Dask "
                        "arrays")
    for a in arrs:
        for ax in axes:
            if a.ndim == main.ndim and len(a.chunks[ax]) != 1:
                raise ValueError(
                    f"fastact.{name}: the Dask array has {len(a.chunks[ax])} chunks along axis "
                    f"{ax}; it must be one chunk there: x.rechunk({{{ax}: -1}})"
                )
    if arguments.get("dtype") is not None:
        dtype = np.dtype(arguments["dtype"])
    else:
        dtype = result_dtypes(arrs)[1]
    kw = dict(arguments, axis=axes if len(axes) != 1 else axes[0])
    ax = axes[0] if axes else main.ndim

    def block(*blocks):
        return fn(*blocks, **kw)

    if kind == "same":
        return da.map_blocks(block, *arrs, dtype=dtype)
    if kind == "reduce":
        keep = arguments.get("keepdims", False)
        chunks = tuple((1,) if i in axes else c for i, c in enumerate(main.chunks))
        if keep:
            return da.map_blocks(block, main, dtype=dtype, chunks=chunks)
        return da.map_blocks(block, main, dtype=dtype, drop_axis=list(axes))
    if kind == "shrink":
        k = arguments.get("k", 2)
        n = main.shape[ax]
        if n % k:  # the eager function raises the error that explains it
            fn(np.empty((1,) * ax + (n,)), **kw)
        chunks = tuple((n // k,) if i == ax else c for i, c in enumerate(main.chunks))
        return da.map_blocks(block, main, dtype=dtype, chunks=chunks)
    if kind == "grow":
        return da.map_blocks(block, *arrs, dtype=dtype, chunks=main.chunks)
    if kind == "expand":
        g, x = arrs
        if g.ndim == x.ndim - len(axes):
            g = da.expand_dims(g, axes)
        return da.map_blocks(block, g, x, dtype=dtype, chunks=x.chunks)
    raise AssertionError(kind)  # pragma: no cover


def _apply_dask_loss(fn, names, arguments):
    """A loss of Dask arrays, block by block: any chunks, but one along the class axis.

    The sigmoid binary cross-entropy is elementwise (its operands broadcast and chunked
    alike); the softmax cross-entropy takes whole rows, so its labels and ``grad`` are
    given the logits' chunks, with the class axis as one chunk of size 1.
    """
    import dask.array as da

    name = fn.__name__
    for kw in ("out", "where"):
        if arguments.get(kw) is not None:
            raise TypeError(f"fastact.{name}: {kw}= is not supported for Dask arrays: "
                            + ("the result is lazy; store it with da.store or compute it first"
                               if kw == "out" else "mask the logits first (da.where(mask, x, "
                               "-np.inf)) and give masked rows ignore_index"))
    ops = {n: arguments.pop(n) for n in names}
    backward = "grad" in ops
    dtype = result_dtypes([a if kinds.is_dask(a) else np.asarray(a)
                           for a in ([ops["grad"]] if backward else []) + [ops["logits"]]])[1]
    if "targets" in ops:  # elementwise
        pw = arguments.pop("pos_weight")
        arrs = [*ops.values()] + ([] if pw is None else [pw])
        arrs = da.broadcast_arrays(*(a if kinds.is_dask(a) else da.asarray(a) for a in arrs))

        def elementwise(*blocks):
            kw = dict(arguments, pos_weight=blocks[-1] if pw is not None else None)
            return fn(*blocks[:len(ops)], **kw)

        return da.map_blocks(elementwise, *arrs, dtype=dtype)
    x = ops["logits"] if kinds.is_dask(ops["logits"]) else da.asarray(ops["logits"])
    if x.ndim == 0:
        fn(np.empty(()), 0)  # the eager function raises the error that explains it
    ax = single_axis(arguments.pop("axis"), x.ndim, name)
    if len(x.chunks[ax]) != 1:
        raise ValueError(f"fastact.{name}: the Dask array has {len(x.chunks[ax])} chunks along "
                         f"the class axis {ax}; it must be one chunk there: x.rechunk({{{ax}: -1}})")
    rows = x.shape[:ax] + x.shape[ax + 1:]
    per_row = x.chunks[:ax] + ((1,),) + x.chunks[ax + 1:]
    if arguments.get("weight") is not None:
        arguments["weight"] = np.asarray(arguments["weight"])

    def as_rows(a):
        """``a`` broadcast to one value per row, with a class axis of 1 (the logits' chunks)."""
        a = a if kinds.is_dask(a) else da.asarray(a)
        return da.expand_dims(da.broadcast_to(a, rows), ax).rechunk(per_row)

    lab = ops["labels"]
    ldt = lab.dtype if kinds.is_dask(lab) else np.asarray(lab).dtype
    index = ldt.kind in "iu"
    if index:
        labels = as_rows(lab)
    else:
        labels = da.broadcast_to(lab if kinds.is_dask(lab) else da.asarray(lab), x.shape)
        labels = labels.rechunk(x.chunks)

    def rows_of(a):
        return np.squeeze(a, ax)

    if backward:
        def grad_block(g, xb, lb):
            return fn(rows_of(g), xb, rows_of(lb) if index else lb, axis=ax, **arguments)

        return da.map_blocks(grad_block, as_rows(ops["grad"]), x, labels, dtype=dtype,
                             chunks=x.chunks)

    def loss_block(xb, lb):
        return fn(xb, rows_of(lb) if index else lb, axis=ax, **arguments)

    return da.map_blocks(loss_block, x, labels, dtype=dtype, drop_axis=ax)


def _apply_xarray(fn, kind, names, arrs, arguments):
    import xarray as xr

    main = arrs[-1]
    datas = [a.data if kinds.is_xarray(a) else a for a in arrs]
    dims = main.dims
    if kind in ("shrink", "grow"):
        axes: tuple[int, ...] = (single_axis(arguments.get("axis", -1), len(dims), fn.__name__),)
    else:
        axes = normalize_axes(arguments.get("axis", -1), len(dims), fn.__name__)
    res = along_axis(kind, len(arrs))(fn)(*datas, **arguments)
    gone = {dims[a] for a in axes}
    if kind in ("same", "grow", "expand"):
        coords = {k: v for k, v in main.coords.items()}
        return xr.DataArray(res, dims=dims, coords=coords, name=main.name, attrs=main.attrs)
    keep = kind == "reduce" and arguments.get("keepdims", False)
    new_dims = dims if (kind == "shrink" or keep) else tuple(d for d in dims if d not in gone)
    coords = {k: v for k, v in main.coords.items() if not gone & set(v.dims)}
    return xr.DataArray(res, dims=new_dims, coords=coords, name=main.name, attrs=main.attrs)
