; build: roms/apple2.rom
;
; apple2.s - this project's own Apple II+ system ROM, $D000-$FFFF (12 KiB),
; for the NMOS 6502.  Written from the documented entry points and register
; conventions (Apple II Reference Manual); no Apple code.  There is no BASIC:
; the routines live in $D000-$F7FF, and the documented addresses in
; $F800-$FFFF (entries.s) lead to them.  Build: python -m emu.tools.build_roms

.include "zp.s"

; The II+'s identification bytes (Apple II Miscellaneous Technical Notes #2
; and #7): $FBB3 = $EA, and $FBBF, $FBC0 = $EA "for reference".
.alias ID_FBB3 $EA
.alias ID_FBBF $EA
.alias ID_FBC0 $EA

.include "system.s"
