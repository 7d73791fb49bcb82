"""What the benchmarks share: a database with the national data, the app served from it, a logged-in HTTP client.

- ``prepare(url, folder)``: migrate, load the sample (programmes, budgets,
  plans, the municipality register), then import the national files written
  by ``bench/generate.py`` (generated first when missing) — each once: a file
  already imported is skipped by its SHA-256 without reading it.
- ``serving(url, workers)``: ``mittari serve --workers N`` (gunicorn when N > 1)
  on a free loopback port, stopped at the end.
- ``Client``: one keep-alive HTTP connection with the session cookie; logs in
  through the login form like a browser and calls Dash callbacks.
- ``main_callbacks(client)``: each page's main callback with realistic inputs,
  as the requests the browser sends.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import callback_request, child_process, output_parts  # noqa: E402
from data_loaders.imports import import_file  # noqa: E402
from data_loaders.sample import is_loaded, load_sample  # noqa: E402
from db import queries  # noqa: E402
from db.engine import migrate  # noqa: E402

DATA = ROOT / "bench" / "data"
DEFAULT_DATABASE = f"sqlite:///{DATA / 'national.sqlite3'}"
LEDGER = "paakirja_1000000.xlsx"
NATIONAL_FILES = (
    "kela_kuntaosuus_2006_2024.csv",
    "kela_kuntaosuus_2025_2026.csv",
    "statfin_12r5_2006_2026.json",
    "statfin_12u4_2006_2026.json",
)
LEDGER_PROGRAMME, LEDGER_BUDGET = "tampere-seutu", "Pääkirja 2019"
ADMIN = ("admin", "suorituskyky-testi-2026")
START_TIMEOUT_S = 120


def prepare(url: str, folder: Path = DATA, ledger: bool = True) -> None:
    """The national data in ``url``: the sample first, then every national file not yet imported."""
    names = [*NATIONAL_FILES, *([LEDGER] if ledger else [])]
    if not all((folder / name).exists() for name in names):
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--out", str(folder)], check=True)
    migrate(url)
    if not is_loaded(url):
        load_sample(ROOT / "sample_data", url)
    imported = set(queries.import_versions(url=url)["sha256"])
    for name in names:
        content = (folder / name).read_bytes()
        if hashlib.sha256(content).hexdigest() in imported:
            continue
        started = time.perf_counter()
        budget = {"programme": LEDGER_PROGRAMME, "budget": LEDGER_BUDGET} if name == LEDGER else {}
        result = import_file(content, name, user="bench", url=url, **budget)
        print(f"imported {name}: {result.status}, {result.rows_imported} rows, {time.perf_counter() - started:.1f} s")
        if result.status != "imported":
            raise SystemExit(f"{name}: {[message.text('en') for message in result.messages]}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(url: str, workers: int, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``mittari serve --workers N`` over ``url`` on a free loopback port; yields the base URL."""
    port = free_port()
    instance = Path(tempfile.mkdtemp(prefix="mittari-bench-instance-"))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MITTARI_HOST": "127.0.0.1",
        "MITTARI_PORT": str(port),
        "MITTARI_ADMIN_PASSWORD": ADMIN[1],
        "MITTARI_INSTANCE_DIR": str(instance),
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "cli", "serve", "--workers", str(workers)]
    base = f"http://127.0.0.1:{port}"
    with child_process(command, cwd=ROOT, env=env, log_path=instance / "server.log", stop_timeout_s=20) as server:
        wait_until_answering(base, server)
        yield base


