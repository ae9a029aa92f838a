; system.s - the system ROM's $D000-$FFFF, the same for every model: the
; monitor and its routines, with the documented entry points at $F800-$FFFF
; (entries.s).  Include file (no build header): apple2.s builds the II+'s
; ROM from it, apple2e.s and apple2ee.s the IIe's; each first includes zp.s
; and sets the model's identification bytes ID_FBB3, ID_FBBF and ID_FBC0.

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
