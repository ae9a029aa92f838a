"""The debugger: ``apple2 debug``, a monitor for a terminal (traces: ``emu.trace``).

It sits on the machine's own API (:class:`emu.machine.Apple2`): ``step``,
``run`` with breakpoints and watchpoints, side-effect-free ``peek``, and save
states.  Nothing here touches the core directly, so what the debugger shows
is what a script would see.
"""
from __future__ import annotations

import cmd
import shlex
import sys
from typing import TextIO

from .cpu.disasm import format_line, parse_address
from .cpu.state import StopReason
from .machine import Apple2, Stop
from .trace import describe, instruction_at, trace_line, write_trace  # noqa: F401
from .userfiles import check_output, one_line

MAX_LISTING = 0x10000       # mem and disasm show at most the whole address space

def _range(text: str) -> tuple[int, int]:
    """``300`` or ``300-3FF`` or ``300.3FF`` -> (start, end), inclusive."""
    for sep in ("-", "."):
        if sep in text:
            a, b = text.split(sep, 1)
            start, end = parse_address(a), parse_address(b)
            if end < start:
                raise ValueError(f"the range {text} ends before it starts")
            return start, end
    a = parse_address(text)
    return a, a


def _count(text: str, most: int, what: str = "count") -> int:
    """A decimal (or 0x-prefixed hex) count from 0 to ``most``."""
    try:
        n = int(text[2:], 16) if text.lower().startswith("0x") else int(text, 10)
    except ValueError:
        raise ValueError(f"bad {what} {text!r}: expected a number") from None
    if not 0 <= n <= most:
        raise ValueError(f"the {what} must be 0 to {most:,}, not {n}")
    return n


def _drive(text: str) -> int:
    if text not in ("1", "2"):
        raise ValueError(f"drive 1 or 2, not {text!r}")
    return int(text)


class UsageError(ValueError):
    """A command given the wrong words; the monitor answers with its usage line."""


class Monitor(cmd.Cmd):
    """``apple2 debug``: break, step, regs, mem, disasm, trace, continue, save and load.

    Addresses are hex, with or without ``$``.  Type ``help`` or ``help CMD``.
    """

    intro = "apple2 debugger: type help for the commands, quit to leave."
    prompt = "(apple2) "

    def __init__(self, machine: Apple2, stdin: TextIO | None = None,
                 stdout: TextIO | None = None):
        super().__init__(stdin=stdin, stdout=stdout)
        if stdin is not None:
            self.use_rawinput = False
        self.m = machine
        self.next_disasm = None

    # -- helpers --
    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def onecmd(self, line: str) -> bool:
        try:
            return super().onecmd(line)
        except UsageError:
            self.say(f"usage: {self.usage(line)}")
        except (ValueError, OSError, OverflowError) as e:   # DiskError, StateError: ValueErrors
            self.say(f"error: {one_line(e)}")
        except KeyboardInterrupt:
            self.say("interrupted")
        return False

    def usage(self, line: str) -> str:
        """A command's usage: the first line of its docstring, up to the colon."""
        name = self.parseline(line)[0]
        doc = getattr(self, f"do_{name}", None).__doc__ if name else None
        return doc.split(":", 1)[0] if doc else "type help"

    @staticmethod
    def words(arg: str, least: int, most: int | None = None) -> list[str]:
        """The words of a command's argument (quotes allowed), from ``least`` to ``most``.

        A wrong count is a UsageError: onecmd answers with the usage.
        """
        words = shlex.split(arg)
        if len(words) < least or (most is not None and len(words) > most):
            raise UsageError
        return words

    def emptyline(self) -> bool:
        return False

    def default(self, line: str) -> bool:
        self.say(f"unknown command {line.split()[0]!r}: type help")
        return False

    def show_stop(self, stop: Stop) -> None:
        self.say(f"stopped: {describe(stop)}")
        self.say(trace_line(self.m))

    # -- commands --
    def do_regs(self, arg: str) -> None:
        """regs: show the registers, the flags and the cycle count."""
        self.say(str(self.m.registers))

    def do_set(self, arg: str) -> None:
        """set REG VALUE: set a register (a x y s p pc), value in hex."""
        reg, value = self.words(arg, 2, 2)
        reg = reg.lower()
        if reg == "pc":
            self.m.cpu.set_pc(parse_address(value))
        elif reg in ("a", "x", "y", "s", "p"):
            setattr(self.m.cpu, reg, parse_address(value) & 0xFF)
        else:
            raise ValueError(f"no register {reg!r}: use a x y s p pc")
        self.do_regs("")

    def do_step(self, arg: str) -> None:
        """step [N]: run N instructions (default 1), showing each before it runs."""
        words = self.words(arg, 0, 1)
        n = _count(words[0], 1 << 62, "number of instructions") if words else 1
        for i in range(n):
            if i and self.m.breaks_here():
                self.say("stopped at a breakpoint")
                break
            self.say(trace_line(self.m))
            stop = self.m.step(1)
            if stop.reason != "done":
                self.show_stop(stop)
                return
        self.do_regs("")

    def do_continue(self, arg: str) -> None:
        """continue [FRAMES]: run until a breakpoint, a watchpoint, BRK/JAM, or FRAMES frames.

        Without FRAMES it runs until something stops it (Ctrl+C stops it at
        the end of a frame).
        """
        words = self.words(arg, 0, 1)
        frames = _count(words[0], 1 << 40, "number of frames") if words else None
        try:
            while True:
                stop = self.m.run(frames=1 if frames is None else frames)
                if stop.reason != "done" or frames is not None:
                    break
        except KeyboardInterrupt:
            stop = self.m._stop(StopReason.LIMIT)
            self.say("interrupted")
        if stop.reason == "done":
            self.say(f"ran to cycle {stop.cycle}")
            self.say(trace_line(self.m))
        else:
            self.show_stop(stop)

    do_c = do_continue

    def do_break(self, arg: str) -> None:
        """break [ADDR]: stop before the instruction at ADDR runs; no ADDR lists them."""
        words = self.words(arg, 0, 1)
        if words:
            self.m.add_breakpoint(parse_address(words[0]))
        points = self.m.breakpoints
        self.say("breakpoints: " + (" ".join(f"${a:04X}" for a in points) or "none"))

    do_b = do_break

    def do_delete(self, arg: str) -> None:
        """delete ADDR | all: remove a breakpoint, or every breakpoint and watchpoint."""
        (what,) = self.words(arg, 1, 1)
        if what == "all":
            self.m.clear_breakpoints()
            self.say("all breakpoints and watchpoints removed")
        else:
            self.m.remove_breakpoint(parse_address(what))
            self.do_break("")

    def do_watch(self, arg: str) -> None:
        """watch ADDR[-END] [r|w|rw]: stop after an instruction reads or writes there."""
        parts = self.words(arg, 1, 2)
        start, end = _range(parts[0])
        kind = parts[1].lower() if len(parts) > 1 else "rw"
        if kind not in ("r", "w", "rw"):
            raise ValueError("the kind is r, w or rw")
        self.m.watch(start, end, read="r" in kind, write="w" in kind)
        self.say(f"watching ${start:04X}-${end:04X} ({kind})")

    def do_unwatch(self, arg: str) -> None:
        """unwatch ADDR[-END]: stop watching these addresses."""
        start, end = _range(self.words(arg, 1, 1)[0])
        self.m.unwatch(start, end)

    def do_brk(self, arg: str) -> None:
        """brk on|off: stop before executing a BRK (a JAM always stops)."""
        (switch,) = self.words(arg, 1, 1)
        if switch.lower() not in ("on", "off", "1", "0", "yes", "no"):
            raise ValueError(f"brk on or brk off, not {switch!r}")
        self.m.break_on_brk = switch.lower() in ("on", "1", "yes")
        self.say(f"break on BRK: {'on' if self.m.break_on_brk else 'off'}")

    def do_mem(self, arg: str) -> None:
        """mem ADDR[-END] or mem ADDR [LEN]: hex dump, read without side effects."""
        parts = self.words(arg, 1, 2)
        start, end = _range(parts[0])
        if len(parts) > 1:
            end = start + _count(parts[1], MAX_LISTING, "length") - 1
        elif end == start:
            end = start + 0x3F
        for row in range(start, end + 1, 16):
            data = [self.m.peek(a & 0xFFFF) for a in range(row, min(row + 16, end + 1))]
            text = "".join(chr(b & 0x7F) if 0x20 <= (b & 0x7F) < 0x7F else "." for b in data)
            self.say(f"{row & 0xFFFF:04X}-  " + " ".join(f"{b:02X}" for b in data).ljust(48)
                     + f" {text}")

    do_m = do_mem

    def do_poke(self, arg: str) -> None:
        """poke ADDR BYTE...: store bytes (hex) in memory."""
        parts = self.words(arg, 2)
        address = parse_address(parts[0])
        values = [parse_address(b) for b in parts[1:]]
        bad = [b for b, v in zip(parts[1:], values) if v > 0xFF]
        if bad:
            raise ValueError(f"{bad[0]} is not a byte ($00-$FF)")
        for i, v in enumerate(values):
            self.m.poke((address + i) & 0xFFFF, v)

    def do_disasm(self, arg: str) -> None:
        """disasm [ADDR] [N]: list N instructions (default 16) from ADDR (default PC)."""
        parts = self.words(arg, 0, 2)
        address = parse_address(parts[0]) if parts else (
            self.next_disasm if self.next_disasm is not None else self.m.cpu.pc)
        count = _count(parts[1], MAX_LISTING, "number of lines") if len(parts) > 1 else 16
        for _ in range(count):
            line = instruction_at(self.m, address)
            self.say(format_line(line))
            address = (address + len(line.raw)) & 0xFFFF
        self.next_disasm = address

    do_d = do_disasm

    def do_trace(self, arg: str) -> None:
        """trace FILE [N]: run N instructions (default 10000), writing each to FILE."""
        parts = self.words(arg, 1, 2)
        n = _count(parts[1], 1 << 62, "number of instructions") if len(parts) > 1 else 10_000
        check_output(parts[0], "trace file")
        with open(parts[0], "w") as out:
            stop = write_trace(self.m, out, instructions=n)
        self.say(f"traced to {parts[0]}: {describe(stop)}")

    def do_save(self, arg: str) -> None:
        """save FILE: save the whole machine's state (and the drives' changes to their files)."""
        (path,) = self.words(arg, 1, 1)
        for note in self.m.save_state(path):
            self.say(f"note: {note}")
        self.say(f"saved {path}")

    def do_load(self, arg: str) -> None:
        """load FILE [restore-disks]: resume a saved state.

        An image file that changed since the state was saved is kept as it
        is (the drive holds the state's disk without writing it back);
        ``restore-disks`` writes the state's disk over it instead.
        """
        words = self.words(arg, 1, 2)
        if len(words) == 2 and words[1] != "restore-disks":
            raise UsageError
        for note in self.m.load_state(words[0], restore_disks=len(words) == 2):
            self.say(f"note: {note}")
        self.say(f"loaded {words[0]}")
        self.do_regs("")

    def do_type(self, arg: str) -> None:
        """type TEXT: queue keys (\\n is Return)."""
        if not arg:
            raise UsageError
        self.m.type_text(arg.replace("\\n", "\n").replace("\\r", "\r"))

    def do_screen(self, arg: str) -> None:
        """screen: print the 40x24 text screen."""
        self.say(self.m.text_screen())

    def do_screenshot(self, arg: str) -> None:
        """screenshot FILE.png: save the last frame."""
        (path,) = self.words(arg, 1, 1)
        check_output(path, "PNG file")
        self.m.screenshot(path)

    def do_insert(self, arg: str) -> None:
        """insert DRIVE FILE: put a disk image in drive 1 or 2 (the Disk II card goes in slot 6)."""
        drive, path = self.words(arg, 2, 2)
        disk = self.m.insert_disk(_drive(drive), path)
        self.say(f"drive {drive}: {disk.name}" + (", write-protected" if disk.write_protected else ""))

    def do_eject(self, arg: str) -> None:
        """eject DRIVE: take the disk out of drive 1 or 2, writing its changes back."""
        (drive,) = self.words(arg, 1, 1)
        disk = self.m.eject(_drive(drive))
        self.say(f"drive {drive}: " + (f"{disk.name} ejected" if disk else "empty"))

    def do_reset(self, arg: str) -> None:
        """reset: press RESET."""
        self.m.reset()

    def do_quit(self, arg: str) -> bool:
        """quit: leave the debugger."""
        return True

    do_q = do_quit
    do_EOF = do_quit


def main(machine: Apple2, commands: TextIO | None = None) -> int:
    """Run the monitor on ``machine``, reading commands from ``commands`` or the terminal."""
    monitor = Monitor(machine, stdin=commands, stdout=sys.stdout)
    monitor.cmdloop()
    return 0
