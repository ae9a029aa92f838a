; page2.s - golden screen: text page 2 on display.
;
; Written for this project's tests (tests/test_machine.py); assemble with ophis.
; Load at $0800 and start there.  Fills text page 1 ($0400-$07FF) with
; inverse "1" and text page 2 ($0800-$0BFF) with normal spaces, writes
; "PAGE 2" messages on page 2's rows 0, 11 and 23, then switches to TEXT and
; PAGE2.  The program itself lives at $0C00, clear of both pages.

.alias SRC      $06             ; pointer to the string being printed
.alias DST      $08             ; pointer into the screen

.org $0C00

start:  ldx #0
clear:  lda #$31                ; inverse "1" on page 1
        sta $0400,x
        sta $0500,x
        sta $0600,x
        sta $0700,x
        lda #$a0                ; normal space on page 2
        sta $0800,x
        sta $0900,x
        sta $0a00,x
        sta $0b00,x
        inx
        bne clear

        ldx #0
        jsr print
        ldx #11
        jsr print
        ldx #23
        jsr print

        sta $c051               ; TEXT
        sta $c055               ; page 2
done:   jmp done

; print: the string `message` in normal characters on page 2, text row X.
print:  lda rowlo,x
        sta DST
        lda rowhi,x
        clc
        adc #4                  ; page 2 is page 1 + $0400
        sta DST+1
        lda #<message
        sta SRC
        lda #>message
        sta SRC+1
        ldy #0
pchar:  lda (SRC),y
        beq pdone
        ora #$80
        sta (DST),y
        iny
        bne pchar
pdone:  rts

message: .byte "THIS IS TEXT PAGE 2 ($0800)", 0

.include "../../roms/src/homebrew/rows.s"   ; the row table the homebrew uses too
