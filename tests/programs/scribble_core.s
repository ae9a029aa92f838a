; scribble_core.s - the loop of scribble.s and scribble80.s (their comments say
; what it does): included after SWITCH_MASK (a power of two less one) and
; SWITCH_COUNT (the entries of the including program's `switches` table) are
; set, and followed by that table; `random` comes after it, from
; scribble_random.s, so that both programs keep their layout.

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
        and #SWITCH_MASK
        cmp #SWITCH_COUNT
        bcs round               ; the rest: no switch this time
        tax
        lda switches,x
        sta SWITCH
        lda #$c0
        sta SWITCH+1
        sta (SWITCH),y          ; write one switch (Y = 0)
        jmp round
