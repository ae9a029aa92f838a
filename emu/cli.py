"""The ``apple2`` command."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="apple2", description="An Apple II emulator.")
    sub = parser.add_subparsers(dest="command")

    conf = sub.add_parser("conformance", help="run third-party CPU test suites")
    conf_sub = conf.add_subparsers(dest="suite", required=True)
    klaus = conf_sub.add_parser("klaus", help="Klaus Dormann's functional, 65C02, interrupt "
                                              "and decimal tests")
    klaus.add_argument("--testdata", help="the shared test data folder "
                                          "(default: $APPLE2_TESTDATA or ../shared/testdata)")
    single = conf_sub.add_parser("singlestep", help="Tom Harte's single-step tests")
    single.add_argument("dir", help="a folder of XX.json.gz files, e.g. .../singlestep/6502")
    single.add_argument("--cpu", choices=("6502", "65c02"), default="6502")

    dis = sub.add_parser("disasm", help="disassemble a binary file")
    dis.add_argument("file")
    dis.add_argument("--org", default="0", help="load address of the file (hex: $0800, 0x800)")
    dis.add_argument("--cpu", choices=("6502", "65c02"), default="6502")

    bench = sub.add_parser("bench", help="measure emulation speed")
    bench.add_argument("what", nargs="?", default="cpu", choices=("cpu",))
    bench.add_argument("--quick", action="store_true", help="a short run")
    return parser


def skip_numba_blas_probe() -> None:
    """Stop numba from importing scipy's BLAS bindings when it first loads code.

    numba imports ``scipy.linalg.cython_blas`` (if scipy is installed) only to
    learn whether ``np.dot`` can be compiled; that costs about 0.4 s of every
    start, and the emulator never calls BLAS.  The command line marks the module
    as absent; library users who import ``emu`` keep numba's default.
    """
    sys.modules.setdefault("scipy.linalg.cython_blas", None)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    skip_numba_blas_probe()
    if args.command == "conformance" and args.suite == "klaus":
        from .conformance import klaus
        return klaus.main(args.testdata)
    if args.command == "conformance" and args.suite == "singlestep":
        from .conformance import singlestep
        return singlestep.main(args.dir, args.cpu)
    if args.command == "disasm":
        from .cpu import disasm
        return disasm.main(args.file, args.org, args.cpu)
    if args.command == "bench":
        from . import bench
        return bench.main(args.what, quick=args.quick)
    # With no command: until the machine exists, run the CPU conformance suite.
    from .conformance import klaus
    return klaus.main(None)


if __name__ == "__main__":
    sys.exit(main())
