; screen.s - $FBC1-$FCC9: the 40-column text screen (row addresses,
; output in the scroll window, clearing, scrolling), the bell, WAIT and
; the address counters.  Include file.
;
; The window is WNDLFT/WNDWDTH/WNDTOP/WNDBTM; CH is relative to WNDLFT
; because BASL has WNDLFT added (VTABZ), so (BASL),Y with Y = CH is the
; cursor's cell.  Text page 1 row r starts at $0400 + 128 * (r mod 8) +
; 40 * (r div 8).

.scope
; BASCALC ($FBC1): BASL/BASH = the base of text row A (0-23), as GBASCALC
; computes GBASL/GBASH.  Ends with A = BASL; X and Y are kept.
.advance $FBC1, $00
bascalc:
        pha
        lsr                     ; carry: the row's bit 0
        and #$03
        ora #$04
        sta BASH
        pla
        and #$18
        bcc +
        ora #$80
*       sta BASL
        asl
        asl
        ora BASL
        sta BASL
_rts:   rts

; (VIDOUT, below, ends here: a bell rings BELL1; other controls are ignored.)
_ctl:   cmp #$87
        bne _rts

; BELL1 ($FBDD): a pause of about 0.01 s, then BELL1.2 ($FBE2): 192
; half-waves, then BELL2 ($FBE4): Y half-waves of about 940 Hz (544
; cycles each: WAIT(12) and the loop).  Ends with Y = 0; X is kept.
        .advance $FBDD, $00
bell1:  lda #$40
        jsr wait
bell12: ldy #192
bell2:  lda #12
        jsr wait
        lda SPKR
        dey
        bne bell2
        rts

; STORADV ($FBF0): A into the cursor's cell as it is, then ADVANCE ($FBF4):
; one column right; past the window's edge, the next line.
        .advance $FBF0, $00
storadv: ldy CH
        sta (BASL),y
advance: inc CH
        lda CH
        cmp WNDWDTH
        bcs cr
        rts

; VIDOUT ($FBFD): A to the screen as it is (no INVFLG): $00-$7F (screen
; codes) and $A0-$FF are stored; Return, line feed, backspace and bell act,
; the other controls are ignored.  X is kept.
        .advance $FBFD, $00
vidout: cmp #$A0
        bcs storadv
        tay
        bpl storadv
        cmp #$8D
        beq cr
        cmp #$8A
        beq lf
        cmp #$88
        bne _ctl
; BS ($FC10): one column left; from the window's left edge, the end of the
; line above.
bs:     dec CH
        bpl _ret
        lda WNDWDTH
        sta CH
        dec CH
; UP ($FC1A): one line up, unless on the window's top line.
up:     lda WNDTOP
        cmp CV
        bcs _ret
        dec CV
; VTAB ($FC22): BASL for the cursor's row CV.  VTABZ ($FC24): for row A.
; Both add the window's left edge and end with A = BASL; X and Y are kept.
vtab:   lda CV
vtabz:  jsr bascalc
        clc
        adc WNDLFT              ; never carries: at most $D0 + 39
        sta BASL
_ret:   rts

; RDCHAR's escape keys call these (keyboard.s): the routine's address - 1,
; in this page, by key - "@" for ESC @ .. ESC M.  G, H and L do nothing.
escact: .byte <[home-1], <[right-1], <[bs-1], <[lf-1], <[up-1], <[clreol-1]
        .byte <[clreop-1], <[_ret-1], <[_ret-1], <[up-1], <[bs-1], <[right-1]
        .byte <[_ret-1], <[lf-1]
right:  jmp advance

; CLREOP ($FC42): blank from the cursor to the end of the window.  Ends
; with Y = 0 and A = BASL; X is kept.
        .advance $FC42, $00
clreop: ldy CH
        lda CV
_line:  pha
        jsr vtabz
        jsr cleolz              ; (leaves the carry set)
        ldy #0                  ; later lines: from their first column
        pla
        adc #0                  ; the next row
        cmp WNDBTM
        bcc _line
        bcs vtab                ; always
; HOME ($FC58): blank the window, the cursor to its top left.
home:   lda WNDTOP
        sta CV
        ldy #0
        sty CH
        beq _line               ; always

; CR ($FC62): column 0 of the next line.  LF ($FC66): the next line,
; scrolling at the bottom.  X is kept.
cr:     lda #0
        sta CH
lf:     inc CV
        lda CV
        cmp WNDBTM
        bcc vtabz
        dec CV
; SCROLL ($FC70): the window's lines up one, its last line blank; the
; cursor's row CV and BASL for it as they were.  X is kept.
scroll: lda WNDTOP
        pha                     ; the row being filled, on the stack
        jsr vtabz
_row:   lda BASL                ; the row just read becomes the one filled
        sta BAS2L
        lda BASH
        sta BAS2H
        pla
        adc #1                  ; (carry clear) the row below it
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
        bcs vtab                ; always

; CLREOL ($FC9C): blank from the cursor to the end of the window's line.
; CLEOLZ ($FC9E): from column Y.  Ends with Y = WNDWDTH, carry set.
        .advance $FC9C, $00
clreol: ldy CH
cleolz: lda #$A0
_blank: sta (BASL),y
        iny
        cpy WNDWDTH
        bcc _blank
        rts

; WAIT ($FCA8): a delay of (26 + 27 A + 5 A^2) / 2 cycles, JSR and RTS
; included, for A = 1-255 (A = 0 waits about as long as 256).  Ends with
; A = 0, carry set; X and Y are kept.
        .advance $FCA8, $00
wait:   sec
_outer: pha                     ; the outer count, A down to 1
_inner: sbc #1                  ; an inner loop of A passes, 5 cycles each
        bne _inner
        pla
        sbc #1
        bne _outer
        rts

; NXTA4 ($FCB4): A4 and A1 one on.  NXTA1 ($FCBA): A1 one on.  Carry set
; if A1 was at A2 (or past it): the range is done.  X and Y are kept.
        .advance $FCB4, $00
nxta4:  inc A4L
        bne nxta1
        inc A4H
nxta1:  lda A1L
        cmp A2L
        lda A1H
        sbc A2H
        inc A1L
        bne +
        inc A1H
*       rts

; HEADR ($FCC9): the cassette's; there is no cassette port here, so it
; returns at once, as the Apple IIc documents for its own.
        .advance $FCC9, $00
headr:  rts
.scend
