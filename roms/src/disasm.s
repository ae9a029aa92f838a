; disasm.s - $F882-$FA3F: the disassembler's documented entry points
; (INSDS1, INSDS1.2, INSDS2, INSTDSP, PRNTYX ... PCADJ3) and its opcode
; tables, generated from emu/cpu/opcodes.py (optable.s, opmodes.s).  What
; outgrows the documented room goes on in keyboard.s ($FCCA): INSDS2's end
; and the operand's value.
; Include file.
;
; A line: "0300- A9 C1      LDA #$C1".  Undocumented opcodes show as "???"
; and take one byte; the accumulator mode shows as implied ("ASL").

.scope
.advance $F882, $00
; INSDS1 ($F882): a Return, PC in hex and "-" (PRYX2), three blanks, then
; INSDS1.2 ($F88C): with X = 0, the opcode at PC into INSDS2.
insds1: ldx PCL
        ldy PCH
        jsr pryx2
        jsr prblnk              ; X = 0 after it
        .advance $F88C, $00
insds12: lda (PCL,x)

; INSDS2 ($F88E): A = an opcode -> FORMAT = its addressing mode (numbered
; as in optable.s), LENGTH = its operand bytes; Y = the index of its name
; (op_nhi/op_nlo).  An opcode the NMOS 6502 does not document has name
; "???", mode 0 and no operand.
        .advance $F88E, $00
insds2: sta FORMAT              ; the opcode, for now
        and #$1F
        tax                     ; X = its class
        lda FORMAT
        lsr
        lsr
        lsr
        lsr
        lsr
        sta LENGTH              ; aaa, for now
        tay
        lda op_valid,x
_bit:   lsr                     ; bit aaa of the class's mask to carry
        dey
        bpl _bit
        bcc _none
        lda op_class,x
        pha
        and #$0F
        tax                     ; the class's row of names
        lda op_row,x            ; (its first - 1) + carry + aaa: the name
        adc LENGTH
        tay
        pla
        lsr
        lsr
        lsr
        lsr                     ; the class's mode, unless the opcode has
        sta LENGTH              ; its own (insds2b, in keyboard.s)
        jmp insds2b
_none:  ldy #OP_NONE            ; (0: also mode 0, implied)
        sty LENGTH
        jmp insds2c
; The blanks after an instruction's bytes, by its length + 1, up to its name.
pad:    .byte 9, 6, 3
; The parts of an operand, and the bits of op_mode that show each (INSTDSP).
opmask: .byte $FF, $80, $40, $FF, $20, $20, $80, $10, $10

; INSTDSP ($F8D0): the instruction at PC on a line of its own: the address,
; the instruction's bytes, its name and operand.  Scratch: FORMAT, LENGTH,
; H2 and V2 ($2C-$2D), as on the II+; A1-A5 are left alone.
        .advance $F8D0, $00
instdsp: lda PCH
        ldx PCL
        jsr addrln              ; a fresh line, "0300-"
        ldx #0
        lda (PCL,x)
        jsr insds2
        lda op_nhi,y            ; the name, for PRNAME
        sta H2
        lda op_nlo,y
        sta V2
        ldy #0
_byte:  lda #$A0                ; " A9", " C1"
        jsr cout
        lda (PCL),y
        jsr prbyte
        cpy LENGTH
        iny
        bcc _byte
        ldx pad-1,y             ; blanks to the name's column
        jsr prbl2
        ldx #3                  ; the name: three letters of five bits,
_letter: lda #0                 ; the first highest
        ldy #5
_shift: asl V2
        rol H2
        rol
        dey
        bne _shift
        adc #$BF                ; (carry clear) "?", "A"-"Z"
        jsr cout
        dex
        bne _letter
; The operand, as the mode's bits say (opmodes.s): a blank, "(", "#", "$"
; and the value, ",X", ")", ",Y" (opmask, opchar: monitor.s, keyboard.s).
        ldx FORMAT
        lda op_mode,x
        beq _done               ; implied: none
        sta H2
        ldx #0
_part:  lda opmask,x
        and H2
        beq _next
        lda opchar,x
        jsr cout
        cpx #3                  ; "$": then the value
        bne _next
        txa
        pha
        jsr value               ; (keyboard.s)
        pla
        tax
_next:  inx
        cpx #9
        bcc _part
_done:  rts

; PRNTYX ($F940): Y then X in hex.  PRNTAX ($F941): A then X.  PRNTX
; ($F944): X.  PRBLNK ($F948): three blanks.  PRBL2 ($F94A): X blanks.
; X and Y are kept (PRBL2 and PRBLNK end with X = 0).
        .advance $F940, $00
prntyx: tya
prntax: jsr prbyte
prntx:  txa
        jmp prbyte
prblnk: ldx #3
prbl2:  lda #$A0
        jsr cout
        dex
        bne prbl2
        rts

; PCADJ ($F953): A (low), Y (high) = PC + LENGTH + 1, the next
; instruction.  PCADJ2 ($F954): PC + LENGTH + carry.  PCADJ3 ($F956): PC +
; A (a signed offset) + carry, with X = A.
        .advance $F953, $00
pcadj:  sec
pcadj2: lda LENGTH
pcadj3: ldy PCH
        tax
        bpl +
        dey                     ; a negative offset: one page down
*       adc PCL
        bcc +
        iny
*       rts

; The opcode tables, in the room the II+ keeps for its own ($F962-$FA3F).
        .advance $F962, $00
.include "optable.s"
.scend
