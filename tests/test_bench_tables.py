"""The benchmark tables: every ratio is fastact's time / the other's, training steps apart."""

import contextlib
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from fastact._tools import bench as _bench


def _row(name, dt, n, lib, seconds, **extra):
    return {"name": name, "dtype": dt, "size": n, "library": lib, "seconds": seconds,
            "bytes": 8 * n, **extra}


@contextlib.contextmanager
def _bench_module(name):
    """bench/NAME.py loaded as a module, with bench/ on sys.path while it is used."""
    bench = Path(__file__).parent.parent / "bench"
    sys.path.insert(0, str(bench))
    try:
        spec = importlib.util.spec_from_file_location(name, bench / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(bench))


def test_summaries_put_fastact_over_the_other_library():
    rows = [
        _row("gelu", "float32", 100, "fastact", 1.0), _row("gelu", "float32", 100, "torch", 2.0),
        _row("gelu", "float32", 100, "jax", 0.5),
        _row("gelu", "float64", 50, "fastact", 3.0), _row("gelu", "float64", 50, "torch", 2.0),
        _row("gelu step", "float32", 100, "fastact", 0.9, step=True),
        _row("gelu step", "float32", 100, "torch", 1.0, step=True),
        _row("gelu", "float32", 10, "fastact", 1.0), _row("gelu", "float32", 10, "torch", 4.0),
    ]
    table, median = _bench.torch_summary(rows, 100)
    assert "| gelu | 0.50 | **1.50** | **2.00** |  |" in table  # JAX column: fastact / jax
    assert median == 1.0  # over the PyTorch ratios only; the step row stays out
    steps = _bench.step_summary(rows)
    assert "| gelu | **0.90** |" in steps  # bold above the 0.8
    mid, medians = _bench.sizes_summary(rows, [10])
    assert "| gelu | 0.25 |" in mid and medians == {("float32", 10): 0.25}


def test_misses_lists_each_slower_row_with_its_code_and_what_bounds_it():
    rows = [
        _row("relu", "float32", 100, "fastact", 1.0), _row("relu", "float32", 100, "torch", 0.9),
        _row("gelu", "float32", 100, "fastact", 3.0), _row("gelu", "float32", 100, "torch", 2.0),
        _row("sigmoid", "float32", 100, "fastact", 1.2), _row("sigmoid", "float32", 100, "torch", 1.3),
        _row("relu_backward", "float32", 100, "fastact", 2.0),
        _row("relu_backward", "float32", 100, "torch", 2.5),
        _row("tanh_backward", "float32", 100, "fastact", 2.4),  # 1.2x relu_backward's time
        _row("tanh_backward", "float32", 100, "torch", 2.0),
        # float64 at half the elements of a size from 8e6 on; 2x relu's, one instruction
        _row("relu", "float64", 4_000_000, "fastact", 1.0), _row("relu", "float64", 4_000_000, "torch", 1.0),
        _row("elu", "float64", 4_000_000, "fastact", 2.0), _row("elu", "float64", 4_000_000, "torch", 1.6),
        _row("gelu", "float32", 10, "fastact", 9.0), _row("gelu", "float32", 10, "torch", 1.0),  # not asked
        _row("gelu step", "float32", 100, "fastact", 9.0, step=True),
        _row("gelu step", "float32", 100, "torch", 1.0, step=True),
    ]
    asked = []

    def counts(name, backward, dtype):
        asked.append((name, backward, dtype))
        return {"gelu": (3.5, 9.0, 1), "relu": (0.3, 0.3, 0), "elu": (0.5, 2.0, 0)}.get(name, (1.5, 2.0, 0))

    table, tally = _bench.misses(rows, [100, 8_000_000], counts)
    lines = table.splitlines()[2:]
    # (by size, then dtype, the slowest first)
    assert [line.split(" | ")[0].strip("| ") for line in lines] == ["gelu", "tanh_backward", "relu", "elu"]
    assert lines[0] == "| gelu | float32 | 1e+02 | 1.50 | 3.50 | 1 | 0.0 | 3.00 | arithmetic |"
    assert "| 1.20 | 1.50 | 0 |" in lines[1] and lines[1].endswith("| 1.20 | as relu |")  # by time
    assert "| 1.11 | 0.30 | 0 |" in lines[2] and lines[2].endswith("| 1.00 | as relu |")
    assert lines[3].startswith("| elu | float64 | 4e+06 | 1.25 | 0.50 |")  # light: as relu at 2x
    assert lines[3].endswith("| 2.00 | as relu |")
    assert tally == {"as relu": 3, "arithmetic": 1, "rows": 4}
    assert len(asked) == len(set(asked)) == 4  # each loop read once


