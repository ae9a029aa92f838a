; echo.s - take every key from the keyboard and store it in order.
;
; Written for this project's tests (tests/test_machine.py); assemble with ophis.
; Load at $0C00 and start there.  Waits for a key ($C000 bit 7), clears the
; strobe ($C010), appends the key (bit 7 set, as read) at PTR, which starts at
; $4000, and counts keys in COUNT.  Runs forever.

.alias PTR      $06             ; where the next key goes
.alias COUNT    $08             ; keys taken, 16-bit

.org $0C00

start:  lda #$00
        sta PTR
        sta COUNT
        sta COUNT+1
        lda #$40
        sta PTR+1
        ldy #0
wait:   lda $c000               ; a key waiting?
        bpl wait
        sta $c010               ; take it
        sta (PTR),y
        inc PTR
        bne tally
        inc PTR+1
tally:  inc COUNT
        bne wait
        inc COUNT+1
        jmp wait
