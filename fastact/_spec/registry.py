"""The registry: one :class:`Activation` entry per elementwise function.

Everything else is generated from these entries: the ufuncs per target
(:mod:`fastact._cpu.ufuncs`), the public functions and their docstrings
(:mod:`fastact._api.wrappers`), the accuracy check, the tests and the benchmarks.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

REQUIRED: Any = object()
"""Marker for a parameter without default (``threshold``'s ``threshold`` and ``value``)."""


@dataclass(frozen=True)
class Param:
    """A scalar parameter of an activation, passed to the ufunc as a trailing input."""

    name: str
    default: Any = REQUIRED
    doc: str = ""
    none_value: float | None = None
    """If set, ``None`` is accepted and replaced by this number (softplus threshold)."""
    choices: dict[str, str] | None = None
    """For a string option (gelu's ``approximate``): value -> registry entry it selects.
    Such a parameter is not a ufunc input."""


@functools.cache
def _rule_function(params: tuple[str, ...], text: str):
    """A rule as a function of its parameters, made once (its compiling took 7 us a call)."""
    return eval(compile(f"lambda {', '.join(params)}: {text}", "<rule>", "eval"), {})


@dataclass(frozen=True)
class Rule:
    """A condition on parameter values without which the function is undefined.

    ``text`` is the condition as a Python expression over the parameter names
    (``"min_val <= max_val"``): the generated functions evaluate it directly for Python
    numbers, :meth:`check` evaluates it on arrays (elementwise), and the error and the
    docstring state it.
    """

    params: tuple[str, ...]
    text: str

    def holds(self, *values):
        """The condition for these values (a bool, or a bool array for arrays)."""
        return _rule_function(self.params, self.text)(*values)

    def check(self, fname: str, values: dict) -> None:
        """Raise ValueError naming the parameters if the rule fails for ``values``."""
        vals = [values[p] for p in self.params]
        if all(type(v) in (float, int) for v in vals):  # (the common case, first)
            ok = bool(self.holds(*vals))
        elif any(v is None or hasattr(v, "__cuda_array_interface__") for v in vals):
            return  # None selects a documented default; device values stay on the device
        else:
            with np.errstate(invalid="ignore"):
                ok = bool(np.all(self.holds(*(np.asarray(v) for v in vals))))
        if not ok:
            got = ", ".join(f"{p}={values[p]!r}" for p in self.params)
            raise ValueError(f"fastact.{fname}: {self.text} is required, got {got}")


INTERLEAVE = 4
"""Vectors a pass of a loop named in :attr:`Activation.interleave` (see there)."""


@dataclass(frozen=True)
class Activation:
    """One elementwise activation: kernels, documentation and references."""

    name: str
    forward: Any
    """The scalar kernel, a Numba dispatcher (``.py_func`` is retargeted per target)."""
    backward: Any
    summary: str
    formula: str
    derivative: str
    params: tuple[Param, ...] = ()
    kinks: str = "The function is smooth; its derivative needs no convention."
    """Where ``kink_grads`` is given: the convention's note (rendered after the values by
    :meth:`kinks_text`); else the whole statement."""
    kink_grads: tuple[tuple[Any, Any], ...] = ()
    """``(x, f'(x))`` at each kink, as numbers or Python expressions over the parameters
    (``("lambd", 0.0)``): the docstrings and tests/test_semantics.py are made from them."""
    special: str = ""
    example: str = ""
    anchors: str = ""
    ref: Callable | None = None
    dref: Callable | None = None
    limits: tuple[float, float] = (float("nan"), float("nan"))
    dlimits: tuple[float, float] = (0.0, 0.0)
    dzeros: tuple[float, ...] | Callable = ()
    """Zeros of f' (or a function of the parameter values returning them)."""
    test_params: tuple[dict, ...] = field(default_factory=tuple)
    monotone: bool = False
    bounds: tuple[float, float] | None = None
    memory_bound: bool = False
    """A few comparisons per element: memory traffic, not arithmetic, sets the speed (the
    benchmarks compare these with a copy; the CPU path splits them across threads from
    larger sizes than the others, where that starts to pay: the thresholds are
    ``NATIVE_MIN_SIZE_MEMORY_BOUND`` and ``PARALLEL_MIN_SIZE_MEMORY_BOUND`` in
    :mod:`fastact._core.threads`, their one owner)."""
    domain: tuple[float, float] | None = None
    """Where the function is real (``(0, 1)`` for logit); NaN outside.  The accuracy
    points and the reference checks also sample near its ends."""
    variant_of: str | None = None
    """For ``gelu_tanh``: the public function (``gelu``) that selects this variant."""
    rules: tuple[Rule, ...] = ()
    """Conditions on the parameters (checked by the public functions, ValueError)."""
    base: str | None = None
    """For a derivative of higher order (``gelu_derivative2``): the activation (``gelu``)."""
    order: int = 0
    """For a derivative of higher order: which (2 or 3); it has no ``backward`` (None)."""
    forward_fast: tuple[Any, Any] | None = None
    """``(ok, short)``: the forward's block fast path, two kernels of the forward's
    arguments.  ``short(x)`` is a shorter formula that holds the accuracy contract wherever
    ``ok(x)`` (which tests only ``x`` and the parameters: NaN fails it); the forward kernel
    itself returns ``short(x)`` there, so the loops may compute whole blocks that pass by
    ``short`` alone (:func:`fastact._core.templates.loop_source`)."""
    backward_fast: tuple[Any, Any] | None = None
    """The same for the backward (``ok`` takes ``x`` and the parameters, ``short`` the
    backward's arguments)."""
    read_ahead: bool = True
    """Whether the loops' flat pass (where the fast path's first block passes) tests the
    element one block ahead of the one it computes, instead of that element
    (:func:`fastact._core.templates.loop_source`): faster at memory size for most kernels
    measured, slower for log1mexp's (the heaviest flat pass measured), which says False."""
    interleave: tuple[str, ...] = ()
    """The loops (``"float32"``, ``"float64"``, ``"float32 backward"``, ``"float64
    backward"``) whose vectorized body LLVM interleaves :data:`INTERLEAVE` times instead of
    its own choice (:func:`fastact._core.jit.interleaving`): the long bodies, where its
    cost model picks one or two vectors a pass.  Each loop named here was timed both ways
    in cache with the AVX-512 and the AVX2 code (``make interleave``, bench/interleave.py,
    its tables in docs/benchmarks.md): four vectors cost at most 3% on either and saved at
    least 5% on one."""
    gathers: bool = False
    """Its backward kernel reads a table at a computed index (gelu's float64 fast path).
    With AVX2 LLVM scalarizes such a gather and then keeps a loop that also holds the
    second derivative scalar; the double backward then fills ``dgrad`` with the backward's
    own loop (its blocks) and ``dx`` in a loop of its own."""

    def interleave_table(self, backward: bool) -> dict[str, int]:
        """``{dtype: count}`` for the forward's or the backward's loop (:attr:`interleave`)."""
        tail = " backward" if backward else ""
        return {dt: INTERLEAVE for dt in ("float32", "float64") if dt + tail in self.interleave}

    def fast(self, backward: bool) -> tuple[Any, Any] | None:
        """The block fast path ``(ok, short)`` of the forward or the backward, or None.

        The one place that says whether a loop has one: the generator writes its loops
        and chunked split loops from it, the CPU path routes one-thread calls by it.
        """
        return self.backward_fast if backward else self.forward_fast

    @property
    def ufunc_params(self) -> tuple[Param, ...]:
        """The numeric parameters, in the order the ufunc takes them after ``x``."""
        return tuple(p for p in self.params if p.choices is None)

    @property
    def nparams(self) -> int:
        return len(self.ufunc_params)

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params if p.default is not REQUIRED}

    def kinks_text(self) -> str:
        """The kink convention as the docs state it: the values, then the note."""
        if not self.kink_grads:
            return self.kinks
        vals = "; ".join(f"{self.name}'({_show(x)}) = {_show(g)}" for x, g in self.kink_grads)
        return f"{vals} ({self.kinks})."

    def kink_points(self, params: dict) -> list[tuple[float, float]]:
        """``kink_grads`` evaluated at ``params`` (the defaults filled in)."""
        env = {**self.defaults(), **params}
        env = {k: (p.none_value if env.get(k) is None else env.get(k))
               for k, p in ((p.name, p) for p in self.params) if k in env}
        return [(_value(x, env), _value(g, env)) for x, g in self.kink_grads]