def test_a_small_run_has_steps_for_the_named_functions(monkeypatch):
    monkeypatch.setattr(_bench, "_jax_function", lambda name, pv: None)  # (JAX is slow to start)
    rows = _bench.table(["relu", "softsign"], sizes=(1000,), dtypes=("float32",), progress=False,
                        repeat=1)
    steps = {r["name"] for r in rows if r.get("step")}
    assert steps == {"relu step"}  # softsign is not among STEP_NAMES
    fastact_step = next(r for r in rows if r.get("step") and r["library"] == "fastact")
    assert np.isfinite(fastact_step["seconds"]) and fastact_step["seconds"] > 0


def test_jax_is_one_more_library_where_installed():
    """In a child process: JAX starts threads that make every later fork in this one warn."""
    import subprocess
    import sys

    import pytest

    pytest.importorskip("jax")
    pytest.importorskip("mpmath")
    code = """if True:
        import numpy as np
        from fastact._tools import bench as _bench
        from fastact._tools.accuracy import max_ulp_table
        from fastact._spec.registry import REGISTRY

        rows = max_ulp_table(targets=("fastact", "jax"), dtypes=("float64",),
                             entries={"sigmoid": REGISTRY["sigmoid"]})
        jax_row = next(r for r in rows if r["library"] == "jax")
        assert jax_row["forward"] >= 0 and jax_row["dtype"] == "float64"
        libs = _bench.candidates("gelu", np.linspace(-3, 3, 64))
        assert "jax" in libs and libs["jax"]() is not None
        print("ok")
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr


def test_roofline_table(tmp_path):
    """bench/roofline.py on small arrays: relu is its own unit, every row and median is
    there, and --write replaces only the marked section of a page."""
    path = Path(__file__).parent.parent / "bench" / "roofline.py"
    spec = importlib.util.spec_from_file_location("roofline", path)
    roofline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roofline)
    records = roofline.measure(["sigmoid", "logit"], dtypes=("float32",), n=4096, repeats=2,
                               threads=(1,))
    assert {r["name"] for r in records} == {"relu", "relu_backward", "sigmoid",
                                            "sigmoid_backward", "logit", "logit_backward",
                                            roofline.PLAIN_RELU}
    assert all(r["seconds"] > 0 and r["gbs"] > 0 and r["ns_in_cache"] > 0 for r in records)
    text = roofline.render(records)
    assert "| relu | float32 | 1.00 |" in text and "| relu_backward | float32 | 1.00 |" in text
    assert "With plain stores, in the same rounds: float32 1 thread" in text
    assert f"| {roofline.PLAIN_RELU} |" not in text  # (a line of its own, not a row)
    assert "-bit SIMD" in text and "float32, 1 thread: median" in text
    page = tmp_path / "page.md"
    page.write_text(f"before\n{roofline.BEGIN}\nold\n{roofline.END}\nafter\n")
    roofline.write(str(page), text)
    assert page.read_text() == f"before\n{roofline.BEGIN}\n{text}{roofline.END}\nafter\n"
    # the AVX2 section: its own markers, the rows above the targets listed without analysis
    both = f"{roofline.BEGIN}\nx\n{roofline.END}\n{roofline.BEGIN_AVX2}\ny\n{roofline.END_AVX2}\n"
    page.write_text(both)
    roofline.write(str(page), "avx2 table\n", roofline.BEGIN_AVX2, roofline.END_AVX2)
    assert page.read_text() == both.replace("\ny\n", "\navx2 table\n")
    slow = [dict(r, seconds=r["seconds"] * (9 if r["name"] == "logit" else 1)) for r in records]
    assert "logit float32" in roofline.render(slow) and "logit: " not in roofline.render(slow)
    short = roofline.render(slow, explain=False)
    assert "- logit float32 " in short and roofline.COMPUTES["logit"] not in short


def test_simd_width_is_the_code_s_where_numba_compiles_for_another_cpu():
    """NUMBA_CPU_NAME=haswell with its own features: the benchmarks' heads say 256-bit SIMD
    and name the CPU the code is for, on any x86-64 host (the AVX2 roofline's check)."""
    import platform
    import subprocess

    if platform.machine() not in ("x86_64", "AMD64"):
        pytest.skip("haswell is an x86-64 CPU")
    code = ("from fastact._tools.bench import simd_width, compiled_for; "
            "print(f'{simd_width()}{compiled_for()}')")
    env = {**__import__("os").environ, "NUMBA_CPU_NAME": "haswell", "NUMBA_CPU_FEATURES": ""}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "256 (code for NUMBA_CPU_NAME=haswell, its own features)"


def test_losses_table():
    """bench/losses.py on a small shape (PyTorch where installed): every column filled."""
    pytest.importorskip("torch")
    with _bench_module("losses") as losses:
        records = losses.measure(shapes=((8, 5),), dtypes=("float64",), rounds=1)
        text = losses.render(records)
    assert len(records) == 1 and all(v > 0 for k, v in records[0].items() if k.startswith(
        ("fastact", "torch")))
    assert "| 8 x 5 | float64 |" in text
    with _bench_module("losses") as losses:
        records = losses.measure_options(shapes=((8, 5),), dtypes=("float32",), rounds=1)
        text = losses.render_options(records)
    assert [r["option"] for r in records] == list(losses.OPTIONS)
    assert all(v > 0 for r in records for k, v in r.items() if k.startswith(("fastact", "torch")))
    assert "| 8 x 5 | float32 | probabilities |" in text


def test_rows_table():
    """bench/rows.py on small shapes (PyTorch where installed): both libraries, every row."""
    pytest.importorskip("torch")
    with _bench_module("rows") as rows:
        records = rows.measure(shapes=((6, 9),), dtypes=("float32",), rounds=1)
        text = rows.render(records, rounds=1)
    # 3 functions x 3 modes x 2 axes, fastact and torch each
    assert len(records) == 36 and all(r["seconds"] > 0 for r in records)
    assert {r["library"] for r in records} == {"fastact", "torch"}
    assert "| log_softmax_backward | float32 | (6, 9) | 0 |" in text
    assert "float32, last axis: median ratio" in text



def test_calls_table():
    """bench/calls.py on small shapes (PyTorch where installed): every call, both libraries."""
    pytest.importorskip("torch")
    with _bench_module("calls") as calls:
        records = calls.measure(shapes=((2, 4), (3, 6)), rounds=1)
        text = calls.render(records, rounds=1)
        labels = list(calls._calls(np.ones((2, 4), np.float32)))
    assert [r["call"] for r in records] == labels * 2
    assert all(r["fastact"] > 0 and r["torch"] > 0 for r in records)
    assert "| glu |" in text and "- 3x6: median ratio" in text

def test_fused_tables():
    """bench/fused.py on small shapes (PyTorch where installed): every column filled."""
    pytest.importorskip("torch")
    with _bench_module("fused") as fused:
        gated = fused.measure_gated(shapes=((8, 6),), dtypes=("float64",), rounds=1)
        bias = fused.measure_bias(shapes=((8, 6),), dtypes=("float32",), rounds=1)
        text = fused.render(gated, bias)
    assert len(gated) == 2 and len(bias) == 2
    assert all(v > 0 for r in gated + bias for v in r.values() if isinstance(v, float))
    assert "| swiglu | 8 x 6 | float64 |" in text and "| gelu | 8 x 6 | float32 |" in text


def test_curvature_table():
    """bench/curvature.py on a small size: every column filled (PyTorch's where installed)."""
    with _bench_module("curvature") as curvature:
        records = curvature.measure(functions=("silu", "gelu_tanh", "relu", "softplus"), n=64,
                                    dtypes=("float32",), rounds=1)
        text = curvature.render(records)
    assert len(records) == 4
    assert all(v > 0 for r in records for v in r.values() if isinstance(v, float))
    if importlib.util.find_spec("torch") is not None:
        assert all("torch double" in r for r in records)
    assert "| silu | float32 |" in text and "| gelu_tanh | float32 |" in text
