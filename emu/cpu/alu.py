"""The arithmetic of the 6502 family, as small jitted functions.

The generated core calls these; LLVM inlines them, so they cost nothing at run
time and keep the generated core short.  Each takes the status register ``p``
and returns the new one.  Flag bits: C=1 Z=2 I=4 D=8 B=16 U=32 V=64 N=128.

Decimal mode follows Bruce Clark's "Decimal Mode" tutorial (6502.org),
appendices A and B: the NMOS 6502 computes N, V and Z from intermediate or
binary results, the 65C02 takes N and Z from the decimal result.
"""
from __future__ import annotations

from numba import njit

from .. import jit_options

JIT = jit_options(inline=True)


@njit(**JIT)
def nz(p, v):
    """Set N and Z from an 8-bit result."""
    return (p & 0x7D) | (v & 0x80) | (2 if v == 0 else 0)


@njit(**JIT)
def adc_binary(a, v, p):
    r = a + v + (p & 1)
    p = (p & 0x3C) | (r >> 8) | (r & 0x80) | (((a ^ r) & (v ^ r) & 0x80) >> 1)
    r &= 0xFF
    if r == 0:
        p |= 2
    return r, p


@njit(**JIT)
def _adc_decimal_sum(a, v, c):
    """Clark's sequence 1a-1c: the sum before the high-nibble adjust."""
    lo = (a & 0x0F) + (v & 0x0F) + c
    if lo >= 0x0A:
        lo = ((lo + 6) & 0x0F) + 0x10
    return (a & 0xF0) + (v & 0xF0) + lo


@njit(**JIT)
def adc_nmos(a, v, p):
    """ADC on the NMOS 6502: N and V from the unadjusted sum, Z from binary."""
    if not p & 8:
        return adc_binary(a, v, p)
    c = p & 1
    r = _adc_decimal_sum(a, v, c)
    p = (p & 0x3C) | (r & 0x80) | (((a ^ r) & ~(a ^ v) & 0x80) >> 1)
    if (a + v + c) & 0xFF == 0:
        p |= 2
    if r >= 0xA0:
        r += 0x60
    if r >= 0x100:
        p |= 1
    return r & 0xFF, p


@njit(**JIT)
def adc_cmos(a, v, p):
    """ADC on the 65C02: valid N and Z in decimal mode."""
    if not p & 8:
        return adc_binary(a, v, p)
    c = p & 1
    r = _adc_decimal_sum(a, v, c)
    p = (p & 0x3C) | (((a ^ r) & ~(a ^ v) & 0x80) >> 1)
    if r >= 0xA0:
        r += 0x60
    if r >= 0x100:
        p |= 1
    return r & 0xFF, nz(p, r & 0xFF)


@njit(**JIT)
def sbc_nmos(a, v, p):
    """SBC on the NMOS 6502: flags always from the binary subtraction."""
    r, q = adc_binary(a, v ^ 0xFF, p)
    if not p & 8:
        return r, q
    c = p & 1
    lo = (a & 0x0F) - (v & 0x0F) + c - 1
    if lo < 0:
        lo = ((lo - 6) & 0x0F) - 0x10
    r = (a & 0xF0) - (v & 0xF0) + lo
    if r < 0:
        r -= 0x60
    return r & 0xFF, q


@njit(**JIT)
def sbc_cmos(a, v, p):
    """SBC on the 65C02 (Clark's sequence 4): N and Z from the decimal result."""
    r, q = adc_binary(a, v ^ 0xFF, p)
    if not p & 8:
        return r, q
    c = p & 1
    lo = (a & 0x0F) - (v & 0x0F) + c - 1
    r = a - v + c - 1
    if r < 0:
        r -= 0x60
    if lo < 0:
        r -= 0x06
    return r & 0xFF, nz(q, r & 0xFF)


@njit(**JIT)
def compare(r, v, p):
    """CMP/CPX/CPY: C when r >= v, N and Z from r - v."""
    t = (r - v) & 0xFF
    return nz((p & 0xFE) | (1 if r >= v else 0), t)


@njit(**JIT)
def asl(v, p):
    r = (v << 1) & 0xFF
    return r, nz((p & 0xFE) | (v >> 7), r)


@njit(**JIT)
def lsr(v, p):
    r = v >> 1
    return r, nz((p & 0xFE) | (v & 1), r)


@njit(**JIT)
def rol(v, p):
    r = ((v << 1) | (p & 1)) & 0xFF
    return r, nz((p & 0xFE) | (v >> 7), r)


@njit(**JIT)
def ror(v, p):
    r = (v >> 1) | ((p & 1) << 7)
    return r, nz((p & 0xFE) | (v & 1), r)


@njit(**JIT)
def bit(a, v, p):
    """BIT: N and V from the operand, Z from A AND operand."""
    return (p & 0x3D) | (v & 0xC0) | (2 if a & v == 0 else 0)


@njit(**JIT)
def arr(a, v, p):
    """NMOS ARR: AND, then ROR with odd flags; decimal mode adds BCD fix-ups."""
    t = a & v
    r = (t >> 1) | ((p & 1) << 7)
    p = nz(p & 0xBE, r)
    if not p & 8:
        return r, p | ((r >> 6) & 1) | ((r ^ (r << 1)) & 0x40)
    p |= (t ^ r) & 0x40
    if (t & 0x0F) + (t & 0x01) > 5:
        r = (r & 0xF0) | ((r + 6) & 0x0F)
    if (t & 0xF0) + (t & 0x10) > 0x50:
        r = (r + 0x60) & 0xFF
        p |= 1
    return r, p
