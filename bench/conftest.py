"""Benchmark parameters: sizes from FASTACT_BENCH_SIZES (comma-separated) or the defaults."""

import os

from fastact import _bench

DEFAULT_SIZES = "1e3,1e5,8e6"


def sizes():
    return [int(float(s)) for s in os.environ.get("FASTACT_BENCH_SIZES", DEFAULT_SIZES).split(",")]


def make_input(size, dtype, seed=0):
    return _bench.make_input(_bench.bench_size(size, dtype), dtype, seed)
