#!/usr/bin/python3
"""Expected values of ComponentLayoutTest: umap-learn 0.5.3 component_layout on six fixed component centroids in
3-d (one component per centroid, one cell each), i.e. scikit-learn SpectralEmbedding(affinity="precomputed") of
exp(-d^2), divided by its maximum. Prints the 6 x 2 layout, one row per line."""
import numpy as np
from umap.spectral import component_layout

centroids = np.array([[0.0, 0.0, 0.0], [1.0, 0.2, 0.0], [2.1, 0.1, 0.3],
                      [0.2, 1.4, 0.1], [1.1, 1.5, 0.6], [2.0, 1.2, 1.0]])
layout = component_layout(centroids, 6, np.arange(6), 2, np.random.RandomState(0))
for row in layout:
    print(" ".join(f"{v:.10f}" for v in row))
