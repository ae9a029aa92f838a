"""``python -m benchmarks [--quick]``: the whole suite (see benchmarks/suite.py)."""
import argparse
import sys

from benchmarks import suite

parser = argparse.ArgumentParser(prog="python -m benchmarks", description=suite.__doc__.splitlines()[0])
parser.add_argument("--quick", action="store_true", help="one repeat, shorter runs")
sys.exit(suite.main(parser.parse_args().quick))
