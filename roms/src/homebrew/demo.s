; build: roms/homebrew_demo.bin
;
; demo.s - hi-res colour: six colour bars and a bouncing, colour-changing ball.
;
; Load at $1400 (DEMO in map.s) and start there.  Hi-res page 1, mixed mode:
; 160 lines of graphics, then four text lines naming the colours.
;
; On an NTSC screen hi-res has six colours.  In each byte the low seven bits
; are dots (bit 0 leftmost) and bit 7 picks the palette: with bit 7 clear, lit
; dots in even screen columns show violet and in odd columns green; with bit 7
; set (the byte's dots shifted half a dot later) they show blue and orange.
; Two lit dots side by side are white, none black.  A byte holds 7 dots, an
; odd number, so an even byte column starts on an even dot and an odd one on
; an odd dot: a bar of one colour alternates two byte values, violet $55 $2A,
; green $2A $55, blue $D5 $AA, orange $AA $D5 (white $7F, black $00).
;
; The ball is a byte-wide, 8-line block drawn with EOR onto black, so drawing
; it again erases it; each bounce clicks the speaker, counts, and changes its
; colour.  Esc goes back to the menu.
; Self-contained: own screen, keyboard and speaker code, NMOS 6502.

.include "map.s"

.alias BARTOP   4               ; the bars: a white line at 4, bars on 5-90,
.alias BAREND   91              ;   a white line at 91
.alias BOXTOP   96              ; the ball's box: a white line at 96...
.alias BALLH    8               ; the ball: 8 lines high, one byte wide
.alias MINY     98              ; ...the ball's top line 98-152 (step 3)
.alias MAXY     152             ; (152 + 8 = 160: the last graphics line + 1)
.alias MINX     2               ; the ball's byte column 2-37
.alias MAXX     37

; zero page ($60-$7F: this program's)
.alias HPTR     $60             ; a hi-res line's start (2 bytes)
.alias LINE     $62             ; the line being drawn
.alias BX       $63             ; the ball: byte column...
.alias BY       $64             ; ...and top line
.alias VX       $65             ; its velocity: +1 / -1 byte...
.alias VY       $66             ; ...+3 / -3 lines
.alias HUE      $67             ; its colour, 0-4 (see huelo)
.alias BOUNCES  $68             ; bounces so far, BCD (2 bytes)
.alias TMP      $6a
.alias COUNT    $6b
.alias HTMP     $6c             ; hbase's own scratch byte

.org DEMO

start:  cld
        ldx #$ff
        txs
        jsr clearhgr            ; clear the page before showing it
        sta $c050               ; graphics
        sta $c053               ; mixed
        sta $c054               ; page 1
        sta $c057               ; hi-res
        jsr captions
        jsr bars
        jsr box
        lda #MINX               ; the ball starts top left, going down-right
        sta BX
        lda #MINY
        sta BY
        lda #1
        sta VX
        lda #3
        sta VY
        lda #0
        sta HUE
        sta BOUNCES
        sta BOUNCES+1
        jsr showcount
        jsr ball                ; draw it

; Each pass: wait about two frames, erase the ball, move it, draw it.
loop:   jsr wait
        jsr ball                ; (EOR: drawing it again erases it)
        jsr step
        jsr ball
        jmp loop

; wait: about 35,000 cycles (two frames), watching for Esc.
wait:
.scope
        lda #27
        sta COUNT
_outer: jsr getkey
        cmp #$9b                ; Esc
        bne _inner
        jmp MENU
_inner: dex                     ; 256 * 5 cycles
        bne _inner
        dec COUNT
        bne _outer
        rts
.scend

; step: move the ball one step; off an edge, turn back and bounce.
step:
.scope
        lda BX
        clc
        adc VX
        cmp #MINX
        bcc _xturn
        cmp #MAXX+1
        bcc _xok
_xturn: lda #0                  ; VX = -VX
        sec
        sbc VX
        sta VX
        jsr bounce
        lda BX
        clc
        adc VX
_xok:   sta BX
        lda BY
        clc
        adc VY
        cmp #MINY
        bcc _yturn
        cmp #MAXY+1
        bcc _yok
_yturn: lda #0                  ; VY = -VY
        sec
        sbc VY
        sta VY
        jsr bounce
        lda BY
        clc
        adc VY
_yok:   sta BY
        rts
.scend

; bounce: click, count it, next colour.
bounce:
.scope
        ldx #30                 ; a short tick
        ldy #6
        jsr tone
        sed
        lda BOUNCES
        clc
        adc #1
        sta BOUNCES
        lda BOUNCES+1
        adc #0
        sta BOUNCES+1
        cld
        jsr showcount
        ldx HUE
        inx
        cpx #5
        bne _hue
        ldx #0
_hue:   stx HUE
        rts
.scend

; ball: EOR the ball's 8 lines at (BX, BY) in colour HUE.
ball:
.scope
        lda BX                  ; the byte for an even or an odd column
        lsr
        lda HUE
        rol                     ; A = HUE * 2 + (BX odd)
        tax
        lda hues,x
        sta TMP
        lda BY
        sta LINE
        lda #BALLH
        sta COUNT
_line:  lda LINE
        jsr hbase
        ldy BX
        lda (HPTR),y
        eor TMP
        sta (HPTR),y
        inc LINE
        dec COUNT
        bne _line
        rts
.scend

; The ball's colours, as (even column byte, odd column byte).
hues:   .byte $7f, $7f          ; white
        .byte $55, $2a          ; violet
        .byte $2a, $55          ; green
        .byte $d5, $aa          ; blue
        .byte $aa, $d5          ; orange

; bars: white lines BARTOP and BAREND, `barrow` on every line between.
bars:
.scope
        lda #BARTOP
        jsr whiteline
        lda #BAREND
        jsr whiteline
        lda #BARTOP+1
        sta LINE
_line:  lda LINE
        jsr hbase
        ldy #38
_byte:  lda barrow-1,y          ; barrow's first byte is column 1
        sta (HPTR),y
        dey
        bne _byte
        inc LINE
        lda LINE
        cmp #BAREND
        bne _line
        rts
.scend

; A line through the bars, byte columns 1-38.  Columns 1 and 38 are the
; frame's sides: two white dots at the inner edge ($60: the two rightmost
; dots, $03: the two leftmost).  Bars start on even columns, so each starts
; with its even-column byte.
barrow: .byte $60
        .byte $55, $2a, $55, $2a, $55, $2a      ; violet  (palette 0)
        .byte $2a, $55, $2a, $55, $2a, $55      ; green   (palette 0)
        .byte $d5, $aa, $d5, $aa, $d5, $aa      ; blue    (palette 1)
        .byte $aa, $d5, $aa, $d5, $aa, $d5      ; orange  (palette 1)
        .byte $7f, $7f, $7f, $7f, $7f, $7f      ; white
        .byte $00, $00, $00, $00, $00, $00      ; black
        .byte $03

; box: the ball's box: a white line on top, sides like the bars'.
box:
.scope
        lda #BOXTOP
        jsr whiteline
        lda #BOXTOP+1
        sta LINE
_line:  lda LINE
        jsr hbase
        ldy #1
        lda #$60
        sta (HPTR),y
        ldy #38
        lda #$03
        sta (HPTR),y
        inc LINE
        lda LINE
        cmp #160
        bne _line
        rts
.scend

; whiteline: line A white across byte columns 1-38.
whiteline:
.scope
        jsr hbase
        lda #$7f
        ldy #38
_byte:  sta (HPTR),y
        dey
        bne _byte
        rts
.scend

; hbase: HPTR = the address of hi-res line A (0-191).
;
; Line A = %ab cde fgh is at $2000 + fgh * $400 + cde * $80 + ab * 40: the
; screen's lines are interleaved three ways in memory.  Uses A.
hbase:
.scope
        pha
        and #$07                ; fgh * 4 into the high byte: $20 + fgh * 4
        asl
        asl
        ora #$20
        sta HPTR+1
        pla
        pha
        lsr                     ; cde...
        lsr
        lsr
        and #$07
        lsr                     ; ...cd into the high byte, e into the carry
        ora HPTR+1
        sta HPTR+1
        lda #0
        ror                     ; e * $80
        sta HPTR
        pla
        and #$c0                ; ab * 64
        lsr
        lsr
        lsr                     ; ab * 8
        sta HTMP
        asl
        asl                     ; ab * 32
        clc
        adc HTMP                ; ab * 40
        ora HPTR                ; (ab * 40 < $80: no carry into the $80)
        sta HPTR
        rts
.scend

; clearhgr: all of hi-res page 1 ($2000-$3FFF) to black.
clearhgr:
.scope
        lda #$20
        sta HPTR+1
        lda #0
        sta HPTR
        tay
_byte:  sta (HPTR),y
        iny
        bne _byte
        inc HPTR+1
        ldx HPTR+1
        cpx #$40
        bne _byte
        rts
.scend

; captions: name the bars under them, and the keys.
captions:
        lda #$a0                ; all of text page 1: rows 0-19 are out of
        ldx #0                  ; sight, but then nothing stale shows if a
        ldy #24                 ; program switches to text
        jsr fillrows
        lda #$ff
        sta MASK
        jsr print
        .byte 20, 2, "VIOLET      BLUE        WHITE", 0
        jsr print
        .byte 21, 8, "GREEN       ORANGE      BLACK", 0
        jsr print
        .byte 22, 0, "BIT 7 OFF: VIOLET/GREEN  ON: BLUE/ORANGE", 0
        rts

; showcount: the bounce counter and the key, text row 23.
showcount:
        jsr print
        .byte 23, 0, "ESC: MENU                 BOUNCES ", 0
        lda BOUNCES+1
        jsr putbcd
        lda BOUNCES
        jmp putbcd

.include "text.s"
.include "sound.s"
.include "rows.s"

.checkpc BODYX                  ; the demo must end before the game's body ring
