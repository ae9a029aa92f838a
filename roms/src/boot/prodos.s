; build: roms/boot_prodos.bin
;
; prodos.s - our ProDOS boot loader, blocks 0 and 1 of a volume that `apple2
; disk new --prodos` makes.  Written for this project from the ProDOS 8
; Technical Reference Manual: appendix B (the volume directory at block 2,
; entries of $27 bytes, 13 a block, the header first; index blocks with the
; low bytes of block numbers in their first half, the high bytes in the
; second; a block number 0 is a block of zeros) and chapter 6 (a block
; device's driver is at $Cn00 + the byte at $CnFF; command $42 = 1 reads,
; unit $43, buffer $44/$45, block $46/$47; carry set on an error).
;
; It runs the first file of the volume directory that is a SYS file (at
; $2000, as ProDOS does) or a BIN file (at its aux type), seedling or
; sapling, if it fits $0900-$B9FF.  It boots from either:
;
; * a Disk II ($CnFF = 0): the ROM reads physical sector 0 of track 0, the
;   first half of block 0, to $0800 and jumps to $0801 with X = slot * 16.
;   Stage 1 reads the rest of blocks 0 and 1 (ProDOS sectors 1, 2 and 3:
;   physical sectors 2, 4 and 6) through the ROM, and the main part reads
;   every block the same way: block b is ProDOS sectors 2b mod 16 and the
;   next of track b / 8;
; * a ProDOS block device, whose card reads block 0 to $0800 and jumps to
;   $0801 with X = slot * 16: stage 1 reads block 1 through the driver.
;
; Stage 1 then copies $0900-$0BFF (the rest of block 0, and block 1) to
; LOADER ($BA00) and starts it there.  Memory while loading: page $08 (stage
; 1), $BA00-$BCFF the loader, $BD00-$BEFF a block buffer, $BF00-$BFFF the
; file's first 128 block numbers.  A message on the bottom line of the
; screen says why it cannot boot.

.alias devtype  $48             ; 0: a Disk II; else a block device (its $CnFF)
.alias copying  $49             ; rdblock copies what it reads to dest
.alias index    $4A             ; the entry, then the data block, we are at
.alias stype    $4B             ; the file's storage type (high nibble)
.alias track    $4C             ; Disk II: the block's track...
.alias sector   $4D             ; ...and ProDOS sector
.alias INDEXLO  $BF00           ; the kept block numbers
.alias INDEXHI  $BF80

; --- stage 1: block 0's first half, at $0800 -----------------------------------
.org $0800
        .byte 1                 ; Disk II: the ROM reads just this sector
        jmp stage1              ; $0801 (until `back` takes it over)

stage1:
.scope
        stx slot
        stx UNIT                ; drive 1 of this slot, for a block device
        txa
        lsr
        lsr
        lsr
        lsr
        ora #$C0
        sta ent+1               ; ent = $Cn00
        sta _rom+2
        ldy #$FF
        lda #0
        sta ent
        lda (ent),y             ; $CnFF: 0 on a Disk II
        sta devtype
        sta ent                 ; ent = the driver, $Cn00 + ($CnFF)
        beq _disk2
        lda #1                  ; a block device: block 1 to $0A00
        sta CMD
        sta BLOCK
        lda #0
        sta BLOCK+1
        sta BUFFER
        lda #$0A
        sta BUFFER+1
        jsr _call
_stuck: bcs _stuck              ; (nothing to say it with yet)
        bcc relocate
_call:  jmp (ent)

_disk2: lda #<_back             ; the ROM's reader comes back to _back
        sta $0802
        lda #>_back
        sta $0803
        lda #2                  ; physical 2, 4, 6 to $0900, $0A00, $0B00
        sta tmp
        lda #$09
        sta BUFPG
_read:  lda tmp
        sta ROMSEC
        lda #0
        sta BUFLO
        sta ROMTRK
        ldx slot
        jsr _rom                ; (the ROM advances BUFPG)
        inc tmp
        inc tmp
        lda tmp
        cmp #8
        bne _read
        jmp relocate
_rom:   jmp $C05C               ; the slot's sector reader
_back:  rts
.scend

.include "relocate.s"

.advance $0900

; --- the loader, blocks 0 (second half) and 1, run at LOADER -------------------
.org LOADER
main:
.scope
        jsr slotpage
        sta driver+2
        lda devtype
        sta driver+1
        bne _dir
        jsr diskii
_dir:   lda #0
        sta copying
        sta BLOCK+1
        lda #2                  ; the volume directory's key block
        sta BLOCK
        lda #1                  ; whose first entry is the header
