"""Generate the public elementwise functions and their docstrings from the registry.

``fastact.NAME(x, *params, out=None)`` and ``fastact.NAME_backward(grad, x, *params,
out=None)`` are plain Python functions with real signatures (so ``help()``, IDEs and
doctests see the parameters).  Each calls the CPU fast path
(:func:`fastact._cpu.elementwise.call`) with the router (:func:`fastact._api.route.elementwise`)
for every call that path does not take.
"""

from __future__ import annotations

import textwrap

from .._cpu.elementwise import call
from .._spec.names import HAND_WRITTEN, aliases_of
from .._spec.registry import DERIVED, REGISTRY, REQUIRED, Activation, derivative_name, lookup
from .route import biased, double_backward, elementwise

CUSTOM = set(HAND_WRITTEN)
"""Functions whose public form is written by hand in :mod:`fastact._api.hand_written`."""


def _param_sig(entry: Activation) -> str:
    parts = []
    for p in entry.params:
        parts.append(p.name if p.default is REQUIRED else f"{p.name}={p.default!r}")
    return "".join(", " + s for s in parts)


def _param_values(entry: Activation) -> str:
    vals = []
    for p in entry.ufunc_params:
        if p.none_value is not None:
            vals.append(f"({p.none_value!r} if {p.name} is None else {p.name})")
        else:
            vals.append(p.name)
    return "(" + "".join(v + ", " for v in vals) + ")"


_TEMPLATE = '''
def {fname}({head}{params}, *, bias=None, out=None):
    {choose}{check}if bias is not None:
        return _biased({key}, {backward}, ({args},), {values}, bias, out, {fname!r})
    return _run({key}, {backward}, ({args},), {values}, out, {fname!r}, _route)
'''


def _check(entry: Activation, fname: str) -> str:
    """The lines that check the entry's parameter rules (empty where it has none).

    Each rule's text is a Python expression over the parameters: for Python numbers it is
    ``True`` (a comparison, ~30 ns); anything else (arrays, NumPy scalars, a broken rule)
    goes to :meth:`~fastact._spec.registry.Rule.check`, which raises or accepts.
    """
    if not entry.rules:
        return ""
    names = sorted({p for r in entry.rules for p in r.params})
    kw = ", ".join(f"{n}={n}" for n in names)
    cond = " or ".join(f"({r.text}) is not True" for r in entry.rules)
    return f"if {cond}:\n        _RULES_{entry.name}({fname!r}, {kw})\n    "


def _choose(entry: Activation) -> tuple[str, str]:
    choice = [p for p in entry.params if p.choices]
    if not choice:
        return "", repr(entry.name)
    p = choice[0]
    assert p.choices is not None
    code = (
        f"key = _CHOICES_{entry.name}.get({p.name})\n    if key is None:\n"
        f"        raise ValueError(f\"fastact.{entry.name}: {p.name} must be one of "
        f"{sorted(p.choices)}, not {{{p.name}!r}}\")\n    "
    )
    return code, "key"


