; prodoslike.s - a boot disk that needs of the monitor ROM exactly what
; ProDOS 8's loader and kernel need of it on an Apple II Plus, and what
; programs that run from the language card need of it, and reaches its
; "menu" only if every one of those mechanisms behaves.
;
; What ProDOS 8 does with the monitor on a II+ (ProDOS 8 Technical Reference
; Manual, ch. 2, 3, 5 and 6; Apple II Misc. Technical Notes #2 and #7):
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
; With its kernel in the card, ProDOS keeps a handler of its own at
; $FF9B-$FFFF of the card, with the card's vectors (its source, ROM.S): an
; interrupt, a BRK or RESET that comes while the card is read goes there;
; it saves $45, puts A there, pushes where the ROM is to go on (for an
; interrupt, first a frame to come back into the card by), and switches the
; ROM in with an STA $C082 at $FFC8: the next instruction comes from the
; ROM's $FFCB, which must be an RTS, and goes on at $FA42 (the ROM's IRQ
; handler after its STA $45: BREAK or IRQLOC) or $FA62 (RESET).
;
; Other programs copy the monitor into the card and call it there, their
; own code in the card's $D000-$F7FF.  So this disk, after the checks above
; (with the ROM), copies $F800-$FFFF into the card, fills its $D000-$F7FF
; (both banks) with BRKs and its own code ($D000 on), lays a handler made
; the way ProDOS makes its own over $FF9B-$FFFF, and from then on runs with
; the card read: it calls SETNORM, SETVID, SETKBD, GBASCALC, WAIT, IORTS,
; MOVE, COUT ... in the copy ("CARD MONITOR"), takes an interrupt and a BRK
; through its handler into the ROM ("CARD IRQ", "CARD BRK"), and runs its
; menu from the card (TABV, SETINV, CLREOL, CROUT, PRBYTE, RDKEY in the
; copy).  Ctrl-Reset at the menu comes through the card's RESET vector and
; the ROM's $FFCB and RESET, and SOFTEV, back to the menu.  A BRK anywhere in
; the card's junk fails the check at hand: BRKV points at CARDFAIL.
;
; The menu (Bitsy Bye's way): an inverse title bar, lines, a key read with
; RDKEY.  After the menu line, a key picks an item (it is echoed).
;
; The boot ROM reads physical sectors 0 .. SECTORS-1 of track 0 to $0800
; on (the count is the first byte, as the Disk II's P5 PROM reads it) and
; jumps to $0801.  Assembled by tests/test_prodoslike.py with ophis; NMOS
; 6502.

.alias SECTORS  8

; the monitor
.alias GBASCALC $F847
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
.alias WAIT     $FCA8
.alias IORTS    $FF58
.alias ROMIRQ   $FA41           ; the ROM's IRQ handler after STA $45, - 1 (an RTS's)
.alias RESET    $FA62
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
.alias LCRAM2   $C083           ; read RAM bank 2; two reads: write it too
.alias RDROM2   $C082           ; read ROM, no writes (what ProDOS's handler uses)

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
        jmp card

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
        lda #$20                ; the interrupt's own frame
        sta wantp
        lda #<irqback
        sta wantpc
        lda #0
        sta seen
        lda #<irqrecv
        ldy #>irqrecv
        jsr doirq
        bne _bad
        lda seen
        cmp #1
        bne _bad
        lda LCRAM1              ; now with the card's RAM read
        jsr doirq               ; (the card's vector: lcirq)
        php
        lda LCROM
        plp
        bne _bad
        lda seen
        cmp #3
        bne _bad
        jmp ok
_bad:   jmp fail

; ProDOS's receiver at $03FE, entered from the ROM: A in $45, X and Y as at
; the interrupt, and on top of the stack a frame with P = wantp and PCL =
; wantpc.
irqrecv:
        cpx #$11
        bne _no
        cpy #$22
        bne _no
        lda A5H
        cmp #$5C
        bne _no
        tsx                     ; the frame: P, PCL, PCH
        lda $0101,x
        cmp wantp
        bne _no
        lda $0102,x
        cmp wantpc
        bne _no
        inc seen
_no:    ldx #$11                ; (TSX used X; a receiver leaves it as it found it)
        lda A5H
        rti

lcirq:  inc seen                ; the kernel's own handler, from the card's vector
        inc seen
        rti

.scend

; DOIRQ: an interrupt now, as the 6502 takes one (its frame: the PC, then P
; with B clear), through the vector at $FFFE with A, X, Y = $5C, $11, $22
; and IRQLOC = Y (high), A.  Z set if it came back with A, X, Y and the
; stack as they were.
.scope
doirq:  sta IRQLOC
        sty IRQLOC+1
        tsx
        stx stack
        lda #>irqback
        pha
        lda #<irqback
        pha
        lda #$20
        pha
        lda #$5C
        ldx #$11
        ldy #$22
        jmp ($FFFE)
irqback:
        cmp #$5C                ; A back from $45
        bne _ret
        cpx #$11
        bne _ret
        cpy #$22
        bne _ret
        tsx
        cpx stack
_ret:   rts
.scend

; BRK through $03F0: the registers in $45-$48, the PC (the BRK + 2) in
; $3A-$3B, the BRK's three bytes off the stack.
.scope
check_brk:
        jsr print
        .byte "BRK", 0
        lda #<brkrecv
        ldy #>brkrecv
        jsr dobrk               ; BRKV comes back by OK's RTS
        rts
brkrecv:
        jsr brkregs
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

; --- the monitor in the language card --------------------------------------------

; Copy the monitor into the card, BRKs below it, our code at $D000 and the
; handler at $FF9B; then run from the card.  CARD MONITOR's name is printed
; with the ROM in: what fails after it fails that check.
.scope
card:   jsr print
        .byte "CARD MONITOR", 0
        lda #<cardfail          ; a BRK in the card's junk: FAILED
        sta BRKV
        lda #>cardfail
        sta BRKV+1
        lda LCWRITE1            ; read the ROM, write the card (bank 1)
        lda LCWRITE1
        ldx #0                  ; $F800-$FFFF from the ROM to the card
        jsr _move
        lda LCRAM1              ; from now on, read the card (and write it)
        lda LCRAM1
        lda #0                  ; BRKs over $D000-$F7FF: MOVE (the card's own
        sta $D000               ; now) copies each byte on to the next
        ldx #6
        jsr _move
        lda LCRAM2              ; the same over bank 2's $D000-$DFFF
        lda LCRAM2
        lda #0
        sta $D000
        ldx #12
        jsr _move
        lda LCRAM1
        lda LCRAM1
        ldx #18                 ; our code at $D000
        jsr _move
        ldx #24                 ; the handler at $FF9B, with the card's vectors
        jsr _move
        jmp cardmain

; MOVE (Y = 0) with A1, A2 and A4 from _moves,X.
_move:  ldy #0
*       lda _moves,x
        sta A1L,y               ; A1L, A1H, A2L, A2H
        inx
        iny
        cpy #4
        bcc -
        lda _moves,x
        sta A4L
        lda _moves+1,x
        sta A4L+1
        ldy #0
        jmp MOVE
_moves: .word $F800, $FFFF, $F800                       ; the monitor
        .word $D000, $F7FE, $D001                       ; BRKs (bank 1, $E000-$F7FF)
        .word $D000, $DFFE, $D001                       ; BRKs (bank 2)
        .word cardimg, cardimg + cardend - cardmain - 1, cardmain    ; our code
        .word handimg, handimg + handend - lanirq - 1, lanirq        ; the handler
.scend

; CARDFAIL: BRKV while the card is read: any BRK (in the card's junk, say)
; comes here through the handler and the ROM's BREAK, with the ROM in.
cardfail:
        ldx #$FF
        txs
        jmp fail

; ROMFFCB: Z set if the ROM's $FFCB is an RTS (read with the ROM in; then
; the card again).  ProDOS's handler counts on it.
romffcb:
        lda RDROM2
        ldx $FFCB
        lda LCRAM1
        lda LCRAM1
        cpx #$60
        rts

; AFTIRQ: back from the receiver with the ROM in and I set (the frame the
; card's handler pushed): the card again, $45 as it was, then RTI by the
; interrupt's own frame, into the card.
aftirq: sta save_a
        lda LCRAM1
        lda LCRAM1
        lda old45
        sta A5H
        lda save_a
        rti

; The BRK receiver for CARD BRK, through BRKV from the ROM's BREAK (the ROM
; in): the registers in $45-$47, the PC the BRK pushed in $3A-$3B, the BRK's
; three bytes off the stack.  Then the card again.
.scope
cardbrk:
        jsr brkregs
        bne _bad
        lda LCRAM1
        lda LCRAM1
        jmp ok
_bad:   jmp fail
.scend

; DOBRK: BRKV = Y (high), A; then a BRK with A, X, Y = $B1, $B2, $B3.  The
; receiver ends with JMP OK: its RTS returns from DOBRK.
dobrk:  sta BRKV
        sty BRKV+1
        tsx
        stx stack
        lda #$B1
        ldx #$B2
        ldy #$B3
brkat:  brk
        .byte $EA
        jmp fail                ; (BRKV does not come back here)

; BRKREGS, for a BRK receiver: Z set if the BRK left A, X, Y = $B1, $B2, $B3
; in $45-$47, its address + 2 in PCL/PCH, and its three bytes off the stack
; (as stack says).
.scope
brkregs:
        lda A5H
        cmp #$B1
        bne _ret
        lda XREG
        cmp #$B2
        bne _ret
        lda YREG
        cmp #$B3
        bne _ret
        lda PCL
        cmp #<[brkat + 2]
        bne _ret
        lda PCH
        cmp #>[brkat + 2]
        bne _ret
        tsx
        inx                     ; (the JSR here)
        inx
        cpx stack
_ret:   rts
.scend

; Ctrl-Reset at the menu (the card read): the card's RESET vector, its
; handler, the ROM's $FFCB and RESET, then SOFTEV: here, with the ROM in.
onreset:
        ldx #$FF
        txs
        jsr HOME
        jsr print
        .byte "RESET CAME BACK", 13, 0
        lda LCRAM1
        lda LCRAM1
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
wantp:  .byte 0                 ; the frame IRQRECV wants on top
wantpc: .byte 0
stack:  .byte 0
old45:  .byte 0                 ; $45 before an interrupt in the card
save_a: .byte 0
kernel_end:

; --- in the card: our code at $D000 ------------------------------------------------
.alias cardimg image + kernel_end - KERNEL      ; where the boot left it
.org $D000
.scope
cardmain:
        jsr SETNORM             ; the monitor's routines, in the card's copy
        jsr SETVID
        jsr SETKBD
        lda #9
        jsr GBASCALC            ; row 9: $04A8, A = $A8
        cmp #$A8
        bne _bad
        lda #10
        jsr WAIT
        bne _bad                ; A = 0
        jsr IORTS
        lda $FBB3               ; the copy's identification byte
        cmp #$EA
        bne _bad
        lda $E000               ; and BRKs where the ROM has BASIC's entry
        bne _bad
        lda cardmain            ; and this, which is the card's
        cmp #$20
        bne _bad
        jsr ok
        jmp cardirqchk
_bad:   jmp fail
.scend

; CARD IRQ: an interrupt while the card is read: the card's vector, its
; handler, the ROM's $FFCB and $FA42, IRQLOC; back by AFTIRQ into the card,
; $45 as it was.
.scope
cardirqchk:
        jsr print
        .byte "CARD IRQ", 0
        jsr romffcb
        bne _bad
        lda #$04                ; the frame the handler pushed: I set, to AFTIRQ
        sta wantp
        lda #<aftirq
        sta wantpc
        lda #0
        sta seen
        lda #$77
        sta A5H
        lda #<irqrecv
        ldy #>irqrecv
        jsr doirq               ; (the card's vector: the handler)
        bne _bad
        lda seen
        cmp #1
        bne _bad
        lda A5H                 ; $45 as it was before
        cmp #$77
        bne _bad
        lda cardmain            ; the card again
        cmp #$20
        bne _bad
        jsr ok
        jmp cardbrkchk
_bad:   jmp fail
.scend

; CARD BRK: a BRK while the card is read: the card's vector, its handler,
; the ROM's $FFCB, $FA42 and BREAK, BRKV.
cardbrkchk:
        jsr print
        .byte "CARD BRK", 0
        lda #<cardbrk
        ldy #>cardbrk
        jsr dobrk               ; BRKV comes back by OK's RTS
        lda #<cardfail
        sta BRKV
        lda #>cardfail
        sta BRKV+1

; --- the menu, run from the card ------------------------------------------------
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
cardend:

; --- in the card: the handler at $FF9B, made the way ProDOS makes its own -----------
.alias handimg cardimg + cardend - cardmain
.org $FF9B
.scope
; An IRQ or a BRK while the card is read: $45 saved, A there, then into the
; ROM's handler at $FA42; for an interrupt, a frame first to come back by,
; to AFTIRQ with I set.
lanirq: pha
        lda A5H
        sta old45
        pla
        sta A5H
        pla                     ; the status the 6502 pushed
        pha
        and #$10
        bne _brk
        lda #>aftirq
        pha
        lda #<aftirq
        pha
        lda #$04
        pha
_brk:   lda #>ROMIRQ
        pha
        lda #<ROMIRQ
        pha
; The ROM in: the next instruction is the ROM's, at $FFCB: an RTS, to the
; address on the stack.
        .advance $FFC8, $EA
gorom:  sta RDROM2
; RESET while the card is read: on to the ROM's RESET by the same RTS.
lreset: lda #>[RESET - 1]       ; $FFCB, in the card
        pha
        lda #<[RESET - 1]
        pha
        jmp gorom
nmi:    rti
        .advance $FFFA, $EA
        .word nmi
        .word lreset
        .word lanirq
.scend
handend:
