from listlint.cli import main

main()
