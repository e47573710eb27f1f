"""Run work that releases the GIL (numpy, pyarrow) on a second core while the caller goes on."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def in_background(function: Callable[..., T], *args) -> Callable[[], T]:
    """Start ``function(*args)`` on a worker thread; return a callable that waits for its result.

    Only for work that releases the GIL (numpy, pyarrow): it then runs on a
    second core while the caller goes on.  An exception is raised when the
    result is asked for.

    Examples
    --------
    >>> total = in_background(sum, range(10))
    >>> total()
    45
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netstats")
    future = pool.submit(function, *args)
    pool.shutdown(wait=False)  # the task runs on; the thread ends with it
    return future.result
