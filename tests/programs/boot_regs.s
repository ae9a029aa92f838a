; boot_regs.s - a boot sector that checks what the boot ROM leaves at $0801.
;
; For tests/test_boot_rom.py; assemble with ophis from this folder.  Two
; sectors long: $0800 = 2 has the ROM read physical sectors 0 and 1 into
; $0800 and $0900 before it jumps here.  It keeps the
; registers and the ROM's zero page at REGS for the test to read, then
; checks each against the documented value, in order (the check number is
; what FAIL shows):
;   1 X = slot * 16 (Beneath Apple DOS ch. 8), 2 $2B = X,
;   3 A = $3D = 2 (the next sector), 4 Y = 0, 5 carry set, N and Z clear,
;   6 $26/$27 = $0A00 (the next page), 7 $40 = $41 = 0 (track 0),
;   8-C the identity bytes $Cn01/03/05/07 = $20 $00 $03 $3C and $CnFF = $00
;   (16 sectors; ProDOS 8 Technical Reference 6.3.1),
;   D-F three entries of the 6-and-2 table: $02D6 + $96 = 0, + $97 = 1,
;   + $FF = $3F (the whole table is checked by the test).

.alias REGS     $0300 - $20     ; A X Y P S, then $26 $27 $2B $3D $40 $41
.alias ROMPTR   $F2             ; ($F2) = $Cn00

.org $0800
        .byte 2                 ; sectors the ROM reads

entry:  php
        sta REGS
        stx REGS+1
        sty REGS+2
        pla
        sta REGS+3
        tsx
        stx REGS+4
        ldy #5
_zp:    ldx zpages,y
        lda $00,x
        sta REGS+5,y
        dey
        bpl _zp

        ldx REGS+1
        lda #1
        cpx #$10                ; slot 1-7: $10-$70
        bcc _bad
        cpx #$80
        bcs _bad
        txa
        and #$0F
        bne _bad1
        lda #2
        cpx SLOT16
        bne _bad
        lda #3
        ldy REGS
        cpy #2
        bne _bad
        cpy SECTOR
        bne _bad
        lda #4
        ldy REGS+2
        bne _bad
        lda #5
        ldy REGS+3
        tya
        and #$83                ; N, Z, C
        cmp #$01
        beq _ok5
        lda #5
_bad:   jmp fail
_bad1:  lda #1
        jmp fail
_ok5:   lda #6
        ldy BUFLO
        bne _bad
        ldy BUFPAGE
        cpy #$0A
        bne _bad
        lda #7
        ldy FOUND
        bne _bad
        ldy EXPECT
        bne _bad

        jsr slotpage            ; ($F2) = $Cn00
        sta ROMPTR+1
        lda #0
        sta ROMPTR
        ldx #4
_id:    ldy idwhere,x
        lda (ROMPTR),y
        cmp idvalue,x
        beq _idok
        txa
        clc
        adc #8
        jmp fail
_idok:  dex
        bpl _id

        lda #$0D
        ldy TABLE+$96
        bne _bad
        lda #$0E
        ldy TABLE+$97
        cpy #1
        bne _bad
        lda #$0F
        ldy TABLE+$FF
        cpy #$3F
        bne _bad
        jmp pass

zpages:  .byte BUFLO, BUFPAGE, SLOT16, SECTOR, FOUND, EXPECT
idwhere: .byte $01, $03, $05, $07, $FF
idvalue: .byte $20, $00, $03, $3C, $00

.include "bootlib.s"
.checkpc $0A00
