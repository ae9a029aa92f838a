; col80.s - the 80-column firmware's code at $C800-$CFFE (with AUXMOVE and
; XFER, auxmem.s).  Include file of iierom.s, which names the switches and
; the screen holes.
;
; What it does, from the Apple IIe Technical Reference Manual (1985), ch. 3,
; "The 80-column firmware" (the enhanced IIe's, with MouseText, when
; ENHANCED is 1):
;
; * PR#3 ($C300): KSW = $C305, CSW = $C307; 80STORE, 80COL and ALTCHARSET
;   on (lower case and inverse lower case; MouseText on the enhanced IIe);
;   the window the whole screen (its lower four lines under mixed graphics),
;   80 wide; the screen cleared; then the character in A is printed.
; * 80 columns: column c of a row is the byte at the row's address + c/2,
;   in aux memory for even c, in main memory for odd c.  With 80STORE on,
;   PAGE2 ($C055/$C054) picks aux or main text memory for the CPU.
; * Output ($C307), the control codes: Ctrl-G bell, H back, J line feed, K
;   clear to the end of the window, L home and clear, M return, N normal,
;   O inverse, Q 40 columns, R 80 columns, S (typed) stop the listing, U quit
;   (the firmware off: 40 columns, the screen's and keyboard's own hooks),
;   V scroll down, W scroll up, Y home, Z clear the line, \ forward space,
;   ] clear to the end of the line, ^ go to X, Y (the next two characters,
;   each + 32), _ up; on the enhanced IIe, Ctrl-[ MouseText on and Ctrl-X
;   off.  Other characters go on the screen: as they are with INVFLG normal;
;   inverse otherwise (flashing is inverse: the alternate set has no
;   flashing), with @-_ as MouseText when it is on.
; * Input ($C305): a key, showing the character under the cursor inverse
;   (escape mode: an inverse "+"), counting RNDL/RNDH.  ESC starts escape
;   mode: @ home and clear, A B C D right left down up once, E clear to the
;   end of the line, F to the end of the window, I J K M and the arrows
;   up left right down again and again, 4 40 columns, 8 80 columns, Ctrl-Q
;   quit (returned as a Ctrl-X, which cancels a GETLN line); any other key
;   ends escape mode.  The right arrow returns the character under the
;   cursor (GETLN's copy key); Return clears the rest of the line.
; * The cursor is CH (columns from WNDLFT, 0-79) and CV.  OURCH ($57B) and
;   OURCV ($5FB) hold them too; a program that changes CH (HTAB) or, if CH
;   is untouched, OURCH, moves the cursor, as on the enhanced IIe.
; * With 80COL off (Ctrl-Q, ESC 4) the firmware goes on in 40 columns, main
;   memory only, with all the above.
;
; The monitor stays whole in $F800-$FFFF and knows nothing of 80 columns;
; what it does on the screen itself is made harmless: RDKEY's cursor (the
; input entry puts the byte back at once), GETLN's copy key (answered here)
; and escape keys (handled here), and CLREOL from GETLN's and FRESHLN's
; CROUT1.  For those, in 80 columns, the firmware leaves BASL/BASH at
; $C300, its own ROM page: the monitor's 40-column writes there change
; nothing.  Programs that call HOME, CLREOL, SCROLL and the like directly
; get the 40-column routines; in 80 columns they use the control codes
; through COUT.
;
; FWMODE ($4FB): bit 7 escape mode, bit 6 MouseText, bit 0 Pascal (set by
; the Pascal init), bits 1 and 2 a GOTOXY waiting for its column, its row;
; $FF the firmware off (Ctrl-U).

.alias PARK     $C300           ; BASL in 80 columns (see above)
.alias F_ESC    $80
.alias F_MOUSE  $40
.alias F_GOX    $02
.alias F_GOY    $04
.alias F_PASCAL $01

; === the entries ============================================================

; C8INIT: PR#3's start, then print A (A, X and Y kept).
.scope
c8init: sta CHAR
        pha
        txa
        pha
        tya
        pha
        lda #<[c300+5]          ; input: $C305
        sta KSWL
        lda #<[c300+7]          ; output: $C307
        sta CSWL
        lda #>c300
        sta KSWH
        sta CSWH
        lda #0
        jsr start80
        jmp outbody
.scend

; START80: the firmware on, in mode A: 80 columns, the window, the screen
; cleared, the cursor home.
.scope
start80:
        sta FWMODE
        sta SET80STORE
        sta SET80VID
        sta SETALTCHAR
        jsr fullwnd
        bit RDTEXT              ; graphics on: the four lines of text below
        bmi +
        lda #20
        sta WNDTOP
*       jsr homeclr
        jmp leave
.scend

; C8OUT: COUT through the firmware (A, X and Y kept).
.scope
c8out:  sta CHAR
        pha
        txa
        pha
        tya
        pha
outbody:
        jsr enter
        lda FWMODE
        and #F_GOX | F_GOY
        bne _goto
        jsr stopkey
        lda CHAR
        and #$7F
        cmp #$20
        bcs _print
        jsr control
        jmp outend
_print: jsr putchar
        jmp outend
_goto:  jsr gotoxy
; OUTEND: leave, then A, X and Y back from the stack.
outend: jsr leave
        pla
        tay
        pla
        tax
        pla
        rts
.scend

; C8IN: a key through the firmware (X and Y kept).  A and Y come from
; RDKEY: A the byte it took from the cursor's cell, Y = CH; it goes back
; first (with BASL at PARK in 80 columns, nothing happens).
.scope
c8in:   sta (BASL),y
        txa
        pha
        tya
        pha
        jsr enter
_key:   jsr getkey
        cmp #$9B                ; ESC: escape mode
        beq _esc
        cmp #$95                ; the right arrow: the character under the cursor
        bne _ret
        jsr pick
        jmp _done
_ret:   cmp #$8D                ; Return: the rest of the line cleared
        bne _done
        jsr vclreol
        lda #$8D
_done:  sta CHAR
        jsr leave
        pla
        tay
        pla
        tax
        lda CHAR
        rts
_esc:   lda FWMODE
        ora #F_ESC
        sta FWMODE
        jsr getkey              ; (with the escape cursor)
        jsr esckey              ; carry set: stay in escape mode
        php
        lda FWMODE
        cmp #$FF                ; Ctrl-Q has quit: a Ctrl-X for GETLN
        beq _quit
        and #$FF - F_ESC
        sta FWMODE
        plp
        bcs _esc
        bcc _key
_quit:  plp
        lda #$98
        bne _done
.scend

; === state at each entry ======================================================

; ENTER: the cursor from CH (if the program changed it since we left) or
; OURCH, inside the window; 80STORE on and an even window in 80 columns;
; BASL for the cursor's row.
.scope
enter:  lda FWMODE
        cmp #$FF                ; called while off: on again, as it was
        bne +
        lda #0
        sta FWMODE
*       lsr                     ; Pascal: the whole screen
        bcc +
        jsr fullwnd
*       lda CH
        cmp OLDCH
        bne +
        lda OURCH
*       sta CH
        bit RD80VID
        bpl +
        sta SET80STORE
        lsr WNDLFT
        asl WNDLFT
        lsr WNDWDTH
        asl WNDWDTH
*       lda CH
        cmp WNDWDTH
        bcc +
        ldx WNDWDTH
        dex
        stx CH
*       lda CV
        cmp #24
        bcc +
        lda #23
        sta CV
*       jmp vtab80
.scend

; LEAVE: OURCH, OLDCH and OURCV from CH and CV; in 80 columns BASL at PARK,
; in 40 BASL for the row (with WNDLFT), as the monitor has it.
.scope
leave:  lda CH
        sta OURCH
        sta OLDCH
        lda CV
        sta OURCV
        bit RD80VID
        bpl sync40
        lda #<PARK
        sta BASL
        lda #>PARK
        sta BASH
        rts
sync40: lda CV
        jsr bascalc
        clc
        adc WNDLFT
        sta BASL
        rts
.scend
; FULLWND: the whole screen as the window, 80 or 40 wide.  WIDEWND: the
; window's full width only.
.scope
fullwnd:
        lda #0
        sta WNDTOP
        lda #24
        sta WNDBTM
widewnd:
        lda #0
        sta WNDLFT
        lda #40
        bit RD80VID
        bpl +
        asl
*       sta WNDWDTH
        rts
.scend

; VTAB80: BASL/BASH for row CV; VROW for row A.  BASL is the byte of the
; window's first column: the row's address + WNDLFT (40 columns) or + WNDLFT/2
; (80).  X and Y are kept.
.scope
vtab80: lda CV
vrow:   jsr bascalc             ; the monitor's: BASL/BASH, X and Y kept
        lda WNDLFT
        bit RD80VID
        bpl +
        lsr
*       clc
        adc BASL
        sta BASL
        rts

; === the screen, one cell at a time =============================================
.scend

; PUTC: A into window column Y of BASL's row; GETC: A from there.  In 80
; columns Y/2 is the byte, in aux memory for an even column.  Y is changed.
.scope
putc:   bit RD80VID
        bpl _main
        pha
        tya
        lsr
        tay
        pla
        bcs _main
        bit TXTPAGE2
        sta (BASL),y
        bit TXTPAGE1
        rts
_main:  sta (BASL),y
        rts
.scend
.scope
getc:   bit RD80VID
        bpl _main
        tya
        lsr
        tay
        bcs _main
        bit TXTPAGE2
        lda (BASL),y
        bit TXTPAGE1
        rts
_main:  lda (BASL),y
        rts
.scend

; PUTCHAR: CHAR (not a control) at the cursor, then the cursor on.  With
; INVFLG normal, as it is; else inverse: $60-$7F is inverse lower case and
; $20-$3F inverse punctuation in the alternate set, and @-_ inverse upper
; case ($00-$1F), or MouseText ($40-$5F) when it is on.
.scope
putchar:
        lda CHAR
        bit INVFLG
        bmi _put
        and #$7F
        cmp #$60
        bcs _put
        cmp #$40
        bcc _put
        bit FWMODE
        bvs _put
        and #$1F
_put:   ldy CH
        jsr putc
; FWD: one column right; past the window's edge, a return.
fwd:    inc CH
        lda CH
        cmp WNDWDTH
        bcs vcr
        rts
.scend

; CR: column 0 of the next line.  LF: the next line, scrolling at the
; window's bottom.
.scope
vcr:    lda #0
        sta CH
vlf:    inc CV
        lda CV
        cmp WNDBTM
        bcc vrow
        dec CV
        jmp scrollup
.scend

; BS: one column left; from the window's left edge the end of the line
; above, unless on its top line.  UP: one line up, unless on the top line.
.scope
vbs:    lda CH
        beq +
        dec CH
        rts
*       lda CV
        cmp WNDTOP
        beq _rts
        ldx WNDWDTH
        dex
        stx CH
vup:    lda CV
        cmp WNDTOP
        beq _rts
        dec CV
        jmp vtab80
_rts:   rts
.scend

.advance $CA21, $00
        .byte $8D               ; a2audit's mark

; CONTROL: act on control code A ($00-$1F).
.scope
control:
        asl
        tax
        lda ctltab+1,x
        pha
        lda ctltab,x
        pha
        rts

; Each control code's routine - 1 (for the RTS above).  MouseText exists
; on the enhanced IIe only.
.alias MT_OFF   [ctlmtoff - ctlnone] * ENHANCED + ctlnone
.alias MT_ON    [ctlmton - ctlnone] * ENHANCED + ctlnone
.scend
.scope
ctltab: .word ctlnone-1, ctlnone-1, ctlnone-1, ctlnone-1    ; @ A B C
        .word ctlnone-1, ctlnone-1, ctlnone-1, bell12-1     ; D E F G bell
        .word vbs-1, ctlnone-1, vlf-1, clreos-1               ; H back, I, J down, K
        .word homeclr-1, vcr-1, ctlnorm-1, ctlinv-1          ; L clear, M return, N, O
        .word ctlnone-1, to40-1, to80-1, ctlnone-1          ; P, Q 40, R 80, S
        .word ctlnone-1, quit-1, scrolldn-1, scrollup-1     ; T, U quit, V, W
        .word MT_OFF-1, vhome-1, clrline-1, MT_ON-1          ; X, Y home, Z, [
        .word fwd-1, vclreol-1, ctlgoto-1, vup-1              ; \ right, ], ^ goto, _ up
.scend

.scope
ctlnorm: ldy #$FF
        sty INVFLG
ctlnone: rts
ctlinv: ldy #$3F
        sty INVFLG
        rts
ctlmton: lda FWMODE
        ora #F_MOUSE
        sta FWMODE
        rts
ctlmtoff:
        lda FWMODE
        and #$FF - F_MOUSE
        sta FWMODE
        rts
ctlgoto: lda FWMODE
        ora #F_GOX
        sta FWMODE
        rts
.scend

; GOTOXY: CHAR - 32 is the column (F_GOX) or the row (F_GOY), counted from
; the window's top left; the cursor moves once both are in.
.scope
gotoxy: lda CHAR
        and #$7F
        sec
        sbc #32
        tay
        lda FWMODE
        and #F_GOX
        beq _row
        sty XCOORD
        lda FWMODE
        eor #F_GOX | F_GOY
        sta FWMODE
        rts
_row:   lda FWMODE
        and #$FF - F_GOY
        sta FWMODE
        tya
        clc
        adc WNDTOP
        cmp WNDBTM
        bcc +
        lda WNDBTM
        sbc #1
*       sta CV
        lda XCOORD
        cmp WNDWDTH
        bcc +
        lda WNDWDTH
        sbc #1
*       sta CH
        jmp vtab80
.scend

; SCROLLUP: the window's lines up one, its last line cleared.  SCROLLDN:
; down one, its first line cleared.  The cursor stays.
.scope
scrollup:
        lda WNDTOP
        sta TEMP1
_next:  lda TEMP1               ; BAS2: the line being filled
        jsr vrow
        jsr to_bas2
        inc TEMP1
        lda TEMP1
        cmp WNDBTM
        bcs _last
        jsr vrow                ; BASL: the line below, copied up
        jsr copyrow
        jmp _next
_last:  jsr from_bas2
        jmp clrcv
.scend
.scope
scrolldn:
        lda WNDBTM
        sta TEMP1
        dec TEMP1
_next:  lda TEMP1
        jsr vrow
        jsr to_bas2
        lda TEMP1
        cmp WNDTOP
        beq _last
        dec TEMP1
        lda TEMP1
        jsr vrow
        jsr copyrow
        jmp _next
_last:  jsr from_bas2
clrcv:  jsr clrrow              ; the line BASL (from BAS2) cleared, then the cursor's
        jmp vtab80
.scend
.scope
to_bas2:
        lda BASL
        sta BAS2L
        lda BASH
        sta BAS2H
        rts
from_bas2:
        lda BAS2L
        sta BASL
        lda BAS2H
        sta BASH
        rts
.scend

; COPYROW: BASL's line to BAS2's, the window's width, both banks.
.scope
copyrow:
        jsr rowbytes
_byte:  dey
        bmi +
        lda (BASL),y
        sta (BAS2L),y
        bit RD80VID
        bpl _byte
        bit TXTPAGE2
        lda (BASL),y
        sta (BAS2L),y
        bit TXTPAGE1
        bcc _byte               ; (always)
*       rts
.scend

; HOME: the window's top left.  HOMECLR: that, the window cleared.
.scope
vhome:  lda #0
        sta CH
        lda WNDTOP
        sta CV
        jmp vtab80
homeclr:
        jsr vhome
; CLREOS: the window cleared from the cursor on; the cursor stays.
clreos: jsr vclreol
        lda CV
        sta TEMP1
_row:   inc TEMP1
        lda TEMP1
        cmp WNDBTM
        bcs _end
        jsr vrow
        jsr clrrow
        jmp _row
_end:   jmp vtab80
.scend

; CLRLINE: the cursor's line cleared.  CLREOL: from the cursor on.  CLRROW:
; BASL's row, all of the window's width.  CLRFROM: from column Y.
.scope
clrline:
        ldy #0
        beq clrfrom
vclreol: ldy CH
clrfrom:
        tya
        beq clrrow
_cell:  tya
        pha
        lda #$A0
        jsr putc
        pla
        tay
        iny
        cpy WNDWDTH
        bcc _cell
        rts
.scend
.scope
clrrow: jsr rowbytes
        lda #$A0
_fill:  dey
        bmi +
        sta (BASL),y
        bit RD80VID
        bpl _fill
        bit TXTPAGE2
        sta (BASL),y
        bit TXTPAGE1
        bcc _fill               ; (always: RD80VID's BIT leaves the carry)
*       rts
.scend

; ROWBYTES: Y = the window's width in bytes of each bank (WNDWDTH/2 in 80
; columns), carry clear.
.scope
rowbytes:
        lda WNDWDTH
        bit RD80VID
        bpl +
        lsr
*       tay
        clc
        rts
.scend

; STOPKEY: a Ctrl-S typed stops the output until the next key (taken off
; unless it is Ctrl-C), as the monitor's VIDWAIT does at a Return.
.scope
stopkey:
        lda KBD
        cmp #$93
        bne _rts
        bit KBDSTRB
*       lda KBD
        bpl -
        cmp #$83
        beq _rts
        bit KBDSTRB
_rts:   rts
.scend

.advance $CC43, $00
        .byte $F0               ; a2audit's mark

; === the keyboard ===============================================================

; GETKEY: show the cursor, wait for a key counting RNDL/RNDH up, put the
; cell back; the key in A (bit 7 set).
.scope
getkey: ldy CH
        jsr getc
        sta TEMP2               ; what the cursor hides
        bit FWMODE
        bpl _block
        and #$80                ; escape mode: a "+", inverse on a normal
        eor #$AB                ; character, normal on an inverse one
        bne _show
_block: eor #$80                ; the character in the other video
        bmi _show
        cmp #$40                ; (inverse @-_ as $00-$1F, not MouseText)
        bcc _show
        cmp #$60
        bcs _show
        and #$1F
_show:  ldy CH
        jsr putc
_wait:  inc RNDL
        bne +
        inc RNDH
*       bit KBD
        bpl _wait
        lda TEMP2
        ldy CH
        jsr putc
        lda KBD
        bit KBDSTRB
        rts
.scend

; PICK: the character under the cursor, as a key (bit 7 set): $00-$1F and
; $80-$9F are @-_, $40-$5F too (MouseText or inverse upper case).
.scope
pick:   ldy CH
        jsr getc
        ora #$80
        cmp #$A0
        bcs +
        ora #$40
*       rts
.scend

; ESCKEY: act on key A in escape mode (lower case as upper case).  The
; carry says whether escape mode goes on.  CHAR = the key; Ctrl-Q's quit
; sets it to $98.
.scope
esckey: cmp #$E0
        bcc +
        and #$DF
*       sta CHAR
        ldx #ESCN - 1
_find:  cmp esckeys,x
        beq _found
        dex
        bpl _find
        clc                     ; not an escape key: escape mode ends
        rts
_found: txa
        pha
        asl
        tax
        lda escacts+1,x
        pha
        lda escacts,x
        pha
        rts                     ; to the key's routine, which returns here:
escback:
        pla
        cmp #ESCSTAY            ; the first ones end escape mode
        rts
.scend

; The escape keys and their routines - 1; ESCBACK is pushed under them.
.scope
esckeys: .byte $C0, $C1, $C2, $C3, $C4, $C5, $C6, $B4, $B8, $91   ; @ A B C D E F 4 8 ^Q
        .byte $C9, $CA, $CB, $CD, $8B, $88, $95, $8A              ; I J K M up left right down
.alias ESCN     22 - 4
.alias ESCSTAY  10
escacts: .word eschome-1, escfwd-1, escbs-1, esclf-1, escup-1, escclr-1, esceos-1
        .word esc40-1, esc80-1, escquit-1
        .word escup-1, escbs-1, escfwd-1, esclf-1, escup-1, escbs-1, escfwd-1, esclf-1
.scend

; Each runs its routine, then returns to ESCBACK.
.scope
eschome: jsr homeclr
        jmp escback
escfwd: jsr fwd
        jmp escback
escbs:  jsr vbs
        jmp escback
esclf:  jsr vlf
        jmp escback
escup:  jsr vup
        jmp escback
escclr: jsr vclreol
        jmp escback
esceos: jsr clreos
        jmp escback
esc40:  jsr to40
        jmp escback
esc80:  jsr to80
        jmp escback
escquit:
        jsr quit                ; (C8IN sees FWMODE = $FF)
        jmp escback

; === 40 and 80 columns ============================================================
.scend

; TO40: from 80 columns to 40 (Ctrl-Q, ESC 4): each row's first 40 columns
; become its 40; 80STORE and 80COL off; the window 40 wide.
.scope
to40:   bit RD80VID
        bpl _rts
        lda #23
        sta TEMP1
_row:   lda TEMP1
        jsr bascalc             ; (no window: the whole row)
        ldy #39                 ; column k of 80 from the top down:
_col:   tya                     ; main byte k/2 for an odd k, aux byte k/2
        lsr                     ; for an even one, into main byte k
        sty TEMP2
        tay
        bcs +
        bit TXTPAGE2
*       lda (BASL),y
        bit TXTPAGE1
        ldy TEMP2
        sta (BASL),y
        dey
        bpl _col
        dec TEMP1
        bpl _row
        sta CLR80VID
        sta CLR80STORE
        jsr widewnd
        lda CH
        cmp #40
        bcc +
        lda #39
        sta CH
*       jmp vtab80
_rts:   rts
.scend

; TO80: from 40 columns to 80 (Ctrl-R, ESC 8): each row's 40 become its
; first 40 columns, the other 40 blank; 80STORE, 80COL and ALTCHARSET on;
; the window 80 wide.
.scope
to80:   bit RD80VID
        bmi _rts
        sta SET80STORE
        lda #23
        sta TEMP1
_row:   lda TEMP1
        jsr bascalc
        ldy #0                  ; column k of 40 from the left: into aux byte
_col:   lda (BASL),y            ; k/2 for an even k, main byte k/2 for an odd
        sty TEMP2               ; one (below k: read already)
        pha
        tya
        lsr
        tay
        pla
        bcs +
        bit TXTPAGE2
*       sta (BASL),y
        bit TXTPAGE1
        ldy TEMP2
        iny
        cpy #40
        bcc _col
        ldy #20                 ; columns 40-79 blank
        lda #$A0
_blank: sta (BASL),y
        bit TXTPAGE2
        sta (BASL),y
        bit TXTPAGE1
        iny
        cpy #40
        bcc _blank
        dec TEMP1
        bpl _row
        sta SET80VID
        sta SETALTCHAR
        jsr widewnd
        jmp vtab80
_rts:   rts
.scend

; QUIT: the firmware off (Ctrl-U, ESC Ctrl-Q): 40 columns, the primary
; character set, the screen's and the keyboard's own hooks (the monitor's
; SETVID and SETKBD).
.scope
quit:   jsr to40
        sta CLRALTCHAR
        jsr setvid
        jsr setkbd
        lda #$FF
        sta FWMODE
        rts
.scend

.advance $CEB5, $00
        .byte $7B               ; a2audit's mark
.include "auxmem.s"

; === the Pascal 1.1 entries =====================================================

; The Pascal 1.1 entries: X = 0 (no error) on return; Y kept.
.scope
c8pinit:
        tya
        pha
        lda #F_PASCAL
        jsr start80
        jmp pasend
.scend
.scope
c8pread:
        tya
        pha
        jsr enter
        jsr getkey
        and #$7F
        sta CHAR
        jsr leave
        lda CHAR
        jmp pasend
.scend
.scope
c8pwrite:
        sta CHAR
        tya
        pha
        lda CHAR
        pha
        jsr enter
        lda FWMODE
        and #F_GOX | F_GOY
        beq +
        jsr gotoxy
        jmp _end
*       lda CHAR
        and #$7F
        cmp #$0D                ; Pascal's Return: back to column 0 (its LF follows)
        bne +
        lda #0
        sta CH
        beq _end
*       cmp #$20
        bcs _char
        jsr control
        jmp _end
_char:  lda CHAR
        ora #$80
        sta CHAR
        jsr putchar
_end:   jsr leave
        pla                     ; A as it came
        jmp pasend
.scend
; Status: A = 0, can it take a character (always: carry set); A = 1, is
; there one to read (carry: a key is waiting).  Anything else: X = 3.
.scope
c8pstatus:
        tay                     ; (Y is not kept here)
        bne +
        sec
        bcs _ok
*       dey
        bne _bad
        lda KBD
        asl                     ; carry: a key
_ok:    ldx #0
        rts
_bad:   ldx #3
        clc
        rts
.scend
.scope
pasend: tax                     ; A kept, Y back, X = 0
        pla
        tay
        txa
        ldx #0
        rts
.scend


