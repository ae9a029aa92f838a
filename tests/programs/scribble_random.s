; scribble_random.s - the LFSR step of scribble.s and scribble80.s.

; random: step the LFSR once; A = its new low byte.
random: lsr SEED+1
        ror SEED
        bcc done
        lda SEED+1
        eor #$b4
        sta SEED+1
done:   lda SEED
        rts
