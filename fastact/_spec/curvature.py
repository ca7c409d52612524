"""The second and third derivatives of every built-in elementwise activation.

One :func:`~fastact._spec.registry.derive` call per activation: its two kernels (written
for their tails in :mod:`fastact.kernels`), their mpmath references and formulas, and the
convention at its kinks.  Each makes two elementwise functions with the whole API
(``fastact.gelu_derivative2``, ``fastact.gelu_derivative3``; ``fastact.derivative("gelu",
2)`` returns the first), and the double backward ``NAME_double_backward``.  The references
are closed forms, evaluated by mpmath at 160 bits (the tails need no cancellation);
``tests/test_references.py`` checks each against ``mpmath.diff`` of the one below it.

The doctests' outputs (``_EXAMPLES``) were printed by ``repr(fastact.NAME(*args))`` for
each entry; the doctest test runs them again.
"""

from __future__ import annotations

from ..kernels import exponential as E
from ..kernels import gaussian as G
from ..kernels import logistic as L
from ..kernels import piecewise as P
from .catalogue import SELU_ALPHA_MP, SELU_SCALE_MP
from .registry import REGISTRY, derive


def _s(mp, x):
    return 1 / (1 + mp.exp(-x)) if x >= 0 else mp.exp(x) / (1 + mp.exp(x))


def _p(mp, x):
    """sigma'(x)."""
    return _s(mp, x) * _s(mp, -x)


def _sig2(mp, x):
    return -_p(mp, x) * mp.tanh(x / 2)


def _sig3(mp, x):
    p = _p(mp, x)
    return p * (1 - 6 * p)


def _silu2(mp, z):
    return 2 * _p(mp, z) + z * _sig2(mp, z)


def _silu3(mp, z):
    return 3 * _sig2(mp, z) + z * _sig3(mp, z)


def _mish_parts(mp, x):
    """(omega sigma, kk, kk') of mish at x, in forms that do not cancel (e = e**x)."""
    e = mp.exp(x)
    a = (1 + e) ** 2
    w = e * (e + 2) / (a + 1)
    om = 4 * a / (a + 1) ** 2
    sig, c = _s(mp, x), _s(mp, -x)
    kk = c - 2 * w * sig
    dk = -sig * (c * (1 + 2 * w) + 2 * om * sig)
    return om * sig, kk, dk


def _mish2(mp, x):
    os_, kk, dk = _mish_parts(mp, x)
    return os_ * (2 + x * kk)


def _mish3(mp, x):
    os_, kk, dk = _mish_parts(mp, x)
    return os_ * (3 * kk + x * (kk * kk + dk))


