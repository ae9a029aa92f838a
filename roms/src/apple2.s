; build: roms/apple2.rom
;
; apple2.s - this project's own Apple II+ system ROM, $D000-$FFFF (12 KiB),
; for the NMOS 6502.  Written from the documented entry points and register
; conventions (Apple II Reference Manual); no Apple code.  There is no BASIC:
; the routines live in $D000-$F7FF, and the documented addresses in
; $F800-$FFFF (entries.s) lead to them.  Build: python -m emu.tools.build_roms

.include "zp.s"

.org $D000
        .byte "APPLE2 PY FIRMWARE", 0   ; who we are, for anyone peeking at $D000

; Language-card tests (a2audit among them) tell ROM from card RAM by reading
; $D17B, which holds $53 in every Apple II ROM they know, and $FE1F (an RTS,
; see entries.s).  One data byte, so that they see ROM where ROM should be.
.advance $D17B, $00
        .byte $53

.include "reset.s"
.include "screen.s"
.include "keyboard.s"
.include "lores.s"
.include "sound.s"
.include "monitor.s"
.include "disasm.s"

; No BASIC here, but programs (and DOS) that start or return to BASIC jump
; to its cold and warm entries, $E000 and $E003: they reach the monitor.
.advance $E000, $00
        jmp monz                ; BASIC cold start
        jmp monz                ; BASIC warm start

.include "optable.s"

.advance $F800, $00
.include "entries.s"
