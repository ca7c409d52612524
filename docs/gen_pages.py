"""Generate the per-function pages and plots of the docs site from the registry.

    python docs/gen_pages.py            # writes docs/functions/*.md and docs/img/*.png

Fails (exit 1) if a public function of fastact has no page: the docs are complete or the
build stops.  The accuracy figures come from the same computation as ``fastact check``.
"""

from __future__ import annotations

import inspect
import os
import sys

import fastact
from fastact._accuracy import max_ulp_table
from fastact._names import ALIASES
from fastact._plot import plot_all, plot_params
from fastact._registry import REGISTRY, REQUIRED

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCS = os.path.join(HERE, "functions")
IMG = os.path.join(HERE, "img")


def _fmt(v):
    return "inf/NaN" if v != v or v == float("inf") else f"{v:.2f}"


def element_page(name, acc) -> str:
    e = REGISTRY[name]
    lines = [f"# {name}", "", e.summary, "", "$$", e.formula, "$$", "",
             f"![{name} and its derivative](../img/{name}.png)", "",
             "## Call", "", "```python",
             f"fastact.{name}(x{''.join(', ' + p.name + ('' if p.default is REQUIRED else '=' + repr(p.default)) for p in e.params)}, out=None)",  # noqa: E501
             f"fastact.{name}_backward(grad, x{''.join(', ' + p.name for p in e.params)}, out=None)",
             f"fastact.cpu.{name}(x{''.join(', ' + p.name for p in e.ufunc_params)})  "
             "# numpy.ufunc; also fastact.parallel, fastact.cuda", "```", ""]
    if e.params:
        lines += ["## Parameters", "", "| name | default | meaning |", "|---|---|---|"]
        for p in e.params:
            d = "required" if p.default is REQUIRED else f"`{p.default!r}`"
            lines.append(f"| `{p.name}` | {d} | {p.doc} |")
        lines.append("")
    lines += ["## Derivative", "", "$$", e.derivative, "$$", "", "**At kinks:** " + e.kinks_text(), ""]
    if e.special:
        lines += ["## Special values", "", e.special + " NaN gives NaN.", ""]
    lines += ["## Accuracy", "", "Maximum error against mpmath over the points of "
              "[the accuracy page](../accuracy.md), finite inputs (ulps):", "",
              "| dtype | library | f | f' |", "|---|---|---|---|"]
    for r in acc:
        if r["name"] == name:
            lines.append(f"| {r['dtype']} | {r['library']} | {_fmt(r.get('forward', float('nan')))}"
                         f" | {_fmt(r['backward']) if 'backward' in r else ''} |")
    lines += ["", "## Anchors", "", (e.anchors or "none") + ".", "",
              f"Plot parameters: `{plot_params(name)}`.", ""]
    if e.variant_of:
        lines.append(f"Selected by `fastact.{e.variant_of}(x, approximate='tanh')`.")
    return "\n".join(lines) + "\n"


def axis_page(name) -> str:
    fn = getattr(fastact, name)
    doc = inspect.getdoc(fn) or ""
    back = inspect.getdoc(getattr(fastact, name + "_backward")) or ""
    summary = doc.splitlines()[0] if doc else ""
    return (f"# {name}\n\n{summary}\n\n```python\nfastact.{name}{inspect.signature(fn)}\n"
            f"fastact.{name}_backward{inspect.signature(getattr(fastact, name + '_backward'))}\n```"
            f"\n\n## Reference\n\n```text\n{doc}\n```\n\n## Backward\n\n```text\n{back}\n```\n")


def main() -> int:
    os.makedirs(FUNCS, exist_ok=True)
    plot_all(IMG)
    acc = max_ulp_table(targets=("fastact", "scipy", "torch"))
    written = set()
    rows = ["# Elementwise functions", "", "Each has `NAME_backward(grad, x, ...)`.", "",
            "| function | summary |", "|---|---|"]
    for name, e in REGISTRY.items():
        with open(os.path.join(FUNCS, f"{name}.md"), "w") as fh:
            fh.write(element_page(name, acc))
        written |= {name, name + "_backward"}
        rows.append(f"| [{name}]({name}.md) | {e.summary} |")
    with open(os.path.join(FUNCS, "elementwise.md"), "w") as fh:
        fh.write("\n".join(rows) + "\n\n![all functions](../img/gallery.png)\n")
    rows = ["# Functions along an axis", "", "| function | summary |", "|---|---|"]
    for name in fastact.ALONG_AXIS:
        with open(os.path.join(FUNCS, f"{name}.md"), "w") as fh:
            fh.write(axis_page(name))
        written |= {name, name + "_backward"}
        summary = (inspect.getdoc(getattr(fastact, name)) or "").splitlines()[0]
        rows.append(f"| [{name}]({name}.md) | {summary} |")
    with open(os.path.join(FUNCS, "axis.md"), "w") as fh:
        fh.write("\n".join(rows) + "\n")
    rows = ["# Other libraries' names", "",
            "Each alias is the very function (its `_backward` too), with fastact's "
            "parameter names; `fastact.get(name)` finds a function by name or alias.", "",
            "| alias | fastact function | from |", "|---|---|---|"]
    for alias, (name, src) in ALIASES.items():
        rows.append(f"| `{alias}` | [{name}]({name}.md) | {src} |")
        written |= {alias, alias + "_backward"}
    rows += ["", "## fastact.get", "", "```text", inspect.getdoc(fastact.get) or "", "```", ""]
    written.add("get")
    with open(os.path.join(FUNCS, "names.md"), "w") as fh:
        fh.write("\n".join(rows))
    with open(os.path.join(FUNCS, "index.md"), "w") as fh:
        fh.write("# Functions\n\n- [Elementwise](elementwise.md): "
                 f"{len(REGISTRY)} functions, each with its backward.\n"
                 f"- [Along an axis](axis.md): {', '.join(fastact.ALONG_AXIS)}.\n"
                 f"- [Other libraries' names](names.md): {len(ALIASES)} aliases and "
                 "`fastact.get`.\n")
    public = {n for n in fastact.__all__ if callable(getattr(fastact, n))}
    missing = sorted(public - written)
    if missing:
        print("docs: public functions without a page: " + ", ".join(missing), file=sys.stderr)
        return 1
    print(f"docs: {len(written)} public functions documented", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
