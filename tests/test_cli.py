"""The command line, called as users call it."""

import json
import subprocess
import sys

from geo.cli import build_parser, main


def run(*argv):
    return subprocess.run([sys.executable, "-m", "geo", *argv], capture_output=True, text=True, timeout=120)


def test_lookup_json_resolves_the_seed_spellings_and_none_of_the_non_places():
    names = [
        "al-Shaar",
        "Agheour",
        "al-Farafrah",
        "Bab al-Hadeed",
        "Balalat",
        "old city",
        "eastern Aleppo",
        "Masakan Hanano",
        "Sheik Saeed",
        "Karam al-Jabal",
        "Aqyul",
        "Hamburg",
        "Kerry",
    ]
    done = run("lookup", "--json", *names)
    assert done.returncode == 0, done.stderr
    results = {r["query"]: r for r in json.loads(done.stdout)}
    for name in names[:-2]:
        assert results[name]["match"] is not None, name
        assert set(results[name]["match"]) == {"id", "name", "kind", "lat", "lon"}
    assert results["Hamburg"]["match"] is None and results["Kerry"]["match"] is None
    assert all({"query", "match", "score", "candidates"} <= set(r) for r in results.values())


def test_every_command_has_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert commands
    for name in commands:
        try:
            main([name, "--help"])
        except SystemExit as exit:
            assert exit.code == 0
        assert "usage:" in capsys.readouterr().out


def test_bad_input_is_one_line_and_status_2(tmp_path):
    done = run("lookup", "x", "--gazetteer", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "gazetteer.json" in done.stderr
    done = run("lookup")
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
