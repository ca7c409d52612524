"""Benchmark parameters from the environment, or the defaults.

FASTACT_BENCH_SIZES: element counts, comma-separated (``1e3,1e5``).
FASTACT_BENCH_ROW_SHAPES: shapes of the axis functions' inputs (``4096x1024,64x16``).
"""

import os

from fastact._tools import bench as _bench

DEFAULT_SIZES = "1e3,1e5,8e6"


def sizes():
    return [int(float(s)) for s in os.environ.get("FASTACT_BENCH_SIZES", DEFAULT_SIZES).split(",")]


def make_input(size, dtype, seed=0):
    return _bench.make_input(_bench.bench_size(size, dtype), dtype, seed)


def row_shapes():
    text = os.environ.get("FASTACT_BENCH_ROW_SHAPES")
    if not text:
        return list(_bench.ROW_SHAPES)
    return [tuple(int(v) for v in s.split("x")) for s in text.split(",")]
