"""Real concurrent transactions for the tests that prove locking (PostgreSQL only)."""

import threading

import pytest
from django.db import connection

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks and serialises all writers",
)


def run_in_parallel(function, arguments) -> list[BaseException]:
    """Run `function(argument)` in one thread each, all released at the same moment.

    Every thread uses its own database connection (real concurrent transactions) and closes
    it at the end. Returns what the threads raised.
    """
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    errors: list[BaseException] = []

    def work(argument):
        try:
            barrier.wait(timeout=30)
            function(argument)
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors
