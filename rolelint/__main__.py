"""Entry point for ``python -m rolelint``."""

from rolelint.cli import main

if __name__ == "__main__":
    main()
