"""The benchmark behind `make bench` (docs/benchmarks.md): the site under gunicorn (2 sync
workers, config.settings.bench) on a fresh PostgreSQL database with the demo content and the
bench data, loaded from a separate process (wrk where it is installed, else locust).

Measures each URL for a fixed time at a fixed number of connections (requests/s, p50, p99,
errors, ratio to a bare Django view behind the same middleware), the queries and the
in-process render time of each URL, concurrent registrations for one event, and the RSS of
the workers over many requests. Prints a Markdown report and writes it to
$BENCH_DIR/results.md.

Settings (environment):
  BENCH_DATABASE_URL   postgres://postgres@127.0.0.1:5432/qs_bench (dropped and created anew)
  BENCH_DURATION       seconds per URL (15)
  BENCH_CONNECTIONS    concurrent connections (8)
  BENCH_SOAK_REQUESTS  page requests at the end, for the memory check (10000; with the runs
                       before, the workers serve more than 20,000 requests)
  BENCH_REGISTRATIONS  concurrent registrations for the Bench-Fachforum (50)
  BENCH_TOOL           auto, wrk or locust (auto: wrk when on PATH)
  BENCH_PORT           8765 (another free port when taken)
  BENCH_REDIS_URL      the cache (default redis://127.0.0.1:6379/0 when it answers; "none": off)
  BENCH_REUSE_DB=1     keep the database of an earlier run (only the registrations for the
                       Bench-Fachforum are deleted); for trying the driver, not for numbers
  BENCH_DIR            var/bench: collected static files, uploads, logs, results.md

Internal steps that need Django run this file again in a subprocess (`run.py _info`, ...), so
the driver itself holds no database connection and no Django state.
"""

import csv
import http.client
import importlib.util
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HEADERS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy sends it: no redirect to HTTPS
BARE = "bare view"
PAGES = ("home", "news index", "event index", "event page")  # the anonymous-GET target

# Targets of the issue (docs/benchmarks.md).
MIN_RATIO, MAX_P99_MS = 0.5, 50.0
MAX_INDEX_VS_HOME = 2.0
MAX_FEED_MS = 100.0
MAX_REGISTRATION_P99_MS = 300.0
MAX_RSS_GROWTH = 0.05  # "flat": at most 5 % more after the soak than before it


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, "") or default)


class Config:
    def __init__(self):
        self.database_url = os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/qs_bench"
        )
        self.duration = env_int("BENCH_DURATION", 15)
        self.connections = env_int("BENCH_CONNECTIONS", 8)
        self.soak_requests = env_int("BENCH_SOAK_REQUESTS", 10_000)
        self.registrations = env_int("BENCH_REGISTRATIONS", 50)
        self.tool = os.environ.get("BENCH_TOOL", "auto")
        self.port = free_port(env_int("BENCH_PORT", 8765))
        self.reuse_db = os.environ.get("BENCH_REUSE_DB") == "1"
        self.dir = Path(os.environ.get("BENCH_DIR", "") or ROOT / "var" / "bench")
        self.redis_url = redis_url(os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"))
        self.run_id = time.strftime("%Y%m%d%H%M%S")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self, *, setup: bool = False, cache_prefix: str = "") -> dict:
        """A clean environment: nothing of the caller's (no Sentry, no mail provider, no
        storage buckets), only what the bench settings need."""
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
        env = {name: os.environ[name] for name in keep if name in os.environ}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.bench",
            DJANGO_SECRET_KEY=SECRET_KEY,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=self.database_url,
            EMAIL_PROVIDER="smtp",  # mails are only queued: no db_worker runs
            SITE_URL=self.base_url,
            BENCH_DIR=str(self.dir),
            BENCH_CACHE_PREFIX=cache_prefix or f"qs-bench-{self.run_id}",
            PYTHONPATH=str(ROOT),
            PYTHONUNBUFFERED="1",
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        if setup:
            env["BENCH_SETUP"] = "1"
        return env


SECRET_KEY = secrets.token_urlsafe(50)


def free_port(preferred: int) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]


def redis_url(url: str) -> str:
    if not url or url == "none":
        return ""
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        return ""
    return url


def say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


# --- the database ---------------------------------------------------------------------------


