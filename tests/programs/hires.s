; hires.s - golden screen: hi-res colour bars and single dots, page 1.
;
; Written for this project's tests (tests/test_machine.py); assemble with ophis.
; Load at $0C00 and start there.  Switches: graphics, full screen, page 1,
; hi-res.  The test runs it on a colour screen and on white and green
; monochrome monitors.
;
; Each 128-byte block of $2000-$3FFF holds three lines, one from each third
; of the screen: offsets 0-39 a line of lines 0-63, 40-79 one of 64-127,
; 80-119 one of 128-191.  So copying `bars` to offsets 0-39 and 40-79 and
; `dots` to offsets 80-119 of every block draws:
;
; * lines 0-127: five bars of 7 bytes (49 dots) with a black byte after each:
;   violet ($55 $2A: even dots), green ($2A $55: odd dots), blue ($D5 $AA),
;   orange ($AA $D5) and white ($7F);
; * lines 128-191: single-dot-wide vertical lines, each byte with black bytes
;   around it: column 2 $01 (a lone even dot: violet), 5 $01 (a lone odd dot:
;   green), 8 $81 (blue), 11 $81 (orange), 14 $03 (two dots: white), 17 $05
;   (two odd dots one apart: green), 20-21 $40 $01 (two dots either side of
;   a byte boundary: white), 24 $7F (white), 27 $FF (white, half a dot
;   late), 30 $2A (three odd dots: green), 33 $D5 (orange), 36 $AA (orange).

.alias DST      $08             ; the block being filled: offsets 0-39
.alias DST2     $0A             ; ... 40-79
.alias DST3     $0C             ; ... 80-119

.org $0C00

start:  sta $c050               ; graphics
        sta $c052               ; full screen
        sta $c054               ; page 1
        sta $c057               ; hi-res

        lda #$20                ; DST = $2000, DST2 = $2028, DST3 = $2050
        sta DST+1
        sta DST2+1
        sta DST3+1
        lda #$00
block:  sta DST
        clc
        adc #40
        sta DST2
        adc #40                 ; (no carry: at most $80 + 80)
        sta DST3
        ldy #39
copy:   lda bars,y
        sta (DST),y
        sta (DST2),y
        lda dots,y
        sta (DST3),y
        dey
        bpl copy
        lda DST                 ; next block: + $80
        eor #$80
        bne block               ; $00 -> $80: same page
        inc DST+1               ; $80 -> $00: next page
        inc DST2+1
        inc DST3+1
        ldx DST+1
        cpx #$40
        bne block

done:   jmp done

bars:   .byte $55, $2a, $55, $2a, $55, $2a, $55, $00    ; violet
        .byte $2a, $55, $2a, $55, $2a, $55, $2a, $00    ; green
        .byte $d5, $aa, $d5, $aa, $d5, $aa, $d5, $00    ; blue
        .byte $aa, $d5, $aa, $d5, $aa, $d5, $aa, $00    ; orange
        .byte $7f, $7f, $7f, $7f, $7f, $7f, $7f, $00    ; white
dots:   .byte $00, $00, $01, $00, $00, $01, $00, $00
        .byte $81, $00, $00, $81, $00, $00, $03, $00
        .byte $00, $05, $00, $00, $40, $01, $00, $00
        .byte $7f, $00, $00, $ff, $00, $00, $2a, $00
        .byte $00, $d5, $00, $00, $aa, $00, $00, $00