def _doc(entry: Activation, backward: bool) -> str:
    lines = []
    if backward:
        lines += [
            f"Gradient of :func:`{entry.name}`: ``grad * {entry.name}'(x)``.",
            "",
            ".. math::",
            "",
            "    " + entry.derivative,
            "",
        ]
    else:
        lines += [entry.summary, "", ".. math::", "", "    " + entry.formula, ""]
    lines += ["Parameters", "----------"]
    if backward:
        lines += ["grad : array_like", "    Gradient of the loss with respect to the output."]
    lines += ["x : array_like", "    Input (broadcast against the other arguments)."]
    for p in entry.params:
        default = "required" if p.default is REQUIRED else f"default {p.default!r}"
        kind = "str" if p.choices else "float or array_like"
        lines += [f"{p.name} : {kind}, {default}", "    " + p.doc]
    if backward:
        lines += [
            "bias : array_like, optional",
            f"    The bias of the forward ``{entry.name}(x, bias=bias)``: returns ``(dx, dbias)``,",
            f"    ``dx = grad * {entry.name}'(x + bias)`` and ``dbias`` its sum over the axes the",
            "    bias is broadcast along, computed in the same pass (float64 compensated",
            "    partial sums).",
            "out : ndarray or tuple of ndarrays, optional",
            "    Array to write the result into (``out=x`` works in place); with ``bias``, a",
            "    pair ``(dx, dbias)`` (either may be None) or the array for ``dx``.",
        ]
    elif entry.order:
        lines += [
            "bias : array_like, optional",
            f"    Added to ``x`` first: ``{entry.name}(x + bias)`` (two passes: the higher",
            "    derivatives have no fused loops).",
            "out : ndarray, optional",
            "    Array to write the result into (``out=x`` works in place).",
        ]
    else:
        lines += [
            "bias : array_like, optional",
            f"    Added to ``x`` first, in the same pass: ``{entry.name}(x + bias)``, the sum",
            "    rounded to the compute dtype as two calls round it (the same bits).  It",
            "    broadcasts against ``x``; along ``x``'s trailing dimensions (a bias per",
            "    feature) it is fused, anything else runs as the two calls.",
            "out : ndarray, optional",
            "    Array to write the result into (``out=x`` works in place).",
        ]
    lines += [
        "",
        "Returns",
        "-------",
        "ndarray or scalar" + (" (a pair with ``bias``)" if backward else ""),
        "    float32 for float32 input, float16 for float16, float64 otherwise; a NumPy",
        "    scalar for scalar or 0-d input without ``out``.",
        "",
    ]
    if entry.rules:
        lines += ["Raises", "------", "ValueError"]
        lines += ["    " + "; ".join(f"unless ``{r.text}``" for r in entry.rules).capitalize()
                  + " (every element, for arrays).", ""]
    lines += ["Notes", "-----"]
    if not backward and entry.derivative:
        lines += ["Derivative:", "", ".. math::", "", "    " + entry.derivative, ""]
    lines += [entry.kinks_text(), ""]
    if entry.special:
        lines += ["Special values: " + entry.special, ""]
    if entry.name in REGISTRY or entry.name in DERIVED:  # a user's (fastact.activation) promises nothing
        lines += ["NaN gives NaN.", ""]
    if entry.anchors:
        lines += ["Matches: " + entry.anchors + ".", ""]
    if aliases_of(entry.name):
        suffix = "_backward" if backward else ""
        lines += ["Also available as: " + ", ".join(
            f"``fastact.{a.split(' ')[0]}{suffix}`` {a.split(' ', 1)[1]}"
            for a in aliases_of(entry.name)) + ".", ""]
    if not backward and entry.example:
        lines += ["Examples", "--------", ">>> import fastact", *entry.example.splitlines()]
    else:
        lines += ["See Also", "--------", f"{entry.name}"]
    return "\n".join(textwrap.fill(x, 88) if not x.startswith((" ", ">")) else x
                     for x in lines).rstrip() + "\n"


def _rule_checker(entry: Activation):
    def check(fname, **values):
        for r in entry.rules:
            r.check(fname, values)

    return check


def _namespace(entry: Activation, **names) -> dict:
    """The globals of an entry's generated functions: ``names``, its rule checker, choices."""
    namespace: dict = {"inf": float("inf"), **names}
    if entry.rules:
        namespace[f"_RULES_{entry.name}"] = _rule_checker(entry)
    for p in entry.params:
        if p.choices:
            namespace[f"_CHOICES_{entry.name}"] = dict(p.choices)
    return namespace


def make_functions(entry: Activation, skip=frozenset()) -> dict:
    """``{NAME: f, NAME_backward: f}`` for one entry (those in ``skip`` left out)."""
    namespace = _namespace(entry, _run=call, _route=elementwise, _biased=biased)
    choose, key = _choose(entry)
    made = {}
    for backward in (False, True):
        fname = entry.name + ("_backward" if backward else "")
        if fname in skip or (backward and entry.backward is None):
            continue
        src = _TEMPLATE.format(
            fname=fname,
            head="grad, x" if backward else "x",
            params=_param_sig(entry),
            choose=choose,
            check=_check(entry, fname),
            key=key,
            backward=backward,
            args="grad, x" if backward else "x",
            values=_param_values(entry),
        )
        exec(compile(src, f"<fastact.{fname}>", "exec"), namespace)
        fn = namespace[fname]
        fn.__doc__ = _doc(entry, backward)
        fn.__module__ = "fastact"
        fn.__qualname__ = fname
        made[fname] = fn
    return made


