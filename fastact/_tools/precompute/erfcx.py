"""Coefficient tables of gelu's Gaussian tail, from mpmath.

float64: ``f(z) = (z + K) e^{z^2} erfc(z)`` on ``z >= 0`` expanded in ``t = (z - K)/(z + K)``
(Schonfelder's mapping, which takes ``[0, inf]`` to ``[-1, 1]``; ``f`` is smooth in ``t``
up to ``z = inf``, where it tends to ``1/sqrt(pi)``), from Chebyshev-Gauss nodes at 200
bits, as powers of ``t`` in double length.

float32 (computed in float32 arithmetic): ``F(t) = (a + KA) e^{a^2/2} Phi(-a)`` in
``t = (a - KA)/(a + KA)`` on ``0 <= a <= 14.7``, float32 coefficients fitted for relative
error, and a quadratic for the slope of ``ln R``.

float64 block fast path: the Mills ratio scaled, ``N(r) = e^{r^2/2} Phi(-r)``, at the
points ``r = j/MILLS_STEP`` of ``[0, MILLS_END]``, each rounded to nearest (200 bits):
the table the fast path expands around (:mod:`fastact.kernels.gaussian_table`).

``python -m fastact._tools.precompute.erfcx`` prints the tuples held in
:mod:`fastact.kernels.gaussian`; ``python -m fastact._tools.precompute.erfcx --mills``
prints the module :mod:`fastact.kernels.gaussian_table`; ``tests/test_accuracy.py``
checks they agree (the float64 ones bit for bit, the fitted float32 ones by their error
bound).
"""

from __future__ import annotations

K64 = 2.0
"""The centre for the float64 table: with ``K = 2`` the power-series coefficients in ``t``
stay below 1.02 and sum to 2.06 against ``f(t) >= 0.56``, so Horner's rule loses little."""

TERMS_F64 = 26
"""Terms for float64 results (``K = 2``): truncation below 1e-17 relative."""


def _chebyshev_mp(k, n, nodes):
    import mpmath as mp

    with mp.workprec(200):
        kk = mp.mpf(k)
        vals = []
        for j in range(nodes):
            th = mp.pi * (j + mp.mpf(1) / 2) / nodes
            t = mp.cos(th)
            z = kk * (1 + t) / (1 - t)
            vals.append((th, (z + kk) * mp.erfc(z) * mp.exp(z * z)))
        cs = [2 * mp.fsum(h * mp.cos(i * th) for th, h in vals) / nodes for i in range(n)]
        cs[0] /= 2
        return cs


def power_series(k: float, n: int, nodes: int = 72) -> tuple[list[float], list[float]]:
    """The same ``n``-term expansion as powers of ``t``, as float64 pairs ``(hi, lo)``.

    Each coefficient is ``hi + lo`` (the leading ones are used in double length).
    """
    import mpmath as mp

    cs = _chebyshev_mp(k, n, nodes)
    with mp.workprec(200):
        prev, cur = [mp.mpf(1)], [mp.mpf(0), mp.mpf(1)]  # T_0, T_1 as power series
        a = [cs[0]] + [mp.mpf(0)] * (n - 1)
        for j in range(1, n):
            for i, v in enumerate(cur):
                a[i] += cs[j] * v
            nxt = [mp.mpf(0)] + [2 * v for v in cur]
            for i, v in enumerate(prev):
                nxt[i] -= v
            prev, cur = cur, nxt
        hi = [float(v) for v in a]
        return hi, [float(v - mp.mpf(h)) for v, h in zip(a, hi)]


KA = 3.5
"""The float32 arithmetic path's centre, in ``a = |x|`` itself: ``t = (a - KA)/(a + KA)``."""
A_MAX_F32 = 14.7
"""The float32 path covers ``0 <= a <= A_MAX_F32``; below ``-14.4`` gelu is -0 in float32."""
TERMS_R32 = 10
"""Terms of :data:`R_F32`."""


