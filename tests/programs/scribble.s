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
        and #15
        cmp #12
        bcs round               ; 12-15: no switch this time
        tax
        lda switches,x
        sta SWITCH
        lda #$c0
        sta SWITCH+1
        sta (SWITCH),y          ; write one switch (Y = 0)
        jmp round

switches: .byte $50, $51, $52, $53, $54, $55, $56, $57, $00, $01, $04, $05

; random: step the LFSR once; A = its new low byte.
random: lsr SEED+1
        ror SEED
        bcc done
        lda SEED+1
        eor #$b4
        sta SEED+1
done:   lda SEED
        rts
