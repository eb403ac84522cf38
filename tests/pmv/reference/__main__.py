"""Write the generated pages, or with --check say which are out of date (exit status 1)."""

from __future__ import annotations

import sys

from pmv.reference.build import out_of_date, write_all
from pmv.reference.site_model import PageError


def main() -> None:
    if "--check" in sys.argv[1:]:
        stale, problems = out_of_date()
        for line in problems + [f"{p} is out of date" for p in stale]:
            print(line)
        sys.exit(1 if stale or problems else 0)
    written, problems = write_all()
    for path in written:
        print(f"wrote {path}")
    for line in problems:
        print(line)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    try:
        main()
    except PageError as error:
        sys.exit(str(error))
