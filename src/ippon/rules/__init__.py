"""The judo contest rules engine: pure, deterministic, standard library only."""
