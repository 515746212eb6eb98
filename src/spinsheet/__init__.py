"""spinsheet: annotated news passages in, printed worksheets and answer keys out."""

__version__ = "0.1.0"
