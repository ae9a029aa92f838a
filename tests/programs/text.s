; text.s - golden screen: text page 1 with normal, inverse and flashing characters.
;
; Written for this project's tests (tests/test_machine.py); assemble with ophis.
; Load at $0C00 and start there.  The program sets TEXT and PAGE1, clears
; text page 1 to normal spaces, writes three lines of the same text (normal,
; inverse, flashing), then all 256 screen codes as a 16 x 16 grid at rows
; 8-23, columns 12-27 (code = 16 * (row - 8) + (column - 12)), and loops.

.alias SRC      $06             ; pointer to the string being printed
.alias DST      $08             ; pointer into the screen
.alias ANDMASK  $0A             ; each character: (ASCII & ANDMASK) | ORMASK
.alias ORMASK   $0B
.alias CODE     $0C             ; the grid's next screen code

.org $0C00

start:  sta $c051               ; TEXT on
        sta $c054               ; page 1
        lda #$a0                ; normal space
        ldx #0
clear:  sta $0400,x
        sta $0500,x
        sta $0600,x
        sta $0700,x
        inx
        bne clear

        ldx #0                  ; row 0: normal (ASCII | $80)
        lda #$ff
        ldy #$80
        jsr print
        ldx #2                  ; row 2: inverse (ASCII & $3F)
        lda #$3f
        ldy #$00
        jsr print
        ldx #4                  ; row 4: flashing ((ASCII & $3F) | $40)
        lda #$3f
        ldy #$40
        jsr print

        lda #0                  ; the grid of all 256 codes
        sta CODE
        ldx #8
grow:   lda rowlo,x
        clc
        adc #12
        sta DST
        lda rowhi,x
        sta DST+1
        ldy #0
gcol:   lda CODE
        sta (DST),y
        inc CODE
        iny
        cpy #16
        bne gcol
        inx
        cpx #24
        bne grow

done:   jmp done

.include "print.s"

message: .byte "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789!?#", 0

.include "../../roms/src/homebrew/rows.s"   ; the row table the homebrew uses too
