"""The catalogue of elementwise activations: kernels, formulas, conventions, references.

Adding an activation means writing its two kernels in :mod:`fastact.kernels` and one
:class:`~fastact._spec.registry.Activation` entry here; the ufuncs, public function,
docstring, tests, accuracy table and benchmarks follow from the entry.

``ref``/``dref`` are the mpmath definitions (value and derivative) used as the
high-precision reference; they take the mpmath module first so that importing fastact
never imports mpmath.  ``limits``/``dlimits`` are the values at -inf and +inf.
"""

from __future__ import annotations

import math

from ..kernels import exponential as E
from ..kernels import gaussian as G
from ..kernels import logistic as L
from ..kernels import piecewise as P
from .registry import Activation, Param, Rule, register

inf = math.inf
nan = math.nan


def _sig(mp, x):
    return 1 / (1 + mp.exp(-x)) if x >= 0 else mp.exp(x) / (1 + mp.exp(x))


def _softplus(mp, x):
    return max(x, 0) + mp.log1p(mp.exp(-abs(x)))


def _tanh_sp(mp, x):
    # tanh(log(1+e^x)) = t(t+2)/(t(t+2)+2), t = e^x
    if x > 0:
        w = mp.exp(-x)
        return (1 + 2 * w) / (1 + 2 * w + 2 * w * w)
    t = mp.exp(x)
    return t * (t + 2) / (t * (t + 2) + 2)


def _gelu_tanh_z(mp, x):
    return 2 * mp.sqrt(2 / mp.pi) * (x + mp.mpf(G.GELU_TANH_COEFF) * x**3)


def _tanhshrink(mp, x):
    if x == 0 or mp.isinf(x):
        return x
    # x - tanh x ~ x^3/3 cancels 2*log2(1/|x|) bits: add them to the working precision
    with mp.workprec(mp.mp.prec + 3 * max(0, -int(mp.mag(x)))):
        return +(x - mp.tanh(x))


def _far(mp, x, value, near):
    """gelu refs: beyond |x| = 60 the value is x (derivative 1) above and 0 below."""
    if abs(x) <= 60:
        return near()
    if x > 0:
        return x if value else mp.mpf(1)
    return mp.mpf(0)


def _sqp(mp, x, b):
    s = mp.sqrt(x * x + b)
    return (x + s) / 2 if x >= 0 else b / (2 * (s - x))


def _dsqp(mp, x, b):
    s = mp.sqrt(x * x + b)
    if s == 0:
        return mp.mpf(0.5)
    return (1 + x / s) / 2 if x >= 0 else b / (2 * s * (s - x))


SELU_SCALE_MP = "1.0507009873554804934193349852946"
SELU_ALPHA_MP = "1.6732632423543772848170429916717"

