"""``python -m rostercheck``: the ``rostercheck`` command."""

from rostercheck.entry import main

if __name__ == "__main__":
    main()
