"""Import time and first-call latency of fastact, in fresh processes (medians).

    python bench/compile_cost.py [--repeat 5]

Prints: ``import numba``, ``import fastact``, and the first call of a function whose
compiled code is already in Numba's on-disk cache (the cache is filled by a warm-up
process first).
"""

import argparse
import statistics
import subprocess
import sys

SNIPPETS = {
    "import numba": "import time; t=time.perf_counter(); import numba; print(time.perf_counter()-t)",
    "import fastact": "import time; t=time.perf_counter(); import fastact; print(time.perf_counter()-t)",
    "first call (cached), sigmoid": (
        "import fastact, numpy as np, time; x=np.ones(3)\n"
        "t=time.perf_counter(); fastact.sigmoid(x); print(time.perf_counter()-t)"),
    "first call (cached), gelu_backward": (
        "import fastact, numpy as np, time; x=np.ones(3)\n"
        "t=time.perf_counter(); fastact.gelu_backward(x, x); print(time.perf_counter()-t)"),
    "first call (cached), softmax": (
        "import fastact, numpy as np, time; x=np.ones((2, 3))\n"
        "t=time.perf_counter(); fastact.softmax(x); print(time.perf_counter()-t)"),
}


def run(code):
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    for code in SNIPPETS.values():  # fill the on-disk cache
        run(code)
    for label, code in SNIPPETS.items():
        times = [run(code) for _ in range(args.repeat)]
        print(f"{label:<36} median {statistics.median(times):.3f} s  "
              f"(min {min(times):.3f}, max {max(times):.3f})")


if __name__ == "__main__":
    main()