def _show(v) -> str:
    if isinstance(v, str):
        return v
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _value(v, env) -> float:
    return float(eval(v, {"__builtins__": {}}, dict(env))) if isinstance(v, str) else float(v)


REGISTRY: dict[str, Activation] = {}

USER: dict[str, Activation] = {}
"""The activations made in this process by :func:`fastact.activation` (kept apart from the
built-ins, which the generated files, docs and tests enumerate)."""


USER_MODULES: dict[str, str] = {}
"""The module that defined each user activation: a worker process imports it to rebuild
the activation's ufuncs (Dask pickles them by reference)."""


DERIVED: dict[str, Activation] = {}
"""The second and third derivatives of the built-ins, each an elementwise function of its
own (``gelu_derivative2``, ``gelu_derivative3``): entries without a backward, made by
:func:`derive` (:mod:`fastact._spec.curvature` holds their kernels and references)."""

ORDERS = (2, 3)
"""The orders of the derivatives that are functions of their own (f' is ``NAME_backward``)."""


def derivative_name(name: str, order: int) -> str:
    """``gelu_derivative2``: the elementwise function ``f''`` (order 2) of ``gelu``."""
    return f"{name}_derivative{order}"


def lookup(name: str) -> Activation:
    """The entry of a built-in, derived or user activation; KeyError for an unknown name."""
    found = REGISTRY.get(name)
    if found is None:
        found = DERIVED.get(name)
    return found if found is not None else USER[name]


