"""The telephone counselling service (free dial): its schedule by fiscal year (private).

:mod:`jetrules.phone` is the face of this package; import the names from there.
"""
