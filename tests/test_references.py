"""The mpmath references checked against each other: ``dref`` is the derivative of ``ref``.

The backward tests compare every backward kernel with ``dref``; a slip in a hand-written
``dref`` would let them pass on a wrong derivative.  Here ``dref`` meets mpmath's own
numerical derivative of ``ref`` (``mp.diff``, at 200 bits) at random points, for every
function and every parameter set the accuracy tests use.  Random float64 points never
fall within ``mp.diff``'s step (about 2**-100) of a kink, where the two may differ by
convention.
"""

import numpy as np
import pytest
from conftest import CASE_IDS, CASES

from fastact._spec.registry import lookup
from fastact._tools.accuracy import _param_values, mpmath


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_dref_is_the_derivative_of_ref(name, params):
    mp = mpmath()
    e = lookup(name)
    if e.ref is None or e.dref is None:
        pytest.fail(f"{name} has no mpmath reference: the accuracy tests cannot run")
    pv = _param_values(e, {k: v for k, v in params.items() if k != "approximate"}, np.float64)
    rng = np.random.default_rng(sum(map(ord, name)))
    xs = np.concatenate([rng.uniform(-8, 8, 24), rng.uniform(-40, 40, 8)])
    if e.domain is not None:  # inside the domain, where ref is real
        lo, hi = (max(v, -40.0) if v < 0 else min(v, 40.0) for v in e.domain)
        xs = rng.uniform(lo, hi, 32)
    bad = []
    with mp.workprec(200):
        for x in xs:
            xm = mp.mpf(float(x))
            want = mp.diff(lambda t: e.ref(mp, t, *pv), xm)
            got = mp.mpf(e.dref(mp, xm, *pv))
            if abs(got - want) > mp.mpf(10) ** -40 * (1 + abs(want)):
                bad.append(f"x={x!r}: dref={mp.nstr(got, 20)} d/dx ref={mp.nstr(want, 20)}")
    assert not bad, "\n".join(bad[:8])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_points_hold_both_zeros_and_the_specials_once(name, params, dtype):
    # np.unique keeps whichever of -0.0 == 0.0 its sort puts first, and NumPy sorts with
    # other code on AVX-512 than on AVX2: the accuracy tests met -0.0 on one machine
    # and +0.0 on the other (logit' is +inf at both, IEEE's 1/(p(1-p)) gave -inf at -0.0)
    from fastact._tools.accuracy import points

    xs = points(dtype, lookup(name), params)
    zeros = xs[xs == 0]
    assert sorted(np.signbit(zeros).tolist()) == [False, True]
    assert np.isposinf(xs).sum() == 1 and np.isneginf(xs).sum() == 1 and np.isnan(xs).sum() == 1
    finite = xs[np.isfinite(xs) & (xs != 0)]
    assert len(np.unique(finite)) == len(finite)


def test_logit_derivative_at_both_zeros_is_plus_inf_on_every_cpu_target():
    import fastact

    x = np.array([-0.0, 0.0, 1.0] * 7)  # long enough for the loops' SIMD body
    for fn in (fastact.logit_backward, fastact.cpu.logit_backward, fastact.parallel.logit_backward):
        with np.errstate(divide="ignore"):
            d = fn(np.ones_like(x), x)
        assert np.isposinf(d).all(), (fn, d)
        with np.errstate(divide="ignore"):
            assert np.isneginf(fn(-np.ones_like(x), x)).all()
