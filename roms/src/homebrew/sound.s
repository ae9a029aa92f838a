; sound.s - speaker tones by toggling $C030.
;
; An include file (no build header).  Each access to $C030 flips the speaker
; cone once; a steady rate of flips is a tone.  The pitch is set by the wait
; between flips, the length by how many there are.

.alias SPKR     $c030
.alias WAVE     $57             ; tone: the wait between flips

; tone: Y flips of the speaker, each followed by a wait of about 5 * X cycles
; (X = 100: about 1 kHz).  Uses A, X, Y.
tone:
.scope
        stx WAVE
_flip:  lda SPKR
        ldx WAVE
_wait:  dex
        bne _wait
        dey
        bne _flip
        rts
.scend
