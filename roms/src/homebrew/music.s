; build: roms/homebrew_music.bin
;
; music.s - a two-part tune on the Mockingboard, timed by its 6522's interrupts.
;
; Load at $1100 (MUSIC in map.s) and start there.  Finds a Mockingboard in
; slots 7 down to 1 by its 6522 timer counting (two reads of T1C-L 8 cycles
; apart differ by 8), then plays Beethoven's "Ode to Joy" over and over: the
; melody on AY 1 (left), the bass on AY 2 (right), each note struck by
; restarting its AY's envelope (shape 9, a fall).  Timer 1 of the first 6522
; runs free at 60 interrupts a second and the interrupt handler plays the
; notes.  Esc goes back to the menu.
;
; The interrupt comes straight to our handler, through no ROM: the language
; card's RAM is mapped in for reads, with the ROM's NMI and RESET vectors
; copied there and our handler at $FFFE.  Leaving, the ROM is mapped back.
; Self-contained: own screen and keyboard code, NMOS 6502.
;
; The Mockingboard, per 6522 (AY 2's at $Cn80): port A is the AY's data bus,
; PB0 = BC1, PB1 = BDIR, PB2 = /RESET.  A register write is: ORA = register,
; ORB = 7 (latch the address), ORB = 4 (inactive), ORA = value, ORB = 6
; (write), ORB = 4.

.include "map.s"

.alias T1CL     4               ; the 6522's registers, from its base
.alias ACR      11
.alias IER      14
.alias CHIPB    $80             ; the second 6522, from the card's base
.alias TICK     17028           ; T1's latch: 17,030 cycles a period, 60 Hz

; zero page ($60-$7F: this program's)
.alias MB       $60             ; the card's base, $Cn00 (2 bytes)
.alias SONG     $62             ; the next melody note (2 bytes)
.alias BASSP    $64             ; the next bass note (2 bytes)
.alias WAIT     $66             ; ticks left of the melody note

.org MUSIC

start:  cld
        ldx #$ff
        txs
        sei
        lda #$ff                ; normal video
        sta MASK
        lda #$a0                ; (the menu left text page 1 on)
        ldx #0
        ldy #24
        jsr fillrows
        jsr print
        .byte 1, 3, "MOCKINGBOARD: ODE TO JOY", 0
        jsr find
        bcc found
        jsr print
        .byte 4, 3, "NO MOCKINGBOARD", 0
        jmp keys

found:  jsr print
        .byte 4, 3, "SLOT ", 0
        lda MB+1
        and #7
        ora #$30
        jsr putc
        jsr vectors
        jsr init
        cli

keys:   jsr getkey
        cmp #$9b                ; Esc
        bne keys
        sei
        lda MB+1
        beq +
        jsr quiet
*       lda $c082               ; the ROM again, the card's RAM write-protected
        jmp MENU

; find: MB = the base of the first Mockingboard from slot 7 down, C clear;
; C set if there is none.
find:
.scope
        lda #0
        sta MB
        lda #$c7
        sta MB+1
_slot:  ldx #2                  ; two reads of 8 in a row
_try:   ldy #T1CL
        lda (MB),y
        cmp MB                  ; 3 cycles (MB = 0: C is set)
        sbc (MB),y              ; 5 cycles: read 8 cycles after the first
        cmp #$08
        bne _next
        dex
        bne _try
        clc
        rts
_next:  dec MB+1
        lda MB+1
        cmp #$c0
        bne _slot
        lda #0                  ; none: MB+1 = 0
        sta MB+1
        sec
        rts
.scend

; vectors: read the language card's RAM, with the ROM's NMI and RESET
; vectors and our IRQ handler in it.
vectors:
.scope
        lda $c081               ; read ROM, write RAM (two reads enable writing)
        lda $c081
        ldx #3
_copy:  lda $fffa,x
        sta $fffa,x
        dex
        bpl _copy
        lda #<irq
        sta $fffe
        lda #>irq
        sta $ffff
        lda $c083               ; read RAM bank 2
        rts
.scend

; init: both 6522s drive their AY (reset first); each AY sounds channel A
; through its envelope; the tune starts; T1 runs.
init:
.scope
        jsr quiet
        ldx #0
_set:   ldy setup,x             ; (6522, register, value) triples
        lda setup+2,x
        pha
        lda setup+1,x
        stx SONG
        tax
        pla
        jsr aywrite
        ldx SONG
        inx
        inx
        inx
        cpx #24
        bne _set
        jsr restart
        ldy #ACR                ; T1 free-running...
        lda #$40
        sta (MB),y
        ldy #IER                ; ...interrupting...
        lda #$c0
        sta (MB),y
        ldy #T1CL
        lda #<TICK
        sta (MB),y
        iny
        lda #>TICK
        sta (MB),y              ; ...from this write of T1C-H on
        rts
.scend

setup:  .byte 0, 7, $3e,  0, 8, $10,  0, 11, $73,  0, 12, $05       ; AY 1: 0.35 s falls
        .byte CHIPB, 7, $3e,  CHIPB, 8, $10,  CHIPB, 11, $74,  CHIPB, 12, $0c   ; AY 2: 0.8 s

; restart: the tune from its start, its first note at the next tick.
restart:
        lda #<melody
        sta SONG
        lda #>melody
        sta SONG+1
        lda #<bass
        sta BASSP
        lda #>bass
        sta BASSP+1
        lda #1
        sta WAIT
        rts

; quiet: both 6522s' interrupts off; both drive their AY's lines, and reset it.
quiet:  ldy #0
        jsr port
        ldy #CHIPB
port:   lda #$ff
        iny
        iny
        iny
        sta (MB),y              ; DDRA: all out
        dey
        lda #$07
        sta (MB),y              ; DDRB: PB0-PB2 out
        dey
        dey
        lda #$00
        sta (MB),y              ; ORB: /RESET low...
        lda #$04
        sta (MB),y              ; ...then inactive
        tya
        ora #IER
        tay
        lda #$7f
        sta (MB),y              ; IER: all off
        rts

; aywrite: AY register X = A, on the chip whose 6522 is at MB + Y.  Keeps Y.
aywrite:
        pha
        txa
        iny
        sta (MB),y              ; ORA: the register...
        dey
        lda #$07
        sta (MB),y              ; ...latched
        lda #$04
        sta (MB),y
        pla
        iny
        sta (MB),y              ; ORA: the value...
        dey
        lda #$06
        sta (MB),y              ; ...written
        lda #$04
        sta (MB),y
        rts

; irq: 60 times a second.  Acknowledge T1 (reading T1C-L); when the melody
; note is over, the next one (and the next bass note, when it is marked).
irq:    pha
        txa
        pha
        tya
        pha
        ldy #T1CL
        lda (MB),y
        dec WAIT
        bne _out
        ldy #0
        lda (SONG),y
        cmp #$ff
        bne +
        jsr restart
        lda (SONG),y
*       inc SONG
        bne +
        inc SONG+1
*       pha
        lsr                     ; bits 4-5: the length, 12 24 36 or 48 ticks
        lsr
        lsr
        lsr
        and #3
        tax
        lda lengths,x
        sta WAIT
        pla
        pha
        and #$0f                ; bits 0-3: the note
        jsr play                ; Y = 0: AY 1
        pla
        bpl _out                ; bit 7: the bass moves on too
        ldy #0
        lda (BASSP),y
        inc BASSP
        bne +
        inc BASSP+1
*       ldy #CHIPB
        jsr play
_out:   pla
        tay
        pla
        tax
        pla
        rti

; play: note A (an index into periods) on channel A of the AY at MB + Y,
; struck: its envelope starts again.
play:   asl
        tax
        lda periods+1,x
        pha
        lda periods,x
        ldx #0
        jsr aywrite             ; fine
        pla
        ldx #1
        jsr aywrite             ; coarse
        ldx #13
        lda #$09
        jmp aywrite

lengths: .byte 12, 24, 36, 48

; The notes' tone periods: clock / (16 f) with the clock at 1,020,484 Hz.
periods:
        .word 651, 517, 488, 387, 325, 244, 217, 194, 183, 163
.alias G2 0
.alias B2 1
.alias C3 2
.alias E3 3
.alias G3 4
.alias C4 5
.alias D4 6
.alias E4 7
.alias F4 8
.alias G4 9
.alias Q  $10                   ; a quarter (24 ticks, 0.4 s)
.alias QD $20                   ; a dotted quarter
.alias H  $30                   ; a half
.alias B  $80                   ; the bass moves on with this note

; Ode to Joy: one byte a melody note, the bass a half note at a time.
melody:
        .byte B+E4+Q, E4+Q, B+F4+Q, G4+Q,  B+G4+Q, F4+Q, B+E4+Q, D4+Q
        .byte B+C4+Q, C4+Q, B+D4+Q, E4+Q,  B+E4+QD, D4, B+D4+H
        .byte B+E4+Q, E4+Q, B+F4+Q, G4+Q,  B+G4+Q, F4+Q, B+E4+Q, D4+Q
        .byte B+C4+Q, C4+Q, B+D4+Q, E4+Q,  B+D4+QD, C4, B+C4+H
        .byte B+D4+Q, D4+Q, B+E4+Q, C4+Q,  B+D4+Q, E4, F4, B+E4+Q, C4+Q
        .byte B+D4+Q, E4, F4, B+E4+Q, D4+Q,  B+C4+Q, D4+Q, B+G3+H
        .byte B+E4+Q, E4+Q, B+F4+Q, G4+Q,  B+G4+Q, F4+Q, B+E4+Q, D4+Q
        .byte B+C4+Q, C4+Q, B+D4+Q, E4+Q,  B+D4+QD, C4, B+C4+H
        .byte $ff
bass:
        .byte C3, G2,  G2, B2,  C3, E3,  G2, G2,  C3, G2,  G2, B2,  C3, E3,  G2, C3
        .byte G2, C3,  G2, C3,  G2, B2,  C3, G2,  C3, G2,  G2, B2,  C3, E3,  G2, C3

.include "text.s"
.include "rows.s"

.checkpc DEMO                   ; the music must end before the demo starts
