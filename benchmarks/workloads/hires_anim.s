; hires_anim.s - a hi-res animation with page flipping, the machine benchmark's workload.
;
; Written for this project; assemble with ophis (documented NMOS opcodes only,
; so it runs unchanged on the 6502 and the 65C02):
;
;     ophis -o benchmarks/workloads/hires_anim.bin benchmarks/workloads/hires_anim.s
;
; Load at $0C00 and start there; it runs forever.  It shows hi-res graphics,
; full screen, and draws colour bars (violet, green, blue, orange, white, each
; 7 bytes wide with a black byte between) that scroll sideways two bytes per
; step, staggered by two bytes for each 8-line text row so that they form
; stair-step diagonals.  The middle and bottom thirds of the screen have bit 7
; of every byte flipped (violet <-> blue, green <-> orange).
;
; Each step redraws all 192 lines (7,680 bytes) of the page not on display,
; then flips the display to it with $C054/$C055 and draws the other page:
; page 1 is $2000-$3FFF, page 2 $4000-$5FFF.  A step takes about 80,000
; cycles, so the display flips about every 4.7 frames and both pages change
; all the time.
;
; Started at $0C03 instead, it never flips: it shows page 1 and redraws
; page 1 itself, under the beam, as a program that does not double-buffer
; does (the picture tears).  Every one of its writes lands on the page on
; display.
;
; Memory: the program and its tables at $0C00-$0CFF, zero page $06-$12 (below).

.alias PAGE     $06             ; high byte of the page being drawn: $20 or $40
.alias PHASE    $07             ; scroll position, 0-19 (in steps of two bytes)
.alias PTR      $08             ; the block's line in the top third (offsets 0-39)
.alias PTR2     $0A             ; ... in the middle third (offsets 40-79)
.alias PTR3     $0C             ; ... in the bottom third (offsets 80-119)
.alias SRC      $0E             ; the pattern, shifted for this block
.alias BLOCK    $10             ; block number, 63 down to 0
.alias NOFLIP   $12             ; 1: draw the page on display, never flip

.org $0C00

        jmp flipping            ; $0C00: double-buffered
        jmp onscreen            ; $0C03: straight onto the page on display

flipping:
        lda #0
        ldx #$40                ; show page 1 while drawing page 2
        bne start               ; always
onscreen:
        lda #1
        ldx #$20                ; show page 1 and draw it
start:  cld
        sta NOFLIP
        stx PAGE
        sta $c050               ; graphics
        sta $c052               ; full screen
        sta $c057               ; hi-res
        sta $c054               ; show page 1
        lda #0
        sta PHASE

step:   jsr draw
        lda NOFLIP
        bne next
        lda PAGE                ; show the page just drawn, draw the other
        cmp #$20
        bne show2
        sta $c054
        lda #$40
        bne flip                ; always
show2:  sta $c055
        lda #$20
flip:   sta PAGE
next:   ldx PHASE               ; next scroll position
        inx
        cpx #20
        bcc keep
        ldx #0
keep:   stx PHASE
        jmp step

; draw: fill the page at PAGE.  Block k (0-63) is the 128 bytes at
; PAGE * 256 + (k / 2) * 256 + (k % 2) * 128; its three lines are in text row
; k % 8 of each third (Apple II Reference Manual, the hi-res memory map).
draw:   lda #63
        sta BLOCK
onebk:  lda BLOCK
        lsr                     ; A = k / 2, carry = k % 2
        tax
        lda #0
        ror                     ; A = $80 if k is odd, else 0
        sta PTR
        clc
        adc #40
        sta PTR2
        adc #40                 ; (no carry: at most $80 + 40)
        sta PTR3
        txa
        clc
        adc PAGE
        sta PTR+1
        sta PTR2+1
        sta PTR3+1

        lda BLOCK               ; shift = 2 * ((k % 8 + PHASE) mod 20)
        and #7
        clc
        adc PHASE
        cmp #20
        bcc inrange
        sbc #20                 ; (carry is set)
inrange: asl
        adc #<pattern           ; (carry clear after asl of a value < 128)
        sta SRC
        lda #>pattern
        adc #0
        sta SRC+1

        ldy #39
copy:   lda (SRC),y
        sta (PTR),y
        eor #$80
        sta (PTR2),y
        sta (PTR3),y
        dey
        bpl copy
        dec BLOCK
        bpl onebk
        rts

; Two copies of 40 bytes of bars, so that any shift of 0-38 reads 40 bytes
; without wrapping.  Violet is $55 $2A from an even byte, green $2A $55,
; blue $D5 $AA, orange $AA $D5; shifts are even, so colours stay put.
pattern: .byte $55, $2a, $55, $2a, $55, $2a, $55, $00
         .byte $2a, $55, $2a, $55, $2a, $55, $2a, $00
         .byte $d5, $aa, $d5, $aa, $d5, $aa, $d5, $00
         .byte $aa, $d5, $aa, $d5, $aa, $d5, $aa, $00
         .byte $7f, $7f, $7f, $7f, $7f, $7f, $7f, $00
         .byte $55, $2a, $55, $2a, $55, $2a, $55, $00
         .byte $2a, $55, $2a, $55, $2a, $55, $2a, $00
         .byte $d5, $aa, $d5, $aa, $d5, $aa, $d5, $00
         .byte $aa, $d5, $aa, $d5, $aa, $d5, $aa, $00
         .byte $7f, $7f, $7f, $7f, $7f, $7f, $7f, $00
