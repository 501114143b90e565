"""Rule families, one module each; every module here is discovered by the registry."""
