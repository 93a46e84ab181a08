"""Rembug's domain: workshops, participants and every step of the four days.

Nothing in this package imports Streamlit; pages and the command line call in here.
"""
