"""Command line: ``python -m fastact {list,check,bench,plot}`` (also the ``fastact`` script)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys

from ._spec.names import ALIASES, GATED
from ._spec.names import ALONG_AXIS as _ALONG_AXIS


def _cmd_list(args) -> int:
    import inspect

    import fastact

    from ._spec.registry import REGISTRY

    print("Elementwise (each also NAME_backward(grad, x, ...); all take bias= (f(x + bias), "
          "fused) and out=; fastact.cpu.NAME and fastact.parallel.NAME are the ufuncs, "
          "parameters positional or by fastact.cpu.bind):")
    for name, e in REGISTRY.items():
        sig = str(inspect.signature(getattr(fastact, name))).replace(", *, bias=None, out=None", "")
        for kw in (", dtype=None", ", where=None", ", b=None", ", return_sign=False"):
            sig = sig.replace(kw, "")
        print(f"  {name}{sig}  {e.summary.replace('``', '')}")
    print("Higher derivatives of each: NAME_derivative2(x, ...) and NAME_derivative3(x, ...) "
          "(f'' and f''', elementwise functions with the same API; fastact.derivative(name, "
          "order)), NAME_double_backward(gg, grad, x, ...) -> (gg f'(x), gg grad f''(x)); "
          "softmax_hvp, log_softmax_hvp, logsumexp_hvp(grad, x, v, axis=-1).")
    print("Along an axis (each also NAME_backward; axis: an int, a tuple or None; all but glu "
          "and maxout take out=, the softmax family dtype= and where=, logsumexp b= and "
          "return_sign=):")
    for name in _ALONG_AXIS:
        full = inspect.signature(getattr(fastact, name))  # the keyword-only ones: above
        sig = str(full.replace(parameters=[p for p in full.parameters.values()
                                           if p.kind is not p.KEYWORD_ONLY]))
        print(f"  {name}{sig}  {getattr(fastact, name).__doc__.splitlines()[0].replace('``', '')}")
    print("Gated units (each also NAME_backward; fastact.gated(name, **params) makes one of any "
          "activation):")
    for name in GATED:
        sig = str(inspect.signature(getattr(fastact, name)))
        print(f"  {name}{sig}  {getattr(fastact, name).__doc__.splitlines()[0].replace('``', '')}")
    print("Other libraries' names (the same functions; fastact.get(name) looks any name up):")
    by: dict = {}
    for alias, (name, src) in ALIASES.items():
        by.setdefault(name, []).append(f"{alias} ({src})")
    for name, aliases in by.items():
        print(f"  {name}: {', '.join(aliases)}")
    return 0


def _user_module(parser, module: str) -> dict:
    """Import ``module`` and return the activations it made with ``fastact.activation``."""
    import importlib

    from ._spec.registry import USER, USER_MODULES

    try:
        importlib.import_module(module)
    except ImportError as exc:
        if exc.name == module or (exc.name and module.startswith(exc.name + ".")):
            parser.error(f"--module: cannot import {module!r}: {exc}")
        raise
    made = {n: e for n, e in USER.items()
            if USER_MODULES.get(n) == module or USER_MODULES.get(n, "").startswith(module + ".")}
    if not made:
        parser.error(f"--module: {module} defines no activation (fastact.activation)")
    return made


def _cmd_check(args) -> int:
    from ._tools.accuracy import axis_table, curvature_tails, max_ulp_table

    libs = ("fastact", "scipy", "torch", "jax")
    if args.module:
        entries = _user_module(args.parser, args.module)
        missing = [n for n, e in entries.items() if e.ref is None]
        if missing:
            args.parser.error(f"--module: {', '.join(missing)} has no mpmath reference: give "
                              "fastact.activation a reference= to check it")
        rows = max_ulp_table(targets=libs, entries=entries)
    else:
        rows = max_ulp_table(targets=libs) + axis_table(targets=libs)
    if args.json:
        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    print(accuracy_markdown(rows))
    print("\nMaximum error in ulps of the result's dtype against mpmath (160 bits) over edge and "
          "random points; f: the function, f': its derivative (NAME_backward(1, x); PyTorch: "
          "autograd; JAX: vmap(grad), jax_enable_x64 on). (N✗): N wrong answers at +-inf or "
          "NaN. Subnormal results are measured in the subnormal spacing. Axis functions: ulps "
          "beyond the conditioning term. f'' and f''': fastact's NAME_derivative2/3, PyTorch's "
          "and JAX's autograd twice and three times, in ulps beyond the conditioning term near "
          "their zeros.")
    if not args.module:
        print("\nHigher derivatives (float64) at the tails where autograd returns 0 or loses "
              "the digits:\n")
        print(tails_markdown(curvature_tails(libs)))
    return 0


def accuracy_markdown(rows) -> str:
    """The ``check`` table as markdown: max ulp per function, dtype and library."""
    import numpy as np

    libs = [lib for lib in ("fastact", "scipy", "torch", "jax")
            if any(r["library"] == lib for r in rows)]
    keyed: dict = {}
    for r in rows:
        keyed.setdefault((r["name"], r["dtype"]), {})[r["library"]] = r

    def fmt(v):
        return "" if v is None else ("inf/NaN" if not np.isfinite(v) else
                                     (f"{v:.2f}" if v < 1e4 else f"{v:.1e}"))

    parts = ("forward", "backward", "derivative2", "derivative3")
    marks = dict(zip(parts, ("f", "f'", "f''", "f'''")))
    cols = []
    for lib in libs:
        cols += [f"{lib} {marks[p]}" for p in parts] if lib != "scipy" else [f"{lib} f"]
    lines = ["| function | dtype | " + " | ".join(cols) + " |", "|---|---|" + "---|" * len(cols)]
    for (name, dt), by in keyed.items():
        cells = []
        for lib in libs:
            r = by.get(lib, {})
            for part in parts if lib != "scipy" else ("forward",):
                cell = fmt(r.get(part))
                bad = r.get(part + "_special_wrong", 0)
                cells.append(cell + (f" ({bad}✗)" if bad else ""))
        lines.append(f"| {name} | {dt} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def tails_markdown(rows) -> str:
    """The higher derivatives at the tails where autograd fails, as a markdown table."""
    libs = [lib for lib in ("fastact", "torch", "jax") if any(lib in r for r in rows)]
    primes = {2: "''", 3: "'''"}
    lines = ["| function | x | exact (mpmath) | " + " | ".join(libs) + " |",
             "|---|---|---|" + "---|" * len(libs)]
    for r in rows:
        cells = ["" if r.get(lib) is None else f"{r[lib]:.6g}" for lib in libs]
        lines.append(f"| {r['name']}{primes[r['order']]} | {r['x']:g} | {r['exact']:.6g} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cmd_bench(args) -> int:
    from ._tools.bench import bandwidth_summary, format_table, step_summary, table, torch_summary

    names = args.only.split(",") if args.only else None
    sizes = args.sizes_list
    dtypes = args.dtypes.split(",")
    rows = table(names, sizes, dtypes, progress=not args.json, rows=args.rows)
    if args.json:
        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print("# Medians of repeated calls in one process. Ratio columns: fastact's time / the "
          "other library's time (below 1: fastact is faster); 'fastact out=': into a "
          "preallocated array.")
    print(format_table(rows))
    summary, median = torch_summary(rows, max(sizes))
    print(f"\n## fastact time / PyTorch time at n = {max(sizes):.0e}"
          + (f" (median {median:.2f})" if median is not None else ""))
    print(summary)
    print("\n## Training step (f, then f_backward) / PyTorch autograd (forward + backward)")
    print(step_summary(rows))
    print("\n## out= bandwidth against a 2-thread copy")
    print(bandwidth_summary(rows))
    return 0


def _cmd_plot(args) -> int:
    from ._tools.plot import plot_all

    names = args.only.split(",") if args.only else None
    if args.module:
        names = list(_user_module(args.parser, args.module))
    for path in plot_all(args.out, names):
        print(path)
    return 0




def _sizes(parser, text: str) -> list[int]:
    """``--sizes``: positive element counts (``1e5`` style accepted), else a usage error."""
    out = []
    for part in text.split(","):
        try:
            v = float(part)
        except ValueError:
            parser.error(f"--sizes: {part!r} is not a number")
        if not v >= 1 or v != int(v):
            parser.error(f"--sizes: {part!r} is not a positive whole number of elements")
        out.append(int(v))
    return out


def main(argv=None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="fastact", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list", help="the catalogue").set_defaults(fn=_cmd_list)
    p = sub.add_parser("check", help="max ulp against mpmath: fastact, SciPy, PyTorch")
    p.add_argument("--json", action="store_true")
    p.add_argument("--module", default="",
                   help="check the activations a module makes with fastact.activation")
    p.set_defaults(fn=_cmd_check)
    p = sub.add_parser("bench", help="side-by-side timing against NumPy/SciPy/PyTorch")
    p.add_argument("--json", action="store_true")
    p.add_argument("--sizes", default="1e5", help="comma-separated sizes (default 1e5)")
    p.add_argument("--dtypes", default="float32,float64")
    p.add_argument("--only", default="", help="comma-separated function names")
    p.add_argument("--rows", action="store_true", help="also softmax, log_softmax, logsumexp")
    p.set_defaults(fn=_cmd_bench)
    p = sub.add_parser("plot", help="PNG of f and f' per function, and a gallery (matplotlib)")
    p.add_argument("--out", default="fastact-plots", help="output folder")
    p.add_argument("--module", default="",
                   help="plot the activations a module makes with fastact.activation")
    p.add_argument("--only", default="", help="comma-separated function names")
    p.set_defaults(fn=_cmd_plot)
    args = parser.parse_args(argv)
    args.parser = parser
    if getattr(args, "only", ""):
        from ._spec.registry import REGISTRY

        names = [n.strip() for n in args.only.split(",") if n.strip()]
        along = [n for n in names if n in _ALONG_AXIS]
        if along and args.cmd == "bench":
            parser.error(f"{', '.join(along)}: along an axis; 'fastact bench --rows' times "
                         "softmax, log_softmax and logsumexp")
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            parser.error(f"unknown function(s): {', '.join(unknown)}; see 'fastact list'")
        args.only = ",".join(names)
    if args.cmd == "bench":
        args.sizes_list = _sizes(parser, args.sizes)
        bad = [d for d in args.dtypes.split(",") if d not in ("float32", "float64")]
        if bad:
            parser.error(f"--dtypes: {', '.join(bad)}: expected float32 and/or float64")
    try:
        return args.fn(args)
    except ImportError as exc:  # an optional dependency: say what to install
        parser.exit(2, f"fastact: error: {exc}\n")
    except BrokenPipeError:  # `fastact list | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
