; mixed.s - golden screen: lo-res with four lines of text (MIXED).
;
; Written for this project's tests (tests/test_machine.py); assemble with ophis.
; Load at $0C00 and start there.  Switches: graphics, mixed, page 1, lo-res.
; Rows 0-19 get lo-res stripes: row r is colour r (r = 0-15), rows 16-19
; white; rows 20-23, shown as text, get one line of text each (normal,
; inverse, flashing, normal).

.alias SRC      $06             ; pointer to the string being printed
.alias DST      $08             ; pointer into the screen
.alias ANDMASK  $0A             ; each character: (ASCII & ANDMASK) | ORMASK
.alias ORMASK   $0B
.alias COLOUR   $0C

.org $0C00

start:  sta $c050               ; graphics
        sta $c053               ; mixed: text rows 20-23
        sta $c054               ; page 1
        sta $c056               ; lo-res

        ldx #0                  ; lo-res rows 0-19
row:    lda rowlo,x
        sta DST
        lda rowhi,x
        sta DST+1
        txa
        cmp #16
        bcc stripe
        lda #15
stripe: sta COLOUR              ; both nibbles: COLOUR * $11
        asl
        asl
        asl
        asl
        ora COLOUR
        ldy #39
fill:   sta (DST),y
        dey
        bpl fill
        inx
        cpx #20
        bne row

        ldx #20                 ; the text rows
        lda #$ff
        ldy #$80
        jsr print
        ldx #21
        lda #$3f
        ldy #$00
        jsr print
        ldx #22
        lda #$3f
        ldy #$40
        jsr print
        ldx #23
        lda #$ff
        ldy #$80
        jsr print

done:   jmp done

.include "print.s"

message: .byte "MIXED: LO-RES ABOVE, FOUR TEXT LINES 0-9", 0

.include "../../roms/src/homebrew/rows.s"   ; the row table the homebrew uses too