def _r_values(ts):
    """``F(t) = (a + KA) e^{a^2/2} Phi(-a)`` at ``a = KA (1+t)/(1-t)``, with 120 bits."""
    import mpmath as mp

    with mp.workprec(120):
        out = []
        for t in ts:
            tt = mp.mpf(float(t))
            a = KA * (1 + tt) / (1 - tt)
            out.append(float((a + KA) * mp.ncdf(-a) * mp.exp(a * a / 2)))
    return out


def _t_nodes(n: int = 600):
    import numpy as np

    t0, t1 = -1.0, (A_MAX_F32 - KA) / (A_MAX_F32 + KA)
    j = np.arange(n)
    ts = 0.5 * (t0 + t1) + 0.5 * (t1 - t0) * np.cos(np.pi * (j + 0.5) / n)
    return np.concatenate([ts, [t0, t1]])


def float32_minimax(ts, vals, n: int, rounds: int = 80) -> list[float]:
    """Powers of ``t`` with float32 coefficients, near-minimax in relative error.

    Lawson's iteration (least squares reweighted by the error) gives each coefficient;
    they are fixed one at a time from the constant term up, rounded to float32, and the
    remaining ones refitted to absorb that rounding (the idea of Sollya's fpminimax).
    Plain rounding of the real minimax coefficients cost 1.2 units of 2**-24; this 0.4.
    """
    import numpy as np

    V = np.vander(ts, n, increasing=True)
    fixed: list[float] = []
    for i in range(n):
        rhs = vals - (V[:, :i] @ np.array(fixed) if fixed else 0.0)
        w = np.ones(len(ts))
        for _ in range(rounds):
            sw = np.sqrt(w)[:, None]
            c = np.linalg.lstsq(V[:, i:] / vals[:, None] * sw, (rhs / vals)[:, None] * sw,
                                rcond=None)[0][:, 0]
            err = np.abs((V[:, i:] @ c - rhs) / vals)
            w = w * (err + 1e-300)
            w /= w.sum()
        fixed.append(float(np.float32(c[0])))
    return fixed


def r_f32_table() -> list[float]:
    """:data:`fastact.kernels.gaussian.R_F32`: ``F(t)`` to 0.4 units of 2**-24 (float32)."""
    import numpy as np

    ts = _t_nodes()
    return float32_minimax(ts, np.array(_r_values(ts)), TERMS_R32)


def r_f32_slope_table() -> list[float]:
    """:data:`fastact.kernels.gaussian.R_F32_SLOPE`: ``-d ln R/da`` to 2.5 %, a quadratic in ``t``.

    ``R(a) = e^{a^2/2} Phi(-a)``, ``-d ln R/da = 1/(sqrt(2 pi) R) - a``: the factor of the
    first-order correction for the rounding of ``a + KA`` and of ``1/(a + KA)``.
    """
    import mpmath as mp
    import numpy as np

    ts = np.linspace(-1.0, (A_MAX_F32 - KA) / (A_MAX_F32 + KA), 400)
    with mp.workprec(80):
        vals = []
        for t in ts:
            tt = mp.mpf(float(t))
            a = KA * (1 + tt) / (1 - tt)
            vals.append(float(1 / (mp.sqrt(2 * mp.pi) * mp.ncdf(-a) * mp.exp(a * a / 2)) - a))
    c = np.polynomial.polynomial.polyfit(ts, np.array(vals), 2)
    return [float(np.float32(v)) for v in c]


def r_f32_error(coeffs) -> float:
    """Max relative error of the float32 table (exact evaluation), in units of 2**-24."""
    import numpy as np

    ts = np.linspace(-1.0, (A_MAX_F32 - KA) / (A_MAX_F32 + KA), 997)
    p = np.polynomial.polynomial.polyval(ts, np.array(coeffs, np.float64))
    vals = np.array(_r_values(ts))
    return float(np.max(np.abs(p / vals - 1.0)) / 2.0**-24)


MILLS_STEP = 64
"""Table points per unit of ``r``: with ``|d| <= 1/128`` the expansion of ``N(r + d)`` to
``d**6`` is within 1.4e-17 of it (relative) on the whole table."""
MILLS_END = 26.0
"""The table covers ``0 <= r <= 26``: gelu's float64 fast path ``|x| <= 26`` (6.5 standard
deviations of N(0, 4**2); ``e**(-26**2/2)`` is far from the subnormals)."""


