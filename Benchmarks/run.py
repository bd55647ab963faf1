#!/usr/bin/env python3
"""Benchmark fetch-contributors against PyGithub and github-to-sqlite on a local forge-stub.

One command builds the release binaries, installs the two Python peers into Benchmarks/.venv, starts
forge-stub organisations on 127.0.0.1 and prints a results table with PASS or FAIL for each target.
Progress goes to standard error and the results to standard output; a copy of the results is written to
Benchmarks/results/latest.txt.

The exit status is 0 when every measurement ran, whether or not the targets were met, and 2 for invalid
arguments. It is 1 when the harness could not measure: a build, an install, the stub or a measured program
failed, or a peer tried to reach a host other than 127.0.0.1.

Only the standard library is used here. The peers run from Benchmarks/.venv with Benchmarks/peer_site on
PYTHONPATH, whose sitecustomize.py confines them to the stub.
"""

import argparse
import datetime
import json
import math
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
VENV = BENCHMARKS / ".venv"
PEER_SITE = BENCHMARKS / "peer_site"
RESULTS = BENCHMARKS / "results"

# The peer versions that BENCHMARKS.md reports. Change them together with a new recorded run.
PEER_PACKAGES = ["PyGithub==2.10.0", "github-to-sqlite==2.9.1"]

ORGANIZATION = "bench"
# forge-stub accepts any token. With a token, fetch-contributors reads profiles through GraphQL, 100
# users a request, instead of one REST request per user.
DUMMY_TOKEN = "benchmark-dummy-token"
PER_PAGE = 100
TIME_FORMAT = "%e %U %S %M"
MEBIBYTE_KIB = 1024


class HarnessError(Exception):
    """A failure that stops the benchmark because something could not be measured."""


