"""igraph's random numbers, seeded for one call at a time.

igraph draws from a single generator for the whole process. The chart's layouts and the
analyses run on worker threads, possibly at the same time, and igraph calls back into
Python for every number it draws, which lets another thread run in between: two seeded
igraph calls must therefore never overlap, or each would draw from the other's generator
and neither result could be repeated.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Inside the block igraph draws from ``random.Random(seed)``, and nothing else does.

    >>> import igraph
    >>> g = igraph.Graph.Ring(30)
    >>> with seeded_igraph(3):
    ...     a = g.layout_fruchterman_reingold(niter=20).coords
    >>> with seeded_igraph(3):
    ...     b = g.layout_fruchterman_reingold(niter=20).coords
    >>> a == b
    True
    """
    import igraph

    with _LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


__all__ = ["seeded_igraph"]
