; keyboard.s - $FCCA-$FDEC: the end of the disassembler's INSDS2 and the
; operand's value (in the room the II+ gives its cassette reader), then
; keyboard input (RDKEY through the input hook KSW, KEYIN, RDCHAR's escape
; keys, GETLN the line editor), Returns and hexadecimal output.  Include
; file.

.scope
; INSDS2's end (disasm.s): LENGTH holds the class's mode, FORMAT the
; opcode; an opcode of op_xop has its own mode.  Then FORMAT = the mode
; and LENGTH = its operand's bytes.  Y (the name) is kept.
.advance $FCCA, $00
insds2b:
        ldx #OP_NX
        lda FORMAT
_xop:   cmp op_xop-1,x
        bne _nxop
        lda op_xmode-1,x
        sta LENGTH
        lda FORMAT
_nxop:  dex
        bne _xop
insds2c:
        ldx LENGTH
        stx FORMAT
        lda op_mode,x
        and #$03
        sta LENGTH
        rts

; The operand's value, for INSTDSP (disasm.s): a branch's target, else the
; one or two bytes after the opcode.
value:  ldy #1
        lda (PCL),y
        ldx FORMAT
        cpx #OP_REL
        bne _bytes
        sec
        jsr pcadj3              ; A, Y = PC + 1 + the offset
        tax
        inx                     ; + 1: the instruction after the branch
        bne +
        iny
*       jmp prntyx
_bytes: tax
        lda LENGTH
        lsr
        bcs _one
        iny
        lda (PCL),y
        tay
        jmp prntyx

; RDKEY ($FD0C): show a flashing cursor and read a key through KSW
; (KEYIN0, $FD18).  As documented, the input routine is entered with A =
; the character under the cursor and Y = CH, and puts it back.
        .advance $FD0C, $00
rdkey:  ldy CH
        lda (BASL),y
        pha
        and #$3F                ; the same character, flashing: the cursor
        ora #$40
        sta (BASL),y
        pla
keyin0: jmp (KSWL)

; KEYIN ($FD1B): wait for a key, counting RNDL/RNDH up meanwhile (a seed for
; random numbers: how long the user took), then put A back in the cursor's
; cell, take the key off the keyboard and return it (bit 7 set).  X kept.
keyin:  inc RNDL
        bne +
        inc RNDH
*       bit KBD
        bpl keyin
        sta (BASL),y
        lda KBD
        bit KBDSTRB
_rts:   rts
_one:   txa                     ; (the operand's value: one byte)
        jmp prbyte

; RDCHAR ($FD35): the next key, after any escape sequences, which move the
; cursor as documented for the II+: ESC then "@" home and clear, "A"/"B"/
; "C"/"D" right/left/down/up once, "E" clear to the end of the line, "F" to
; the end of the window; "I"/"J"/"K"/"M" up/left/right/down, again and
; again, until any other key, which only ends the escape.  X is kept.
        .advance $FD35, $00
rdchar: jsr rdkey
        cmp #$9B                ; ESC
        bne _rts
_esc:   jsr rdkey
        eor #$C0                ; "@" .. "M" -> 0 .. 13
        cmp #14
        bcs rdchar              ; not an escape key: read on
        tay
        pha
        jsr _act
        pla
        cmp #9                  ; I, J, K, M: still in escape mode
        bcc rdchar
        cmp #12                 ; (L is not one)
        bne _esc
        beq rdchar
_act:   lda #>escact            ; call the key's routine (screen.s): its RTS
        pha                     ; returns after the JSR _act
        lda escact,y
        pha
        rts
; What each part of an operand is (opmask: disasm.s).
opchar: .byte $A0, $A8, $A3, $A4, $AC, $D8, $A9, $AC, $D9   ; " (#$,X),Y"

; GETLNZ ($FD67): a Return, then GETLN ($FD6A): the prompt (PROMPT), then
; GETLN0 ($FD6C): A as the prompt, then GETLN1 ($FD6F): a line into IN
; ($0200), echoed.  Returns X = its length; IN,X holds the final Return.
; Left arrow (Ctrl-H) takes back a character, right arrow (Ctrl-U) copies
; the one under the cursor, Ctrl-X cancels the line ("\" and a new prompt).
        .advance $FD67, $00
getlnz: jsr crout
getln:  lda PROMPT
getln0: jsr cout
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
        jmp _right

; FRESHLN: a Return (CROUT1) only if the cursor is not at the start of a
; line, so that output begins on a line of its own.
freshln: lda CH
        beq _rts
; CROUT1 ($FD8B): blanks to the end of the line, then CROUT ($FD8E): a
; Return through COUT.  A = $8D; X is kept.
        .advance $FD8B, $00
crout1: jsr clreol
crout:  lda #$8D
        bne cout                ; always
; PRA1 ($FD92): a Return, A1 in hex and "-".  PRYX2 ($FD96): the same for
; Y (high) and X.  Both end with Y = 0, A = "-".
pra1:   ldy A1H
        ldx A1L
pryx2:  jsr crout
        jsr prntyx
        ldy #0
        lda #$AD                ; "-"
        bne cout                ; always

; GETLN1 goes on.  The screen code under the cursor as ASCII with bit 7 set:
; glyphs 0-31 are "@".."_", 32-63 " ".."?" (carry set, from CMP #$95).
_right: and #$3F
        eor #$20
        adc #$9F
_keep:  sta IN,x
        cmp #$8D
        beq crout1              ; the end: clear the rest of the line, Return
        jsr cout
        inx
        bne _key                ; (256 characters: more than IN holds)
_cancel: lda #$DC               ; "\"
        jsr cout
        jmp getlnz
_back:  txa
        beq _key                ; nothing to take back
        dex
        lda #$88
        jsr cout
        jmp _key

cmdlo:  .byte <[go-1], <[listz-1], <[mmode-1], <[mmode-1], <[read-1], <[mret-1]
        .byte <[outport+1], <[inport+1], <[mboot-1], <[mregs-1], <[muser-1]
        .byte <[setinv-1], <[setnorm-1], <[mdest-1], <[move-1], <[vfy-1]

; PRBYTE ($FDDA): A as two hex digits.  PRHEX ($FDE3): the low nibble of A.
; PRHEXZ ($FDE5): A = 0-15 as a digit.  X and Y are kept; A ends as the last
; character printed.
        .advance $FDDA, $00
prbyte: pha
        lsr
        lsr
        lsr
        lsr
        jsr prhexz
        pla
prhex:  and #$0F
prhexz: ora #$B0                ; "0"-"9" ...
        cmp #$BA
        bcc cout
        adc #6                  ; ... carry set: "A"-"F" follow a gap of 7
.scend
