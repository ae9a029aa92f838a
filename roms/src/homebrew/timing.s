; build: roms/homebrew_timing.bin
;
; timing.s - cycle-exact video: text, lo-res and hi-res on one screen, split by timing.
;
; Load at $6000 (TIMING in map.s) and start there.  Text on the top 64
; scanlines, lo-res from line 64, hi-res from a line S that moves between 96
; and 159, down and up, a line every frame.  Esc goes back to the menu.
;
; The Apple II has no interrupt and no register that says where the beam is.
; A program that changes mode on a chosen scanline finds the beam once, to
; the cycle, and then counts cycles.  It finds it through the "floating bus"
; (Sather, "Understanding the Apple II", ch. 3 and 5): a read of a soft
; switch that drives no data returns the byte the video scanner fetched from
; memory in that very cycle.  This is "vapor lock".
;
; 1. Sync.  Full-screen hi-res page 1, where no byte is $FF but the marker
;    at $3FDF, which the scanner fetches once a frame: on cycle 25 + 15 of
;    line 191 (column 15).  A 9-cycle loop reads $C057 (hi-res on: no change)
;    until it sees $FF; that read was on the marker's cycle.  A frame is
;    17,030 cycles, 2 more than a multiple of 9, so the reads move 2 cycles
;    along the frame each frame and meet the marker within 9 frames.
; 2. Then, forever, a loop of exactly 17,030 cycles: text and lo-res on in
;    vertical blanking, the keyboard, the next S, graphics (lo-res) on at
;    cycle 2 of line 64, hi-res on at cycle 20 of line S.  Each switch lands
;    in the horizontal blanking before the line's first byte (cycle 25); a
;    store to a switch acts on its last cycle.  Every branch goes the same
;    way every frame (Esc leaves the loop), and the waits are loops of one
;    scanline, 65 cycles, none crossing a page (a taken branch into another
;    page costs a cycle more).
;
; Cycles below are counted in the frame as the scanner sees it: 0 is the
; start of vertical blanking, and visible line L starts on 4,550 + 65 L.
; Self-contained: own screen and keyboard code, NMOS 6502.

.include "map.s"

.alias MARK     $3fdf           ; hi-res line 191, column 15 (black in the bars)
.alias MARKAT   17005           ; the cycle the scanner fetches it: 4550 + 65*191 + 40