def maintenance_connection(config: Config):
    import psycopg

    parts = urlsplit(config.database_url)
    try:
        return psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password,
            dbname="postgres",
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as error:
        sys.exit(
            f"make bench needs PostgreSQL at {parts.hostname}:{parts.port or 5432} "
            f"(BENCH_DATABASE_URL={config.database_url}), but it is not reachable:\n  "
            f"{str(error).strip()}\nStart PostgreSQL or point BENCH_DATABASE_URL to a server "
            "where this user may create databases."
        )


def database_name(config: Config) -> str:
    name = urlsplit(config.database_url).path.lstrip("/")
    # The database is dropped and created again: never one that is not meant for this.
    if "bench" not in name:
        sys.exit(f"BENCH_DATABASE_URL must name a database with 'bench' in it, not {name!r}.")
    return name


def manage(config: Config, *args: str, setup: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=config.env(setup=setup),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def django_step(
    config: Config, step: str, *args: str, cache_prefix: str = "", extra_env=None
) -> dict:
    """Run one of the internal steps below in a fresh process; its answer is JSON."""
    result = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), step, *args],
        cwd=ROOT,
        env={**config.env(cache_prefix=cache_prefix), **(extra_env or {})},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"bench step {step} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def prepare_database(config: Config) -> dict:
    """A fresh database with the demo content and the bench data; returns the server's
    version."""
    name = database_name(config)
    with maintenance_connection(config) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        reuse = config.reuse_db and exists
        if not reuse:
            say(f"creating database {name}")
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    timings = {}
    if not reuse:
        for path in ("media", "private"):
            shutil.rmtree(config.dir / path, ignore_errors=True)
        for label, args in (
            ("migrate", ("migrate", "--no-input")),
            ("load_demo_content", ("load_demo_content",)),
            ("generate_bench_data", ("generate_bench_data",)),
        ):
            say(f"manage.py {' '.join(args)}")
            started = time.monotonic()
            output = manage(config, *args)
            timings[label] = time.monotonic() - started
            if label == "generate_bench_data":
                print(output, end="", flush=True)
    else:
        say(f"reusing database {name} (BENCH_REUSE_DB=1)")
        manage(config, "migrate", "--no-input")
        django_step(config, "_reset_registrations")
    say("manage.py collectstatic")
    manage(config, "collectstatic", "--no-input", "--verbosity", "0", setup=False)
    return {"postgresql": version, "setup_seconds": timings}


# --- the internal steps (run with Django, in a subprocess) ------------------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def step_info() -> dict:
    """The URLs to measure and the event of the registration benchmark."""
    from django.urls import reverse
    from django.utils import timezone

    from events.management.commands.generate_bench_data import BENCH_EVENT_SLUG, NEWS_SLUG
    from events.models import EventIndexPage, EventPage, Registration
    from home.locales import default_locale
    from home.models import NewsIndexPage, NewsPage

    locale = default_locale()
    event = (
        EventPage.objects.live()
        .filter(
            locale=locale,
            slug__startswith="bench-veranstaltung-",
            registration_enabled=True,
            start__gte=timezone.now(),
        )
        .exclude(programme=[])
        .order_by("start")
        .first()
    )
    bench = EventPage.objects.get(locale=locale, slug=BENCH_EVENT_SLUG)

    def path(page) -> str:
        return urlsplit(page.get_url()).path

    urls = {
        BARE: "/__bench/bare/",
        "home": "/",
        "news index": path(NewsIndexPage.objects.get(locale=locale)),
        "news page": path(NewsPage.objects.get(locale=locale, slug=NEWS_SLUG.format(1))),
        "event index": path(EventIndexPage.objects.get(locale=locale)),
        "event page": path(event),
        "all-events feed": reverse("events:feed"),
        "API events list": "/api/v3/events/",
    }
    return {
        "urls": urls,
        "bench_event": {"id": bench.pk, "mode": bench.mode, "capacity": bench.capacity},
        "counts": {
            "live events (de)": EventPage.objects.live().filter(locale=locale).count(),
            "live news (de)": NewsPage.objects.live().filter(locale=locale).count(),
            "registrations": Registration.objects.count(),
        },
    }


