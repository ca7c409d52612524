"""The specification: the registry of activations, its catalogue and the public names.

:mod:`.registry` defines the entries; :mod:`.catalogue` fills the registry (importing this
package fills it, once); :mod:`.names` holds the names and aliases of the public API.
May import: :mod:`fastact._core`, :mod:`fastact.kernels`.
"""

from . import (
    catalogue,  # noqa: E402,F401  (fills the registry: once, by the package)
    curvature,  # noqa: E402,F401  (the higher derivatives: after the catalogue)
)
