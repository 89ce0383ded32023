"""Writes to a table while a generated project migrates it: what the running release sees.

Run from a generated project's directory, with its virtualenv and .env loaded, its database at the
revision before the one to measure, and the table filled (a few million rows make the difference
show):

    python /path/to/pyscaffold/bench/writes_during_migration.py bookings \
        "title, starts_at, item_id, owner_id, inserted_by, inserted_date, is_active" \
        "gen_random_uuid()::text, now(), 1, 1, 'w', now(), true"

A thread inserts a row every 5 ms, naming only the columns given (those the release still running
knows), while `alembic upgrade +1` runs; it prints how long the upgrade took, the inserts' p50, p99
and longest wait, and how many failed (and why). Run it on the same table with the revision a
baseline wrote (an earlier pyscaffold, in another project) for the figures side by side.
Not a test: it asserts nothing.
"""

import os
import subprocess
import sys
import threading
import time

import psycopg

table, columns, values = sys.argv[1:4]
url = os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
stop = threading.Event()
waits: list[float] = []
errors: list[str] = []


def writer() -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({values})".encode())
            except psycopg.Error as error:
                errors.append(type(error).__name__)
            waits.append(time.perf_counter() - started)
            time.sleep(0.005)


thread = threading.Thread(target=writer)
thread.start()
time.sleep(1)
started = time.perf_counter()
upgrade = subprocess.run(["alembic", "upgrade", "+1"], capture_output=True, text=True)
took = time.perf_counter() - started
time.sleep(1)
stop.set()
thread.join()
ms = sorted(w * 1000 for w in waits)
print(
    f"upgrade exit {upgrade.returncode} in {took:.1f} s; {len(ms)} inserts: "
    f"p50 {ms[len(ms) // 2]:.1f} ms, p99 {ms[int(len(ms) * 0.99)]:.1f} ms, "
    f"longest {ms[-1]:.0f} ms; failed {len(errors)} {sorted(set(errors))}"
)
if upgrade.returncode:
    print(upgrade.stderr[-2000:])
