"""What the benchmarks and the tests share to drive the app from outside.

- ``child_process``: a command (the app, served) running with its output in
  a log file, stopped at the end.
- ``callback_request``: the body of the request the browser sends to run a
  Dash callback, built from its entry in ``/_dash-dependencies``.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def child_process(
    command: list[str], *, cwd: Path, env: dict[str, str], log_path: Path, stop_timeout_s: float
) -> Iterator[subprocess.Popen]:
    """``command`` running, its output in ``log_path``; terminated at the end (killed after ``stop_timeout_s``)."""
    log = log_path.open("w")
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=stop_timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def callback_request(entry: dict, values: list, changed: list[str], identity: Callable[[str], object] = str) -> dict:
    """The body of a ``/_dash-update-component`` request for the callback ``entry`` of ``/_dash-dependencies``.

    ``values``: one per input, then one per state (``{"id", "property", "value"}``, or ``[]`` for a
    wildcard); ``changed``: the ``"id.property"`` that triggered it; ``identity`` reads an output's id
    (``json.loads`` for a pattern-matching id, else kept as written).

    >>> entry = {"output": "..a.children...b.data@1..", "inputs": [{"id": "c", "property": "value"}], "state": []}
    >>> callback_request(entry, [{"id": "c", "property": "value", "value": 1}], ["c.value"])["outputs"]
    [{'id': 'a', 'property': 'children'}, {'id': 'b', 'property': 'data'}]
    >>> callback_request({"output": "a.figure", "inputs": [], "state": []}, [], [])["outputs"]
    {'id': 'a', 'property': 'figure'}
    """
    outputs = [_output(part, identity) for part in output_parts(entry["output"])]
    return {
        "output": entry["output"],
        "outputs": outputs if entry["output"].startswith("..") else outputs[0],
        "inputs": values[: len(entry["inputs"])],
        "state": values[len(entry["inputs"]) :],
        "changedPropIds": changed,
    }


def output_parts(output: str) -> list[str]:
    """The outputs of a callback as ``/_dash-dependencies`` names them (``..a.children...b.data..`` for several).

    >>> output_parts("..a.children...b.data.."), output_parts("a.figure")
    (['a.children', 'b.data'], ['a.figure'])
    """
    return output.strip(".").split("...") if output.startswith("..") else [output]


def _output(part: str, identity: Callable[[str], object]) -> dict:
    name, prop = part.rsplit(".", 1)
    return {"id": identity(name.split("@")[0]), "property": prop.split("@")[0]}
