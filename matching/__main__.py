"""`python -m matching ...`: see matching/cli.py and shared/spec/planner-contract.md."""

import sys

from matching.cli import main

sys.exit(main())
