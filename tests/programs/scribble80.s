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

.alias SEED     $06             ; the LFSR, two bytes
.alias PTR      $08             ; the byte to write
.alias COUNT    $0A             ; rounds until the next switch
.alias SWITCH   $0B             ; the switch to write, two bytes

.org $0C00

start:  lda #$e1
        sta SEED
        lda #$5a
        sta SEED+1
        lda #4
        sta COUNT
        ldy #0

round:  jsr random
        and #$3f
        cmp #$08                ; 0-7: a text page, 8-63: a hi-res page
        bcs hires
        adc #$04                ; $04-$0B
        bne page                ; always
hires:  clc
        adc #$18                ; 8-63 -> $20-$57
page:   sta PTR+1
        jsr random
        sta PTR
        jsr random
        sta (PTR),y             ; Y = 0
        dec COUNT
        bne round
        lda #4
        sta COUNT
        jsr random
        and #31
        cmp #18
        bcs round               ; 18-31: no switch this time
        tax
        lda switches,x
        sta SWITCH
        lda #$c0
        sta SWITCH+1
        sta (SWITCH),y          ; write one switch (Y = 0)
        jmp round

switches: .byte $50, $51, $52, $53, $54, $55, $56, $57, $00, $01, $04, $05
          .byte $0c, $0d, $0e, $0f, $5e, $5f

; random: step the LFSR once; A = its new low byte.
random: lsr SEED+1
        ror SEED
        bcc done
        lda SEED+1
        eor #$b4
        sta SEED+1
done:   lda SEED
        rts
