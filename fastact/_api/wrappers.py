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
from .._spec.registry import REGISTRY, REQUIRED, Activation
from .route import biased, elementwise

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
    if not backward:
        lines += ["Derivative:", "", ".. math::", "", "    " + entry.derivative, ""]
    lines += [entry.kinks_text(), ""]
    if entry.special:
        lines += ["Special values: " + entry.special, ""]
    if entry.name in REGISTRY:  # a user activation (fastact.activation) promises nothing here
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


def make_functions(entry: Activation, skip=frozenset()) -> dict:
    """``{NAME: f, NAME_backward: f}`` for one entry (those in ``skip`` left out)."""
    namespace: dict = {"_run": call, "_route": elementwise, "_biased": biased,
                       "inf": float("inf")}
    choose, key = _choose(entry)
    if entry.rules:
        namespace[f"_RULES_{entry.name}"] = _rule_checker(entry)
    for p in entry.params:
        if p.choices:
            namespace[f"_CHOICES_{entry.name}"] = dict(p.choices)
    made = {}
    for backward in (False, True):
        fname = entry.name + ("_backward" if backward else "")
        if fname in skip:
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


def build() -> dict:
    """Create every public elementwise function; returns ``{name: function}``."""
    made = {}
    for entry in REGISTRY.values():
        made.update(make_functions(entry, CUSTOM))
    return made


def register_overloads(functions: dict, target: str = "generic") -> None:
    """Make every generated function callable inside Numba code (see :mod:`fastact._api.overloads`)."""
    from .overloads import register

    for entry in REGISTRY.values():
        for backward in (False, True):
            fname = entry.name + ("_backward" if backward else "")
            if fname in CUSTOM:
                continue
            kernels = {entry.name: entry.backward if backward else entry.forward}
            for p in entry.params:
                for key in (p.choices or {}).values():
                    kernels[key] = REGISTRY[key].backward if backward else REGISTRY[key].forward
            register(functions[fname], entry, backward, kernels, target)
    from .overloads import register_hand_written

    register_hand_written(functions, target)
