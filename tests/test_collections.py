"""Dask (also on a LocalCluster with worker processes) and xarray."""

import numpy as np
import pytest

import fastact
from fastact.examples.snake import snake

da = pytest.importorskip("dask.array")
xr = pytest.importorskip("xarray")


def test_axis_functions_on_dask_stay_lazy_and_match_numpy():
    x = da.random.default_rng(0).normal(size=(6, 10), chunks=(3, 10)) * 5
    xn = x.compute()
    for name in ("softmax", "log_softmax", "softmin"):
        y = getattr(fastact, name)(x)
        assert isinstance(y, da.Array)
        np.testing.assert_array_equal(y.compute(), getattr(fastact, name)(xn))
    np.testing.assert_array_equal(fastact.logsumexp(x).compute(), fastact.logsumexp(xn))
    assert fastact.logsumexp(x, keepdims=True).compute().shape == (6, 1)
    np.testing.assert_array_equal(fastact.glu(x).compute(), fastact.glu(xn))
    np.testing.assert_array_equal(fastact.maxout(x, 5).compute(), fastact.maxout(xn, 5))
    g = da.ones((6, 5), chunks=(3, 5))
    np.testing.assert_array_equal(fastact.glu_backward(g, x).compute(),
                                  fastact.glu_backward(np.ones((6, 5)), xn))
    np.testing.assert_array_equal(fastact.maxout_backward(g.astype(float), x, 2).compute(),
                                  fastact.maxout_backward(np.ones((6, 5)), xn, 2))
    np.testing.assert_array_equal(fastact.logsumexp_backward(da.ones(6, chunks=3), x).compute(),
                                  fastact.logsumexp_backward(np.ones(6), xn))
    y = fastact.softmax(x)
    np.testing.assert_array_equal(fastact.softmax_backward(da.ones_like(x), y).compute(),
                                  fastact.softmax_backward(np.ones((6, 10)), y.compute()))


def test_dask_axis_split_over_chunks_is_a_clear_error():
    x = da.ones((6, 10), chunks=(3, 5))
    with pytest.raises(ValueError, match=r"rechunk\(\{1: -1\}\)"):
        fastact.softmax(x)
    assert fastact.softmax(x.rechunk({1: -1})).compute().shape == (6, 10)


def test_xarray_axis_functions_keep_labels():
    a = xr.DataArray(np.random.default_rng(1).random((3, 4)), dims=("batch", "cls"),
                     coords={"cls": list("abcd"), "batch": [7, 8, 9]}, name="logits")
    s = fastact.softmax(a, axis=1)
    assert isinstance(s, xr.DataArray) and s.dims == ("batch", "cls")
    assert list(s["cls"].values) == list("abcd")
    np.testing.assert_allclose(s.sum("cls"), 1, rtol=1e-15)
    lse = fastact.logsumexp(a, axis=1)
    assert lse.dims == ("batch",) and list(lse["batch"].values) == [7, 8, 9]
    g = fastact.glu(a, axis=1)
    assert g.dims == ("batch", "cls") and "cls" not in g.coords and g.shape == (3, 2)
    lazy = xr.DataArray(da.from_array(a.values, chunks=(1, 4)), dims=a.dims)
    r = fastact.log_softmax(lazy, axis=-1)
    assert isinstance(r.data, da.Array)
    np.testing.assert_array_equal(r.values, fastact.log_softmax(a.values, axis=-1))


def test_user_activation_on_dask_and_xarray():
    xn = np.random.default_rng(5).normal(size=(40, 30)) * 4
    x = da.from_array(xn, chunks=(10, 30))
    y = snake(x, a=2.0)
    assert isinstance(y, da.Array)
    np.testing.assert_array_equal(y.compute(), snake(xn, a=2.0))
    g = da.ones_like(x)
    np.testing.assert_array_equal(snake.backward(g, x).compute(), snake.backward(np.ones_like(xn), xn))
    xa = xr.DataArray(xn, dims=("b", "f"))
    r = snake(xa)
    assert isinstance(r, xr.DataArray) and r.dims == ("b", "f")
    np.testing.assert_array_equal(r.values, snake(xn))


