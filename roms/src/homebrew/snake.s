; build: roms/homebrew_snake.bin
;
; snake.s - a lo-res snake game with a score, sound and a game-over screen.
;
; Load at $0C00 (SNAKE in map.s) and start there.  Lo-res, mixed mode: the
; field is the 40 x 40 blocks above, the score and messages are the four text
; lines below.  Steer with I (up), J (left), K (down), L (right) or the arrow
; keys; eat the magenta food to score a point and grow three cells (and go a
; little faster); running into the grey wall or into yourself ends the game.
; Space or Return plays again, Esc goes back to the menu.  The speaker beeps
; on eating and buzzes on a crash.
;
; Deterministic: the food's places come from a pseudo-random generator that
; is stepped while the game waits for a key, so they depend only on when keys
; are pressed.  The game's speed is a delay loop (an Apple II+ has no vertical
; blank flag to wait for).  One turn is taken per step: a second key pressed
; within a step waits in the keyboard latch for the next one, so quick
; "up, left" sequences are not lost.
; Self-contained: own screen, keyboard and speaker code, NMOS 6502.

.include "map.s"

; lo-res colours
.alias BLACK    0
.alias FOOD     1               ; magenta: the reddest lo-res colour
.alias WALL     10              ; grey
.alias BODY     12              ; light green
.alias HEADC    13              ; yellow

.alias GROWTH   3               ; cells gained per food
.alias SLOW     80              ; key polls per step at the start (about 1,040
                                ;   cycles each: 5 frames a step)...
.alias FAST     40              ; ...two fewer per food, down to this
.alias MAXLEN   250             ; the body ring holds 256 cells: stop growing here

