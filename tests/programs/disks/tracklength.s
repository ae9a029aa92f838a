; tracklength.s - track length checks (emu/tools/testdisks.py, "tracklength").
;
; Tracks 1 and 2 (50,360 and 52,040 bits) each carry one mark, D5 AA 96,
; among random nibbles and sync bytes.  For each we find the mark and count
; the nibbles that go by until it comes round again: the "nibble count" that
; copy protections compare with what the original holds (Beneath Apple DOS,
; app. B).  A nibble is counted when the data register fills (bit 7 set),
; once: between two we wait for the register to empty, or long enough that
; the old nibble has gone (see roundtrip).  The counts expected
; (COUNT1, COUNT2) were worked out by the disk's builder from the bits alone,
; by the plain rule "0 bits before a nibble are skipped, then 8 bits from a
; 1 bit on" (emu.disk.gcr.read_nibbles); the sequencer must frame them so.
; Prints: PASS/FAIL, the two counts (high byte first).

.alias CNT      $E0             ; and $E1
.alias MATCH    $E2             ; passes of the mark still to see, less one
.alias GOT1     $E3             ; and $E4
.alias WHICH    $E5

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

; roundtrip: the nibbles from one pass of the mark to the next (the first
; pass's 3 are not counted, the second's are: the same number).  The count
; is Y (low) and CNT+1 (high).
;
; The timing, which the count depends on (cycles from the 6502 read that saw
; a nibble to the next read of the register):  a nibble is complete 32
; cycles after the one before it (8 bit cells of 4 us), more after sync 0
; bits, and a read loop of 7 cycles sees it up to 6 cycles late.  The
; sequencer then holds it until about 1.5 bit cells after the next 1 bit
; (Sather ch. 9; the emu.disk.sequencer docstring): 7-8 cycles when the next
; nibble follows at once, up to 19 after an FF and three 0 bits.  So
; * a path to a loop that waits for the register to EMPTY must take at most
;   25 cycles (25 + 6 < 32), or the next nibble is already there, is taken for
;   the old one and never counted;
; * a path straight to a loop that waits for it to FILL must take more than
;   the old nibble's hold (else it is counted twice) and at most 32 cycles
;   (32 + 6 < 32 + 7, the next one's hold).
; Every path below is marked with its length, [E n] or [F n].  Both passes of
; the mark go through the same code: the count starts as it ends.  (Counting
; from common.s's find broke the first rule: its return reached the first
; read 26 cycles after it saw the 96, 26-32 after the 96 filled, so at some
; rotational phases the nibble after the mark was already there and went
; uncounted: 6224 for 6225.  tests/test_disk_protections.py boots this disk
; at several phases for that reason.)
roundtrip:
        lda #1
        sta MATCH               ; two passes of the mark to see
        ldy #0
        sty CNT+1
        ldx SLOT16
empty:  lda $C08C,x             ; wait for the register to empty
        bmi empty
full:   lda $C08C,x             ; then for the next nibble
        bpl full
tally:  iny                     ; count it
        beq carry
look:   cmp #$D5
        bne empty               ; [E 15]
d5:     lda $C08C,x             ; a D5 [E 14]: AA next?
        bmi d5
aa:     lda $C08C,x
        bpl aa
        cmp #$AA
        bne tally               ; not the mark: count this one [E 20], or a D5 [E 19]
        iny                     ; count the AA
        bne a2
        inc CNT+1
a2:     lda $C08C,x             ; [E 15, 19 when Y wraps]
        bmi a2
n96:    lda $C08C,x             ; 96 next?
        bpl n96
        cmp #$96
        bne tally               ; [E 20]
        dec MATCH               ; the mark: the first pass starts the count,
        bmi done                ; the second ends it
        ldy #0                  ; (the 96 of the first pass is not counted)
        sty CNT+1
        beq full                ; [F 25: the 96 has gone; the next nibble has not]
done:   iny                     ; the 96 of the second pass is
        bne donex
        inc CNT+1
donex:  sty CNT
        rts
carry:  inc CNT+1               ; Y wrapped: every 256th nibble
        bmi gone                ; 32,768 nibbles (5 turns): the mark never came
        cmp #$D5
        beq aa                  ; [F 23: the D5 has gone (8-12 cycles)]
        bne full                ; [F 25, 30 from aa or n96 (not the mark)]
gone:   jmp lost                ; (near: a far branch would be a slower one)
