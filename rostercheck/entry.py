"""The ``rostercheck`` command's entry: the reading child of a large ``check`` is forked
(``overlap.start_early``) before typer and the command's modules are imported, which
the child's parse of the Diensten sheet then has (about 0.04 s); then ``cli.main``."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["check"]:
        # ``check`` runs without the cyclic collector once it reads the roster (cli.check);
        # off from the start, the imports (tens of thousands of objects) take 0.02 s less.
        import gc

        gc.disable()
    from rostercheck import overlap

    overlap.start_early(sys.argv[1:])
    from rostercheck.cli import main as cli_main

    cli_main()
