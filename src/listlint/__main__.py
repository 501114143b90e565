from listlint.cli import entry

entry()