# MARK: Arguments


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Benchmark fetch-contributors against PyGithub and github-to-sqlite on forge-stub.",
    )
    parser.add_argument("--repositories", type=int, default=200,
                        help="repositories in the organisation of the cold, warm and changed runs (default 200)")
    parser.add_argument("--contributors", type=int, default=300,
                        help="contributors per repository; 300 is 3 pages of 100 (default 300)")
    parser.add_argument("--latency", type=float, default=0.05,
                        help="forge-stub latency before every response, in seconds (default 0.05)")
    parser.add_argument("--concurrency", type=int, default=8,
                        help="fetch-contributors --concurrency, also used in the lower bound (default 8)")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per fetch-contributors measurement; the median is reported (default 3)")
    parser.add_argument("--pygithub-runs", type=int, default=3,
                        help="cold runs of the PyGithub script (default 3)")
    parser.add_argument("--github-to-sqlite-runs", type=int, default=1,
                        help="cold runs of github-to-sqlite, which sleeps 1 s per repository (default 1)")
    parser.add_argument("--github-to-sqlite-repositories", type=int, default=None,
                        help="run github-to-sqlite on the first N repositories only and scale its time per "
                             "repository to the full organisation (default: all)")
    parser.add_argument("--scaling", default="10,100,1000",
                        help="comma-separated repository counts of the scaling rows (default 10,100,1000)")
    parser.add_argument("--cpu-repositories", type=int, default=400,
                        help="repositories of the zero-latency CPU comparison (default 400, 120,000 rows)")
    parser.add_argument("--cpu-pygithub-runs", type=int, default=3,
                        help="runs of the PyGithub script in the CPU comparison, median taken (default 3)")
    parser.add_argument("--scratch-path",
                        default=os.environ.get("BENCH_SCRATCH_PATH", ".build"),
                        help="swift build --scratch-path, relative to the repository root "
                             "(default: $BENCH_SCRATCH_PATH, else .build)")
    parser.add_argument("--skip-build", action="store_true",
                        help="use the binaries already in the scratch path")
    arguments = parser.parse_args(argv)

    positive = ["repositories", "contributors", "concurrency", "runs", "pygithub_runs",
                "github_to_sqlite_runs", "cpu_repositories", "cpu_pygithub_runs"]
    for name in positive:
        if getattr(arguments, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be 1 or more, got {getattr(arguments, name)}")
    if not 0 <= arguments.latency <= 10:
        parser.error(f"--latency must be from 0 to 10 seconds, got {arguments.latency}")
    if arguments.github_to_sqlite_repositories is not None and not (
            1 <= arguments.github_to_sqlite_repositories <= arguments.repositories):
        parser.error("--github-to-sqlite-repositories must be from 1 to --repositories")
    try:
        arguments.scaling = [int(text) for text in arguments.scaling.split(",") if text.strip()]
    except ValueError:
        parser.error(f"invalid --scaling '{arguments.scaling}': expected integers such as 10,100,1000")
    if not arguments.scaling or min(arguments.scaling) < 1:
        parser.error("--scaling needs at least one repository count of 1 or more")
    return arguments


# MARK: Logging and shell helpers


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run_checked(command, step, **kwargs):
    """Run a setup command, with its output on standard error, and raise HarnessError if it fails."""
    log(f"{step}: {' '.join(str(part) for part in command)}")
    result = subprocess.run(command, stdout=sys.stderr, stderr=sys.stderr, **kwargs)
    if result.returncode != 0:
        raise HarnessError(f"{step} failed with exit status {result.returncode}: {' '.join(map(str, command))}")


def ensure_gnu_time():
    """Return the path of GNU time, installing Debian's time package when it is missing and we are root."""
    path = Path("/usr/bin/time")
    if path.exists():
        return str(path)
    if os.geteuid() == 0 and shutil.which("apt-get"):
        run_checked(["apt-get", "install", "-y", "-qq", "time"], "installing GNU time",
                    env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        if path.exists():
            return str(path)
    raise HarnessError("/usr/bin/time not found; install Debian's time package (apt-get install time)")


# MARK: Build and install


def build(scratch_path, skip):
    """Build both release binaries and return the directory that contains them."""
    if not shutil.which("swift"):
        raise HarnessError("swift not found on PATH; add the Swift 6 toolchain's usr/bin to PATH")

    base = ["swift", "build", "-c", "release", "--scratch-path", scratch_path]
    if not skip:
        # swift build honours only the last --product option, so each product gets its own build.
        for product in ("fetch-contributors", "forge-stub"):
            run_checked(base + ["--product", product], f"building {product}", cwd=ROOT)

    result = subprocess.run(base + ["--show-bin-path"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise HarnessError(f"swift build --show-bin-path failed: {result.stderr.strip()}")
    binaries = Path(result.stdout.strip().splitlines()[-1])
    for product in ("fetch-contributors", "forge-stub"):
        if not (binaries / product).is_file():
            raise HarnessError(f"{binaries / product} not found; run without --skip-build")
    return binaries


def install_peers():
    """Create Benchmarks/.venv when missing and install the pinned peers into it."""
    python = VENV / "bin" / "python"
    if not python.exists():
        run_checked([sys.executable, "-m", "venv", str(VENV)], "creating the virtual environment")
    run_checked([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PEER_PACKAGES],
                "installing the peers from PyPI")
    return python


# MARK: The stub


@dataclass(frozen=True)
class Organisation:
    """A generated organisation of forge-stub and the requests that fetching it needs."""
    repositories: int
    contributors: int
    latency: float

    @property
    def listing_pages(self):
        return max(1, math.ceil(self.repositories / PER_PAGE))

    @property
    def pages_per_repository(self):
        return max(1, math.ceil(self.contributors / PER_PAGE))

    @property
    def needed_requests(self):
        """Requests that any client needs: the listing pages and every contributors page."""
        return self.listing_pages + self.repositories * self.pages_per_repository

    def lower_bound(self, concurrency):
        """Seconds: the larger of the requests spread over the concurrency and the chain of 4 round trips.

        The chain is listing page 1, the other listing pages, a repository's first contributors page, then
        its other pages. Each step can start only after the response to the step before it has arrived.
        """
        return max(self.needed_requests * self.latency / concurrency, 4 * self.latency)


class Stub:
    """A forge-stub process serving a generated organisation on 127.0.0.1.

    Each cold run gets a new stub, because forge-stub emulates GitHub's budget of 5,000 requests an hour
    and POST /_stub/reset clears only the request log, not the budget.
    """

    def __init__(self, binaries, organisation):
        self.organisation = organisation
        self.repositories = organisation.repositories
        self.contributors = organisation.contributors
        command = [str(binaries / "forge-stub"), "--port", "0", "--latency", repr(organisation.latency),
                   "--generate", str(organisation.repositories), "--contributors", str(organisation.contributors),
                   "--organization", ORGANIZATION]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("http://127.0.0.1:"):
            self.stop()
            raise HarnessError(f"forge-stub printed '{line}' instead of http://127.0.0.1:PORT: {' '.join(command)}")
        self.url = line

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stop()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def control(self, method, path):
        if self.process.poll() is not None:
            raise HarnessError(f"forge-stub pid {self.process.pid} at {self.url} exited with status "
                               f"{self.process.returncode}; another process may have stopped it")
        request = urllib.request.Request(self.url + path, method=method, data=b"" if method == "POST" else None)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)
        except OSError as error:
            raise HarnessError(f"{method} {self.url}{path} failed: {error}") from error

    def reset(self):
        self.control("POST", "/_stub/reset")

    def request_count(self):
        return self.control("GET", "/_stub/requests")["count"]

    def mutate(self, fraction):
        return self.control("POST", f"/_stub/mutate?fraction={fraction}")["changed"]


# MARK: Measuring one run


@dataclass
class Run:
    wall: float
    cpu: float
    rss_kib: int
    requests: int
    stderr: str = ""
    not_modified: int = 0


@dataclass
class Series:
    """Several runs of the same measurement, reported by their medians."""
    label: str
    runs: list = field(default_factory=list)
    note: str = ""

    @property
    def wall(self):
        return statistics.median(run.wall for run in self.runs)

    @property
    def cpu(self):
        return statistics.median(run.cpu for run in self.runs)

    @property
    def rss_kib(self):
        return max(run.rss_kib for run in self.runs)

    @property
    def requests(self):
        return statistics.median(run.requests for run in self.runs)

    @property
    def walls_text(self):
        return " ".join(f"{run.wall:.2f}" for run in self.runs)


class Runner:
    def __init__(self, arguments, binaries, python, time_path, workspace):
        self.arguments = arguments
        self.binaries = binaries
        self.fetcher = binaries / "fetch-contributors"
        self.python = python
        self.time_path = time_path
        self.workspace = workspace
        self.guard_log = workspace / "guard.log"

    def measure(self, stub, command, env, cwd=None):
        """Run one command under GNU time with the stub's request log reset first."""
        stub.reset()
        timing_file = self.workspace / "time.txt"
        started = time.perf_counter()
        result = subprocess.run([self.time_path, "-f", TIME_FORMAT, "-o", str(timing_file), *command],
                                env=env, cwd=cwd or self.workspace, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if result.returncode != 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-15:])
            raise HarnessError(f"{' '.join(command[:3])} ... exited with status {result.returncode}:\n{tail}")

        fields = timing_file.read_text().split()
        _, user, system, rss = fields[-4:]
        return Run(wall=wall, cpu=float(user) + float(system), rss_kib=int(rss),
                   requests=stub.request_count(), stderr=result.stderr)

    # fetch-contributors

    def fetcher_command(self, stub, database, *extra):
        return [str(self.fetcher), "--github", ORGANIZATION, "--github-api-url", stub.url,
                "--database", str(database), "--concurrency", str(self.arguments.concurrency), "--quiet", *extra]

    def fetcher_env(self, token=True):
        env = {key: value for key, value in os.environ.items() if key not in ("GITHUB_TOKEN", "GH_TOKEN")}
        if token:
            env["GITHUB_TOKEN"] = DUMMY_TOKEN
        return env

    def run_fetcher(self, stub, database, fresh, token=True, expected_rows=None):
        if fresh:
            remove_database(database)
        run = self.measure(stub, self.fetcher_command(stub, database), self.fetcher_env(token))
        recorded = last_recorded_run(database)
        if recorded["requests"] != run.requests:
            log(f"note: the runs table records {recorded['requests']} requests, the stub saw {run.requests}")
        if expected_rows is not None:
            rows = count_rows(database, "SELECT count(*) FROM contributions")
            if rows != expected_rows:
                raise HarnessError(f"fetch-contributors stored {rows} contributions in {database}, expected {expected_rows}")
        run.not_modified = recorded["not_modified"]
        return run

    # The Python peers

    def peer_env(self, stub, rewrite_github):
        env = self.fetcher_env(token=True)
        env["PYTHONPATH"] = str(PEER_SITE)
        env["BENCH_STUB_URL"] = stub.url
        env["BENCH_GUARD_LOG"] = str(self.guard_log)
        env["BENCH_REWRITE_GITHUB"] = "1" if rewrite_github else "0"
        return env

    def check_guard(self, program):
        lines = self.guard_log.read_text().splitlines() if self.guard_log.exists() else []
        self.guard_log.unlink(missing_ok=True)
        blocked = [line for line in lines if line.startswith("blocked")]
        if blocked:
            raise HarnessError(f"{program} tried to leave 127.0.0.1: {blocked[0]}")
        if not any(line.startswith("loaded") for line in lines):
            raise HarnessError(f"the guard in {PEER_SITE}/sitecustomize.py did not load for {program}")

    def run_pygithub(self, stub, database):
        remove_database(database)
        command = [str(self.python), str(BENCHMARKS / "pygithub_fetch.py"), "--base-url", stub.url,
                   "--organization", ORGANIZATION, "--database", str(database), "--per-page", str(PER_PAGE)]
        run = self.measure(stub, command, self.peer_env(stub, rewrite_github=False))
        self.check_guard("the PyGithub script")
        expected = stub.repositories * stub.contributors
        rows = count_rows(database, "SELECT count(*) FROM contributors")
        if rows != expected:
            raise HarnessError(f"the PyGithub script stored {rows} contributor rows, expected {expected}")
        return run

    def run_github_to_sqlite(self, stub, database, repositories):
        remove_database(database)
        width = len(str(max(0, stub.repositories - 1)))
        names = [f"{ORGANIZATION}/repo-{index:0{width}d}" for index in range(repositories)]
        command = [str(VENV / "bin" / "github-to-sqlite"), "contributors", str(database), *names]
        # github-to-sqlite reads auth.json from the working directory. The workspace has none, so it
        # takes the token from GITHUB_TOKEN.
        run = self.measure(stub, command, self.peer_env(stub, rewrite_github=True))
        self.check_guard("github-to-sqlite")
        expected = repositories * stub.contributors
        rows = count_rows(database, "SELECT count(*) FROM contributors")
        if rows != expected:
            raise HarnessError(f"github-to-sqlite stored {rows} contributor rows, expected {expected}")
        return run

    def startup_seconds(self):
        walls = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([str(self.fetcher), "--version"], capture_output=True, check=True)
            walls.append(time.perf_counter() - started)
        return statistics.median(walls)


# MARK: SQLite helpers


def remove_database(path):
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def count_rows(path, sql):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchone()[0]
    except sqlite3.Error as error:
        raise HarnessError(f"cannot read {path}: {error} in {sql}") from error
    finally:
        connection.close()


def last_recorded_run(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT requests, not_modified FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error as error:
        raise HarnessError(f"cannot read the runs table of {path}: {error}") from error
    finally:
        connection.close()
    if row is None:
        raise HarnessError(f"{path} has no row in the runs table")
    return {"requests": row[0], "not_modified": row[1]}


# MARK: Report


class Report:
    def __init__(self):
        self.lines = []
        self.verdicts = []

    def line(self, text=""):
        self.lines.append(text)
        print(text, flush=True)

    def target(self, passed, text):
        self.verdicts.append(f"{'PASS' if passed else 'FAIL'}  {text}")

    def table(self, header, rows):
        widths = [max(len(str(row[column])) for row in [header, *rows]) for column in range(len(header))]
        for row in [header, *rows]:
            cells = [str(cell).ljust(width) if index == 0 else str(cell).rjust(width)
                     for index, (cell, width) in enumerate(zip(row, widths))]
            self.line("  " + "  ".join(cells).rstrip())


def plural(count, noun, plural_noun=None):
    return f"{count} {noun}" if count == 1 else f"{count} {plural_noun or noun + 's'}"


def mib(kib):
    return f"{kib / MEBIBYTE_KIB:.1f}"


def machine_description():
    cores = os.cpu_count()
    memory = "unknown"
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            total_kib = int(meminfo.readline().split()[1])
            memory = f"{total_kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    swift_version = swift[0] if swift else "unknown"
    return (f"{cores} cores, {memory} memory; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {swift_version}")


# MARK: The benchmark sections


def cold_runs(runner, organisation, count, label, measure_run, after_last=None):
    """Run `measure_run(stub)` `count` times, each on a new stub, and return the series.

    `after_last(stub, run)`, when given, runs on the stub of the last run before that stub stops.
    """
    series = Series(label)
    for number in range(count):
        log(f"{label}: run {number + 1} of {count}, {organisation.repositories} repositories x "
            f"{organisation.contributors} contributors, latency {organisation.latency} s")
        with Stub(runner.binaries, organisation) as stub:
            series.runs.append(measure_run(stub))
            if after_last and number == count - 1:
                after_last(stub, series.runs[-1])
    return series


def cold_section(report, runner, arguments):
    """Cold runs of all three programs on the main organisation, then the warm and changed runs."""
    latency = arguments.latency
    concurrency = arguments.concurrency
    workspace = runner.workspace
    organisation = Organisation(arguments.repositories, arguments.contributors, latency)
    bound = organisation.lower_bound(concurrency)
    expected_rows = organisation.repositories * organisation.contributors

    database = workspace / "fetch-contributors.sqlite"
    warm_rows = []
    fetcher = cold_runs(
        runner, organisation, arguments.runs, "fetch-contributors",
        lambda stub: runner.run_fetcher(stub, database, fresh=True, expected_rows=expected_rows),
        after_last=lambda stub, _: warm_rows.extend(warm_and_changed(runner, arguments, stub, database)),
    )
    untokened = cold_runs(
        runner, organisation, 1, "fetch-contributors, no token",
        lambda stub: runner.run_fetcher(stub, workspace / "no-token.sqlite", fresh=True, token=False,
                                        expected_rows=expected_rows),
    )
    untokened.note = "1 run; without a token it requests each profile over REST"
    pygithub = cold_runs(
        runner, organisation, arguments.pygithub_runs, "PyGithub script",
        lambda stub: runner.run_pygithub(stub, workspace / "pygithub.sqlite"),
    )
    subset = arguments.github_to_sqlite_repositories or organisation.repositories
    github_to_sqlite = cold_runs(
        runner, organisation, arguments.github_to_sqlite_runs, "github-to-sqlite",
        lambda stub: runner.run_github_to_sqlite(stub, workspace / "github-to-sqlite.sqlite", subset),
    )
    github_to_sqlite.note = (f"{len(github_to_sqlite.runs)} run(s), because it sleeps 1 s after each repository "
                             f"and one run takes minutes")
    if subset < organisation.repositories:
        # Scaled per repository, because its cost is one repository request, the contributors pages and 1 s each.
        scale = organisation.repositories / subset
        for run in github_to_sqlite.runs:
            run.wall *= scale
            run.cpu *= scale
            run.requests = round(run.requests * scale)
        github_to_sqlite.note += f"; measured on {subset} repositories and scaled x {scale:.2f}"

    report.line(f"Cold fetch: {organisation.repositories} repositories x {organisation.contributors} contributors "
                f"({organisation.pages_per_repository} pages each), latency {latency} s, "
                f"fetch-contributors --concurrency {concurrency}")
    report.line("  every run starts from an empty database and a new stub; wall, CPU and requests are medians, "
                "peak RSS the maximum")
    report.line(f"  lower bound: {organisation.needed_requests} requests needed ({plural(organisation.listing_pages, 'listing page')} "
                f"+ {organisation.repositories} x {organisation.pages_per_repository} contributors pages); "
                f"max({organisation.needed_requests} x {latency} / {concurrency}, 4 x {latency}) = {bound:.3f} s")
    rows = []
    for series in (fetcher, pygithub, github_to_sqlite, untokened):
        rows.append([series.label, len(series.runs), f"{series.wall:.2f}", f"{series.requests:g}",
                     mib(series.rss_kib), f"{series.cpu:.2f}", f"{series.wall / fetcher.wall:.2f}x",
                     f"{series.wall / bound:.2f}x", series.walls_text])
    report.table(["program", "runs", "wall s", "requests", "peak RSS MiB", "CPU s", "vs fetch-contributors",
                  "vs bound", "each run's wall s"], rows)
    for series in (github_to_sqlite, untokened):
        report.line(f"  {series.label}: {series.note}")
    report.line()

    report.target(fetcher.wall <= 1.25 * bound,
                  f"cold: fetch-contributors wall {fetcher.wall:.2f} s <= 1.25 x lower bound ({1.25 * bound:.2f} s)")
    report.target(pygithub.wall >= 8 * fetcher.wall,
                  f"cold: PyGithub script / fetch-contributors = {pygithub.wall / fetcher.wall:.1f}x >= 8x")
    report.target(github_to_sqlite.wall >= 40 * fetcher.wall,
                  f"cold: github-to-sqlite / fetch-contributors = {github_to_sqlite.wall / fetcher.wall:.1f}x >= 40x")

    report_warm_and_changed(report, arguments, organisation, *warm_rows)


def warm_and_changed(runner, arguments, stub, database):
    """Run warm runs on the last cold run's database, then runs after changing 10 % of the repositories.

    Returns the start-up time, both series and the number of repositories that each mutation changed.
    """
    startup = runner.startup_seconds()

    warm = Series("warm, unchanged stub")
    for number in range(arguments.runs):
        log(f"fetch-contributors warm run {number + 1} of {arguments.runs}")
        warm.runs.append(runner.run_fetcher(stub, database, fresh=False))

    changed = Series("10 % changed")
    changed_counts = []
    for number in range(arguments.runs):
        # The same fraction always changes the same repositories, so every round changes them again.
        changed_counts.append(stub.mutate(0.1))
        log(f"fetch-contributors run {number + 1} of {arguments.runs} after changing {changed_counts[-1]} repositories")
        changed.runs.append(runner.run_fetcher(stub, database, fresh=False))
    return [startup, warm, changed, changed_counts[-1]]


def report_warm_and_changed(report, arguments, organisation, startup, warm, changed, changed_repositories):
    listing_pages = organisation.listing_pages
    expected_changed = listing_pages + changed_repositories * organisation.pages_per_repository

    report.line(f"Warm and changed runs on the database of the last cold fetch-contributors run "
                f"(start-up, the wall time of fetch-contributors --version: {startup:.3f} s)")
    rows = []
    for series, expected in ((warm, listing_pages), (changed, expected_changed)):
        requests = [run.requests for run in series.runs]
        not_modified = [run.not_modified for run in series.runs]
        rows.append([series.label, len(series.runs), f"{series.wall:.3f}", " ".join(map(str, requests)), expected,
                     " ".join(map(str, not_modified)), mib(series.rss_kib), f"{series.cpu:.2f}", series.walls_text])
    report.table(["run", "runs", "wall s", "requests", "expected", "not modified", "peak RSS MiB", "CPU s",
                  "each run's wall s"], rows)
    report.line(f"  changed runs: each round changes {plural(changed_repositories, 'repository', 'repositories')}; expected "
                f"{plural(listing_pages, 'listing page')} + {changed_repositories} x {organisation.pages_per_repository} pages")
    report.line()

    warm_limit = 3 * arguments.latency + startup
    report.target(all(run.requests == listing_pages for run in warm.runs),
                  f"warm: requests {' '.join(str(run.requests) for run in warm.runs)} == {plural(listing_pages, 'listing page')}")
    report.target(warm.wall < warm_limit,
                  f"warm: wall {warm.wall:.3f} s < 3 round trips + start-up ({warm_limit:.3f} s)")
    report.target(all(run.requests == expected_changed for run in changed.runs),
                  f"10 % changed: requests {' '.join(str(run.requests) for run in changed.runs)} == {expected_changed}")


def scaling_section(report, runner, arguments):
    """Cold runs of fetch-contributors on organisations of several sizes, and the peak RSS at each."""
    latency = arguments.latency
    concurrency = arguments.concurrency
    contributors = arguments.contributors

    results = []
    for repositories in arguments.scaling:
        organisation = Organisation(repositories, contributors, latency)
        database = runner.workspace / f"scaling-{repositories}.sqlite"
        series = cold_runs(
            runner, organisation, arguments.runs, f"scaling {repositories}",
            lambda stub: runner.run_fetcher(stub, database, fresh=True, expected_rows=repositories * contributors),
        )
        results.append((organisation, series))

    report.line(f"Scaling: fetch-contributors cold runs, {contributors} contributors per repository, latency {latency} s")
    rows = []
    for organisation, series in results:
        bound = organisation.lower_bound(concurrency)
        per_thousand = series.wall / series.requests * 1000
        rows.append([organisation.repositories, f"{series.requests:g}", organisation.needed_requests,
                     f"{series.wall:.2f}", f"{bound:.2f}", f"{series.wall / bound:.2f}x", f"{per_thousand:.2f}",
                     mib(series.rss_kib), f"{series.cpu:.2f}", series.walls_text])
    report.table(["repositories", "requests", "needed", "wall s", "bound s", "vs bound", "s per 1000 requests",
                  "peak RSS MiB", "CPU s", "each run's wall s"], rows)
    report.line()

    by_size = {organisation.repositories: series for organisation, series in results}
    if 100 in by_size and 1000 in by_size:
        small, large = by_size[100], by_size[1000]
        growth = (large.wall / large.requests) / (small.wall / small.requests)
        report.target(growth <= 1.25,
                      f"scaling: wall per request at 1,000 repositories / at 100 = {growth:.2f} <= 1.25 (linear)")
        report.target(large.rss_kib <= 64 * MEBIBYTE_KIB,
                      f"memory: peak RSS at 1,000 x {contributors} = {mib(large.rss_kib)} MiB <= 64 MiB")
        report.target(large.rss_kib <= 1.25 * small.rss_kib,
                      f"memory: peak RSS at 1,000 / at 100 repositories = {large.rss_kib / small.rss_kib:.2f} <= 1.25")


def cpu_section(report, runner, arguments):
    """Compare CPU time per 100,000 contributor rows on a stub without latency."""
    organisation = Organisation(arguments.cpu_repositories, arguments.contributors, 0)
    rows_total = organisation.repositories * organisation.contributors
    # The two programs' runs alternate, so a slower spell of a shared machine lands on both series
    # instead of on whichever program happened to run during it.
    fetcher = Series("fetch-contributors")
    pygithub = Series("PyGithub script")
    programs = [
        (fetcher, arguments.runs,
         lambda stub: runner.run_fetcher(stub, runner.workspace / "cpu.sqlite", fresh=True, expected_rows=rows_total)),
        (pygithub, arguments.cpu_pygithub_runs,
         lambda stub: runner.run_pygithub(stub, runner.workspace / "cpu-pygithub.sqlite")),
    ]
    for number in range(max(arguments.runs, arguments.cpu_pygithub_runs)):
        for series, count, measure_run in programs:
            if number >= count:
                continue
            log(f"CPU {series.label}: run {number + 1} of {count}, {organisation.repositories} repositories x "
                f"{organisation.contributors} contributors, latency 0 s")
            with Stub(runner.binaries, organisation) as stub:
                series.runs.append(measure_run(stub))

    report.line(f"CPU (user + system) per 100,000 contributor rows: {organisation.repositories} repositories x "
                f"{organisation.contributors} contributors = {rows_total} rows, latency 0")
    report.line("  the two programs' runs alternate, each on a new stub; CPU is the median of each program's runs")
    scale = 100_000 / rows_total
    rows = [[series.label, len(series.runs), f"{series.cpu:.2f}", f"{series.cpu * scale:.2f}", f"{series.wall:.2f}",
             f"{series.requests:g}", mib(series.rss_kib)] for series in (fetcher, pygithub)]
    report.table(["program", "runs", "CPU s", "CPU s per 100,000 rows", "wall s", "requests", "peak RSS MiB"], rows)
    report.line()
    ratio = pygithub.cpu / fetcher.cpu
    report.target(ratio >= 10, f"CPU: PyGithub script / fetch-contributors = {ratio:.1f}x >= 10x")


# MARK: Main


def main(argv):
    arguments = parse_arguments(argv)
    started = time.perf_counter()
    time_path = ensure_gnu_time()
    binaries = build(arguments.scratch_path, arguments.skip_build)
    python = install_peers()

    report = Report()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    report.line(f"fetch-contributors benchmark, {now}")
    report.line(f"machine: {machine_description()}")
    report.line(f"peers: {', '.join(PEER_PACKAGES)}; binaries: {binaries}")
    report.line()

    with tempfile.TemporaryDirectory(prefix="fetch-contributors-bench-") as directory:
        runner = Runner(arguments, binaries, python, time_path, Path(directory))
        cold_section(report, runner, arguments)
        scaling_section(report, runner, arguments)
        cpu_section(report, runner, arguments)

    report.line("Targets")
    for verdict in report.verdicts:
        report.line(f"  {verdict}")
    report.line(f"\nbenchmark time: {time.perf_counter() - started:.0f} s")

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.txt").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        sys.exit(1)
