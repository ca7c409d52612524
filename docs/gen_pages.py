"""Generate the per-function pages and plots of the docs site from the registry.

    python docs/gen_pages.py            # writes docs/functions/*.md and docs/img/*.png

Fails (exit 1) if a public function of fastact has no page: the docs are complete or the
build stops.  The accuracy figures come from the same computation as ``fastact check``.
"""

from __future__ import annotations

import inspect
import os
import re
import sys

import fastact
from fastact._spec.names import ALIASES, HVP
from fastact._spec.registry import DERIVED, REGISTRY, REQUIRED, derivative_name
from fastact._tools.accuracy import gated_errors, max_ulp_table
from fastact._tools.plot import plot_all, plot_params

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCS = os.path.join(HERE, "functions")
IMG = os.path.join(HERE, "img")


def _fmt(v):
    if v != v or v == float("inf"):
        return "inf/NaN"
    return f"{v:.2f}" if v < 1e4 else f"{v:.1e}"


def md(text: str) -> str:
    """Docstring markup (reST roles, double backticks) as Markdown for a page."""
    text = re.sub(r":(?:func|class|mod|data):`~?(?:fastact\.)?([\w.]+)`",
                  lambda m: f"[`{m.group(1)}`]({m.group(1)}.md)" if m.group(1) in REGISTRY
                  else f"`{m.group(1)}`", text)
    return text.replace("``", "`")


def plain(text: str) -> str:
    """Docstring markup removed, for a docstring shown as text."""
    return re.sub(r":(?:func|class|mod|data):`~?([\w.]+)`", r"\1", text).replace("``", "")


def docstring_md(doc: str) -> str:
    """A NumPy-style docstring as Markdown: sections, parameter lists, math and examples."""
    lines, out, i = doc.splitlines(), [], 0
    section = ""
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt and set(nxt) == {"-"} and len(nxt) == len(line):  # a section heading
            section = line
            out += ["", f"### {line}", ""]
            i += 2
            continue
        if line.startswith(".. math::"):
            i += 1
            body = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
                body.append(lines[i].strip())
                i += 1
            out += ["", "$$", " ".join(b for b in body if b), "$$", ""]
            continue
        if line.startswith(">>>"):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            out += ["", "```pycon", *block, "```", ""]
            continue
        if section in ("Parameters", "Returns") and line and not line.startswith(" "):
            name, _, kind = line.partition(" : ")
            out.append(f"- `{name}`" + (f" ({md(kind)})" if kind else "") + ":")
        elif section in ("Parameters", "Returns") and line.startswith(" "):
            out.append("  " + md(line.strip()))
        else:
            out.append(md(line))
        i += 1
    return "\n".join(out).strip() + "\n"


def aliases_of(name: str) -> list[str]:
    """The other libraries' names of ``name`` (see :mod:`fastact._spec.names`)."""
    return [alias for alias, (target, _) in ALIASES.items() if target == name]


def signature_text(e) -> str:
    """``x, alpha=1.0`` for the parameter column of the index."""
    return ", ".join(p.name + ("" if p.default is REQUIRED else f"={p.default!r}") for p in e.params)


