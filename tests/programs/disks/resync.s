; resync.s - resetting the sequencer with $C08D: the "E7 bit slip" trick
; (emu/tools/testdisks.py, "resync").
;
; Track 1 repeats: 8 sync, D5 AA 96, then 30 x (E7 and a 0 bit).  Read
; normally, the extra 0 bits are dropped between nibbles: E7 E7 E7...  Sather
; ch. 9: in sense mode (Q6 on) the sequencer holds state 0 and shifts the
; register right (write protect into bit 7: 0s here), and back in read mode
; state 0 goes to 1 and shifts a 1 in at once; from there it frames whatever
; bits come, timing 0 bits included (the WOZ 2 reference: reading $C08D,X
; "will reset the sequencer and clear the contents of the data latch",
; which the E7 protection uses).  Plain framing of the bits (a 1, then the
; stream from where the reset falls) says: a reset 5 to 8 bits into an
; "E7 0" unit (or at its start) reads EE EE EE... after a nibble or two.  We
; reset 24 cycles after seeing the 96, which is 5.6-7.3 bits into the first
; unit (the 96 is seen 0-6.5 cycles after it is complete), and read 8
; nibbles: the last 5 must be EE.  Then, without a reset, E7s.
; Prints: PASS/FAIL, the 8 nibbles after the reset, then 2 without.

.alias GOT      $E0             ; 10 nibbles

gone:   jmp lost                ; (a near target for the branches: a far one
                                ; would be a longer, slower branch)

main:   lda #2                  ; track 1
        jsr ontrack
        jsr setfind             ; (FF) D5 AA, then the 96 by hand
        .byte $FF, $D5, $AA
        jsr find
        bcs gone
w96:    lda $C08C,x
        bpl w96
        cmp #$96                ; 2
        bne gone                ; 2
        nop                     ; 10
        nop
        nop
        nop
        nop
        lda $C08D,x             ; 4: sense mode, the sequencer to state 0
        lda $C08C,x             ; 4: read mode again, 24 cycles after the 96
        ldy #0
after:  lda $C08C,x
        bpl after
        sta GOT,y
        iny
        cpy #8
        bne after
        jsr setfind             ; and the same stream, read plainly
        .byte $D5, $AA, $96
        jsr find
        bcs gone
        ldy #8
plain:  lda $C08C,x
        bpl plain
        sta GOT,y
        iny
        cpy #10
        bne plain
        lda #GOT
        sta STR
        lda #0
        sta STR+1
        lda #10
        jsr report
        ldy #3
ee:     lda GOT,y
        cmp #$EE
        bne bad
        iny
        cpy #8
        bne ee
        lda GOT+8
        cmp #$E7
        bne bad
        lda GOT+9
        cmp #$E7
        bne bad
        jmp pass
bad:    jmp fail