def known(name: str) -> bool:
    """Whether ``name`` is a built-in, derived or user elementwise activation."""
    return name in REGISTRY or name in DERIVED or name in USER


def builtin(name: str) -> bool:
    """Whether ``name`` is built in (its loops and kernels are generated files)."""
    return name in REGISTRY or name in DERIVED


_ORDINAL = {2: "Second", 3: "Third"}


def derive(base: Activation, kernels: tuple, refs: tuple, formulas: tuple[str, str],
           kinks: str, into: dict | None = None, examples: tuple[str, str] = ("", "")
           ) -> tuple[Activation, ...]:
    """The entries of ``base``'s second and third derivatives, added to :data:`DERIVED`.

    ``kernels``, ``refs`` and ``formulas``: ``(f'', f''')`` each (scalar kernels of ``x`` and
    the parameters, the second may be None; mpmath references ``(mp, x, *params)``;
    LaTeX).  ``kinks``: the convention at the kinks; ``examples``: their doctests.  The
    order-2 entry's ``dref`` is the order-3 reference (the reference test checks one
    against the derivative of the other).  ``into``: where to
    add them (:data:`DERIVED`; a user activation's go to :data:`USER`).
    """
    import inspect
    from dataclasses import replace

    made = []
    target = DERIVED if into is None else into
    lo, hi = base.domain or (-math.inf, math.inf)  # each derivative here tends to 0 at +-inf
    ends = (0.0 if lo == -math.inf else math.nan, 0.0 if hi == math.inf else math.nan)
    for n, kernel, ref, nxt, formula, example in zip(ORDERS, kernels, refs, (refs[1], None),
                                                     formulas, examples):
        if kernel is None:  # (a user activation may give the second alone)
            continue
        arity = len(inspect.signature(getattr(kernel, "py_func", kernel)).parameters)
        if arity != 1 + base.nparams:
            raise ValueError(f"{base.name}: its order-{n} kernel takes {arity} arguments, "
                             f"expected {1 + base.nparams}")
        params = tuple(replace(p, choices={k: derivative_name(v, n) for k, v in p.choices.items()})
                       if p.choices else p for p in base.params)
        name = derivative_name(base.name, n)
        if name in target or name in REGISTRY:
            raise ValueError(f"duplicate activation {name!r}")
        target[name] = Activation(
            name=name, forward=kernel, backward=None,
            summary=f"{_ORDINAL[n]} derivative of :func:`{base.name}`: "
                    f"``{base.name}{chr(39) * n}(x)``.",
            formula=formula, derivative=formulas[1] if n == 2 else "",
            params=params, kinks=kinks, ref=ref, dref=nxt, example=example,
            limits=ends, dlimits=ends, test_params=base.test_params,
            memory_bound=base.memory_bound, domain=base.domain,
            variant_of=derivative_name(base.variant_of, n) if base.variant_of else None,
            rules=base.rules, base=base.name, order=n)
        made.append(target[name])
    return tuple(made)


def register(*entries: Activation) -> None:
    """Add entries to :data:`REGISTRY`, after checking each.

    Names must be new; the kernels must take ``x`` (and ``grad`` for the backward) and
    the numeric parameters; test parameters, rules and kink values must name parameters;
    the mpmath references must be there (the accuracy tests need both).
    """
    import inspect

    for e in entries:
        if e.name in REGISTRY:
            raise ValueError(f"duplicate activation {e.name!r}")
        names = {p.name for p in e.params}
        for kernel, extra in ((e.forward, 1), (e.backward, 2)):
            if kernel is None:
                raise ValueError(f"{e.name}: a forward and a backward kernel are required")
            arity = len(inspect.signature(getattr(kernel, "py_func", kernel)).parameters)
            if arity != extra + e.nparams:
                raise ValueError(f"{e.name}: kernel {getattr(kernel, '__name__', kernel)} takes "
                                 f"{arity} arguments, expected {extra + e.nparams} "
                                 f"({'grad, ' if extra == 2 else ''}x and "
                                 f"{[p.name for p in e.ufunc_params]})")
        for tp in e.test_params:
            if not set(tp) <= names:
                raise ValueError(f"{e.name}: test parameters {sorted(set(tp) - names)} are not "
                                 "parameters")
        if e.ref is None or e.dref is None:
            raise ValueError(f"{e.name}: ref and dref (mpmath references) are required")
        for x, g in e.kink_grads:
            for v in (x, g):
                used = set(compile(v, "<kink>", "eval").co_names) if isinstance(v, str) else set()
                if not used <= names:
                    raise ValueError(f"{e.name}: kink value {v!r} names {used - names}, "
                                     f"not parameters of {e.name}")
        for r in e.rules:
            used = set(compile(r.text, "<rule>", "eval").co_names)
            if not set(r.params) <= names or not used <= set(r.params):
                raise ValueError(f"{e.name}: rule {r.text!r} must be an expression over "
                                 f"its parameters {r.params}, which must be {e.name}'s")
        REGISTRY[e.name] = e