; zero page ($60-$7F: this program's).  The tests read HEADX-FOODY.
.alias PX       $60             ; plot/scrn: the block's column 0-39
.alias PY       $61             ;   and row 0-39
.alias COLOUR   $62             ; plot: the colour 0-15
.alias PTR      $63             ; the screen byte's row (2 bytes)
.alias TMP      $65
.alias HEADX    $66             ; where the head is
.alias HEADY    $67
.alias DIR      $68             ; 0 up, 1 right, 2 down, 3 left
.alias HEAD     $69             ; ring index of the head...
.alias TAIL     $6a             ; ...and of the tail
.alias GROW     $6b             ; cells still to grow
.alias SCORE    $6c             ; BCD, low byte first (2 bytes)
.alias FOODX    $6e             ; where the food is
.alias FOODY    $6f
.alias NEWX     $70             ; where the head goes next
.alias NEWY     $71
.alias POLLS    $72             ; key polls left in this step
.alias TURNED   $73             ; nonzero once this step's turn is taken
.alias STEP     $74             ; key polls per step: the game's speed

.org SNAKE

start:  cld
        ldx #$ff
        txs
        sta $c050               ; graphics
        sta $c053               ; mixed: four text lines at the bottom
        sta $c054               ; page 1
        sta $c056               ; lo-res
        lda #$ff
        sta MASK

; --- a new game -----------------------------------------------------------------
newgame:
.scope
        lda #BLACK              ; clear the field (text rows 0-19)...
        ldx #0
        ldy #20
        jsr fillrows
        lda #$a0                ; ...and the text lines
        ldx #20
        ldy #24
        jsr fillrows
        jsr walls
        jsr newsnake
        lda #SLOW
        sta STEP
        lda #0
        sta SCORE
        sta SCORE+1
        jsr status
        jsr print
        .byte 22, 0, "I J K L OR ARROWS STEER      ESC: MENU", 0
        jsr print
        .byte 23, 0, "PRESS A DIRECTION KEY TO START", 0

; Wait for the first direction, stepping the random generator meanwhile, so
; that where the food appears depends on how long the player waited.
        lda #0                  ; (TURNED may be left over from the last game)
        sta TURNED
_wait:  jsr random
        jsr getkey
        beq _wait
        jsr steer
        lda TURNED
        beq _wait               ; not a direction key (or the way back): wait on
        lda #$a0                ; clear the "press a key" line
        ldx #23
        ldy #24
        jsr fillrows
        jsr newfood
.scend

; --- the game loop ------------------------------------------------------------------
play:   jsr pause
        jsr move
        jmp play

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
        jmp MENU
_find:  ldx #7
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

keys:   .byte $c9, $8b, $cc, $95, $cb, $8a, $ca, $88    ; I or up arrow, L or right, K or down, J or left
dirs:   .byte 0, 0, 1, 1, 2, 2, 3, 3

; move: one step of the snake: eat, crash or just move.
move:
.scope
        ldx DIR
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
        jsr scrn                ; what is where the head is going?
        cmp #FOOD
        beq _eat
        cmp #BLACK
        beq _go
        jmp crash
_eat:   jsr eat
_go:    lda HEADX               ; the old head becomes body
        sta PX
        lda HEADY
        sta PY
        lda #BODY
        sta COLOUR
        jsr plot
        lda NEWX                ; the new head
        sta HEADX
        sta PX
        lda NEWY
        sta HEADY
        sta PY
        lda #HEADC
        sta COLOUR
        jsr plot
        inc HEAD                ; remember it in the body ring
        ldx HEAD
        lda HEADX
        sta BODYX,x
        lda HEADY
        sta BODYY,x
        lda GROW                ; growing: the tail stays where it is
        beq _tail
        dec GROW
        jmp _fed
_tail:  ldx TAIL                ; not growing: the tail cell goes black
        lda BODYX,x
        sta PX
        lda BODYY,x
        sta PY
        lda #BLACK
        sta COLOUR
        jsr plot
        inc TAIL
_fed:   lda FOODX               ; eaten (food cell now the head)? a new one
        cmp HEADX
        bne _done
        lda FOODY
        cmp HEADY
        bne _done
        jsr newfood
_done:  rts
.scend

dx:     .byte 0, 1, 0, $ff      ; up, right, down, left
dy:     .byte $ff, 0, 1, 0

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

; crash: buzz, keep the high score, offer another game.
crash:
.scope
        ldx #0                  ; a low buzz (about 390 Hz) for about 0.15 s
        ldy #120
        jsr tone
        lda SCORE+1             ; a new high score?
        cmp hiscore+1
        bcc _show
        bne _high
        lda SCORE
        cmp hiscore
        bcc _show
_high:  lda SCORE
        sta hiscore
        lda SCORE+1
        sta hiscore+1
_show:  jsr status
        lda #$3f
        sta MASK
        jsr print
        .byte 22, 0, "               GAME OVER                ", 0
        lda #$ff
        sta MASK
        jsr print
        .byte 23, 0, "SPACE: PLAY AGAIN             ESC: MENU", 0
_wait:  jsr random              ; (keeps stirring the generator)
        jsr getkey
        beq _wait
        cmp #$a0                ; space
        beq _again
        cmp #$8d                ; Return
        beq _again
        cmp #$9b                ; Esc
        bne _wait
        jmp MENU
_again: jmp newgame
.scend

; --- drawing -----------------------------------------------------------------------

; walls: a grey frame round the 40 x 40 field.
walls:
.scope
        lda #WALL
        sta COLOUR
        ldx #39
_side:  stx PX                  ; top and bottom rows...
        lda #0
        sta PY
        jsr plot1
        lda #39
        sta PY
        jsr plot1
        stx PY                  ; ...left and right columns
        lda #0
        sta PX
        jsr plot1
        lda #39
        sta PX
        jsr plot1
        ldx PY
        dex
        bpl _side
        rts
.scend

; plot1: plot, keeping X.
plot1:  txa
        pha
        jsr plot
        pla
        tax
        rts

; newsnake: four cells at row 20, columns 9-12, heading right.
newsnake:
.scope
        lda #1
        sta DIR
        lda #0
        sta GROW
        sta TAIL
        lda #BODY
        sta COLOUR
        lda #20
        sta PY
        ldx #0
_cell:  txa
        clc
        adc #9
        sta PX
        sta BODYX,x
        lda #20
        sta BODYY,x
        jsr plot1
        inx
        cpx #4
        bne _cell
        dex
        stx HEAD                ; ring entries 0-3, the head at 3
        lda #12
        sta HEADX
        lda #20
        sta HEADY
        lda #HEADC
        sta COLOUR
        jmp plot                ; PX, PY are still the head's
.scend

; newfood: food on a free random block inside the walls.
newfood:
.scope
_x:     jsr random
        and #$3f
        cmp #38
        bcs _x
        adc #1                  ; (carry clear) 1-38
        sta PX
_y:     jsr random
        and #$3f
        cmp #38
        bcs _y
        adc #1
        sta PY
        jsr scrn
        bne newfood             ; taken: try elsewhere
        lda PX
        sta FOODX
        lda PY
        sta FOODY
        lda #FOOD
        sta COLOUR
        jmp plot
.scend

; status: the score line, text row 20.
status: jsr print
        .byte 20, 1, "SNAKE       SCORE ", 0
        lda SCORE+1
        jsr putbcd
        lda SCORE
        jsr putbcd
        jsr print
        .byte 20, 27, "HIGH ", 0
        lda hiscore+1
        jsr putbcd
        lda hiscore
        jmp putbcd

; --- lo-res blocks -------------------------------------------------------------------

; cell: PTR = the row of block (PX, PY), Y = PX, carry set when PY is odd
; (the block is the byte's high nibble).  Two blocks share each text-row byte.
cell:   lda PY
        lsr
        tax
        lda rowlo,x
        sta PTR
        lda rowhi,x
        sta PTR+1
        ldy PX
        rts

; plot: block (PX, PY) in colour COLOUR.  Uses A, X, Y.
plot:
.scope
        jsr cell
        bcs _odd
        lda (PTR),y
        and #$f0
        ora COLOUR
        sta (PTR),y
        rts
_odd:   lda COLOUR
        asl
        asl
        asl
        asl
        sta TMP
        lda (PTR),y
        and #$0f
        ora TMP
        sta (PTR),y
        rts
.scend

; scrn: A = the colour of block (PX, PY), Z set if black.  Uses A, X, Y.
scrn:
.scope
        jsr cell
        lda (PTR),y
        bcs _odd
        and #$0f
        rts
_odd:   lsr
        lsr
        lsr
        lsr
        rts
.scend

; --- random numbers ------------------------------------------------------------------

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

.include "text.s"
.include "sound.s"
.include "rows.s"

.checkpc MUSIC                  ; the game must end before the music starts
