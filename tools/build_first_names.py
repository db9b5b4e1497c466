"""Rebuild app/extract/data/first_names.tsv: given names that are, in the United States, almost
always a man's or almost always a woman's, so that "he" is not pinned on Shalanda Young.

Source: the U.S. Census Bureau's 1990 "Frequently Occurring Names" lists (dist.male.first and
dist.female.first: each name's share of men and of women, in percent), a work of the United
States government and so in the public domain. A name is kept for one sex when its share there
is at least RATIO times its share in the other list; names common to both ("Jordan", "Leslie")
are left out, and so are unknown: they agree with any pronoun.

    python3 tools/build_first_names.py DIR_WITH_CENSUS_FILES > app/extract/data/first_names.tsv
"""

from __future__ import annotations

import sys
from pathlib import Path

RATIO = 8.0


def shares(path: Path) -> dict[str, float]:
    found = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            found[parts[0].capitalize()] = float(parts[1])
    return found


def main(folder: Path) -> None:
    male = shares(folder / "dist.male.first")
    female = shares(folder / "dist.female.first")
    print("# Given names almost always of one sex (see tools/build_first_names.py).")
    print("# Source: U.S. Census Bureau, 1990 Frequently Occurring Names; public domain.")
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= RATIO * f:
            print(f"{name}\tm")
        elif f >= RATIO * m:
            print(f"{name}\tf")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
