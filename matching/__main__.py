"""`python -m matching ...`: the command line (matching/cli.py); `--help` tells the rest."""

import sys

from matching.cli import main

sys.exit(main())
