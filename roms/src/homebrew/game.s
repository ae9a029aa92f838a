; game.s - what the two snake games share: the wait for the first key, a
; step's wait and its one turn, the cell ahead, eating (score, growth,
; speed), the high score, the wait for another game, the random numbers.
;
; An include file (no build header) of snake.s and snake80.s.  The program
; names its zero page (TURNED, STEP, POLLS, DIR, HEAD, TAIL, GROW, SCORE),
; its rules (GROWTH, FAST, MAXLEN), its direction keys (keys and dirs, NKEYS
; of them), its ring (NEWX, NEWY, HEADX, HEADY, PX, PY), and has newgame,
; escape (Esc: back to the menu), status (the score line), getkey and, from
; sound.s, tone.

; firstkey: wait for the first direction key, stepping the random generator
; meanwhile, so that where the food appears depends on when it comes.
firstkey:
.scope
        lda #0                  ; (TURNED may be left over from the last game)
        sta TURNED
_wait:  jsr random
        jsr getkey
        beq _wait
        jsr steer
        lda TURNED
        beq _wait               ; not a direction key (or the way back): wait on
        rts
.scend

; pause: wait one step, taking at most one turn from the keyboard.
pause:
.scope
        lda #0
        sta TURNED
        lda STEP
        sta POLLS
_poll:  lda TURNED
        bne _idle               ; turned already: leave later keys in the latch
        jsr getkey
        beq _idle
        jsr steer
_idle:  ldx #205                ; about 1,025 cycles
_wait:  dex
        bne _wait
        dec POLLS
        bne _poll
        rts
.scend

; steer: act on key A: a direction key turns the snake (never straight back),
; Esc leaves for the menu, anything else is ignored.  Sets TURNED on a turn.
steer:
.scope
        cmp #$9b                ; Esc
        bne _find
        jmp escape
_find:  ldx #NKEYS - 1
_look:  cmp keys,x
        beq _found
        dex
        bpl _look
        rts
_found: lda dirs,x
        tay
        eor DIR
        cmp #2                  ; directions 0-2 and 1-3 are opposites
        beq _no
        sty DIR
        inc TURNED
_no:    rts
.scend

; ahead: NEWX, NEWY (and PX, PY) = the cell the head goes to next.
ahead:  ldx DIR
        lda HEADX
        clc
        adc dx,x
        sta NEWX
        sta PX
        lda HEADY
        clc
        adc dy,x
        sta NEWY
        sta PY
        rts
dx:     .byte 0, 1, 0, $ff      ; up, right, down, left
dy:     .byte $ff, 0, 1, 0

; replay: after a game, Space or Return plays again, Esc leaves; other keys
; are ignored (and the random generator goes on).
replay:
.scope
_wait:  jsr random
        jsr getkey
        beq _wait
        cmp #$a0                ; Space
        beq _again
        cmp #$8d                ; Return
        beq _again
        cmp #$9b                ; Esc
        bne _wait
        jmp escape
_again: jmp newgame
.scend

; eat: score a point, grow, speed up, beep.
eat:
.scope
        lda STEP                ; a little faster each time
        cmp #FAST+1
        bcc _fast
        sbc #2                  ; (carry set)
        sta STEP
_fast:
        sed                     ; the score is BCD: +1 in decimal
        lda SCORE
        clc
        adc #1
        sta SCORE
        lda SCORE+1
        adc #0
        sta SCORE+1
        cld
        lda HEAD                ; grow, unless the ring is nearly full
        sec
        sbc TAIL
        cmp #MAXLEN
        bcs _beep
        lda GROW
        clc
        adc #GROWTH
        sta GROW
_beep:  jsr status
        ldx #40                 ; a short high beep (about 2.4 kHz)
        ldy #60
        jmp tone
.scend

; lost: the crash's buzz (about 390 Hz for about 0.15 s), the high score
; kept, the score line shown.
lost:   ldx #0
        ldy #120
        jsr tone
        jsr newhigh
        jmp status

; newhigh: the score becomes the high score if it is higher.
newhigh:
.scope
        lda SCORE+1
        cmp hiscore+1
        bcc _done
        bne _high
        lda SCORE
        cmp hiscore
        bcc _done
_high:  lda SCORE
        sta hiscore
        lda SCORE+1
        sta hiscore+1
_done:  rts
.scend

; random: A = the next pseudo-random byte.  A 16-bit Galois LFSR (taps $B400:
; every nonzero state comes round once in 65,535 steps), shifted eight times
; so that consecutive bytes are not just shifted copies.  Uses A, X.
random:
.scope
        ldx #8
_bit:   lsr seed+1
        ror seed
        bcc _next
        lda seed+1
        eor #$b4
        sta seed+1
_next:  dex
        bne _bit
        lda seed
        rts
.scend

; Kept in the program, not the zero page, so they survive trips to the menu.
seed:    .word $ace1            ; any nonzero start
hiscore: .word 0                ; BCD
