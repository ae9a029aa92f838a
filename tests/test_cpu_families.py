"""Unit tests of the CPU core, one family of instructions at a time.

Each test is one exact case, with its assembly in a comment.  The shared
cases live in :class:`CommonCases` and run on both variants through
:class:`TestNMOS` and :class:`TestCMOS`; where the chips differ, the class
attributes say how (cycles, decimal flags, bus cycles), and cases only one
chip has are methods of that chip's class.

Expectations follow the MOS and WDC documentation and the single-step data
(/work/shared/testdata/singlestep), not the core.
"""
from __future__ import annotations

import numpy as np
import pytest

from emu.cpu import state
from emu.cpu.core import CPU
from emu.cpu.opcodes import CMOS, NMOS
from emu.cpu.state import StopReason

C, Z, I, D, B, U, V, N = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80
FLAGS = {"C": C, "Z": Z, "I": I, "D": D, "V": V, "N": N}

ORG = 0x0400        # where the instruction under test goes
R, W = "read", "write"


class CommonCases:
    """Cases that hold on both the NMOS 6502 and the 65C02."""

    variant: str
    DECIMAL_EXTRA = 0         # ADC/SBC: one more cycle in decimal mode
    SHIFT_ABX_CYCLES = 7      # ASL/LSR/ROL/ROR abs,X without a page cross
    JMP_IND_CYCLES = 5

    # --- helpers ---------------------------------------------------------------
    def make(self, code, org: int = ORG, *, a=0, x=0, y=0, s=0xFD, p=U,
             mem: dict[int, int] | None = None) -> CPU:
        """A CPU with ``code`` at ``org``, the given registers and memory."""
        cpu = CPU(self.variant)
        cpu.mem[org:org + len(code)] = code
        for addr, value in (mem or {}).items():
            cpu.mem[addr] = value
        cpu.set_pc(org)
        cpu.a, cpu.x, cpu.y, cpu.s, cpu.p = a, x, y, s, p
        return cpu

    @staticmethod
    def run1(cpu: CPU) -> int:
        """Run one instruction; returns its cycle count."""
        start = cpu.cycles
        assert cpu.run(instructions=1) == StopReason.LIMIT
        return cpu.cycles - start

    @staticmethod
    def assert_flags(cpu: CPU, **expected: int) -> None:
        got = {f: int(bool(cpu.p & FLAGS[f])) for f in expected}
        assert got == expected, f"P={cpu.p:08b}"

    @property
    def cmos(self) -> bool:
        return self.variant == CMOS

    # --- loads -----------------------------------------------------------------
    def test_lda_immediate_80_sets_n(self):
        cpu = self.make([0xA9, 0x80])                       # LDA #$80
        assert self.run1(cpu) == 2
        assert cpu.a == 0x80 and cpu.pc == ORG + 2
        self.assert_flags(cpu, N=1, Z=0)

    def test_lda_immediate_00_sets_z(self):
        cpu = self.make([0xA9, 0x00], a=0x55, p=U | N)      # LDA #$00
        assert self.run1(cpu) == 2
        assert cpu.a == 0
        self.assert_flags(cpu, N=0, Z=1)

    def test_lda_zero_page(self):
        cpu = self.make([0xA5, 0x10], mem={0x10: 0x42})     # LDA $10
        assert self.run1(cpu) == 3
        assert cpu.a == 0x42

    def test_lda_zero_page_x_wraps_within_zero_page(self):
        # LDA $F0,X   with X=$20 reads $0010, not $0110
        cpu = self.make([0xB5, 0xF0], x=0x20, mem={0x0010: 0x11, 0x0110: 0x22})
        assert self.run1(cpu) == 4
        assert cpu.a == 0x11

    def test_ldx_zero_page_y_wraps_within_zero_page(self):
        # LDX $F0,Y   with Y=$20 reads $0010
        cpu = self.make([0xB6, 0xF0], y=0x20, mem={0x0010: 0x11, 0x0110: 0x22})
        assert self.run1(cpu) == 4
        assert cpu.x == 0x11

    def test_ldy_zero_page_x_wraps_within_zero_page(self):
        # LDY $FF,X   with X=$02 reads $0001
        cpu = self.make([0xB4, 0xFF], x=0x02, mem={0x0001: 0x33, 0x0101: 0x44})
        assert self.run1(cpu) == 4
        assert cpu.y == 0x33

    def test_lda_absolute(self):
        cpu = self.make([0xAD, 0x34, 0x12], mem={0x1234: 0x99})   # LDA $1234
        assert self.run1(cpu) == 4
        assert cpu.a == 0x99 and cpu.pc == ORG + 3
        self.assert_flags(cpu, N=1, Z=0)

    def test_lda_absolute_x_same_page_4_cycles(self):
        cpu = self.make([0xBD, 0x00, 0x12], x=0x34, mem={0x1234: 0x5A})  # LDA $1200,X
        assert self.run1(cpu) == 4
        assert cpu.a == 0x5A

    def test_lda_absolute_x_page_cross_5_cycles(self):
        cpu = self.make([0xBD, 0xF0, 0x12], x=0x20, mem={0x1310: 0x5A})  # LDA $12F0,X
        assert self.run1(cpu) == 5
        assert cpu.a == 0x5A

    def test_lda_absolute_y_page_cross_5_cycles(self):
        cpu = self.make([0xB9, 0xFF, 0x12], y=0x01, mem={0x1300: 0x5B})  # LDA $12FF,Y
        assert self.run1(cpu) == 5
        assert cpu.a == 0x5B

    def test_lda_absolute_x_wraps_at_ffff(self):
        cpu = self.make([0xBD, 0xFF, 0xFF], x=0x02, mem={0x0001: 0x77})  # LDA $FFFF,X
        assert self.run1(cpu) == 5
        assert cpu.a == 0x77

    def test_ldx_absolute_y_page_cross_5_cycles(self):
        cpu = self.make([0xBE, 0x80, 0x12], y=0x80, mem={0x1300: 0x01})  # LDX $1280,Y
        assert self.run1(cpu) == 5
        assert cpu.x == 0x01

    def test_ldy_absolute_x_same_page_4_cycles(self):
        cpu = self.make([0xBC, 0x80, 0x12], x=0x7F, mem={0x12FF: 0x02})  # LDY $1280,X
        assert self.run1(cpu) == 4
        assert cpu.y == 0x02

    def test_lda_indexed_indirect_x(self):
        # LDA ($20,X)   X=$04: pointer at $24/$25 -> $1234
        cpu = self.make([0xA1, 0x20], x=0x04, mem={0x24: 0x34, 0x25: 0x12, 0x1234: 0x66})
        assert self.run1(cpu) == 6
        assert cpu.a == 0x66

    def test_lda_indexed_indirect_x_wraps_base_plus_x(self):
        # LDA ($F0,X)   X=$20: pointer at $10/$11, not $0110
        cpu = self.make([0xA1, 0xF0], x=0x20,
                        mem={0x10: 0x34, 0x11: 0x12, 0x110: 0x00, 0x1234: 0x67})
        assert self.run1(cpu) == 6
        assert cpu.a == 0x67

    def test_lda_indexed_indirect_x_pointer_high_byte_wraps_to_00(self):
        # LDA ($F0,X)   X=$0F: pointer low at $FF, high at $00 (not $0100)
        cpu = self.make([0xA1, 0xF0], x=0x0F,
                        mem={0xFF: 0x34, 0x00: 0x12, 0x100: 0x56, 0x1234: 0x68, 0x5634: 0x99})
        assert self.run1(cpu) == 6
        assert cpu.a == 0x68

    def test_lda_indirect_indexed_y_same_page_5_cycles(self):
        # LDA ($20),Y   ($20)=$1234, Y=$10 -> $1244
        cpu = self.make([0xB1, 0x20], y=0x10, mem={0x20: 0x34, 0x21: 0x12, 0x1244: 0x69})
        assert self.run1(cpu) == 5
        assert cpu.a == 0x69

    def test_lda_indirect_indexed_y_page_cross_6_cycles(self):
        # LDA ($20),Y   ($20)=$12F0, Y=$20 -> $1310
        cpu = self.make([0xB1, 0x20], y=0x20, mem={0x20: 0xF0, 0x21: 0x12, 0x1310: 0x6A})
        assert self.run1(cpu) == 6
        assert cpu.a == 0x6A

    def test_lda_indirect_indexed_y_pointer_at_ff_wraps_to_00(self):
        # LDA ($FF),Y   pointer low at $FF, high at $00
        cpu = self.make([0xB1, 0xFF], y=0x01,
                        mem={0xFF: 0x33, 0x00: 0x12, 0x100: 0x56, 0x1234: 0x6B})
        assert self.run1(cpu) == 5
        assert cpu.a == 0x6B

    # --- stores ----------------------------------------------------------------
    def test_sta_zero_page_leaves_flags(self):
        cpu = self.make([0x85, 0x10], a=0x00, p=U | N)       # STA $10
        assert self.run1(cpu) == 3
        assert cpu.mem[0x10] == 0x00 and cpu.p == U | N

    def test_sta_zero_page_x_wraps_within_zero_page(self):
        cpu = self.make([0x95, 0xF0], a=0x42, x=0x20)        # STA $F0,X
        assert self.run1(cpu) == 4
        assert cpu.mem[0x10] == 0x42 and cpu.mem[0x110] == 0

    def test_stx_zero_page_y_wraps_within_zero_page(self):
        cpu = self.make([0x96, 0xF0], x=0x42, y=0x20)        # STX $F0,Y
        assert self.run1(cpu) == 4
        assert cpu.mem[0x10] == 0x42 and cpu.mem[0x110] == 0

    def test_sty_zero_page_x_wraps_within_zero_page(self):
        cpu = self.make([0x94, 0xF0], y=0x42, x=0x20)        # STY $F0,X
        assert self.run1(cpu) == 4
        assert cpu.mem[0x10] == 0x42 and cpu.mem[0x110] == 0

    def test_sta_absolute(self):
        cpu = self.make([0x8D, 0x34, 0x12], a=0x42)          # STA $1234
        assert self.run1(cpu) == 4
        assert cpu.mem[0x1234] == 0x42

    def test_stx_absolute(self):
        cpu = self.make([0x8E, 0x34, 0x12], x=0x43)          # STX $1234
        assert self.run1(cpu) == 4
        assert cpu.mem[0x1234] == 0x43

    def test_sty_absolute(self):
        cpu = self.make([0x8C, 0x34, 0x12], y=0x44)          # STY $1234
        assert self.run1(cpu) == 4
        assert cpu.mem[0x1234] == 0x44

    def test_sta_absolute_x_5_cycles_without_page_cross(self):
        cpu = self.make([0x9D, 0x00, 0x12], a=0x42, x=0x34)  # STA $1200,X
        assert self.run1(cpu) == 5
        assert cpu.mem[0x1234] == 0x42

    def test_sta_absolute_y_5_cycles_with_page_cross(self):
        cpu = self.make([0x99, 0xF0, 0x12], a=0x42, y=0x20)  # STA $12F0,Y
        assert self.run1(cpu) == 5
        assert cpu.mem[0x1310] == 0x42

    def test_sta_indexed_indirect_x(self):
        # STA ($20,X)   X=$04: pointer at $24/$25 -> $1234
        cpu = self.make([0x81, 0x20], a=0x42, x=0x04, mem={0x24: 0x34, 0x25: 0x12})
        assert self.run1(cpu) == 6
        assert cpu.mem[0x1234] == 0x42

    def test_sta_indirect_indexed_y_6_cycles_without_page_cross(self):
        # STA ($20),Y   ($20)=$1234, Y=$01
        cpu = self.make([0x91, 0x20], a=0x42, y=0x01, mem={0x20: 0x34, 0x21: 0x12})
        assert self.run1(cpu) == 6
        assert cpu.mem[0x1235] == 0x42

    # --- transfers ---------------------------------------------------------------
    def test_tax_sets_z(self):
        cpu = self.make([0xAA], a=0x00, x=0x12)              # TAX
        assert self.run1(cpu) == 2
        assert cpu.x == 0
        self.assert_flags(cpu, Z=1, N=0)

    def test_tya_sets_n(self):
        cpu = self.make([0x98], y=0x80)                      # TYA
        assert self.run1(cpu) == 2
        assert cpu.a == 0x80
        self.assert_flags(cpu, Z=0, N=1)

    def test_txs_leaves_flags(self):
        cpu = self.make([0x9A], x=0x00, p=U)                 # TXS
        assert self.run1(cpu) == 2
        assert cpu.s == 0 and cpu.p == U

    def test_tsx_sets_n(self):
        cpu = self.make([0xBA], s=0xF0)                      # TSX
        assert self.run1(cpu) == 2
        assert cpu.x == 0xF0
        self.assert_flags(cpu, N=1, Z=0)

    # --- ADC / SBC binary ----------------------------------------------------------
    def adc(self, a, operand, p=U):
        cpu = self.make([0x69, operand], a=a, p=p)           # ADC #operand
        return cpu, self.run1(cpu)

    def sbc(self, a, operand, p=U | C):
        cpu = self.make([0xE9, operand], a=a, p=p)           # SBC #operand
        return cpu, self.run1(cpu)

    def test_adc_binary_01_plus_01(self):
        cpu, cycles = self.adc(0x01, 0x01)                   # CLC / LDA #$01 / ADC #$01
        assert cycles == 2 and cpu.a == 0x02
        self.assert_flags(cpu, C=0, Z=0, V=0, N=0)

    def test_adc_binary_carry_in_01_plus_01(self):
        cpu, _ = self.adc(0x01, 0x01, p=U | C)               # SEC / LDA #$01 / ADC #$01
        assert cpu.a == 0x03
        self.assert_flags(cpu, C=0)

    def test_adc_binary_ff_plus_01_carries_out_to_zero(self):
        cpu, _ = self.adc(0xFF, 0x01)                        # LDA #$FF / ADC #$01
        assert cpu.a == 0x00
        self.assert_flags(cpu, C=1, Z=1, V=0, N=0)

    def test_adc_binary_7f_plus_01_overflows_positive(self):
        cpu, _ = self.adc(0x7F, 0x01)                        # LDA #$7F / ADC #$01
        assert cpu.a == 0x80
        self.assert_flags(cpu, C=0, Z=0, V=1, N=1)

    def test_adc_binary_80_plus_ff_overflows_negative(self):
        cpu, _ = self.adc(0x80, 0xFF)                        # LDA #$80 / ADC #$FF
        assert cpu.a == 0x7F
        self.assert_flags(cpu, C=1, Z=0, V=1, N=0)

    def test_adc_zero_page(self):
        cpu = self.make([0x65, 0x10], a=0x10, mem={0x10: 0x20})   # ADC $10
        assert self.run1(cpu) == 3
        assert cpu.a == 0x30

    def test_sbc_binary_05_minus_03(self):
        cpu, cycles = self.sbc(0x05, 0x03)                   # SEC / LDA #$05 / SBC #$03
        assert cycles == 2 and cpu.a == 0x02
        self.assert_flags(cpu, C=1, Z=0, V=0, N=0)

    def test_sbc_binary_borrow_in_05_minus_03(self):
        cpu, _ = self.sbc(0x05, 0x03, p=U)                   # CLC / LDA #$05 / SBC #$03
        assert cpu.a == 0x01
        self.assert_flags(cpu, C=1)

    def test_sbc_binary_00_minus_01_borrows(self):
        cpu, _ = self.sbc(0x00, 0x01)                        # SEC / LDA #$00 / SBC #$01
        assert cpu.a == 0xFF
        self.assert_flags(cpu, C=0, Z=0, V=0, N=1)

    def test_sbc_binary_80_minus_01_overflows(self):
        cpu, _ = self.sbc(0x80, 0x01)                        # SEC / LDA #$80 / SBC #$01
        assert cpu.a == 0x7F
        self.assert_flags(cpu, C=1, V=1, N=0)

    def test_sbc_binary_equal_gives_zero(self):
        cpu, _ = self.sbc(0x42, 0x42)                        # SEC / LDA #$42 / SBC #$42
        assert cpu.a == 0x00
        self.assert_flags(cpu, C=1, Z=1)

    # --- ADC / SBC decimal (valid BCD) ---------------------------------------------
    def test_adc_decimal_12_plus_34(self):
        cpu, cycles = self.adc(0x12, 0x34, p=U | D)          # SED / CLC / LDA #$12 / ADC #$34
        assert cpu.a == 0x46 and cycles == 2 + self.DECIMAL_EXTRA
        self.assert_flags(cpu, C=0, Z=0, N=0, D=1)

    def test_adc_decimal_carry_in_58_plus_46(self):
        cpu, _ = self.adc(0x58, 0x46, p=U | D | C)           # SED / SEC / LDA #$58 / ADC #$46
        assert cpu.a == 0x05
        self.assert_flags(cpu, C=1)

    def test_adc_decimal_09_plus_01_adjusts_low_digit(self):
        cpu, _ = self.adc(0x09, 0x01, p=U | D)               # SED / CLC / LDA #$09 / ADC #$01
        assert cpu.a == 0x10
        self.assert_flags(cpu, C=0, Z=0, N=0)

    # On 99 + 1 the binary sum is $9A and the half-adjusted sum $A0; the NMOS
    # chip takes Z from the first and N from the second, the 65C02 takes both
    # from the decimal result $00.
    NZ_AFTER_99_PLUS_1 = {"N": 1, "Z": 0}

    def test_adc_decimal_99_plus_01(self):
        cpu, cycles = self.adc(0x99, 0x01, p=U | D)          # SED / CLC / LDA #$99 / ADC #$01
        assert cpu.a == 0x00 and cycles == 2 + self.DECIMAL_EXTRA
        self.assert_flags(cpu, C=1, V=0, **self.NZ_AFTER_99_PLUS_1)

    def test_adc_decimal_carry_in_99_plus_1(self):
        cpu, _ = self.adc(0x99, 0x00, p=U | D | C)           # SED / SEC / LDA #$99 / ADC #$00
        assert cpu.a == 0x00
        self.assert_flags(cpu, C=1, V=0, **self.NZ_AFTER_99_PLUS_1)

    def test_sbc_decimal_46_minus_12(self):
        cpu, cycles = self.sbc(0x46, 0x12, p=U | D | C)      # SED / SEC / LDA #$46 / SBC #$12
        assert cpu.a == 0x34 and cycles == 2 + self.DECIMAL_EXTRA
        self.assert_flags(cpu, C=1, Z=0, N=0)

    def test_sbc_decimal_40_minus_13_borrows_from_tens(self):
        cpu, _ = self.sbc(0x40, 0x13, p=U | D | C)           # SED / SEC / LDA #$40 / SBC #$13
        assert cpu.a == 0x27
        self.assert_flags(cpu, C=1)

    def test_sbc_decimal_borrow_in_32_minus_02(self):
        cpu, _ = self.sbc(0x32, 0x02, p=U | D)               # SED / CLC / LDA #$32 / SBC #$02
        assert cpu.a == 0x29
        self.assert_flags(cpu, C=1)

    def test_sbc_decimal_00_minus_01_wraps_to_99(self):
        cpu, _ = self.sbc(0x00, 0x01, p=U | D | C)           # SED / SEC / LDA #$00 / SBC #$01
        assert cpu.a == 0x99
        self.assert_flags(cpu, C=0, Z=0, N=1)

    def test_sbc_decimal_50_minus_50_is_zero(self):
        cpu, _ = self.sbc(0x50, 0x50, p=U | D | C)           # SED / SEC / LDA #$50 / SBC #$50
        assert cpu.a == 0x00
        self.assert_flags(cpu, C=1, Z=1, N=0)

    # --- compares ----------------------------------------------------------------
    def test_cmp_equal_sets_z_and_c(self):
        cpu = self.make([0xC9, 0x42], a=0x42, p=U | N | V)   # CMP #$42
        assert self.run1(cpu) == 2
        self.assert_flags(cpu, Z=1, C=1, N=0, V=1)
        assert cpu.a == 0x42

    def test_cmp_less_clears_c_and_sets_n(self):
        cpu = self.make([0xC9, 0x20], a=0x10, p=U | C | Z)   # CMP #$20  ($10-$20=$F0)
        self.run1(cpu)
        self.assert_flags(cpu, Z=0, C=0, N=1)

    def test_cmp_greater_sets_c(self):
        cpu = self.make([0xC9, 0x10], a=0x20)                # CMP #$10
        self.run1(cpu)
        self.assert_flags(cpu, Z=0, C=1, N=0)

    def test_cmp_is_unsigned_80_vs_01(self):
        cpu = self.make([0xC9, 0x01], a=0x80)                # CMP #$01  ($7F: N clear)
        self.run1(cpu)
        self.assert_flags(cpu, Z=0, C=1, N=0)

    def test_cpx_zero_page(self):
        cpu = self.make([0xE4, 0x10], x=0x05, mem={0x10: 0x05})   # CPX $10
        assert self.run1(cpu) == 3
        self.assert_flags(cpu, Z=1, C=1)

    def test_cpy_absolute_less(self):
        cpu = self.make([0xCC, 0x34, 0x12], y=0x00, mem={0x1234: 0x01})  # CPY $1234
        assert self.run1(cpu) == 4
        self.assert_flags(cpu, Z=0, C=0, N=1)

    def test_cmp_indirect_indexed_y(self):
        # CMP ($20),Y   ($20)=$1200, Y=$05
        cpu = self.make([0xD1, 0x20], a=0x30, y=0x05,
                        mem={0x20: 0x00, 0x21: 0x12, 0x1205: 0x30})
        assert self.run1(cpu) == 5
        self.assert_flags(cpu, Z=1, C=1)

    # --- shifts and rotates ------------------------------------------------------
    def test_asl_accumulator_81(self):
        cpu = self.make([0x0A], a=0x81)                      # ASL A
        assert self.run1(cpu) == 2
        assert cpu.a == 0x02
        self.assert_flags(cpu, C=1, Z=0, N=0)

    def test_lsr_accumulator_01_to_zero(self):
        cpu = self.make([0x4A], a=0x01, p=U | N)             # LSR A
        assert self.run1(cpu) == 2
        assert cpu.a == 0x00
        self.assert_flags(cpu, C=1, Z=1, N=0)

    def test_rol_accumulator_carry_in_80(self):
        cpu = self.make([0x2A], a=0x80, p=U | C)             # SEC / ROL A
        assert self.run1(cpu) == 2
        assert cpu.a == 0x01
        self.assert_flags(cpu, C=1, Z=0, N=0)

    def test_ror_accumulator_carry_in_01(self):
        cpu = self.make([0x6A], a=0x01, p=U | C)             # SEC / ROR A
        assert self.run1(cpu) == 2
        assert cpu.a == 0x80
        self.assert_flags(cpu, C=1, Z=0, N=1)

    def test_ror_accumulator_no_carry_01_to_zero(self):
        cpu = self.make([0x6A], a=0x01)                      # CLC / ROR A
        self.run1(cpu)
        assert cpu.a == 0x00
        self.assert_flags(cpu, C=1, Z=1, N=0)

    def test_asl_zero_page_40_sets_n(self):
        cpu = self.make([0x06, 0x10], mem={0x10: 0x40})      # ASL $10
        assert self.run1(cpu) == 5
        assert cpu.mem[0x10] == 0x80
        self.assert_flags(cpu, C=0, N=1, Z=0)

    def test_lsr_absolute(self):
        cpu = self.make([0x4E, 0x34, 0x12], mem={0x1234: 0x03})   # LSR $1234
        assert self.run1(cpu) == 6
        assert cpu.mem[0x1234] == 0x01
        self.assert_flags(cpu, C=1, Z=0, N=0)

    def test_rol_zero_page_x_wraps_within_zero_page(self):
        cpu = self.make([0x36, 0xF0], x=0x20, p=U | C, mem={0x10: 0x7F})   # ROL $F0,X
        assert self.run1(cpu) == 6
        assert cpu.mem[0x10] == 0xFF and cpu.mem[0x110] == 0
        self.assert_flags(cpu, C=0, N=1)

    def test_ror_absolute_x_without_page_cross(self):
        cpu = self.make([0x7E, 0x00, 0x12], x=0x34, mem={0x1234: 0x02})    # ROR $1200,X
        assert self.run1(cpu) == self.SHIFT_ABX_CYCLES
        assert cpu.mem[0x1234] == 0x01
        self.assert_flags(cpu, C=0)

    def test_asl_absolute_x_page_cross_7_cycles(self):
        cpu = self.make([0x1E, 0xF0, 0x12], x=0x20, mem={0x1310: 0x81})    # ASL $12F0,X
        assert self.run1(cpu) == 7
        assert cpu.mem[0x1310] == 0x02
        self.assert_flags(cpu, C=1)

    # --- INC / DEC ---------------------------------------------------------------
    def test_inc_zero_page_ff_wraps_to_zero(self):
        cpu = self.make([0xE6, 0x10], mem={0x10: 0xFF})      # INC $10
        assert self.run1(cpu) == 5
        assert cpu.mem[0x10] == 0x00
        self.assert_flags(cpu, Z=1, N=0)

    def test_dec_zero_page_00_wraps_to_ff(self):
        cpu = self.make([0xC6, 0x10], mem={0x10: 0x00})      # DEC $10
        assert self.run1(cpu) == 5
        assert cpu.mem[0x10] == 0xFF
        self.assert_flags(cpu, Z=0, N=1)

    def test_inc_absolute_6_cycles(self):
        cpu = self.make([0xEE, 0x34, 0x12], mem={0x1234: 0x7F})   # INC $1234
        assert self.run1(cpu) == 6
        assert cpu.mem[0x1234] == 0x80

    def test_dec_absolute_6_cycles(self):
        cpu = self.make([0xCE, 0x34, 0x12], mem={0x1234: 0x01})   # DEC $1234
        assert self.run1(cpu) == 6
        assert cpu.mem[0x1234] == 0x00
        self.assert_flags(cpu, Z=1)

    def test_dec_zero_page_x_6_cycles(self):
        cpu = self.make([0xD6, 0xF0], x=0x20, mem={0x10: 0x05})   # DEC $F0,X
        assert self.run1(cpu) == 6
        assert cpu.mem[0x10] == 0x04

    def test_inc_absolute_x_7_cycles_without_page_cross(self):
        cpu = self.make([0xFE, 0x00, 0x12], x=0x34, mem={0x1234: 0x41})   # INC $1200,X
        assert self.run1(cpu) == 7
        assert cpu.mem[0x1234] == 0x42

    def test_inx_ff_wraps_to_zero(self):
        cpu = self.make([0xE8], x=0xFF)                      # INX
        assert self.run1(cpu) == 2
        assert cpu.x == 0
        self.assert_flags(cpu, Z=1, N=0)

    def test_dey_00_wraps_to_ff(self):
        cpu = self.make([0x88], y=0x00)                      # DEY
        assert self.run1(cpu) == 2
        assert cpu.y == 0xFF
        self.assert_flags(cpu, Z=0, N=1)

    def test_iny_and_dex(self):
        cpu = self.make([0xC8, 0xCA], x=0x01, y=0x7F)        # INY / DEX
        self.run1(cpu)
        assert cpu.y == 0x80
        self.assert_flags(cpu, N=1)
        self.run1(cpu)
        assert cpu.x == 0x00
        self.assert_flags(cpu, Z=1, N=0)

    # --- BIT -----------------------------------------------------------------------
    def test_bit_zero_page_copies_n_v_and_sets_z(self):
        cpu = self.make([0x24, 0x10], a=0x00, mem={0x10: 0xC0})   # BIT $10
        assert self.run1(cpu) == 3
        self.assert_flags(cpu, N=1, V=1, Z=1)
        assert cpu.a == 0

    def test_bit_absolute_clears_n_v_z(self):
        cpu = self.make([0x2C, 0x34, 0x12], a=0x01, p=U | N | V | Z,
                        mem={0x1234: 0x3F})                  # BIT $1234
        assert self.run1(cpu) == 4
        self.assert_flags(cpu, N=0, V=0, Z=0)

    # --- branches --------------------------------------------------------------------
    BRANCHES = [  # opcode, mnemonic, flag, taken when the flag is set
        (0x10, "BPL", N, False), (0x30, "BMI", N, True), (0x50, "BVC", V, False),
        (0x70, "BVS", V, True), (0x90, "BCC", C, False), (0xB0, "BCS", C, True),
        (0xD0, "BNE", Z, False), (0xF0, "BEQ", Z, True),
    ]

    @pytest.mark.parametrize("code,name,flag,when_set", BRANCHES, ids=[b[1] for b in BRANCHES])
    def test_branch_not_taken_2_cycles(self, code, name, flag, when_set):
        p = U | (0 if when_set else flag)
        cpu = self.make([code, 0x10], p=p)                   # Bxx *+$12 (not taken)
        assert self.run1(cpu) == 2
        assert cpu.pc == ORG + 2

    @pytest.mark.parametrize("code,name,flag,when_set", BRANCHES, ids=[b[1] for b in BRANCHES])
    def test_branch_taken_same_page_3_cycles(self, code, name, flag, when_set):
        p = U | (flag if when_set else 0)
        cpu = self.make([code, 0x10], p=p)                   # Bxx *+$12 (taken)
        assert self.run1(cpu) == 3
        assert cpu.pc == ORG + 2 + 0x10

    def test_bne_taken_forward_across_page_4_cycles(self):
        cpu = self.make([0xD0, 0x10], org=0x04F0)            # $04F0: BNE $0502
        assert self.run1(cpu) == 4
        assert cpu.pc == 0x0502

    def test_bcs_taken_backward_across_page_4_cycles(self):
        cpu = self.make([0xB0, 0xFC], org=0x0500, p=U | C)   # $0500: BCS $04FE
        assert self.run1(cpu) == 4
        assert cpu.pc == 0x04FE

    def test_beq_taken_backward_same_page_3_cycles(self):
        cpu = self.make([0xF0, 0xFE], p=U | Z)               # BEQ *  (to itself)
        assert self.run1(cpu) == 3
        assert cpu.pc == ORG

    def test_branch_page_cross_counts_from_next_instruction(self):
        # $04FE: BNE $0502 - the opcode is on page $04, but the next instruction
        # ($0500) and the target are both on page $05: no page cross.
        cpu = self.make([0xD0, 0x02], org=0x04FE)
        assert self.run1(cpu) == 3
        assert cpu.pc == 0x0502

    def test_branch_from_page_end_to_previous_page_4_cycles(self):
        # $04FE: BNE $04FF - next instruction $0500, target back on page $04.
        cpu = self.make([0xD0, 0xFF], org=0x04FE)
        assert self.run1(cpu) == 4
        assert cpu.pc == 0x04FF

    # --- jumps, subroutines, interrupts --------------------------------------------
    def test_jmp_absolute_3_cycles(self):
        cpu = self.make([0x4C, 0x34, 0x12])                  # JMP $1234
        assert self.run1(cpu) == 3
        assert cpu.pc == 0x1234

    def test_jmp_indirect(self):
        cpu = self.make([0x6C, 0x00, 0x10], mem={0x1000: 0x34, 0x1001: 0x12})  # JMP ($1000)
        assert self.run1(cpu) == self.JMP_IND_CYCLES
        assert cpu.pc == 0x1234

    def test_jsr_pushes_return_address_minus_one(self):
        cpu = self.make([0x20, 0x34, 0x12])                  # $0400: JSR $1234
        assert self.run1(cpu) == 6
        assert cpu.pc == 0x1234 and cpu.s == 0xFB
        assert cpu.mem[0x01FD] == 0x04 and cpu.mem[0x01FC] == 0x02

    def test_rts_pulls_address_plus_one(self):
        cpu = self.make([0x60], s=0xFB, mem={0x01FC: 0x02, 0x01FD: 0x04})   # RTS
        assert self.run1(cpu) == 6
        assert cpu.pc == 0x0403 and cpu.s == 0xFD

    def test_jsr_then_rts_returns_after_jsr(self):
        cpu = self.make([0x20, 0x00, 0x12], mem={0x1200: 0x60})  # JSR $1200 / ... $1200: RTS
        self.run1(cpu)
        self.run1(cpu)
        assert cpu.pc == ORG + 3 and cpu.s == 0xFD

    def test_rti_restores_p_and_pc_without_adding_one(self):
        # RTI with the stack holding P=$C3, PC=$1234
        cpu = self.make([0x40], s=0xFA, mem={0x01FB: 0xC3, 0x01FC: 0x34, 0x01FD: 0x12})
        assert self.run1(cpu) == 6
        assert cpu.pc == 0x1234 and cpu.s == 0xFD
        assert cpu.p & 0xCF == 0xC3

    # The 65C02 clears D on BRK and interrupts; the NMOS chip leaves it.
    D_AFTER_INTERRUPT = D

    def test_brk_pushes_pc_plus_2_and_p_with_b_and_bit5(self):
        # $0400: BRK   with P=NV..D..C  and the IRQ/BRK vector $9000
        cpu = self.make([0x00, 0xEA], p=N | V | D | C, mem={0xFFFE: 0x00, 0xFFFF: 0x90})
        assert self.run1(cpu) == 7
        assert cpu.pc == 0x9000 and cpu.s == 0xFA
        assert cpu.mem[0x01FD] == 0x04 and cpu.mem[0x01FC] == 0x02
        assert cpu.mem[0x01FB] == N | V | D | C | B | U
        assert cpu.p & I
        assert cpu.p & D == self.D_AFTER_INTERRUPT
        assert cpu.p & (N | V | C) == N | V | C

    def test_brk_then_rti_returns_to_pc_plus_2(self):
        # $0400: BRK / $0401: (signature byte) / $9000: RTI
        cpu = self.make([0x00, 0xEA], p=U | C, mem={0xFFFE: 0x00, 0xFFFF: 0x90, 0x9000: 0x40})
        self.run1(cpu)
        assert self.run1(cpu) == 6
        assert cpu.pc == 0x0402 and cpu.s == 0xFD
        assert cpu.p & (I | C) == C

    # --- stack -----------------------------------------------------------------------
    def test_php_pushes_p_with_b_and_bit5(self):
        cpu = self.make([0x08], p=N | D | C)                 # PHP
        assert self.run1(cpu) == 3
        assert cpu.mem[0x01FD] == N | D | C | B | U and cpu.s == 0xFC
        assert cpu.p & 0xCF == N | D | C

    def test_plp_pulls_flags(self):
        cpu = self.make([0x28], s=0xFC, p=U, mem={0x01FD: 0xCF})   # PLP
        assert self.run1(cpu) == 4
        assert cpu.s == 0xFD and cpu.p & 0xCF == 0xCF

    def test_plp_clears_flags(self):
        cpu = self.make([0x28], s=0xFC, p=0xFF, mem={0x01FD: 0x00})  # PLP
        self.run1(cpu)
        assert cpu.p & 0xCF == 0x00

    def test_pha_then_pla_sets_z(self):
        cpu = self.make([0x48, 0xA9, 0x55, 0x68], a=0x00)    # PHA / LDA #$55 / PLA
        assert self.run1(cpu) == 3
        assert cpu.mem[0x01FD] == 0x00 and cpu.s == 0xFC
        self.run1(cpu)
        assert self.run1(cpu) == 4
        assert cpu.a == 0x00 and cpu.s == 0xFD
        self.assert_flags(cpu, Z=1, N=0)

    def test_pha_with_s_00_writes_0100_and_wraps_to_ff(self):
        cpu = self.make([0x48], a=0x42, s=0x00)              # PHA
        self.run1(cpu)
        assert cpu.mem[0x0100] == 0x42 and cpu.s == 0xFF

    def test_pla_with_s_ff_reads_0100_and_wraps_to_00(self):
        cpu = self.make([0x68], s=0xFF, mem={0x0100: 0x80, 0x0200: 0x01})   # PLA
        self.run1(cpu)
        assert cpu.a == 0x80 and cpu.s == 0x00
        self.assert_flags(cpu, N=1)

    def test_jsr_with_s_00_wraps(self):
        cpu = self.make([0x20, 0x34, 0x12], s=0x00)          # $0400: JSR $1234
        self.run1(cpu)
        assert cpu.mem[0x0100] == 0x04 and cpu.mem[0x01FF] == 0x02 and cpu.s == 0xFE

    def test_rts_with_s_fe_wraps(self):
        cpu = self.make([0x60], s=0xFE, mem={0x01FF: 0x02, 0x0100: 0x04})   # RTS
        self.run1(cpu)
        assert cpu.pc == 0x0403 and cpu.s == 0x00

    # --- flags -----------------------------------------------------------------------
    @pytest.mark.parametrize("code,flag,value", [
        (0x18, C, 0), (0x38, C, C), (0x58, I, 0), (0x78, I, I),
        (0xB8, V, 0), (0xD8, D, 0), (0xF8, D, D)],
        ids=["CLC", "SEC", "CLI", "SEI", "CLV", "CLD", "SED"])
    def test_flag_instructions(self, code, flag, value):
        cpu = self.make([code], p=U | (flag ^ value))
        assert self.run1(cpu) == 2
        assert cpu.p & flag == value

    # --- bus activity that matters on the Apple II ---------------------------------
    def test_lda_absolute_x_no_page_cross_has_no_dummy_read(self):
        cpu = self.make([0xBD, 0x00, 0x20], x=0x10, mem={0x2010: 0x5A})  # LDA $2000,X
        assert cpu.step() == [(0x0400, 0xBD, R), (0x0401, 0x00, R), (0x0402, 0x20, R),
                              (0x2010, 0x5A, R)]

    def test_lda_absolute_x_page_cross_dummy_read(self):
        # LDA $20F0,X   X=$20
        cpu = self.make([0xBD, 0xF0, 0x20], x=0x20, mem={0x2010: 0x11, 0x2110: 0x22})
        assert cpu.step() == [(0x0400, 0xBD, R), (0x0401, 0xF0, R), (0x0402, 0x20, R),
                              self.ABX_DUMMY_READ, (0x2110, 0x22, R)]
        assert cpu.a == 0x22

    def test_inc_absolute_rmw_bus_cycles(self):
        cpu = self.make([0xEE, 0x30, 0xC0], mem={0xC030: 0x41})     # INC $C030
        assert cpu.step() == [(0x0400, 0xEE, R), (0x0401, 0x30, R), (0x0402, 0xC0, R),
                              *self.RMW_C030_41]
        assert cpu.mem[0xC030] == 0x42

    def test_sta_absolute_x_dummy_read_without_page_cross(self):
        cpu = self.make([0x9D, 0x00, 0x20], a=0x42, x=0x01, mem={0x2001: 0x99})  # STA $2000,X
        assert cpu.step() == [(0x0400, 0x9D, R), (0x0401, 0x00, R), (0x0402, 0x20, R),
                              self.STA_ABX_NO_CROSS_DUMMY, (0x2001, 0x42, W)]

    def test_sta_absolute_x_dummy_read_with_page_cross(self):
        # STA $20F0,X   X=$20
        cpu = self.make([0x9D, 0xF0, 0x20], a=0x42, x=0x20, mem={0x2010: 0x11})
        assert cpu.step() == [(0x0400, 0x9D, R), (0x0401, 0xF0, R), (0x0402, 0x20, R),
                              self.ABX_DUMMY_READ, (0x2110, 0x42, W)]

    def test_step_returns_the_cycle_count_as_entries(self):
        cpu = self.make([0x20, 0x34, 0x12])                  # JSR $1234
        assert len(cpu.step()) == 6

    # --- RESET, IRQ, NMI ---------------------------------------------------------------
    def interrupt_cpu(self, code=(0xEA, 0xEA, 0xEA), p=U):
        """NOPs at $0400; IRQ/BRK vector $0900, NMI vector $0A00, RESET $0800."""
        mem = {0xFFFA: 0x00, 0xFFFB: 0x0A, 0xFFFC: 0x00, 0xFFFD: 0x08,
               0xFFFE: 0x00, 0xFFFF: 0x09}
        for base in (0x0800, 0x0900, 0x0A00):
            for i in range(8):
                mem[base + i] = 0xEA
        cpu = self.make(list(code), p=p, mem=mem)
        cpu.cycles = 100
        return cpu

    def test_reset_takes_7_cycles_loads_vector_sets_i_and_drops_s_by_3_without_writes(self):
        cpu = self.interrupt_cpu(p=U | D)
        cpu.s = 0x50
        before = cpu.mem.copy()
        cpu.reset()
        reason, trace = cpu.run_traced(cycles=7)
        assert reason == StopReason.LIMIT
        assert cpu.cycles == 107
        assert cpu.pc == 0x0800
        assert cpu.s == 0x4D
        assert cpu.p & I
        assert all((int(t) >> 24) & 1 == 0 for t in trace), "RESET must not write"
        assert np.array_equal(cpu.mem, before)

    def test_reset_with_run_then_first_instruction(self):
        cpu = self.interrupt_cpu()
        cpu.reset()
        cpu.run(cycles=7)
        assert cpu.pc == 0x0800
        assert self.run1(cpu) == 2                           # $0800: NOP
        assert cpu.pc == 0x0801

    def test_irq_taken_at_next_boundary_pushes_pc_and_p_with_b_clear(self):
        cpu = self.interrupt_cpu(p=U | D | C)
        cpu.state[state.IRQ] = 1
        cpu.state[state.IRQ_AT] = 90
        assert cpu.run(cycles=7) == StopReason.LIMIT
        assert cpu.cycles == 107
        assert cpu.pc == 0x0900 and cpu.s == 0xFA
        assert cpu.mem[0x01FD] == 0x04 and cpu.mem[0x01FC] == 0x00
        assert cpu.mem[0x01FB] == U | D | C                  # B clear, bit 5 set
        assert cpu.p & I
        assert cpu.p & D == self.D_AFTER_INTERRUPT

    def test_irq_held_does_not_reenter_while_i_set(self):
        cpu = self.interrupt_cpu()
        cpu.state[state.IRQ] = 1
        cpu.state[state.IRQ_AT] = 90
        cpu.run(cycles=7)
        cpu.run(instructions=3)                              # NOPs at $0900
        assert cpu.pc == 0x0903 and cpu.s == 0xFA

    def test_irq_masked_when_i_set(self):
        cpu = self.interrupt_cpu(p=U | I)
        cpu.state[state.IRQ] = 1
        cpu.state[state.IRQ_AT] = 90
        assert self.run1(cpu) == 2                           # the NOP, no IRQ
        assert cpu.pc == 0x0401 and cpu.s == 0xFD

    def test_nmi_edge_triggered_once_while_held(self):
        cpu = self.interrupt_cpu(p=U | I)                    # NMI ignores I
        cpu.state[state.NMI] = 1
        cpu.state[state.NMI_AT] = 90
        cpu.run(cycles=7)
        assert cpu.cycles == 107
        assert cpu.pc == 0x0A00 and cpu.s == 0xFA
        assert cpu.mem[0x01FD] == 0x04 and cpu.mem[0x01FC] == 0x00
        assert cpu.mem[0x01FB] & (B | U) == U
        cpu.run(instructions=3)                              # line still held
        assert cpu.pc == 0x0A03 and cpu.s == 0xFA

    def test_cli_latency_irq_taken_after_the_following_nop(self):
        # $0400: CLI / $0401: NOP / $0402: NOP   with IRQ pending and I set
        cpu = self.interrupt_cpu(code=[0x58, 0xEA, 0xEA], p=U | I)
        cpu.state[state.IRQ] = 1
        cpu.state[state.IRQ_AT] = 90
        self.run1(cpu)                                       # CLI
        assert cpu.pc == 0x0401
        assert self.run1(cpu) == 2                           # NOP runs: no IRQ after CLI
        assert cpu.pc == 0x0402 and cpu.s == 0xFD
        cpu.run(cycles=7)                                    # now the IRQ
        assert cpu.pc == 0x0900
        assert cpu.mem[0x01FD] == 0x04 and cpu.mem[0x01FC] == 0x02

    def test_cli_latency_in_one_run(self):
        # $0400: CLI / $0401: NOP / $0402: NOP   run 2 + 2 + 7 cycles at once
        cpu = self.interrupt_cpu(code=[0x58, 0xEA, 0xEA], p=U | I)
        cpu.state[state.IRQ] = 1
        cpu.state[state.IRQ_AT] = 90
        cpu.run(cycles=11)
        assert cpu.cycles == 111
        assert cpu.pc == 0x0900
        assert cpu.mem[0x01FD] == 0x04 and cpu.mem[0x01FC] == 0x02


