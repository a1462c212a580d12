"""Hostile and broken input: journeykit answers with a clear Dutch message and the right exit code.

Never a traceback, never a hang, never code run from data, never a changed input file and never a
half-written output. The cases live in tests/hostile/catalogus.yaml (one small file or folder each);
this module runs every case as a real process, and adds what a table cannot say: fuzzing, a full
disk, Ctrl-C in the middle of a render and a sweep, and hostile text in every output format.
"""

from __future__ import annotations

import errno
import hashlib
import html
import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit import conditions as cd
from journeykit import schema as s
from journeykit.errors import JourneykitError, LoadError, LoadErrors
from journeykit.loading import load_path
from journeykit.plugins import Plugins
from journeykit.yamlread import MAX_BYTES

from conftest import FIXTURES, ROOT, TESTSTAD_DATA, TESTSTAD_PLUGIN, run_cli

HOSTILE = Path(__file__).resolve().parent / "hostile"
CATALOGUS = yaml.safe_load((HOSTILE / "catalogus.yaml").read_text(encoding="utf-8"))
PWNED = Path("/tmp/journeykit-hostile-pwned")


# --- the catalogue ----------------------------------------------------------------------------------


def _fill(text: str, tmp: Path) -> str:
    return (
        text.replace("{H}", str(HOSTILE))
        .replace("{TESTSTAD}", str(TESTSTAD_PLUGIN))
        .replace("{DATA}", str(TESTSTAD_DATA))
        .replace("{UIT}", str(tmp / "uit"))
        .replace("{TMP}", str(tmp))
    )


