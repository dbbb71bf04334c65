"""`python -m matching ...`: the command line (matching/cli.py); `--help` describes every command."""

import sys

from matching.cli import main

sys.exit(main())
