; iierom.s - the IIe's internal ROM, $C100-$CFFF: a PLACEHOLDER, minimal on
; purpose.  Include file (no build header) of apple2e.s and apple2ee.s.
;
; On a IIe this 3.75 KiB hides behind the slots (the INTCXROM and SLOTC3ROM
; switches and the $C3XX/$CFFF rule of INTC8ROM bring it in): Apple's holds
; the 80-column firmware at $C300 with its $C800 extension, AUXMOVE ($C311),
; XFER ($C314) and the self test.  This placeholder has none of them yet:
;
; * PR#3 ($C300) keeps 40 columns: it hooks the screen's own COUT1 and the
;   keyboard's KEYIN into CSW and KSW and prints the character, so that a
;   program that starts the 80-column firmware goes on in 40 columns;
; * the other bytes are zero, except sixteen that the a2audit disk reads to
;   tell this ROM from a slot's or from the floating bus (four in each of
;   $C100-$C2FF, $C300-$C3FF, $C400-$C7FF and $C800-$CFFE: the bytes Apple's
;   IIe ROM has there, taken from a2audit's own test table).  With them its
;   $Cxxx tests check our MMU's routing, not this ROM's contents.  The full
;   firmware must keep these bytes where they are.

; COUT1 ($FDF0, the screen's output), KEYIN ($FD1B, the keyboard's input) and
; IORTS ($FF58, an RTS) are the monitor sources' labels (system.s).

.org $C000
.advance $C100, $00             ; $C000-$C0FF: the I/O page, never read here
.advance $C14D, $00
        .byte $A5               ; a2audit's $C100-$C2FF marks
.advance $C16C, $00
        .byte $2A
.advance $C2B5, $00
        .byte $AD
.advance $C2FF, $00
        .byte $00

; $C300: PR#3 and IN#3 enter here (V set: a call from PR#3, as Apple's does).
        bit $FF58               ; IORTS
        jmp pr3
.advance $C30A, $00
        .byte $0C               ; a2audit's $C300-$C3FF marks
.advance $C32B, $00
        .byte $04
.advance $C3E2, $00
        .byte $ED
.advance $C436, $00
        .byte $8D               ; a2audit's $C400-$C7FF marks
.advance $C548, $00
        .byte $18
.advance $C680, $00
        .byte $8B
.advance $C76E, $00
        .byte $CB

; $C800-$CFFE: the extension of the $C3 firmware, selected by INTC8ROM once
; $C3XX has been touched.  Its first byte is a JMP (a2audit's first mark).
.advance $C800, $00
        jmp pr3
pr3:    pha                     ; the placeholder's PR#3: 40 columns go on
        lda #<COUT1
        sta CSWL
        lda #>COUT1
        sta CSWH
        lda #<KEYIN
        sta KSWL
        lda #>KEYIN
        sta KSWH
        pla
        jmp COUT1
.advance $CA21, $00
        .byte $8D               ; a2audit's $C800-$CFFE marks
.advance $CC43, $00
        .byte $F0
.advance $CEB5, $00
        .byte $7B
.advance $D000, $00
