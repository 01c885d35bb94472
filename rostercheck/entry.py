"""The ``rostercheck`` command's entry: the reading child of a large ``check`` is forked
(``overlap.start_early``) before typer and the command's modules are imported, which
the child's parse of the Diensten sheet then has (about 0.04 s); then ``cli.main``."""

from __future__ import annotations

import sys


def main() -> None:
    from rostercheck import overlap

    overlap.start_early(sys.argv[1:])
    from rostercheck.cli import main as cli_main

    cli_main()
