import sys

from sortition.cli import main

sys.exit(main())
