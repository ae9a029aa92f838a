; hdscan.s - find block devices and SmartPort the way the documents say
; software does, slot 7 down to 1 (tests/test_harddisk.py).
;
; ProDOS 8 Technical Reference 6.3.1: $Cn01 = $20, $Cn03 = $00, $Cn05 = $03
; is a disk device; $CnFF = $00 a 16-sector Disk II, $FF a 13-sector one,
; anything else a block device whose driver is at $Cn00 + ($CnFF), installed
; if the status byte $CnFE has bits 0 (status) and 1 (read) set.  SmartPort
; (Apple IIc Technical Reference): those three bytes and $Cn07 = $00.
;
; Results: $F0 the $Cn of the first block device found, $F1 the first
; SmartPort, $F2 the first Disk II (0: none).  Ends in JMP * at `done`.

.org $0C00
.alias ptr      $06
.alias blockdev $F0
.alias smartpt  $F1
.alias disk2    $F2

        lda #0
        sta blockdev
        sta smartpt
        sta disk2
        sta ptr
        lda #$C8
        sta ptr+1
next:   dec ptr+1
        lda ptr+1
        cmp #$C0
        beq done
        ldy #$01
        lda (ptr),y
        cmp #$20
        bne next
        ldy #$03
        lda (ptr),y
        bne next
        ldy #$05
        lda (ptr),y
        cmp #$03
        bne next
        ldy #$FF
        lda (ptr),y
        beq diskii
        cmp #$FF
        beq next                ; 13 sectors: not for ProDOS
        ldy #$FE
        lda (ptr),y
        and #$03
        cmp #$03
        bne next
        lda blockdev
        bne +
        lda ptr+1
        sta blockdev
*       ldy #$07
        lda (ptr),y
        bne next
        lda smartpt
        bne next
        lda ptr+1
        sta smartpt
        jmp next
diskii: lda disk2
        bne next
        lda ptr+1
        sta disk2
        jmp next
done:   jmp done
