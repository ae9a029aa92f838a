; sound.s - the speaker ($C030: every access moves the cone), and the
; register save area used by IRQ handlers and the monitor.  Include file.
.scope

; BELL: a bell character through COUT, so output hooks see it too.
bell:   lda #$87
        jmp COUT

; BELL2 (BELL1 and BELL1.2 are in entries.s): Y half-waves on the speaker,
; each 544 cycles (WAIT(12) and the loop): about 940 Hz.  Ends with Y = 0;
; X is kept.
bell2:  lda #12
        jsr WAIT
        lda SPKR
        dey
        bne bell2
        rts

; IOSAVE (A to A5H, in entries.s), then SAV1: X, Y, P, S to XREG, YREG,
; STATUS, SPNT, then binary mode.  Ends with A = P and X = S (as saved).
sav1:   stx XREG
        sty YREG
        php                     ; the caller's flags: the stores kept them
        pla
        sta STATUS
        tsx                     ; S as the caller's JSR left it
        stx SPNT
        cld
        rts

; IOREST: A, X, Y and P back from the save area.
iorest: ldx XREG
        ldy YREG
        lda STATUS
        pha
        lda A5H
        plp                     ; last: the loads above would change N and Z
        rts
.scend