def test_local_cluster_with_worker_processes():
    distributed = pytest.importorskip("distributed")
    n = 100_000_000
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        x = da.random.default_rng(0).standard_normal(n, chunks=n // 10) * 10
        relu_diff = abs(fastact.relu(x) - da.maximum(x, 0)).max()
        sig = fastact.sigmoid(x)
        sig_diff = abs(sig - 1 / (1 + da.exp(-x))).max()
        count = (fastact.gelu(x) <= fastact.relu(x)).sum()
        m = da.random.default_rng(1).standard_normal((4000, 500), chunks=(500, 500))
        soft = fastact.softmax(m).sum(axis=1)
        # a user activation: each worker imports fastact.examples.snake to rebuild its ufunc
        snake_diff = abs(snake(x[:1000]) - (x[:1000] + da.sin(x[:1000]) ** 2)).max()
        r, s, c, sm, sd = da.compute(relu_diff, sig_diff, count, soft, snake_diff)
    assert sd <= 64 * np.finfo(float).eps
    assert r == 0.0
    assert s <= 4 * np.finfo(float).eps
    assert c == n
    np.testing.assert_allclose(sm, 1, rtol=1e-13)


def test_axis_tuples_on_dask_and_xarray():
    xn = np.random.default_rng(3).normal(size=(4, 5, 6))
    x = da.from_array(xn, chunks=(2, 5, 6))
    for axis in [(1, 2), None]:
        if axis is None:
            with pytest.raises(ValueError, match="one chunk"):
                fastact.softmax(x, axis=axis)
            continue
        np.testing.assert_array_equal(fastact.softmax(x, axis=axis).compute(),
                                      fastact.softmax(xn, axis=axis))
        for keep in (False, True):
            np.testing.assert_array_equal(fastact.logsumexp(x, axis=axis, keepdims=keep).compute(),
                                          fastact.logsumexp(xn, axis=axis, keepdims=keep))
        g = da.ones((4,), chunks=2)
        np.testing.assert_array_equal(fastact.logsumexp_backward(g, x, axis=axis).compute(),
                                      fastact.logsumexp_backward(np.ones(4), xn, axis=axis))
    with pytest.raises(TypeError, match="out="):
        fastact.softmax(x, axis=(1, 2), out=np.empty(xn.shape))
    xa = xr.DataArray(xn, dims=("b", "h", "w"), coords={"b": np.arange(4), "w": np.arange(6)})
    r = fastact.logsumexp(xa, axis=(1, 2))
    assert r.dims == ("b",) and "w" not in r.coords and "b" in r.coords
    np.testing.assert_array_equal(r.values, fastact.logsumexp(xn, axis=(1, 2)))
    s = fastact.softmax(xa, axis=(0, 2))
    assert s.dims == ("b", "h", "w")
    np.testing.assert_array_equal(s.values, fastact.softmax(xn, axis=(0, 2)))


def test_usage_dask_example_runs_as_written(tmp_path):
    """The Dask block of docs/usage.md, saved as a script and run: a user copies it so."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("distributed")
    text = (Path(__file__).resolve().parents[1] / "docs" / "usage.md").read_text()
    section = text[text.index("## Dask"):]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert "LocalCluster" in block and '__name__ == "__main__"' in block
    script = tmp_path / "dask_example.py"
    script.write_text(block)
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    mean, *sums = re.findall(r"[-+]?\d+\.\d*(?:e[-+]?\d+)?", run.stdout)
    assert abs(float(mean) - 0.2821) < 1e-3, run.stdout  # E[gelu(Z)] = 1/(2 sqrt(pi))
    assert len(sums) == 5 and all(abs(float(s) - 1) < 1e-12 for s in sums), run.stdout
