"""Private: see the package's public face."""
