; tracklength.s - track length checks (emu/tools/testdisks.py, "tracklength").
;
; Tracks 1 and 2 (50,360 and 52,040 bits) each carry one mark, D5 AA 96,
; among random nibbles and sync bytes.  For each we find the mark and count
; the nibbles that go by until it comes round again: the "nibble count" that
; copy protections compare with what the original holds (Beneath Apple DOS,
; app. B).  A nibble is counted when the data register fills (bit 7 set),
; once: we wait for the register to empty between two.  The counts expected
; (COUNT1, COUNT2) were worked out by the disk's builder from the bits alone,
; by the plain rule "0 bits before a nibble are skipped, then 8 bits from a
; 1 bit on" (emu.disk.gcr.read_nibbles); the sequencer must frame them so.
; Prints: PASS/FAIL, the two counts (high byte first).

.alias CNT      $E0             ; and $E1
.alias MATCH    $E2
.alias GOT1     $E3             ; and $E4
.alias WHICH    $E5

gone:   jmp lost                ; (a near target for the branches: a far one
                                ; would be a longer, slower branch)

main:   lda #2                  ; track 1
        jsr ontrack
        jsr roundtrip
        lda CNT
        sta GOT1
        lda CNT+1
        sta GOT1+1
        lda #4                  ; track 2
        jsr ontrack
        jsr roundtrip
        lda #5
        sta COL
        lda GOT1+1
        jsr puthex
        lda GOT1
        jsr puthex
        lda CNT+1
        jsr puthex
        lda CNT
        jsr puthex
        lda GOT1
        cmp #<COUNT1
        bne bad
        lda GOT1+1
        cmp #>COUNT1
        bne bad
        lda CNT
        cmp #<COUNT2
        bne bad
        lda CNT+1
        cmp #>COUNT2
        bne bad
        jmp pass
bad:    jmp fail

; roundtrip: the nibbles from the mark round to the mark again (the first
; mark's 3 are not counted, the second's are: the same number).
; The count is Y (low) and CNT+1 (high); the loop takes 18 cycles from
; reading a nibble to looking again, inside the 26 before the next can be
; complete (it is seen up to 6 cycles late; nibbles come 32 or more apart).
roundtrip:
        jsr setfind
        .byte $D5, $AA, $96
        jsr find
        bcs gone
        ldy #0
        sty CNT+1
empty:  lda $C08C,x             ; wait for the register to empty
        bmi empty
full:   lda $C08C,x             ; then for the next nibble
        bpl full
        cmp #$D5
        beq maybe
        iny
        bne empty
        inc CNT+1               ; (this takes long enough that the register has emptied)
        lda CNT+1
        cmp #$40                ; 16,384 nibbles: the mark never came back
        bne full
        beq gone
maybe:  jsr next                ; D5: AA 96 next?
        cmp #$AA
        bne full1
        jsr next
        cmp #$96
        bne full1
        iny                     ; the 96: the mark is round again
        sty CNT
        bne cntx
        inc CNT+1
cntx:   rts
full1:  cmp #$D5                ; not the mark: carry on with this nibble
        beq maybe
        jmp empty
next:   iny                     ; count the nibble in hand, and read the next
        bne next1
        inc CNT+1
        jmp next2               ; (the register has emptied by now)
next1:  lda $C08C,x
        bmi next1
next2:  lda $C08C,x
        bpl next2
        rts
