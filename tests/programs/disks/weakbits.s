; weakbits.s - a track of weak bits with one valid island (emu/tools/testdisks.py, "weakbits").
;
; Track 1 is all 0 bits (no flux change) but for one island: 8 self-sync
; bytes, D5 AA 96, the first 16 disk bytes of the 6-and-2 table, DE AA EB, 2
; sync bytes.  Three turns of the disk: each time we find the island, check
; its 16 bytes, read past its epilogue and keep the next 8 nibbles, which
; come from the weak area.  The WOZ 2 reference ("Freaking Out Like a
; MC3470"): where no flux changes, the drive's amplifier reads noise, so
; those nibbles differ from turn to turn (that is how copy protections tell
; an original from a nibble copy); the island itself reads right every time.
; Each nibble is counted once: a loop waits for the latch to clear before it
; waits for the next nibble.
; Prints: PASS/FAIL, the first 4 noise nibbles of turns 1 and 2, and how many
; island bytes were wrong.

.alias WRONG    $E0
.alias PASSNO   $E1
.alias NOISEBUF    $1000           ; 3 x 8 nibbles

gone:   jmp lost                ; (a near target for the branches: a far one
                                ; would be a longer, slower branch)

main:   lda #2                  ; track 1
        jsr ontrack
        lda #0
        sta WRONG
        sta PASSNO
turn:   jsr setfind
        .byte $D5, $AA, $96
        jsr find
        bcs gone
        ldy #0
isl:    lda $C08C,x
        bpl isl
        cmp island,y
        beq islok
        inc WRONG
islok:  iny
        cpy #16
        bne isl
        ldy #5                  ; DE AA EB and the 2 sync bytes
skip:   lda $C08C,x             ; (a nibble still in the latch first goes: a
        bmi skip                ; self-sync byte stays long enough to be seen
skipn:  lda $C08C,x             ; twice by a quick loop)
        bpl skipn
        dey
        bne skip
        lda PASSNO
        asl
        asl
        asl
        tay                     ; Y = turn * 8
        lda #8
        sta SCRATCH
noise:  lda $C08C,x             ; (the last nibble goes first, as above)
        bmi noise
noisen: lda $C08C,x
        bpl noisen
        sta NOISEBUF,y
        iny
        dec SCRATCH
        bne noise
        inc PASSNO
        lda PASSNO
        cmp #3
        bne turn
; report
        lda #5
        sta COL
        ldy #0
show:   lda NOISEBUF,y
        jsr puthex
        iny
        cpy #4
        bne show
        ldy #8
show2:  lda NOISEBUF,y
        jsr puthex
        iny
        cpy #12
        bne show2
        lda WRONG
        jsr puthex
        lda WRONG
        bne bad
        ldy #0                  ; the noise must differ between two turns
differ: lda NOISEBUF,y
        cmp NOISEBUF+8,y
        bne good
        cmp NOISEBUF+16,y
        bne good
        iny
        cpy #8
        bne differ
bad:    jmp fail
good:   jmp pass

island: .byte $96, $97, $9A, $9B, $9D, $9E, $9F, $A6, $A7, $AB, $AC, $AD, $AE, $AF, $B2, $B3
