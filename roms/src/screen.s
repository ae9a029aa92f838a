; screen.s - the 40-column text screen: row addresses, character output
; (COUT1) in the scroll window, clearing and scrolling.  Include file.
;
; The window is WNDLFT/WNDWDTH/WNDTOP/WNDBTM; CH is relative to WNDLFT
; because BASL already has WNDLFT added (VTABZ), so (BASL),Y with Y = CH is
; the cursor cell.  Text page 1 row r starts at $0400 + 128 * (r mod 8) +
; 40 * (r div 8).

.scope
; BASCALC: A = text row 0-23 -> BASL/BASH.  Ends with A = BASL (as the
; II+ does; programs use it); X and Y are kept.
bascalc:
        pha
        and #$18                ; 8 * (row div 8)
        sta BASL
        asl
        asl                     ; 32 * (row div 8); no carry out (at most 64)
        adc BASL                ; 40 * (row div 8)
        sta BASL
        pla
        pha
        lsr                     ; carry = row bit 0: the second half of a page
        and #$03                ; (row mod 8) div 2: which page
        ora #$04
        sta BASH
        bcc +
        lda BASL
        ora #$80
        sta BASL
*       pla
        lda BASL
        rts

; VTAB: BASL for row CV.  VTABZ: for row A, with the window's left edge
; added.  Both end with A = BASL.
vtab:   lda CV
vtabz:  jsr bascalc
        clc
        adc WNDLFT              ; never carries: at most $D0 + 39
        sta BASL
        rts

; TABV: cursor to row A (column unchanged).
tabv:   sta CV
        jmp vtab

; COUT1: print A on the screen at the cursor and advance.  $A0-$FF go
; through INVFLG first (normal, inverse, flashing); then COUTZ: $00-$7F are
; screen codes and print as they are; of $80-$9F, Return, line feed,
; backspace and bell act, the rest are ignored.  X and Y are kept, and A is
; the character as it went to VIDWAIT (after INVFLG), as on the II+.
scrnout: cmp #$A0
        bcc coutz
        and INVFLG
coutz:  sty YSAV1
        pha
        jsr vidwait
        pla
        ldy YSAV1
        rts

; VIDWAIT: before a Return, a Ctrl-S waiting on the keyboard pauses the
; output (KBDWAIT) until the next key; that key is taken off the keyboard
; unless it is Ctrl-C, which is left for the program to see.  Then VIDOUT.
vidwait: cmp #$8D
        bne vidout
        ldy KBD
        bpl vidout
        cpy #$93                ; Ctrl-S
        bne vidout
        bit KBDSTRB
kbdwait: ldy KBD
        bpl kbdwait
        cpy #$83                ; Ctrl-C
        beq vidout
        bit KBDSTRB

; VIDOUT: A to the screen as it is (no INVFLG), control characters acting.
vidout: cmp #$A0
        bcs storadv
        cmp #$80
        bcc storadv             ; a screen code: store it as is
        cmp #$8D
        beq cr
        cmp #$8A
        beq lf
        cmp #$88
        beq bs
        cmp #$87
        bne _none
        jmp bell1
_none:  rts

; STORADV: A into the cursor's cell, then ADVANCE: one column right; past
; the window's edge, the next line.
storadv: ldy CH
        sta (BASL),y
advance: inc CH
        lda CH
        cmp WNDWDTH
        bcs cr
        rts

; CR: column 0 of the next line.  LF: next line, scrolling at the bottom.
cr:     lda #0
        sta CH
lf:     inc CV
        lda CV
        cmp WNDBTM
        bcc vtabz
        dec CV
        jmp scroll

; BS: one column left; from column 0, the end of the line above.
bs:     dec CH
        bpl _done
        ldy WNDWDTH
        dey
        sty CH
; UP: one line up, unless on the window's top line.
up:     lda WNDTOP
        cmp CV
        bcs _done               ; already on the top line of the window
        dec CV
        jmp vtab
_done:  rts

; SCROLL: move the window's lines up by one and clear its bottom line.  The
; cursor row CV is left as it was.  X is kept.
scroll: lda WNDTOP
        pha                     ; the row being filled, kept on the stack
        jsr vtabz
_row:   lda BASL                ; the row just read becomes the one filled
        sta BAS2L
        lda BASH
        sta BAS2H
        pla
        clc
        adc #1                  ; the row below it
        cmp WNDBTM
        bcs _last
        pha
        jsr vtabz               ; BASL: the row to copy up
        ldy WNDWDTH
        dey
_copy:  lda (BASL),y
        sta (BAS2L),y
        dey
        bpl _copy
        bmi _row                ; always
_last:  ldy #0                  ; BASL is the window's last row: blank it
        jsr cleolz
        jmp vtab

; CLREOL: blank from the cursor to the end of the window line.  CLEOLZ: from
; column Y.
clreol: ldy CH
cleolz: lda #$A0
_blank: sta (BASL),y
        iny
        cpy WNDWDTH
        bcc _blank
        rts

; CLREOP: blank from the cursor to the end of the window.
clreop: ldy CH
        lda CV
_line:  pha
        jsr vtabz
        jsr cleolz
        ldy #0                  ; later lines: from their first column
        pla
        clc
        adc #1
        cmp WNDBTM
        bcc _line
        jmp vtab

; HOME: blank the window and put the cursor at its top left.
home:   lda WNDTOP
        sta CV
        lda #0
        sta CH
        jmp clreop

; SETTXT: text mode, full-screen window (the display page is left as it
; is).  SETGR: lo-res with four lines of text below (mixed), the graphics
; area cleared, the window on those lines.
settxt: lda TXTSET
        lda #0
        beq setwnd
setgr:  lda TXTCLR
        lda MIXSET
        jsr clrtop
        lda #20
; SETWND: window from row A to the bottom, full width; cursor on its last line.
setwnd: sta WNDTOP
        lda #0
        sta WNDLFT
        lda #40
        sta WNDWDTH
        lda #24
        sta WNDBTM
        lda #23
        jmp tabv

; INIT: text page 1, lo-res (for when graphics are switched on), full window.
init:   lda #0
        sta STATUS
        lda LORES
        lda LOWSCR
        jmp settxt

; SETINV, SETNORM: later text inverse, or normal.
setinv: ldy #$3F
        sty INVFLG
        rts
setnorm: ldy #$FF
        sty INVFLG
        rts

; Hexadecimal and blanks.  PRBYTE: A as two digits.  PRHEX: the low nibble
; of A.  PRHEXZ: A = 0-15 as a digit.  PRBL2: X blanks.  All keep X and Y
; (PRBL2 ends with X = 0); A ends as the last character printed.
prbyte: pha
        lsr
        lsr
        lsr
        lsr
        jsr prhexz
        pla
prhex:  and #$0F
prhexz: ora #$B0                ; "0"-"9" ...
        cmp #$BA
        bcc +
        adc #6                  ; ... carry set: "A"-"F" follow a gap of 7
*       jmp COUT
prbl2:  lda #$A0
        jsr COUT
        dex
        bne prbl2
        rts

; CROUT: a Return through COUT.
crout:  lda #$8D
        jmp COUT

; FRESHLN: a Return only if the cursor is not at the start of a line, so
; that output begins on a line of its own without leaving blank lines.
freshln: lda CH
        beq +
        jsr crout
*       rts

; ADDRLN: a fresh line, then the address A (high) X (low) and a dash:
; "0300-", as the monitor starts its dump, list and register lines.
addrln: pha
        jsr freshln
        pla
        jsr prntax
        lda #$AD                ; "-"
        jmp COUT

; PRA1: a Return, A1 in hex and "-".  PRYX2: the same for Y (high), X.
; Both end with Y = 0, A = "-".
pra1:   ldy A1H
        ldx A1L
pryx2:  jsr crout
        jsr prntyx
        ldy #0
        lda #$AD                ; "-"
        jmp COUT

; PRMSG: the zero-terminated ASCII string at A (low), Y (high), through COUT.
prmsg:  sta A4L
        sty A4H
        ldy #0
_next:  lda (A4L),y
        beq _end
        ora #$80
        jsr COUT
        iny
        bne _next
_end:   rts
.scend
