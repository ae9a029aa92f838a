; keyboard.s - keyboard input: RDKEY through the input hook KSW, KEYIN,
; GETLN (the line editor), the I/O hooks, and the paddles.  Include file.
.scope

; RDKEY: show a flashing cursor and read a key through KSW.  As documented,
; the input routine is entered with A = the character under the cursor and
; Y = CH, and puts that character back before it returns.
rdkey:  ldy CH
        lda (BASL),y
        pha
        and #$3F                ; the same character, flashing: the cursor
        ora #$40
        sta (BASL),y
        pla
        jmp (KSWL)

; KEYIN: wait for a key, counting RNDL/RNDH up meanwhile (a seed for
; random numbers: how long the user took), then restore the cell under the
; cursor, take the key off the keyboard and return it with bit 7 set.
keywait: inc RNDL
        bne +
        inc RNDH
*       bit KBD
        bpl keywait
        sta (BASL),y
        lda KBD
        bit KBDSTRB
        rts

; RDCHAR: the next key, after any escape sequences, which move the cursor
; as documented for the II+: ESC then "@" home and clear, "A"/"B"/"C"/"D"
; right/left/down/up once, "E" clear to the end of the line, "F" to the end
; of the window; "I"/"J"/"K"/"M" up/left/right/down, repeatedly, until any
; other key, which only ends the escape (a space, say, is not typed).  X is
; kept (GETLN keeps its place in the line there).
rdchar: jsr rdkey
        cmp #$9B                ; ESC
        bne _got
_esc:   jsr rdkey
        ldy #_esclo - _esckey - 1   ; the number of escape keys - 1
_find:  cmp _esckey,y
        beq _do
        dey
        bpl _find
        bmi rdchar              ; not an escape command: read on
_do:    tya
        pha
        jsr _action
        pla
        cmp #_repeat
        bcs _esc                ; I, J, K, M: still in escape mode
        bcc rdchar
_got:   rts
_action: lda _eschi,y           ; call the action: its RTS returns to _do
        pha
        lda _esclo,y
        pha
        rts

;                @    A    B    C    D    E    F    I    J    K    M
_esckey: .byte $C0, $C1, $C2, $C3, $C4, $C5, $C6, $C9, $CA, $CB, $CD
_esclo: .byte <[home-1], <[advance-1], <[bs-1], <[lf-1], <[up-1], <[clreol-1]
        .byte <[clreop-1], <[up-1], <[bs-1], <[advance-1], <[lf-1]
_eschi: .byte >[home-1], >[advance-1], >[bs-1], >[lf-1], >[up-1], >[clreol-1]
        .byte >[clreop-1], >[up-1], >[bs-1], >[advance-1], >[lf-1]
.alias _repeat 7                ; the index of the first repeating one

; GETLN1: read a line into IN ($0200), echoing it, without a prompt.
; Returns X = its length; IN,X holds the final Return.  Left arrow (Ctrl-H)
; takes back a character, right arrow (Ctrl-U) copies the one under the
; cursor, Ctrl-X cancels the line ("\" and a fresh prompt).
getln1: ldx #0
_key:   jsr rdchar
        cmp #$88
        beq _back
        cmp #$98
        beq _cancel
        cmp #$95
        bne _keep
        ldy CH                  ; right arrow: the character on the screen
        lda (BASL),y
        and #$3F                ; screen code -> ASCII with bit 7 set
        cmp #$20
        bcs +
        ora #$40
*       ora #$80
_keep:  sta IN,x
        cmp #$8D
        beq _end
        jsr COUT
        inx
        beq _cancel             ; 256 characters: more than the buffer holds
        cpx #$F8
        bcc _key
        jsr bell                ; nearly full: warn
        jmp _key
_back:  txa
        beq _key                ; nothing to take back
        dex
        lda #$88
        jsr COUT
        jmp _key
_cancel: lda #$DC               ; "\"
        jsr COUT
        jsr crout
        lda PROMPT
        jsr COUT
        jmp getln1
_end:   jsr clreol              ; the rest of the line may hold old text
        jmp crout

; SETKBD/INPORT: input from the keyboard (A = 0) or the card in slot A.
; SETVID/OUTPORT: output to the screen (A = 0) or the card in slot A.  As
; on the II+, the slot number is kept in A2L, and they end with X = the hook
; ($38 or $36), Y and A = the low and high byte stored in it.
inport: sta A2L
        ldx #KSWL
        ldy #<KEYIN
        bne ioprt               ; always
outport: sta A2L
        ldx #CSWL
        ldy #<COUT1
ioprt:  lda A2L
        and #$0F
        beq _rom
        ora #$C0                ; $Cn00: the card's own routine
        ldy #0
        beq _set                ; always
_rom:   lda #>COUT1             ; KEYIN and COUT1 share page $FD
_set:   sty LOC0,x
        sta LOC1,x
        rts

; PREAD (after its first instruction, LDA PTRIG, at $FB1E): Y = position of
; paddle X, 0-255: count while the paddle's timer output is high.  Each
; count takes 11 cycles, the 556 timer's rate per unit.
pread:  ldy #0
        nop
        nop
_count: lda PADDL0,x
        bpl _done
        iny
        bne _count
        dey                     ; 255 at most
_done:  rts
.scend
