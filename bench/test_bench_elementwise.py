"""pytest-benchmark: every elementwise forward/backward x dtype x size x library.

    pytest bench --benchmark-only --benchmark-json=bench.json

Libraries: fastact (allocating and ``out=``), the NumPy expression, SciPy where it has
the function, PyTorch when installed (skipped with the reason otherwise).  One warm-up
call precedes the timing; results are grouped by function, dtype and size.
"""

import numpy as np
import pytest
from conftest import make_input, sizes

import fastact
from fastact._bench import candidates
from fastact._registry import REGISTRY

PAIRS = [(name, lib) for name, e in REGISTRY.items()
         for lib, has in (("fastact", True), ("fastact out=", True), ("numpy", e.numpy),
                          ("scipy", e.scipy), ("torch", e.torch)) if has]


@pytest.mark.parametrize("size", sizes())
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(("name", "lib"), PAIRS)
def test_forward(benchmark, name, lib, dtype, size):
    x = make_input(size, dtype)
    fns = candidates(name, x)
    if lib not in fns:
        pytest.skip("PyTorch is not installed")
    benchmark.group = f"{name} {dtype} n={x.size}"
    benchmark.extra_info.update(name=name, dtype=dtype, size=x.size, library=lib,
                                bytes=2 * x.nbytes)
    with np.errstate(all="ignore"):
        fns[lib]()
        benchmark(fns[lib])


@pytest.mark.parametrize("size", sizes())
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(REGISTRY))
def test_backward(benchmark, name, dtype, size):
    x = make_input(size, dtype)
    g = make_input(size, dtype, seed=1)
    e = REGISTRY[name]
    kw = {p.name: (p.default if p.default is not fastact._registry.REQUIRED else 0.25)
          for p in e.params}
    f = getattr(fastact, name + "_backward")
    benchmark.group = f"{name}_backward {dtype} n={x.size}"
    benchmark.extra_info.update(name=name + "_backward", dtype=dtype, size=x.size,
                                library="fastact", bytes=3 * x.nbytes)
    f(g, x, **kw)
    benchmark(f, g, x, **kw)


@pytest.mark.parametrize("shape", [(4096, 1024), (100000, 100), (64, 65536)])
@pytest.mark.parametrize("axis", [-1, 0])
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
@pytest.mark.parametrize("lib", ["fastact", "scipy", "torch"])
def test_rows(benchmark, name, axis, shape, lib):
    x = np.random.default_rng(0).normal(size=shape).astype(np.float32)
    if lib == "fastact":
        fn = getattr(fastact, name)
        call = lambda: fn(x, axis)  # noqa: E731
    elif lib == "scipy":
        import scipy.special as sc

        fn = getattr(sc, name)
        call = lambda: fn(x, axis=axis)  # noqa: E731
    else:
        torch = pytest.importorskip("torch", reason="PyTorch is not installed")
        t = torch.from_numpy(x)
        tf = {"softmax": torch.softmax, "log_softmax": torch.log_softmax,
              "logsumexp": torch.logsumexp}[name]
        call = lambda: tf(t, axis)  # noqa: E731
    benchmark.group = f"{name} axis={axis} {shape}"
    benchmark.extra_info.update(name=name, shape=list(shape), axis=axis, library=lib)
    call()
    benchmark(call)
