"""The pages "Write your own activation" and "Use fastact inside Numba".

docs/own-activation.md and docs/numba.md, from the example modules (shown as they are) and
docs/user-bench.json (``make user-bench``); the accuracy tables are computed here, as
``fastact check`` does.

    python docs/make_user_pages.py          (run by docs/gen_pages.py)
"""

from __future__ import annotations

import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _source(module_path: str) -> str:
    with open(os.path.join(ROOT, module_path)) as fh:
        return fh.read().rstrip()


def _ratio(a: float, b: float) -> str:
    r = a / b
    return f"**{r:.2f}**" if r > 1 else f"{r:.2f}"


def snake_accuracy() -> list[str]:
    """fastact's Snake and the NumPy expression against mpmath, on the accuracy points."""
    import fastact.examples.snake  # noqa: F401
    from fastact._spec.registry import USER
    from fastact._tools.accuracy import max_ulp_table, points, reference, ulp_errors

    entry = USER["snake"]
    rows = {r["dtype"]: r for r in max_ulp_table(entries={"snake": entry})}
    lines = ["| dtype | fastact f | fastact f' | NumPy expression f | NumPy expression f' |",
             "|---|---|---|---|---|"]
    for dt in ("float32", "float64"):
        xs = points(dt, entry)
        finite = np.isfinite(xs)
        hi, lo = reference(entry, xs, {})
        dhi, dlo = reference(entry, xs, {}, derivative=True)
        with np.errstate(all="ignore"):
            f_np = xs + np.sin(xs) ** 2
            d_np = 1 + np.sin(2 * xs)
        e_f = ulp_errors(f_np, hi, lo, dt)[finite]
        e_d = ulp_errors(d_np, dhi, dlo, dt)[finite]
        r = rows[dt]
        lines.append(f"| {dt} | {r['forward']:.2f} | {r['backward']:.2f} | {_both(e_f)} | {_both(e_d)} |")
    lines += ["", "(inf/NaN: wrong at some points, e.g. `2*x` overflows at the largest inputs; in",
              "brackets: the maximum over the other points.)"]
    return lines


def _both(err) -> str:
    worst = err.max()
    if np.isfinite(worst):
        return _fmt(worst)
    return f"inf/NaN ({_fmt(err[np.isfinite(err)].max())})"


def _fmt(v: float) -> str:
    return "inf/NaN" if not np.isfinite(v) else (f"{v:.2f}" if v < 1e4 else f"{v:.1e}")


def own_activation_page(bench: dict) -> str:
    speed = ["| n | dtype | fastact f (us) | NumPy f (us) | ratio | fastact f' (us) | NumPy f' (us) "
             "| ratio |", "|---|---|---|---|---|---|---|---|"]
    for r in bench["rows"]:
        if r["example"] != "snake":
            continue
        fb, nb = r["fastact_backward"], r["numpy_backward"]
        speed.append(f"| {r['n']:.0e} | {r['dtype']} | {r['fastact'] * 1e6:.0f} | {r['numpy'] * 1e6:.0f} | "
                     f"{_ratio(r['fastact'], r['numpy'])} | {fb * 1e6:.0f} | {nb * 1e6:.0f} | "
                     f"{_ratio(fb, nb)} |")
    info = bench["info"]
    return "\n".join([
        "# Write your own activation",
        "",
        "`fastact.activation(forward, derivative, params=..., reference=...)` turns a scalar",
        "forward and its derivative, written in Python that Numba compiles, into a function with",
        "the whole fastact API: `NAME(x, **params, out=None)` and `NAME.backward(grad, x, ...)`",
        "with fastact's dtype rules, `out=` of any layout, broadcasting, the compiled loops and",
        "the thread split; `fastact.cpu.NAME` and `fastact.parallel.NAME` ufuncs (and `bind`);",
        "`fastact.get(\"NAME\")`; Dask (also on worker processes, which import the module that",
        "defines it) and xarray; CuPy, PyTorch and Numba CUDA arrays; and calls inside your own",
        "`@njit` and `@cuda.jit` code.  With an mpmath `reference`, `python -m fastact check",
        "--module MODULE` prints its accuracy table and `python -m fastact plot --module MODULE`",
        "draws it.",
        "",
        "Why a function and not a decorator: an activation is two functions, f and f', and what",
        "comes out is a new object, not the function that was decorated.",
        "",
        "## Snake",
        "",
        "Snake (Liu, Ziyin and Ueda, 2020), \\(f(x) = x + \\sin^2(a x)/a\\), as",
        "`fastact/examples/snake.py` defines it.  The derivative \\(1 + \\sin(2 a x)\\) is formed",
        "as \\(2 \\sin^2(a x + \\pi/4)\\) with \\(a x + \\pi/4\\) carried in double length: the",
        "plain expression loses every digit near its zeros.",
        "",
        "```python",
        _source("fastact/examples/snake.py"),
        "```",
        "",
        "Using it:",
        "",
        "```python",
        "import numpy as np",
        "from numba import njit",
        "import fastact",
        "from fastact.examples.snake import snake",
        "",
        "x = np.linspace(-3, 3, 7)",
        "y = snake(x, a=2.0)",
        "g = snake.backward(np.ones_like(x), x, a=2.0)",
        "float(snake(0.5, a=2.0))                          # 0.854036709137",
        "float(fastact.cpu.snake(np.float32(0.5), np.float32(2.0)))  # 0.8540367",
        "fastact.get(\"snake\") is snake                     # True",
        "njit(lambda v: snake(v, 2.0))(0.5) == snake(0.5, a=2.0)  # True",
        "```",
        "",
        "Inside Numba code a function is called, not an attribute of one: name the backward",
        "first (`snake_backward = snake.backward`) and call `snake_backward(g, v)` there.",
        "",
        "## Accuracy",
        "",
        "Maximum error in ulps against mpmath (`python -m fastact check --module",
        "fastact.examples.snake`), on the points of the [accuracy page](accuracy.md), finite",
        "inputs; the NumPy expression is `x + np.sin(x)**2` and `1 + np.sin(2*x)`:",
        "",
        *snake_accuracy(),
        "",
        "## Speed",
        "",
        f"Against the NumPy expression, a = 2 (`make user-bench`: {info['machine']}, NumPy "
        f"{info['numpy']}, Numba {info['numba']}, {info['threads']} threads); ratio: fastact",
        "time / NumPy time, below 1 = fastact faster:",
        "",
        *speed,
        "",
        "float32 input is computed in float64 (with libm's scalar `sin`) and rounded once,",
        "which costs 8-20x NumPy's float32 expression (NumPy has a vectorized float32 `sin`); in",
        "float64 both call a scalar `sin`, and fastact splits large arrays over the two threads.",
        "",
    ]) + "\n"


