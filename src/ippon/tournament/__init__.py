"""The competition engine: categories, draws, competition systems, placings. Pure code."""
