; boot_reenter.s - a boot loader that re-enters the boot ROM at $Cn5C with its
; own sectors, buffers, count and track.
;
; For tests/test_boot_rom.py; assemble with ophis from this folder.  DOS
; 3.3's boot 1 and Peter Ferrie's loaders call the ROM's reader this way
; (Beneath Apple DOS ch. 8): $26/$27 the buffer, $3D the sector, $41 the
; track the ROM must find in the address field, X = slot * 16; the ROM reads,
; adds one to $27 and $3D, reads on while $3D < ($0800), and jumps to $0801.
; Every entry starts this program from the top, so STAGE says where it is.
;   stage 0: $0800 = 5, $3D = 2, buffer $2080: the ROM reads physical
;            sectors 2, 3 and 4 of track 0 into $2080-$237F, straddling
;            pages, before it comes back;
;   stage 1: A = $3D = 5, $27 = $23, $26 still $80 (FAIL 1 otherwise); step
;            the head out to track 2 (magnet 0, which the ROM left on, off
;            first), $41 = 2, $3D = 9, buffer $3000, $0800 = 0 (one sector);
;   stage 2: $40 = 2, the track of the last address field (FAIL 2); the
;            buffers hold the test pattern of those sectors (FAIL 3, 4).

.alias STAGE    $0900 + $FF     ; in the second sector, which nothing rereads

.org $0800
        .byte 2                 ; the ROM reads this and the next sector

entry:  ldy STAGE
        beq stage0
        dey
        beq stage1
        jmp stage2

stage0: inc STAGE
        lda #5
        sta COUNT
        lda #$80
        sta BUFLO
        lda #$20
        sta BUFPAGE             ; ($3D = 2 already: the ROM read 0 and 1)
        jmp rdrom

stage1: inc STAGE
        cmp #5
        bne bad1
        cmp SECTOR
        bne bad1
        ldy BUFPAGE
        cpy #$23
        bne bad1
        ldy BUFLO
        cpy #$80
        beq seek
bad1:   lda #1
        jmp fail

seek:   lda $C080,x             ; magnet 0 off
        ldy #1
_step:  tya                     ; magnets 1, 2, 3, 0: out to half track 4
        and #3
        asl
        ora SLOT16
        tax
        lda $C081,x
        lda #$40                ; about 11 ms
        jsr WAIT
        cpy #4
        beq there
        lda $C080,x
        iny
        bne _step
there:  ldx SLOT16
        lda #2
        sta EXPECT
        lda #9
        sta SECTOR
        lda #0
        sta BUFLO
        sta COUNT
        lda #$30
        sta BUFPAGE
        jmp rdrom

stage2: lda #2
        cmp FOUND
        bne bad
        lda #$20                ; $2080: track 0, sectors 2, 3, 4
        sta PTR+1
        lda #$80
        sta PTR
        lda #2
_each:  pha
        jsr same
        bne bad3
        inc PTR+1
        pla
        clc
        adc #1
        cmp #5
        bne _each
        lda #$30                ; $3000: track 2, sector 9
        sta PTR+1
        lda #0
        sta PTR
        lda #$29
        jsr same
        bne bad4
        jmp pass
bad3:   lda #3
        .byte $2C               ; (BIT abs: skips the LDA)
bad4:   lda #4
bad:    jmp fail

.include "bootlib.s"
.checkpc STAGE
        .advance STAGE
        .byte 0