def step_queries(host: str, urls_json: str) -> dict:
    """Queries and render time of each URL in this fresh process (its own, empty cache):
    the first request (cold), then the median of ten more."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={**HEADERS, "Host": host})
    client.get("/__bench/bare/")  # URL resolvers and middleware: not any page's cost
    results = {}
    for name, path in json.loads(urls_json).items():
        timings, queries = [], []
        for _ in range(11):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured))
        results[name] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "cold_queries": queries[0],
            "warm_queries": queries[-1],
            "cold_ms": timings[0],
            "median_ms": statistics.median(timings[1:]),
        }
    return results


def step_registrations(event_id: str) -> dict:
    from events.models import Registration

    rows = Registration.objects.filter(event_id=int(event_id))
    counts: dict[str, int] = {}
    for status in rows.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    emails = list(rows.values_list("email", flat=True))
    return {"statuses": counts, "duplicates": len(emails) - len(set(emails))}


def step_reset_registrations() -> dict:
    from events.management.commands.generate_bench_data import BENCH_EVENT_SLUG
    from events.models import Registration

    deleted, _ = Registration.objects.filter(event__slug=BENCH_EVENT_SLUG).delete()
    return {"deleted": deleted}


STEPS = {
    "_info": step_info,
    "_queries": step_queries,
    "_registrations": step_registrations,
    "_reset_registrations": step_reset_registrations,
}


# --- the server -------------------------------------------------------------------------------


class Server:
    """gunicorn with 2 sync workers, as in production (README), but without --max-requests:
    worker recycling would hide memory growth."""

    def __init__(self, config: Config):
        self.config = config
        self.log = config.dir / "gunicorn.log"
        self.process = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        command = [
            PYTHON, "-m", "gunicorn", "config.wsgi:application",
            "--workers", "2", "--worker-class", "sync",
            "--bind", f"127.0.0.1:{self.config.port}",
            "--timeout", "60", "--log-level", "warning", "--error-logfile", str(self.log),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.config.env())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited at start; see {self.log}")
            try:
                answered = get(self.config.base_url + "/__bench/bare/")[0] == 200
                if answered and len(self.workers()) == 2:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit(f"gunicorn did not answer within 60 s; see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # only the master we started
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def workers(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # the parent pid
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def rss(self) -> dict[int, float]:
        """VmRSS of each worker, in MB."""
        sizes = {}
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            if match:
                sizes[pid] = int(match.group(1)) / 1024
        return sizes


def get(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- load -------------------------------------------------------------------------------------


def tool_name(config: Config) -> str:
    if config.tool in ("auto", "wrk") and shutil.which("wrk"):
        return "wrk"
    if config.tool == "wrk":
        sys.exit("BENCH_TOOL=wrk, but wrk is not installed (apt-get install wrk).")
    # find_spec, not import: importing locust monkey-patches this process with gevent.
    if importlib.util.find_spec("locust") is None:
        sys.exit('Neither wrk nor locust found: apt-get install wrk, or pip install -e ".[bench]".')
    return "locust"


def tool_version(tool: str) -> str:
    if tool == "wrk":
        result = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
        return (result.stdout + result.stderr).split("\n")[0].split(" [")[0].strip()
    from importlib.metadata import version

    return f"locust {version('locust')}"


def load(tool: str, config: Config, path: str, seconds: int) -> dict:
    """Keep `config.connections` connections busy with GET `path` for `seconds`."""
    if tool == "wrk":
        return load_wrk(config, path, seconds)
    return load_locust(config, path, seconds)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def load_wrk(config: Config, path: str, seconds: int) -> dict:
    command = [
        "wrk", "--latency", "-t", "2", "-c", str(config.connections), "-d", f"{seconds}s",
        "--timeout", "10s", "-H", "X-Forwarded-Proto: https", config.base_url + path,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    sockets = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(percentiles["50"]),
        "p99": _ms(percentiles["99"]),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
    }


LOCUSTFILE = """
import os
from locust import FastHttpUser, constant, task

class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def get(self):
        self.client.get(os.environ["BENCH_PATH"], headers={"X-Forwarded-Proto": "https"})
