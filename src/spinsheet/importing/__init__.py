"""Import: another tool's files in, checked passages of `corpus/` out (see `pipeline`)."""
