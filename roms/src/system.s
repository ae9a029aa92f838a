; system.s - the system ROM's $D000-$FFFF, the same for every model: our
; extras at $D000-$F7FF and the monitor at $F800-$FFFF, whole in itself.
; Include file (no build header): apple2.s builds the II+'s ROM from it,
; apple2e.s and apple2ee.s the IIe's; each first includes zp.s and sets the
; model's identification bytes ID_FBB3, ID_FBBF and ID_FBC0.

.org $D000
.include "extras.s"             ; $D000-$F7FF

.advance $F800, $00             ; the monitor, $F800-$FFFF, in address order:
.include "lores.s"              ; $F800 lo-res graphics
.include "disasm.s"             ; $F882 the disassembler and its opcode tables
.include "reset.s"              ; $FA40 IRQ, BRK, RESET, the cold start
.include "window.s"             ; $FB19 paddles, window, title, ID bytes
.include "screen.s"             ; $FBC1 the text screen, bell, WAIT
.include "keyboard.s"           ; $FCCA keyboard, GETLN, hex output
.include "monitor.s"            ; $FDED COUT, memory, I/O hooks, the monitor
