; reset.s - $FA40-$FB18: IRQ and BRK, RESET, the cold start (PWRUP) and its
; slot scan, the register display.  Include file.

.scope
; IRQ ($FA40, the 6502's IRQ/BRK vector): A to A5H, then the B flag of the
; status the 6502 pushed tells a BRK (BREAK) from an interrupt (through
; IRQLOC, $03FE, with the interrupt's stack frame as the 6502 left it: the
; handler ends with LDA A5H and RTI).  X and Y are untouched.  ProDOS's own
; handler in the language card enters at $FA42 (by an RTS to $FA41) with A
; already in $45; so does anything that copies its method.
.advance $FA40, $00
irq:    sta A5H
        pla                     ; $FA42
        pha
        asl                     ; B (bit 4) to bit 7
        asl
        asl
        bmi break
        jmp (IRQLOC)

; BREAK ($FA4C): the registers to A5H..SPNT as IOSAVE saves them (A is in
; A5H already; P is the one the BRK pushed), the PC the BRK pushed (its own
; address + 2) to PCL/PCH, the BRK's three bytes off the stack, decimal
; mode off, then through BRKV.
        .advance $FA4C, $00
break:  plp
        jsr sav1
        pla
        sta PCL
        pla
        sta PCH
        jmp (BRKV)

; OLDBRK ($FA59), the default BRKV: "PC-" on a line, the registers, the
; monitor with a beep.
        .advance $FA59, $00
oldbrk: jsr insds1
        jsr rgdsp1
        jmp mon

; RESET ($FA62, the 6502's RESET vector): a known state and a beep, then the
; program's own reset handler (SOFTEV, when PWREDUP says SETPWRC set it) or
; a cold start.  The stack pointer is left where it was, as on the II+.
        .advance $FA62, $00
reset:  cld
        jsr setnorm
        jsr init                ; text, page 1, full window
        jsr setvid              ; output to the screen ...
        jsr setkbd              ; ... input from the keyboard
        lda CLRAN0              ; annunciators as after a reset: 0, 1 off, 2, 3 on
        lda CLRAN1
        lda SETAN2
        lda SETAN3
        lda CLRROM              ; no card's $C800 ROM selected
        bit KBDSTRB             ; forget a key pressed before
        jsr bell
        lda SOFTEV+1
        eor #$A5
        cmp PWREDUP
        bne pwrup
        jmp (SOFTEV)            ; warm: the program's own reset handler

; PWRUP's end: the title on a line of its own, then (with our $D000-$F7FF
; there: extras.s) how to boot, then the slot scan.  COLDBOOT: the same
; without the Return, for the monitor's Ctrl-B.
pwrup2: jsr crout
coldboot:                       ; (the monitor's Ctrl-B)
        jsr ours
        bne bootscan
        jsr xbanner
bootscan:
        lda #0
        sta LOC0
        lda #$C8
        sta LOC1
        bne sloop               ; always

; PWRUP ($FAA6): a cold start: the soft vectors, the power-up byte, the
; title, then boot a disk or enter the monitor.  Programs aim SOFTEV here
; so that Ctrl-Reset boots the disk again.
        .advance $FAA6, $00
pwrup:  ldx #15
_vec:   lda vectors,x
        sta BRKV,x
        dex
        bpl _vec
        jsr setpwrc             ; the power-up byte that marks SOFTEV valid
        jsr appleii
        jmp pwrup2

; SLOOP ($FABA): from the slot below LOC1 (LOC0 = 0) down to 1, look for a
; Disk II controller by the signature its boot ROM is documented to carry
; ($Cn01 = $20, $Cn03 = $00, $Cn05 = $03, $Cn07 = $3C) and jump to $Cn00
; with LOC0/LOC1 pointing there and MSLOT ($07F8) = $Cn.  A card's boot code
; that finds no disk jumps here to go on with the slot below.
        .advance $FABA, $00
sloop:  dec LOC1
        lda LOC1
        cmp #$C0
        beq nodisk
        sta MSLOT
        ldy #7
_sig:   lda (LOC0),y
        cmp sigtab,y
        bne sloop
        dey
        dey
        bpl _sig
        jmp (LOC0)              ; found: boot it

; REGDSP ($FAD7): a Return, then RGDSP1 ($FADA): " A=.. X=.. Y=.. P=.. S=.."
; from A5H..SPNT, with A3 pointing there ($0045) so that a ":" line after
; it changes the saved registers, as on the II+.
        .advance $FAD7, $00
regdsp: jsr crout
rgdsp1: lda #A5H
        sta A3L
        lda #0
        sta A3H
        tax
_reg:   lda #$A0
        jsr cout
        lda rtbl,x
        jsr cout
        lda #$BD                ; "="
        jsr cout
        lda A5H,x
        jsr prbyte
        inx
        cpx #5
        bcc _reg
        rts

; No disk card: the monitor.  (With our $D000-$F7FF there, XBANNER has said
; so already.)
nodisk: jmp mon

; OURS: Z set if $D000-$D011 holds our ROM's name (extras.s), that is if
; our $D000-$F7FF is there to call: not when this 2 KiB runs alone, or as
; a copy in the language card above a program of its own.
ours:   ldx #17                 ; (the first letter is left out: no page
_cmp:   lda title,x             ; crossing, no stray read of $CFxx)
        eor SIGNATURE,x
        eor #$80
        bne _ret
        dex
        bne _cmp
_ret:   rts
.scend