"""


def load_locust(config: Config, path: str, seconds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        locustfile = Path(folder) / "locustfile.py"
        locustfile.write_text(LOCUSTFILE)
        command = [
            PYTHON, "-m", "locust", "-f", str(locustfile), "--headless",
            "-u", str(config.connections), "-r", str(config.connections),
            "-t", f"{seconds}s", "--host", config.base_url, "--csv", f"{folder}/run",
            "--only-summary", "--loglevel", "WARNING",
        ]  # fmt: skip
        env = {**os.environ, "BENCH_PATH": path}
        subprocess.run(command, capture_output=True, text=True, env=env)
        with open(f"{folder}/run_stats.csv") as stats:
            row = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p99": float(row["99%"]),
        "errors": int(row["Failure Count"]),
        "socket_errors": 0,
    }


def register_concurrently(config: Config, event: dict) -> dict:
    """`config.registrations` clients, released at once, each POSTing one registration."""
    url = urlsplit(config.base_url)
    path = f"/api/v3/events/{event['id']}/registrations/"
    barrier = threading.Barrier(config.registrations)
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        payload = {
            "name": f"Lasttest Person {number}",
            "email": f"lasttest-{config.run_id}-{number:03d}@bench.example.org",
            "organisation": "Stadtverwaltung (Lasttest)",
            "municipality": "Stadt Mainz",
            "privacy_consent": True,
        }
        if event["mode"] == "hybrid":
            payload["participation_mode"] = "online"
        body = json.dumps(payload)
        headers = {**HEADERS, "Content-Type": "application/json", "Accept-Language": "de"}
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        barrier.wait()
        started = time.perf_counter()
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError:
            status = 0
        finally:
            connection.close()
        with lock:
            results.append((status, (time.perf_counter() - started) * 1000))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(config.registrations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = sorted(ms for _, ms in results)
    statuses: dict[int, int] = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "statuses": statuses,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "max": latencies[-1],
    }


def percentile(values: list[float], pct: float) -> float:
    """Nearest rank: the p99 of 50 values is the largest."""
    ordered = sorted(values)
    rank = max(int(-(-pct * len(ordered) // 100)), 1)
    return ordered[rank - 1]


# --- the report -------------------------------------------------------------------------------


def machine(config: Config, tool: str, database: dict) -> list[str]:
    meminfo = Path("/proc/meminfo").read_text()
    memory = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1)) / 1024 / 1024
    cpu = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    from importlib.metadata import version

    return [
        f"- CPU: {os.cpu_count()} cores ({cpu.group(1) if cpu else platform.machine()}), "
        f"RAM {memory:.1f} GiB, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, Django {version('django')}, "
        f"Wagtail {version('wagtail')}, gunicorn {version('gunicorn')} (2 sync workers), "
        f"PostgreSQL {database['postgresql']}, cache: "
        + (
            "Redis, page cache on"
            if config.redis_url
            else "local memory (per worker), page cache off"
        ),
        f"- Load: {tool_version(tool)}, {config.connections} connections, "
        f"{config.duration} s per URL, from the same machine",
        f"- Load average (1/5/15 min) before the measurements: {database['load_before']}, "
        f"after: {database['load_after']} (other processes on the machine count too)",
    ]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def report(config, tool, database, info, queries, runs, soak, rss, registration) -> str:
    bare = runs[BARE]
    lines = [f"# Bench run {time.strftime('%Y-%m-%d %H:%M')}", "", *machine(config, tool, database)]
    counts = ", ".join(f"{count} {name}" for name, count in info["counts"].items())
    lines += [f"- Data: {counts}", ""]
    lines += [
        "| URL | path | req/s | p50 ms | p99 ms | errors | vs bare | queries first / later "
        "| render ms first / median |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, path in info["urls"].items():
        run, query = runs[name], queries[name]
        errors = run["errors"] + run["socket_errors"]
        if query["status"] != 200:
            errors = f"{errors} (status {query['status']})"
        lines.append(
            f"| {name} | `{path}` | {fmt(run['rps'])} | {fmt(run['p50'])} | {fmt(run['p99'])} "
            f"| {errors} | {run['rps'] / bare['rps']:.2f} | {query['cold_queries']} / "
            f"{query['warm_queries']} | {fmt(query['cold_ms'])} / {fmt(query['median_ms'])} |"
        )
    lines += [
        "",
        "req/s, p50, p99 and errors: under load through gunicorn; errors are non-2xx/3xx "
        "answers plus socket errors; the page cache is on (docs/page-cache.md), so these are "
        "mostly cache hits. Queries and render time: what rendering a page costs, in one process "
        "with Django's test client against the same database and the page cache off; the first "
        "request of the fresh process, then the median of ten.",
        "",
    ]
    statuses = registration["db"]["statuses"]
    answers = registration["statuses"].items()
    http_statuses = ", ".join(f"{n}× {s or 'no answer'}" for s, n in answers)
    lines += [
        "## Registration",
        "",
        f"{config.registrations} clients at once, one POST each to "
        f"`/api/v3/events/{info['bench_event']['id']}/registrations/` (Bench-Fachforum, "
        f"{info['bench_event']['capacity']} seats, waiting list): answers {http_statuses}; "
        f"p50 {fmt(registration['p50'])} ms, p99 {fmt(registration['p99'])} ms. In the database: "
        + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
        + f", {registration['db']['duplicates']} duplicate addresses.",
        "",
        "## Worker memory (VmRSS)",
        "",
        "| after | requests served | "
        + " | ".join("worker " + str(i + 1) for i in range(2))
        + " |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, served, sizes in rss:
        values = " | ".join(f"{mb:.1f} MB" for mb in list(sizes.values())[:2])
        lines.append(f"| {label} | {served:,} | {values} |")
    lines += [
        "",
        f"Soak: {soak['requests']:,} page requests in {soak['seconds']:.0f} s, 10 s per URL in "
        f"turn: {', '.join(soak['urls'])}.",
        "",
    ]
    lines += ["## Targets", "", *targets(config, runs, queries, soak, registration, info), ""]
    return "\n".join(lines)


def targets(config, runs, queries, soak, registration, info) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    bare = runs[BARE]
    lines = []
    for name in PAGES:
        run = runs[name]
        ratio = run["rps"] / bare["rps"]
        ok = ratio >= MIN_RATIO and run["p99"] < MAX_P99_MS
        lines.append(
            f"- {name}: {ratio:.0%} of the bare view's throughput (target ≥ {MIN_RATIO:.0%}), "
            f"p99 {fmt(run['p99'])} ms (target < {MAX_P99_MS:.0f} ms): {verdict(ok)}"
        )
    home, index = queries["home"]["median_ms"], queries["event index"]["median_ms"]
    home_cold, index_cold = queries["home"]["cold_ms"], queries["event index"]["cold_ms"]
    lines.append(
        f"- event index with {info['counts']['live events (de)']} events: "
        f"{fmt(index)} ms against home {fmt(home)} ms = {index / home:.1f}× "
        f"(cold: {fmt(index_cold)} vs {fmt(home_cold)} ms = {index_cold / home_cold:.1f}×; "
        f"target ≤ {MAX_INDEX_VS_HOME:.0f}×): {verdict(index <= MAX_INDEX_VS_HOME * home)}"
    )
    feed = queries["all-events feed"]
    lines.append(
        f"- all-events feed built in {fmt(feed['median_ms'])} ms (cold {fmt(feed['cold_ms'])} "
        f"ms; target < {MAX_FEED_MS:.0f} ms): {verdict(feed['median_ms'] < MAX_FEED_MS)}"
    )
    statuses = registration["db"]["statuses"]
    capacity = info["bench_event"]["capacity"]
    errors = sum(n for s, n in registration["statuses"].items() if not 200 <= s < 300)
    exact = (
        statuses.get("confirmed", 0) == min(capacity, config.registrations)
        and statuses.get("waitlisted", 0) == max(config.registrations - capacity, 0)
        and len(statuses) <= 2
    )
    lines.append(
        f"- registration: {statuses.get('confirmed', 0)} confirmed, "
        f"{statuses.get('waitlisted', 0)} waitlisted, {errors} error answers, p99 "
        f"{fmt(registration['p99'])} ms (target exactly {capacity} confirmed, the rest "
        f"waitlisted, no errors, p99 < {MAX_REGISTRATION_P99_MS:.0f} ms): "
        f"{verdict(exact and not errors and registration['p99'] < MAX_REGISTRATION_P99_MS)}"
    )
    before, after = soak["rss"]
    growth = max(after[2][pid] / before[2][pid] - 1 for pid in before[2])
    lines.append(
        f"- worker memory over {after[1] - before[1]:,} page requests (the soak; "
        f"{after[1]:,} requests in all): largest growth {growth:+.1%} (target: flat, here ≤ "
        f"{MAX_RSS_GROWTH:.0%}): {verdict(growth <= MAX_RSS_GROWTH)}"
    )
    return lines


# --- main -------------------------------------------------------------------------------------


def soak(tool: str, config: Config, server: Server, urls: dict, rss: list, served: int) -> dict:
    """Page requests, URL after URL in 10 s runs, until `config.soak_requests`; the workers'
    RSS after each quarter."""
    names = [name for name in urls if name != BARE]
    done, started, runs = 0, time.monotonic(), 0
    quarter = 1
    while done < config.soak_requests:
        result = load(tool, config, urls[names[runs % len(names)]], 10)
        runs += 1
        done += result["requests"]
        passed = quarter
        while quarter < 4 and done >= config.soak_requests * quarter // 4:
            quarter += 1
        if quarter > passed and done < config.soak_requests:
            rss.append((f"soak: {done:,} page requests", served + done, server.rss()))
            say(f"  {done:,} page requests: {list(rss[-1][2].values())}")
    rss.append((f"the soak: {done:,} page requests", served + done, server.rss()))
    return {"requests": done, "seconds": time.monotonic() - started, "urls": names}


def main() -> None:
    # A TERM (e.g. from make) ends the run through the finally below: gunicorn is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    config = Config()
    tool = tool_name(config)
    config.dir.mkdir(parents=True, exist_ok=True)
    cache = "Redis, page cache on" if config.redis_url else "local memory, page cache off"
    say(f"load tool: {tool_version(tool)}; cache: {cache}")
    database = prepare_database(config)
    database["load_before"] = load_average()
    info = django_step(config, "_info")
    urls = info["urls"]
    say("queries and render times")
    host = f"127.0.0.1:{config.port}"
    # What a page costs to render: with the page cache off, else every request after the
    # first would be a hit.
    queries = django_step(
        config,
        "_queries",
        host,
        json.dumps(urls),
        cache_prefix=f"qs-bench-q-{config.run_id}",
        extra_env={"PAGE_CACHE": "off"},
    )

    server = Server(config)
    say(f"gunicorn on {config.base_url}")
    server.start()
    try:
        served = 1
        rss = [("start (booted)", served, server.rss())]
        for path in urls.values():  # every URL answers as it should, and the workers warm up
            for _ in range(10):
                status, _body = get(config.base_url + path)
                served += 1
            if status != 200:
                say(f"warning: {path} answered {status}")
        rss.append(("warm-up (10 requests per URL)", served, server.rss()))

        runs = {}
        for name, path in urls.items():
            runs[name] = run = load(tool, config, path, config.duration)
            served += run["requests"]
            say(
                f"{name} ({path}, {config.duration} s): {fmt(run['rps'])} req/s, p50 "
                f"{fmt(run['p50'])} ms, p99 {fmt(run['p99'])} ms, "
                f"{run['errors'] + run['socket_errors']} errors"
            )
        rss.append(("the per-URL runs", served, server.rss()))

        registration = register_concurrently(config, info["bench_event"])
        served += config.registrations
        registration["db"] = django_step(config, "_registrations", str(info["bench_event"]["id"]))
        say(
            f"{config.registrations} registrations at once: answers {registration['statuses']}, "
            f"p99 {fmt(registration['p99'])} ms; in the database {registration['db']['statuses']}"
        )
        rss.append(("the registrations", served, server.rss()))

        say(f"soak: {config.soak_requests:,} page requests (RSS in MB after each quarter)")
        soak_from = len(rss) - 1
        soaked = soak(tool, config, server, urls, rss, served)
        soaked["rss"] = (rss[soak_from], rss[-1])
    finally:
        server.stop()
    database["load_after"] = load_average()
    raw = {"info": info, "queries": queries, "runs": runs, "soak": soaked, "rss": rss}
    raw["registration"] = {**registration, "statuses": list(registration["statuses"].items())}
    (config.dir / "results.json").write_text(json.dumps(raw, indent=1, default=str))

    text = report(config, tool, database, info, queries, runs, soaked, rss, registration)
    (config.dir / "results.md").write_text(text + "\n")
    print()
    print(text)
    say(f"written to {config.dir / 'results.md'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in STEPS:
        _django()
        print(json.dumps(STEPS[sys.argv[1]](*sys.argv[2:])))
    else:
        main()
