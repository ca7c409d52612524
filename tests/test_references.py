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

from fastact._accuracy import _param_values, mpmath
from fastact._registry import lookup


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
