"""Chebyshev coefficients of the scaled complementary error function, from mpmath.

``f(z) = (z + K) e^{z^2} erfc(z)`` on ``z >= 0`` is expanded in ``t = (z - K)/(z + K)``
(Schonfelder's mapping, which takes ``[0, inf]`` to ``[-1, 1]``; ``f`` is smooth in ``t``
up to ``z = inf``, where it tends to ``1/sqrt(pi)``).  The coefficients come from ``f`` at
Chebyshev-Gauss nodes, computed with 200 bits.

``python -m fastact._precompute.erfcx`` prints the tuples held in
:mod:`fastact.kernels.gaussian`; ``tests/test_accuracy.py`` checks they agree.
"""

from __future__ import annotations

K = 4.0
"""The mapping's centre for the float32 table: ``z = K`` is ``t = 0``."""
K64 = 2.0
"""The centre for the float64 table: with ``K = 2`` the power-series coefficients in ``t``
stay below 1.02 and sum to 2.06 against ``f(t) >= 0.56``, so Horner's rule loses little."""

TERMS_F32 = 17
"""Terms for float32 results: truncation below 1e-11 relative (one float64 rounding after)."""
TERMS_F64 = 26
"""Terms for float64 results (``K = 2``): truncation below 1e-17 relative."""


def chebyshev(k: float, n: int, nodes: int = 64) -> list[float]:
    """The first ``n`` coefficients (``c0`` halved) of ``(z + k) e^{z^2} erfc(z)`` in ``t``."""
    return [float(c) for c in _chebyshev_mp(k, n, nodes)]


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


def tables() -> dict[str, list[float]]:
    """The coefficient tables of :mod:`fastact.kernels.gaussian`, by name."""
    hi, lo = power_series(K64, TERMS_F64)
    return {"ERFCX_F32": chebyshev(K, TERMS_F32), "ERFCX_F64": hi, "ERFCX_F64_LO": lo}


def main() -> None:
    print(f"ERFCX_K = {K!r}")
    print(f"ERFCX_K64 = {K64!r}")
    for name, cs in tables().items():
        print(f"{name} = (")
        for c in cs:
            print(f"    {c!r},")
        print(")")


if __name__ == "__main__":
    main()