def numba_page(bench: dict) -> str:
    rows = ["| batch, in, out | part | fused (ms) | unfused (ms) | ratio |", "|---|---|---|---|---|"]
    for r in bench["rows"]:
        if r["example"] != "dense":
            continue
        shape = ", ".join(str(v) for v in r["shape"])
        for part, label in (("elementwise_forward", "bias + SiLU"),
                            ("elementwise_backward", "SiLU' + bias gradient"),
                            ("step", "forward + backward, with the products")):
            f, u = r["fused_" + part], r["unfused_" + part]
            rows.append(f"| {shape} | {label} | {f * 1e3:.2f} | {u * 1e3:.2f} | {_ratio(f, u)} |")
    info = bench["info"]
    return "\n".join([
        "# Use fastact inside Numba",
        "",
        "Every elementwise function and its backward compiles inside your own `@njit` code,",
        "also with `parallel=True` and `prange`, and inside `@cuda.jit` kernels on scalars.  It",
        "calls the same scalar kernel as the Python call and gives the same bits.  Parameters",
        "are scalars there (by keyword or position); the rules on them raise `ValueError`;",
        "float32 stays float32 and integers become float64.  `rrelu` and `rrelu_backward` run in",
        "evaluation mode (`training=True` draws random slopes: Python only); `prelu_backward`",
        "takes a scalar weight and returns `(dx, dweight)`:",
        "",
        "```python",
        "import numpy as np",
        "from numba import cuda, njit, prange",
        "import fastact",
        "",
        "@njit(parallel=True)",
        "def rows_gelu(x, out):",
        "    for i in prange(x.shape[0]):",
        "        fastact.gelu(x[i], out=out[i])          # a contiguous row: fastact's own loop",
        "",
        "@njit",
        "def scalar(v):",
        "    return fastact.leaky_relu(v, negative_slope=0.2) + fastact.tanh_backward(1.0, v)",
        "",
        "x = np.random.default_rng(0).normal(size=(64, 32))",
        "out = np.empty_like(x)",
        "rows_gelu(x, out)",
        "bool((out == fastact.gelu(x)).all())           # True",
        "want = fastact.leaky_relu(-1.0, negative_slope=0.2) + fastact.tanh_backward(1.0, -1.0)",
        "scalar(-1.0) == want                            # True",
        "",
        "@cuda.jit",
        "def kernel(out, x):",
        "    i = cuda.grid(1)",
        "    if i < x.size:",
        "        out[i] = fastact.gelu(x[i], approximate=\"tanh\")",
        "```",
        "",
        "An array argument (`fastact.gelu(row, out=row_out)`) runs fastact's compiled loop,",
        "vectorized, when the arrays are contiguous and of one dtype; other layouts run element",
        "by element.  A call per scalar is a function call that LLVM does not vectorize inside",
        "your loop: prefer rows.",
        "",
        "## A fused dense layer",
        "",
        "`y = silu(x @ w + b)` and its backward: the matrix products stay with BLAS; the",
        "elementwise work around them runs in one `@njit(parallel=True)` loop per direction, a",
        "block of rows at a time while it is in cache (`fastact/examples/dense.py`):",
        "",
        "```python",
        _source("fastact/examples/dense.py"),
        "```",
        "",
        f"Measured with `make user-bench` ({info['machine']}, NumPy {info['numpy']}, Numba "
        f"{info['numba']}, {info['threads']} threads, threading layer {info['threading_layer']}, "
        f"OMP_WAIT_POLICY={info['OMP_WAIT_POLICY']}); medians; ratio: fused time / unfused time:",
        "",
        *rows,
        "",
        "The elementwise part saves a pass over memory each way; the whole step is the matrix",
        "products' time, which fusion does not change.  Two things that cost more than the",
        "fusion saves, found while measuring: arrays allocated inside Numba code (Numba's",
        "allocator gets 4 KiB pages, NumPy asks for huge pages: a page fault per 4 KiB on first",
        "touch), and Numba's OpenMP threads, which spin after a parallel region and take the",
        "cores from the next BLAS product: on a machine with few cores set",
        "`OMP_WAIT_POLICY=passive` (or `NUMBA_THREADING_LAYER=workqueue`) before importing Numba.",
        "",
    ]) + "\n"


def main() -> int:
    with open(os.path.join(HERE, "user-bench.json")) as fh:
        bench = json.load(fh)
    with open(os.path.join(HERE, "own-activation.md"), "w") as fh:
        fh.write(own_activation_page(bench))
    with open(os.path.join(HERE, "numba.md"), "w") as fh:
        fh.write(numba_page(bench))
    return 0


if __name__ == "__main__":
    sys.exit(main())