class TestNMOS(CommonCases):
    variant = NMOS
    ABX_DUMMY_READ = (0x2010, 0x11, R)          # the address before the carry
    STA_ABX_NO_CROSS_DUMMY = (0x2001, 0x99, R)  # the (already right) address
    RMW_C030_41 = [(0xC030, 0x41, R), (0xC030, 0x41, W), (0xC030, 0x42, W)]

    def test_jmp_indirect_page_bug_reads_high_byte_from_same_page(self):
        # JMP ($10FF)   high byte from $1000, not $1100
        cpu = self.make([0x6C, 0xFF, 0x10], mem={0x10FF: 0x34, 0x1000: 0x12, 0x1100: 0x56})
        assert self.run1(cpu) == 5
        assert cpu.pc == 0x1234

    def test_jam_02_stops_with_pc_at_opcode(self):
        cpu = self.make([0x02])                              # JAM
        assert cpu.run(instructions=1) == StopReason.JAM
        assert cpu.pc == ORG
        assert cpu.run(instructions=1) == StopReason.JAM     # stays halted
        assert cpu.pc == ORG

    def test_jam_stops_run_with_cycle_budget(self):
        cpu = self.make([0xEA, 0x12])                        # NOP / JAM
        assert cpu.run(cycles=100) == StopReason.JAM
        assert cpu.pc == ORG + 1

    def test_reset_clears_jam(self):
        cpu = self.make([0x02], mem={0xFFFC: 0x00, 0xFFFD: 0x08, 0x0800: 0xEA})
        cpu.run(instructions=1)
        cpu.reset()
        assert cpu.run(cycles=7) == StopReason.LIMIT
        assert cpu.pc == 0x0800

    def test_rmw_absolute_x_double_write(self):
        cpu = self.make([0xFE, 0x30, 0xC0], x=0x00, mem={0xC030: 0x41})   # INC $C030,X
        assert cpu.step()[3:] == [(0xC030, 0x41, R), (0xC030, 0x41, R),
                                  (0xC030, 0x41, W), (0xC030, 0x42, W)]


