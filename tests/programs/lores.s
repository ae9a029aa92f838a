; lores.s - golden screen: the 16 lo-res colours as bars, full-screen lo-res.
;
; Written for this project's tests (tests/test_machine.py); assemble with ophis.
; Load at $0C00 and start there.  Switches: graphics, full screen, page 1,
; lo-res.  Text rows 0-11 (lo-res block rows 0-23): colour c fills columns
; 4 + 2c and 5 + 2c, grey 1 (colour 5) the four columns at each side.  Text
; rows 12-23: each byte holds colour c in its low nibble (the upper block,
; lines 0-3 of the row) and 15 - c in its high nibble (the lower block).

.alias DST      $08             ; pointer into the screen

.org $0C00

start:  sta $c050               ; graphics
        sta $c052               ; full screen
        sta $c054               ; page 1
        sta $c056               ; lo-res

        ldx #0
row:    lda rowlo,x
        sta DST
        lda rowhi,x
        sta DST+1
        ldy #39
        cpx #12
        bcs lower
upper:  lda bars,y
        sta (DST),y
        dey
        bpl upper
        bmi nextrow             ; always
lower:  lda split,y
        sta (DST),y
        dey
        bpl lower
nextrow: inx
        cpx #24
        bne row

done:   jmp done

bars:   .byte $55, $55, $55, $55
        .byte $00, $00, $11, $11, $22, $22, $33, $33
        .byte $44, $44, $55, $55, $66, $66, $77, $77
        .byte $88, $88, $99, $99, $aa, $aa, $bb, $bb
        .byte $cc, $cc, $dd, $dd, $ee, $ee, $ff, $ff
        .byte $55, $55, $55, $55
split:  .byte $55, $55, $55, $55
        .byte $f0, $f0, $e1, $e1, $d2, $d2, $c3, $c3
        .byte $b4, $b4, $a5, $a5, $96, $96, $87, $87
        .byte $78, $78, $69, $69, $5a, $5a, $4b, $4b
        .byte $3c, $3c, $2d, $2d, $1e, $1e, $0f, $0f
        .byte $55, $55, $55, $55

.include "../../roms/src/homebrew/rows.s"   ; the row table the homebrew uses too
