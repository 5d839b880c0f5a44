"""The process set-up of the entry points: the C heap gives freed memory back to the system."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")


def test_memory_freed_by_many_threads_goes_back_to_the_system() -> None:
    """What a search on LanceDB's thread pool leaves behind (many small blocks, freed, the last one kept)
    stays resident until ``release_free_memory`` returns it."""
    code = textwrap.dedent("""
        from concurrent.futures import ThreadPoolExecutor
        from album.runtime import configure_process, release_free_memory

        configure_process()
        def resident():
            return int(open("/proc/self/statm").read().split()[1]) * 4096 >> 20
        def churn(_n):
            blocks = [bytearray(64 << 10) for _ in range(800)]  # 50 MB of heap blocks (below mmap's threshold)
            return blocks[-1]  # the last stays: the heap cannot simply shrink from its top
        before = resident()
        with ThreadPoolExecutor(4) as pool:
            kept = list(pool.map(churn, range(4)))
        grown = resident()
        release_free_memory()
        print(before, grown, resident())
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    before, grown, after = map(int, out.split())
    assert grown - before > 50  # (the four threads' 200 MB, partly reused between them)
    assert after - before < 30, (before, grown, after)
