"""Minimax polynomials of the exponential and the logarithm, from mpmath (Remez exchange).

    python -m fastact._tools.precompute.minimax

prints the tables that :mod:`fastact.kernels.scalar` holds (coefficients lowest degree
first), each fitted for the relative error of the function it completes, on the range
its callers reduce to (with a margin for the reductions' roundings and the low parts
that callers feed in):

- ``EXP_TAIL_F64``, ``EXP_TAIL_F32``: ``P`` with ``e**r ~ 1 + r + r**2 P(r)``,
  ``|r| <= 0.3555`` (ln(2)/2 = 0.34657 and 2.6% more).  The error is
  ``r**2 (T(r) - P(r)) / e**r`` with ``T = (e**r - 1 - r)/r**2``.
- ``LOG_SERIES_F64``, ``LOG_SERIES_F32``: ``Q`` with ``log(1 + f) = 2 atanh(s) ~ 2s + s z
  Q(z)``, ``s = f/(2 + f)``, ``z = s**2 <= 0.0405`` (``f`` in [-0.3, 0.5]).  The error is
  ``s z (q(z) - Q(z)) / (2 atanh s)`` with ``q`` the exact remainder.
- ``LOG_SERIES_WIDE_F32``: the same for ``z <= 0.1115`` (``f`` in [0, 1]: the block fast
  paths' ``log1p`` of ``e**-|x|``).

Each fit minimizes that weighted error (Remez's exchange on a dense grid, at 200 bits),
then rounds the coefficients to the dtype.  The degree is the least whose error, with the
coefficients rounded, is within the fit's bound: a sixteenth of an ulp or less, the rest
of the budget being the evaluation's roundings.  The Taylor series they replace needed
more terms for a larger error (:func:`taylor`).

``tests/test_accuracy.py`` checks that the frozen tables meet their bounds (which the
Taylor series of the same length miss) and still agree with this fit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Fit:
    """One fitted table: what it approximates, where, in which dtype, how well."""

    kind: str
    """``"exp"`` (``P`` of ``e**r``) or ``"log"`` (``Q`` of ``log1p``)."""
    dtype: str
    degree: int
    bound: float
    """The largest relative error allowed in the function (coefficients rounded)."""
    hi: float
    """The range: ``|r| <= hi`` (exp), ``0 <= z <= hi`` (log)."""


FITS = {
    "EXP_TAIL_F64": Fit("exp", "float64", 9, 2.0 ** -56, 0.3555),
    "EXP_TAIL_F32": Fit("exp", "float32", 4, 2.0 ** -27, 0.3555),
    "LOG_SERIES_F64": Fit("log", "float64", 7, 2.0 ** -57, 0.0405),
    "LOG_SERIES_F32": Fit("log", "float32", 2, 2.0 ** -28, 0.0405),
    "LOG_SERIES_WIDE_F32": Fit("log", "float32", 3, 2.0 ** -27, 0.1115),
}


def _target(kind: str, x):
    """The function the polynomial approximates at ``x`` (200 bits)."""
    import mpmath as mp

    if kind == "exp":
        return mp.mpf(1) / 2 if x == 0 else (mp.exp(x) - 1 - x) / (x * x)
    s = mp.sqrt(x)
    return mp.mpf(2) / 3 if x == 0 else (2 * mp.atanh(s) - 2 * s) / (s * x)


def _weight(kind: str, x):
    """The factor that takes the polynomial's error to the function's relative error."""
    import mpmath as mp

    if kind == "exp":
        return x * x / mp.exp(x)
    s = mp.sqrt(x)
    return mp.mpf(1) / 2 * x if x == 0 else s * x / (2 * mp.atanh(s))


def _grid(fit: Fit, points: int) -> list:
    import mpmath as mp

    lo = -mp.mpf(fit.hi) if fit.kind == "exp" else mp.mpf(0)
    hi = mp.mpf(fit.hi)
    return [lo + (hi - lo) * mp.mpf(i) / (points - 1) for i in range(points)]


def remez(fit: Fit, degree: int | None = None, grid: int = 4000, iterations: int = 40) -> list:
    """Coefficients (mpmath numbers, lowest first) of the weighted-minimax polynomial."""
    import mpmath as mp

    degree = fit.degree if degree is None else degree
    with mp.workprec(200):
        xs = _grid(fit, grid)
        fs = [_target(fit.kind, x) for x in xs]
        ws = [_weight(fit.kind, x) for x in xs]
        lo, hi = xs[0], xs[-1]
        n = degree + 2  # reference points: degree + 1 coefficients and the level
        # Chebyshev's extrema, none where the weight vanishes (0): such a point moves aside
        ref = [(lo + hi) / 2 + (hi - lo) / 2 * mp.cos(mp.pi * (n - 1 - k) / (n - 1))
               for k in range(n)]
        nudge = (hi - lo) / (8 * n)
        ref = [x if abs(x) > nudge else (nudge if x >= 0 else -nudge) for x in ref]
        coef: list = []
        for _ in range(iterations):
            rows = [[x ** j for j in range(degree + 1)] + [(-1) ** k / _weight(fit.kind, x)]
                    for k, x in enumerate(ref)]
            sol = mp.lu_solve(mp.matrix(rows), mp.matrix([_target(fit.kind, x) for x in ref]))
            coef = [sol[j] for j in range(degree + 1)]
            level = abs(sol[degree + 1])
            err = [w * (f - _horner(coef, x)) for x, f, w in zip(xs, fs, ws)]
            ref, top = _alternating_extrema(xs, err, n)
            if top <= level * (1 + mp.mpf(10) ** -8):
                break
        return coef


def _horner(coef, x):
    """``coef[0] + coef[1] x + ...``, lowest degree first.

    (mpmath's ``polyval`` takes the other order, and newer versions warn about it.)
    """
    p = 0
    for c in reversed(coef):
        p = p * x + c
    return p


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


def max_error(fit: Fit, coef, points: int = 20001) -> float:
    """The largest relative error of the completed function with these coefficients.

    ``1 + r + r**2 P(r)`` against ``e**r``, or ``2s + s z Q(z)`` against ``2 atanh(s)``,
    over the fit's range; the coefficients as given, the arithmetic exact.
    """
    import mpmath as mp

    with mp.workprec(200):
        cs = [mp.mpf(c) for c in coef]
        worst = mp.mpf(0)
        for x in _grid(fit, points):
            if fit.kind == "exp":
                got, want = 1 + x + x * x * _horner(cs, x), mp.exp(x)
            else:
                s = mp.sqrt(x)
                got, want = 2 * s + s * x * _horner(cs, x), 2 * mp.atanh(s)
            if want != 0:
                worst = max(worst, abs(got - want) / abs(want))
        return float(worst)


def taylor(fit: Fit, terms: int) -> tuple[float, ...]:
    """The Taylor series' first ``terms`` coefficients of the same polynomial, rounded."""
    import math

    if fit.kind == "exp":
        return rounded([1 / math.factorial(i) for i in range(2, terms + 2)], fit.dtype)
    return rounded([2 / (2 * i + 1) for i in range(1, terms + 1)], fit.dtype)


def table(name: str) -> tuple[float, ...]:
    """The frozen table ``name``: its fit, rounded to its dtype."""
    fit = FITS[name]
    return rounded(remez(fit), fit.dtype)


def main() -> None:
    for name, fit in FITS.items():
        coef = table(name)
        print(f"{name} = (  # python -m fastact._tools.precompute.minimax: relative error "
              f"{max_error(fit, coef):.2e}")
        for c in coef:
            print(f"    {c!r},")
        print(")")


if __name__ == "__main__":
    main()
