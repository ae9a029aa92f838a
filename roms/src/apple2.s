; build: roms/apple2.rom
;
; apple2.s - this project's own Apple II+ system ROM, $D000-$FFFF (12 KiB),
; for the NMOS 6502.  Written from the documented entry points and register
; conventions (Apple II Reference Manual; emu/entry_points.py lists them);
; no Apple code.  There is no BASIC.
;
; $F800-$FFFF is the monitor, and it is whole in itself, as Apple's is:
; every documented routine starts at its documented address and runs
; there, calling nothing outside these 2 KiB, so it works when this 2 KiB
; is copied into the language card's RAM above a program of its own, or
; plugged in alone as an F8 ROM.  $D000-$F7FF holds our name, a few extras
; the monitor calls only once it has seen our name at $D000 (extras.s), and
; BASIC's two entries.  See roms/README.md.  Build: python -m emu.tools.build_roms

.include "zp.s"

; The model (apple2e.s and apple2ee.s set their own): the identification
; bytes, Apple II Miscellaneous Technical Notes #2 and #7.
.alias ID_FBB3  $EA             ; VERSION: $EA on a II+
.alias ID_FBBF  $EA             ; ZIDBYTE2 ($FBBF) and ZIDBYTE ($FBC0): the
.alias ID_FBC0  $EA             ; II+ has $EA at both

.include "system.s"
