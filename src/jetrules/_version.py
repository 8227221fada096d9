"""The package's version, read by the build backend and by ``jetrules --version``."""

__version__ = "0.1.0"
