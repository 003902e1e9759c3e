"""Command-line commands: thin wrappers that parse arguments, call the core, print results."""
