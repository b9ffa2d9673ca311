"""``python -m generator build|check|serve|new|audit-ipv6``: the same command line as ``disclosure``."""
from .cli import run

if __name__ == "__main__":
    run(prog="python -m generator")
