"""The `downtown-snap` command line: the one place (with the web app factory) that wires it all."""
