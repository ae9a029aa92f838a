; window.s - $FB19-$FBC0: the register names, the paddles, the text window
; and video modes, the title, the power-up byte, the Ctrl-S pause, and the
; identification bytes.  Include file.

.scope
; RTBL ($FB19): the register names RGDSP1 shows, "AXYPS".
.advance $FB19, $00
rtbl:   .byte $C1, $D8, $D9, $D0, $D3

; PREAD ($FB1E): Y = the position of paddle X (0-255): the timers
; triggered, then counted while the paddle's timer runs, 11 cycles a
; count, the 556 timer's rate per unit.  PREAD4 ($FB21): without the
; trigger.  The II+'s ID byte $FB1E = $AD is this LDA.
pread:  lda PTRIG
pread4: ldy #0
        nop
        nop
_count: lda PADDL0,x
        bpl _done
        iny
        bne _count
        dey                     ; 255 at most
_done:  rts

; INIT ($FB2F): text page 1, lo-res for when graphics are switched on, a
; full-screen window.  SETTXT ($FB39): text mode and a full window; the
; page is left as it is.  SETGR ($FB40): lo-res with four lines of text
; (mixed), its graphics cleared, the window on those lines.  SETWND ($FB4B):
; the window from row A down, full width, the cursor on its last line.
; TABV ($FB5B): the cursor to row A.  All end with A = BASL.
        .advance $FB2F, $00
init:   lda #0
        sta STATUS
        lda LORES
        lda LOWSCR
settxt: lda TXTSET              ; $FB39
        lda #0
        beq setwnd
setgr:  lda TXTCLR              ; $FB40
        lda MIXSET
        jsr clrtop
        lda #20
setwnd: sta WNDTOP              ; $FB4B
        lda #0
        sta WNDLFT
        lda #40
        sta WNDWDTH
        lda #24
        sta WNDBTM
        lda #23
tabv:   sta CV                  ; $FB5B
        jmp vtabz

; APPLEII ($FB60): clear the window and put the machine's title in the
; middle of the top line; the cursor stays at the top left.  Y = 0.
        .advance $FB60, $00
appleii: jsr home
        ldy #TITLE_END - title
_char:  lda title-1,y
        sta $0400 + [40 - [TITLE_END - title]] / 2 - 1,y
        dey
        bne _char
        rts

; SETPWRC ($FB6F): PWREDUP = SOFTEV+1 EOR $A5, the power-up byte that
; makes RESET trust SOFTEV; A = that byte.
        .advance $FB6F, $00
setpwrc: lda SOFTEV+1
        eor #$A5
        sta PWREDUP
        rts

; VIDWAIT ($FB78): before a Return, a Ctrl-S waiting on the keyboard pauses
; the output until the next key (KBDWAIT, $FB88); that key is taken off the
; keyboard unless it is Ctrl-C, which is left for the program.  Then VIDOUT.
        .advance $FB78, $00
vidwait: cmp #$8D
        bne _out
        ldy KBD
        bpl _out
        cpy #$93                ; Ctrl-S
        bne _out
        bit KBDSTRB
kbdwait: ldy KBD                ; $FB88
        bpl kbdwait
        cpy #$83                ; Ctrl-C
        beq _out
        bit KBDSTRB
_out:   jmp vidout

; The machine's title, for APPLEII (and, in plain ASCII, at $D000 when our
; $D000-$F7FF is there: OURS compares them).
title:  .byte $C1, $D0, $D0, $CC, $C5, $B2, $A0, $D0, $D9
        .byte $A0, $C6, $C9, $D2, $CD, $D7, $C1, $D2, $C5
TITLE_END:                      ; "APPLE2 PY FIRMWARE", bit 7 set

; A1LINE: a fresh line, A1 and "-".  ADDRLN: the same for A (high), X.
; VERSION, $FBB3, the model's identification byte, sits inside it: a BIT
; zero-page opcode before it makes it an operand, so the code runs the same
; whatever the byte is ($EA on a II+, $06 on a IIe).
        .advance $FBAA, $00
a1line: lda A1H
        ldx A1L
addrln: pha
        jsr freshln
        .checkpc $FBB2
        .advance $FBB2, $00
        .byte $24               ; BIT zp: skips VERSION
        .byte ID_FBB3           ; $FBB3
        pla
        jsr prntax
        lda #$AD                ; "-"
        jmp cout

; Identification (Apple II Miscellaneous Technical Note #7): $FBB3
; (VERSION, above), $FBC0 (ZIDBYTE) and $FBBF (ZIDBYTE2); $FB1E is
; PREAD's LDA.
        .advance $FBBF, $00
        .byte ID_FBBF, ID_FBC0
.scend
