"""`make run`: start the app on the right address (event contract, "Access").

Without a team password the app serves only this machine (127.0.0.1); with one
(PAARWEISE_PASSWORD, PAARWEISE_PASSWORD_HASH or .streamlit/secrets.toml) it listens on the
network so phones at the venue can reach it, and organiser pages ask for the password.
Setting server.address also stops Streamlit's start-up lookup of an outside IP service.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.access.login import PasswordError, configured_hash  # noqa: E402


def main() -> int:
    port = os.environ.get("PORT", "8501")
    try:
        protected = configured_hash() is not None
    except PasswordError as error:
        print(f"Paarweise: the team password cannot be used: {error}", file=sys.stderr)
        return 2
    address = "0.0.0.0" if protected else "127.0.0.1"
    if protected:
        print(f"Paarweise: team password set - listening on the network, port {port}.")
    else:
        print(
            f"Paarweise: no team password - only this computer can open http://127.0.0.1:{port}\n"
            "  To let phones in: PAARWEISE_PASSWORD='…' make run  (see README, Access)."
        )
    streamlit = str(Path(sys.executable).with_name("streamlit"))
    args = [streamlit, "run", "serve.py", "--server.address", address, "--server.port", port]
    os.chdir(ROOT)
    os.execv(streamlit, args)


if __name__ == "__main__":
    sys.exit(main())
