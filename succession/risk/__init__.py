"""The risk dashboard's demo and benchmark data (the risk itself is the risk app)."""
