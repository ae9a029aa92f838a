; scribble80.s - scribble.s for the IIe's own modes: random bytes over the screen
; pages of main and aux memory, and the video switches flipped at random times.
;
; Written for this project's tests (tests/test_video_iie.py); assemble with
; ophis.  Load at $0C00 and start there; it runs forever.  As scribble.s
; (whose comments say how it picks pages, bytes and values), with eighteen
; switches: the eight video switches $C050-$C057, 80STORE ($C000 off, $C001
; on) and RAMWRT ($C004, $C005), which send writes to the screen pages to aux
; memory or main, 80COL ($C00C, $C00D), ALTCHARSET ($C00E, $C00F) and AN3
; ($C05E: double hi-res and lo-res on, $C05F off).  So the frames mix
; 40- and 80-column text, the two character sets, lo-res, double lo-res,
; hi-res and double hi-res, from line to line and within lines.

.alias SWITCH_MASK 31
.alias SWITCH_COUNT 18
.include "scribble_core.s"

switches: .byte $50, $51, $52, $53, $54, $55, $56, $57, $00, $01, $04, $05
          .byte $0c, $0d, $0e, $0f, $5e, $5f

.include "scribble_random.s"
