; halftrack.s - data on a half track (emu/tools/testdisks.py, "halftrack").
;
; Track 1 carries marks D5 AA 96 AB, track 2 D5 AA 96 BA, and half track
; 1.5 between them D5 AA 96 B6 ("Beneath Apple DOS" ch. 3: the arm can stop
; on any of 70 phases, and protected disks put data on odd ones).  We step
; there one magnet at a time, 1, 1.5, 2, 1.5, and read a mark at each.
; Prints: PASS/FAIL and the four marks read.

.alias SEEN     $E0             ; 4 marks

gone:   jmp lost                ; (a near target for the branches: a far one
                                ; would be a longer, slower branch)

main:   ldy #0
next:   lda halves,y
        sty SCRATCH+1
        jsr ontrack
        jsr setfind
        .byte $D5, $AA, $96
        jsr find
        bcs gone
let0:   lda $C08C,x             ; the 96 leaves the latch,
        bmi let0
let:    lda $C08C,x             ; then the mark comes
        bpl let
        ldy SCRATCH+1
        sta SEEN,y
        iny
        cpy #4
        bne next
        lda #SEEN
        sta STR
        lda #0
        sta STR+1
        lda #4
        jsr report
        ldy #3
check:  lda SEEN,y
        cmp want,y
        bne bad
        dey
        bpl check
        jmp pass
bad:    jmp fail

halves: .byte 2, 3, 4, 3
want:   .byte $AB, $B6, $BA, $B6
