"""``python -m rostercheck``: the ``rostercheck`` command."""

from rostercheck.entry import main

main()
