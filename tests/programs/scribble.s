; scribble.s - the renderer's worst case: random bytes all over the screen pages,
; and the video switches flipped at random times.
;
; Written for this project's tests (tests/test_video_timing.py); assemble with
; ophis.  Load at $0C00 and start there; it runs forever.  A 16-bit Galois
; LFSR (taps $B400) picks, each round, a page among the eight text pages
; ($0400-$0BFF) and 56 of the 64 hi-res pages ($2000-$57FF), a byte in it
; and a value, and stores it; one round in four it also writes one of twelve
; switches (or, one time in four, none), picked the same way: the eight video
; switches $C050-$C057, and the IIe's 80STORE ($C000 off, $C001 on) and
; RAMWRT ($C004, $C005), which send the CPU's writes to the screen pages to
; aux memory or main (on a II+ these four are keyboard reads that change
; nothing).  A round takes 60-90
; cycles, so a frame sees about 200 writes and 35 switches, landing before,
; on and after the beam.

.alias SWITCH_MASK 15
.alias SWITCH_COUNT 12
.include "scribble_core.s"

switches: .byte $50, $51, $52, $53, $54, $55, $56, $57, $00, $01, $04, $05

.include "scribble_random.s"
