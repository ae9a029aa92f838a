; dhr_anim.s - a double hi-res animation, the machine benchmark's enhanced IIe workload.
;
; Written for this project; assemble with ophis (documented NMOS opcodes only):
;
;     ophis -o benchmarks/workloads/dhr_anim.bin benchmarks/workloads/dhr_anim.s
;
; Load at $0C00 on a IIe (128K) and start there; it runs forever.  It turns
; on double hi-res (graphics, full screen, hi-res, page 1, 80COL on, AN3 off)
; and, step after step, fills all of hi-res page 1 in main memory, then in
; aux memory (RAMWRT on), with diagonal bands of the double hi-res colour
; patterns that move one byte a step.  It draws on the page on display,
; under the beam: every byte it writes, in aux memory as in main, lands on
; the screen and is logged with its cycle for the renderer.  A step (16,384
; bytes) takes about 430,000 cycles, 25 frames.
;
; Memory: the program and its table at $0C00-$0CFF, zero page $06-$09.

.alias PHASE    $06             ; the bands' position
.alias PTR      $08             ; the page being filled, two bytes

.org $0C00

        cld
        sta $c050               ; graphics
        sta $c052               ; full screen
        sta $c057               ; hi-res
        sta $c054               ; page 1
        sta $c000               ; 80STORE off: RAMWRT picks the memory written
        sta $c00d               ; 80COL on
        sta $c05e               ; AN3 off: double hi-res
        lda #0
        sta PHASE
step:   sta $c004               ; RAMWRT off: main memory
        jsr fill
        sta $c005               ; RAMWRT on: aux memory
        jsr fill
        sta $c004
        inc PHASE
        jmp step

; fill: hi-res page 1 ($2000-$3FFF) from the table, byte n of page p getting
; colours[(n + p + PHASE) & 15].
fill:   lda #0
        sta PTR
        lda #$20
        sta PTR+1
page:   ldy #0
byte:   tya
        clc
        adc PTR+1
        adc PHASE
        and #15
        tax
        lda colours,x
        sta (PTR),y
        iny
        bne byte
        inc PTR+1
        lda PTR+1
        cmp #$40
        bne page
        rts

; Technical Note #3's patterns: magenta, orange, yellow, the greys, white...
colours: .byte $08, $11, $22, $44, $4c, $19, $33, $66
         .byte $6e, $5d, $3b, $77, $00, $7f, $2a, $55
