; bootlib.s - what the boot-ROM test disks share (tests/test_boot_rom.py).
;
; An include file, for the end of a program (assemble them with ophis from
; this folder).  The names of the boot ROM's zero page and the verdict every test disk leaves:
; "PASS" or "FAIL" and a check number on the top text row, then a loop.

.alias BUFLO    $26             ; the boot ROM's buffer pointer...
.alias BUFPAGE  $27
.alias SLOT16   $2B             ; ...slot * 16...
.alias SECTOR   $3D             ; ...the sector it reads...
.alias FOUND    $40             ; ...the track of the last address field...
.alias EXPECT   $41             ; ...and the track it expects there
.alias COUNT    $0800           ; sectors the ROM reads in a row before $0801
.alias TABLE    $02D6           ; + disk byte: its 6-bit value
.alias WAIT     $FCA8           ; the monitor's delay
.alias LINE     $0400           ; text row 0
.alias PTR      $F0             ; a pointer for the programs' own use
.alias MARK     $F4             ; prolog's third byte

; pass: show PASS.  fail: show FAIL and A in hex (the check that failed).
; Both clear the row first; neither returns.
pass:   lda #$FF                ; (no check number)
fail:   pha
        ldx #39
        lda #$A0
_clear: sta LINE,x
        dex
        bpl _clear
        ldx #3
        pla
        cmp #$FF
        bne _fail
_p:     lda passtext,x
        sta LINE,x
        dex
        bpl _p
        bmi halt
_fail:  pha
_f:     lda failtext,x
        sta LINE,x
        dex
        bpl _f
        pla
        pha
        lsr
        lsr
        lsr
        lsr
        jsr digit
        sta LINE+5
        pla
        and #$0F
        jsr digit
        sta LINE+6
halt:   jmp halt

digit:  ora #$B0                ; a hex digit, as a screen code
        cmp #$BA
        bcc _d
        adc #6
_d:     rts

passtext: .byte $D0, $C1, $D3, $D3          ; PASS
failtext: .byte $C6, $C1, $C9, $CC          ; FAIL

; rdrom: JMP to the boot ROM's $Cn5C with X = slot * 16 (the caller's X).
rdrom:  jsr slotpage
        sta _j+2
_j:     jmp $C05C

; prolog: read nibbles (X = slot * 16) until D5 AA and then A.
prolog: sta MARK
_any:   jsr nibble
_d5:    cmp #$D5
        bne _any
        jsr nibble
        cmp #$AA
        bne _d5
        jsr nibble
        cmp MARK
        bne _d5
        rts
nibble: lda $C08C,x
        bpl nibble
        rts

; same: Z = 1 if the 256 bytes at (PTR) are the test pattern of tag A (byte
; i = i EOR tag: tests/bootdisks.py).
same:   sta MARK
        ldy #0
_s:     tya
        eor MARK
        cmp (PTR),y
        bne _out
        iny
        bne _s
_out:   rts

; nextsec: A = the sector number of the next address field (X = slot * 16).
nextsec:
        lda #$96
        jsr prolog
        ldy #4
_vt:    lda $C08C,x             ; volume and track
        bpl _vt
        dey
        bne _vt
_odd:   lda $C08C,x
        bpl _odd
        sec
        rol
        sta MARK
_even:  lda $C08C,x
        bpl _even
        and MARK
        rts

; slotpage: A = $Cn, the page of the card's ROM, for X = slot * 16.
slotpage:
        txa
        lsr
        lsr
        lsr
        lsr
        ora #$C0
        rts
