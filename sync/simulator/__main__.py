import sys

from sync.simulator.cli import main

sys.exit(main(sys.argv[1:]))
