; boot13.s - a DOS 3.2-style boot sector for the 13-sector boot ROM.
;
; For tests/test_boot_rom.py; assemble with ophis from this folder.  The
; 13-sector ROM (roms/src/disk2_13.s) reads sector 0 of track 0 to $0300 and
; jumps to $0301 with X = slot * 16, where DOS 3.2's boot 1 runs (Beneath
; Apple DOS ch. 5).  Like DOS 3.2.1's boot 1 (Rana Systems' Elite manual,
; 7.2.2) it then calls the ROM's reader with JSR $Cn5D, which returns: here
; for sectors 1 to 4 of track 0, to $1000-$13FF.  Sectors 1 and 2 hold the
; second stage (boot13b.s), which checks 3 and 4.

.alias BUFLO    $26
.alias BUFPAGE  $27
.alias SLOT16   $2B
.alias SECTOR   $3D

.org $0300
        .byte 0
entry:  txa                     ; JSR $Cn5D for this slot
        lsr
        lsr
        lsr
        lsr
        ora #$C0
        sta call+2
        lda #1
        sta SECTOR
        lda #0
        sta BUFLO
        lda #$10
        sta BUFPAGE
next:   ldx SLOT16
call:   jsr $C05D               ; (the high byte is set above)
        inc BUFPAGE
        inc SECTOR
        lda SECTOR
        cmp #5
        bne next
        jmp $1000
.checkpc $0400
