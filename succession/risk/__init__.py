"""The succession-risk score: the method (data), its nightly recalculation, the dashboard's reads,
the digest and the exports. The scoring itself is the pure function in succession.scoring."""

# The package's permissions are registered when anything in it is first imported (the URLconf
# imports the dashboard views, the worker the tasks).
from . import rules as rules  # noqa: E402