register(
    Activation(
        name="identity",
        forward=P.identity,
        backward=P.identity_backward,
        summary="Identity (linear) activation.",
        formula=r"f(x) = x",
        derivative=r"f'(x) = 1",
        example=">>> fastact.identity([-1.5, 0.0, 2.0])\narray([-1.5,  0. ,  2. ])",
        anchors="JAX `identity`, Keras `linear`",
        ref=lambda mp, x: x,
        dref=lambda mp, x: mp.mpf(1),
        limits=(-inf, inf),
        dlimits=(1.0, 1.0),
        monotone=True,
        memory_bound=True,
    ),
    Activation(
        name="binary_step",
        forward=P.binary_step,
        backward=P.binary_step_backward,
        params=(Param("threshold", 0.0, "Step position."),),
        summary="Heaviside step: 1 above ``threshold``, else 0.",
        formula=r"f(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
        derivative=r"f'(x) = 0",
        kinks="taken as 0 everywhere, also at the step",
        kink_grads=(("threshold", 0.0),),
        example=">>> fastact.binary_step([-1.0, 0.0, 2.0])\narray([0., 0., 1.])",
        anchors="textbook step function",
        ref=lambda mp, x, t: mp.mpf(1 if x > t else 0),
        dref=lambda mp, x, t: mp.mpf(0),
        limits=(0.0, 1.0),
        test_params=({"threshold": 0.5},),
        monotone=True,
        bounds=(0.0, 1.0),
        memory_bound=True,
    ),
    Activation(
        name="sigmoid",
        interleave=("float32 backward",),
        forward=L.sigmoid,
        backward=L.sigmoid_backward,
        forward_fast=(L.sigmoid_fast_ok, L.sigmoid_fast),
        backward_fast=(L.sigmoid_fast_ok, L.sigmoid_backward_fast),
        summary="Logistic sigmoid, computed without overflow.",
        formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        derivative=r"\sigma'(x) = \sigma(x)\,\sigma(-x)",
        special="sigmoid(-inf) = 0, sigmoid(+inf) = 1; sigmoid(-720) = 2.2e-313 in float64 "
        "(SciPy's expit flushes to 0 below -709).",
        example=">>> fastact.sigmoid([-2.0, 0.0, 2.0])\narray([0.11920292, 0.5       , 0.88079708])",
        anchors="PyTorch `sigmoid`, JAX `sigmoid`, SciPy `expit`, Keras `sigmoid`",
        ref=_sig,
        dref=lambda mp, x: _sig(mp, x) * _sig(mp, -x),
        limits=(0.0, 1.0),
        monotone=True,
        bounds=(0.0, 1.0),
    ),
    Activation(
        name="tanh",
        interleave=("float32", "float32 backward", "float64", "float64 backward"),
        forward=L.tanh,
        backward=L.tanh_backward,
        backward_fast=(L.tanh_backward_fast_ok, L.tanh_backward_fast),
        summary="Hyperbolic tangent.",
        formula=r"f(x) = \tanh x",
        derivative=r"f'(x) = \operatorname{sech}^2 x = \frac{4e^{-2|x|}}{(1+e^{-2|x|})^2}",
        special="tanh(+-inf) = +-1; the derivative is formed without the cancellation of "
        "1 - tanh(x)**2.",
        example=">>> fastact.tanh([-1.0, 0.0, 1.0])\narray([-0.76159416,  0.        ,  0.76159416])",
        anchors="PyTorch `tanh`, JAX `tanh`, Keras `tanh`",
        ref=lambda mp, x: mp.tanh(x),
        dref=lambda mp, x: mp.sech(x) ** 2,
        limits=(-1.0, 1.0),
        monotone=True,
        bounds=(-1.0, 1.0),
    ),
    Activation(
        name="relu",
        forward=P.relu,
        backward=P.relu_backward,
        summary="Rectified linear unit.",
        formula=r"f(x) = \max(0, x)",
        derivative=r"f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        kinks="as PyTorch and JAX",
        kink_grads=((0.0, 0.0),),
        special="relu(NaN) = NaN and relu'(NaN) = NaN; relu(-0.0) = +0.0.",
        example=">>> fastact.relu([-1.0, 0.0, 2.0])\narray([0., 0., 2.])",
        anchors="PyTorch `relu`, JAX `relu`, Keras `relu`",
        ref=lambda mp, x: max(x, mp.mpf(0)),
        dref=lambda mp, x: mp.mpf(1 if x > 0 else 0),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        monotone=True,
        memory_bound=True,
    ),
    Activation(
        name="relu6",
        forward=P.relu6,
        backward=P.relu6_backward,
        summary="ReLU capped at 6.",
        formula=r"f(x) = \min(\max(0, x), 6)",
        derivative=r"f'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
        kinks="as PyTorch",
        kink_grads=((0.0, 0.0), (6.0, 0.0)),
        example=">>> fastact.relu6([-1.0, 3.0, 8.0])\narray([0., 3., 6.])",
        anchors="PyTorch `relu6`, JAX `relu6`, Keras `relu6`",
        ref=lambda mp, x: min(max(x, mp.mpf(0)), mp.mpf(6)),
        dref=lambda mp, x: mp.mpf(1 if 0 < x < 6 else 0),
        limits=(0.0, 6.0),
        monotone=True,
        bounds=(0.0, 6.0),
        memory_bound=True,
    ),
    Activation(
        name="leaky_relu",
        forward=P.leaky_relu,
        backward=P.leaky_relu_backward,
        params=(Param("negative_slope", 0.01, "Slope for x <= 0 (Keras uses 0.2)."),),
        summary="Leaky ReLU: a small slope on the negative side.",
        formula=r"f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}",
        derivative=r"f'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        kinks="the left branch, as PyTorch",
        kink_grads=((0.0, "negative_slope"),),
        example=">>> fastact.leaky_relu([-1.0, 0.0, 2.0], negative_slope=0.1)\n"
        "array([-0.1,  0. ,  2. ])",
        anchors="PyTorch `leaky_relu`, JAX `leaky_relu`, Keras `leaky_relu`",
        ref=lambda mp, x, a: x if x > 0 else mp.mpf(a) * x,
        dref=lambda mp, x, a: mp.mpf(1) if x > 0 else mp.mpf(a),
        limits=(-inf, inf),
        dlimits=(0.01, 1.0),
        test_params=({"negative_slope": 0.2},),
        monotone=True,
        memory_bound=True,
    ),
    Activation(
        name="prelu",
        forward=P.prelu,
        backward=P.prelu_backward,
        params=(Param("weight", doc="Learned slope for x <= 0, broadcast against x "
                      "(``w[:, None, None]`` for NCHW input); PyTorch initialises it to 0.25."),),
        summary="Parametric ReLU: a leaky ReLU whose slope is a learned array.",
        formula=r"f(x) = \begin{cases} x & x > 0 \\ w x & x \le 0 \end{cases}",
        derivative=r"\partial_x f = \begin{cases} 1 & x > 0 \\ w & x \le 0 \end{cases},\quad"
        r"\partial_w f = \begin{cases} 0 & x > 0 \\ x & x \le 0 \end{cases}",
        kinks="the left branch, as PyTorch",
        kink_grads=((0.0, "weight"),),
        example=">>> fastact.prelu([-1.0, 0.0, 2.0], 0.25)\narray([-0.25,  0.  ,  2.  ])",
        anchors="PyTorch `prelu`",
        ref=lambda mp, x, w: x if x > 0 else mp.mpf(w) * x,
        dref=lambda mp, x, w: mp.mpf(1) if x > 0 else mp.mpf(w),
        limits=(-inf, inf),
        dlimits=(0.25, 1.0),
        test_params=({"weight": 0.25},),
        memory_bound=True,
    ),
    Activation(
        name="rrelu",
        interleave=("float64 backward",),
        forward=P.rrelu,
        backward=P.rrelu_backward,
        params=(Param("lower", 1 / 8, "Lower bound of the random slope."),
                Param("upper", 1 / 3, "Upper bound of the random slope.")),
        summary="Randomized leaky ReLU; in evaluation the slope is (lower + upper)/2.",
        formula=r"f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases},\quad "
        r"a \sim U(\mathrm{lower}, \mathrm{upper}) \text{ (training)},\ "
        r"a = \tfrac{\mathrm{lower}+\mathrm{upper}}{2} \text{ (eval)}",
        derivative=r"f'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        kinks="the left branch, as PyTorch; in evaluation",
        kink_grads=((0.0, "(lower + upper) / 2"),),
        example=">>> fastact.rrelu([-1.0, 2.0], lower=0.1, upper=0.3)\narray([-0.2,  2. ])",
        anchors="PyTorch `rrelu`",
        ref=lambda mp, x, lo, hi: x if x > 0 else (mp.mpf(lo) + mp.mpf(hi)) / 2 * x,
        dref=lambda mp, x, lo, hi: mp.mpf(1) if x > 0 else (mp.mpf(lo) + mp.mpf(hi)) / 2,
        limits=(-inf, inf),
        dlimits=(11 / 48, 1.0),
        monotone=True,
        rules=(Rule(("lower", "upper"), "lower <= upper"),),
    ),
    Activation(
        name="elu",
        interleave=("float64", "float64 backward"),
        forward=E.elu,
        backward=E.elu_backward,
        forward_fast=(E.elu_fast_ok, E.elu_fast),
        backward_fast=(E.elu_backward_fast_ok, E.elu_backward_fast),
        params=(Param("alpha", 1.0, "Value approached as x -> -inf is -alpha."),),
        summary="Exponential linear unit (``expm1`` keeps accuracy near 0).",
        formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha (e^x - 1) & x \le 0 \end{cases}",
        derivative=r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha e^x & x \le 0 \end{cases}",
        kinks="the left branch, as PyTorch",
        kink_grads=((0.0, "alpha"),),
        special="elu(-inf) = -alpha.",
        example=">>> fastact.elu([-1.0, 0.0, 2.0])\narray([-0.63212056,  0.        ,  2.        ])",
        anchors="PyTorch `elu`, JAX `elu`, Keras `elu`",
        ref=lambda mp, x, a: x if x > 0 else mp.mpf(a) * mp.expm1(x),
        dref=lambda mp, x, a: mp.mpf(1) if x > 0 else mp.mpf(a) * mp.exp(x),
        limits=(-1.0, inf),
        dlimits=(0.0, 1.0),
        test_params=({"alpha": 0.5},),
        monotone=True,
    ),
    Activation(
        name="selu",
        interleave=("float32 backward", "float64", "float64 backward"),
        forward=E.selu,
        backward=E.selu_backward,
        forward_fast=(E.selu_fast_ok, E.selu_fast),
        backward_fast=(E.selu_backward_fast_ok, E.selu_backward_fast),
        summary="Scaled ELU with the self-normalising constants.",
        formula=r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^x - 1) & x \le 0 "
        r"\end{cases},\ \lambda = 1.0507009873554804934,\ \alpha = 1.6732632423543772848",
        derivative=r"f'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha e^x & x \le 0 \end{cases}",
        kinks="lambda * alpha: the left branch, as PyTorch",
        kink_grads=((0.0, 1.7580993408473768),),
        special="selu(-inf) = -lambda * alpha.",
        example=">>> fastact.selu([-1.0, 0.0, 2.0])\narray([-1.11133074,  0.        ,  2.10140197])",
        anchors="PyTorch `selu`, JAX `selu`, Keras `selu`",
        ref=lambda mp, x: mp.mpf(SELU_SCALE_MP) * (
            x if x > 0 else mp.mpf(SELU_ALPHA_MP) * mp.expm1(x)),
        dref=lambda mp, x: mp.mpf(SELU_SCALE_MP) * (
            1 if x > 0 else mp.mpf(SELU_ALPHA_MP) * mp.exp(x)),
        limits=(-E.SELU_SCALE_ALPHA, inf),
        dlimits=(0.0, E.SELU_SCALE),
        monotone=True,
    ),
    Activation(
        name="celu",
        interleave=("float64", "float64 backward"),
        forward=E.celu,
        backward=E.celu_backward,
        forward_fast=(E.celu_fast_ok, E.celu_fast),
        backward_fast=(E.celu_backward_fast_ok, E.celu_backward_fast),
        params=(Param("alpha", 1.0, "Scale of the negative branch."),),
        summary="Continuously differentiable ELU.",
        formula=r"f(x) = \max(0, x) + \min(0, \alpha (e^{x/\alpha} - 1))",
        derivative=r"f'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
        kinks="from both sides",
        kink_grads=((0.0, 1.0),),
        special="celu(-inf) = -alpha.",
        example=">>> fastact.celu([-1.0, 0.0, 2.0], alpha=2.0)\n"
        "array([-0.78693868,  0.        ,  2.        ])",
        anchors="PyTorch `celu`, JAX `celu`",
        ref=lambda mp, x, a: x if x > 0 else mp.mpf(a) * mp.expm1(x / mp.mpf(a)),
        dref=lambda mp, x, a: mp.mpf(1) if x > 0 else mp.exp(x / mp.mpf(a)),
        limits=(-1.0, inf),
        dlimits=(0.0, 1.0),
        # (large alphas: x/alpha subnormal or below 2**-u for tiny x, the fast path's and
        # the careful one's)
        test_params=({"alpha": 2.0}, {"alpha": 1000.0}, {"alpha": 2.0**20}),
        monotone=True,
        rules=(Rule(("alpha",), "alpha != 0"),),
    ),
    Activation(
        name="gelu",
        interleave=("float32", "float32 backward"),
        forward=G.gelu,
        backward=G.gelu_backward,
        forward_fast=(G.gelu_fast_ok, G.gelu_fast),
        backward_fast=(G.gelu_fast_ok, G.gelu_backward_fast),
        gathers=True,
        params=(Param("approximate", "none", choices={"none": "gelu", "tanh": "gelu_tanh"}, doc=
                      "``'none'`` for the exact erf form, ``'tanh'`` for the tanh "
                      "approximation (the same as :func:`gelu_tanh`)."),),
        summary="Gaussian error linear unit, exact (erf) form; accurate in the negative tail.",
        formula=r"f(x) = x\,\Phi(x) = \frac{x}{2}\operatorname{erfc}\!\left(-\frac{x}{\sqrt2}"
        r"\right)",
        derivative=r"f'(x) = \Phi(x) + x\,\varphi(x),\quad \varphi(x) = "
        r"\frac{e^{-x^2/2}}{\sqrt{2\pi}}",
        special="gelu(-inf) = -0; gelu(-30) = -1.472e-196 in float64 (PyTorch returns 0 below -8); "
        "subnormal results are exact to the subnormal spacing (gelu(-38) = -1.0965e-314).",
        example=">>> fastact.gelu([-1.0, 0.0, 2.0])\narray([-0.15865525,  0.        ,  1.95449974])",
        anchors="PyTorch `gelu`, JAX `gelu(approximate=False)`, Keras `gelu`",
        ref=lambda mp, x: _far(mp, x, 1, lambda: x * mp.ncdf(x)),
        dref=lambda mp, x: _far(mp, x, 0, lambda: mp.ncdf(x) + x * mp.npdf(x)),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        dzeros=(-0.7517915924990545,),
    ),
    Activation(
        name="gelu_tanh",
        interleave=("float32", "float32 backward", "float64", "float64 backward"),
        forward=G.gelu_tanh,
        backward=G.gelu_tanh_backward,
        forward_fast=(G.gelu_tanh_fast_ok, G.gelu_tanh_fast),
        backward_fast=(G.gelu_tanh_backward_fast_ok, G.gelu_tanh_backward_fast),
        summary="GELU, tanh approximation (``gelu(x, approximate='tanh')``).",
        formula=r"f(x) = \frac{x}{2}\left(1 + \tanh u\right) = x\,\sigma(2u),\quad "
        r"u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)",
        derivative=r"f'(x) = \sigma(2u)\left(1 + 2x\,\sigma(-2u)\,u'\right),\quad "
        r"u' = \sqrt{2/\pi}\,(1 + 3 \cdot 0.044715\,x^2)",
        special="gelu_tanh(-inf) = 0.  The coefficient is the float64 number nearest 0.044715.",
        example=">>> fastact.gelu_tanh([-1.0, 0.0, 2.0])\n"
        "array([-0.15880801,  0.        ,  1.95459769])",
        anchors="PyTorch `gelu(approximate='tanh')`, JAX `gelu` (default)",
        ref=lambda mp, x: _far(mp, x, 1, lambda: x * _sig(mp, _gelu_tanh_z(mp, x))),
        dref=lambda mp, x: _far(mp, x, 0, lambda: _sig(mp, _gelu_tanh_z(mp, x)) * (
            1 + 2 * x * _sig(mp, -_gelu_tanh_z(mp, x)) * mp.sqrt(2 / mp.pi)
            * (1 + 3 * mp.mpf(G.GELU_TANH_COEFF) * x * x))),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        dzeros=(-0.7524614,),
        variant_of="gelu",
    ),
    Activation(
        name="silu",
        interleave=("float32 backward", "float64", "float64 backward"),
        forward=L.silu,
        backward=L.silu_backward,
        forward_fast=(L.silu_fast_ok, L.silu_fast),
        backward_fast=(L.silu_fast_ok, L.silu_backward_fast),
        summary="Sigmoid linear unit (swish with beta = 1).",
        formula=r"f(x) = x\,\sigma(x)",
        derivative=r"f'(x) = \sigma(x)\,(1 + x\,\sigma(-x))",
        special="silu(-inf) = -0 and silu'(-inf) = -0 (PyTorch gives NaN); silu(-700) = -6.9e-302; "
        "subnormal results are exact to the subnormal spacing (silu(-745) = -2.105e-321).",
        example=">>> fastact.silu([-1.0, 0.0, 2.0])\narray([-0.26894142,  0.        ,  1.76159416])",
        anchors="PyTorch `silu`, JAX `silu`/`swish`, Keras `silu`/`swish`",
        ref=lambda mp, x: x * _sig(mp, x),
        dref=lambda mp, x: _sig(mp, x) * (1 + x * _sig(mp, -x)),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        dzeros=(-1.2784645427610738,),
    ),
    Activation(
        name="swish",
        interleave=("float32 backward",),
        forward=L.swish,
        backward=L.swish_backward,
        forward_fast=(L.swish_fast_ok, L.swish_fast),
        backward_fast=(L.swish_fast_ok, L.swish_backward_fast),
        params=(Param("beta", 1.0, "Scale inside the sigmoid."),),
        summary="Swish: x sigmoid(beta x); beta x is carried in double length.",
        formula=r"f(x) = x\,\sigma(\beta x)",
        derivative=r"f'(x) = \sigma(\beta x)\,(1 + \beta x\,\sigma(-\beta x))",
        special="swish(-inf) = 0 for beta > 0.",
        example=">>> fastact.swish([-1.0, 0.0, 2.0], beta=2.0)\n"
        "array([-0.11920292,  0.        ,  1.96402758])",
        anchors="Keras `swish` (beta = 1), the original Swish paper (any beta)",
        ref=lambda mp, x, b: x * _sig(mp, mp.mpf(b) * x),
        dref=lambda mp, x, b: _sig(mp, mp.mpf(b) * x) * (1 + mp.mpf(b) * x * _sig(mp, -mp.mpf(b) * x)),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        dzeros=lambda beta: (-1.2784645427610738 / beta,),
        test_params=({"beta": 1.7},),
    ),
    Activation(
        name="mish",
        interleave=("float32", "float32 backward", "float64 backward"),
        forward=L.mish,
        backward=L.mish_backward,
        forward_fast=(L.mish_fast_ok, L.mish_fast),
        backward_fast=(L.mish_fast_ok, L.mish_backward_fast),
        summary="Mish: x tanh(softplus(x)), formed without overflow or cancellation.",
        formula=r"f(x) = x \tanh(\log(1 + e^x))",
        derivative=r"f'(x) = \tanh(s) + x\,\operatorname{sech}^2(s)\,\sigma(x),\ s = \log(1+e^x)",
        special="mish(-inf) = 0 and mish'(-inf) = 0 (PyTorch gives NaN).",
        example=">>> fastact.mish([-1.0, 0.0, 2.0])\narray([-0.30340146,  0.        ,  1.94395896])",
        anchors="PyTorch `mish`, Keras `mish`",
        ref=lambda mp, x: x * _tanh_sp(mp, x),
        dref=lambda mp, x: _tanh_sp(mp, x) + x * (1 - _tanh_sp(mp, x) ** 2) * _sig(mp, x),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        dzeros=(-1.1918,),
    ),
    Activation(
        name="softplus",
        interleave=("float64 backward",),
        forward=L.softplus,
        backward=L.softplus_backward,
        forward_fast=(L.softplus_fast_ok, L.softplus_fast),
        backward_fast=(L.softplus_backward_fast_ok, L.softplus_backward_fast),
        params=(Param("beta", 1.0, "Sharpness; the result is log(1 + e^(beta x))/beta."),
                Param("threshold", None, "If given, x is returned where beta*x > threshold "
                      "(PyTorch's switch, default 20 there); ``None`` (default) is exact "
                      "everywhere.", none_value=math.inf)),
        summary="Softplus, exact by default (no threshold switch).",
        formula=r"f(x) = \frac{1}{\beta}\log(1 + e^{\beta x})",
        derivative=r"f'(x) = \sigma(\beta x)",
        kinks="With an explicit threshold, f'(x) = 1 where beta*x > threshold (as PyTorch).",
        special="softplus(+inf) = inf, softplus(-inf) = 0; softplus(-800) = 3.7e-348 rounds to 0; subnormal "
        "results (softplus(-720) = 2.1e-313) are exact to the subnormal spacing.",
        example=">>> fastact.softplus([-1.0, 0.0, 2.0])\narray([0.31326169, 0.69314718, 2.12692801])",
        anchors="PyTorch `softplus` (threshold 20), JAX `softplus`, Keras `softplus`",
        ref=lambda mp, x, b, t: (x if mp.mpf(b) * x > t
                                 else _softplus(mp, mp.mpf(b) * x) / mp.mpf(b)),
        dref=lambda mp, x, b, t: mp.mpf(1) if mp.mpf(b) * x > t else _sig(mp, mp.mpf(b) * x),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        test_params=({"beta": 2.5, "threshold": None}, {"beta": 1.0, "threshold": 20.0}),
        monotone=True,
        rules=(Rule(("beta",), "beta != 0"),),
    ),
    Activation(
        name="softsign",
        forward=L.softsign,
        backward=L.softsign_backward,
        summary="Softsign.",
        formula=r"f(x) = \frac{x}{1 + |x|}",
        derivative=r"f'(x) = \frac{1}{(1 + |x|)^2}",
        special="softsign(+-inf) = +-1 (PyTorch gives NaN).",
        example=">>> fastact.softsign([-1.0, 0.0, 3.0])\narray([-0.5 ,  0.  ,  0.75])",
        anchors="PyTorch `softsign`, JAX `soft_sign`, Keras `softsign`",
        ref=lambda mp, x: x / (1 + abs(x)),
        dref=lambda mp, x: 1 / (1 + abs(x)) ** 2,
        limits=(-1.0, 1.0),
        monotone=True,
        bounds=(-1.0, 1.0),
    ),
    Activation(
        name="hardtanh",
        forward=P.hardtanh,
        backward=P.hardtanh_backward,
        params=(Param("min_val", -1.0, "Lower clip value."),
                Param("max_val", 1.0, "Upper clip value.")),
        summary="Hard tanh: clip to [min_val, max_val].",
        formula=r"f(x) = \min(\max(x, m), M)",
        derivative=r"f'(x) = \begin{cases} 1 & m < x < M \\ 0 & \text{otherwise}\end{cases}",
        kinks="as PyTorch",
        kink_grads=(("min_val", 0.0), ("max_val", 0.0)),
        example=">>> fastact.hardtanh([-2.0, 0.5, 2.0])\narray([-1. ,  0.5,  1. ])",
        anchors="PyTorch `hardtanh`, JAX `hard_tanh`",
        ref=lambda mp, x, lo, hi: min(max(x, mp.mpf(lo)), mp.mpf(hi)),
        dref=lambda mp, x, lo, hi: mp.mpf(1 if lo < x < hi else 0),
        limits=(-1.0, 1.0),
        test_params=({"min_val": -2.0, "max_val": 3.0},),
        monotone=True,
        memory_bound=True,
        rules=(Rule(("min_val", "max_val"), "min_val <= max_val"),),
    ),
    Activation(
        name="hardsigmoid",
        forward=P.hardsigmoid,
        backward=P.hardsigmoid_backward,
        summary="Hard sigmoid, relu6(x + 3)/6 (PyTorch's definition).",
        formula=r"f(x) = \frac{\min(\max(x + 3, 0), 6)}{6}",
        derivative=r"f'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise}\end{cases}",
        kinks="as PyTorch",
        kink_grads=((-3.0, 0.0), (3.0, 0.0)),
        example=">>> fastact.hardsigmoid([-4.0, 0.0, 1.5])\narray([0.  , 0.5 , 0.75])",
        anchors="PyTorch `hardsigmoid`, JAX `hard_sigmoid`, Keras `hard_sigmoid` (Keras 3)",
        ref=lambda mp, x: min(max(x + 3, mp.mpf(0)), mp.mpf(6)) / 6,
        dref=lambda mp, x: mp.mpf(1) / 6 if -3 < x < 3 else mp.mpf(0),
        limits=(0.0, 1.0),
        monotone=True,
        bounds=(0.0, 1.0),
    ),
    Activation(
        name="logit",
        interleave=("float32",),
        forward=L.logit,
        forward_fast=(L.logit_fast_ok, L.logit_fast),
        backward=L.logit_backward,
        summary="Logit, the inverse of sigmoid: log(p / (1 - p)), exact near 0, 1/2 and 1.",
        formula=r"f(p) = \log \frac{p}{1 - p}",
        derivative=r"f'(p) = \frac{1}{p (1 - p)}",
        special="logit(+-0) = -inf, logit(1) = inf; NaN outside [0, 1] (as SciPy); "
        "logit'(+-0) = logit'(1) = +inf (-0.0 is the end p = 0, on every target).",
        example=">>> fastact.logit([0.25, 0.5, 0.9])\narray([-1.09861229,  0.        ,  2.19722458])",
        anchors="SciPy `logit`, PyTorch `logit`",
        ref=lambda mp, p: (mp.log(p / (1 - p)) if 0 < p < 1 else
                           (-mp.inf if p == 0 else (mp.inf if p == 1 else mp.nan))),
        dref=lambda mp, p: (1 / (p * (1 - p)) if 0 < p < 1 else
                            (mp.inf if p in (0, 1) else mp.nan)),
        dlimits=(float("nan"), float("nan")),
        monotone=False,
        domain=(0.0, 1.0),
    ),
    Activation(
        name="sparse_sigmoid",
        forward=P.sparse_sigmoid,
        backward=P.sparse_sigmoid_backward,
        summary="Sparse sigmoid: 0 below -1, 1 above 1, linear in between (the derivative "
        "of sparse_plus).",
        formula=r"f(x) = \begin{cases} 0 & x \le -1 \\ (x + 1)/2 & -1 < x < 1 \\ "
        r"1 & x \ge 1 \end{cases}",
        derivative=r"f'(x) = \begin{cases} 1/2 & -1 < x < 1 \\ 0 & \text{otherwise}\end{cases}",
        kinks="0 at both kinks, as hardsigmoid",
        kink_grads=((-1.0, 0.0), (1.0, 0.0)),
        example=">>> fastact.sparse_sigmoid([-2.0, 0.0, 0.5])\narray([0.  , 0.5 , 0.75])",
        anchors="JAX `sparse_sigmoid`",
        ref=lambda mp, x: mp.mpf(0) if x <= -1 else (mp.mpf(1) if x >= 1 else (x + 1) / 2),
        dref=lambda mp, x: mp.mpf(1) / 2 if -1 < x < 1 else mp.mpf(0),
        limits=(0.0, 1.0),
        monotone=True,
        bounds=(0.0, 1.0),
        memory_bound=True,
    ),
    Activation(
        name="log1mexp",
        interleave=("float64 backward",),
        forward=E.log1mexp,
        forward_fast=(E.log1mexp_fast_ok, E.log1mexp_fast),
        backward=E.log1mexp_backward,
        backward_fast=(E.log1mexp_backward_fast_ok, E.log1mexp_backward_fast),
        read_ahead=False,
        summary="log(1 - e^-x) for x >= 0 (JAX's convention), exact on both sides of ln 2.",
        formula=r"f(x) = \log\left(1 - e^{-x}\right)",
        derivative=r"f'(x) = \frac{1}{e^{x} - 1}",
        special="log1mexp(+-0) = -inf, log1mexp(+inf) = -0.0, f'(+-0) = +inf; NaN for x < 0.",
        example=">>> fastact.log1mexp([1e-10, 1.0, 50.0])\n"
        "array([-2.30258509e+01, -4.58675145e-01, -1.92874985e-22])",
        anchors="JAX `log1mexp`, TensorFlow Probability `log1mexp` (for x >= 0; TFP takes |x|)",
        ref=lambda mp, x: ((mp.log(-mp.expm1(-x)) if x < mp.log(2) else mp.log1p(-mp.exp(-x)))
                           if x > 0 else (-mp.inf if x == 0 else mp.nan)),
        dref=lambda mp, x: 1 / mp.expm1(x) if x > 0 else (mp.inf if x == 0 else mp.nan),
        limits=(float("nan"), 0.0),
        dlimits=(float("nan"), 0.0),
        domain=(0.0, float("inf")),
    ),
    Activation(
        name="sparse_plus",
        forward=P.sparse_plus,
        backward=P.sparse_plus_backward,
        summary="Sparse plus: a softplus that is exactly 0 below -1 and exactly x above 1.",
        formula=r"f(x) = \begin{cases} 0 & x \le -1 \\ (x + 1)^2/4 & -1 < x < 1 \\ "
        r"x & x \ge 1 \end{cases}",
        derivative=r"f'(x) = \begin{cases} 0 & x \le -1 \\ (x + 1)/2 & -1 < x < 1 \\ "
        r"1 & x \ge 1 \end{cases}",
        kinks="the derivative is continuous: both sides agree",
        kink_grads=((-1.0, 0.0), (1.0, 1.0)),
        example=">>> fastact.sparse_plus([-2.0, 0.0, 3.0])\narray([0.  , 0.25, 3.  ])",
        anchors="JAX `sparse_plus`",
        ref=lambda mp, x: mp.mpf(0) if x <= -1 else (x if x >= 1 else (x + 1) ** 2 / 4),
        dref=lambda mp, x: mp.mpf(0) if x <= -1 else (mp.mpf(1) if x >= 1 else (x + 1) / 2),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        monotone=True,
        bounds=(0.0, inf),
        memory_bound=True,
    ),
    Activation(
        name="hardswish",
        forward=P.hardswish,
        backward=P.hardswish_backward,
        summary="Hard swish, x relu6(x + 3)/6.",
        formula=r"f(x) = x\,\frac{\min(\max(x + 3, 0), 6)}{6}",
        derivative=r"f'(x) = \begin{cases} 0 & x \le -3 \\ (2x + 3)/6 & -3 < x < 3 \\ "
        r"1 & x \ge 3\end{cases}",
        kinks="as PyTorch >= 2.7",
        kink_grads=((-3.0, 0.0), (3.0, 1.0)),
        special="hardswish(-inf) = 0.",
        example=">>> fastact.hardswish([-4.0, 1.0, 4.0])\narray([0.        , 0.66666667, 4.        ])",
        anchors="PyTorch `hardswish`, JAX `hard_swish`, Keras `hard_swish`",
        ref=lambda mp, x: x * min(max(x + 3, mp.mpf(0)), mp.mpf(6)) / 6,
        dref=lambda mp, x: mp.mpf(0) if x <= -3 else (mp.mpf(1) if x >= 3 else (2 * x + 3) / 6),
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        dzeros=(-1.5,),
    ),
    Activation(
        name="log_sigmoid",
        interleave=("float64",),
        forward=L.log_sigmoid,
        backward=L.log_sigmoid_backward,
        forward_fast=(L.log_sigmoid_fast_ok, L.log_sigmoid_fast),
        backward_fast=(L.log_sigmoid_fast_ok, L.log_sigmoid_backward_fast),
        summary="Logarithm of the sigmoid, -softplus(-x), without overflow.",
        formula=r"f(x) = \log \sigma(x) = \min(x, 0) - \log(1 + e^{-|x|})",
        derivative=r"f'(x) = \sigma(-x)",
        special="log_sigmoid(-inf) = -inf, log_sigmoid(+inf) = 0, log_sigmoid(-1000) = -1000.",
        example=">>> fastact.log_sigmoid([-1.0, 0.0, 2.0])\n"
        "array([-1.31326169, -0.69314718, -0.12692801])",
        anchors="PyTorch `logsigmoid`, JAX `log_sigmoid`, SciPy `log_expit`",
        ref=lambda mp, x: -_softplus(mp, -x),
        dref=lambda mp, x: _sig(mp, -x),
        limits=(-inf, 0.0),
        dlimits=(1.0, 0.0),
        monotone=True,
    ),
    Activation(
        name="tanhshrink",
        interleave=("float32 backward", "float64 backward"),
        forward=L.tanhshrink,
        backward=L.tanhshrink_backward,
        summary="x - tanh(x), without the cancellation near 0.",
        formula=r"f(x) = x - \tanh x",
        derivative=r"f'(x) = \tanh^2 x",
        special="tanhshrink(1e-5) = 3.33e-16 (the naive form returns 0 or noise).",
        example=">>> fastact.tanhshrink([-1.0, 0.0, 2.0])\n"
        "array([-0.23840584,  0.        ,  1.03597242])",
        anchors="PyTorch `tanhshrink`",
        ref=_tanhshrink,
        dref=lambda mp, x: mp.tanh(x) ** 2,
        limits=(-inf, inf),
        dlimits=(1.0, 1.0),
        monotone=True,
    ),
    Activation(
        name="hardshrink",
        forward=P.hardshrink,
        backward=P.hardshrink_backward,
        params=(Param("lambd", 0.5, "Half-width of the zeroed band."),),
        summary="Hard shrinkage: zero inside [-lambd, lambd].",
        formula=r"f(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        derivative=r"f'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        kinks="as PyTorch",
        kink_grads=(("-lambd", 0.0), ("lambd", 0.0)),
        example=">>> fastact.hardshrink([-1.0, 0.2, 2.0])\narray([-1.,  0.,  2.])",
        anchors="PyTorch `hardshrink`",
        ref=lambda mp, x, lam: x if abs(x) > lam else mp.mpf(0),
        dref=lambda mp, x, lam: mp.mpf(1 if abs(x) > lam else 0),
        limits=(-inf, inf),
        dlimits=(1.0, 1.0),
        test_params=({"lambd": 1.5},),
        memory_bound=True,
    ),
    Activation(
        name="softshrink",
        forward=P.softshrink,
        backward=P.softshrink_backward,
        params=(Param("lambd", 0.5, "Shrinkage amount."),),
        summary="Soft shrinkage (soft thresholding).",
        formula=r"f(x) = \begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda "
        r"\\ 0 & \text{otherwise}\end{cases}",
        derivative=r"f'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        kinks="as PyTorch",
        kink_grads=(("-lambd", 0.0), ("lambd", 0.0)),
        example=">>> fastact.softshrink([-1.0, 0.2, 2.0])\narray([-0.5,  0. ,  1.5])",
        anchors="PyTorch `softshrink`",
        ref=lambda mp, x, lam: x - lam if x > lam else (x + lam if x < -lam else mp.mpf(0)),
        dref=lambda mp, x, lam: mp.mpf(1 if abs(x) > lam else 0),
        limits=(-inf, inf),
        dlimits=(1.0, 1.0),
        test_params=({"lambd": 1.5},),
        monotone=True,
        memory_bound=True,
        rules=(Rule(("lambd",), "lambd >= 0"),),
    ),
    Activation(
        name="threshold",
        forward=P.threshold,
        backward=P.threshold_backward,
        params=(Param("threshold", doc="Values at or below it are replaced."),
                Param("value", doc="The replacement.")),
        summary="Threshold: keep x above ``threshold``, else ``value`` (no defaults, as PyTorch).",
        formula=r"f(x) = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}",
        derivative=r"f'(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
        kinks="as PyTorch",
        kink_grads=(("threshold", 0.0),),
        special="NaN gives NaN (PyTorch returns ``value``).",
        example=">>> fastact.threshold([-1.0, 0.5, 2.0], threshold=1.0, value=-5.0)\n"
        "array([-5., -5.,  2.])",
        anchors="PyTorch `threshold`",
        ref=lambda mp, x, t, v: x if x > t else mp.mpf(v),
        dref=lambda mp, x, t, v: mp.mpf(1 if x > t else 0),
        limits=(nan, inf),
        dlimits=(0.0, 1.0),
        test_params=({"threshold": 1.0, "value": -5.0}, {"threshold": -0.5, "value": 0.0}),
        memory_bound=True,
    ),
    Activation(
        name="squareplus",
        interleave=("float32 backward",),
        forward=L.squareplus,
        backward=L.squareplus_backward,
        params=(Param("b", 4.0, "Curvature near 0 (b >= 0); b = 0 gives relu."),),
        summary="Squareplus, a smooth relu from square roots; no cancellation or overflow.",
        formula=r"f(x) = \frac{x + \sqrt{x^2 + b}}{2}",
        derivative=r"f'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)",
        special="squareplus(-1e10) = 1e-10 (the naive form returns 0); finite for |x| > 1e154.",
        example=">>> fastact.squareplus([-1.0, 0.0, 2.0])\narray([0.61803399, 1.        , 2.41421356])",
        anchors="JAX `squareplus`",
        ref=_sqp,
        dref=_dsqp,
        limits=(0.0, inf),
        dlimits=(0.0, 1.0),
        test_params=({"b": 0.5},),
        monotone=True,
        rules=(Rule(("b",), "b >= 0"),),
    ),
)