_DOUBLE = '''
def {fname}(gg, grad, x{params}, *, out=None):
    {choose}{check}return _double({key}, (gg, grad, x), {values}, out, {fname!r})
'''


def make_double_backward(entry: Activation) -> dict:
    """``{NAME_double_backward: f}``: autograd's double backward of one elementwise entry."""
    fname = entry.name + "_double_backward"
    choose, key = _choose(entry)
    namespace = _namespace(entry, _double=double_backward)
    src = _DOUBLE.format(fname=fname, params=_param_sig(entry), choose=choose,
                         check=_check(entry, fname), key=key, values=_param_values(entry))
    exec(compile(src, f"<fastact.{fname}>", "exec"), namespace)
    fn = namespace[fname]
    second = derivative_name(entry.name, 2)
    fn.__doc__ = "\n".join([
        f"Double backward of :func:`{entry.name}`: ``(gg * f'(x), gg * grad * f''(x))``.",
        "",
        "What autograd's double backward (``create_graph=True``) computes for ``grad_x =",
        f"grad * {entry.name}'(x)``: ``gg`` is the gradient flowing into ``grad_x``; the",
        "results are the gradients with respect to ``grad`` and ``x``, in one pass over the",
        "three inputs.",
        "",
        "Parameters",
        "----------",
        "gg : array_like",
        "    Gradient with respect to the backward's output ``grad_x``.",
        "grad : array_like",
        "    The gradient the backward was given.",
        "x : array_like",
        "    Input of the forward (the three broadcast together).",
        *[f"{p.name} : {'str' if p.choices else 'float'}\n    {p.doc}" for p in entry.params],
        "out : tuple of two ndarrays (or None), optional",
        "    Arrays for ``dgrad`` and ``dx`` (either may be None).",
        "",
        "Returns",
        "-------",
        "(dgrad, dx) : tuple of ndarrays or scalars",
        f"    ``gg * {entry.name}'(x)`` (the backward with ``gg`` as its gradient, the same",
        f"    bits) and ``gg * grad * {entry.name}''(x)`` (``gg * grad`` in float64, exact for",
        "    float32 data; the product rounded once to the dtype).",
        "",
        "See Also",
        "--------",
        f"{entry.name}_backward, {second}",
    ]) + "\n"
    fn.__module__ = "fastact"
    fn.__qualname__ = fname
    return {fname: fn}


def build() -> dict:
    """Create every public elementwise function; returns ``{name: function}``.

    Each built-in ``NAME``, ``NAME_backward`` and ``NAME_double_backward``, and the higher
    derivatives ``NAME_derivative2`` and ``NAME_derivative3``.
    """
    made = {}
    for entry in REGISTRY.values():
        made.update(make_functions(entry, CUSTOM))
        made.update(make_double_backward(entry))
    for entry in DERIVED.values():
        made.update(make_functions(entry))
    return made


def register_overloads(functions: dict, target: str = "generic") -> None:
    """Make every generated function callable inside Numba code (see :mod:`fastact._api.overloads`)."""
    from .overloads import register, register_double

    for entry in (*REGISTRY.values(), *DERIVED.values()):
        for backward in (False, True):
            fname = entry.name + ("_backward" if backward else "")
            if fname in CUSTOM or (backward and entry.backward is None):
                continue
            kernels = {entry.name: entry.backward if backward else entry.forward}
            for p in entry.params:
                for key in (p.choices or {}).values():
                    kernels[key] = lookup(key).backward if backward else lookup(key).forward
            register(functions[fname], entry, backward, kernels, target)
    for entry in REGISTRY.values():  # the double backward: f' and f'' kernels of each choice
        keys = [entry.name] + [k for p in entry.params for k in (p.choices or {}).values()]
        register_double(functions[entry.name + "_double_backward"], entry,
                        {k: lookup(k).backward for k in keys},
                        {k: lookup(derivative_name(k, 2)).forward for k in keys}, target)
    from .overloads import register_hand_written

    register_hand_written(functions, target)
