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
from .._core.dtypes import result_dtypes, weak_as_arrays
from .._core.frames import gate_index
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


def biased(name: str, backward: bool, arrays, params, bias, out, fname: str):
    """``fastact.NAME(x, bias=b)`` and ``NAME_backward(grad, x, bias=b)`` -> ``(dx, db)``.

    NumPy inputs (anything ``np.asarray`` takes) run the fused loops
    (:mod:`fastact._cpu.fused`), CUDA arrays the fused kernels (:mod:`fastact._cuda.fused`)
    where their layout allows.  Anything else runs as two calls, ``x + b`` by the arrays'
    own addition and ``f`` as fastact runs it for them (the CUDA kernels, the ufunc
    protocol), ``db`` summed by their own ``sum``: lazy for Dask, on the device for
    CuPy/PyTorch.
    """
    where = kinds.of([*arrays, bias], params)
    if where == "numpy" and not _fused(name):  # no fused loops: x + b, then f
        return call(name, backward, [*arrays[:-1], _add(np.asarray(arrays[-1]), bias, fname)],
                    params, out, fname)
    if where == "numpy":
        from .._cpu import fused

        if backward:
            return fused.bias_backward(name, arrays[0], arrays[1], params, bias, out, fname)
        return fused.bias_forward(name, arrays[0], params, bias, out, fname)
    if where == "cuda" and _fused(name):
        from .._cuda import fused as cuda_fused

        r = cuda_fused.bias_call(name, backward, arrays, params, bias, out, fname)
        if r is not NotImplemented:
            return r
    z = _add(arrays[-1], bias, fname)
    if not backward:
        return elementwise(name, False, [z], params, out, fname)
    if out is not None:
        raise TypeError(f"fastact.{fname}: out= with bias= takes NumPy arrays only")
    d = elementwise(name, True, [arrays[0], z], params, None, fname)
    return sum_to(d, arrays[1], fname), sum_to(d, bias, fname)


