; crosstrack.s - cross-track synchronisation (emu/tools/testdisks.py, "crosstrack").
;
; Tracks 1 and 2 carry marks 0-31 at the same angles round the disk (D5 9A id
; on track 1, D5 9B id on track 2, id = the mark's number as a 6-and-2 disk
; byte), but track 1 is 44,000 bits long and track 2 56,000.  We wait on
; track 1 for mark TARGET, step straight to track 2 (about 3.5 ms, less than
; the 7 ms between marks) and read the first mark there.  A drive keeps the
; head's angle when it changes track, so it must be mark TARGET + 1 (WOZ 2
; reference, Cross-Track Synchronization: position * new length / old
; length).  An emulator that kept the raw bit position would find one near
; mark 19, one that restarted the track, mark 0 or 1.
; Prints: PASS/FAIL, then the id byte found and the one expected.

gone:   jmp lost                ; (a near target for the branches: a far one
                                ; would be a longer, slower branch)

main:   lda #2                  ; track 1
        jsr ontrack
        jsr setfind
        .byte $D5, $9A, MARKID
        jsr find
        bcs gone
        lda #3                  ; magnets 2 and 3: a quarter track in
        jsr magon
        lda #1
        jsr wait
        lda #2                  ; magnet 3 alone: half track 3
        jsr magoff
        lda #1
        jsr wait
        lda #0                  ; magnets 3 and 0: quarter track 7 (track 2 already)
        jsr magon
        lda #1
        jsr wait
        lda #3                  ; magnet 0 alone: track 2
        jsr magoff
look:   lda $C08C,x
        bpl look
look1:  cmp #$D5
        bne look
look2:  lda $C08C,x
        bpl look2
        cmp #$9B
        bne look1
look3:  lda $C08C,x
        bpl look3
        sta SCRATCH
        lda #5
        sta COL
        lda SCRATCH
        jsr puthex
        lda #NEXTID
        jsr puthex
        lda SCRATCH
        cmp #NEXTID
        bne bad
        jmp pass
bad:    jmp fail
