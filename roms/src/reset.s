; reset.s - RESET (power-up and Ctrl-Reset), the slot scan that boots a
; Disk II, and the IRQ/BRK dispatch.  Include file.
.scope

; RESET: a known machine state, then either the warm-start vector (the
; program that set SOFTEV and PWREDUP asked for it) or a cold start.
reset:  cld
        ldx #$FF
        txs
        jsr setnorm
        jsr init                ; text, page 1, full window
        jsr setvid              ; output to the screen ...
        jsr setkbd              ; ... input from the keyboard
        lda CLRAN0              ; annunciators as after a reset: 0, 1 off, 2, 3 on
        lda CLRAN1
        lda SETAN2
        lda SETAN3
        bit KBDSTRB             ; forget a key pressed before
        lda SOFTEV+1
        eor #$A5
        cmp PWREDUP
        bne cold
        jmp (SOFTEV)            ; warm: the program's own reset handler

; A cold start: soft vectors, banner, then boot a disk or enter the monitor.
cold:   ldx #_vectors_end - _vectors - 1
_copy:  lda _vectors,x
        sta BRKV,x
        dex
        bpl _copy
        lda SOFTEV+1            ; the power-up byte that marks SOFTEV valid
        eor #$A5
        sta PWREDUP
        jsr home
        lda #<_banner
        ldy #>_banner
        jsr prmsg
        jsr bootscan            ; does not return if a disk card is found
        lda #<_nodisk
        ldy #>_nodisk
        jsr prmsg
        jmp MON

; BOOTSCAN: from slot 7 down to 1, look for a Disk II controller by the
; signature its boot ROM is documented to carry ($Cn01 = $20, $Cn03 = $00,
; $Cn05 = $03, $Cn07 = $3C) and jump to $Cn00 if there is one.  Returns if
; there is none.
bootscan:
        lda #0
        sta LOC0
        lda #$C7
        sta LOC1
_slot:  ldx #3
_byte:  lda _sigpos,x
        tay
        lda (LOC0),y
        cmp _sigval,x
        bne _next
        dex
        bpl _byte
        jmp (LOC0)              ; found: boot it
_next:  dec LOC1
        lda LOC1
        cmp #$C0
        bne _slot
        rts
_sigpos: .byte $01, $03, $05, $07
_sigval: .byte $20, $00, $03, $3C

; The soft vectors $03F0-$03FF at a cold start: BRK shows the registers and
; enters the monitor; Ctrl-Reset returns to the monitor; "&" and Ctrl-Y go
; to the monitor until a program hooks them; NMI and IRQ return at once.
_vectors:
        .word brkhandler        ; BRKV
        .word MON               ; SOFTEV
        .byte 0                 ; PWREDUP (computed)
        jmp MON                 ; AMPERV
        jmp MON                 ; USRADR
        jmp nmiret              ; NMIV
        .word irqret            ; IRQLOC
_vectors_end:

_banner: .byte "APPLE2 PY FIRMWARE", 13
         .byte "CTRL-B OR 6 CTRL-P BOOTS A DISK", 13
         .byte "(THE HOMEBREW MENU LIVES ON A DISK)", 13, 0
_nodisk: .byte "NO DISK CARD: MONITOR", 0

; IRQ vector: A goes to A5H (documented), then BRK (B flag set in the pushed
; status) goes through BRKV, a hardware interrupt through IRQLOC.
irq:    sta A5H
        pla
        pha
        asl                     ; B (bit 4) to bit 7
        asl
        asl
        bmi _brk
        jmp (IRQLOC)
_brk:   jmp (BRKV)

; The default IRQ handler: A back from A5H, return.
irqret: lda A5H
nmiret: rti

; The default BRK handler: save the registers as the monitor's G command
; restores them, PC = the BRK's own address, show them, enter the monitor.
brkhandler:
        pla
        sta STATUS
        pla                     ; the pushed PC is the BRK's address + 2
        sec
        sbc #2
        sta PCL
        pla
        sbc #0
        sta PCH
        stx XREG
        sty YREG
        tsx
        stx SPNT
        cld
        lda PCH
        ldx PCL
        jsr addrln
        lda #$A0
        jsr COUT
        jsr regdsp
        jmp MON
.scend