def _make(what: str, tmp: Path) -> None:
    """Inputs too big or too strange to commit: made fresh for the case."""
    if what == "groot":
        line = "# " + "x" * 98 + "\n"
        with open(tmp / "groot.yaml", "w", encoding="utf-8") as f:
            f.write("personas: []\n")
            for _ in range(MAX_BYTES // len(line) + 20_000):
                f.write(line)
    elif what == "veel-waarden":
        (tmp / "veel.yaml").write_text("personas: [" + "a," * 2_400_000 + "a]\n", encoding="utf-8")
    elif what == "diep-blok":
        (tmp / "diep.yaml").write_text("- " * 100_000 + "x\n", encoding="utf-8")
    elif what == "fifo":
        os.mkfifo(tmp / "pijp.yaml")
    else:  # pragma: no cover - a typo in the catalogue
        raise AssertionError(f"onbekende 'maak': {what}")


def _run_case(case: dict, tmp: Path) -> dict:
    tmp.mkdir(parents=True)
    work = tmp / "werk"  # an empty working directory: the default --data '.' finds nothing
    work.mkdir()
    if "maak" in case:
        _make(case["maak"], tmp)
    args = [_fill(a, tmp) for a in case["opdracht"]]
    env = {k: _fill(v, tmp) for k, v in case.get("env", {}).items()}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    start = time.monotonic()
    try:
        r = run_cli(*args, env=env, cwd=work)
        code, out = r.returncode, r.stdout + r.stderr
    except subprocess.TimeoutExpired as e:
        code, out = None, f"HANGT na {e.timeout} s: {e.stdout or ''}{e.stderr or ''}"
    return {"exit": code, "uitvoer": out, "seconden": time.monotonic() - start}


def _hash_inputs() -> dict[str, str]:
    """Every input file the catalogue reads, by content (Python's own __pycache__ excepted)."""
    found = {}
    for base in (HOSTILE, FIXTURES):
        for p in sorted(base.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                found[str(p.relative_to(ROOT))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    """Run the whole catalogue once (four processes at a time), hashing the inputs before and after."""
    PWNED.unlink(missing_ok=True)
    before = _hash_inputs()
    base = tmp_path_factory.mktemp("catalogus")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {c["naam"]: pool.submit(_run_case, c, base / c["naam"]) for c in CATALOGUS}
        results = {name: f.result() for name, f in futures.items()}
    return {"resultaten": results, "voor": before, "na": _hash_inputs()}


def test_the_catalogue_is_complete_and_well_formed():
    names = [c["naam"] for c in CATALOGUS]
    assert len(names) >= 40 and len(set(names)) == len(names)
    for c in CATALOGUS:
        assert {"naam", "wat", "opdracht", "exit", "woorden"} <= c.keys(), c["naam"]
        assert c["exit"] in (0, 1, 2) and c["woorden"], c["naam"]
    # every area of the brief has cases
    for prefix in ("yaml-", "veld-", "ref-", "regel-", "plugin-", "hook-", "uit-"):
        assert any(n.startswith(prefix) for n in names), prefix


@pytest.mark.parametrize("case", CATALOGUS, ids=[c["naam"] for c in CATALOGUS])
def test_case(catalogue, case):
    r = catalogue["resultaten"][case["naam"]]
    out = r["uitvoer"]
    assert r["exit"] is not None, out
    assert "Traceback" not in out, out
    assert "interne fout" not in out, out
    assert r["exit"] == case["exit"], f"exit {r['exit']}, verwacht {case['exit']}:\n{out}"
    for word in case["woorden"]:
        assert word in out, f"'{word}' ontbreekt in:\n{out}"
    for word in case.get("niet", ()):
        assert word not in out, f"'{word}' hoort er niet in:\n{out}"
    assert r["seconden"] < case.get("max_seconden", 60), r["seconden"]
    if "geen_bestand" in case:
        assert not Path(case["geen_bestand"]).exists(), "de YAML heeft code uitgevoerd"


def test_no_case_prints_a_traceback(catalogue):
    bad = [n for n, r in catalogue["resultaten"].items() if "Traceback" in r["uitvoer"] or r["exit"] not in (0, 1, 2)]
    assert not bad


def test_inputs_are_byte_identical_after_the_whole_catalogue(catalogue):
    assert catalogue["voor"] == catalogue["na"]
    assert len(catalogue["voor"]) > 50


# --- fuzzing the loader -----------------------------------------------------------------------------


def _load_or_clear_error(path: Path) -> None:
    """The only outcomes: a loaded model, or LoadErrors that each name the file and say something."""
    try:
        load_path(path)
    except LoadErrors as e:
        assert e.errors
        for f in e.errors:
            assert f.bestand == str(path) and f.bericht.strip()
            lines = len(re.split(r"\r\n|\r|\n", path.read_bytes().decode("utf-8", "replace")))
            assert f.regel is None or 1 <= f.regel <= lines, (f, lines)


YAMLISH = st.lists(
    st.sampled_from(
        list("abcdeijklnoprstv:-[]{}, \n\t'\"&*!#|>%@`0123456789.?\\")
        + [
            "personas",
            "gemeente",
            "regels",
            "als",
            "veld",
            "id",
            "naam",
            "!!python/object:os.system",
            "\ufeff",
            "\u0430",
            "\x00",
            "\xe9",
            "&a",
            "*a",
            "<<: ",
            "- ",
            "\n  ",
            "!!binary",
            "~",
            "null",
            "yes",
            "\r",
            "\x85",
            "\u2028",
        ]
    ),
    max_size=150,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=YAMLISH)
def test_fuzz_yamlish_text(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("f") / "x.yaml"
    path.write_text(text, encoding="utf-8")
    _load_or_clear_error(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_fuzz_arbitrary_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "x.yaml"
    path.write_bytes(data)
    _load_or_clear_error(path)


# Values of every kind; for each field one of them is often the wrong type.
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["jan", "../x", "a b", "j\u0430n", "", "hbh", "telefoon", "true", "1e9"]),
    st.lists(st.integers(0, 5), max_size=3),
    st.dictionaries(st.sampled_from(["a", "veld", "is"]), st.integers(0, 3), max_size=2),
)


def _good(typ, depth: int):
    """A strategy for a right-typed value of a schema type (not always a valid one)."""
    if isinstance(typ, s.Record):
        return _record(typ, depth + 1)
    if isinstance(typ, s.ListOf):
        return st.lists(_value(typ.item, depth + 1), min_size=0, max_size=2 if depth < 3 else 1)
    if isinstance(typ, s.Choice):
        return st.sampled_from(typ.values)
    if isinstance(typ, (s.Id, s.Ref)):
        return st.sampled_from(["jan", "loket", "team", "s", "v", "r1", "info", "teststad"])
    if isinstance(typ, s.Integer):
        return st.integers(typ.low if typ.low is not None else -5, typ.high if typ.high is not None else 200)
    if isinstance(typ, s.Number):
        return st.floats(0, 1e6)
    if isinstance(typ, s.Boolean):
        return st.booleans()
    if isinstance(typ, s.Source):
        return st.one_of(st.just("a.txt, §2"), st.fixed_dictionaries({"bestand": st.just("a.txt")}))
    if isinstance(typ, s.Condition):
        veld = st.sampled_from(sorted(cd.FIELDS) + ["persona.bestaat-niet"])
        op = st.sampled_from(sorted(cd.OPERATORS))
        return st.builds(lambda v, o, x: {"veld": v, o: x}, veld, op, ANY_VALUE)
    return st.text(min_size=1, max_size=15)


def _value(typ, depth: int):
    return st.one_of(_good(typ, depth), ANY_VALUE) if depth < 4 else ANY_VALUE


@st.composite
def _record(draw, rec: s.Record, depth: int = 0):
    doc = {}
    for veld in rec.all_fields:
        if veld.required or draw(st.integers(0, 3)) == 0:
            # mostly right, sometimes the wrong type: the loader must say which field, never crash
            doc[veld.name] = draw(_value(veld.type, depth) if draw(st.integers(0, 4)) == 0 else _good(veld.type, depth))
    if draw(st.integers(0, 9)) == 0:
        doc["onbekend"] = draw(ANY_VALUE)
    return doc


FILE_RECORDS = st.sampled_from(
    [
        ("personas", s.PERSONA),
        ("sleutelmomenten", s.SLEUTELMOMENT),
        ("reizen", s.REIS),
        ("ingangen", s.INGANG),
    ]
)


@st.composite
def schema_documents(draw):
    """A document shaped like journeykit's YAML, generated from the schema records, with wrong values."""
    if draw(st.booleans()):
        return {
            "gemeente": draw(_record(s.GEMEENTE)),
            "ingangen": draw(st.lists(_record(s.INGANG), max_size=2)),
            "regels": draw(st.lists(_record(s.REGEL), max_size=3)),
        }
    key, rec = draw(FILE_RECORDS)
    return {key: draw(st.lists(_record(rec), min_size=1, max_size=2))}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=schema_documents())
def test_fuzz_schema_shaped_documents_with_wrong_values(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("s") / "x.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _load_or_clear_error(path)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=schema_documents())
def test_fuzz_through_the_cli(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("c") / "x.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = run_cli("check", str(path), cwd=path.parent)
    assert r.returncode in (0, 1, 2), r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    if r.returncode == 2:
        assert "x.yaml" in r.stderr or "Gebruik:" in r.stderr


# --- hook time limit, in-process ------------------------------------------------------------------


def test_a_hook_that_never_returns_is_abandoned_and_not_called_again(tmp_path, monkeypatch):
    plugin = tmp_path / "hangt.py"
    plugin.write_text(
        "import threading\nfrom journeykit import hookimpl\nCALLS = []\n\n@hookimpl\n"
        "def journeykit_personas():\n    CALLS.append(1)\n    threading.Event().wait()\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("JOURNEYKIT_HOOK_TIMEOUT", "0.2")
    p = Plugins([str(plugin)], entry_points=False)
    start = time.monotonic()
    assert list(p.call_each("journeykit_personas")) == []
    assert list(p.call_each("journeykit_personas")) == []
    assert time.monotonic() - start < 2
    (fout,) = p.errors
    assert "plugin 'hangt'" in str(fout) and "journeykit_personas reageerde niet binnen 0.2 s" in str(fout)
    assert sys.modules["journeykit_plugin_hangt"].CALLS == [1]


@pytest.mark.parametrize("raw, expected", [("", 5.0), ("0.25", 0.25), ("nul", 5.0), ("-1", 5.0), ("inf", 5.0)])
def test_hook_timeout_setting(monkeypatch, raw, expected):
    monkeypatch.setenv("JOURNEYKIT_HOOK_TIMEOUT", raw)
    assert Plugins(entry_points=False).timeout == expected


def test_the_same_plugin_error_is_reported_once(tmp_path):
    plugin = tmp_path / "altijd_fout.py"
    plugin.write_text(
        "from journeykit import hookimpl\n\n@hookimpl\ndef journeykit_personas():\n    raise RuntimeError('stuk')\n",
        encoding="utf-8",
    )
    p = Plugins([str(plugin)], entry_points=False)
    for _ in range(100):
        list(p.call_each("journeykit_personas"))
    assert len(p.errors) == 1


# --- output: a full disk, collisions ----------------------------------------------------------------


RENDER_NETWORK = [
    "render",
    "network",
    "--gemeente",
    "teststad",
    "--plugin",
    str(TESTSTAD_PLUGIN),
    "--data",
    str(TESTSTAD_DATA),
]


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.startswith(".tmp-") or p.name.endswith(".part")]


def test_a_full_disk_is_a_clear_error_and_leaves_no_partial_file(tmp_path):
    """A real 64 kB tmpfs, filled up; needs the right to mount (root in a container usually has it)."""
    mnt = tmp_path / "klein"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("mount -t tmpfs is hier niet toegestaan; test_enospc_in_process simuleert een volle schijf")
    try:
        with open(mnt / "vulling", "wb") as f:
            try:
                f.write(b"x" * 60_000)
            except OSError:
                pass
        r = run_cli(*RENDER_NETWORK, "--out", str(mnt / "uit"))
        assert r.returncode == 2, r.stdout + r.stderr
        assert "Traceback" not in r.stderr and "niet schrijven" in r.stderr, r.stderr
        assert not _leftovers(mnt)
        for p in (mnt / "uit").iterdir():  # whatever was written before the disk filled up is whole
            assert p.stat().st_size > 0
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


def test_enospc_in_process(tmp_path, monkeypatch):
    """The same, simulated: every write fails with 'no space left on device'."""
    from journeykit.render import files

    real_fdopen = os.fdopen

    class Vol:
        def __init__(self, fd, mode):
            self.f = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.f.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fdopen", Vol)
    out = files.OutputFolder(tmp_path / "uit")
    with pytest.raises(JourneykitError, match="niet schrijven"):
        out.write("a.html", "inhoud")
    assert list((tmp_path / "uit").iterdir()) == []


def test_names_that_differ_only_in_where_the_dash_falls_do_not_collide(tmp_path):
    """'x-y' + 'z' and 'x' + 'y-z' must not give the same file name: one would overwrite the other."""
    personas = tmp_path / "personas"
    personas.mkdir()
    (personas / "p.yaml").write_text(
        "personas:\n"
        "  - {id: jan-info, naam: Jan I, leeftijd: 45, huishouden: alleenstaand, aanname: t}\n"
        "  - {id: jan, naam: Jan, leeftijd: 45, huishouden: alleenstaand, aanname: t}\n"
        "sleutelmomenten:\n"
        "  - {id: info, naam: Info, aanname: t, vragen: [{id: info, omschrijving: I?, levensgebied: zorg, "
        "soort: informatie}]}\n"
        "  - {id: info-info, naam: Info info, aanname: t, vragen: [{id: info, omschrijving: I?, levensgebied: zorg, "
        "soort: informatie}]}\n",
        encoding="utf-8",
    )
    base = [
        "render",
        "map",
        "--gemeente",
        "teststad",
        "--plugin",
        str(TESTSTAD_PLUGIN),
        "--data",
        str(tmp_path),
        "--out",
        str(tmp_path / "uit"),
    ]
    a = run_cli(*base, "--persona", "jan-info", "--sleutelmoment", "info")
    b = run_cli(*base, "--persona", "jan", "--sleutelmoment", "info-info")
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    written_a = [ln.split(": ", 1)[1] for ln in a.stdout.splitlines() if ln.startswith("geschreven")]
    written_b = [ln.split(": ", 1)[1] for ln in b.stdout.splitlines() if ln.startswith("geschreven")]
    assert not set(written_a) & set(written_b), "twee verschillende reizen krijgen dezelfde bestandsnaam"


# --- Ctrl-C -------------------------------------------------------------------------------------------
# Both tests wait for a sign that the work is really under way instead of sleeping a fixed time, and
# give every step minutes rather than seconds: on a busy machine starting Python alone can take long.
# A run that hangs is killed with everything it started, so it cannot keep loading the machine.

STARTUP = 300  # seconds until the work is visibly under way
STOP = 120  # seconds for journeykit to stop after Ctrl-C


def _start(args: list[str], env: dict, cwd: Path) -> subprocess.Popen:
    full = {
        **os.environ,
        "JOURNEYKIT_ENTRY_POINTS": "0",
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        **env,
    }
    full.pop("JOURNEYKIT_DEBUG", None)
    # An ignored SIGINT is inherited, and Python then turns Ctrl-C into nothing: when this test run
    # ignores it (started in the background by a script, or under nohup), journeykit must not.
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        # Unbuffered bytes, so that _read_lines takes no more from the pipe than it returns; a session
        # of its own, so that _finish can stop the workers too if journeykit does not stop.
        return subprocess.Popen(
            [sys.executable, "-m", "journeykit", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
            env=full,
            cwd=cwd,
            start_new_session=True,
        )
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _finish(proc: subprocess.Popen, timeout: float) -> tuple[int, str, str]:
    """Wait for the process; if it does not end in time, kill it with its workers and fail."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        pytest.fail(f"journeykit stopte niet binnen {timeout} s:\n{err.decode(errors='replace')[-3000:]}")
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


def _interrupt(proc: subprocess.Popen) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)  # to journeykit only: stopping its workers is journeykit's job
    return _finish(proc, STOP)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # nothing of it is left
        pass


@pytest.fixture
def _stop_leftovers():
    """Whatever a test started is gone afterwards, even when an assertion failed halfway."""
    started: list[subprocess.Popen] = []
    yield started
    for proc in started:
        _kill_group(proc)
        proc.wait()
        for stream in (proc.stdout, proc.stderr):
            stream.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_sweep(tmp_path, _stop_leftovers, jobs):
    markers = tmp_path / "bezig"
    markers.mkdir()
    # the slow check first: for the same principle the plugin registered first wins
    args = [
        "loops",
        "--jobs",
        jobs,
        "--plugin",
        str(HOSTILE / "plugins" / "traag_toets_teken.py"),
        "--plugin",
        str(TESTSTAD_PLUGIN),
        "--data",
        str(TESTSTAD_DATA),
    ]
    proc = _start(args, {"HOSTILE_MARKERS": str(markers)}, tmp_path)
    _stop_leftovers.append(proc)
    # Every process of the sweep has done ten slow checks: all workers are started and the sweep,
    # minutes long at 20 ms a check, is in full swing.
    deadline = time.monotonic() + STARTUP
    while len(list(markers.iterdir())) < int(jobs):
        if proc.poll() is not None or time.monotonic() > deadline:
            _kill_group(proc)
            code, out, err = _finish(proc, STOP)
            pytest.fail(f"de sweep kwam niet op gang (exitcode {code}):\n{out[-2000:]}\n{err[-3000:]}")
        time.sleep(0.05)
    code, out, err = _interrupt(proc)
    assert code == 130, out + err
    assert "afgebroken" in err and "Traceback" not in err, err


def _many_journeys(tmp_path: Path, n: int) -> Path:
    """Teststad's personas and sleutelmomenten with n journey cases: enough files to interrupt a render."""
    data = tmp_path / "data"
    (data / "journeys").mkdir(parents=True)
    (data / "personas").mkdir()
    (data / "personas" / "teststad.yaml").write_bytes((TESTSTAD_DATA / "personas" / "teststad.yaml").read_bytes())
    personas = ["jan", "oma-ans", "gezin-de-boer", "piet", "opgever"]
    sms = ["info", "huishoudhulp", "geldzorgen", "alleen", "vervoer", "weduwe", "werkloos"]
    lines = ["reizen:"]
    for i in range(n):
        lines.append(
            f"  - {{id: reis-{i}, naam: Reis {i}, persona: {personas[i % 5]}, "
            f"sleutelmoment: {sms[(i // 5) % 7]}, gemeente: teststad, aanname: t}}"
        )
    (data / "journeys" / "veel.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


def _read_lines(proc: subprocess.Popen, n: int, deadline: float) -> bytes:
    """The first n lines of stdout, read a byte at a time: nothing more is taken from the pipe."""
    import select

    fd = proc.stdout.fileno()
    got = bytearray()
    while got.count(b"\n") < n:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        byte = os.read(fd, 1) if ready else b""
        if not byte:  # out of time, or journeykit ended
            _kill_group(proc)
            code, out, err = _finish(proc, STOP)
            pytest.fail(f"geen {n} regels uitvoer (exitcode {code}):\n{got.decode(errors='replace')}{out}\n{err}")
        got += byte
    return bytes(got)


def _pipe_capacity(fd: int) -> int:
    import fcntl

    return fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ) if hasattr(fcntl, "F_GETPIPE_SZ") else 65536  # Linux's default


def test_ctrl_c_during_a_render_leaves_only_whole_files_and_a_rerun_completes(tmp_path, _stop_leftovers):
    data = _many_journeys(tmp_path, 400)
    out = tmp_path / "uit"
    args = ["render", "reizen", "--out", str(out), "--plugin", str(TESTSTAD_PLUGIN), "--data", str(data)]
    proc = _start(args, {}, tmp_path)
    _stop_leftovers.append(proc)
    # Twenty files written: the write loop is running. From here on the test reads no more, so
    # journeykit can write at most one pipe buffer (64 kB) of "geschreven: ..." lines and then waits:
    # it cannot finish its 2000 files before the Ctrl-C lands, however busy the machine is. Until
    # then it is writing files, so that is where the Ctrl-C usually falls.
    first = _read_lines(proc, 20, time.monotonic() + STARTUP)
    pipe = _pipe_capacity(proc.stdout.fileno())
    assert all(ln.startswith(b"geschreven: ") for ln in first.splitlines()), first
    code, rest, err = _interrupt(proc)
    assert code == 130, rest + err
    assert "afgebroken" in err and "Traceback" not in err, err
    assert not _leftovers(out)
    interrupted = {p.name: p.read_bytes() for p in out.iterdir()}
    assert 20 <= len(interrupted) < 2000, "de onderbreking viel niet midden in het schrijven"
    # a second run completes, and every file the first run left is exactly what a whole run writes
    again = _start(args, {}, tmp_path)
    _stop_leftovers.append(again)
    code, written, err = _finish(again, STARTUP)
    assert code == 0, err
    assert len(written.encode()) > len(first) + pipe, "te weinig uitvoer om de eerste run tegen te houden"
    whole = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(whole) == 2000 and not _leftovers(out)  # five files per journey case
    for name, content in interrupted.items():
        assert whole[name] == content, f"{name} was half geschreven"


# --- hostile text in every text field, through every output format -----------------------------------

HOSTILE_TEXT = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> \"q\" 's' [b] {c} (d) |e| #f; a:b\n"
    "end --> x; subgraph graph node -> \"; %%{init: {'securityLevel': 'loose'}}%% click n1 call x() "
    "digraph { a -> b } ]]> <!-- {{ 7*7 }} {% raw %} `code` **vet** \\ &amp; "
)


def _yaml(path: Path):
    # journeykit reads with libyaml; PyYAML's pure-Python reader refuses some of Teststad's flow text
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _poison(doc, rec: s.Record):
    """Every text field of ``doc`` (following the schema) set to hostile text, also the optional ones."""
    for veld in rec.all_fields:
        typ = veld.type
        if isinstance(typ, s.Text):
            if rec in (s.ACTIE, s.REGEL_ACTIE) and doc.get("actie") not in ("oplossen", "samenwerken"):
                continue  # 'waar' belongs only to these actions
            doc[veld.name] = f"{HOSTILE_TEXT} {rec.name}.{veld.name}"
        elif isinstance(typ, s.Source) and "bron" in doc:
            doc["bron"] = {"bestand": HOSTILE_TEXT, "sectie": HOSTILE_TEXT, "citaat": HOSTILE_TEXT}
        elif isinstance(typ, s.Record) and isinstance(doc.get(veld.name), dict):
            _poison(doc[veld.name], typ)
        elif isinstance(typ, s.ListOf) and isinstance(typ.item, s.Record) and isinstance(doc.get(veld.name), list):
            for item in doc[veld.name]:
                if isinstance(item, dict):
                    _poison(item, typ.item)
    return doc


def _hostile_world(tmp_path: Path) -> tuple[Path, Path]:
    """Teststad (gemeente, personas, journeys) with hostile text in every text field."""
    gem = tmp_path / "gemeente"
    gem.mkdir()
    for f in (FIXTURES / "teststad").glob("*.yaml"):
        (gem / f.name).write_text(
            yaml.safe_dump(_poison(_yaml(f), s.BESTAND), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    data = tmp_path / "data"
    for sub in ("personas", "journeys"):
        (data / sub).mkdir(parents=True)
        for f in (TESTSTAD_DATA / sub).glob("*.yaml"):
            doc = _poison(_yaml(f), s.BESTAND)
            (data / sub / f.name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return gem, data


@pytest.fixture(scope="module")
def hostile_renders(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("injectie")
    gem, data = _hostile_world(tmp)
    common = ["--plugin", str(HOSTILE / "plugins" / "gemeenten_uit_env.py"), "--data", str(data)]
    env = {"HOSTILE_GEMEENTEN": str(gem), "PYTHONDONTWRITEBYTECODE": "1"}
    journey = ["--gemeente", "teststad", "--persona", "jan", "--sleutelmoment", "weduwe"]
    jobs = {
        "map": ["map", *journey],
        "mermaid": ["mermaid", *journey],
        "canvas": ["canvas", *journey, "--from", "nieuw"],
        "matrix": ["matrix", "--gemeente", "teststad"],
        "network": ["network", "--gemeente", "teststad"],
        "compare": ["compare", "--persona", "piet", "--sleutelmoment", "vervoer", "--per-ingang"],
        "loops": ["loops", "--gemeente", "teststad"],
        "reizen": ["reizen"],
    }
    out = tmp / "uit"

    def run(job):
        return run_cli("render", *job, "--out", str(out / job[0]), *common, env=env, cwd=tmp)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(jobs, pool.map(run, jobs.values())))
    walk = run_cli("walk", *journey, *common, env=env, cwd=tmp)
    return results, out, walk


def test_hostile_text_renders_in_every_command(hostile_renders):
    results, out, walk = hostile_renders
    for name, r in results.items():
        assert r.returncode == 0, (name, r.stdout + r.stderr)
        assert "Traceback" not in r.stderr
    assert walk.returncode == 0 and "Traceback" not in walk.stderr
    kinds = {p.suffix for p in out.rglob("*") if p.is_file()}
    assert {".html", ".md", ".mmd", ".dot"} <= kinds


def _all_files(out: Path, suffix: str) -> list[Path]:
    files = sorted(p for p in out.rglob("*" + suffix) if p.is_file())
    assert files, suffix
    return files


def test_html_and_markdown_never_carry_a_raw_script_tag(hostile_renders):
    _, out, _ = hostile_renders
    for p in _all_files(out, ".html") + _all_files(out, ".md"):
        text = p.read_text(encoding="utf-8")
        assert not re.search(r"<\s*script", text, re.I), p.name
        assert not re.search(r"<img\b", text, re.I), p.name


def test_html_shows_the_hostile_text_literally(hostile_renders):
    _, out, _ = hostile_renders
    for p in _all_files(out, ".html"):
        text = p.read_text(encoding="utf-8")
        shown = html.unescape(re.sub(r"<[^>]+>", "", text))
        assert "<script>alert(1)</script>" in shown, p.name
        assert "{{ 7*7 }}" in shown, p.name  # the template engine never evaluates data


def test_markdown_escapes_the_hostile_text(hostile_renders):
    _, out, _ = hostile_renders
    for p in _all_files(out, ".md"):
        text = p.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, p.name
        assert "<!--" not in text, p.name


JOURNEY_INIT = '%%{init: {"journey": {"width": 260, "taskFontSize": 12, "titleFontSize": "16px"}}}%%\n'


def test_mermaid_keeps_hostile_text_inside_labels(hostile_renders):
    _, out, _ = hostile_renders
    for p in _all_files(out, ".mmd"):
        text = p.read_text(encoding="utf-8")
        # a journey diagram starts with journeykit's own fixed configuration; data can add none
        own = JOURNEY_INIT if p.name.endswith(".journey.mmd") else ""
        assert text.startswith(own) and "%%{init" not in text[len(own) :], p.name
        assert "<script" not in text, p.name
        assert "alert" in text, p.name
        for line in text.splitlines()[1:]:
            # outside entity codes only Mermaid's own syntax; no quote or bracket from the data
            stripped = re.sub(r"#\d+;", "", line)
            assert "<" not in stripped and "%%" not in stripped, (p.name, line)


def test_dot_is_accepted_by_graphviz(hostile_renders):
    _, out, _ = hostile_renders
    for p in _all_files(out, ".dot"):
        r = subprocess.run(["dot", "-Tsvg", str(p)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert "<script" not in r.stdout and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.stdout


def test_the_hostile_world_is_really_hostile(tmp_path):
    """The poisoning reaches the data: otherwise the render tests above would prove nothing."""
    gem, data = _hostile_world(tmp_path)
    inhoud = load_path(gem)
    (g,) = inhoud.gemeenten
    assert g.naam.startswith(HOSTILE_TEXT) and all(i.naam.startswith(HOSTILE_TEXT) for i in g.ingangen)
    assert all(r.herkomst.aanname.startswith(HOSTILE_TEXT) for r in g.regels)
    personas = load_path(data / "personas").personas
    assert all(p.naam.startswith(HOSTILE_TEXT) for p in personas)


def test_laadfout_shows_control_characters_as_escapes():
    f = LoadError("a.yaml", 3, "naam", "ongeldige id 'x\x1b[2J\u202ey\n'")
    assert "\x1b" not in str(f) and "\u202e" not in str(f) and "\n" not in str(f)
    assert "\\x1b[2J" in str(f) and "\\u202e" in str(f)
