"""Render ``python -m fastact bench --json`` runs into docs/benchmarks.md and a plot.

    make bench-doc

runs ``python -m fastact bench --sizes 1e3,131072,1048576,8e6 --json`` three times
(``build/bench-1.json`` ...) and then ``python docs/make_benchmarks.py build/bench-*.json >
docs/benchmarks.md``: each timing is the median of the runs (each run's figure is itself a
median of repeated calls), written to ``docs/bench-cpu.json``.  This 2-core machine is
noisy: one run alone showed single rows 10-20x off.

The plot (fastact time / PyTorch time against size, the median of each family of
functions, forward and backward) is written next to this script as ``bench-speedup.svg``.

``python docs/make_benchmarks.py --misses`` renders only the section of the rows slower
than PyTorch's again, from ``docs/bench-cpu.json`` and the code as compiled now.
"""

import json
import os
import platform
import sys

import numba
import numpy
import scipy

from fastact._tools.bench import (
    bandwidth_summary,
    cpu_model,
    format_table,
    misses,
    size_label,
    sizes_summary,
    step_summary,
    torch_summary,
)

HERE = os.path.dirname(os.path.abspath(__file__))
PLOT = "bench-speedup.svg"


def family(name: str) -> str:
    """The plot's family of an elementwise function: the module of its kernels."""
    from fastact._spec.registry import REGISTRY

    mod = REGISTRY[name.removesuffix("_backward")].forward.py_func.__module__
    return {"piecewise": "piecewise (relu, hardtanh, ...)",
            "logistic": "logistic (sigmoid, silu, softplus, ...)",
            "exponential": "exponential (elu, tanh, mish, ...)",
            "gaussian": "gaussian (gelu)"}.get(mod.rsplit(".", 1)[1], mod)


def plot(rows, path):
    """fastact time / PyTorch time against the number of elements, one line per family.

    Each line is the median over the family's functions (forward solid, backward dashed);
    below 1 fastact is faster, as in every table.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    ratios: dict = {}
    by: dict = {}
    for r in rows:
        if (r["library"] in ("fastact", "torch") and "axis" not in r and r["name"] != "copy"
                and not r.get("step")):
            by.setdefault((r["name"], r["dtype"], r["size"]), {})[r["library"]] = r["seconds"]
    for (name, dt, n), t in by.items():
        if len(t) == 2:
            key = (dt, family(name), name.endswith("_backward"))
            ratios.setdefault(key, {}).setdefault(n, []).append(t["fastact"] / t["torch"])
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.8), sharey=True)
    colors = {}
    for ax, dt in zip(axes, ("float32", "float64")):
        for (d, fam, bwd), pts in sorted(ratios.items()):
            if d != dt:
                continue
            color = colors.setdefault(fam, f"C{len(colors)}")
            xs = sorted(pts)
            ax.plot(xs, [float(np.median(pts[n])) for n in xs], marker="o", color=color,
                    ls="--" if bwd else "-", label=f"{fam}{' backward' if bwd else ''}")
        ax.axhline(1.0, color="k", lw=1)
        ax.set(xscale="log", yscale="log", title=f"{dt}: median per family (dashed: backward)",
               xlabel="elements")
    axes[0].set_ylabel("fastact time / PyTorch time (below 1: fastact faster)")
    axes[1].legend(fontsize=7, loc="upper right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def merge(runs: list[list[dict]]) -> list[dict]:
    """One row per measurement, its seconds the median over the runs that have it."""
    import statistics

    by: dict = {}
    for rows in runs:
        for r in rows:
            key = (r["name"], r["dtype"], r["size"], r["library"], r.get("axis"),
                   tuple(r.get("shape", ())))
            by.setdefault(key, []).append(r)
    merged = []
    for rs in by.values():
        r = dict(rs[0])
        r["seconds"] = statistics.median(x["seconds"] for x in rs)
        r["runs"] = len(rs)
        merged.append(r)
    return merged


def kept_section(name: str, suffix: str = "", isa: str | None = None) -> str:
    """A section of the current docs/benchmarks.md that another command measures, kept as it is.

    ``make roofline``, ``make bench-rows``, ``make bench-losses``, ``make bench-calls``,
    ``make bench-fused``, ``make bench-curvature`` and ``make interleave`` (bench/NAME.py)
    measure and write theirs (``make roofline-avx2``: the markers ``BEGIN_AVX2``/``END_AVX2``,
    ``suffix="_AVX2"``; bench/interleave.py: ``MARKERS[isa]``); this page's other tables
    come from ``make bench-doc``.
    """
    sys.path.insert(0, os.path.join(HERE, "..", "bench"))
    module = __import__(name)
    if isa is not None:  # (bench/interleave.py: one section an instruction set)
        begin, end = module.MARKERS[isa]
    else:
        begin, end = getattr(module, "BEGIN" + suffix), getattr(module, "END" + suffix)
    try:
        with open(os.path.join(HERE, "benchmarks.md")) as fh:
            doc = fh.read()
    except OSError:
        doc = ""
    if begin not in doc:
        return f"{begin}\n(not measured yet: bench/{name}.py --write docs/benchmarks.md)\n{end}"
    return doc[doc.index(begin):doc.index(end) + len(end)]


MISSES_BEGIN = "<!-- misses: generated by make bench-doc or make bench-misses (docs/make_benchmarks.py) -->"
MISSES_END = "<!-- /misses -->"


def misses_section(rows: list[dict], sizes: list[int]) -> str:
    """The section listing every row slower than PyTorch's with its loop's code, with markers.

    :func:`fastact._tools.bench.misses` on ``rows`` at ``sizes``: the instruction counts are
    those of the code compiled where this runs (``python docs/make_benchmarks.py --misses``
    renders the section again from ``docs/bench-cpu.json``, with the code as it is now).
    """
    table, miss = misses(rows, sizes)
    return f"""## The rows slower than PyTorch's, with their code

