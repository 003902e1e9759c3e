"""Live updates: an in-process hub of full snapshots per topic, bridged across processes."""
