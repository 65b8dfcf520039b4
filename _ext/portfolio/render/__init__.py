"""Records to docutils nodes: pure functions, the same nodes for every builder."""
