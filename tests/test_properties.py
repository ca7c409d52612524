"""Hypothesis properties: ranges, normalisation, monotonicity."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import fastact
from fastact._spec.registry import REGISTRY

floats64 = st.floats(allow_nan=False, width=64)
finite64 = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)
rows = arrays(np.float64, st.integers(1, 50), elements=st.floats(-1e6, 1e6))


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(0, 40), elements=floats64))
def test_sigmoid_in_unit_interval(x):
    y = fastact.sigmoid(x)
    assert ((y >= 0) & (y <= 1)).all()
    with np.errstate(over="ignore"):
        y32 = fastact.sigmoid(x.astype(np.float32))
    assert ((y32 >= 0) & (y32 <= 1)).all()


@settings(max_examples=200, deadline=None)
@given(rows)
def test_softmax_sums_to_one_and_log_softmax_nonpositive(x):
    y = fastact.softmax(x)
    assert abs(y.sum() - 1) <= 4 * x.size * np.finfo(float).eps
    assert (fastact.log_softmax(x) <= 0).all()
    assert fastact.logsumexp(x) >= x.max()


MONOTONE = [n for n, e in REGISTRY.items() if e.monotone]


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(2, 60), elements=finite64), st.sampled_from(MONOTONE))
def test_monotone_functions_do_not_decrease(x, name):
    e = REGISTRY[name]
    kwargs = {} if all(p.default is not None or p.none_value for p in e.params) else {}
    xs = np.sort(x)
    for dt in (np.float64, np.float32):
        with np.errstate(over="ignore"):
            v = xs.astype(dt)
        y = getattr(fastact, name)(v, **kwargs)
        assert (y[1:] >= y[:-1]).all(), (name, v, y)


BOUNDED = [n for n, e in REGISTRY.items() if e.bounds]


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 60), elements=floats64), st.sampled_from(BOUNDED))
def test_bounded_functions_stay_in_bounds(x, name):
    lo, hi = REGISTRY[name].bounds
    y = getattr(fastact, name)(x)
    assert ((y >= lo) & (y <= hi)).all()