def element_page(name, acc) -> str:
    e = REGISTRY[name]
    lines = [f"# {name}", "", md(e.summary), "", "$$", e.formula, "$$", "",
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
            lines.append(f"| `{p.name}` | {d} | {md(p.doc)} |")
        lines.append("")
    lines += ["## Derivative", "", "$$", e.derivative, "$$", "", "**At kinks:** " + md(e.kinks_text()), ""]
    if e.special:
        lines += ["## Special values", "", md(e.special) + " NaN gives NaN.", ""]
    d2, d3 = (DERIVED[derivative_name(name, n)] for n in (2, 3))
    ps = "".join(", " + p.name for p in e.params)
    lines += ["## Higher derivatives", "", "$$", d2.formula, "$$", "", "$$", d3.formula, "$$", "",
              "**At kinks:** " + md(d2.kinks), "", "```python",
              f"fastact.{name}_derivative2(x{ps}, out=None)   # f''; fastact.derivative({name!r}, 2)",
              f"fastact.{name}_derivative3(x{ps}, out=None)   # f'''",
              f"fastact.{name}_double_backward(gg, grad, x{ps})  # (gg f'(x), gg grad f''(x))",
              "```", "", "Each is an elementwise function with the whole API (ufuncs "
              f"`fastact.cpu.{name}_derivative2`, CUDA arrays, inside Numba); see "
              "[higher derivatives](derivatives.md).", ""]
    lines += ["## Accuracy", "", "Maximum error against mpmath over the points of "
              "[the accuracy page](../accuracy.md), finite inputs (ulps; f'' and f''' beyond "
              "the conditioning term near their zeros; PyTorch's by its autograd):", "",
              "| dtype | library | f | f' | f'' | f''' |", "|---|---|---|---|---|---|"]
    for r in acc:
        if r["name"] == name:
            cells = [_fmt(r[k]) if k in r else "" for k in ("backward", "derivative2", "derivative3")]
            lines.append(f"| {r['dtype']} | {r['library']} | {_fmt(r.get('forward', float('nan')))}"
                         f" | {' | '.join(cells)} |")
    lines += ["", "## Anchors", "", md(e.anchors or "none") + ".", ""]
    if aliases_of(name):
        lines += ["Also available as " + ", ".join(f"`fastact.{a}`" for a in aliases_of(name))
                  + " ([other libraries' names](names.md)).", ""]
    shown = plot_params(name)
    if shown:
        lines += ["The plot uses " + ", ".join(f"`{k}={v!r}`" for k, v in shown.items()) + ".", ""]
    if e.variant_of:
        lines.append(f"Selected by `fastact.{e.variant_of}(x, approximate='tanh')`.")
    return "\n".join(lines) + "\n"


def axis_page(name) -> str:
    fn = getattr(fastact, name)
    doc = inspect.getdoc(fn) or ""
    back = inspect.getdoc(getattr(fastact, name + "_backward")) or ""
    summary = md(doc.splitlines()[0]) if doc else ""
    body = doc.split("\n\n", 1)[1] if "\n\n" in doc else ""
    return (f"# {name}\n\n{summary}\n\n```python\nfastact.{name}{inspect.signature(fn)}\n"
            f"fastact.{name}_backward{inspect.signature(getattr(fastact, name + '_backward'))}\n```"
            f"\n\n## Reference\n\n{docstring_md(body)}\n## Backward\n\n{docstring_md(back)}")


def loss_table() -> str:
    """The cross-entropy of ``[L, 0, 0]``, label 0, three ways, computed at build time."""
    import numpy as np

    rows = ["", "## Where the loss goes to 0", "",
            "Logits `[L, 0, 0]`, label 0: the exact loss is `log1p(2 e^-L)`.  The naive form "
            "`-log(softmax(x)[0])` and the frameworks' `logsumexp(x) - x[0]` (PyTorch's "
            "`cross_entropy`, optax) against fastact, in float64 (computed when this page "
            "was built):", "",
            "| L | exact log1p(2 e^-L) | -log(softmax(x)[0]) | logsumexp(x) - x[0] | "
            "fastact.softmax_cross_entropy |", "|---|---|---|---|---|"]
    for L in (5.0, 17.0, 30.0, 40.0, 100.0, 700.0):
        x = np.array([L, 0.0, 0.0])
        with np.errstate(all="ignore"):
            naive = -np.log(np.exp(x - x.max())[0] / np.exp(x - x.max()).sum())
        frame = fastact.logsumexp(x) - x[0]
        rows.append(f"| {L:g} | {np.log1p(2 * np.exp(-L)):.6e} | {naive:.6e} | {frame:.6e} | "
                    f"{fastact.softmax_cross_entropy(x, 0):.6e} |")
    return "\n".join(rows) + "\n"


PEERS = [
    ("PyTorch", "`F.glu(x, dim)`: `a * sigmoid(b)`, `a, b = x.chunk(2, dim)`",
     '`fastact.gated("sigmoid")(x, axis=dim, gate="second")` (also `fastact.glu(x, axis=dim)`)'),
    ("PyTorch, by hand", "`a, b = x.chunk(2, -1); F.silu(a) * b`", "`fastact.swiglu(x)`"),
    ("JAX", "`jax.nn.glu(x, axis)`: `x1 * sigmoid(x2)`",
     '`fastact.gated("sigmoid")(x, axis=axis, gate="second")`'),
    ("vLLM", "`SiluAndMul` (`silu_and_mul`): `silu(x[..., :d]) * x[..., d:]`", "`fastact.swiglu(x)`"),
    ("vLLM", '`GeluAndMul(approximate=a)`, `a` = `"none"` or `"tanh"`',
     '`fastact.geglu(x, approximate=a)`'),
    ("Megatron-core", "`bias_swiglu_impl(y, bias)`: `y1, y2 = chunk(y + bias, 2, -1); silu(y1) * y2`",
     "`fastact.swiglu(y, bias=bias)`"),
    ("Megatron-LM (older `SwiGLU` module)", "`x, gate = x.chunk(2, -1); F.silu(gate) * x`",
     '`fastact.swiglu(x, gate="second")`'),
    ("Hugging Face LLaMA, Mistral, Qwen MLP", "`act_fn(gate_proj(x)) * up_proj(x)` (`silu`)",
     "`fastact.swiglu(gate, up)`"),
    ("Hugging Face Gemma, T5 v1.1", "`gelu_pytorch_tanh(gate) * up`, `gelu_new(wi_0(h)) * wi_1(h)`",
     '`fastact.geglu(gate, up, approximate="tanh")`'),
    ("ggml", "`ggml_swiglu(a)`, `ggml_swiglu_swapped(a)`, `ggml_swiglu_split(a, b)`",
     '`fastact.swiglu(a)`, `fastact.swiglu(a, gate="second")`, `fastact.swiglu(a, b)`'),
    ("ggml", "`ggml_geglu(a)` (tanh form), `ggml_geglu_erf(a)`, `ggml_reglu(a)` (and `_swapped`)",
     '`fastact.geglu(a, approximate="tanh")`, `fastact.geglu(a)`, `fastact.reglu(a)` '
     '(`gate="second"`)'),
    ("ggml", "`ggml_geglu_quick(a)`: `x * sigmoid(1.702 x)` as the gate",
     '`fastact.gated("swish", beta=1.702)(a)`'),
    ("ggml (gpt-oss)", "`ggml_swiglu_oai(a, b, alpha, limit)`: `x = min(a, limit)`, "
     "`y = clamp(b, -limit, limit)`, `x * sigmoid(alpha x) * (y + 1)`",
     '`fastact.gated("swish", beta=alpha)(np.minimum(a, limit), np.clip(b, -limit, limit), '
     'bias=(None, 1.0))`'),
]
"""Which fastact call gives each library's gated unit (tests/test_fused.py::test_peers_layouts
checks the calls against the libraries' definitions)."""


def gated_page() -> str:
    """The gated units and the fused bias: the general form, the peers' layouts, the API."""
    rows = ["# Gated units and fused bias", "",
            "`f(gate) * value`, the MLP of current transformers, and `f(x + b)`, each in one "
            "pass over memory each way.  Named units: [`swiglu`](swiglu.md), "
            "[`geglu`](geglu.md), [`reglu`](reglu.md); `fastact.gated(activation, **params)` "
            "makes the unit of any elementwise activation, built-in or your own.  Every "
            "elementwise function takes `bias=`.", "",
            "## Which call gives another library's result", "",
            "Libraries split the input differently (which half is the gate) and name the same "
            "unit differently; these calls give their results:", "",
            "| library | their call | fastact |", "|---|---|---|"]
    rows += [f"| {lib} | {theirs} | {ours} |" for lib, theirs, ours in PEERS]
    rows += ["", "## Accuracy", "",
             "Largest errors in ulps against mpmath (160 bits) on the accuracy points of each "
             "activation, with random values and gradients (computed when this page was "
             "built; `fastact._tools.accuracy.gated_errors`): the forward `f(g) v` and "
             "`dvalue = grad f(g)` include the product's rounding; `dgate = grad v f'(g)` "
             "leaves out the half ulp of `grad * v`'s rounding in float64 (exact in float32) "
             "and takes the absolute allowance near a zero of `f'`.  The contract: 4 ulp beyond "
             "the product's rounding, 16 for the gradients.", "",
             "| unit | dtype | points | forward | dgate | dvalue |", "|---|---|---|---|---|---|"]
    for label, name, approx in (("swiglu", "silu", None), ("geglu", "gelu", None),
                                ("geglu (tanh)", "gelu", "tanh"), ("reglu", "relu", None),
                                ("gated('sigmoid')", "sigmoid", None),
                                ("gated('mish')", "mish", None)):
        for dt in ("float32", "float64"):
            e = gated_errors(name, dt, approx)
            rows.append(f"| {label} | {dt} | {e['points']} | {e['forward']:.2f} | "
                        f"{e['dgate']:.2f} | {e['dvalue']:.2f} |")
    rows += ["", "## fastact.gated", "", docstring_md(inspect.getdoc(fastact.gated) or ""), "",
             "## Fused bias", "",
             "`fastact.NAME(x, bias=b)` computes `NAME(x + b)` in one pass, the sum rounded to "
             "the compute dtype first (the bits of the two calls); "
             "`fastact.NAME_backward(grad, x, bias=b)` returns `(dx, db)`, `db` summed over "
             "the axes the bias is broadcast along in the same pass, in float64 with "
             "compensation: within 2 ulp of the exact sum of `dx` plus `2 eps` times the sum "
             "of its magnitudes, the same bits for a given thread count.  A bias along `x`'s "
             "trailing dimensions (a bias per feature) is fused; any other broadcastable "
             "bias runs as the two calls.", "",
             "```python", "y = fastact.gelu(x, bias=b)                  # gelu(x + b)",
             "dx, db = fastact.gelu_backward(g, x, bias=b)  # db = dx.sum(0), same pass", "```",
             ""]
    return "\n".join(rows)


def index_page() -> str:
    """Every function in two tables: formula, plot, parameters and aliases."""
    rows = ["# Functions", "",
            f"{len(REGISTRY)} elementwise functions and {len(fastact.ALONG_AXIS)} along an axis; "
            "each has `NAME_backward`.  Other libraries' names are listed on "
            "[their own page](names.md) and found by `fastact.get(name)`.", "",
            "## Elementwise", "",
            "| f and f' | function | formula |", "|---|---|---|"]
    for name, e in REGISTRY.items():
        about = [f"[**`{name}`**]({name}.md) {md(e.summary)}"]
        if e.params:
            about.append(f"parameters: `{signature_text(e)}`")
        if aliases_of(name):
            about.append("also: " + ", ".join(f"`{a}`" for a in aliases_of(name)))
        rows.append(f"| ![{name}](../img/{name}.png){{ .thumb }} | {'<br>'.join(about)} | "
                    f"\\({e.formula}\\) |")
    rows += ["", "## Along an axis", "", "| function | summary | call | aliases |", "|---|---|---|---|"]
    for name in (*fastact.ALONG_AXIS, *(n for n in fastact.LOSSES if n not in fastact.ALONG_AXIS)):
        fn = getattr(fastact, name)
        summary = md((inspect.getdoc(fn) or "").splitlines()[0])
        alias = ", ".join(f"`{a}`" for a in aliases_of(name))
        rows.append(f"| [`{name}`]({name}.md) | {summary} | `{name}{inspect.signature(fn)}` | {alias} |")
    return "\n".join(rows) + "\n"


def derivatives_page() -> str:
    """f'' and f''' of every elementwise function, the double backward, the softmax HVPs."""
    rows = ["# Higher derivatives", "",
            "Every elementwise function has its second and third derivatives as elementwise "
            "functions of their own, `fastact.NAME_derivative2(x, ...)` and "
            "`fastact.NAME_derivative3(x, ...)` (broadcasting, parameters, `out=`, dtype rules, "
            "the `fastact.cpu` / `fastact.parallel` ufuncs, CUDA arrays of any layout, calls "
            "inside `@njit` and `@cuda.jit`), each a kernel written for its own tails, and "
            "autograd's double backward `fastact.NAME_double_backward(gg, grad, x, ...)` -> "
            "`(gg f'(x), gg grad f''(x))` in one pass.  Physics-informed networks (Laplacians, "
            "PDE residuals), Hessian-vector products and `gradgradcheck` need them.", "",
            "Accuracy (`tests/test_curvature.py`, every target, float32 and float64): f'' within "
            "16 ulp and f''' within 32 ulp of mpmath, beyond a conditioning term near their "
            "zeros; subnormal results within the subnormal spacing.  Where PyTorch's and JAX's "
            "autograd return 0 (saturated sigmoid and tanh, the Gaussian tails), see the second "
            "table of [the accuracy page](../accuracy.md).", "",
            "| function | f'' | f''' |", "|---|---|---|"]
    for name in REGISTRY:
        d2, d3 = (DERIVED[derivative_name(name, n)] for n in (2, 3))
        rows.append(f"| [`{name}`]({name}.md) | \\({d2.formula}\\) | \\({d3.formula}\\) |")
    rows += ["", "## fastact.derivative", "", docstring_md(inspect.getdoc(fastact.derivative) or ""),
             "", "## The double backward", "",
             docstring_md(inspect.getdoc(fastact.gelu_double_backward) or ""), ""]
    for name in HVP:
        doc = inspect.getdoc(getattr(fastact, name)) or ""
        rows += [f"## {name}", "", "```python",
                 f"fastact.{name}{inspect.signature(getattr(fastact, name))}", "```", "",
                 docstring_md(doc), ""]
    return "\n".join(rows) + "\n"


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
        written |= {name, name + "_backward", name + "_double_backward",
                    derivative_name(name, 2), derivative_name(name, 3)}
        rows.append(f"| [{name}]({name}.md) | {e.summary} |")
    with open(os.path.join(FUNCS, "elementwise.md"), "w") as fh:
        fh.write("\n".join(rows) + "\n\n![all functions](../img/gallery.png)\n")
    rows = ["# Functions along an axis", "", "| function | summary |", "|---|---|"]
    for name in fastact.ALONG_AXIS:
        with open(os.path.join(FUNCS, f"{name}.md"), "w") as fh:
            fh.write(axis_page(name) + (loss_table() if name == "softmax_cross_entropy" else ""))
        written |= {name, name + "_backward"}
        summary = (inspect.getdoc(getattr(fastact, name)) or "").splitlines()[0]
        rows.append(f"| [{name}]({name}.md) | {summary} |")
    for name in fastact.LOSSES:  # (softmax_cross_entropy: above, along an axis)
        if name in fastact.ALONG_AXIS:
            continue
        with open(os.path.join(FUNCS, f"{name}.md"), "w") as fh:
            fh.write(axis_page(name))
        written |= {name, name + "_backward"}
        summary = (inspect.getdoc(getattr(fastact, name)) or "").splitlines()[0]
        rows.append(f"| [{name}]({name}.md) (elementwise) | {summary} |")
    rows += ["", "## Gated units ([all forms, other libraries' layouts](gated.md))", "",
             "| function | summary |", "|---|---|"]
    for name in fastact.GATED:
        with open(os.path.join(FUNCS, f"{name}.md"), "w") as fh:
            fh.write(axis_page(name))
        written |= {name, name + "_backward"}
        summary = (inspect.getdoc(getattr(fastact, name)) or "").splitlines()[0]
        rows.append(f"| [{name}]({name}.md) | {md(summary)} |")
    with open(os.path.join(FUNCS, "gated.md"), "w") as fh:
        fh.write(gated_page())
    written |= {"gated", "Gated"}
    with open(os.path.join(FUNCS, "axis.md"), "w") as fh:
        fh.write("\n".join(rows) + "\n")
    rows = ["# Other libraries' names", "",
            "Each alias is the very function (its `_backward` too), with fastact's "
            "parameter names; `fastact.get(name)` finds a function by name or alias.", "",
            "| alias | fastact function | from |", "|---|---|---|"]
    for alias, (name, src) in ALIASES.items():
        rows.append(f"| `{alias}` | [{name}]({name}.md) | {src} |")
        written |= {alias, alias + "_backward"}
    rows += ["", "## fastact.get", "", docstring_md(inspect.getdoc(fastact.get) or ""), ""]
    written.add("get")
    with open(os.path.join(FUNCS, "names.md"), "w") as fh:
        fh.write("\n".join(rows))
    with open(os.path.join(FUNCS, "index.md"), "w") as fh:
        fh.write(index_page())
    with open(os.path.join(FUNCS, "derivatives.md"), "w") as fh:
        fh.write(derivatives_page())
    written |= {"derivative", *HVP}
    import make_user_pages

    make_user_pages.main()  # own-activation.md and numba.md, which document activation
    written.add("activation")
    public = {n for n in fastact.__all__ if callable(getattr(fastact, n))}
    missing = sorted(public - written)
    if missing:
        print("docs: public functions without a page: " + ", ".join(missing), file=sys.stderr)
        return 1
    print(f"docs: {len(written)} public functions documented", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
