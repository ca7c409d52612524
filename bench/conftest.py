"""Benchmark parameters: sizes from FASTACT_BENCH_SIZES (comma-separated) or the defaults."""

import os

import numpy as np

from fastact import _bench

DEFAULT_SIZES = "1e3,1e5,8e6"


def sizes():
    return [int(float(s)) for s in os.environ.get("FASTACT_BENCH_SIZES", DEFAULT_SIZES).split(",")]


def make_input(size, dtype, seed=0):
    # float64 at the largest size is halved (4e6), so both dtypes move the same bytes
    if np.dtype(dtype) == np.float64 and size >= 8_000_000:
        size //= 2
    return _bench.make_input(size, dtype, seed)
