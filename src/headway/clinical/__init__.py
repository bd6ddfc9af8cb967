"""The pure clinical core of Headway.

Plain Python only: no Django import anywhere in this package (tests/clinical/test_purity.py
enforces it). Data in, data out, deterministic, so a clinician can review it and the tests can
cover every threshold.
"""