def mills_table() -> list[float]:
    """``N(j/MILLS_STEP) = e^{r^2/2} Phi(-r)`` for ``j = 0 .. MILLS_END * MILLS_STEP``, float64."""
    import mpmath as mp

    with mp.workprec(200):
        out = []
        for j in range(int(MILLS_END * MILLS_STEP) + 1):
            r = mp.mpf(j) / MILLS_STEP
            out.append(float(mp.erfc(r / mp.sqrt(2)) / 2 * mp.exp(r * r / 2)))
    return out


def mills_truncation(degree: int = 6) -> float:
    """The largest relative size of the first omitted term ``n_{degree+1} d**(degree+1)``.

    ``n_k`` are the Taylor coefficients of ``N`` at a table point (``N' = rN - 1/sqrt(2
    pi)``, ``(k+1) n_{k+1} = r n_k + n_{k-1}``), at ``|d| = 1/(2 MILLS_STEP)``: the
    truncation error of the fast path's expansion (80 bits, every 5th table point).
    """
    import mpmath as mp

    with mp.workprec(80):
        c = 1 / mp.sqrt(2 * mp.pi)
        d = mp.mpf(1) / (2 * MILLS_STEP)
        worst = mp.mpf(0)
        for j in range(0, int(MILLS_END * MILLS_STEP) + 1, 5):
            r = mp.mpf(j) / MILLS_STEP
            n = [mp.erfc(r / mp.sqrt(2)) / 2 * mp.exp(r * r / 2)]
            n.append(r * n[0] - c)
            for k in range(1, degree + 1):
                n.append((r * n[k] + n[k - 1]) / (k + 1))
            worst = max(worst, abs(n[degree + 1]) * d ** (degree + 1) / n[0])
    return float(worst)


def mills_module() -> str:
    """The text of :mod:`fastact.kernels.gaussian_table`."""
    lines = ['"""The table of gelu\'s float64 fast path (generated: do not edit).',
             "",
             "    python -m fastact._tools.precompute.erfcx --mills > fastact/kernels/gaussian_table.py",
             "",
             "``GELU_N_TABLE[j] = e^{r^2/2} Phi(-r)`` at ``r = j / GELU_N_STEP``, rounded to nearest",
             "from mpmath at 200 bits (:func:`fastact._tools.precompute.erfcx.mills_table`).",
             '"""',
             "",
             f"GELU_N_STEP = {MILLS_STEP}",
             f"GELU_N_END = {MILLS_END!r}",
             "GELU_N_TABLE = ("]
    vals = mills_table()
    for i in range(0, len(vals), 3):
        lines.append("    " + " ".join(f"{v!r}," for v in vals[i:i + 3]))
    lines.append(")")
    return "\n".join(lines) + "\n"


def tables() -> dict[str, list[float]]:
    """The coefficient tables of :mod:`fastact.kernels.gaussian` that are exact to regenerate."""
    hi, lo = power_series(K64, TERMS_F64)
    return {"ERFCX_F64": hi, "ERFCX_F64_LO": lo, "GELU_N_TABLE": mills_table()}


def fitted_tables() -> dict[str, list[float]]:
    """The float32 tables made by least squares (their last bits may differ with LAPACK)."""
    return {"R_F32": r_f32_table(), "R_F32_SLOPE": r_f32_slope_table()}


def main() -> None:
    import sys

    if "--mills" in sys.argv[1:]:
        print(mills_module(), end="")
        return
    print(f"ERFCX_K64 = {K64!r}")
    print(f"GELU_F32_K = {KA!r}")
    for name, cs in {**tables(), **fitted_tables()}.items():
        if name == "GELU_N_TABLE":
            continue  # (--mills)
        print(f"{name} = (")
        for c in cs:
            print(f"    {c!r},")
        print(")")


if __name__ == "__main__":
    main()
