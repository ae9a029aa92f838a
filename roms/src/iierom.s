; iierom.s - the IIe's internal ROM, $C100-$CFFF: the 80-column firmware
; (its $C300 page and its $C800 extension), AUXMOVE and XFER, and RESET's
; Open-Apple check.  Include file of apple2e.s and apple2ee.s, which set
; ENHANCED (0 or 1) first.
;
; On a IIe this 3.75 KiB hides behind the slots: INTCXROM gives all of
; $C100-$CFFF to it; with SLOTC3ROM off (as after RESET) $C300-$C3FF is
; its own, and an access there gives it $C800-$CFFF too (INTC8ROM) until
; an access to $CFFF.  So everything here is reached through the $C3 page,
; which every entry enters first: each entry writes $CFFF (other cards let
; go of $C800; the next instruction fetch, from $C3XX, selects ours) and
; jumps to its code at $C800-$CFFE.  $C100-$C2FF and $C400-$C7FF answer only
; with INTCXROM on; nothing needs them.
;
; The documented entries (Apple IIe Technical Reference Manual, 1985: ch. 3,
; the 80-column firmware; ch. 4, the auxiliary-memory subroutines; Apple II
; Miscellaneous Technical Note #8 for the Pascal 1.1 ID bytes):
;
;   $C300  PR#3 / IN#3: start the 80-column firmware (80 columns, lower
;          case, the screen cleared), then print the character in A
;   $C305  input (KSW after PR#3): a key, with the firmware's cursor and its
;          escape sequences
;   $C307  output (CSW after PR#3): a character, with the control codes
;   $C305/$C307/$C30B/$C30C = $38 $18 $01 $88: the Pascal 1.1 ID bytes
;          (SEC, CLC, the generic signature, "an 80-column card")
;   $C30D-$C310: the offsets in $C3XX of the Pascal init, read, write and
;          status entries
;   $C311  AUXMOVE, $C314 XFER (auxmem.s)
;
; a2audit reads sixteen bytes here to tell this ROM from a slot's or from
; the floating bus (four in each of $C100-$C2FF, $C300-$C3FF, $C400-$C7FF
; and $C800-$CFFE: the bytes Apple's IIe ROM has there, from a2audit's own
; test table).  They are kept where they are: $C30A is the BVC's offset, the
; others are laid down between the routines.

; --- the IIe's switches and status reads (TRM tables 4-5 to 4-8) -----------
.alias CLR80STORE $C000         ; (write) PAGE2 picks the displayed page
.alias SET80STORE $C001         ; (write) PAGE2 picks main or aux text memory
.alias RDMAINRAM $C002          ; (write) RAMRD off: $0200-$BFFF read from main
.alias RDCARDRAM $C003          ; (write) RAMRD on: read from aux
.alias WRMAINRAM $C004          ; (write) RAMWRT off
.alias WRCARDRAM $C005          ; (write) RAMWRT on
.alias ALTZPOFF $C008           ; (write) main zero page, stack, language card
.alias ALTZPON  $C009           ; (write) aux ones
.alias CLR80VID $C00C           ; (write) 40-column display
.alias SET80VID $C00D           ; (write) 80-column display
.alias CLRALTCHAR $C00E         ; (write) the primary character set
.alias SETALTCHAR $C00F         ; (write) the alternate one: inverse lower case
                                ; (and MouseText on the enhanced IIe)
.alias RDRAMRD  $C013           ; bit 7: RAMRD
.alias RDRAMWRT $C014           ; bit 7: RAMWRT
.alias RDTEXT   $C01A           ; bit 7: text mode
.alias RD80VID  $C01F           ; bit 7: 80-column display
.alias TXTPAGE1 $C054           ; PAGE2 off (with 80STORE: main text memory)
.alias TXTPAGE2 $C055           ; PAGE2 on (with 80STORE: aux text memory)
.alias BUTN0    $C061           ; bit 7: the Open-Apple key (button 0)
.alias XFERV    $03ED           ; XFER's address ($3ED-$3EE)

; --- the 80-column firmware's screen holes: slot 3's (TRM ch. 3) -------------
.alias OLDCH    $047B           ; CH as the firmware last left it
.alias FWMODE   $04FB           ; the firmware's mode (col80.s); $FF: off
.alias OURCH    $057B           ; the cursor's column (0-79)
.alias OURCV    $05FB           ; the cursor's row (0-23)
.alias CHAR     $067B           ; the character being written, the key read
.alias XCOORD   $06FB           ; GOTOXY's column, waiting for its row
.alias TEMP1    $077B           ; scratch: a row number
.alias TEMP2    $07FB           ; scratch: the byte under the cursor

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

; === $C300: the entries ==========================================================
; $C300 (PR#3) sets V with a BIT of an RTS ($60); $C305 sets the carry and
; skips $C307's CLC (its $90 is a BCC that the carry never takes); $C307
; clears it; both clear V.  So V says "start", the carry "input".
c300:   bit _rts60              ; $C300: V set
        bvs c3main
        sec                     ; $C305: input (the Pascal ID byte $38)
        .byte $90               ; BCC over the CLC, never taken
        clc                     ; $C307: output (the Pascal ID byte $18)
        clv
        bvc c3main              ; $C309: 50 0C (a2audit's mark at $C30A)
        .byte $01               ; $C30B: the Pascal 1.1 generic signature
        .byte $88               ; $C30C: device signature: an 80-column card
        .byte <c3pinit, <c3pread, <c3pwrite, <c3pstatus   ; $C30D-$C310
        jmp c3auxmove           ; $C311: AUXMOVE
        jmp c3xfer              ; $C314: XFER
        .checkpc $C317
c3main: sta CLRROM              ; $C317: keeps A and the flags
        bvs _init
        bcs _input
        jmp c8out
_input: jmp c8in
_init:  jmp c8init
.advance $C32B, $00
        .byte $04               ; a2audit's $C300-$C3FF marks

; The Pascal 1.1 entries (X = $C3, Y = $30 on entry), AUXMOVE and XFER:
; each lets go of other cards' $C800 ROMs (writing $CFFF keeps every
; register and flag) and goes on in ours.
c3pinit:
        sta CLRROM
        jmp c8pinit
c3pread:
        sta CLRROM
        jmp c8pread
c3pwrite:
        sta CLRROM
        jmp c8pwrite
c3pstatus:
        sta CLRROM
        jmp c8pstatus
c3auxmove:
        sta CLRROM
        jmp auxmove
c3xfer: sta CLRROM
        jmp xfer

; C3RESET: RESET's step in the IIe's ROM (reset.s calls it where the II+'s
; reads $CFFF): no card's $C800 ROM, then the Open-Apple key: held down
; with Control-Reset, it makes the power-up byte wrong, so RESET goes on
; with a cold start (PWRUP: the disk is booted again), as the IIe's RESET
; does (the TRM's reset routine: Control-Open-Apple-Reset reboots).  A, X, Y
; and the flags are not kept (RESET needs none of them).
c3reset:
        lda CLRROM
        bit BUTN0
        bpl _rts60
        lda SOFTEV+1            ; anything but SOFTEV+1 EOR $A5
        eor #$5A
        sta PWREDUP
_rts60: rts                     ; (C300's BIT reads this $60)

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

; === $C800-$CFFE: the extension (INTC8ROM) =======================================
; a2audit's marks are a JMP at $C800 and $CA21, $CC43 and $CEB5; the code
; goes round them.
.advance $C800, $00
        jmp c8init              ; (the first mark: a JMP)
.include "col80.s"
.advance $D000, $00             ; ($CFFF: any access releases $C800)
