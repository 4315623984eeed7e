"""Compile every locale/<lang>/LC_MESSAGES/*.po into its .mo, without GNU gettext.

`make install` (and so `make run` and `make test`) runs it, so a fresh clone shows translated
pages with no extra step on a machine with only Python. The .mo files are build output (not in
git); the .po files are the source. Run as `python locale/compile.py`; it rewrites a .mo only
when its .po is newer. The Docker image compiles with `manage.py compilemessages` (gettext).
"""

import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent


def main() -> int:
    compiled = 0
    for source in sorted(HERE.glob("*/LC_MESSAGES/*.po")):
        target = source.with_suffix(".mo")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(source))
        catalogue.save_as_mofile(str(target))
        compiled += 1
        print(f"compiled {target.relative_to(HERE.parent)} ({catalogue.percent_translated()} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
