; latch.s - the data latch read mid-shift, and how long it holds a nibble
; (emu/tools/testdisks.py, "latch").
;
; Track 1 repeats: 6 sync, D5 AA 96, one self-sync FF (FF and two 0 bits),
; AD D5 AA 97, EB, an 8-bit FF, AD.  Sather, "Understanding the Apple II"
; ch. 9: once the data register is full (bit 7 set) the sequencer stops
; shifting and holds it until about two bit cells after the next 1 bit, then
; clears it and shifts the next nibble in.  So (times from the cycle the
; LDA/BPL loop first sees the nibble, which is up to 6 cycles late):
;  1. "nibble count" check (as Jump Frog's): 17 cycles after the self-sync
;     FF is seen the register holds only the first 2-3 bits of the next
;     nibble: less than $08;
;  2. latch lifespan: reading every 8 cycles, a self-sync FF (two 0 bits
;     follow it, then a 1) is still there 8 cycles on and gone 16 cycles on;
;  3. an 8-bit FF that a 1 bit follows at once is gone 8 cycles on (a
;     self-sync FF would still be there: tests/test_disk_protections.py
;     makes it one and expects FAIL).
; A latch that held every nibble for a fixed time would fail 2 or 3.
; Prints: PASS/FAIL, the value of check 1, the 3 reads of check 2, the read
; of check 3.

.alias R        $1000           ; reads: check 1, check 2 (3), check 3

gone:   jmp lost                ; (a near target for the branches: a far one
                                ; would be a longer, slower branch)

main:   lda #2                  ; track 1
        jsr ontrack
; check 1: 17 cycles after the self-sync FF
        jsr setfind
        .byte $D5, $AA, $96
        jsr find
        bcs gone
c1:     lda $C08C,x
        bpl c1
        cmp #$FF
        bne gone
        pha
        pla
        lda $C08C,x
        sta R
; check 2: the self-sync FF, read again 8, 16 and 24 cycles on
        jsr setfind
        .byte $D5, $AA, $96
        jsr find
        bcs gone
c2:     lda $C08C,x
        bpl c2
        nop
        lda $C08C,x
        sta R+1
        lda $C08C,x
        sta R+2
        lda $C08C,x
        sta R+3
; check 3: the 8-bit FF after D5 AA 97 EB, read again 8 cycles on.  The FF is
; there for 8 cycles (the 1 bit that follows it at once, then 12 ticks), a
; self-sync FF for 16, so the second read must come 8-15 cycles after it
; filled.  The loop that sees it fill is 7 cycles (LDA, BPL): it sees it 0-6
; cycles late, and 8 more cycles make 8-14.  (A loop that also compares, 11
; cycles, would see it up to 10 late: 18, when any latch has let go.)
        jsr setfind
        .byte $D5, $AA, $97
        jsr find
        bcs gone
c3a:    lda $C08C,x             ; EB
        bpl c3a
c3b:    lda $C08C,x             ; wait for it to go
        bmi c3b
c3c:    lda $C08C,x             ; the FF, 0-6 cycles after it filled
        bpl c3c
        tay                     ; (2 cycles: keep it to check below)
        lda $C08C,x             ; 8-14 cycles after
        sta R+4
        cpy #$FF                ; it was the FF that came after the EB
        bne gone
; the verdict
        lda #<R
        sta STR
        lda #>R
        sta STR+1
        lda #5
        jsr report
        lda R                   ; 1: a nibble just begun
        cmp #$08
        bcs bad
        lda R+1                 ; 2: still FF, then gone
        cmp #$FF
        bne bad
        lda R+2
        cmp #$FF
        beq bad
        lda R+3
        cmp #$FF
        beq bad
        lda R+4                 ; 3: gone
        cmp #$FF
        beq bad
        jmp pass
bad:    jmp fail
