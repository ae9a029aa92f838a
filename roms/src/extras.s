; extras.s - $D000-$F7FF: our name, the extras the monitor calls when it
; finds that name here, and BASIC's entries.  Include file.
;
; None of the monitor's documented routines needs anything here.  The
; monitor ($F800-$FFFF) calls an extra only after OURS (reset.s) has found
; our name at $D000: a program that copies the monitor into the language
; card and keeps its own code in $D000-$F7FF, or an Apple II with this
; F8 ROM alone, simply goes without them.

; Who we are, for emu.rom and for the monitor's OURS.
        .byte "APPLE2 PY FIRMWARE", 0

; The extras, at fixed addresses (zp.s names them).
        .advance XBANNER, $00
        jmp banner              ; XBANNER ($D013): the cold start's help

; BANNER: below the title, how to boot a disk, and whether there is a disk
; card to boot (the scan SLOOP makes next, without booting).
banner: lda #<_help
        ldy #>_help
        jsr prmsg
        lda #0
        sta LOC0
        lda #$C8
        sta LOC1
_slot:  dec LOC1
        lda LOC1
        cmp #$C0
        beq _none
        ldy #7
_sig:   lda (LOC0),y
        cmp sigtab,y
        bne _slot
        dey
        dey
        bpl _sig
        rts                     ; a Disk II card: the cold start boots it
_none:  lda #<_nodisk
        ldy #>_nodisk
; PRMSG: the zero-terminated ASCII string at A (low), Y (high), through COUT.
prmsg:  sta A4L
        sty A4H
        ldy #0
_next:  lda (A4L),y
        beq _end
        ora #$80
        jsr cout
        iny
        bne _next
_end:   rts
_help:  .byte "CTRL-B OR 6 CTRL-P BOOTS A DISK", 13
        .byte "(THE HOMEBREW MENU LIVES ON A DISK)", 13, 0
_nodisk: .byte "NO DISK CARD: MONITOR", 0

; Language-card tests (a2audit among them) tell ROM from card RAM by reading
; $D17B, which holds $53 in every Apple II ROM they know, and $FE1F (an RTS,
; IDROUTINE).  One data byte, so that they see ROM where ROM should be.
        .advance $D17B, $00
        .byte $53

; No BASIC here, but programs (and DOS) that start or return to BASIC jump
; to its cold and warm entries, $E000 and $E003: they reach the monitor.
        .advance $E000, $00
        jmp monz                ; BASIC cold start
        jmp monz                ; BASIC warm start
