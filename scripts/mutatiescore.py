"""The mutation score per module after `mutmut run` (`make mutate`), and every mutant that survived.

The modules are those of ``only_mutate`` in pyproject.toml's [tool.mutmut]; the results are what
mutmut left in mutants/. A mutant that ran into the time limit counts as killed (it hung, so a
test noticed), as mutmut's own score does. Exits with 1 when a module scores under MIN_SCORE or a
survivor is not listed as equivalent, with its reason, in docs/mutaties.md.

    .venv/bin/python scripts/mutatiescore.py
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_SCORE = 90.0
KILLED = {1, 3, 36, -24, 24, 152, 255}  # mutmut's exit codes for 'killed' and 'timeout'


def main() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    listed = set(re.findall(r"`([\w.]+__mutmut_\d+)`", (ROOT / "docs" / "mutaties.md").read_text(encoding="utf-8")))
    ok = True
    print(f"mutmut {version('mutmut')}")
    for module in config["only_mutate"]:
        meta = ROOT / "mutants" / f"{module}.meta"
        if not meta.is_file():
            print(f"{module}: geen resultaten in {meta.relative_to(ROOT)}; draai eerst `make mutate`")
            ok = False
            continue
        results = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        survivors = sorted(k for k, code in results.items() if code not in KILLED)
        killed = len(results) - len(survivors)
        score = 100 * killed / len(results) if results else 100.0
        unexplained = [k for k in survivors if k not in listed]
        print(f"{module}: {killed} van {len(results)} mutanten gedood ({score:.1f} %)")
        for k in survivors:
            how = "gelijkwaardig (docs/mutaties.md)" if k in listed else "NIET VERKLAARD"
            print(f"    overleeft: {k} [{'niet getest' if results[k] is None else results[k]}] {how}")
        if score < MIN_SCORE or unexplained:
            ok = False
    if not ok:
        print(
            f"Niet in orde: elke module moet minstens {MIN_SCORE:.0f} % halen, en elke mutant die overleeft moet "
            "gedood worden door een test of in docs/mutaties.md staan met de reden waarom hij gelijkwaardig is."
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
