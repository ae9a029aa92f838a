; prodoslike.s - a boot disk that needs of the monitor ROM exactly what
; ProDOS 8's loader and kernel need of it on an Apple II Plus, and reaches
; its "menu" only if every one of those mechanisms behaves.
;
; What ProDOS 8 does with the monitor on a II+ (ProDOS 8 Technical Reference
; Manual, ch. 2 and 6; Apple II Misc. Technical Notes #2 and #7):
;   - moves its loader and kernel where they run (MOVE, $FE2C);
;   - sets up the screen: SETNORM, INIT, SETVID, SETKBD, HOME, and prints
;     through COUT with the cursor placed by TABV/VTAB;
;   - tells the machine by the identification bytes: SEC / JSR $FE1F / BCS
;     (not a IIgs), $FBB3 = $EA and $FB1E = $AD (a II+, not a /// in
;     emulation);
;   - needs 64K: the language card's RAM, where the kernel goes, with its own
;     vectors at $FFFA-$FFFF of the card while the ROM's stay what they were;
;   - takes interrupts through $03FE: the ROM's IRQ handler ($FFFE in ROM)
;     leaves A in $45, X and Y alone and the 6502's frame on the stack, and
;     the receiver ends LDA $45 / RTI;
;   - aims the reset vector at itself: SOFTEV ($03F2), then SETPWRC ($FB6F)
;     for the power-up byte, so that Ctrl-Reset comes back to it;
;   - card firmware finds its slot with JSR IORTS ($FF58) and the stack;
;   - BRK goes through $03F0 with the registers in $45-$48 and PC in $3A.
; The menu (Bitsy Bye's way): an inverse title bar, lines, a key read with
; RDKEY.  After the menu line, a key picks an item (it is echoed), and
; Ctrl-Reset comes back through SOFTEV to print the menu again.
;
; The boot ROM reads physical sectors 0 .. SECTORS-1 of track 0 to $0800
; on (the count is the first byte) and jumps to $0801.  Assembled by
; tests/test_prodoslike.py with ophis; NMOS 6502.

.alias SECTORS  4

; the monitor
.alias TABV     $FB5B
.alias SETPWRC  $FB6F
.alias VTAB     $FC22
.alias HOME     $FC58
.alias CLREOL   $FC9C
.alias RDKEY    $FD0C
.alias CROUT    $FD8E
.alias PRBYTE   $FDDA
.alias COUT     $FDED
.alias IDROUTINE $FE1F
.alias MOVE     $FE2C
.alias SETINV   $FE80
.alias SETNORM  $FE84
.alias SETKBD   $FE89
.alias SETVID   $FE93
.alias INIT     $FB2F
.alias IORTS    $FF58
; zero page and page 3
.alias CH       $24
.alias CV       $25
.alias PCL      $3A
.alias PCH      $3B
.alias A1L      $3C
.alias A2L      $3E
.alias A4L      $42
.alias A5H      $45
.alias XREG     $46
.alias YREG     $47
.alias STATUS   $48
.alias MSGPTR   $FE             ; PRINT's pointer
.alias BRKV     $03F0
.alias SOFTEV   $03F2
.alias PWREDUP  $03F4
.alias IRQLOC   $03FE
; the language card
.alias LCRAM1   $C08B           ; read RAM bank 1; two reads: write it too
.alias LCWRITE1 $C089           ; read ROM; two reads: write RAM bank 1
.alias LCROM    $C08A           ; read ROM, no writes

.alias KERNEL   $2000           ; where the loader moves the rest, like ProDOS's

.org $0800
        .byte SECTORS
boot:   stx slot16              ; the boot ROM's X: slot * 16
        lda #<image             ; MOVE image..image_end to KERNEL (Y = 0)
        sta A1L
        lda #>image
        sta A1L+1
        lda #<[image + kernel_end - KERNEL - 1]
        sta A2L
        lda #>[image + kernel_end - KERNEL - 1]
        sta A2L+1
        lda #<KERNEL
        sta A4L
        lda #>KERNEL
        sta A4L+1
        ldy #0
        jsr MOVE
        jmp start
slot16: .byte 0
image:                          ; the kernel's bytes follow, assembled for KERNEL

.org KERNEL
start:  ldx slot16
        stx kslot
        ldx #$FF                ; a stack of our own, as ProDOS sets one
        txs
        jsr SETNORM
        jsr INIT
        jsr SETVID
        jsr SETKBD
        jsr HOME
        jsr print
        .byte "PRODOS-LIKE LOADER", 13, 0
        jsr check_move
        jsr check_id
        jsr check_64k
        jsr check_irq
        jsr check_brk
        jsr check_iorts
        jsr check_reset
        jmp menu

; --- each check prints its name and OK, or FAILED and stops ----------------------

ok:     jsr print
        .byte " OK", 13, 0
        rts

fail:   jsr print
        .byte " FAILED", 13, 0
halt:   jmp halt

; MOVE copied the kernel: its first bytes are here, and A1 and A4 ended one
; past the ranges (A1 = A2 + 1).
.scope
check_move:
        jsr print
        .byte "MOVE", 0
        lda A1L
        cmp #<[image + kernel_end - KERNEL]
        bne fail
        lda A4L
        cmp #<kernel_end
        bne fail
        lda A4L+1
        cmp #>kernel_end
        bne fail
        jmp ok

; The machine: the IIgs ID call leaves carry set, then $FBB3 and $FB1E say II+.
.scend
.scope
check_id:
        jsr print
        .byte "MACHINE ", 0
        sec
        jsr IDROUTINE
        bcc fail
        lda $FBB3
        cmp #$EA
        bne fail
        lda $FB1E
        cmp #$AD
        bne fail
        jsr print
        .byte "II+", 0
        jmp ok

; 64K: the card's RAM holds what is written at $D000 and $FFFE, and with the
; ROM read again, the ROM's bytes and vectors are back.
.scend
.scope
check_64k:
        jsr print
        .byte "64K", 0
        lda LCRAM1
        lda LCRAM1              ; RAM bank 1, read and write
        ldx #1
_pat:   lda pattern,x
        sta $D000
        cmp $D000
        bne _bad
        sta $E000
        cmp $E000
        bne _bad
        dex
        bpl _pat
        lda #<lcirq             ; the kernel's own IRQ vector, in the card
        sta $FFFE
        lda #>lcirq
        sta $FFFF
        lda LCROM               ; the ROM again
        lda $FFFE               ; its IRQ vector, not the card's
        cmp #<lcirq
        bne _romv
        lda $FFFF
        cmp #>lcirq
        beq _bad
_romv:  lda $FBB3               ; and the ROM's bytes
        cmp #$EA
        bne _bad
        jmp ok
_bad:   lda LCROM
        jmp fail
pattern: .byte $A5, $5A

.scend

; Interrupts, as ProDOS takes them.  With the ROM switched in: a frame as
; the 6502 pushes it for an IRQ (the B flag clear), then through the ROM's
; $FFFE; the receiver at $03FE must find A in $45, X and Y as they were and
; that frame on top of the stack; it returns with LDA $45 / RTI.  With the
; card's RAM switched in, the kernel's own vector takes it.
.scope
check_irq:
        jsr print
        .byte "IRQ", 0
        lda #<irqrecv
        sta IRQLOC
        lda #>irqrecv
        sta IRQLOC+1
        lda #0
        sta seen
        tsx
        stx stack
        lda #>_back             ; the frame: PC, then P with B clear
        pha
        lda #<_back
        pha
        lda #$20
        pha
        lda #$5C
        ldx #$11
        ldy #$22
        jmp ($FFFE)
_back:  cmp #$5C                ; A back from $45
        bne _bad
        cpx #$11
        bne _bad
        cpy #$22
        bne _bad
        lda seen
        cmp #1
        bne _bad
        tsx
        cpx stack
        bne _bad
        lda LCRAM1              ; now with the card's RAM read
        lda #>_back2
        pha
        lda #<_back2
        pha
        lda #$20
        pha
        jmp ($FFFE)             ; (the card's vector: lcirq)
_back2: lda LCROM
        lda seen
        cmp #3
        bne _bad
        jmp ok
_bad:   jmp fail

irqrecv:                        ; ProDOS's receiver at $03FE, entered from the ROM
        cpx #$11
        bne _no
        cpy #$22
        bne _no
        lda A5H
        cmp #$5C
        bne _no
        tsx                     ; the frame: P, PCL, PCH
        lda $0101,x
        cmp #$20
        bne _no
        lda $0102,x
        cmp #<_back
        bne _no
        inc seen
_no:    ldx #$11                ; (TSX used X; a receiver leaves it as it found it)
        lda A5H
        rti

lcirq:  inc seen                ; the kernel's own handler, from the card's vector
        inc seen
        rti

.scend

; BRK through $03F0: the registers in $45-$48, the PC (the BRK + 2) in
; $3A-$3B, the BRK's three bytes off the stack.
.scope
check_brk:
        jsr print
        .byte "BRK", 0
        lda #<brkrecv
        sta BRKV
        lda #>brkrecv
        sta BRKV+1
        tsx
        stx stack
        lda #$B1
        ldx #$B2
        ldy #$B3
brkat:  brk
        .byte $EA
        jmp fail                ; (BRKV does not come back here)
brkrecv:
        lda A5H
        cmp #$B1
        bne _bad
        lda XREG
        cmp #$B2
        bne _bad
        lda YREG
        cmp #$B3
        bne _bad
        lda PCL
        cmp #<[brkat + 2]
        bne _bad
        lda PCH
        cmp #>[brkat + 2]
        bne _bad
        tsx
        cpx stack
        bne _bad
        jmp ok
_bad:   jmp fail

.scend

; IORTS: JSR to it, then the stack still holds the page of the caller.
.scope
check_iorts:
        jsr print
        .byte "IORTS", 0
_here:  jsr IORTS
        tsx
        lda $0100,x             ; the high byte of the JSR's return address
        cmp #>[_here + 2]
        bne _bad
        jmp ok
_bad:   jmp fail

.scend

; The reset vector: SOFTEV at our handler, SETPWRC for the power-up byte.
.scope
check_reset:
        jsr print
        .byte "RESET VECTOR", 0
        lda #<onreset
        sta SOFTEV
        lda #>onreset
        sta SOFTEV+1
        jsr SETPWRC
        cmp PWREDUP
        bne _bad
        eor #$A5
        cmp #>onreset
        bne _bad
        jmp ok
_bad:   jmp fail

.scend

; --- the menu ------------------------------------------------------------------------

.scope
menu:   lda #12
        jsr TABV
        jsr SETINV
        jsr print
        .byte " PRODOS-LIKE MENU ", 0
        jsr SETNORM
        jsr CLREOL
        jsr CROUT
        jsr print
        .byte "1. PICK ME", 13, "2. OR ME", 13, "MENU READY, SLOT $", 0
        lda kslot
        lsr
        lsr
        lsr
        lsr
        jsr PRBYTE
        jsr CROUT
_key:   jsr RDKEY
        cmp #$B1                ; "1" or "2"
        bcc _key
        cmp #$B3
        bcs _key
        pha
        jsr print
        .byte "PICKED ", 0
        pla
        jsr COUT
        jsr CROUT
        jmp _key

.scend

; Ctrl-Reset: the ROM came back through SOFTEV.
onreset:
        ldx #$FF
        txs
        jsr HOME
        jsr print
        .byte "RESET CAME BACK", 13, 0
        jmp menu

; PRINT: the zero-terminated text after the JSR, through COUT; returns
; after it.
.scope
print:  pla
        sta MSGPTR
        pla
        sta MSGPTR+1
        ldy #0
_next:  inc MSGPTR
        bne +
        inc MSGPTR+1
*       lda (MSGPTR),y
        beq _end
        ora #$80
        jsr COUT
        jmp _next
_end:   lda MSGPTR+1
        pha
        lda MSGPTR
        pha
        rts

.scend

kslot:  .byte 0
seen:   .byte 0
stack:  .byte 0
kernel_end:
