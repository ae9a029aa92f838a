; hello.s - clear text page 1, print a greeting, then count frames of work.
;
; Written for this project's tests (tests/test_machine.py); assemble with ophis.
; Load at $0C00 and start there.  Sets TEXT and page 1, fills the screen with
; normal spaces, prints `message` on row 0, then spins forever incrementing
; the 16-bit counter on row 2 (four hex digits, redrawn every pass) so that
; the screen keeps changing while the machine runs.

.alias COUNT    $06             ; 16-bit pass counter

.org $0C00

start:  sta $c051               ; TEXT
        sta $c054               ; page 1
        lda #$a0                ; normal space
        ldx #0
clear:  sta $0400,x
        sta $0500,x
        sta $0600,x
        sta $0700,x
        inx
        bne clear
        ldx #0
print:  lda message,x
        beq spin
        ora #$80
        sta $0400,x
        inx
        bne print

spin:   inc COUNT
        bne show
        inc COUNT+1
show:   lda COUNT+1
        ldx #0
        jsr hex
        lda COUNT
        ldx #2
        jsr hex
        jmp spin

; hex: A as two hex digits at row 2 ($0500), columns X and X + 1.
hex:    pha
        lsr
        lsr
        lsr
        lsr
        tay
        lda digits,y
        sta $0500,x
        pla
        and #$0f
        tay
        lda digits,y
        sta $0501,x
        rts

message: .byte "HELLO FROM A HEADLESS APPLE II", 0
digits:  .byte $b0, $b1, $b2, $b3, $b4, $b5, $b6, $b7, $b8, $b9
         .byte $c1, $c2, $c3, $c4, $c5, $c6
