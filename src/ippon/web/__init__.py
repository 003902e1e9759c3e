"""The web server: JSON API, official WebSocket channel, SSE streams, roles."""
