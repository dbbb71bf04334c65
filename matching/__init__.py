"""Paarweise core: participant import, rotation planning, metrics, network, exports, storage.

This package never imports Streamlit; the app's pages call into it.
"""

__version__ = "0.1.0"
