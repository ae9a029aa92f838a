; build: roms/homebrew_snake80.bin
;
; snake80.s - the snake game in 80 columns, for a 128K Apple IIe.
;
; Load at $1A00 (SNAKE80 in map.s) and start there; the menu does so only on
; a IIe (its $FBB3 is $06).  The field is the 80-column text screen: a wall
; round rows 1-22, the score on row 0, the keys on row 23.  Steer with I J K L
; (either case) or the arrows; eat the "*" to score, grow and go faster;
; the wall or yourself ends the game.  Space or Return plays again, Esc goes
; back to the menu (in 40 columns again).
;
; What it needs of a IIe's auxiliary memory (Apple IIe Technical Reference
; Manual, ch. 2 and 4):
; * the 80-column screen: column c of a row is the byte at the row's address
;   + c/2, in aux memory for an even c; with 80STORE on, PAGE2 ($C055) hands
;   the CPU the aux half of $0400-$07FF and $C054 the main half;
; * the snake's body: a ring of 256 cells (columns at $0800, rows at $0900)
;   kept in aux memory and reached with RAMWRT (writes) and RAMRD (reads).
;   With RAMRD on, the CPU fetches its instructions from aux memory too, so
;   the program first copies itself there, to the same addresses.
; Like the other homebrew programs it calls no ROM routine; lower case shows
; with the alternate character set, which it turns on.  NMOS 6502.

.include "map.s"

; The IIe's switches (writes), TRM table 4-5
.alias CLR80STORE $c000
.alias SET80STORE $c001
.alias RDMAINRAM $c002
.alias RDCARDRAM $c003
.alias WRMAINRAM $c004
.alias WRCARDRAM $c005
.alias CLR80VID $c00c
.alias SET80VID $c00d
.alias CLRALTCHAR $c00e
.alias SETALTCHAR $c00f
.alias TXTPAGE1 $c054
.alias TXTPAGE2 $c055

.alias RINGX    $0800           ; in aux memory: the body's columns...
.alias RINGY    $0900           ; ...and rows

; screen bytes
.alias BLANK    $a0
.alias WALLC    $20             ; an inverse space: a block
.alias BODYC    $ef             ; "o"
.alias HEADC    $c0             ; "@"
.alias FOODC    $aa             ; "*"

.alias GROWTH   3               ; cells gained per food
.alias SLOW     60              ; key polls per step at the start (about 1,040 cycles each)
.alias FAST     30              ; ...two fewer per food, down to this
.alias MAXLEN   250             ; the ring holds 256 cells: stop growing here

