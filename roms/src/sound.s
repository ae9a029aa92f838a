; sound.s - the speaker ($C030: every access moves the cone), and the
; register save area used by IRQ handlers and the monitor.  Include file.
.scope

; BELL: a bell character through COUT, so output hooks see it too.
bell:   lda #$87
        jmp COUT

; BELL1: a beep of about 1 kHz for a tenth of a second: 200 half-periods of
; WAIT(11) = 464 cycles plus 11 of loop.  X is kept.
bell1:  ldy #200
_half:  lda #11
        jsr WAIT
        lda SPKR
        dey
        bne _half
        rts

; IOSAVE: A, X, Y, P, S to A5H, XREG, YREG, STATUS, SPNT, then binary mode.
iosave: php                     ; P first, before anything changes it
        sta A5H
        stx XREG
        sty YREG
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
