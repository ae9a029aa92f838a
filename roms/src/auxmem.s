; auxmem.s - AUXMOVE ($C311) and XFER ($C314), the IIe's two routines for
; auxiliary memory.  Include file of col80.s (they run at $C800-$CFFE,
; entered through the $C3 page).
;
; As the Apple IIe Technical Reference Manual (1985), ch. 4, "Auxiliary
; memory subroutines", documents them.  Neither uses the ROM at $D000-$FFFF:
; a program may call them with the language card's RAM switched in.
;
; AUXMOVE (JSR $C311): copies A1 ($3C-$3D) .. A2 ($3E-$3F) to A4
;   ($42-$43) on: from main memory to aux with the carry set, from aux to
;   main with it clear.  A, X and Y come back as they were.  Only
;   $0200-$BFFF can be copied so (RAMRD and RAMWRT switch those; zero page,
;   the stack and $D000-$FFFF go with ALTZP).  Like the monitor's MOVE, A1
;   ends one past A2 and A4 one past the copy.  Here RAMRD and RAMWRT are
;   left as they were, interrupts are held off during the copy (an IRQ
;   handler reading page 3 with RAMRD on would read aux memory), and the
;   flags come back as they were.
;
; XFER (JMP $C314): goes to the address in $3ED-$3EE: to aux memory
;   (RAMRD and RAMWRT on) with the carry set, to main (both off) with it
;   clear; with V set, on the aux zero page and stack (ALTZP on), with V
;   clear on the main ones.  A, X and Y go along unchanged.  A and the
;   address pass through the caller's stack, so that the address is at
;   $3ED-$3EE in the memory XFER goes to as well.  The program saves its
;   stack pointer first and sets it again on arriving (the two stacks are
;   two pages).

.scope
auxmove:
        php
        sei
        pha
        tya
        pha
        lda RDRAMRD             ; the switches as the caller had them
        pha
        lda RDRAMWRT
        pha
        sta RDMAINRAM           ; (STA keeps the carry: the direction)
        sta WRMAINRAM
        bcc _a2m
        sta WRCARDRAM           ; main to aux: read main, write aux
        bcs _go
_a2m:   sta RDCARDRAM           ; aux to main: read aux, write main
_go:    ldy #0
_byte:  lda (A1L),y              ; (A1 and A4 on as the monitor's NXTA4 steps
        sta (A4L),y             ; them, but here: AUXMOVE must not need the
        inc A4L                 ; ROM at $D000-$FFFF, since a program may call it
        bne +                   ; with the language card's RAM switched in)
        inc A4H
*       lda A1L                 ; carry: A1 was at A2 (or past it)
        cmp A2L
        lda A1H
        sbc A2H
        inc A1L
        bne +
        inc A1H
*       bcc _byte
        pla                     ; RAMWRT as it was
        bmi +
        sta WRMAINRAM
        bpl _rd
*       sta WRCARDRAM
_rd:    pla                     ; RAMRD as it was
        bmi +
        sta RDMAINRAM
        bpl _regs
*       sta RDCARDRAM
_regs:  pla
        tay
        pla
        plp
        rts
.scend

.scope
xfer:   pha                     ; A and the address on the caller's stack
        lda XFERV
        pha
        lda XFERV+1
        pha
        sta RDMAINRAM           ; (STA keeps the carry and V)
        sta WRMAINRAM
        bcc +
        sta RDCARDRAM
        sta WRCARDRAM
*       pla                     ; the address into the memory we go to
        sta XFERV+1
        pla
        sta XFERV
        pla
        sta ALTZPOFF            ; last: the stack changes with it
        bvc +
        sta ALTZPON
*       jmp (XFERV)
.scend
