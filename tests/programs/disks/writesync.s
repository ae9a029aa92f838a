; writesync.s - write self-sync bytes and nibbles, then read them back
; (emu/tools/testdisks.py, "writesync").
;
; "Beneath Apple DOS" ch. 3 and 6: the data register must be loaded every 32
; cycles to write a nibble; a self-sync byte is an FF loaded 40 cycles before
; the next load, so that two 0 bits follow its eight (the register shifts 0s
; in while it is written out), and such bytes bring a reader into step with
; the nibbles after them, wherever it starts.  On track 1 (random nibbles) we
; sense the write-protect switch (Q6 on, Q7 off), then write 40 self-sync FF
; (load every 40 cycles), D5 AA AD, the 64 disk bytes of the 6-and-2 table,
; DE AA EB and FF (load every 32 cycles), go back to reading, wait for D5 AA
; AD to come round and check the 64 bytes and DE AA.  (The test also looks at
; the bits the card wrote: 40 x "1111111100" before D5.)
; Prints: PASS/FAIL, the write-protect sense byte and how many bytes were
; wrong.

.alias WRONG    $E0
.alias SENSE    $E1
.alias OUT      $0E00           ; the bytes to write (a page of its own: no page crossing)

gone:   jmp lost                ; (a near target for the branches: a far one
                                ; would be a longer, slower branch)

main:   ldy #0                  ; the bytes: D5 AA AD, the table, DE AA EB FF
copy:   lda out0,y
        sta OUT,y
        iny
        cpy #71
        bne copy
        lda #2                  ; track 1
        jsr ontrack
        ldx SLOT16
        lda $C08D,x             ; sense write protect
        lda $C08E,x
        sta SENSE
        bpl write
        jmp protected
write:  lda #$FF
        sta $C08F,x             ; write mode, loading FF (cycle 0)
        ora $C08C,x             ; 4: shift
        ldy #39                 ; 2
        bit $00                 ; 3
sync:   jsr delay               ; 12
        nop                     ; 12 in 6 NOPs
        nop
        nop
        nop
        nop
        nop
        lda #$FF                ; 2
        sta $C08D,x             ; 5: a load every 40 cycles
        ora $C08C,x             ; 4
        dey                     ; 2
        bne sync                ; 3 (2 the last time)
        ldy #0                  ; 2
        jsr delay               ; 12
        nop                     ; 6
        nop
        nop
        bit $00                 ; 3: 40 cycles after the last FF
data:   lda OUT,y               ; 4
        sta $C08D,x             ; 5: a load every 32 cycles
        ora $C08C,x             ; 4
        jsr delay               ; 12
        iny                     ; 2
        cpy #71                 ; 2
        bne data                ; 3
        jsr delay               ; the last FF goes out
        jsr delay
        jsr delay
        lda $C08E,x             ; read mode
        lda $C08C,x
; read it back
        lda #0
        sta WRONG
        jsr setfind
        .byte $D5, $AA, $AD
        jsr find
        bcs gone
        ldy #3
check:  lda $C08C,x
        bpl check
        cmp OUT,y
        beq checked
        inc WRONG
checked:
        iny
        cpy #69                 ; the table, DE and AA
        bne check
        lda #5
        sta COL
        lda SENSE
        jsr puthex
        lda WRONG
        jsr puthex
        lda WRONG
        bne bad
        jmp pass
protected:
        jmp lost
bad:    jmp fail

delay:  rts                     ; JSR + RTS: 12 cycles

out0:   .byte $D5, $AA, $AD
        .byte $96, $97, $9A, $9B, $9D, $9E, $9F, $A6, $A7, $AB, $AC, $AD, $AE, $AF, $B2, $B3
        .byte $B4, $B5, $B6, $B7, $B9, $BA, $BB, $BC, $BD, $BE, $BF, $CB, $CD, $CE, $CF, $D3
        .byte $D6, $D7, $D9, $DA, $DB, $DC, $DD, $DE, $DF, $E5, $E6, $E7, $E9, $EA, $EB, $EC
        .byte $ED, $EE, $EF, $F2, $F3, $F4, $F5, $F6, $F7, $F9, $FA, $FB, $FC, $FD, $FE, $FF
        .byte $DE, $AA, $EB, $FF
