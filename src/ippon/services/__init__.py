"""Use cases: each one a transaction, an audit row, and snapshots published after commit."""
