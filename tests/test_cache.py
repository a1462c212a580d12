"""The load cache: a hit gives exactly what loading gives, and anything doubtful is a miss."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from journeykit import cache
from journeykit.errors import LoadErrors
from journeykit.loading import load_path

from conftest import FIXTURES, TESTSTAD_ARGS, run_cli

TESTSTAD = FIXTURES / "teststad"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("JOURNEYKIT_CACHE", str(d))
    return d


def entries(d):
    return sorted(d.glob("*.pickle")) if d.exists() else []


def test_a_hit_equals_a_fresh_load(cache_dir, tmp_path, monkeypatch):
    first = load_path(TESTSTAD)
    assert len(entries(cache_dir)) == 1
    second = load_path(TESTSTAD)
    monkeypatch.setenv("JOURNEYKIT_CACHE", "uit")
    fresh = load_path(TESTSTAD)
    assert second == fresh == first
    assert second.gemeenten[0].plaats == fresh.gemeenten[0].plaats
    # line numbers of keys travel too (they are left out of equality)
    assert second.gemeenten[0].plaats.sleutels == fresh.gemeenten[0].plaats.sleutels
    assert second.gemeenten[0].plaats.sleutels


def test_the_cli_prints_the_same_bytes_from_the_cache(tmp_path):
    d = tmp_path / "cache"
    args = [
        "walk",
        *TESTSTAD_ARGS,
        "--gemeente",
        "teststad",
        "--persona",
        "piet",
        "--sleutelmoment",
        "vervoer",
        "--format",
        "json",
    ]
    cold = run_cli(*args, env={"JOURNEYKIT_CACHE": str(d)})
    assert cold.returncode == 0, cold.stderr
    assert entries(d), "the first run stored nothing"
    warm = run_cli(*args, env={"JOURNEYKIT_CACHE": str(d)})
    off = run_cli(*args, env={"JOURNEYKIT_CACHE": "uit"})
    assert warm.stdout == cold.stdout == off.stdout
    assert warm.stderr == cold.stderr == off.stderr


def test_a_changed_file_is_loaded_again(cache_dir, tmp_path):
    data = tmp_path / "teststad"
    shutil.copytree(TESTSTAD, data)
    before = load_path(data)
    gemeente = data / "gemeente.yaml"
    text = gemeente.read_text(encoding="utf-8")
    old_name = before.gemeenten[0].naam
    gemeente.write_text(text.replace(f"naam: {old_name}", "naam: Anderstad", 1), encoding="utf-8")
    after = load_path(data)
    assert after.gemeenten[0].naam == "Anderstad"
    assert len(entries(cache_dir)) == 2


def test_the_name_shown_is_part_of_the_key(cache_dir):
    a = load_path(TESTSTAD, "hier/teststad")
    b = load_path(TESTSTAD, "daar/teststad")
    assert a.gemeenten[0].plaats.bestand.startswith("hier")
    assert b.gemeenten[0].plaats.bestand.startswith("daar")


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """A copy of journeykit's source that the real code fingerprint reads instead of the installed package."""
    copy = tmp_path / "journeykit"
    shutil.copytree(Path(cache.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    cache._code_fingerprint.cache_clear()
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    yield copy
    cache._code_fingerprint.cache_clear()  # monkeypatch has put __file__ back: the next call reads the package


def test_changed_code_misses_the_cache(cache_dir, package_copy):
    unchanged = cache._code_fingerprint()
    load_path(TESTSTAD)
    # a change to a module deep in the package: the fingerprint, and with it the key, changes
    checks = package_copy / "analysis" / "checks.py"
    checks.write_text(checks.read_text(encoding="utf-8").replace(" > hoogstens", " >= hoogstens"), encoding="utf-8")
    cache._code_fingerprint.cache_clear()
    assert cache._code_fingerprint() != unchanged
    load_path(TESTSTAD)
    assert len(entries(cache_dir)) == 2
    # a new module counts too, and so does a module's name
    cache._code_fingerprint.cache_clear()
    changed = cache._code_fingerprint()
    (package_copy / "nieuw.py").write_text("", encoding="utf-8")
    cache._code_fingerprint.cache_clear()
    with_new = cache._code_fingerprint()
    assert with_new != changed
    (package_copy / "nieuw.py").rename(package_copy / "anders.py")
    cache._code_fingerprint.cache_clear()
    assert cache._code_fingerprint() not in (changed, with_new)


def test_the_code_fingerprint_is_of_the_source_not_of_where_it_lies(package_copy, monkeypatch):
    os.utime(package_copy / "engine.py", (0, 0))  # neither a file's place nor its time is part of it
    in_copy = cache._code_fingerprint()
    monkeypatch.undo()  # the installed package again
    cache._code_fingerprint.cache_clear()
    assert cache._code_fingerprint() == in_copy


def test_a_damaged_entry_is_a_miss(cache_dir):
    expected = load_path(TESTSTAD)
    (entry,) = entries(cache_dir)
    entry.write_bytes(entry.read_bytes()[:100])
    assert load_path(TESTSTAD) == expected
    (entry,) = entries(cache_dir)
    # an entry whose content was stored under another key (copied or renamed) does not count either
    entry.write_bytes(pickle.dumps(("0" * 64, "not data")))
    assert load_path(TESTSTAD) == expected


class Poison:
    """Unpickling this records that the cache was trusted."""

    opened = False

    def __reduce__(self):
        return (_poisoned, ())


def _poisoned():
    Poison.opened = True
    return "poison"


def test_a_cache_others_can_write_to_is_not_read(cache_dir):
    load_path(TESTSTAD)
    (entry,) = entries(cache_dir)
    k = entry.stem
    entry.write_bytes(pickle.dumps((k, Poison())))
    os.chmod(cache_dir, 0o777)
    try:
        result = load_path(TESTSTAD)
    finally:
        os.chmod(cache_dir, 0o700)
    assert not Poison.opened
    assert result.gemeenten[0].id
    # the same entry in a private directory is read: the test above did test something
    assert load_path(TESTSTAD) == "poison" and Poison.opened


def test_bad_input_is_never_cached(cache_dir, tmp_path):
    bad = tmp_path / "kapot.yaml"
    bad.write_text("personas:\n  - id: Niet Goed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(LoadErrors) as e:
            load_path(bad)
        assert "kapot.yaml" in str(e.value.errors[0])
    assert entries(cache_dir) == []


def test_turned_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYKIT_CACHE", "uit")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    load_path(TESTSTAD)
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv("JOURNEYKIT_CACHE", str(blocker / "cache"))
    assert load_path(TESTSTAD).gemeenten[0].id


def test_the_cache_stays_bounded(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(6):
        f = tmp_path / f"p{i}.yaml"
        f.write_text(
            f"personas:\n  - {{id: p{i}, naam: P {i}, leeftijd: 40, huishouden: alleenstaand, aanname: fictief}}\n",
            encoding="utf-8",
        )
        load_path(f)
    assert len(entries(cache_dir)) == 3
