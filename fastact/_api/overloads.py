"""fastact's elementwise functions callable inside the user's own Numba code.

``register(fn, entry, backward)`` gives a public function (``fastact.gelu``,
``fastact.gelu_backward``, ...) a Numba overload, so that inside ``@njit`` (also with
``parallel=True`` and ``prange``) ``fastact.gelu(v)`` compiles to a call of the same scalar
kernel that the ufuncs and loops call, and gives the same bits:

- a scalar ``x`` (and ``grad``) gives a scalar: float32 stays float32, integers and bools
  become float64, as outside Numba;
- an array gives a new array of ``x``'s shape (or fills ``out=``, an array of that shape
  of the compute dtype);
- the parameters are scalars (a number, or None where the Python function accepts it);
  the rules on them (``hardtanh``'s ``min_val <= max_val``) raise ValueError at run time;
  string options (``gelu``'s ``approximate``) are compared at run time.

rrelu and rrelu_backward run in evaluation mode there, and prelu_backward takes a scalar
weight (:func:`register_hand_written`).

Registering an overload compiles nothing: each use is compiled inside the user's
function, when that function compiles.  Inside CUDA kernels (``@cuda.jit``) the same
overloads take scalars (:mod:`fastact.cuda` registers them for the CUDA target when
numba-cuda is imported).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import types
from numba.core.errors import TypingError
from numba.extending import overload

from .._core.dtypes import FLOAT32, FLOAT64, compute_dtypes
from .._spec.registry import REQUIRED, Activation

_HELD_BY_FLOAT32 = frozenset((types.boolean, types.int8, types.uint8, types.int16, types.uint16))
"""Array dtypes whose every value float32 holds (float16 aside: not supported inside Numba)."""


def _is_none(t) -> bool:
    """An argument left out (Numba passes the Python default) or given as None."""
    return t is None or isinstance(t, (types.NoneType, types.Omitted)) and getattr(
        t, "value", None) is None


def _compute_type(t, what: str):
    """The float type a value of Numba type ``t`` is computed in (float32 or float64)."""
    if isinstance(t, types.Float):
        if t.bitwidth == 16:
            raise TypingError(f"fastact inside Numba: {what} float16 is not supported; "
                              "cast to float32")
        return t
    if isinstance(t, (types.Integer, types.Boolean)):
        return types.float64
    raise TypingError(f"fastact inside Numba: {what} must be a real number or an array of "
                      f"them, not {t}")


def _policy_type(ts) -> types.Float:
    """The float type the dtype policy (:mod:`fastact._core.dtypes`) computes ``ts`` in."""
    from numba.np.numpy_support import as_dtype

    compute = compute_dtypes([as_dtype(t) for t in ts])[0]
    return types.float32 if compute == FLOAT32 else types.float64


def _signature(entry: Activation, backward: bool) -> tuple[str, list[str]]:
    """The overload's signature text (the public function's, ``out`` by keyword) and names."""
    names = (["grad", "x"] if backward else ["x"]) + [p.name for p in entry.params] + ["bias", "out"]
    parts = (["grad", "x"] if backward else ["x"])
    for p in entry.params:
        parts.append(p.name if p.default is REQUIRED else f"{p.name}={p.default!r}")
    parts += ["bias=None", "out=None"]
    return ", ".join(parts), names


def _select(names, args, entry: Activation, kernels: dict, backward: bool):
    """Type-check one call (``args``: Numba types) and return its implementation."""
    n_in = 2 if backward else 1
    arrays = names[:n_in]
    values = dict(zip(names, args))
    out = values["out"]
    ins = [values[a] for a in arrays]
    is_array = [isinstance(t, types.Array) for t in ins]
    if any(is_array):  # a scalar beside an array is weak (fastact._core.dtypes; inside
        # Numba a Python 1.0 and np.float64(1.0) are one type: every scalar is)
        dts = [_compute_type(t.dtype, a) for a, t in zip(arrays, ins) if isinstance(t, types.Array)]
        for a, t in zip(arrays, ins):
            if not isinstance(t, types.Array):
                _compute_type(t, a)
    else:
        dts = [_compute_type(t, a) for a, t in zip(arrays, ins)]
    bias = values.get("bias")
    if not _is_none(bias):  # f(x + bias), and (dx, dbias) backward
        if isinstance(bias, types.Array) and not (bias.ndim == 1 and is_array[-1]):
            raise TypingError(f"fastact.{entry.name} inside Numba code: an array bias is "
                              "1-d, along the last axis of an array x")
        if backward and is_array[-1] and not is_array[0]:
            raise TypingError(f"fastact.{entry.name} inside Numba code: with bias=, grad has "
                              "x's shape")
        if not _is_none(out):
            raise TypingError(f"fastact.{entry.name} inside Numba code: out= with bias= is "
                              "the Python function's")
        if isinstance(bias, types.Array):  # a scalar bias does not promote: Numba types a
            dts.append(_compute_type(bias.dtype, "bias"))  # Python 1.5 as float64, and
        else:  # outside Numba x + 1.5 keeps a float32 x float32 (NumPy 2's rule)
            _compute_type(bias, "bias")
    ct = _policy_type(dts)
    for p in entry.params:
        t = values[p.name]
        if p.choices:
            if not isinstance(t, (str, types.UnicodeType, types.StringLiteral, types.Omitted)):
                raise TypingError(f"fastact.{entry.name}: {p.name} must be a string")
            continue
        if _is_none(t) and p.none_value is not None:
            continue
        if isinstance(t, types.Array):
            raise TypingError(f"fastact.{entry.name} inside Numba: the parameter {p.name} must "
                              "be a scalar (array parameters broadcast only outside Numba)")
        if not isinstance(t, (int, float)):  # a default left out arrives as its value
            _compute_type(t, p.name)
    src = _impl_source(entry, backward, names, values, ct, any(is_array), is_array, out)
    namespace = {"np": np, "inf": np.inf, "_ct": np.float32 if ct == types.float32 else np.float64,
                 **{f"_k_{key}": k for key, k in kernels.items()}}
    if "_L_" in src:  # the compiled loops, built now under fastact's compile options
        from .._cpu.loops import loop

        dt = FLOAT32 if ct == types.float32 else FLOAT64
        namespace.update({f"_L_{key}": loop(key, backward, dt) for key in kernels})
    exec(compile(src, f"<fastact njit {entry.name}>", "exec"), namespace)
    return namespace["impl"]


def _impl_source(entry, backward, names, values, ct, array, is_array, out) -> str:
    n_in = 2 if backward else 1
    sig = _signature(entry, backward)[0]
    lines = [f"def impl({sig}):"]
    for r in entry.rules:
        lines.append(f"    if not ({r.text}):")
        lines.append("        raise ValueError(" + repr(f"fastact.{entry.name}: {r.text} is required") + ")")
    pvals = []
    for p in entry.params:
        if p.choices:
            continue
        if _is_none(values[p.name]) and p.none_value is not None:
            lines.append(f"    _p_{p.name} = _ct({p.none_value!r})")
        else:
            lines.append(f"    _p_{p.name} = _ct({p.name})")
        pvals.append(f"_p_{p.name}")
    choice = [p for p in entry.params if p.choices]

    def call(args: list[str], indent: str) -> list[str]:
        full = ", ".join(args + pvals)
        if not choice:
            return [f"{indent}_r = _k_{entry.name}({full})"]
        p = choice[0]
        body = []
        for i, (value, key) in enumerate(p.choices.items()):
            body += [f"{indent}{'if' if i == 0 else 'elif'} {p.name} == {value!r}:",
                     f"{indent}    _r = _k_{key}({full})"]
        body += [f"{indent}else:",
                 f"{indent}    raise ValueError("
                 + repr(f"fastact.{entry.name}: {p.name} must be one of {sorted(p.choices)}") + ")"]
        return body

    arrays = names[:n_in]
    if not array:
        args = [f"_ct({a})" for a in arrays]
        biased = not _is_none(values.get("bias"))
        if biased:
            args[-1] = "(_ct(x) + _ct(bias))"  # rounded to the dtype, as outside Numba
        lines += call(args, "    ")
        if biased and backward:
            lines.append("    return _ct(_r), _ct(_r)  # (dx, dbias) of f(x + bias)")
        else:
            lines.append("    return _ct(_r)  # some float32 kernels return float64, rounded here")
        return "\n".join(lines) + "\n"
    if not _is_none(values.get("bias")):  # x an array, the bias a scalar or along its last axis
        lines += ["    xf = np.ascontiguousarray(x).reshape(-1)",
                  "    res = np.empty(x.shape, _ct)", "    rf = res.reshape(-1)"]
        if isinstance(values["bias"], types.Array):
            lines += ["    bf = np.ascontiguousarray(bias).reshape(-1)", "    m = bf.size",
                      "    if x.ndim == 0 or x.shape[-1] != m:",
                      "        raise ValueError('fastact inside Numba: the bias must have the "
                      "length of x\\'s last axis')"]
            at = "_ct(bf[i % m])"
        else:
            lines.append("    m = 1")
            at = "_ct(bias)"
        if backward:
            lines += ["    if grad.shape != x.shape:",
                      "        raise ValueError('fastact inside Numba: grad and x must have one "
                      "shape')",
                      "    gf = np.ascontiguousarray(grad).reshape(-1)",
                      "    acc = np.zeros(m)", "    comp = np.zeros(m)"]
        lines.append("    for i in range(rf.size):")
        lines += call((["_ct(gf[i])"] if backward else []) + [f"(_ct(xf[i]) + {at})"], "        ")
        lines.append("        rf[i] = _r")
        if not backward:
            return "\n".join(lines + ["    return res"]) + "\n"
        lines += ["        j = i % m", "        v = np.float64(rf[i])", "        t = acc[j] + v",
                  "        if abs(acc[j]) >= abs(v):", "            comp[j] += (acc[j] - t) + v",
                  "        else:", "            comp[j] += (v - t) + acc[j]", "        acc[j] = t"]
        if isinstance(values["bias"], types.Array):
            lines.append("    return res, (acc + comp).astype(_ct)")
        else:
            lines.append("    return res, _ct(acc[0] + comp[0])")
        return "\n".join(lines) + "\n"
    shape_of = next(a for a, isarr in zip(arrays, is_array) if isarr)
    if backward and all(is_array):
        lines += ["    if grad.shape != x.shape:",
                  "        raise ValueError('fastact inside Numba: grad and x must have one shape')"]
    if _is_none(out):
        lines.append(f"    res = np.empty({shape_of}.shape, _ct)")
    else:
        if not (isinstance(out, types.Array) and out.dtype == ct and out.ndim == values[shape_of].ndim):
            raise TypingError(f"fastact.{entry.name} inside Numba: out must be a {ct} array of "
                              f"{values[shape_of].ndim} dimensions, not {out}")
        lines += [f"    if out.shape != {shape_of}.shape:",
                  "        raise ValueError('fastact inside Numba: out has the wrong shape')",
                  "    res = out"]
    contiguous = all(values[a].layout == "C" for a, isarr in zip(arrays, is_array) if isarr) and (
        _is_none(out) or out.layout == "C")
    same = all(is_array) and all(values[a].dtype == ct for a in arrays)
    if contiguous and same:  # fastact's own compiled loop: vectorized, as outside Numba
        for a in arrays:
            lines.append(f"    _{a}f = {a}.reshape(-1)")
        lines.append("    _rf = res.reshape(-1)")
        qvals = [v.replace("_p_", "_q_") for v in pvals]
        for p in entry.params:
            if not p.choices:
                lines.append(f"    _q_{p.name} = np.float64(_p_{p.name})")
        loop_args = ", ".join([f"_{a}f" for a in arrays] + ["_rf"] + qvals)
        if not choice:
            lines.append(f"    _L_{entry.name}({loop_args})")
        else:
            p = choice[0]
            for i, (value, key) in enumerate(p.choices.items()):
                lines += [f"    {'if' if i == 0 else 'elif'} {p.name} == {value!r}:",
                          f"        _L_{key}({loop_args})"]
            lines += ["    else:", "        raise ValueError("
                      + repr(f"fastact.{entry.name}: {p.name} must be one of {sorted(p.choices)}")
                      + ")"]
    elif contiguous:
        flat = {a: (f"_{a}f[i]" if isarr else f"_ct({a})") for a, isarr in zip(arrays, is_array)}
        for a, isarr in zip(arrays, is_array):
            if isarr:
                lines.append(f"    _{a}f = {a}.reshape(-1)")
        lines += ["    _rf = res.reshape(-1)", "    for i in range(_rf.size):"]
        lines += call([flat[a] for a in arrays], "        ")
        lines.append("        _rf[i] = _r")
    else:
        idx = {a: (f"{a}[idx]" if isarr else f"_ct({a})") for a, isarr in zip(arrays, is_array)}
        lines.append(f"    for idx in np.ndindex({shape_of}.shape):")
        lines += call([idx[a] for a in arrays], "        ")
        lines.append("        res[idx] = _r")
    lines.append("    return res")
    return "\n".join(lines) + "\n"


def register(fn, entry: Activation, backward: bool, kernels: dict, target: str = "generic") -> None:
    """Give ``fn`` (a public function of ``entry``) an overload for Numba's ``target``.

    ``kernels`` maps a registry name to its scalar kernel for this direction (the entry
    itself, and for ``gelu`` its ``approximate`` variant).
    """
    sig, names = _signature(entry, backward)
    namespace: dict = {}

    def select(*args):
        return _select(names, args, entry, kernels, backward)

    src = f"def overload_fn({sig}):\n    return _go({', '.join(names)})\n"
    exec(compile(src, f"<fastact overload {entry.name}>", "exec"), {"_go": select}, namespace)
    overload(fn, target=target)(namespace["overload_fn"])


def register_double(fn, entry: Activation, backward: dict, second: dict,
                    target: str = "generic") -> None:
    """Give ``NAME_double_backward`` an overload: scalars ``(gg, grad, x)`` inside Numba code.

    ``backward`` and ``second``: registry name -> the backward kernel and the f'' kernel
    (the entry itself, and for ``gelu`` its ``approximate`` variant).  Returns ``(dgrad,
    dx)`` with the bits of the Python function: ``gg * grad`` in float64, rounded once.
    """
    parts = ["gg", "grad", "x"] + [p.name if p.default is REQUIRED else f"{p.name}={p.default!r}"
                                   for p in entry.params] + ["out=None"]
    names = ["gg", "grad", "x"] + [p.name for p in entry.params] + ["out"]
    fname = f"{entry.name}_double_backward"

    def select(*args):
        values = dict(zip(names, args))
        if any(isinstance(values[a], types.Array) for a in ("gg", "grad", "x")):
            raise TypingError(f"fastact.{fname} inside Numba code takes scalars (the arrays' "
                              "double backward is the Python function's)")
        if not _is_none(values["out"]):
            raise TypingError(f"fastact.{fname} inside Numba code: out= is the Python function's")
        ct = _policy_type([_compute_type(values[a], a) for a in ("gg", "grad", "x")])
        lines = [f"def impl({', '.join(parts)}):"]
        for r in entry.rules:
            lines += [f"    if not ({r.text}):", "        raise ValueError("
                      + repr(f"fastact.{fname}: {r.text} is required") + ")"]
        pvals = []
        for p in entry.params:
            if p.choices:
                continue
            t = values[p.name]
            if isinstance(t, types.Array):
                raise TypingError(f"fastact.{fname} inside Numba: {p.name} must be a scalar")
            default = f"_ct({p.none_value!r})" if _is_none(t) and p.none_value is not None else None
            lines.append(f"    _p_{p.name} = {default or f'_ct({p.name})'}")
            pvals.append(f"_p_{p.name}")
        ps = "".join(", " + v for v in pvals)
        body = ["_b = _kb_{k}(_ct(gg), _ct(x){ps})", "_d = _k2_{k}(_ct(x){ps})"]
        choice = [p for p in entry.params if p.choices]
        if not choice:
            lines += ["    " + b.format(k=entry.name, ps=ps) for b in body]
        else:
            p = choice[0]
            options = p.choices or {}
            for i, (value, key) in enumerate(options.items()):
                lines.append(f"    {'if' if i == 0 else 'elif'} {p.name} == {value!r}:")
                lines += ["        " + b.format(k=key, ps=ps) for b in body]
            lines += ["    else:", "        raise ValueError("
                      + repr(f"fastact.{fname}: {p.name} must be one of {sorted(options)}") + ")"]
        lines.append("    return _ct(_b), _ct((np.float64(_ct(gg)) * np.float64(_ct(grad))) * _d)")
        namespace = {"np": np, "inf": np.inf, "_ct": np.float32 if ct == types.float32 else np.float64,
                     **{f"_kb_{k}": v for k, v in backward.items()},
                     **{f"_k2_{k}": v for k, v in second.items()}}
        exec(compile("\n".join(lines) + "\n", f"<fastact njit {fname}>", "exec"), namespace)
        return namespace["impl"]

    namespace: dict = {}
    src = f"def overload_fn({', '.join(parts)}):\n    return _go({', '.join(names)})\n"
    exec(compile(src, f"<fastact overload {fname}>", "exec"), {"_go": select}, namespace)
    overload(fn, target=target)(namespace["overload_fn"])


def _is_false(t) -> bool:
    """An argument that is False at compile time (left out, a literal, or the value)."""
    if t is False or (isinstance(t, types.Omitted) and t.value is False):
        return True
    return isinstance(t, types.BooleanLiteral) and t.literal_value is False


def register_hand_written(functions: dict, target: str = "generic") -> None:
    """Overloads for rrelu (evaluation mode), rrelu_backward and prelu_backward.

    Their Python forms also draw random slopes (rrelu with ``training=True``) or sum the
    weight's gradient to its shape (prelu_backward); inside Numba code rrelu runs in
    evaluation mode and prelu_backward takes a scalar weight and returns ``(dx, dweight)``.
    """
    from numba import njit

    from .._spec.registry import REGISTRY

    rr, pr = REGISTRY["rrelu"], REGISTRY["prelu"]
    inner_sig = {False: ["x", "lower", "upper", "out"], True: ["grad", "x", "lower", "upper", "out"]}

    def evaluation_only(fname, training, extra):
        if not (_is_false(training) or isinstance(training, types.Boolean)):
            raise TypingError(f"fastact.{fname}: training must be a bool")
        for what, t in extra:
            if not (_is_none(t) or _is_false(t)):
                raise TypingError(f"fastact.{fname} inside Numba code: {what} is not supported "
                                  "(evaluation mode: the slope is (lower + upper) / 2)")
        return _is_false(training)

    def rrelu_ol(x, lower=1 / 8, upper=1 / 3, training=False, rng=None, out=None,
                 return_slopes=False):
        static = evaluation_only("rrelu", training, [("rng", rng), ("return_slopes", return_slopes)])
        inner = njit(_select(inner_sig[False], (x, lower, upper, out), rr,
                             {"rrelu": rr.forward}, False))

        def impl(x, lower=1 / 8, upper=1 / 3, training=False, rng=None, out=None,
                 return_slopes=False):
            if not static and training:
                raise ValueError("fastact.rrelu inside Numba code: training=True is not supported")
            return inner(x, lower, upper, out)
        return impl

    def rrelu_backward_ol(grad, x, lower=1 / 8, upper=1 / 3, training=False, slopes=None,
                          out=None):
        static = evaluation_only("rrelu_backward", training, [("slopes", slopes)])
        inner = njit(_select(inner_sig[True], (grad, x, lower, upper, out), rr,
                             {"rrelu": rr.backward}, True))

        def impl(grad, x, lower=1 / 8, upper=1 / 3, training=False, slopes=None, out=None):
            if not static and training:
                raise ValueError("fastact.rrelu_backward inside Numba code: training=True is "
                                 "not supported")
            return inner(grad, x, lower, upper, out)
        return impl

    def prelu_backward_ol(grad, x, weight, out=None):
        if isinstance(weight, types.Array):
            raise TypingError("fastact.prelu_backward inside Numba code: the weight must be a "
                              "scalar (an array weight's gradient is summed to its shape only "
                              "outside Numba)")
        inner = njit(_select(["grad", "x", "weight", "out"], (grad, x, weight, out), pr,
                             {"prelu": pr.backward}, True))
        from ..kernels.piecewise import prelu_weight_grad_sum

        arrays = [t for t in (grad, x) if isinstance(t, types.Array)]
        if not arrays:
            ct = _policy_type([_compute_type(t, a) for a, t in (("grad", grad), ("x", x))])
            cast = np.float32 if ct == types.float32 else np.float64

            def scalar_impl(grad, x, weight, out=None):
                xv = np.float64(cast(x))
                gw = 0.0 if xv > 0.0 else np.float64(cast(grad)) * xv
                return inner(grad, x, weight, out), cast(gw)
            return scalar_impl
        if not (isinstance(grad, types.Array) and isinstance(x, types.Array)
                and grad.dtype == x.dtype):
            raise TypingError("fastact.prelu_backward inside Numba code: grad and x must be "
                              "arrays of one dtype, or both scalars")
        acast = np.float32 if x.dtype == types.float32 else np.float64

        def impl(grad, x, weight, out=None):
            if grad.shape != x.shape:
                raise ValueError("fastact inside Numba: grad and x must have one shape")
            gw = prelu_weight_grad_sum(np.ascontiguousarray(grad).reshape(-1),
                                       np.ascontiguousarray(x).reshape(-1))
            return inner(grad, x, weight, out), acast(gw)
        return impl

    overload(functions["rrelu"], target=target)(rrelu_ol)
    overload(functions["rrelu_backward"], target=target)(rrelu_backward_ol)
    overload(functions["prelu_backward"], target=target)(prelu_backward_ol)


def register_losses(functions: dict, target: str = "cpu") -> None:
    """Overloads of the losses for the user's ``@njit`` code (CPU: the kernels allocate).

    ``softmax_cross_entropy(row, label)`` (a 1-d row and an integer class index) gives a
    scalar, ``softmax_cross_entropy(rows, labels)`` (2-d, classes along the last axis, one
    integer label per row) a 1-d array; their backward takes ``grad`` (a scalar, or one per
    row) and gives the logits' shape.  ``sigmoid_binary_cross_entropy(x, t, pos_weight)``
    and its backward take scalars, or arrays of one shape (no broadcasting).  The options
    of the Python functions (``label_smoothing``, ``weight``, ``ignore_index``, ``where``,
    ``out``, another ``axis``) are a TypingError or, for ``axis``, a ValueError at run time.
    Same kernels, same bits as outside Numba.
    """
    from numba import njit

    from ..kernels import losses as K

    def plain(fname, options):
        for what, t in options.items():
            if not (_is_none(t) or isinstance(t, types.Omitted)):
                raise TypingError(f"fastact.{fname} inside Numba code: {what}= is not "
                                  "supported (the Python function takes it)")

    def float_of(t, what, fname):
        ct = _compute_type(t.dtype if isinstance(t, types.Array) else t, f"{fname}: {what}")
        return np.float32 if ct == types.float32 else np.float64

    def rows_of(fname, logits, labels):
        """(compute dtype, is_row) of a softmax cross-entropy call, or a TypingError."""
        if not (isinstance(logits, types.Array) and logits.ndim in (1, 2)):
            raise TypingError(f"fastact.{fname} inside Numba code: logits must be a 1-d row "
                              "or a 2-d array of rows")
        row = logits.ndim == 1
        if row and not isinstance(labels, types.Integer):
            raise TypingError(f"fastact.{fname} inside Numba code: the label of a 1-d row "
                              "must be an integer class index")
        if not row and not (isinstance(labels, types.Array) and labels.ndim == 1
                            and isinstance(labels.dtype, types.Integer)):
            raise TypingError(f"fastact.{fname} inside Numba code: the labels of 2-d logits "
                              "must be a 1-d array of integer class indices")
        return float_of(logits, "logits", fname), row

    @njit
    def as_rows(logits, labels, ct):
        """(C-ordered 2-d logits of dtype ct, int64 labels), the labels checked."""
        x = np.ascontiguousarray(logits)
        x2: Any = x.reshape((-1, x.shape[-1]))
        lab = np.empty(x2.shape[0], np.int64)
        flat = np.asarray(labels).ravel()
        if flat.size != x2.shape[0]:
            raise ValueError("fastact.softmax_cross_entropy inside Numba code: one label per row")
        n = x2.shape[1]
        for i in range(flat.size):
            k = np.int64(flat[i])
            if k < 0 or k >= n:
                raise ValueError("fastact.softmax_cross_entropy inside Numba code: labels must "
                                 "be class indices in [0, n)")
            lab[i] = k
        return x2.astype(ct), lab

    @njit
    def last_axis(axis, ndim):
        if axis != -1 and axis != ndim - 1:
            raise ValueError("fastact.softmax_cross_entropy inside Numba code: the classes "
                             "must be along the last axis")

    def xent_ol(logits, labels, axis=-1, label_smoothing=None, weight=None, ignore_index=None,
                where=None, out=None):
        fname = "softmax_cross_entropy"
        plain(fname, {"label_smoothing": label_smoothing, "weight": weight,
                      "ignore_index": ignore_index, "where": where, "out": out})
        ct, row = rows_of(fname, logits, labels)

        @njit
        def losses(logits, labels, axis):
            last_axis(axis, logits.ndim)
            x2, lab = as_rows(logits, labels, ct)
            loss = np.empty(x2.shape[0])
            K.xent_index_rows(x2, lab, np.ones(x2.shape[0]), loss, np.empty((0, 2)))
            return loss.astype(ct)

        if not row:
            def impl(logits, labels, axis=-1, label_smoothing=None, weight=None,
                     ignore_index=None, where=None, out=None):
                return losses(logits, labels, axis)
            return impl

        def row_impl(logits, labels, axis=-1, label_smoothing=None, weight=None,
                     ignore_index=None, where=None, out=None):
            return losses(logits, labels, axis)[0]
        return row_impl

    def xent_backward_ol(grad, logits, labels, axis=-1, label_smoothing=None, weight=None,
                         ignore_index=None, where=None, out=None):
        fname = "softmax_cross_entropy_backward"
        plain(fname, {"label_smoothing": label_smoothing, "weight": weight,
                      "ignore_index": ignore_index, "where": where, "out": out})
        _, row = rows_of(fname, logits, labels)
        if isinstance(grad, types.Array) and (row or grad.ndim != 1):
            raise TypingError(f"fastact.{fname} inside Numba code: grad must be a scalar, or "
                              "one value per row (1-d) for 2-d logits")
        gt = _compute_type(grad.dtype if isinstance(grad, types.Array) else grad, "grad")
        lt = _compute_type(logits.dtype, "logits")
        weak = not isinstance(grad, types.Array)  # (beside the logits' array: see _select)
        ct = np.float32 if _policy_type([lt] if weak else [gt, lt]) == types.float32 else np.float64

        def impl(grad, logits, labels, axis=-1, label_smoothing=None, weight=None,
                 ignore_index=None, where=None, out=None):
            last_axis(axis, logits.ndim)
            x2, lab = as_rows(logits, labels, ct)
            g = np.empty(x2.shape[0])
            g[:] = grad
            d = np.empty(x2.shape, ct)
            K.xent_index_backward_rows(g, x2, lab, np.ones(x2.shape[0]), np.empty((0, 2)), d)
            return d.reshape(logits.shape)
        return impl

    def bce_operands(fname, ins):
        arrays = [t for t in ins if isinstance(t, types.Array)]
        if arrays and len(arrays) != len(ins):
            raise TypingError(f"fastact.{fname} inside Numba code: the operands must be all "
                              "scalars or all arrays (of one shape)")
        return bool(arrays)

    @njit
    def flat(a, shape):
        if a.shape != shape:
            raise ValueError("fastact.sigmoid_binary_cross_entropy inside Numba code: the "
                             "arrays must have one shape (no broadcasting there)")
        return np.ascontiguousarray(a).ravel()

    @njit
    def flat64(a, shape):
        return flat(a, shape).astype(np.float64)

    @njit
    def flat32(a, shape):
        return flat(a, shape).astype(np.float32)

    def flat_of(t):
        """How an operand of Numba type ``t`` reaches the binary loss's kernels.

        float32 and float64 arrays as they are, other arrays as a copy (float32 where
        float32 holds their dtype's values, else float64: as the Python function has them);
        numbers as they are (None).
        """
        if not isinstance(t, types.Array):
            return None
        if t.dtype in (types.float32, types.float64):
            return flat
        return flat32 if t.dtype in _HELD_BY_FLOAT32 else flat64

    def bce_ol(logits, targets, pos_weight=None, out=None):
        fname = "sigmoid_binary_cross_entropy"
        plain(fname, {"out": out})
        ct = float_of(logits, "logits", fname)
        no_pw = _is_none(pos_weight) or isinstance(pos_weight, types.Omitted)
        ins = [logits, targets] + ([] if no_pw else [pos_weight])
        if bce_operands(fname, ins):
            fx, ft, fp = flat_of(logits), flat_of(targets), flat_of(pos_weight)
            if no_pw:
                def impl(logits, targets, pos_weight=None, out=None):
                    res = np.empty(logits.size, ct)
                    K.bce_flat(fx(logits, logits.shape), ft(targets, logits.shape), 1.0, res)
                    return res.reshape(logits.shape)
                return impl

            def impl_pw(logits, targets, pos_weight=None, out=None):
                res = np.empty(logits.size, ct)
                K.bce_flat(fx(logits, logits.shape), ft(targets, logits.shape),
                           fp(pos_weight, logits.shape), res)
                return res.reshape(logits.shape)
            return impl_pw

        def scalar_impl(logits, targets, pos_weight=None, out=None):
            res = np.empty(1, ct)
            pw = 1.0 if pos_weight is None else np.float64(pos_weight)
            K.bce_flat(np.float64(ct(logits)), np.float64(targets), pw, res)
            return ct(res[0])
        return scalar_impl

    def bce_backward_ol(grad, logits, targets, pos_weight=None, out=None):
        fname = "sigmoid_binary_cross_entropy_backward"
        plain(fname, {"out": out})
        gt = _compute_type(grad.dtype if isinstance(grad, types.Array) else grad, "grad")
        lt = _compute_type(logits.dtype if isinstance(logits, types.Array) else logits, "logits")
        weak = isinstance(logits, types.Array) and not isinstance(grad, types.Array)
        ct = np.float32 if _policy_type([lt] if weak else [gt, lt]) == types.float32 else np.float64
        lcast = float_of(logits, "logits", fname)
        no_pw = _is_none(pos_weight) or isinstance(pos_weight, types.Omitted)
        ins = [logits, targets] + ([] if no_pw else [pos_weight])
        if bce_operands(fname, ins):
            fx, ft, fp = flat_of(logits), flat_of(targets), flat_of(pos_weight)
            if isinstance(grad, types.Array):
                grad_of = flat_of(grad)
            else:
                @njit
                def grad_of(grad, shape):
                    return np.float64(grad)
            if no_pw:
                def impl(grad, logits, targets, pos_weight=None, out=None):
                    res = np.empty(logits.size, ct)
                    K.bce_backward_flat(grad_of(grad, logits.shape), fx(logits, logits.shape),
                                        ft(targets, logits.shape), 1.0, res)
                    return res.reshape(logits.shape)
                return impl

            def impl_pw(grad, logits, targets, pos_weight=None, out=None):
                res = np.empty(logits.size, ct)
                K.bce_backward_flat(grad_of(grad, logits.shape), fx(logits, logits.shape),
                                    ft(targets, logits.shape), fp(pos_weight, logits.shape), res)
                return res.reshape(logits.shape)
            return impl_pw
        if isinstance(grad, types.Array):
            raise TypingError(f"fastact.{fname} inside Numba code: grad must be a scalar for "
                              "scalar logits")

        def scalar_impl(grad, logits, targets, pos_weight=None, out=None):
            res = np.empty(1)
            pw = 1.0 if pos_weight is None else np.float64(pos_weight)
            K.bce_backward_flat(np.float64(grad), np.float64(lcast(logits)), np.float64(targets),
                                pw, res)
            return ct(res[0])
        return scalar_impl

    for name, ol in (("softmax_cross_entropy", xent_ol),
                     ("softmax_cross_entropy_backward", xent_backward_ol),
                     ("sigmoid_binary_cross_entropy", bce_ol),
                     ("sigmoid_binary_cross_entropy_backward", bce_backward_ol)):
        overload(functions[name], target=target)(ol)


def _gated_lines(form: str, backward: bool, k: str) -> list[str]:
    """The body of a gated unit's implementation inside Numba code, for one kernel key ``k``.

    ``form``: ``scalar`` (gate and value), ``pair`` (two arrays of one shape) or ``split``
    (one array split along its last axis).  ``f(gate)`` is rounded to the dtype before the
    product, as outside Numba.
    """
    f, b = f"_f_{k}", f"_b_{k}"
    if form == "scalar":
        if backward:
            return [f"return (_ct({b}(_ct(grad) * _ct(value), _ct(x))), "
                    f"_ct(grad) * _ct({f}(_ct(x))))"]
        return [f"return _ct({f}(_ct(x))) * _ct(value)"]
    if form == "pair":
        lines = ["xf = np.ascontiguousarray(x).reshape(-1)",
                 "vf = np.ascontiguousarray(value).reshape(-1)",
                 "if x.shape != value.shape:",
                 "    raise ValueError('fastact inside Numba: the gate and the value must have "
                 "one shape')"]
        if not backward:
            return lines + ["res = np.empty(x.shape, _ct)", "rf = res.reshape(-1)",
                            "for i in range(rf.size):",
                            f"    rf[i] = _ct({f}(_ct(xf[i]))) * _ct(vf[i])", "return res"]
        return lines + ["if grad.shape != x.shape:",
                        "    raise ValueError('fastact inside Numba: grad must have the shape of "
                        "the gate')",
                        "gf = np.ascontiguousarray(grad).reshape(-1)",
                        "dg = np.empty(x.shape, _ct)", "dv = np.empty(x.shape, _ct)",
                        "dgf = dg.reshape(-1)", "dvf = dv.reshape(-1)",
                        "for i in range(dgf.size):", "    g = _ct(xf[i])", "    gr = _ct(gf[i])",
                        f"    dgf[i] = _ct({b}(gr * _ct(vf[i]), g))",
                        f"    dvf[i] = gr * _ct({f}(g))", "return dg, dv"]
    lines = ["xc = np.ascontiguousarray(x)", "n = xc.shape[-1]", "if n % 2:",
             "    raise ValueError('fastact inside Numba: the last axis must have an even "
             "length (two halves)')",
             "h = n // 2", "rows = xc.size // n if n else 0", "x2 = xc.reshape(rows, n)",
             "go = _GI * h", "vo = (1 - _GI) * h"]
    if not backward:
        return lines + ["res = np.empty(xc.shape[:-1] + (h,), _ct)", "r2 = res.reshape(rows, h)",
                        "for r in range(rows):", "    for j in range(h):",
                        f"        r2[r, j] = _ct({f}(_ct(x2[r, go + j]))) * _ct(x2[r, vo + j])",
                        "return res"]
    return lines + ["if grad.shape != xc.shape[:-1] + (h,):",
                    "    raise ValueError('fastact inside Numba: grad must have the shape of the "
                    "output')",
                    "g2 = np.ascontiguousarray(grad).reshape(rows, h)",
                    "dx = np.empty(xc.shape, _ct)", "d2 = dx.reshape(rows, n)",
                    "for r in range(rows):", "    for j in range(h):",
                    "        g = _ct(x2[r, go + j])", "        gr = _ct(g2[r, j])",
                    f"        d2[r, go + j] = _ct({b}(gr * _ct(x2[r, vo + j]), g))",
                    f"        d2[r, vo + j] = gr * _ct({f}(g))", "return dx"]


def register_gated(functions: dict, target: str = "generic") -> None:
    """Overloads of swiglu, geglu, reglu and their backward (``@njit``; ``@cuda.jit``: scalars).

    ``swiglu(gate, value)`` on scalars gives ``silu(gate) * value`` with ``silu(gate)``
    rounded to the dtype first, as outside Numba (the same bits);
    ``swiglu_backward(grad, gate, value)`` gives ``(dgate, dvalue)``.  In ``@njit`` code
    also on arrays: two arrays of one shape, or one array split along its last axis
    (``gate='first'`` or ``'second'``, compared at run time; another ``axis`` is a
    ValueError), a new array (the backward: ``dx``, or ``(dgate, dvalue)``).  ``bias`` and
    ``out`` are the Python function's (a TypingError here); geglu's ``approximate`` is
    compared at run time.
    """
    from .._spec.registry import REGISTRY

    units = {"swiglu": {"none": "silu"}, "geglu": {"none": "gelu", "tanh": "gelu_tanh"},
             "reglu": {"none": "relu"}}

    def check(fname, v, backward):
        """(compute dtype, form) of a call, or a TypingError."""
        for what in ("bias", "out"):
            if not (_is_none(v[what]) or isinstance(v[what], types.Omitted)):
                raise TypingError(f"fastact.{fname} inside Numba code: {what}= is not supported")
        ins = [("x", v["x"])] + ([] if _is_none(v["value"]) else [("value", v["value"])])
        ins += [("grad", v["grad"])] if backward else []
        arrays = [isinstance(t, types.Array) for _, t in ins]
        if any(arrays) and not all(arrays):
            raise TypingError(f"fastact.{fname} inside Numba code: pass scalars, or arrays "
                              "for every input")
        form = "scalar" if not any(arrays) else "split" if _is_none(v["value"]) else "pair"
        if form == "scalar" and _is_none(v["value"]):
            raise TypingError(f"fastact.{fname} inside Numba code: pass (gate, value) as two "
                              "scalars, or arrays")
        if form == "scalar" and not (_is_none(v["axis"]) and _is_none(v["gate"])):
            raise TypingError(f"fastact.{fname} inside Numba code: axis= and gate= are for "
                              "one array split in halves")
        ts = [_compute_type(t.dtype if isinstance(t, types.Array) else t, w) for w, t in ins]
        ct = np.float32 if _policy_type(ts) == types.float32 else np.float64
        return ct, form

    for unit, keys in units.items():
        fw = {k: REGISTRY[n].forward for k, n in keys.items()}
        bw = {k: REGISTRY[n].backward for k, n in keys.items()}
        approx = unit == "geglu"
        head = "x, value=None, approximate='none', axis=None, gate=None, bias=None, out=None" \
            if approx else "x, value=None, axis=None, gate=None, bias=None, out=None"
        for backward in (False, True):
            fname = unit + ("_backward" if backward else "")
            args = ("grad, " if backward else "") + head

            def make(fname=fname, backward=backward, args=args, fw=fw, bw=bw, keys=keys,
                     approx=approx):
                def select(*types_):
                    names = ["grad"] * backward + ["x", "value"] + ["approximate"] * approx + [
                        "axis", "gate", "bias", "out"]
                    v = dict(zip(names, types_))
                    v.setdefault("grad", None)
                    ct, form = check(fname, v, backward)
                    lines = [f"def impl({args}):"]
                    if form == "split":
                        if not _is_none(v["axis"]):
                            lines += ["    if axis != -1 and axis != x.ndim - 1:",
                                      "        raise ValueError('fastact inside Numba: the "
                                      "gated units split the last axis')"]
                        if _is_none(v["gate"]):
                            lines.append("    _GI = 0")
                        else:
                            lines += ["    if gate != 'first' and gate != 'second':",
                                      "        raise ValueError(\"fastact inside Numba: gate "
                                      "must be 'first' or 'second'\")",
                                      "    _GI = 1 if gate == 'second' else 0"]
                    if approx:
                        lines.append("    if approximate == 'tanh':")
                        lines += ["        " + ln for ln in _gated_lines(form, backward, "tanh")]
                        lines.append("    else:")
                        lines += ["        " + ln for ln in _gated_lines(form, backward, "none")]
                    else:
                        lines += ["    " + ln for ln in _gated_lines(form, backward, "none")]
                    ns = {"_ct": ct, "np": np, **{f"_f_{k}": f for k, f in fw.items()},
                          **{f"_b_{k}": f for k, f in bw.items()}}
                    exec(compile("\n".join(lines) + "\n", f"<fastact njit {fname}>", "exec"), ns)
                    return ns["impl"]
                return select

            call = ", ".join(a.split("=")[0] for a in args.split(", "))
            src = f"def overload_fn({args}):\n    return _go({call})\n"
            ns: dict = {}
            exec(compile(src, f"<fastact overload {fname}>", "exec"), {"_go": make()}, ns)
            overload(functions[fname], target=target)(ns["overload_fn"])
