"""Coefficient tables of gelu's Gaussian tail, from mpmath.

float64: ``f(z) = (z + K) e^{z^2} erfc(z)`` on ``z >= 0`` expanded in ``t = (z - K)/(z + K)``
(Schonfelder's mapping, which takes ``[0, inf]`` to ``[-1, 1]``; ``f`` is smooth in ``t``
up to ``z = inf``, where it tends to ``1/sqrt(pi)``), from Chebyshev-Gauss nodes at 200
bits, as powers of ``t`` in double length.

float32 (computed in float32 arithmetic): ``e^{a^2/2} Phi(-a) = c Q/(a Q + P)`` on
``0 <= a <= 14.7``, a rational function with float32 coefficients fitted for relative
error (:func:`mills_rational_f32`).

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


A_MAX_F32 = 14.7
"""The float32 path covers ``0 <= a <= A_MAX_F32``; below ``-14.4`` gelu is -0 in float32."""


MILLS_DEGREES = (4, 5)
"""Degrees of :data:`fastact.kernels.gaussian.MILLS_P_F32` and ``MILLS_Q_F32``."""


def _h_values(a_values):
    """``h(a) = c/R(a) - a`` with ``R = e^{a^2/2} Phi(-a)`` and ``c = float32(1/sqrt(2 pi))``."""
    import mpmath as mp
    import numpy as np

    with mp.workprec(100):
        c = mp.mpf(float(np.float32(1 / np.sqrt(2 * np.pi))))
        hs = []
        for a in a_values:
            aa = mp.mpf(float(a))
            hs.append(float(c / (mp.ncdf(-aa) * mp.exp(aa * aa / 2)) - aa))
    return hs


def mills_rational_f32() -> tuple[list[float], list[float]]:
    """:data:`fastact.kernels.gaussian.MILLS_P_F32` and ``MILLS_Q_F32``: ``h = P/Q`` on [0, 14.7].

    ``e^{a^2/2} Phi(-a) = c/(a + h(a)) = c Q/(a Q + P)`` with ``c`` the float32 nearest
    ``1/sqrt(2 pi)`` (``h`` is the reciprocal of the Mills ratio, less ``a``, scaled by
    ``c sqrt(2 pi)``); ``P(0) = 2c``, exact, so that ``Phi(0) = 1/2`` exactly.  ``h``'s
    error reaches ``Phi`` damped by ``h/(a + h)`` (1 at 0, ``1/a^2`` far out), and so does
    the rounding of ``Q`` and ``P``, which the numerator and the denominator share.  The
    weighted relative error is made near-minimax by Lawson's iteration on the linearised
    problem (``P - h Q`` over the previous ``Q``), ``q_0 = 1``; then each coefficient is
    rounded to float32.
    """
    import numpy as np

    m, n = MILLS_DEGREES
    nodes = 1200
    j = np.arange(nodes)
    a = A_MAX_F32 * (1 - np.cos(np.pi * (j + 0.5) / nodes)) / 2
    h = np.array(_h_values(a))
    p0 = 2.0 * float(np.float32(1 / np.sqrt(2 * np.pi)))
    weight = h / (a + h)
    V = np.vander(a, max(m, n) + 1, increasing=True)
    q = np.ones_like(a)
    w = np.ones_like(a)
    for it in range(160):
        scale = weight / (h * q)
        M = np.hstack([V[:, 1:m + 1], -h[:, None] * V[:, 1:n + 1]]) * scale[:, None]
        sw = np.sqrt(w)[:, None]
        c = np.linalg.lstsq(M * sw, ((h - p0) * scale)[:, None] * sw, rcond=None)[0][:, 0]
        q = 1.0 + V[:, 1:n + 1] @ c[m:]
        if it >= 20:  # (the first rounds settle the denominator: plain least squares)
            err = np.abs(((p0 + V[:, 1:m + 1] @ c[:m]) / q / h - 1.0) * weight)
            w = w * (err + 1e-300)
            w /= w.sum()
    return ([p0] + [float(np.float32(v)) for v in c[:m]],
            [1.0] + [float(np.float32(v)) for v in c[m:]])


def mills_rational_error(p, q) -> float:
    """Max relative error of ``c Q/(a Q + P)`` against ``e^{a^2/2} Phi(-a)`` on [0, 14.7].

    Exact evaluation of the float32 coefficients, in units of 2**-24 (1200 points).
    """
    import numpy as np

    a = np.linspace(0.0, A_MAX_F32, 1200)
    h = np.array(_h_values(a))
    pp = np.polynomial.polynomial.polyval(a, np.array(p, np.float64))
    qq = np.polynomial.polynomial.polyval(a, np.array(q, np.float64))
    return float(np.max(np.abs((a + h) / (a + pp / qq) - 1.0)) / 2.0**-24)


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
    pm, qm = mills_rational_f32()
    return {"MILLS_P_F32": pm, "MILLS_Q_F32": qm}


def main() -> None:
    import sys

    if "--mills" in sys.argv[1:]:
        print(mills_module(), end="")
        return
    print(f"ERFCX_K64 = {K64!r}")
    for name, cs in {**tables(), **fitted_tables()}.items():
        if name == "GELU_N_TABLE":
            continue  # (--mills)
        print(f"{name} = (")
        for c in cs:
            print(f"    {c!r},")
        print(")")


if __name__ == "__main__":
    main()
