#!/usr/bin/env python
"""Django's command-line utility; `samspill` (the console script) does the same."""

from samspill.__main__ import main

if __name__ == "__main__":
    main()