def gated(name: str, params, x, value, axis, gate, bias, out, fname: str, grad=None):
    """A gated unit ``f(gate + bg) * (value + bv)`` (its backward if ``grad`` is given).

    NumPy inputs run the fused loops (:mod:`fastact._cpu.fused`), CUDA arrays the fused
    kernels (:mod:`fastact._cuda.fused`) where their layout allows; anything else runs as
    separate calls: the arrays' own slicing, addition, multiplication and concatenation,
    and fastact's ``f`` and ``f'`` as :func:`elementwise` runs them for those kinds.
    """
    if (type(x) is np.ndarray and value is None and bias is None
            and (grad is None or type(grad) is np.ndarray)):
        from .._cpu import fused  # (the common calls: one NumPy array, no bias)

        if grad is None:
            return fused.gated_forward(name, params, x, value, axis, gate, bias, out, fname)
        return fused.gated_backward(name, params, grad, x, value, axis, gate, bias, out, fname)
    arrays = [a for a in (grad, x, value) if a is not None]
    biases = list(bias) if isinstance(bias, tuple) else [bias]
    where = kinds.of(arrays + [b for b in biases if b is not None], params)
    if where == "numpy":
        from .._cpu import fused

        if grad is None:
            return fused.gated_forward(name, params, x, value, axis, gate, bias, out, fname)
        return fused.gated_backward(name, params, grad, x, value, axis, gate, bias, out, fname)
    if where == "cuda":
        from .._cuda import fused as cuda_fused

        r = cuda_fused.gated_call(name, params, x, value, axis, gate, bias, out, fname, grad)
        if r is not NotImplemented:
            return r
    gi = gate_index(gate, fname)
    if out is not None:
        raise TypeError(f"fastact.{fname}: out= takes NumPy arrays only (use the result)")
    if value is None:
        z = x if bias is None else _add(x, bias, fname)
        ax = single_axis(axis, len(z.shape), fname)
        n = z.shape[ax]
        if n % 2:
            raise ValueError(f"fastact.{fname}: axis {ax} has length {n}; it must be even "
                             "(two halves: gate and value)")
        halves = [z[(slice(None),) * ax + (slice(0, n // 2),)],
                  z[(slice(None),) * ax + (slice(n // 2, n),)]]
        g, v = halves[gi], halves[1 - gi]
    else:
        if bias is not None and not (isinstance(bias, tuple) and len(bias) == 2):
            raise TypeError(f"fastact.{fname}: with two inputs, bias must be a pair (bias of "
                            "the gate, bias of the value), either may be None")
        bg, bv = bias if bias is not None else (None, None)
        g = x if bg is None else _add(x, bg, fname)
        v = value if bv is None else _add(value, bv, fname)
    fg = elementwise(name, False, [g], params, None, fname)
    if grad is None:
        return fg * v
    dg = elementwise(name, True, [grad * v, g], params, None, fname)
    dv = grad * fg
    if value is None:
        dz = _concat([dg, dv] if gi == 0 else [dv, dg], ax)
        if bias is None:
            return dz
        return sum_to(dz, x, fname), sum_to(dz, bias, fname)
    res = [sum_to(dg, x, fname), sum_to(dv, value, fname)]
    if bias is None:
        return tuple(res)
    return (*res, None if bg is None else sum_to(dg, bg, fname),
            None if bv is None else sum_to(dv, bv, fname))


def _fused(name: str) -> bool:
    """Whether ``name`` has fused loops (the higher derivatives have none)."""
    from .._spec.registry import lookup

    return lookup(name).order == 0


def _add(a, b, fname: str):
    try:
        return a + b
    except TypeError:
        raise TypeError(f"fastact.{fname}: these arrays cannot be added ({type(a).__name__} + "
                        f"{type(b).__name__}); numba's device arrays have no arithmetic: pass "
                        "CuPy arrays or PyTorch tensors") from None


def _concat(parts, axis: int):
    if type(parts[0]).__module__.split(".")[0] == "torch":
        import torch

        return torch.cat(parts, dim=axis)
    return np.concatenate(parts, axis=axis)


def sum_to(a, like, fname: str):
    """``a`` summed to ``like``'s shape: the gradient of an operand that was broadcast.

    ``a`` (their own kind: Dask, CuPy, PyTorch) is summed by its own ``sum`` over the axes
    along which ``like`` was broadcast.
    """
    shape = tuple(np.shape(like)) if not hasattr(like, "shape") else tuple(like.shape)
    if tuple(a.shape) == shape:
        return a
    lead = len(a.shape) - len(shape)
    axes = tuple(i for i in range(len(a.shape))
                 if i < lead or (shape[i - lead] == 1 and a.shape[i] != 1))
    if type(a).__module__.split(".")[0] == "torch":
        r = a.sum(dim=axes, keepdim=True)
    else:
        r = a.sum(axis=axes, keepdims=True)
    return r.reshape(shape)


def along_axis(kind: str, narrays: int):
    """Decorate an axis function whose first ``narrays`` arguments are arrays.

    ``kind`` says how the axis changes: ``same``, ``reduce`` (logsumexp), ``shrink``
    (glu, maxout), ``grow`` (their backward: grad is shorter than x), ``expand``
    (logsumexp_backward: grad lacks the axis), ``loss`` (the losses: NumPy, CUDA
    (:mod:`fastact._cuda.losses`) and Dask, block by block).
    """
    if narrays not in (1, 2, 3):  # (the common call's test below names each)
        raise ValueError(f"along_axis takes 1 to 3 arrays, not {narrays}")

    def deco(fn):
        sig = inspect.signature(fn)
        names = list(sig.parameters)[:narrays]

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            # NumPy arrays: the common call, no other checks (a test per array, not a
            # generator over them: 0.06-0.10 us against 0.29-0.34)
            if (len(args) >= narrays and type(args[0]) is np.ndarray
                    and (narrays < 2 or type(args[1]) is np.ndarray)
                    and (narrays < 3 or type(args[2]) is np.ndarray)):
                return fn(*args, **kwargs)
            arrs = list(args[:narrays]) + [kwargs[n] for n in names[len(args):] if n in kwargs]
            where = kinds.of(arrs)
            if where == "cuda":
                from .._cuda import axis as cuda_axis
                from .._cuda import losses as cuda_losses

                cuda = cuda_losses if kind == "loss" else cuda_axis
                out = kwargs.pop("out", None)
                if out is not None and not kinds.is_cuda_input(out):
                    raise TypeError(f"fastact.{fn.__name__}: out= must be a CUDA array for "
                                    "CUDA inputs")
                for kw in ("dtype", "where", "b", "return_sign", "return_stats", "stats"):  # CPU only
                    if kwargs.get(kw) is not None and kwargs.get(kw) is not False:
                        raise TypeError(f"fastact.{fn.__name__}: {kw}= is not supported for "
                                        "CUDA arrays (cast first, or use the returned array)")
                    kwargs.pop(kw, None)
                if not hasattr(cuda, fn.__name__):
                    raise TypeError(f"fastact.{fn.__name__} has no CUDA kernel yet: copy the "
                                    "array to the host (it runs there in float64)")
                result = getattr(cuda, fn.__name__)(*args, **kwargs)
                if out is None:
                    return result
                from .._cuda import layouts as cuda_layouts

                return cuda_layouts.write_out(result, out, fn.__name__)
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

    arrs = [a if kinds.is_dask(a) else da.asarray(a) for a in weak_as_arrays(arrs)]
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
    for kw in ("out", "where", "return_stats", "stats"):
        if arguments.get(kw) is not None and arguments.get(kw) is not False:
            raise TypeError(f"fastact.{name}: {kw}= is not supported for Dask arrays: " + {
                "out": "the result is lazy; store it with da.store or compute it first",
                "where": "mask the logits first (da.where(mask, x, -np.inf)) and give masked "
                         "rows ignore_index"}.get(kw, "the backward of each block computes its "
                                                   "rows' statistics itself"))
        arguments.pop(kw, None) if kw in ("return_stats", "stats") else None
    ops = {n: arguments.pop(n) for n in names}
    backward = "grad" in ops
    if backward:  # (a Python number for grad is weak: _core.dtypes)
        ops["grad"], ops["logits"] = weak_as_arrays([ops["grad"], ops["logits"]])
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


def double_backward(name: str, arrays, params, out, fname: str):
    """``fastact.NAME_double_backward(gg, grad, x)``: ``(gg f'(x), gg grad f''(x))``.

    NumPy input runs the one-pass loop (:mod:`fastact._cpu.curvature`), CUDA arrays the
    one-pass kernel (:func:`fastact._cuda.elementwise.launch_double_backward`) for a
    built-in.  Anything else (Dask, xarray; a user activation on CUDA arrays) runs as
    ``NAME_backward(gg, x)`` and ``gg * grad * NAME_derivative2(x)`` by the arrays' own
    arithmetic: lazy for Dask, on the device for CuPy/PyTorch.
    """
    from .._spec.registry import builtin, derivative_name

    where = kinds.of(arrays, params)
    if where == "numpy":
        from .._cpu import curvature

        return curvature.double_backward(name, arrays, params, out, fname)
    if where == "cuda" and builtin(name):
        from .._cuda import elementwise as cuda

        return cuda.launch_double_backward(name, arrays, params, out)
    if out is not None:
        raise TypeError(f"fastact.{fname}: out= takes NumPy arrays, or CUDA arrays of a built-in")
    gg, grad, x = arrays
    dgrad = elementwise(name, True, [gg, x], params, None, fname)
    second = elementwise(derivative_name(name, 2), False, [x], params, None, fname)
    try:
        return dgrad, gg * grad * second
    except TypeError:
        raise TypeError(f"fastact.{fname}: these arrays cannot be multiplied; numba's device "
                        "arrays have no arithmetic: pass CuPy arrays or PyTorch tensors") from None