; zero page ($60-$7F: this program's)
.alias PHASE    $60             ; frame count: S follows a triangle wave of it
.alias NLINES   $61             ; S - 64: lo-res lines this frame, 32-95
.alias P2       $62             ; hbars: middle-third pointer (2 bytes)
.alias P3       $64             ; hbars: bottom-third pointer (2 bytes)
.alias ROW      $66
.alias TMP      $67

.org TIMING

start:  cld
        ldx #$ff
        txs
        sta $c050               ; graphics
        sta $c052               ; full screen
        sta $c054               ; page 1
        sta $c057               ; hi-res
        jsr clearhgr
        jsr hbars
        lda #$ff                ; the marker
        sta MARK
        jsr words
        jsr blocks

; 1. Sync: 4 + 2 + 3 cycles a try.
sync:   lda $c057
        cmp #$ff
        bne sync
        ; The LDA read on cycle MARKAT = 17005; CMP and BNE end on 17009.
        lda #0                  ; 17010: the marker becomes a black byte again
        sta MARK
        ldy #8                  ; 17016: wait 55 cycles
        jsr wait5
        nop
        jmp frame               ; 17071: on to cycle 44 of the next frame

; 2. One frame: 17,030 cycles from here, starting on cycle 44.
frame:  sta $c051               ; 44: text
        sta $c056               ; 48: lo-res (for when graphics comes on)
        lda $c000               ; 52: Esc?  (the strobe is cleared every frame)
        bit $c010
        cmp #$9b
        beq leave
        inc PHASE               ; 64: S = 64 + NLINES, a triangle wave
        lda PHASE
        asl                     ; C = bit 7 of PHASE
        lda #0
        sbc #0                  ; $FF while PHASE < 128, else 0
        eor PHASE
        and #$7f                ; 127 .. 0 .. 127
        lsr
        clc
        adc #32
        sta NLINES              ; 32-95
        ldx #132                ; 92: wait 8,617 cycles
        jsr lines
        ldy #1
        jsr wait5
        nop
        nop
        nop
        sta $c050               ; 8,709: graphics on cycle 8,712 (line 64, cycle 2)
        ldx NLINES
        jsr lines
        sta $c057               ; hi-res on cycle 8,730 + 65 NLINES (line S, cycle 20)
        lda #128
        sec
        sbc NLINES
        tax                     ; the 128 - NLINES lines down to the bottom
        jsr lines
        jmp frame               ; ends on cycle 17,030 + 44

leave:  jmp MENU

; lines: X scanlines (X >= 1): 65 X + 11 cycles, the JSR and RTS included.
lines:
.scope
_line:  ldy #11                 ; 2 + 5 * 11 - 1 = 56
_wait:  dey
        bne _wait
        nop
        nop
        dex
        bne _line               ; 65 a line; the last BNE takes 64
        rts
.scend

; wait5: 5 Y + 11 cycles (Y >= 1), the JSR and RTS included.
wait5:
.scope
_wait:  dey
        bne _wait
        rts
.scend

; clearhgr: hi-res page 1 all black.
clearhgr:
.scope
        lda #$20
        sta P2+1
        lda #0
        sta P2
        tay
_byte:  sta (P2),y
        iny
        bne _byte
        inc P2+1
        ldx P2+1
        cpx #$40
        bne _byte
        rts
.scend

; hbars: lines 64-191 of hi-res page 1 get the colour bars.  The 64 blocks of
; 128 bytes at $2000 + 128 k hold a line of each third: the middle third at
; offset 40, the bottom third at offset 80 (the hi-res memory map).
hbars:
.scope
        lda #$20
        sta P2+1
        sta P3+1
        lda #40
        sta P2
        lda #80
        sta P3
_block: ldy #39
_byte:  lda bars,y
        sta (P2),y
        sta (P3),y
        dey
        bpl _byte
        clc
        lda P2
        adc #$80
        sta P2
        lda P2+1
        adc #0
        sta P2+1
        sta P3+1
        lda P2
        adc #40                 ; (no carry: P2 is $28 or $A8)
        sta P3
        lda P2+1
        cmp #$40
        bne _block
        rts
.scend

; blocks: text rows 8-23, seen as lo-res, get diagonal bands of the 16
; colours: colour (column / 4 + row) mod 16 in both blocks of a cell.
blocks:
.scope
        ldx #8
_row:   stx ROW
        lda rowlo,x
        sta DST
        lda rowhi,x
        sta DST+1
        ldy #39
_col:   tya
        lsr
        lsr
        clc
        adc ROW
        and #$0f
        sta TMP
        asl
        asl
        asl
        asl
        ora TMP
        sta (DST),y
        dey
        bpl _col
        inx
        cpx #24
        bne _row
        rts
.scend

; words: text rows 0-7.
words:  lda #$a0
        ldx #0
        ldy #8
        jsr fillrows
        lda #$3f                ; the title bar, in inverse
        sta MASK
        jsr print
        .byte 0, 0, "    CYCLE-EXACT VIDEO: A SPLIT SCREEN   ", 0
        lda #$ff
        sta MASK
        jsr print
        .byte 2, 1, "THE FLOATING BUS SHOWED WHERE THE BEAM", 0
        jsr print
        .byte 3, 1, "IS; EACH FRAME IS NOW 17030 CYCLES OF", 0
        jsr print
        .byte 4, 1, "COUNTED CODE: TEXT UP HERE, LO-RES", 0
        jsr print
        .byte 5, 1, "FROM LINE 64, HI-RES FROM A MOVING LINE", 0
        jsr print
        .byte 7, 1, "ESC: MENU", 0
        rts

; The bars, as in the colour demo: violet, green, blue, orange, white, each
; 7 bytes and a black byte (an even column first; see demo.s).
bars:   .byte $55, $2a, $55, $2a, $55, $2a, $55, $00
        .byte $2a, $55, $2a, $55, $2a, $55, $2a, $00
        .byte $d5, $aa, $d5, $aa, $d5, $aa, $d5, $00
        .byte $aa, $d5, $aa, $d5, $aa, $d5, $aa, $00
        .byte $7f, $7f, $7f, $7f, $7f, $7f, $7f, $00

.include "text.s"
.include "rows.s"

.checkpc TIMINGEND              ; three sectors of track 1
