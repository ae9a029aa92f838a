; bittiming.s - a non-standard bit timing (emu/tools/testdisks.py, "bittiming").
;
; The disk is a WOZ 2 whose optimal bit timing is 31 (x 125 ns: 3.875 us a
; bit, against the standard 32, 4 us): "the rate at which bits should be
; provided to the disk controller card" (WOZ 2 reference, INFO chunk).  Track
; 1 is D5 AA 96 then 8-bit nibbles only (no sync bytes): the 6-and-2 table's
; disk bytes 1-63 over and over, so each nibble says where it is.  We find
; the mark and wait exactly 256 x 31 cycles (a loop of 31 cycles, the time of
; one nibble of 8 x 31/8 us, at the sequencer's 2 MHz: 2 ticks a us), then
; read the nibble coming: it must be nibble 255 or 256 after the mark.  At 4
; us a bit it would be about nibble 248 (the boot, from this disk's track 0,
; has read sectors at 3.875 us a bit already).
; Prints: PASS/FAIL, the nibble read and the two expected.

gone:   jmp lost                ; (a near target for the branches: a far one
                                ; would be a longer, slower branch)

main:   lda #2                  ; track 1
        jsr ontrack
        jsr setfind
        .byte $D5, $AA, $96
        jsr find
        bcs gone
        ldy #0
dl:     jsr sled+SLEDOFF        ; 6 + nops + 6
        dey                     ; 2
        bne dl                  ; 3: 31 cycles a turn, 256 turns
rd:     lda $C08C,x
        bpl rd
        sta SCRATCH
        lda #5
        sta COL
        lda SCRATCH
        jsr puthex
        lda #OK1
        jsr puthex
        lda #OK2
        jsr puthex
        lda SCRATCH
        cmp #OK1
        beq good
        cmp #OK2
        beq good
        jmp fail
good:   jmp pass

sled:   nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        rts
