; reset.s - RESET (power-up and Ctrl-Reset), the cold start and its slot
; scan that boots a Disk II, BRK, the title and OLDRST.  Include file.
.scope

; RESET ($FA62): a known machine state and a beep, then either the warm
; start vector (the program that set SOFTEV and PWREDUP asked for it) or a
; cold start.  The stack pointer is left where it was, as on the II+.
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

; PWRUP ($FAA6): a cold start: soft vectors, banner, then boot a disk or
; enter the monitor.
pwrup:  ldx #_vectors_end - _vectors - 1
_copy:  lda _vectors,x
        sta BRKV,x
        dex
        bpl _copy
        jsr setpwrc             ; the power-up byte that marks SOFTEV valid
        jsr home
        lda #<_banner
        ldy #>_banner
        jsr prmsg
        jsr bootscan            ; does not return if a disk card is found
nodisk: lda #<_nodisk
        ldy #>_nodisk
        jsr prmsg
        jmp mon

; BOOTSCAN: from slot 7 down to 1, look for a Disk II controller by the
; signature its boot ROM is documented to carry ($Cn01 = $20, $Cn03 = $00,
; $Cn05 = $03, $Cn07 = $3C) and jump to $Cn00 if there is one, with LOC0/LOC1
; pointing there and MSLOT ($07F8) = $Cn.  Returns if there is none.
bootscan:
        lda #0
        sta LOC0
        lda #$C8
        sta LOC1
scannext:
        dec LOC1
        lda LOC1
        cmp #$C0
        beq _none
        sta MSLOT
        ldx #3
_byte:  ldy _sigpos,x
        lda (LOC0),y
        cmp _sigval,x
        bne scannext
        dex
        bpl _byte
        jmp (LOC0)              ; found: boot it
_none:  rts
_sigpos: .byte $01, $03, $05, $07
_sigval: .byte $20, $00, $03, $3C

; SLOOP ($FABA): a card's boot code that finds no disk jumps here with
; LOC0 = 0 and LOC1 = its own $Cn; the scan goes on with the slot below.
sloop:  jsr scannext
        jmp nodisk

; The soft vectors $03F0-$03FF at a cold start: BRK goes to OLDBRK (show
; the registers, enter the monitor); Ctrl-Reset returns to the monitor;
; "&" and Ctrl-Y go to the monitor until a program hooks them; NMI and IRQ
; return at once.
_vectors:
        .word oldbrk            ; BRKV ($FA59)
        .word monz              ; SOFTEV ($FF69)
        .byte 0                 ; PWREDUP (set by SETPWRC)
        jmp mon                 ; AMPERV
        jmp mon                 ; USRADR
        jmp nmiret              ; NMIV
        .word irqret            ; IRQLOC
_vectors_end:

_banner: .byte "APPLE2 PY FIRMWARE", 13
         .byte "CTRL-B OR 6 CTRL-P BOOTS A DISK", 13
         .byte "(THE HOMEBREW MENU LIVES ON A DISK)", 13, 0
_nodisk: .byte "NO DISK CARD: MONITOR", 0

; APPLEII ($FB60): clear the window and put the machine's title in the
; middle of the top line; the cursor stays at the top left.  Y = 0.
appleii:
        jsr home
        ldy #_title_end - _title
_char:  lda _title-1,y
        ora #$80
        sta $0400+[40-[_title_end-_title]]/2-1,y
        dey
        bne _char
        rts
_title: .byte "APPLE2 PY FIRMWARE"
_title_end:

; The default IRQ handler: A back from A5H, return.
irqret: lda A5H
nmiret: rti

; BREAK ($FA4C), after IRQ found the B flag: the registers to A5H..SPNT as
; IOSAVE saves them (A is already in A5H; P is the one the BRK pushed), the
; PC the BRK pushed (its own address + 2) to PCL/PCH, the BRK's three bytes
; off the stack, decimal mode off, then through BRKV.
break:  plp
        jsr sav1
        pla
        sta PCL
        pla
        sta PCH
        jmp (BRKV)

; OLDBRK ($FA59), the default BRKV: "PC-" on a line, the registers, the
; monitor (with a beep).
showbrk:
        jsr insds1
        jsr rgdsp1
        jmp mon

; OLDRST ($FF59): the I/O as RESET sets it, then the monitor.
oldrst: jsr setnorm
        jsr init
        jsr setvid
        jsr setkbd
        jmp mon
.scend
