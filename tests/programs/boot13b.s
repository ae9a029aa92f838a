; boot13b.s - the second stage of boot13.s, at $1000 (sectors 1 and 2).
;
; For tests/test_boot_rom.py; assemble with ophis from this folder.  It
; checks that X came back as slot * 16 from the ROM's reader (FAIL 1) and
; that sectors 3 and 4 of track 0 hold their test pattern, byte i = i EOR
; sector (FAIL 3, 4), then shows PASS.

.org $1000
        cpx SLOT16
        beq _x
        lda #1
        jmp fail
_x:     lda #$12                ; $1200: sector 3
        sta PTR+1
        ldy #0
        sty PTR
        lda #3
        jsr same
        bne _bad
        inc PTR+1               ; $1300: sector 4
        lda #4
        jsr same
        bne _bad
        jmp pass
_bad:   jmp fail                ; (A = the sector)

.include "bootlib.s"
.checkpc $1200
