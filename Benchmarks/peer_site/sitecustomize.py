"""Confine the benchmark's Python peers to the local forge-stub.

Benchmarks/run.py puts this directory on PYTHONPATH when it runs PyGithub and github-to-sqlite, so
Python imports this module at start-up, before the program's own code. It changes where requests go,
never what the program requests or in which order:

* With BENCH_REWRITE_GITHUB=1, a URL starting with https://api.github.com is rewritten to start with
  BENCH_STUB_URL instead. github-to-sqlite 2.9.1 hard-codes that prefix and has no option to change it.
* Every outgoing connection and name lookup must be for 127.0.0.1, ::1 or localhost. Anything else is
  appended to BENCH_GUARD_LOG and raises ConnectionRefusedError before a packet is sent, and the harness
  then stops with an error.

The module writes one "loaded" line to BENCH_GUARD_LOG, so the harness can tell that the guard ran.
"""

import os
import socket
import sys

GITHUB_PREFIX = "https://api.github.com"
LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}

_stub_url = os.environ.get("BENCH_STUB_URL", "").rstrip("/")
_rewrite_github = os.environ.get("BENCH_REWRITE_GITHUB") == "1"
_guard_log = os.environ.get("BENCH_GUARD_LOG")


def _log(line):
    if _guard_log:
        with open(_guard_log, "a", encoding="utf-8") as log:
            log.write(line + "\n")


def _reject(target):
    _log(f"blocked {target} in {sys.argv[0]}")
    raise ConnectionRefusedError(f"benchmark guard: {target} is not the local stub; only 127.0.0.1, ::1 and localhost are allowed")


def _host_of(address):
    if isinstance(address, tuple) and address:
        return str(address[0])
    return str(address)


# Name lookups and connections are checked in Python's socket module, so the check also covers code that
# does not use requests. A C extension that opens its own sockets would not be checked.
_getaddrinfo = socket.getaddrinfo
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _guarded_getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and name not in LOCAL_HOSTS:
        _reject(f"name lookup for {name}")
    return _getaddrinfo(host, *args, **kwargs)


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and _host_of(address) not in LOCAL_HOSTS:
        _reject(f"connection to {_host_of(address)}")
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and _host_of(address) not in LOCAL_HOSTS:
        _reject(f"connection to {_host_of(address)}")
    return _connect_ex(self, address)


socket.getaddrinfo = _guarded_getaddrinfo
socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex


def _install_requests_rewrite():
    """Rewrite the api.github.com prefix in every request that a requests.Session sends."""
    import requests

    send = requests.Session.send

    def send_to_stub(self, request, **kwargs):
        if request.url.startswith(GITHUB_PREFIX + "/") or request.url == GITHUB_PREFIX:
            request.url = _stub_url + request.url[len(GITHUB_PREFIX):]
        return send(self, request, **kwargs)

    requests.Session.send = send_to_stub


if _rewrite_github:
    if not _stub_url.startswith("http://127.0.0.1:"):
        _reject(f"BENCH_STUB_URL '{_stub_url}'")
    _install_requests_rewrite()

_log(f"loaded in {sys.argv[0]}")
