"""Time the examples of the docs pages on user activations and Numba (docs/user-bench.json).

    python bench/user_examples.py > docs/user-bench.json     (make user-bench)

Snake (fastact.examples.snake) against the NumPy expression ``x + sin(a x)**2 / a``, and
the fused dense layer (fastact.examples.dense) against the same layer in NumPy plus
fastact calls.  Medians of repeated calls, one process, after a warm-up call.
"""

import json
import os
import platform

# OpenMP threads that spin after a Numba parallel region take the cores from the BLAS
# threads of the next matrix product (2 cores here): let them sleep (see the docs page)
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

import numpy as np  # noqa: E402


def median_seconds(fn, repeat=7):
    """fastact's own timer (the CLI's): median of ``repeat`` batches of about 50 ms."""
    from fastact._tools.bench import median_time

    return median_time(fn, repeat=repeat, min_time=0.05)


def main():
    import numba

    from fastact.examples.dense import dense_backward, dense_forward, unfused_backward, unfused_forward
    from fastact.examples.snake import snake

    rows = []
    for n in (10_000, 1_000_000):
        for dt in (np.float32, np.float64):
            x = np.random.default_rng(0).normal(size=n).astype(dt) * 4
            t_f = median_seconds(lambda: snake(x, a=2.0))
            t_np = median_seconds(lambda: x + np.sin(2.0 * x) ** 2 / 2.0)
            t_b = median_seconds(lambda: snake.backward(x, x, a=2.0))
            t_bnp = median_seconds(lambda: x * (1.0 + np.sin(4.0 * x)))
            rows.append({"example": "snake", "n": n, "dtype": np.dtype(dt).name,
                         "fastact": t_f, "numpy": t_np, "fastact_backward": t_b,
                         "numpy_backward": t_bnp})
    import fastact
    from fastact.examples.dense import ROWS, bias_silu, silu_grad_and_bias_grad

    for batch, fan_in, fan_out in ((4096, 256, 256), (65536, 64, 64)):
        rng = np.random.default_rng(1)
        x = rng.normal(size=(batch, fan_in))
        w = rng.normal(size=(fan_in, fan_out)) / np.sqrt(fan_in)
        b = rng.normal(size=fan_out)
        dy = rng.normal(size=(batch, fan_out))
        z0 = x @ w
        z, y, dz = z0.copy(), np.empty_like(z0), np.empty_like(z0)
        partial = np.zeros(((batch + ROWS - 1) // ROWS, fan_out))

        def fused_fwd():
            np.copyto(z, z0)
            bias_silu(z, b, y)

        def unfused_fwd():
            np.copyto(z, z0)
            z.__iadd__(b)
            fastact.silu(z, out=y)

        def fused_bwd():
            partial[...] = 0.0
            silu_grad_and_bias_grad(dy, z, dz, partial)

        def unfused_bwd():
            fastact.silu_backward(dy, z, out=dz)
            dz.sum(axis=0)

        def fused():
            _, zz = dense_forward(x, w, b)
            dense_backward(dy, x, w, zz)

        def unfused():
            _, zz = unfused_forward(x, w, b)
            unfused_backward(dy, x, w, zz)

        copy = median_seconds(lambda: np.copyto(z, z0), repeat=9)
        rows.append({"example": "dense", "shape": [batch, fan_in, fan_out], "dtype": "float64",
                     "fused_elementwise_forward": median_seconds(fused_fwd, repeat=9) - copy,
                     "unfused_elementwise_forward": median_seconds(unfused_fwd, repeat=9) - copy,
                     "fused_elementwise_backward": median_seconds(fused_bwd, repeat=9),
                     "unfused_elementwise_backward": median_seconds(unfused_bwd, repeat=9),
                     "fused_step": median_seconds(fused, repeat=9),
                     "unfused_step": median_seconds(unfused, repeat=9)})
    info = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
            "numba": numba.__version__, "numpy": np.__version__,
            "threads": numba.get_num_threads(), "threading_layer": numba.threading_layer(),
            "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY")}
    print(json.dumps({"info": info, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
