"""Runnable examples: a NumPy multi-layer perceptron whose activations are fastact's.

``python -m fastact.examples.digits`` trains on scikit-learn's digits (no download);
``python -m fastact.examples.xor`` shows why a hidden nonlinearity is needed.
"""
