"""fastact.activation: a user's activation with the whole API (fastact/_api/user.py).

Snake (fastact.examples.snake) also runs through every generated test of the built-ins
(conftest.py puts it in CASES: accuracy, semantics, references, layouts, bfloat16, CUDA
kernels in the simulator, Dask and xarray); here: what is particular to user activations.
"""

import math

import numpy as np
import pytest
from numba import cuda, njit

import fastact
from fastact.__main__ import main
from fastact.examples.snake import snake

snake_backward = snake.backward  # Numba code calls functions, not attributes of them


def _softclip(x, c):
    return c * math.tanh(x / c)


def _softclip_d(x, c):
    t = math.tanh(x / c)
    return 1.0 - t * t


def test_the_public_function_and_its_backward():
    x = np.linspace(-4, 4, 9)
    np.testing.assert_allclose(snake(x), x + np.sin(x) ** 2, rtol=4e-16, atol=1e-300)
    np.testing.assert_allclose(snake(x, a=2.0), x + np.sin(2 * x) ** 2 / 2, rtol=4e-16)
    np.testing.assert_allclose(snake.backward(np.full(9, 3.0), x), 3 * (1 + np.sin(2 * x)),
                               rtol=1e-15, atol=1e-15)
    assert snake(np.float32(1.0)).dtype == np.float32 and isinstance(snake(1.0), np.float64)
    assert fastact.get("snake") is snake and fastact.get("snake_backward") is snake.backward
    assert "x + sin(a x)^2 / a" in snake.__doc__ and "a=1.0" in str(__import__("inspect").signature(snake))
    out = np.empty(9)
    assert snake(x, out=out) is out


def test_ufuncs_bind_and_threads():
    x = np.random.default_rng(1).normal(size=1_000_003) * 5  # over the thread split's size
    assert isinstance(fastact.cpu.snake, np.ufunc)
    np.testing.assert_array_equal(fastact.cpu.snake(x, 1.0), snake(x))
    np.testing.assert_array_equal(fastact.parallel.snake_backward(np.ones_like(x), x, 0.5),
                                  snake.backward(np.ones_like(x), x, a=0.5))
    np.testing.assert_array_equal(fastact.cpu.bind("snake", a=3.0)(x), snake(x, a=3.0))
    assert "snake(x, a, /" in fastact.cpu.snake.__doc__


def test_inside_numba_and_cuda_kernels():
    @njit
    def f(v):
        return snake(v, 2.0) + snake_backward(1.0, v, a=2.0)

    x = np.linspace(-3, 3, 13)
    want = snake(x, a=2.0) + snake.backward(np.ones_like(x), x, a=2.0)
    np.testing.assert_array_equal(np.array([f(v) for v in x]), want)
    np.testing.assert_array_equal(njit(lambda v: snake(v))(x), snake(x))
    d = cuda.to_device(x)
    y = snake(d)  # a CUDA array in (the simulator here): the launched kernel
    assert not isinstance(y, np.ndarray)
    np.testing.assert_array_equal(y.copy_to_host(), snake(x))


def test_checks_of_the_definition():
    with pytest.raises(ValueError, match="fastact name already"):
        fastact.activation(_softclip, _softclip_d, name="gelu", params={"c": 1.0})
    with pytest.raises(ValueError, match="identifier"):
        fastact.activation(_softclip, _softclip_d, name="soft clip", params={"c": 1.0})
    with pytest.raises(TypeError, match="must take"):
        fastact.activation(_softclip, _softclip_d, name="softclip_a")
    with pytest.raises(TypeError, match="named"):
        fastact.activation(_softclip, _softclip_d, name="softclip_b", params={"k": 1.0})
    with pytest.raises(TypeError, match="must be a number"):
        fastact.activation(_softclip, _softclip_d, name="softclip_c", params={"c": "1"})
    with pytest.raises(TypeError, match="function"):
        fastact.activation(_softclip, None, name="softclip_d", params={"c": 1.0})


def test_required_parameters_and_a_second_definition():
    clip = fastact.activation(_softclip, _softclip_d, name="softclip_t", params=["c"])
    with pytest.raises(TypeError):
        clip(1.0)
    assert float(clip(1.0, c=2.0)) == 2.0 * math.tanh(0.5)
    np.testing.assert_array_equal(clip(np.ones(5000), c=2.0), np.full(5000, 2.0 * math.tanh(0.5)))
    # defined again with another formula (a notebook cell run twice): the new one is used
    again = fastact.activation(lambda x, c: c * x, lambda x, c: c, name="softclip_t", params=["c"])
    assert float(again(1.0, c=2.0)) == 2.0
    np.testing.assert_array_equal(again(np.ones(5000), c=2.0), np.full(5000, 2.0))
    np.testing.assert_array_equal(fastact.cpu.softclip_t(np.ones(3), 2.0), np.full(3, 2.0))


def test_check_and_plot_take_a_module(capsys, tmp_path):
    assert main(["check", "--module", "fastact.examples.snake"]) == 0
    out = capsys.readouterr().out
    row = [line for line in out.splitlines() if line.startswith("| snake | float64")][0]
    fwd, bwd = (float(v) for v in row.strip("|").split("|")[2:4])
    assert fwd <= 4 and bwd <= 16, row
    with pytest.raises(SystemExit) as e:
        main(["check", "--module", "no_such_module_here"])
    assert e.value.code == 2
    pytest.importorskip("matplotlib")
    assert main(["plot", "--module", "fastact.examples.snake", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "snake.png").stat().st_size > 5000
