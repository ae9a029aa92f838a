; slot.s - the hard-disk card's firmware for slot _SLOT ($Cn00-$CnFF), an
; include file of card.s, which sets _SLOT.
;
; $Cn00  boot: read block 0 of unit 1 to $0800 through the driver, then
;        JMP $0801 with X = slot * 16, as ProDOS's boot block expects.  If
;        the read fails or block 0 holds no boot code ($0801 = 0): back to
;        the autostart scan if it called us, else a message and the monitor.
; driver ProDOS block driver: the command block at $42-$47; on return A =
;        the error code with carry set (or A = 0, carry clear), and after
;        STATUS, X/Y = the number of blocks.
; +3     SmartPort: JSR here, then a command byte and a parameter list's
;        address; the card returns past them with A, carry, and X/Y the
;        number of bytes moved.
;
; The ID byte $Cn07 is the operand of the LDA at $Cn06; the card answers it
; from its ID latch ($3C until this firmware has first run after power-on or
; RESET, then $00: see emu/disk/harddisk.py), so the byte assembled there is
; the one the autostart ROM sees first.

.alias _IO      [$C080 + _SLOT * 16]
.alias _BLOCKIO  _IO             ; write: run the command at $42-$47; read: A
.alias _SMARTPT [_IO + 1]       ; write S: run the SmartPort call; read: X
.alias _RESULTY [_IO + 2]       ; read: Y
.alias _PAGE    [$C000 + _SLOT * $100]

.alias _LOC0    $00             ; the autostart scan's pointer to $Cn00
.alias _LOC1    $01
.alias _CMD     $42             ; the block driver's command block
.alias _UNIT    $43
.alias _BUF     $44
.alias _BLOCK   $46
.alias _SLOOP   $FABA           ; the autostart scan, on from the slot below LOC1
.alias _COUT    $FDED
.alias _MONZ    $FF69

; --- $Cn00: the ID bytes, then the boot ------------------------------------------
        ldx #$20                ; $Cn01 = $20
        ldy #$00                ; $Cn03 = $00
        ldx #$03                ; $Cn05 = $03
        lda #$3C                ; $Cn07: $3C, then $00 (the card's ID latch)
        lda #1                  ; READ block 0 of drive 1 to $0800
        sta _CMD
        lda #[_SLOT * 16]
        sta _UNIT
        ldy #0
        sty _BUF
        sty _BLOCK
        sty _BLOCK+1
        lda #$08
        sta _BUF+1
        jsr _driver
        bcs _none
        lda $0801               ; boot code there? (a zeroed block 0 starts with BRK)
        beq _none
        ldx #[_SLOT * 16]
        jmp $0801

_none:  lda _LOC0               ; the autostart scan called us: on with the slot below
        bne _say
        lda _LOC1
        cmp #[$C0 + _SLOT]
        bne _say
        jmp _SLOOP
_say:   ldy #0
_char:  lda _text,y
        beq _mon
        ora #$80
        jsr _COUT
        iny
        bne _char
_mon:   jmp _MONZ
_text:  .byte 13, "NO BOOT BLOCK ON SLOT "
        .byte [$30 + _SLOT]
        .byte " UNIT 1", 13, 0

; --- the ProDOS block driver, and SmartPort at the driver + 3 ---------------------
_driver:
        jmp _prodos
        tsx                     ; SmartPort: the card finds the JSR's return address
        stx _SMARTPT            ; at $0101+S and returns past the call's 3 bytes
        jmp _result
_prodos:
        sta _BLOCKIO             ; the command at $42-$47
_result:
        ldx _SMARTPT
        ldy _RESULTY
        lda _BLOCKIO             ; the error code
        bne _error
        clc
        rts
_error: sec
        rts

.checkpc [_PAGE + $FB]
.advance [_PAGE + $FB], $00
        .byte $00               ; $CnFB: SmartPort ID type: no extended calls, not SCSI
        .word $0000             ; $CnFC: the number of blocks: ask STATUS
        .byte $1F               ; $CnFE: two volumes, format, write, read, status
        .byte <_driver          ; $CnFF: the driver's entry, $Cn00 + this
