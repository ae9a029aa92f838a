; lores.s - lo-res graphics: 40 x 48 blocks, two per text-screen byte (the
; low nibble is the upper block).  Coordinates as documented: Y = column
; (0-39), A = block row (0-47).  Include file.
.scope

; GBASCALC: A = text row 0-23 -> GBASL/GBASH (page 1).  Ends with A = GBASL,
; as on the II+; X and Y kept.
gbascalc:
        pha
        and #$18                ; 8 * (row div 8)
        sta GBASL
        asl
        asl
        adc GBASL               ; 40 * (row div 8)
        sta GBASL
        pla
        pha
        lsr                     ; carry: odd row, the second half of the page
        and #$03
        ora #$04
        sta GBASH
        bcc +
        lda GBASL
        ora #$80
        sta GBASL
*       pla
        lda GBASL
        rts

; PLOT: a block of COLOR at column Y, row A.  X and Y are kept.
plot:   lsr                     ; two block rows per byte; carry: the lower one
        php
        jsr gbascalc
        plp
        lda #$0F                ; upper block: the low nibble
        bcc +
        lda #$F0
*       sta MASK
; PLOT1: the same, with GBASL and MASK already set.
plot1:  lda (GBASL),y
        eor COLOR
        and MASK                ; only the chosen nibble changes ...
        eor (GBASL),y           ; ... to COLOR's
        sta (GBASL),y
        rts

; HLINE: row A, from column Y to column H2.  Y ends at H2.
hline:  jsr plot
_right: cpy H2
        bcs _hdone
        iny
        jsr plot1
        jmp _right
_hdone: rts

; VLINE: column Y, from row A to row V2.
vline:  pha
        jsr plot
        pla
        cmp V2
        bcs _vdone
        adc #1                  ; carry is clear
        bcc vline               ; always
_vdone: rts

; CLRSCR: all 48 rows black.  CLRTOP: the top 40 (mixed mode's graphics).
clrscr: lda #47
        bne _clear
clrtop: lda #39
_clear: sta V2
        lda #0
        sta COLOR
        ldy #39
_col:   lda #0
        jsr vline
        dey
        bpl _col
        rts

; SETCOL: COLOR = colour A (0-15) in both nibbles.  NXTCOL: colour + 3.
nxtcol: lda COLOR
        clc
        adc #3
setcol: and #$0F
        sta COLOR
        asl
        asl
        asl
        asl
        ora COLOR
        sta COLOR
        rts

; SCRN: A = the colour (0-15) of the block at column Y, row A.
scrn:   lsr
        php
        jsr gbascalc
        lda (GBASL),y
        plp
        bcc +
        lsr
        lsr
        lsr
        lsr
*       and #$0F
        rts
.scend