_block: sta index
        jsr rdblock
        lda #<[BUF+4]
        sta ent
        lda #>[BUF+4]
        sta ent+1
        ldx index
        beq _scan
_skip:  jsr nextent
        dex
        bne _skip
_scan:  ldy #0
        lda (ent),y
        and #$F0
        cmp #$10                ; a seedling...
        beq _type
        cmp #$20                ; ...or a sapling
        bne _next
_type:  ldy #$10
        lda (ent),y
        cmp #$FF                ; SYS
        beq found
        cmp #$06                ; BIN
        beq found
_next:  jsr nextent
        inc index
        lda index
        cmp #13
        bcc _scan
        lda BUF+2               ; the next block of the directory
        sta BLOCK
        lda BUF+3
        sta BLOCK+1
        ora BLOCK
        beq _none
        lda #0
        beq _block
_none:  ldx #nofile-messages
        jmp fail
.scend

nextent:
        clc
        lda ent
        adc #$27
        sta ent
        bcc +
        inc ent+1
*       rts

found:
.scope
        ldy #0
        lda (ent),y
        and #$F0
        sta stype
        ldy #$11                ; the key block
        lda (ent),y
        sta BLOCK
        iny
        lda (ent),y
        sta BLOCK+1
        ldy #$15                ; the EOF
        lda (ent),y
        sta left
        iny
        lda (ent),y
        sta left+1
        iny
        lda (ent),y
        beq _small
        ldx #toobig-messages
        jmp fail
_small: ldy #$10
        lda (ent),y
        cmp #$FF
        bne _bin
        lda #$00                ; SYS: at $2000
        sta runat
        lda #$20
        sta runat+1
        bne _where
_bin:   ldy #$1F                ; BIN: at its aux type
        lda (ent),y
        sta runat
        iny
        lda (ent),y
        sta runat+1
_where: jsr fits
        lda runat
        sta dest
        lda runat+1
        sta dest+1
        lda #0
        sta first
        lda left
        ora left+1
        beq run                 ; an empty file: nothing to read
        lda stype
        cmp #$10
        beq _seed
        jsr rdblock             ; a sapling's index block
        ldx #$7F
_keep:  lda BUF,x
        sta INDEXLO,x
        lda BUF+$100,x
        sta INDEXHI,x
        dex
        bpl _keep
        lda #1
        sta copying
        lda #0
        sta index
_data:  ldx index
        inc index
        lda INDEXLO,x
        sta BLOCK
        lda INDEXHI,x
        sta BLOCK+1
        jsr loadblk
        lda left
        ora left+1
        bne _data
        beq run
_seed:  lda #1
        sta copying
        jsr loadblk
.scend
run:    jsr halt
        jmp (runat)

; halt: stop a Disk II's motor (a block device is left alone).
halt:   lda devtype
        bne +
        ldx slot
        lda MOTOROFF,x
*       rts

; loadblk: read data block BLOCK (0: a block of zeros) and copy it to dest.
loadblk:
        lda BLOCK
        ora BLOCK+1
        bne rdblock
        tay
*       sta BUF,y
        sta BUF+$100,y
        iny
        bne -
        beq copyblk

; rdblock: read block BLOCK into BUF; with `copying` set, copy it to dest.
; Returns Z = 1 when the file is all in.  On a Disk II both halves are read
; before either is copied: the second comes round two sectors after the
; first, while the ROM is still decoding it.
rdblock:
.scope
        lda devtype
        beq _disk2
        lda #1                  ; READ
        sta CMD
        lda #<BUF
        sta BUFFER
        lda #>BUF
        sta BUFFER+1
        jsr driver
        bcc copyblk
        ldx #ioerr-messages
        jmp fail
_disk2: lda BLOCK+1             ; track = block / 8
        lsr
        lda BLOCK
        ror
        lsr
        lsr
        sta track
        lda BLOCK
        and #7
        asl
        sta sector              ; ProDOS sector of the first half
        lda #>BUF
        jsr _half
        inc sector
        lda #>[BUF+$100]
        jsr _half
        jmp copyblk
_half:  sta BUFPG
        lda sector              ; its physical sector: 2s mod 15 (15 stays 15)
        asl
        cmp #15
        bcc +
        sbc #15
*       ldy track
        jmp rdphys
.scend

; copyblk: with `copying` set, copy BUF's two pages to dest (Z = 1: all in).
copyblk:
        lda copying
        beq +
        lda #>BUF
        jsr copy
        beq +
        lda #>[BUF+$100]
        jmp copy
*       rts

driver: jmp $C000               ; $Cn00 + ($CnFF), set by main

.include "diskii.s"
.include "copy.s"

.checkpc LOADER+$300            ; the rest of block 0, and block 1