; zero page: $50-$56 its text routines', $57 sound.s's, $60-$7F the game's
; (the same places as snake.s's; the tests read HEADX-STEP)
.alias DST      $50             ; the text row being written (2 bytes)
.alias CX       $52             ; the column 0-79
.alias MASK     $53             ; $FF normal, $3F inverse
.alias SRC      $54             ; print's string (2 bytes)
.alias PX       $60             ; a cell: the column 0-79
.alias PY       $61             ;   and the row 0-23
.alias PTR      $63             ; its row's address (2 bytes)
.alias HEADX    $66
.alias HEADY    $67
.alias DIR      $68             ; 0 up, 1 right, 2 down, 3 left
.alias HEAD     $69             ; ring index of the head...
.alias TAIL     $6a             ; ...and of the tail
.alias GROW     $6b             ; cells still to grow
.alias SCORE    $6c             ; BCD, low byte first (2 bytes)
.alias FOODX    $6e
.alias FOODY    $6f
.alias NEWX     $70
.alias NEWY     $71
.alias POLLS    $72
.alias TURNED   $73
.alias STEP     $74

.org SNAKE80

start:  cld
        ldx #$ff
        txs
; This program into aux memory, at the same addresses.
.scope
        lda #<SNAKE80
        sta PTR
        lda #>SNAKE80
        sta PTR+1
        ldy #0
        sta WRCARDRAM           ; writes to aux memory; reads (and code) from main
_copy:  lda (PTR),y
        sta (PTR),y
        iny
        bne _copy
        inc PTR+1
        lda PTR+1
        cmp #>[ENDPAGE + 255]   ; up to the last page it uses
        bcc _copy
        sta WRMAINRAM
.scend
        sta $c051               ; text, page 1
        sta TXTPAGE1
        sta SET80STORE          ; PAGE2 now picks main or aux text memory
        sta SET80VID            ; 80 columns
        sta SETALTCHAR          ; lower case and inverse lower case

; --- a new game -----------------------------------------------------------------
newgame:
.scope
        jsr clear
        jsr walls
        lda #$ff
        sta MASK
        jsr print
        .byte 23, 1, "I J K L or the arrows steer", 0
        jsr print
        .byte 23, 66, "Esc: the menu", 0
        jsr newsnake
        lda #SLOW
        sta STEP
        lda #0
        sta SCORE
        sta SCORE+1
        jsr status
        jsr print
        .byte 0, 50, "Press a direction key", 0
        jsr firstkey            ; (it stirs the random generator meanwhile)
        jsr print
        .byte 0, 50, "                     ", 0
        jsr newfood
.scend

play:   jsr pause
        jsr move
        jmp play

; I i up, L l right, K k down, J j left, and the arrows
keys:   .byte $c9, $e9, $8b, $cc, $ec, $95, $cb, $eb, $8a, $ca, $ea, $88
dirs:   .byte 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3
.alias NKEYS    12

; escape: 40 columns again, the primary character set, then the menu.
escape: sta CLR80VID
        sta CLR80STORE
        sta CLRALTCHAR
        jmp MENU

; move: one step: eat, crash or just move.
move:
.scope
        jsr ahead
        jsr get80
        cmp #FOODC
        beq _eat
        cmp #BLANK
        beq _go
        jmp crash
_eat:   jsr eat
_go:    lda HEADX               ; the old head becomes body
        sta PX
        lda HEADY
        sta PY
        lda #BODYC
        jsr put80
        lda NEWX
        sta HEADX
        sta PX
        lda NEWY
        sta HEADY
        sta PY
        lda #HEADC
        jsr put80
        inc HEAD                ; the new head into the ring, in aux memory
        ldx HEAD
        sta WRCARDRAM
        lda HEADX
        sta RINGX,x
        lda HEADY
        sta RINGY,x
        sta WRMAINRAM
        lda GROW
        beq _tail
        dec GROW
        jmp _fed
_tail:  ldx TAIL                ; the tail cell from the ring (aux memory): blank
        sta RDCARDRAM           ; (the next instructions come from aux: the copy)
        lda RINGX,x
        sta PX
        lda RINGY,x
        sta PY
        sta RDMAINRAM
        lda #BLANK
        jsr put80
        inc TAIL
_fed:   lda FOODX
        cmp HEADX
        bne _done
        lda FOODY
        cmp HEADY
        bne _done
        jsr newfood
_done:  rts
.scend

; crash: a buzz, the high score kept, another game offered.
crash:
.scope
        jsr lost
        lda #$3f
        sta MASK
        jsr print
        .byte 0, 50, " GAME OVER ", 0
        lda #$ff
        sta MASK
        jsr print
        .byte 23, 1, "Space: play again          ", 0
        jmp replay
.scend

; --- the screen --------------------------------------------------------------------

; row: PTR = the address of text row PY.  Y = PX / 2, carry set for an odd
; (main memory) column.
row:    ldx PY
        lda rowlo,x
        sta PTR
        lda rowhi,x
        sta PTR+1
        lda PX
        lsr
        tay
        rts

; put80: A on the screen at PX, PY.  get80: A from there.  Use A, X, Y.
put80:
.scope
        pha
        jsr row
        pla
        bcs _main
        bit TXTPAGE2            ; an even column: aux memory
        sta (PTR),y
        bit TXTPAGE1
        rts
_main:  sta (PTR),y
        rts
.scend
get80:
.scope
        jsr row
        bcs _main
        bit TXTPAGE2
        lda (PTR),y
        bit TXTPAGE1
        rts
_main:  lda (PTR),y
        rts
.scend

; clear: every row blank, in both halves (the 40 visible bytes of each).
clear:
.scope
        ldx #23
_row:   lda rowlo,x
        sta PTR
        lda rowhi,x
        sta PTR+1
        lda #BLANK
        ldy #39
_col:   sta (PTR),y
        bit TXTPAGE2
        sta (PTR),y
        bit TXTPAGE1
        dey
        bpl _col
        dex
        bpl _row
        rts
.scend

; walls: rows 1 and 22 and columns 0 and 79 between them.
walls:
.scope
        ldx #79
_across: stx PX
        lda #1
        sta PY
        lda #WALLC
        jsr put80
        lda #22
        sta PY
        lda #WALLC
        jsr put80
        ldx PX
        dex
        bpl _across
        lda #21
        sta PY
_down:  lda #0
        sta PX
        lda #WALLC
        jsr put80
        lda #79
        sta PX
        lda #WALLC
        jsr put80
        dec PY
        lda PY
        cmp #2
        bcs _down
        rts
.scend

; newsnake: four cells on row 11, columns 36-39, heading right.
newsnake:
.scope
        lda #1
        sta DIR
        lda #0
        sta GROW
        sta TAIL
        lda #11
        sta PY
        ldx #0
_cell:  txa
        clc
        adc #36
        sta PX
        sta WRCARDRAM
        sta RINGX,x
        lda #11
        sta RINGY,x
        sta WRMAINRAM
        txa
        pha
        lda #BODYC
        jsr put80
        pla
        tax
        inx
        cpx #4
        bne _cell
        dex
        stx HEAD
        lda #39
        sta HEADX
        sta PX
        lda #11
        sta HEADY
        lda #HEADC
        jmp put80
.scend

; newfood: food on a free cell inside the walls (columns 1-78, rows 2-21).
newfood:
.scope
_x:     jsr random
        and #$7f
        cmp #78
        bcs _x
        adc #1
        sta PX
_y:     jsr random
        and #$1f
        cmp #20
        bcs _y
        adc #2
        sta PY
        jsr get80
        cmp #BLANK
        bne newfood
        lda PX
        sta FOODX
        lda PY
        sta FOODY
        lda #FOODC
        jmp put80
.scend

; status: row 0.
status: lda #$ff
        sta MASK
        jsr print
        .byte 0, 1, "Snake in 80 columns     Score ", 0
        lda SCORE+1
        jsr putbcd
        lda SCORE
        jsr putbcd
        jsr print
        .byte 0, 39, "High ", 0
        lda hiscore+1
        jsr putbcd
        lda hiscore
        jmp putbcd

; --- text in 80 columns -------------------------------------------------------------

; print: the string after the JSR (.byte ROW, COLUMN, "TEXT", 0), in 80
; columns, through MASK.  Returns past it.
print:
.scope
        pla
        sta SRC
        pla
        sta SRC+1
        jsr _next
        tax
        lda rowlo,x
        sta DST
        lda rowhi,x
        sta DST+1
        jsr _next
        sta CX
_char:  jsr _next
        beq _end
        jsr putc
        jmp _char
_end:   lda SRC+1
        pha
        lda SRC
        pha
        rts
_next:  inc SRC
        bne +
        inc SRC+1
*       ldy #0
        lda (SRC),y
        rts
.scend

; putc: the ASCII character A at column CX of row DST, then CX on.
putc:
.scope
        ora #$80
        and MASK
        pha
        lda CX
        lsr
        tay
        pla
        bcs _main
        bit TXTPAGE2
        sta (DST),y
        bit TXTPAGE1
        inc CX
        rts
_main:  sta (DST),y
        inc CX
        rts
.scend

; putbcd: the BCD byte A as two digits.
putbcd: pha
        lsr
        lsr
        lsr
        lsr
        ora #$30
        jsr putc
        pla
        and #$0f
        ora #$30
        jmp putc

; getkey: A = the waiting key (bit 7 set, N set, strobe cleared), or A = 0, Z set.
getkey:
.scope
        lda $c000
        bpl _none
        sta $c010
        rts
_none:  lda #0
        rts
.scend

.include "game.s"
.include "sound.s"
.include "rows.s"

ENDPAGE:
.checkpc SNAKE80END             ; it must end below hi-res page 1
