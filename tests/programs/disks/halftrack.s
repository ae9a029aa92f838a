; halftrack.s - data on a half track (emu/tools/testdisks.py, "halftrack").
;
; Track 1 carries marks D5 AA 96 AB, track 2 D5 AA 96 BA, and half track
; 1.5 between them D5 AA 96 B6 ("Beneath Apple DOS" ch. 3: the arm can stop
; on any of 70 phases, and protected disks put data on odd ones).  We step
; there one magnet at a time, 1, 1.5, 2, 1.5, and read a mark at each.
; Prints: PASS/FAIL and the four marks read.

.alias SEEN     $E0             ; 4 marks

main:   ldy #0
next:   lda halves,y
        sty SCRATCH+1
        jsr seek
        lda #30
        jsr wait
        jsr setfind
        .byte $D5, $AA, $96
        jsr find
        bcs lost
let:    lda $C08C,x
        bpl let
        ldy SCRATCH+1
        sta SEEN,y
        iny
        cpy #4
        bne next
        lda #5
        sta COL
        ldy #0
show:   lda SEEN,y
        jsr puthex
        lda SEEN,y
        cmp want,y
        bne bad
        iny
        cpy #4
        bne show
        jmp pass
lost:   lda #5
        sta COL
        lda #$EE
        jsr puthex
bad:    jmp fail

halves: .byte 2, 3, 4, 3
want:   .byte $AB, $B6, $BA, $B6