class TestCMOS(CommonCases):
    variant = CMOS
    DECIMAL_EXTRA = 1
    SHIFT_ABX_CYCLES = 6
    JMP_IND_CYCLES = 6
    NZ_AFTER_99_PLUS_1 = {"N": 0, "Z": 1}
    D_AFTER_INTERRUPT = 0
    ABX_DUMMY_READ = (0x0402, 0x20, R)          # re-reads the last operand byte
    STA_ABX_NO_CROSS_DUMMY = (0x0402, 0x20, R)
    RMW_C030_41 = [(0xC030, 0x41, R), (0xC030, 0x41, R), (0xC030, 0x42, W)]

    def test_jmp_indirect_page_bug_fixed_6_cycles(self):
        # JMP ($10FF)   high byte from $1100
        cpu = self.make([0x6C, 0xFF, 0x10], mem={0x10FF: 0x34, 0x1000: 0x12, 0x1100: 0x56})
        assert self.run1(cpu) == 6
        assert cpu.pc == 0x5634

    def test_stp_db_stops(self):
        cpu = self.make([0xDB])                              # STP
        assert cpu.run(instructions=1) == StopReason.STP
        assert cpu.run(instructions=1) == StopReason.STP     # stays halted

    def test_opcode_02_is_a_two_byte_nop(self):
        cpu = self.make([0x02, 0xFF], a=0x12, p=U)           # NOP #$FF
        assert self.run1(cpu) == 2
        assert cpu.pc == ORG + 2 and cpu.a == 0x12 and cpu.p == U

    def test_reset_clears_d(self):
        cpu = self.interrupt_cpu(p=U | D)
        cpu.reset()
        cpu.run(cycles=7)
        assert cpu.p & D == 0

    def test_adc_decimal_zero_page_4_cycles(self):
        cpu = self.make([0x65, 0x10], a=0x19, p=U | D, mem={0x10: 0x01})   # SED / ADC $10
        assert self.run1(cpu) == 4
        assert cpu.a == 0x20

    # --- zero-page indirect --------------------------------------------------------
    def test_lda_zero_page_indirect(self):
        cpu = self.make([0xB2, 0x20], mem={0x20: 0x34, 0x21: 0x12, 0x1234: 0x80})  # LDA ($20)
        assert self.run1(cpu) == 5
        assert cpu.a == 0x80
        self.assert_flags(cpu, N=1)

    def test_lda_zero_page_indirect_pointer_at_ff_wraps_to_00(self):
        cpu = self.make([0xB2, 0xFF], mem={0xFF: 0x34, 0x00: 0x12, 0x100: 0x56,
                                           0x1234: 0x01, 0x5634: 0x02})   # LDA ($FF)
        self.run1(cpu)
        assert cpu.a == 0x01

    def test_sta_zero_page_indirect(self):
        cpu = self.make([0x92, 0x20], a=0x42, mem={0x20: 0x34, 0x21: 0x12})   # STA ($20)
        assert self.run1(cpu) == 5
        assert cpu.mem[0x1234] == 0x42

    # --- STZ -------------------------------------------------------------------------
    @pytest.mark.parametrize("code,operand,x,addr,cycles", [
        (0x64, [0x10], 0, 0x0010, 3),
        (0x74, [0xF0], 0x20, 0x0010, 4),
        (0x9C, [0x34, 0x12], 0, 0x1234, 4),
        (0x9E, [0x00, 0x12], 0x34, 0x1234, 5),
    ], ids=["STZ_zp", "STZ_zpx_wraps", "STZ_abs", "STZ_abx"])
    def test_stz(self, code, operand, x, addr, cycles):
        cpu = self.make([code, *operand], a=0x55, x=x, mem={addr: 0xFF})
        assert self.run1(cpu) == cycles
        assert cpu.mem[addr] == 0 and cpu.p == U

    # --- TSB / TRB -----------------------------------------------------------------
    def test_tsb_zero_page_sets_bits_z_from_and(self):
        cpu = self.make([0x04, 0x10], a=0x0F, mem={0x10: 0xF0})   # TSB $10
        assert self.run1(cpu) == 5
        assert cpu.mem[0x10] == 0xFF and cpu.a == 0x0F
        self.assert_flags(cpu, Z=1)

    def test_tsb_absolute_overlap_clears_z(self):
        cpu = self.make([0x0C, 0x34, 0x12], a=0x81, p=U | Z, mem={0x1234: 0x01})  # TSB $1234
        assert self.run1(cpu) == 6
        assert cpu.mem[0x1234] == 0x81
        self.assert_flags(cpu, Z=0, N=0)

    def test_trb_zero_page_clears_bits(self):
        cpu = self.make([0x14, 0x10], a=0x0F, mem={0x10: 0xFF})   # TRB $10
        assert self.run1(cpu) == 5
        assert cpu.mem[0x10] == 0xF0
        self.assert_flags(cpu, Z=0)

    def test_trb_absolute_no_overlap_sets_z(self):
        cpu = self.make([0x1C, 0x34, 0x12], a=0x0F, mem={0x1234: 0xF0})   # TRB $1234
        assert self.run1(cpu) == 6
        assert cpu.mem[0x1234] == 0xF0
        self.assert_flags(cpu, Z=1)

    # --- BRA, stack, INC/DEC A, JMP (abs,X) ------------------------------------------
    def test_bra_same_page_3_cycles(self):
        cpu = self.make([0x80, 0x10], p=0xFF)                # BRA *+$12
        assert self.run1(cpu) == 3
        assert cpu.pc == ORG + 0x12

    def test_bra_across_page_4_cycles(self):
        cpu = self.make([0x80, 0x10], org=0x04F0)            # $04F0: BRA $0502
        assert self.run1(cpu) == 4
        assert cpu.pc == 0x0502

    def test_phx_then_ply(self):
        cpu = self.make([0xDA, 0x7A], x=0x80, y=0x00)        # PHX / PLY
        assert self.run1(cpu) == 3
        assert cpu.mem[0x01FD] == 0x80 and cpu.s == 0xFC
        assert self.run1(cpu) == 4
        assert cpu.y == 0x80 and cpu.s == 0xFD
        self.assert_flags(cpu, N=1, Z=0)

    def test_phy_then_plx_sets_z(self):
        cpu = self.make([0x5A, 0xFA], x=0x12, y=0x00)        # PHY / PLX
        assert self.run1(cpu) == 3
        assert self.run1(cpu) == 4
        assert cpu.x == 0x00
        self.assert_flags(cpu, Z=1, N=0)

    def test_inc_accumulator_ff_wraps_to_zero(self):
        cpu = self.make([0x1A], a=0xFF)                      # INC A
        assert self.run1(cpu) == 2
        assert cpu.a == 0
        self.assert_flags(cpu, Z=1, N=0)

    def test_dec_accumulator_00_wraps_to_ff(self):
        cpu = self.make([0x3A], a=0x00)                      # DEC A
        assert self.run1(cpu) == 2
        assert cpu.a == 0xFF
        self.assert_flags(cpu, Z=0, N=1)

    def test_jmp_absolute_x_indirect(self):
        # JMP ($1000,X)   X=$02: pointer at $1002/$1003
        cpu = self.make([0x7C, 0x00, 0x10], x=0x02, mem={0x1002: 0x34, 0x1003: 0x12})
        assert self.run1(cpu) == 6
        assert cpu.pc == 0x1234

    def test_jmp_absolute_x_indirect_pointer_crosses_page(self):
        # JMP ($10FF,X)   X=$00: pointer at $10FF/$1100 (no page bug)
        cpu = self.make([0x7C, 0xFF, 0x10], mem={0x10FF: 0x34, 0x1100: 0x12, 0x1000: 0x56})
        assert self.run1(cpu) == 6
        assert cpu.pc == 0x1234

    def test_bit_immediate_sets_only_z(self):
        cpu = self.make([0x89, 0xC0], a=0x01, p=U)           # BIT #$C0
        assert self.run1(cpu) == 2
        self.assert_flags(cpu, Z=1, N=0, V=0)

    def test_bit_immediate_leaves_n_and_v(self):
        cpu = self.make([0x89, 0x01], a=0x01, p=U | N | V | Z)   # BIT #$01
        assert self.run1(cpu) == 2
        self.assert_flags(cpu, Z=0, N=1, V=1)

    def test_bit_zero_page_x(self):
        cpu = self.make([0x34, 0xF0], a=0xFF, x=0x20, mem={0x10: 0x40})   # BIT $F0,X
        assert self.run1(cpu) == 4
        self.assert_flags(cpu, Z=0, N=0, V=1)

    def test_bit_absolute_x_page_cross_5_cycles(self):
        cpu = self.make([0x3C, 0xF0, 0x12], a=0x00, x=0x20, mem={0x1310: 0x80})  # BIT $12F0,X
        assert self.run1(cpu) == 5
        self.assert_flags(cpu, Z=1, N=1, V=0)

    # --- RMB / SMB / BBR / BBS ---------------------------------------------------------
    @pytest.mark.parametrize("bit", range(8))
    def test_rmb_clears_one_bit(self, bit):
        cpu = self.make([0x07 | bit << 4, 0x10], mem={0x10: 0xFF})   # RMBn $10
        assert self.run1(cpu) == 5
        assert cpu.mem[0x10] == 0xFF & ~(1 << bit) and cpu.p == U

    @pytest.mark.parametrize("bit", range(8))
    def test_smb_sets_one_bit(self, bit):
        cpu = self.make([0x87 | bit << 4, 0x10], mem={0x10: 0x00})   # SMBn $10
        assert self.run1(cpu) == 5
        assert cpu.mem[0x10] == 1 << bit and cpu.p == U

    @pytest.mark.parametrize("bit", range(8))
    def test_bbr_taken_when_bit_clear_6_cycles(self, bit):
        cpu = self.make([0x0F | bit << 4, 0x10, 0x20], mem={0x10: 0xFF & ~(1 << bit)})
        assert self.run1(cpu) == 6                           # BBRn $10,*+$23
        assert cpu.pc == ORG + 3 + 0x20

    @pytest.mark.parametrize("bit", range(8))
    def test_bbr_not_taken_when_bit_set_5_cycles(self, bit):
        cpu = self.make([0x0F | bit << 4, 0x10, 0x20], mem={0x10: 1 << bit})
        assert self.run1(cpu) == 5                           # BBRn $10,*+$23
        assert cpu.pc == ORG + 3

    @pytest.mark.parametrize("bit", range(8))
    def test_bbs_taken_when_bit_set_6_cycles(self, bit):
        cpu = self.make([0x8F | bit << 4, 0x10, 0x20], mem={0x10: 1 << bit})
        assert self.run1(cpu) == 6                           # BBSn $10,*+$23
        assert cpu.pc == ORG + 3 + 0x20

    @pytest.mark.parametrize("bit", range(8))
    def test_bbs_not_taken_when_bit_clear_5_cycles(self, bit):
        cpu = self.make([0x8F | bit << 4, 0x10, 0x20], mem={0x10: 0xFF & ~(1 << bit)})
        assert self.run1(cpu) == 5                           # BBSn $10,*+$23
        assert cpu.pc == ORG + 3

    def test_bbs_taken_across_page_7_cycles(self):
        # $04F0: BBS0 $10,$0503
        cpu = self.make([0x8F, 0x10, 0x10], org=0x04F0, mem={0x10: 0x01})
        assert self.run1(cpu) == 7
        assert cpu.pc == 0x0503

    def test_bbr_does_not_write(self):
        cpu = self.make([0x0F, 0x10, 0x00], mem={0x10: 0x00})   # BBR0 $10,*+3
        assert all(kind == R for _, _, kind in cpu.step())

    def test_rmw_absolute_x_single_write(self):
        cpu = self.make([0xFE, 0x30, 0xC0], x=0x00, mem={0xC030: 0x41})   # INC $C030,X
        assert cpu.step()[3:] == [(0x0402, 0xC0, R), (0xC030, 0x41, R),
                                  (0xC030, 0x41, R), (0xC030, 0x42, W)]
