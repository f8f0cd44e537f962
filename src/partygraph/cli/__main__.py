from partygraph.cli import main

main()
