"""The named tail points of the accuracy tests, with f there from mpmath (160 bits).

    python -m fastact._tools.precompute.tails

prints the table ``TAILS`` that tests/test_accuracy.py holds as literals: the points the
issues name, where PyTorch or SciPy lose the answer, and the subnormal results.  Each
value is the registry's mpmath reference (``entry.ref``) at ``x`` (as the dtype holds
it), as a float64 pair ``hi + lo``; a test runs this again and compares.
"""

from __future__ import annotations

POINTS = (
    # where PyTorch / SciPy lose the answer
    ("gelu", -30.0, "float64"),
    ("sigmoid", -720.0, "float64"),
    ("silu", -700.0, "float64"),
    ("tanhshrink", 1e-5, "float64"),
    ("tanhshrink", 1e-5, "float32"),
    ("squareplus", -1e10, "float64"),
    ("squareplus", -1e10, "float32"),
    ("gelu", -10.0, "float32"),
    ("log_sigmoid", -1000.0, "float64"),
    ("softplus", 20.5, "float64"),
    # subnormal results (silu(-745) was 75% off, silu(-750) +0.0)
    ("silu", -745.0, "float64"),
    ("silu", -750.0, "float64"),
    ("mish", -750.0, "float64"),
    ("silu", -100.0, "float32"),
    ("gelu", -38.0, "float64"),
    ("gelu_tanh", -21.5, "float64"),
    ("squareplus", -1.7976931348623157e308, "float64"),
)


def table() -> list[tuple[str, float, str, float, float]]:
    """``(name, x, dtype, hi, lo)`` for every point, from mpmath."""
    import numpy as np

    from ..._spec.registry import REGISTRY
    from ..accuracy import reference

    out = []
    for name, x, dtype in POINTS:
        hi, lo = reference(REGISTRY[name], np.array([x], dtype))
        out.append((name, x, dtype, float(hi[0]), float(lo[0])))
    return out


def main() -> None:
    print("TAILS = [  # python -m fastact._tools.precompute.tails (mpmath, 160 bits)")
    for row in table():
        print(f"    {row!r},")
    print("]")


if __name__ == "__main__":
    main()
