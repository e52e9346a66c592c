"""teipress: edit, validate and publish TEI P5 digital editions."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("teipress")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"