def _phi(mp, x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def _gt_parts(mp, x):
    c = 2 * mp.sqrt(2 / mp.pi)
    a = mp.mpf(G.GELU_TANH_COEFF)
    v = c * (x + a * x ** 3)
    return v, c * (1 + 3 * a * x * x), c * 6 * a * x, c * 6 * a


def _gelu_tanh2(mp, x):
    v, d1, d2, d3 = _gt_parts(mp, x)
    return 2 * _p(mp, v) * d1 + x * (_sig2(mp, v) * d1 ** 2 + _p(mp, v) * d2)


def _gelu_tanh3(mp, x):
    v, d1, d2, d3 = _gt_parts(mp, x)
    p, s2, s3 = _p(mp, v), _sig2(mp, v), _sig3(mp, v)
    return 3 * s2 * d1 ** 2 + 3 * p * d2 + x * (s3 * d1 ** 3 + 3 * s2 * d1 * d2 + p * d3)


def _tanh2(mp, x):
    return -2 * mp.tanh(x) / mp.cosh(x) ** 2


def _tanh3(mp, x):
    return 2 * (3 * mp.tanh(x) ** 2 - 1) / mp.cosh(x) ** 2


def _neg_side(value):
    """A reference that is ``value(mp, x, *params)`` for x <= 0 and 0 above."""
    return lambda mp, x, *ps: value(mp, x, *ps) if x <= 0 else mp.mpf(0)


def _softplus(order):
    def ref(mp, x, beta, threshold):
        z = beta * x
        if z > threshold:
            return mp.mpf(0)
        return beta * _p(mp, z) if order == 2 else mp.mpf(beta) ** 2 * _sig2(mp, z)
    return ref


def _sqp(order):
    def ref(mp, x, b):
        s = mp.sqrt(x * x + b)
        if s == 0:
            return mp.mpf(0)
        return b / (2 * s ** 3) if order == 2 else -3 * b * x / (2 * s ** 5)
    return ref


def _logit(order):
    def ref(mp, p):
        if not 0 <= p <= 1:
            return mp.nan
        if p in (0, 1):
            return (mp.inf if p == 1 else -mp.inf) if order == 2 else mp.inf
        q = p * (1 - p)
        return (2 * p - 1) / q ** 2 if order == 2 else 2 * (1 - 3 * q) / q ** 3
    return ref


def _log1mexp(order):
    def ref(mp, x):
        if x < 0:
            return mp.nan
        if x == 0:
            return -mp.inf if order == 2 else mp.inf
        e = mp.exp(-x)
        n = -mp.expm1(-x)
        return -e / n ** 2 if order == 2 else e * (1 + e) / n ** 3
    return ref


def _zero(mp, x, *params):
    return mp.mpf(0)


SMOOTH = "The function is smooth: its higher derivatives need no convention."
LINEAR = ("0 everywhere, also at the kinks (the Dirac mass of f'' there is not a value; "
          "PyTorch's and JAX's autograd also give 0).")


def _between(lo: str, hi: str, value: str) -> str:
    return (f"f'' = {value} on ({lo}, {hi}) and 0 outside, at the kinks {lo} and {hi} too "
            "(the outer pieces, as f' takes them there); f''' = 0 everywhere.")


def _left(at_zero: str) -> str:
    return (f"At 0 the negative side, as f' takes it there: {at_zero}; 0 for x > 0 "
            "(f'' jumps at 0: f''' has a Dirac mass there, not a value).")


_ENTRIES = {
    # name: ((f'', f'''), (refs), (formulas), kinks)
    "identity": ((P.zero, P.zero), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), SMOOTH),
    "binary_step": ((P.zero_1, P.zero_1), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "sigmoid": ((L.sigmoid_derivative2, L.sigmoid_derivative3), (_sig2, _sig3),
                (r"\sigma''(x) = -\sigma'(x) \tanh\frac{x}{2}",
                 r"\sigma'''(x) = \sigma'(x)\,(1 - 6\sigma'(x))"), SMOOTH),
    "tanh": ((L.tanh_derivative2, L.tanh_derivative3), (_tanh2, _tanh3),
             (r"f''(x) = -2 \tanh x \operatorname{sech}^2 x",
              r"f'''(x) = 2 \operatorname{sech}^2 x\,(3\tanh^2 x - 1)"), SMOOTH),
    "relu": ((P.zero, P.zero), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "relu6": ((P.zero, P.zero), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "leaky_relu": ((P.zero_1, P.zero_1), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "prelu": ((P.zero_1, P.zero_1), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "rrelu": ((P.zero_2, P.zero_2), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "elu": ((E.elu_derivative2, E.elu_derivative3),
            (_neg_side(lambda mp, x, a: a * mp.exp(x)),) * 2,
            (r"f''(x) = \alpha e^x \ (x \le 0), \ 0 \ (x > 0)",
             r"f'''(x) = \alpha e^x \ (x \le 0), \ 0 \ (x > 0)"),
            _left("elu''(0) = elu'''(0) = alpha")),
    "selu": ((E.selu_derivative2, E.selu_derivative3),
             (_neg_side(lambda mp, x: mp.mpf(SELU_SCALE_MP) * mp.mpf(SELU_ALPHA_MP) * mp.exp(x)),) * 2,
             (r"f''(x) = \lambda\alpha e^x \ (x \le 0), \ 0 \ (x > 0)",
              r"f'''(x) = \lambda\alpha e^x \ (x \le 0), \ 0 \ (x > 0)"),
             _left("selu''(0) = selu'''(0) = scale * alpha = 1.7580993408473768")),
    "celu": ((E.celu_derivative2, E.celu_derivative3),
             (_neg_side(lambda mp, x, a: mp.exp(x / a) / a),
              _neg_side(lambda mp, x, a: mp.exp(x / a) / mp.mpf(a) ** 2)),
             (r"f''(x) = e^{x/\alpha}/\alpha \ (x \le 0), \ 0 \ (x > 0)",
              r"f'''(x) = e^{x/\alpha}/\alpha^2 \ (x \le 0), \ 0 \ (x > 0)"),
             _left("celu''(0) = 1/alpha, celu'''(0) = 1/alpha**2")),
    "gelu": ((G.gelu_derivative2, G.gelu_derivative3),
             (lambda mp, x: _phi(mp, x) * (2 - x * x), lambda mp, x: x * _phi(mp, x) * (x * x - 4)),
             (r"f''(x) = \varphi(x)\,(2 - x^2)", r"f'''(x) = x\,\varphi(x)\,(x^2 - 4)"), SMOOTH),
    "gelu_tanh": ((G.gelu_tanh_derivative2, G.gelu_tanh_derivative3), (_gelu_tanh2, _gelu_tanh3),
                  (r"f''(x) = 2\sigma'(v) v' + x(\sigma''(v) v'^2 + \sigma'(v) v''),\ "
                   r"f = x\sigma(v),\ v = 2\sqrt{2/\pi}(x + 0.044715x^3)",
                   r"f'''(x) = 3\sigma''v'^2 + 3\sigma'v'' + x(\sigma'''v'^3 + 3\sigma''v'v'' "
                   r"+ \sigma'v''')"), SMOOTH),
    "silu": ((L.silu_derivative2, L.silu_derivative3), (_silu2, _silu3),
             (r"f''(x) = 2\sigma'(x) + x\sigma''(x)", r"f'''(x) = 3\sigma''(x) + x\sigma'''(x)"),
             SMOOTH),
    "swish": ((L.swish_derivative2, L.swish_derivative3),
              (lambda mp, x, b: b * _silu2(mp, b * x), lambda mp, x, b: mp.mpf(b) ** 2 * _silu3(mp, b * x)),
              (r"f''(x) = \beta\,\mathrm{silu}''(\beta x)",
               r"f'''(x) = \beta^2\,\mathrm{silu}'''(\beta x)"), SMOOTH),
    "mish": ((L.mish_derivative2, L.mish_derivative3), (_mish2, _mish3),
             (r"f''(x) = \omega\sigma\,(2 + x k),\ \omega = \operatorname{sech}^2"
              r"\operatorname{sp}(x),\ k = 1 - \sigma - 2\sigma\tanh\operatorname{sp}(x)",
              r"f'''(x) = \omega\sigma\,(3k + x(k^2 + k'))"), SMOOTH),
    "softplus": ((L.softplus_derivative2, L.softplus_derivative3), (_softplus(2), _softplus(3)),
                 (r"f''(x) = \beta\,\sigma'(\beta x)", r"f'''(x) = \beta^2\,\sigma''(\beta x)"),
                 "With a threshold, 0 where beta x > threshold (where PyTorch's softplus is x); "
                 "else smooth."),
    "softsign": ((L.softsign_derivative2, L.softsign_derivative3),
                 (lambda mp, x: -2 * mp.sign(x) / (1 + abs(x)) ** 3,
                  lambda mp, x: mp.mpf(6) / (1 + abs(x)) ** 4),
                 (r"f''(x) = \frac{-2\operatorname{sign} x}{(1 + |x|)^3}",
                  r"f'''(x) = \frac{6}{(1 + |x|)^4}"),
                 "f'' jumps from 2 to -2 at 0: softsign''(0) = 0 (the mean, as autograd's "
                 "sign(0) = 0 gives); f'''(0) = 6, its value on both sides."),
    "hardtanh": ((P.zero_2, P.zero_2), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "hardsigmoid": ((P.zero, P.zero), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "logit": ((L.logit_derivative2, L.logit_derivative3), (_logit(2), _logit(3)),
              (r"f''(p) = \frac{2p - 1}{p^2 (1-p)^2}", r"f'''(p) = \frac{2(1 - 3p(1-p))}{p^3(1-p)^3}"),
              "Smooth on (0, 1); at the ends -inf and inf (f''), inf (f'''); NaN outside."),
    "sparse_sigmoid": ((P.zero, P.zero), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "log1mexp": ((E.log1mexp_derivative2, E.log1mexp_derivative3), (_log1mexp(2), _log1mexp(3)),
                 (r"f''(x) = -\frac{e^{-x}}{(1 - e^{-x})^2}",
                  r"f'''(x) = \frac{e^{-x}(1 + e^{-x})}{(1 - e^{-x})^3}"),
                 "Smooth on (0, inf); at 0 -inf (f'') and inf (f'''); NaN below 0."),
    "sparse_plus": ((P.sparse_plus_derivative2, P.zero), (
        lambda mp, x: mp.mpf(0.5) if -1 < x < 1 else mp.mpf(0), _zero),
        (r"f''(x) = \tfrac12 \ (|x| < 1), \ 0 \ (|x| \ge 1)", "f'''(x) = 0"),
        _between("-1", "1", "1/2")),
    "hardswish": ((P.hardswish_derivative2, P.zero), (
        lambda mp, x: mp.mpf(1) / 3 if -3 < x < 3 else mp.mpf(0), _zero),
        (r"f''(x) = \tfrac13 \ (|x| < 3), \ 0 \ (|x| \ge 3)", "f'''(x) = 0"),
        _between("-3", "3", "1/3")),
    "log_sigmoid": ((L.log_sigmoid_derivative2, L.log_sigmoid_derivative3),
                    (lambda mp, x: -_p(mp, x), lambda mp, x: -_sig2(mp, x)),
                    (r"f''(x) = -\sigma'(x)", r"f'''(x) = -\sigma''(x)"), SMOOTH),
    "tanhshrink": ((L.tanhshrink_derivative2, L.tanhshrink_derivative3),
                   (lambda mp, x: -_tanh2(mp, x), lambda mp, x: -_tanh3(mp, x)),
                   (r"f''(x) = 2 \tanh x \operatorname{sech}^2 x",
                    r"f'''(x) = -2 \operatorname{sech}^2 x\,(3\tanh^2 x - 1)"), SMOOTH),
    "hardshrink": ((P.zero_1, P.zero_1), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "softshrink": ((P.zero_1, P.zero_1), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "threshold": ((P.zero_2, P.zero_2), (_zero, _zero), ("f''(x) = 0", "f'''(x) = 0"), LINEAR),
    "squareplus": ((L.squareplus_derivative2, L.squareplus_derivative3), (_sqp(2), _sqp(3)),
                   (r"f''(x) = \frac{b}{2 (x^2 + b)^{3/2}}",
                    r"f'''(x) = -\frac{3 b x}{2 (x^2 + b)^{5/2}}"),
                   "Smooth for b > 0; with b = 0 (relu) 0 everywhere, also at 0."),
}

# The doctests of NAME_derivative2/3: the call, and what it prints (tests/test_import_and_docs.py
# runs each; made by the loop in fastact/_spec/curvature.py's docstring).
_EXAMPLES = {
    'identity_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'identity_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'binary_step_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'binary_step_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'sigmoid_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.0799625 ,  0.        , -0.09473021])'),
    'sigmoid_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.03885167, -0.125     ,  0.01567847])'),
    'tanh_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.13621869,  0.        , -0.3271326 ])'),
    'tanh_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.25265407, -2.        ,  0.52689722])'),
    'relu_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'relu_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'relu6_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'relu6_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'leaky_relu_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'leaky_relu_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'prelu_derivative2': ('[-2.0, 0.0, 1.5]', 'weight=0.25',
        'array([0., 0., 0.])'),
    'prelu_derivative3': ('[-2.0, 0.0, 1.5]', 'weight=0.25',
        'array([0., 0., 0.])'),
    'rrelu_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'rrelu_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'elu_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0.13533528, 1.        , 0.        ])'),
    'elu_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0.13533528, 1.        , 0.        ])'),
    'selu_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0.23793287, 1.75809934, 0.        ])'),
    'selu_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0.23793287, 1.75809934, 0.        ])'),
    'celu_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0.13533528, 1.        , 0.        ])'),
    'celu_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0.13533528, 1.        , 0.        ])'),
    'gelu_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([-0.10798193,  0.79788456, -0.0323794 ])'),
    'gelu_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([-0.        , -0.        , -0.33998369])'),
    'gelu_tanh_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([-0.10787508,  0.79788456, -0.0305182 ])'),
    'gelu_tanh_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.00573318,  0.        , -0.33962169])'),
    'silu_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0.05006217, 0.5       , 0.15619758])'),
    'silu_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.16218417,  0.        , -0.26067294])'),
    'swish_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0.05006217, 0.5       , 0.15619758])'),
    'swish_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.16218417,  0.        , -0.26067294])'),
    'mish_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.03502708,  0.64      , -0.00215024])'),
    'mish_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.16699952, -0.096     , -0.22541185])'),
    'softplus_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0.10499359, 0.25      , 0.14914645])'),
    'softplus_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.0799625 ,  0.        , -0.09473021])'),
    'softsign_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.07407407,  0.        , -0.128     ])'),
    'softsign_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0.07407407, 6.        , 0.1536    ])'),
    'hardtanh_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'hardtanh_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'hardsigmoid_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'hardsigmoid_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'logit_derivative2': ('[0.25, 0.5, 0.9]', '',
        'array([-14.22222222,   0.        ,  98.7654321 ])'),
    'logit_derivative3': ('[0.25, 0.5, 0.9]', '',
        'array([ 132.74074074,   32.        , 2002.74348422])'),
    'sparse_sigmoid_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'sparse_sigmoid_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'log1mexp_derivative2': ('[0.5, 1.0, 2.0]', '',
        'array([-3.91769809, -0.92067359, -0.18101542])'),
    'log1mexp_derivative3': ('[0.5, 1.0, 2.0]', '',
        'array([15.99591493,  1.99229477,  0.23767963])'),
    'sparse_plus_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0. , 0.5, 0. ])'),
    'sparse_plus_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'hardswish_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0.33333333, 0.33333333, 0.33333333])'),
    'hardswish_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'log_sigmoid_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([-0.10499359, -0.25      , -0.14914645])'),
    'log_sigmoid_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([-0.0799625 , -0.        ,  0.09473021])'),
    'tanhshrink_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([-0.13621869, -0.        ,  0.3271326 ])'),
    'tanhshrink_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([-0.25265407,  2.        , -0.52689722])'),
    'hardshrink_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'hardshrink_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'softshrink_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'softshrink_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([0., 0., 0.])'),
    'threshold_derivative2': ('[-2.0, 0.0, 1.5]', 'threshold=1.0, value=-5.0',
        'array([0., 0., 0.])'),
    'threshold_derivative3': ('[-2.0, 0.0, 1.5]', 'threshold=1.0, value=-5.0',
        'array([0., 0., 0.])'),
    'squareplus_derivative2': ('[-2.0, 0.0, 1.5]', '',
        'array([0.08838835, 0.25      , 0.128     ])'),
    'squareplus_derivative3': ('[-2.0, 0.0, 1.5]', '',
        'array([ 0.06629126, -0.        , -0.09216   ])'),
}


def _example(name: str) -> str:
    arg, kw, shown = _EXAMPLES[name]
    return f">>> fastact.{name}({arg}{', ' + kw if kw else ''})\n{shown}"


for _name, (_kernels, _refs, _formulas, _kinks) in _ENTRIES.items():
    derive(REGISTRY[_name], _kernels, _refs, _formulas, _kinks,
           examples=(_example(f"{_name}_derivative2"), _example(f"{_name}_derivative3")))