{MISSES_BEGIN}
Every row above 1 in the two tables above, with the instructions an element and the
divisions a vector of the loop that fastact runs, read from the machine code compiled for
this page (`fastact._tools.loop_code`; the flat pass of the block fast path where the
kernel has one), its bandwidth, and its time over fastact's relu's (relu_backward's for a
gradient) in the same run.  {miss["as relu"]} of these {miss["rows"]} rows take at most 1.25x
relu's time or run under one instruction an element ("as relu"): they read and write
their arrays once, as relu does, at the
memory's speed beyond the cache and, in cache, at the speed of the call's own work (its
checks in Python and the split's launch on Numba's threads); PyTorch's kernels move the
same bytes, and the run-to-run noise on such rows is 10-40%.  The other {miss["arithmetic"]}
are bound by their arithmetic: what each kernel computes, and why the contract needs it,
is in the list above and in the roofline section.

{table}
{MISSES_END}
"""


def float32_sizes(rows: list[dict]) -> list[int]:
    """The sizes of the elementwise float32 records, ascending (float64's largest is half)."""
    return sorted({r["size"] for r in rows if "axis" not in r and r["dtype"] == "float32"})


def rewrite_misses(page: str) -> None:
    """Render :func:`misses_section` again into ``page`` from ``docs/bench-cpu.json``.

    The measurements stay those of the last ``make bench-doc``; the instruction counts are
    the code's as compiled now.  Without the section yet, it goes before the training step's.
    """
    rows = json.load(open(os.path.join(HERE, "bench-cpu.json")))
    text = misses_section(rows, [n for n in float32_sizes(rows) if 100_000 <= n])
    with open(page) as fh:
        doc = fh.read()
    head = "## The rows slower than PyTorch's, with their code\n"
    if MISSES_BEGIN in doc:
        start, stop = doc.index(head), doc.index(MISSES_END) + len(MISSES_END) + 1
    else:
        start = stop = doc.index("## Training step")
    with open(page, "w") as fh:
        fh.write(doc[:start] + text + ("" if MISSES_BEGIN in doc else "\n") + doc[stop:])


def main():
    if sys.argv[1:] == ["--misses"]:
        rewrite_misses(os.path.join(HERE, "benchmarks.md"))
        return
    runs = [json.load(open(path)) for path in sys.argv[1:]]
    rows = merge(runs)
    with open(os.path.join(HERE, "bench-cpu.json"), "w") as fh:
        json.dump(rows, fh, indent=1)
        fh.write("\n")
    try:
        import torch

        tv = f"{torch.__version__} ({torch.get_num_threads()} threads)"
    except ImportError:
        tv = "not installed"
    try:
        import jax

        jv = jax.__version__
    except ImportError:
        jv = "not installed"
    sizes = float32_sizes(rows)
    summary, median = torch_summary(rows, sizes[-1])
    mid = [n for n in sizes if 100_000 <= n < sizes[-1]]
    mid_table, mid_medians = sizes_summary(rows, mid)
    mid_text = ", ".join(f"{d} {size_label(n)}: **{v:.2f}**" for (d, n), v in mid_medians.items())
    plot(rows, os.path.join(HERE, PLOT))
    print(f"""# Benchmarks (CPU)

Machine: {cpu_model()}, {os.cpu_count()} cores; Python {platform.python_version()},
NumPy {numpy.__version__}, SciPy {scipy.__version__}, Numba {numba.__version__},
PyTorch {tv}, JAX {jv} (CPU, `jax.jit`); fastact on {numba.get_num_threads()} threads.

Every figure is the median over {len(runs)} runs of a median of repeated timings, all
libraries side by side in one process on the same arrays (inputs drawn from N(0, 4²)).
float64 at the largest size is timed at half the elements (4e6), so that both dtypes move
the same bytes.  Generated by
`make bench-doc` (`python -m fastact bench --sizes 1e3,131072,1048576,8e6 --json`,
{len(runs)} times, then `docs/make_benchmarks.py`); the merged numbers are in
`docs/bench-cpu.json`.

## Against PyTorch at {sizes[-1]:.0e} float32 / {sizes[-1] // 2:.0e} float64 elements

fastact's time divided by PyTorch's, called the plain way (result allocated): below 1
fastact is faster; **bold** where it is slower.  PyTorch's forward is `torch.nn.functional`,
its backward is autograd on a graph built once (the backward kernels alone).
Median over all PyTorch rows: **{median if median is None else f"{median:.2f}"}**.  The JAX
columns time `jax.jit(jax.nn.NAME)` on a JAX array (forward only: JAX has no backward
kernel apart from the forward; see the training step below).

{summary}

![fastact time / PyTorch time, median per family]({PLOT})

Why the slower rows are slower (measured while building them; see the notes in the kernels):

- **the gradients of sigmoid, tanh, silu, log_sigmoid and gelu_tanh**: PyTorch's backward
  reads the saved output (`g*y*(1-y)`, `g*(1-y*y)`): a multiply or two an element at
  memory speed.  fastact's `NAME_backward(grad, x)` takes the input and computes the
  exponential again, because `1 - y` has lost every digit where `y` rounds to 1
  (sigmoid'(20) in float32 would be 0 instead of 2.1e-9); see the training step below.
- **gelu**: float32 is computed in float32 arithmetic (16 SIMD lanes with AVX-512): an
  exponential and a rational function of degrees 4 and 5 with one division, with the
  roundings that the Gaussian tail amplifies taken out (3.5 ulp at worst over a dense
  sweep).  PyTorch's float32 kernel is shorter: oneDNN's `gelu_erf`, `0.5 x (1 + erf(x/sqrt
  2))`, which cancels in the negative tail (the accuracy page).  float64 goes through
  fastact's erfcx series (26 terms, the last in double length).
- **tanh**: float32 `-e/(2 + e)` with `e = expm1(-2|x|)`, 35 instructions a vector and one
  division (2.5 ulp); PyTorch's tanh is Intel MKL's VML, linked into its CPU build (`perf`
  on `torch.tanh` here: `mkl_vml_kernel_sTanh_Z0HAynn` and `..._dTanh_Z0HAynn`, its
  high-accuracy AVX-512 kernels), shorter on Intel's cores (on the AMD EPYC of earlier runs
  fastact's was the faster, several times).
- **sigmoid, silu and gelu_tanh forward; softplus and its gradient**: fastact's exponential
  clamps for exact overflow and underflow, scales by two factors so that subnormal results
  round once, and keeps NaN; blocks of 256 inputs that all lie where the short form holds
  (block fast paths: sigmoid, silu, swish, softplus, log_sigmoid, the ELUs, mish, float64
  gelu_tanh and several gradients) skip the clamps, the scaling and the selects.  The
  roofline section below counts each loop's instructions per element from its machine
  code and lists what the slowest loops compute.
- **cheap piecewise functions (relu, threshold, hardshrink, softshrink, hardtanh, ...)**:
  memory-bound, both libraries.  Where the arrays exceed the last-level cache (8e6
  float32 does on a 32 MiB cache, not on a larger one) fastact's forwards write into an
  `out=` with streaming stores (no read of the result's lines: 8 bytes an element of
  float32 instead of 12); a result the call allocates (these rows) gets plain stores, as
  its new pages are zeroed into the cache on first write (streaming measured 1.14-1.30x
  slower there from 32 MiB, alike below); their gradients (two arrays read) keep plain
  stores, as PyTorch's.  The run-to-run noise on these rows is 10-40%.
- **softmax, log_softmax and logsumexp**: their own section below, measured by `make
  bench-rows` after float32 rows went to float32 SIMD (the terms `e^x 2^-shift` of `x`
  itself, an int32 row maximum, softmax's quotient by one reciprocal and an fma residual,
  the gradients' lines in float32 with the sums as float32 pairs, and log_softmax's
  gradient with `e^y` as a float32 pair, so that it keeps the contract where the gradient
  nearly cancels).  The float32 columns (axis 0) and log_softmax's gradient are the rows
  that remain above PyTorch's time; single rows there move markedly between runs of this
  2-vCPU machine (PyTorch's float64 softmax of (64, 65536) took 12.6 ms in one run of
  this Intel machine and 3.4 ms in the run below).  The gradients no longer run on a
  read-only view of `grad` (a type of its own, which Numba compiled on the call without
  fastact's compilation options, so with fewer SIMD loops; such signatures now get them
  too): log_softmax's gradient of (4096, 1024) float32 went from 1.91x to 1.35x PyTorch's.
- **JAX**: faster on float64 tanh and float32 gelu_tanh (XLA's tanh is a rational
  approximation, several ulp on the accuracy page) and on several cheap functions;
  JAX on the CPU also flushes subnormal inputs and results to zero (relu of a subnormal
  is 0 there), which the accuracy page counts.

## Mid sizes: 2^17 and 2^20 elements

Both libraries on two threads: fastact splits from 2^15 elements (2^17 for the
memory-bound functions) on Numba's threads, about 5 us a split.  fastact's time divided by
PyTorch's; medians: {mid_text}.

{mid_table}

{misses_section(rows, [*mid, sizes[-1]])}

## Training step

`y = f(x)`, then `dx = f_backward(g, x)` (what a NumPy training loop does), against
PyTorch's autograd doing the same (the forward on a tensor that requires grad, then the
backward through the saved tensors) and JAX's `jax.jit` of `jax.vjp` (forward and
backward in one compiled call), at {sizes[-1]:.0e} float32 / {sizes[-1] // 2:.0e} float64
elements.  fastact's time divided by PyTorch's; **bold** above 0.8, the issue's target.

{step_summary(rows)}

## softmax, log_softmax, logsumexp

The shapes of the issue, along the last axis and along axis 0, float32 and float64: the
forward, the backward (from the forward's result; PyTorch's own backward kernels) and a
training step (forward, then backward).  fastact's time divided by PyTorch's (**bold**
where fastact is slower).  Made by `make bench-rows` (bench/rows.py), a run of its own.

{kept_section("rows")}

## `out=` bandwidth

Bytes read and written per second with a preallocated result, against a copy on 2 threads
(`np.copyto` on two halves) timed in the same run.  The memory-bound functions should
reach 80% of the copy; the others are bound by arithmetic (ns per element shown).

{bandwidth_summary(rows)}

## Roofline: every kernel against relu

Every elementwise forward and backward on an input 4x the last-level cache, `out=`
preallocated, on 1 thread and on all threads: its time divided by relu's (forwards) or
relu_backward's (backwards) measured in the same rounds (relu's time is the memory's), its
GB/s, its ns per element in cache (2^13 elements, 1 thread: the arithmetic alone), and the
instructions per element of its loop, read from the machine code (a SIMD loop's body over
the elements it stores; "fast (careful)" where the kernel has a block fast path: the
flat pass that typical data takes, its range test included, and the careful loop).
Made by `make roofline` (bench/roofline.py), a run of its own.
The run below (AMD EPYC Zen 4, AVX-512) found a host where relu's streaming stores are
slower than plain ones (the paragraph under the table), so the forwards that write with
plain stores (all but the memory-bound ones) are divided by a slower relu than the
backwards are: against relu with plain stores their ratios read about 1.3x higher (float32
gelu on 2 threads 0.86 -> 1.13; tanh, silu, mish, softplus and log1mexp, at the memory's
speed with plain stores, 0.76-0.80 -> 1.00-1.05).  The host of the earlier runs
measured the opposite (streaming 0.71-0.83x the plain time: `fastact/_core/threads.py`,
`streams`), which is why the threshold stays.  A run of the same day at a moment of faster
memory (relu_backward 75 GB/s on 2 threads, 49 below) put float32 gelu_tanh_backward at
1.77x and gelu at 1.37x: the ratios of the compute-bound rows move with the memory's speed.

{kept_section("roofline")}

### The same loops compiled for AVX2

The instruction set matters as much as the kernels: with AVX2 (8 float32 lanes, 16 vector
registers, no mask registers) the same kernels take twice the instructions an element or
more (compare the last columns).  `make roofline-avx2` compiles every loop for AMD Zen 3 with its own features
(`NUMBA_CPU_NAME=znver3 NUMBA_CPU_FEATURES=`: AVX2 and FMA, no AVX-512) and times that
code on this machine: the instruction counts are the AVX2 code's; the times are what that
code does on this core, not a Zen 3 measurement.

{kept_section("roofline", "_AVX2")}

### How many vectors a pass

LLVM's loop vectorizer decides how many SIMD vectors one pass of a loop computes (its
interleave count).  For the long loop bodies (an exponential's polynomial, a division,
the residuals around them) its cost model picks one or two, and the chains of dependent
operations then leave the core waiting where four independent chains would keep it busy.
The registry names the loops that get four (`interleave=` in `fastact/_spec/catalogue.py`;
`fastact._core.jit.interleaving` sets LLVM's `-force-vector-interleave` while such a loop
compiles and puts it back).  Each was chosen from the tables below (`make interleave`,
bench/interleave.py): every loop that is not memory-bound compiled both ways, each in a
fresh process with a disk cache of its own, and timed in cache, N(0, 4^2) inputs as the
roofline's; a loop is named where four vectors cost at most 3% on either instruction set
and saved at least 5% on one.

The tables are those of the run that chose the registry (at e767827; the column "in the
registry" as it was then).  One loop was added later by the same rule: gelu's float32
gradient, which these tables show at 0.95x with either instruction set and later runs
(`bench/interleave.py --only gelu`, same machine type) measured at 0.91-0.97x with
AVX-512 and 0.90x twice with the AVX2 code.  Those later runs were made on a noisy host
(relu's memory bandwidth moved between 26 and 43 GB/s from one minute to the next) and
their AVX2 columns put four vectors ahead for nearly every loop, softsign's too (0.72x
and 0.73x, 0.98x here): not used to change any other entry.

{kept_section("interleave", isa="host")}

{kept_section("interleave", isa="avx2")}

## Softmax cross-entropy against PyTorch

`softmax_cross_entropy` (integer labels, no reduction) against PyTorch's
`cross_entropy(..., reduction='none')`: forward, backward alone (PyTorch: autograd through
the saved graph) and training step (forward and gradient), on the same threads; made by
`make bench-losses` (bench/losses.py).  Bold: fastact is slower.  PyTorch's forward saves
`log_softmax` (a whole array) for its backward; fastact's forward computes the loss alone
and, with `return_stats=True`, keeps two numbers per row (the maximum and the sum of the
other terms), from which its backward (`stats=`) reads each row once, exact where `p`
rounds to 1; that is the backward and the step timed here.  "Backward from logits" is the
backward without them (the row's maximum and sum found again: three passes).

{kept_section("losses")}

## One call on a small array

A hand-written training loop on a small network calls each function on arrays of a few
hundred elements, where a call's time is the library's own work around the loop (checks,
dtype rules, routing, the dispatch to compiled code) rather than the arithmetic.  Each row
is one such call on a (batch, features) float32 array against PyTorch's equivalent on the
same values (its functional forms and its own backward kernels, no autograd graph),
results allocated; made by `make bench-calls` (bench/calls.py).  Bold: fastact is slower.
At 8x16 the remaining gap is the Python work around the compiled call (checks, dtype
rules, views and temporaries: a Numba dispatch itself takes 0.2-0.3 us here); at 64x256
the losses' arithmetic (their kernels work in float64 on every element) and the softmax
family's per-row passes.

{kept_section("calls")}

## Gated units and fused bias against PyTorch and the unfused calls

`swiglu` and `geglu` on one array `(rows, 2 x hidden)` (the gate first) against PyTorch's
`F.silu(a) * b` / `F.gelu(a) * b` on `chunk(2, -1)` views with autograd, and against
fastact's own separate calls (`silu(a) * b`; `silu_backward(g * b, a)`, `g * silu(a)` and a
concatenation); `gelu(x, bias=b)` and `gelu_backward(g, x, bias=b)` (`dx` and `db`)
against two fastact calls (`gelu(x + b)`; `gelu_backward(g, x + b)` and `dx.sum(0)`) and
PyTorch's `F.gelu(x + b)` with autograd.  Forward, backward alone (PyTorch: through the
saved graph) and step (forward and backward), on the same threads; made by
`make bench-fused` (bench/fused.py).  The fused forms read each input once and write each
output once: where the activation is cheap that halves the memory traffic (float64
`gelu` was the exception until its kernel took a third of the time: 0.80 forward and
0.78 backward before, on the same machine).  The fused bias ratios move by up to 0.15
between runs on this 2-vCPU machine, the float32 rows at 4096 x 2048 most: their arrays
are exactly 32 MiB, glibc's largest size below which freed memory is reused, so every
result there is fresh pages from the kernel (about 2.6 ms of page zeroing for each, here),
and the unfused calls make two of them.

{kept_section("fused")}

## Higher derivatives: f'' and f''' against f', the double backward against PyTorch

`NAME_derivative2(x)` and `NAME_derivative3(x)` against `NAME_backward(grad, x)`, and
`NAME_double_backward(gg, grad, x)` against PyTorch's double backward (autograd through a
graph built with `create_graph=True`), side by side in one process (`make bench-curvature`).

{kept_section("curvature")}

## Every measurement

fastact's time and bandwidth, then fastact's time divided by each other library's (below
1: fastact is faster).  `fastact` allocates its result, `fastact out=` writes into a
preallocated array.

{format_table(rows)}
""")


if __name__ == "__main__":
    main()
