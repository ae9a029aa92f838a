; lores.s - $F800-$F881: lo-res graphics, 40 x 48 blocks, two to a text
; screen byte (the low nibble is the upper block).  Coordinates as
; documented: Y = column (0-39), A = block row (0-47).  Each routine starts
; at its documented address (emu/entry_points.py) and runs in place.
; Include file.

.scope
.advance $F800, $00
; PLOT ($F800): a block of COLOR at column Y, row A.  X and Y are kept;
; A ends as the new screen byte.
plot:   lsr                     ; two block rows a byte; carry: the lower one
        php
        jsr gbascalc
        plp
        lda #$0F                ; the upper block: the low nibble
        bcc +
        adc #$E0                ; (carry set) $F0: the high nibble
*       sta MASK
; PLOT1 ($F80E): PLOT with GBASL and MASK already set.
        .advance $F80E, $00
plot1:  lda (GBASL),y
        eor COLOR
        and MASK                ; only the chosen nibble changes ...
        eor (GBASL),y           ; ... to COLOR's
        sta (GBASL),y
_rts:   rts

; HLINE ($F819): row A, from column Y to column H2; Y ends at H2.
        .advance $F819, $00
hline:  jsr plot
_right: cpy H2
        bcs _rts
        iny
        jsr plot1
        bcc _right              ; (PLOT1 leaves the carry clear from CPY)

; VLINE ($F828): column Y, from row A to row V2; A ends at V2.  The
; instruction before it steps to the next row.
        .advance $F826, $00
_down:  adc #1                  ; (carry clear)
vline:  pha
        jsr plot
        pla
        cmp V2
        bcc _down
        rts

; CLRSCR ($F832): all 48 rows black.  CLRTOP ($F836): the top 40 (mixed
; mode's graphics).  COLOR ends 0; X is kept.
        .advance $F832, $00
clrscr: lda #47
        bne _clear
        .advance $F836, $00
clrtop: lda #39
_clear: sta V2
        ldy #39
_col:   lda #0
        sta COLOR
        jsr vline
        dey
        bpl _col
        rts

; GBASCALC ($F847): GBASL/GBASH = the base of text row A (0-23) on page 1:
; $0400 + 128 * (row mod 8) + 40 * (row div 8).  Ends with A = GBASL; X and
; Y are kept.
        .advance $F847, $00
gbascalc:
        pha
        lsr                     ; carry: the row's bit 0
        and #$03
        ora #$04
        sta GBASH               ; $04 + (row mod 8) div 2
        pla
        and #$18                ; 8 * (row div 8)
        bcc +
        ora #$80                ; an odd row: the second half of its page
*       sta GBASL
        asl
        asl                     ; 32 * (row div 8)
        ora GBASL               ; + 8 * (row div 8): never overlaps
        sta GBASL
        rts

; NXTCOL ($F85F): COLOR + 3.  SETCOL ($F864): COLOR = colour A in both
; nibbles.  Both end with A = COLOR; X and Y are kept.
        .advance $F85F, $00
nxtcol: lda COLOR
        clc
        adc #3
        .advance $F864, $00
setcol: and #$0F
        sta COLOR
        asl
        asl
        asl
        asl
        ora COLOR
        sta COLOR
        rts

; SCRN ($F871): A = the colour (0-15) of the block at column Y, row A.
        .advance $F871, $00
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
