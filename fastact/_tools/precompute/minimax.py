"""Minimax polynomials of the exponential's reduced argument, from mpmath (Remez exchange).

    python -m fastact._tools.precompute.minimax

prints :data:`fastact.kernels.scalar.EXP_TAIL_F64` and ``EXP_TAIL_F32``: the coefficients
(lowest degree first) of ``P`` with ``e**r ~ 1 + r + r**2 P(r)`` on the reduced range
``|r| <= R`` (``R`` = ln(2)/2 with a margin for the reductions' roundings and the low
parts that callers feed in).  The error that matters is the exponential's relative one,
``r**2 (T(r) - P(r)) / e**r`` with ``T = (e**r - 1 - r)/r**2``, so the fit minimizes that
weighted error (Remez's exchange on a dense grid, at 200 bits), then rounds each
coefficient to the dtype.  The Taylor polynomials they replace needed two terms more in
float64 (degree 11 in ``P``) and one more in float32 (degree 5) for the same bound.

``tests/test_accuracy.py`` checks that the frozen tables still agree with this fit and
that their error, with the rounded coefficients, stays within :data:`BOUNDS`.
"""

from __future__ import annotations

import numpy as np

R_MAX = 0.3555
"""The fitted range: ln(2)/2 = 0.34657 and 2.6% more (every caller's reduced argument)."""

DEGREES = {"float64": 9, "float32": 4}
"""Degree of ``P`` per dtype: the least for which the error is below :data:`BOUNDS`."""

BOUNDS = {"float64": 2.0 ** -56, "float32": 2.0 ** -27}
"""The fitted polynomial's largest relative error in ``e**r`` (coefficients rounded,
arithmetic exact): a sixteenth of an ulp (2**-52, 2**-23), the rest of the budget
being the evaluation's roundings (the Taylor polynomials: 7.7e-18 and 9.0e-9)."""

NAMES = {"float64": "EXP_TAIL_F64", "float32": "EXP_TAIL_F32"}


def _tail(r):
    import mpmath as mp

    if r == 0:
        return mp.mpf(1) / 2
    return (mp.exp(r) - 1 - r) / (r * r)


def _weight(r):
    import mpmath as mp

    return r * r / mp.exp(r)


def remez(degree: int, r_max: float = R_MAX, grid: int = 4000, iterations: int = 40) -> list:
    """Coefficients (mpmath numbers, lowest first) of the weighted-minimax ``P`` of that degree."""
    import mpmath as mp

    with mp.workprec(200):
        a = mp.mpf(r_max)
        xs = [-a + 2 * a * mp.mpf(i) / (grid - 1) for i in range(grid)]
        fs = [_tail(x) for x in xs]
        ws = [_weight(x) for x in xs]
        n = degree + 2  # reference points: degree + 1 coefficients and the level
        # Chebyshev's extrema, none at 0 (where the weight vanishes): a zero moves aside
        ref = [a * mp.cos(mp.pi * (n - 1 - k) / (n - 1)) for k in range(n)]
        ref = [x if abs(x) > a / (4 * n) else a / (4 * n) for x in ref]
        coef: list = []
        for _ in range(iterations):
            rows = [[x ** j for j in range(degree + 1)] + [(-1) ** k / _weight(x)]
                    for k, x in enumerate(ref)]
            sol = mp.lu_solve(mp.matrix(rows), mp.matrix([_tail(x) for x in ref]))
            coef = [sol[j] for j in range(degree + 1)]
            level = abs(sol[degree + 1])
            err = [w * (f - mp.polyval(coef[::-1], x)) for x, f, w in zip(xs, fs, ws)]
            ref, top = _alternating_extrema(xs, err, n)
            if top <= level * (1 + mp.mpf(10) ** -8):
                break
        return coef


def _alternating_extrema(xs, err, n):
    """``n`` points of largest error with alternating signs, and the largest error."""
    segments: list = []  # (x, value) of the largest |err| in each run of one sign
    for x, e in zip(xs, err):
        if e == 0:
            continue
        if segments and (segments[-1][1] > 0) == (e > 0):
            if abs(e) > abs(segments[-1][1]):
                segments[-1] = (x, e)
        else:
            segments.append((x, e))
    while len(segments) > n:  # drop the smaller end
        segments.pop(0 if abs(segments[0][1]) < abs(segments[-1][1]) else -1)
    top = max(abs(e) for e in err)
    return [x for x, _ in segments], top


def rounded(coef: list, dtype: str) -> tuple[float, ...]:
    """The coefficients rounded to ``dtype`` (as Python floats)."""
    return tuple(float(np.dtype(dtype).type(float(c))) for c in coef)


def max_error(coef, r_max: float = R_MAX, points: int = 20001) -> float:
    """The largest relative error of ``1 + r + r**2 P(r)`` against ``e**r`` on ``|r| <= r_max``.

    The coefficients as given, the arithmetic exact.
    """
    import mpmath as mp

    with mp.workprec(200):
        a = mp.mpf(r_max)
        worst = mp.mpf(0)
        for i in range(points):
            x = -a + 2 * a * mp.mpf(i) / (points - 1)
            p = mp.polyval([mp.mpf(c) for c in coef][::-1], x)
            worst = max(worst, abs(1 + x + x * x * p - mp.exp(x)) / mp.exp(x))
        return float(worst)


def table(dtype: str) -> tuple[float, ...]:
    """The frozen table for ``dtype``: the fit of :data:`DEGREES`'s degree, rounded."""
    return rounded(remez(DEGREES[dtype]), dtype)


def main() -> None:
    for dt in ("float64", "float32"):
        coef = table(dt)
        print(f"{NAMES[dt]} = (  # python -m fastact._tools.precompute.minimax: relative "
              f"error {max_error(coef):.2e} on |r| <= {R_MAX}")
        for c in coef:
            print(f"    {c!r},")
        print(")")


if __name__ == "__main__":
    main()
