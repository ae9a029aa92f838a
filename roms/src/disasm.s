; disasm.s - the monitor's disassembler ("L").  The opcode facts come from
; optable.s, generated from emu/cpu/opcodes.py, the table the CPU core and
; the Python disassembler use too.  Include file.
;
; A line: "0300- A9 C1      LDA #$C1".  Unknown (undocumented) opcodes
; show as "???" and take one byte.
.scope

; LIST ($FE5E): A1PC, then 20 instructions from PC; PC ends after the last.
listpc: jsr a1pc
list:   lda #20
_inst:  pha
        jsr insdsp
        jsr pcadj               ; $F953: A, Y = the next instruction
        sta PCL
        sty PCH
        pla
        sec
        sbc #1
        bne _inst
        rts

; PCADJ3 (PCADJ and PCADJ2 load A and carry, in entries.s): A, Y = PC + A
; (signed, as a branch's offset) + carry.  X = A.
pcadj3: ldy PCH
        tax
        bpl +
        dey                     ; negative: one page down
*       adc PCL
        bcc +
        iny
*       rts

; INSDS1: a Return, "PC-" and three blanks, then INSDS1.2 (entries.s):
; the opcode at PC into INSDS2.
insds1: jsr crout
        ldx PCL
        ldy PCH
        jsr prntyx
        lda #$AD                ; "-"
        jsr COUT
        jsr prblnk              ; X = 0 after
        jmp insds12

; INSDS2: A = an opcode -> FORMAT = its addressing mode (numbered as in
; optable.s) and LENGTH = its operand bytes (0 for an opcode the NMOS 6502
; does not document, which the disassembler shows as "???").
insds2: tax
        lda op_mode,x
        sta FORMAT
        tay
        lda _length,y
        sta LENGTH
        rts

; INSDSP (INSTDSP): show the instruction at PC on a line of its own; sets FORMAT
; (the addressing mode, numbered as in optable.s) and LENGTH (operand bytes).
; Its scratch cells are H2 and V2 ($2C-$2D), as the II+'s disassembler's are:
; the monitor's A1-A5 are left alone.
insdsp: lda PCH
        ldx PCL
        jsr addrln
        ldy #0
        lda (PCL),y
        jsr insds2
        ldy #0                  ; the instruction's bytes, padded to three
_bytes: lda #$A0
        jsr COUT
        cpy LENGTH
        beq _byte
        bcs _pad
_byte:  lda (PCL),y
        jsr prbyte
        jmp _nextb
_pad:   lda #$A0
        jsr COUT
        jsr COUT
_nextb: iny
        cpy #3
        bcc _bytes
        lda #$A0
        jsr COUT
        jsr COUT
        jsr COUT

        ldy #0                  ; the mnemonic: 3 letters at 3 * index
        lda (PCL),y
        tax
        lda op_mnem,x
        sta H2
        asl
        adc H2
        tax
        ldy #3
_letter: lda mnem_names,x
        ora #$80
        jsr COUT
        inx
        dey
        bne _letter

        ldx FORMAT              ; the operand
        beq _done               ; implied: none
        lda #$A0
        jsr COUT
        lda _prefix,x
        beq +
        jsr COUT
*       cpx #1                  ; accumulator: just "A"
        beq _done
        lda #$A4                ; "$"
        jsr COUT
        cpx #8
        beq _rel
        lda LENGTH
        cmp #2
        bne _low
        ldy #2
        lda (PCL),y
        jsr prbyte
_low:   ldy #1
        lda (PCL),y
        jsr prbyte
        jmp _suffix
_rel:   lda PCL                 ; target = PC + 2 + signed offset
        clc
        adc #2
        sta H2
        lda PCH
        adc #0
        sta V2
        ldy #1
        ldx #0
        lda (PCL),y
        bpl +
        dex                     ; negative: add $FF to the high byte
*       clc
        adc H2
        sta H2
        txa
        adc V2
        jsr prbyte
        lda H2
        jsr prbyte
        ldx FORMAT
_suffix: lda _suf1,x
        beq _done
        jsr COUT
        lda _suf2,x
        beq _done
        jsr COUT
        lda _suf3,x
        beq _done
        jsr COUT
_done:  rts

; Per addressing mode (imp acc imm zp zpx zpy izx izy rel abs abx aby ind):
_length: .byte 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2
_prefix: .byte 0, $C1, $A3, 0, 0, 0, $A8, $A8, 0, 0, 0, 0, $A8    ; A # (
_suf1:   .byte 0, 0, 0, 0, $AC, $AC, $AC, $A9, 0, 0, $AC, $AC, $A9 ; , )
_suf2:   .byte 0, 0, 0, 0, $D8, $D9, $D8, $AC, 0, 0, $D8, $D9, 0   ; X Y ,
_suf3:   .byte 0, 0, 0, 0, 0, 0, $A9, $D9, 0, 0, 0, 0, 0           ; ) Y
.scend
