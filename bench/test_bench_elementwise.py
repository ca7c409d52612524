"""pytest-benchmark: every elementwise forward/backward x dtype x size x library.

    pytest bench --benchmark-only --benchmark-json=bench.json

Libraries: fastact (allocating and ``out=``), the NumPy expression, SciPy where it has
the function, PyTorch when installed (skipped with the reason otherwise; its backward is
autograd on a graph built once).  The softmax family runs on the issue's shapes along
both axes: forward, backward and a training step (forward then backward).  One warm-up
call precedes the timing; results are grouped by function, dtype and size.  The same
candidates drive ``python -m fastact bench`` (fastact._tools.bench).
"""

import numpy as np
import pytest
from conftest import make_input, row_shapes, sizes

from fastact._spec.registry import REGISTRY
from fastact._tools.bench import ROW_MODES, ROW_NAMES, candidates, row_candidates, row_label
from fastact._tools.comparisons import comparison

LIBS = {False: ("fastact", "fastact out=", "numpy", "scipy", "torch"),
        True: ("fastact", "fastact out=", "torch")}


def _has(name, lib):
    other = comparison(name)
    return {"numpy": other.numpy, "scipy": other.scipy, "torch": other.torch}.get(
        lib, True) is not None


CASES = [(name, bwd, lib) for name in REGISTRY for bwd in (False, True)
         for lib in LIBS[bwd] if _has(name, lib)]


@pytest.mark.parametrize("size", sizes())
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(("name", "backward", "lib"), CASES,
                         ids=[f"{n}{'_backward' if b else ''}-{lib}" for n, b, lib in CASES])
def test_elementwise(benchmark, name, backward, lib, dtype, size):
    x = make_input(size, dtype)
    fns = candidates(name, x, backward)
    if lib not in fns:
        pytest.skip("PyTorch is not installed")
    label = name + ("_backward" if backward else "")
    benchmark.group = f"{label} {dtype} n={x.size}"
    benchmark.extra_info.update(name=label, dtype=dtype, size=x.size, library=lib,
                                bytes=(3 if backward else 2) * x.nbytes)
    with np.errstate(all="ignore"):
        fns[lib]()
        benchmark(fns[lib])


@pytest.mark.parametrize("shape", row_shapes(), ids=[f"{a}x{b}" for a, b in row_shapes()])
@pytest.mark.parametrize("axis", [-1, 0])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("mode", ROW_MODES)
@pytest.mark.parametrize("name", ROW_NAMES)
@pytest.mark.parametrize("lib", ["fastact", "scipy", "torch"])
def test_rows(benchmark, name, mode, dtype, axis, shape, lib):
    x = np.random.default_rng(0).normal(size=shape).astype(dtype)
    fns = row_candidates(name, x, axis, mode)
    if lib not in fns:
        pytest.skip("PyTorch is not installed" if lib == "torch" else f"{lib} has no {mode}")
    label = row_label(name, mode)
    benchmark.group = f"{label} {dtype} axis={axis} {shape}"
    benchmark.extra_info.update(name=label, dtype=dtype, shape=list(shape), axis=axis, library=lib)
    fns[lib]()
    benchmark(fns[lib])