def wait_until_answering(base: str, server: subprocess.Popen, path: str = "/login") -> None:
    """Until ``base + path`` answers 200 (or the server exits, or ``START_TIMEOUT_S`` passes)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the app exited with {server.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        time.sleep(0.25)
    raise SystemExit(f"the app did not answer within {START_TIMEOUT_S} s")


class Client:
    """One keep-alive HTTP connection to the app, with its session cookie."""

    def __init__(self, base: str, timeout_s: float = 60) -> None:
        self.host = base.removeprefix("http://")
        self.timeout_s = timeout_s
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(self.host, timeout=timeout_s)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """(status, body bytes); reconnects once when the server closed the kept-alive connection."""
        headers = {**(headers or {}), "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, timeout=self.timeout_s)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def log_in(self, username: str = ADMIN[0], password: str = ADMIN[1]) -> None:
        _, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
        form = urllib.parse.urlencode({"username": username, "password": password, "csrf": token, "next": "/"})
        status, _ = self.request("POST", "/login", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 302:
            raise SystemExit(f"login failed: {status}")

    def dependencies(self) -> list[dict]:
        status, body = self.request("GET", "/_dash-dependencies")
        if status != 200:
            raise SystemExit(f"/_dash-dependencies: {status}")
        return json.loads(body)

    def call(self, payload: dict) -> tuple[int, float, int]:
        """One callback request: (status, seconds, response bytes)."""
        body = json.dumps(payload).encode()
        started = time.perf_counter()
        status, data = self.request("POST", "/_dash-update-component", body, {"Content-Type": "application/json"})
        return status, time.perf_counter() - started, len(data)


@dataclass(frozen=True)
class Call:
    """A page's main callback with one choice of inputs."""

    page: str
    output: str  # "component-id.property" of one of its outputs
    values: dict[str, object]  # component id → value (every other input empty)
    label: str

    def payload(self, dependencies: list[dict]) -> dict:
        entry = next(e for e in dependencies if self.output in _outputs(e["output"]))
        arguments = [*entry["inputs"], *entry["state"]]
        values = [
            {"id": a["id"], "property": a["property"], "value": self.values.get(a["id"])}
            if not a["id"].startswith("{")
            else []
            for a in arguments
        ]
        return callback_request(entry, values, [f"{arguments[0]['id']}.{arguments[0]['property']}"])


def _outputs(output: str) -> list[str]:
    return [part.split("@")[0] for part in output_parts(output)]


def labour_market_calls(slug: str) -> list[Call]:
    """The labour market page's two: the map, then (once it is shown) the other charts and the table."""
    from dashboards import ids

    month = "2026-09-01"
    values = {ids.LABOUR_PROGRAMME: slug, ids.LABOUR_GROUP: "all", ids.LABOUR_MONTH: month, ids.LABOUR_LANG: "fi"}
    details = {**values, ids.LABOUR_MAP_SHOWN: f"{slug}|all|{month}"}
    return [
        Call("labour_market", f"{ids.LABOUR_MAP}.figure", values, f"{slug} all 9/2026"),
        Call("labour_details", f"{ids.LABOUR_GROUPS}.figure", details, f"{slug} all 9/2026"),
    ]


def main_callbacks(url: str) -> list[Call]:
    """Each page's main callback, for both seed programmes, with the choices a user makes first."""
    from dashboards import ids

    calls = [Call("overview", f"{ids.OVERVIEW_PROGRAMMES}.children", {ids.OVERVIEW_LANG: "fi"}, "fi")]
    calls.append(Call("admin", f"{ids.ADMIN_USERS}.children", {ids.ADMIN_LANG: "fi"}, "fi"))
    # as of: Tampere's target month (end of the pilot), Kuopio's plan year's end
    months = {"tampere-seutu": ("2018-12-01", "2018Q4"), "kuopio": ("2020-12-01", "2020Q4")}
    for slug, (as_of, quarter) in months.items():
        budgets = queries.budgets(slug, url)
        budget = str(budgets["name"].iloc[0])
        year = max(queries.budget_years(slug, url))
        calls += [
            Call(
                "budget",
                f"{ids.BUDGET_GRID}.rowData",
                {ids.BUDGET_PROGRAMME: slug, ids.BUDGET_BUDGET: budget, ids.BUDGET_YEAR: year, ids.BUDGET_LANG: "fi"},
                f"{slug} {budget} {year}",
            ),
            Call(
                "benefits",
                f"{ids.BENEFITS_MONTHLY}.figure",
                {
                    ids.BENEFITS_PROGRAMME: slug,
                    ids.BENEFITS_AREA: "",
                    ids.BENEFITS_AS_OF: as_of,
                    ids.BENEFITS_LANG: "fi",
                },
                f"{slug} {as_of}",
            ),
            *labour_market_calls(slug),
            Call(
                "upload",
                f"{ids.UPLOAD_VERSIONS}.rowData",
                {ids.UPLOAD_PROGRAMME: slug, ids.UPLOAD_BUDGET: budget, ids.UPLOAD_LANG: "fi"},
                f"{slug} {budget}",
            ),
            Call("risks", f"{ids.RISKS_REGISTER}.children", {ids.RISKS_PROGRAMME: slug, ids.RISKS_LANG: "fi"}, slug),
            Call("plan", f"{ids.PLAN_CONTENT}.children", {ids.PLAN_PROGRAMME: slug, ids.PLAN_LANG: "fi"}, slug),
            Call(
                "quarterly",
                f"{ids.QUARTERLY_CONTENT}.children",
                {ids.QUARTERLY_PROGRAMME: slug, ids.QUARTERLY_QUARTER: quarter, ids.QUARTERLY_LANG: "fi"},
                f"{slug} {quarter}",
            ),
        ]
    return calls
