; entries.s - the documented entry points at their fixed addresses in
; $F800-$FFFF, and the 6502 vectors.  Programs call these addresses
; directly, so they must never move; emu/entry_points.py lists each one with
; its documented effect, and tests/test_entry_points.py calls each one.
;
; Most are a JMP to the routine elsewhere in the ROM.  Where two documented
; entry points are closer than a JMP is long, the first is an instruction
; that really comes before the second (VTAB is LDA CV, then VTABZ), so that
; entering at either does what the documents say.  Gaps are filled with $00
; (BRK): a program that jumps where nothing is documented stops in the
; monitor with its registers shown, instead of running on through whatever
; happens to be there.  Include file.

.advance $F800, $00
        jmp plot                ; PLOT: block at column Y, row A, colour COLOR
.advance $F80E, $00
        jmp plot1               ; PLOT1: the same with GBASL and MASK set
.advance $F819, $00
        jmp hline               ; HLINE: row A, columns Y..H2
.advance $F828, $00
        jmp vline               ; VLINE: column Y, rows A..V2
.advance $F832, $00
        jmp clrscr              ; CLRSCR: lo-res all black
.advance $F836, $00
        jmp clrtop              ; CLRTOP: lo-res rows 0-39 black
.advance $F847, $00
        jmp gbascalc            ; GBASCALC: lo-res row A base -> GBASL
.advance $F85F, $00
        jmp nxtcol              ; NXTCOL: COLOR + 3
.advance $F864, $00
        jmp setcol              ; SETCOL: COLOR = A
.advance $F871, $00
        jmp scrn                ; SCRN: A = colour at column Y, row A
.advance $F882, $00
        jmp insds1              ; INSDS1: "PC-" on a new line, then INSDS1.2
.advance $F88C, $00
insds12: lda (PCL,x)            ; INSDS1.2 (X = 0): the opcode at PC, then ...
        jmp insds2              ; INSDS2 ($F88E): its LENGTH and FORMAT
.advance $F8D0, $00
        jmp insdsp              ; INSTDSP: disassemble the instruction at PC
.advance $F940, $00
prntyx: tya                     ; PRNTYX: Y then X in hex
prntax: jsr prbyte              ; PRNTAX ($F941): A then X in hex
        txa                     ; PRNTX ($F944): X in hex
        jmp prbyte
prblnk: ldx #3                  ; PRBLNK ($F948): three blanks
        jmp prbl2               ; PRBL2 ($F94A): X blanks
.advance $F953, $00
pcadj:  sec                     ; PCADJ: A, Y = PC + LENGTH + 1
        lda LENGTH              ; PCADJ2 ($F954): PC + LENGTH + carry
        jmp pcadj3              ; PCADJ3 ($F956): PC + A (signed) + carry

; IRQ and BRK ($FFFE points here).  A goes to A5H, then the B flag of the
; status the 6502 pushed tells a BRK (through BREAK, $FA4C) from an
; interrupt (through IRQLOC, $03FE, with the interrupt's stack frame as the
; 6502 left it: the handler ends with LDA A5H and RTI).  X, Y untouched.
.advance $FA40, $00
irq:    sta A5H
        pla
        pha
        asl                     ; B (bit 4) to bit 7
        asl
        asl
        bmi brkent
        jmp (IRQLOC)
brkent: jmp break               ; BREAK ($FA4C): save the registers, then BRKV
.advance $FA59, $00
oldbrk: jmp showbrk             ; OLDBRK: show PC and registers, enter the monitor
.advance $FA62, $00
resetv: jmp reset               ; RESET: the 6502's RESET vector points here
.advance $FAA6, $00
        jmp pwrup               ; PWRUP: a cold start (programs aim SOFTEV here)
.advance $FABA, $00
        jmp sloop               ; SLOOP: boot the next card below slot LOC1
.advance $FAD7, $00
        jsr crout               ; REGDSP: a Return, then ...
        jmp rgdsp1              ; RGDSP1 ($FADA): " A=.. X=.. Y=.. P=.. S=.."
.advance $FB19, $00
rtbl:   .byte $C1, $D8, $D9, $D0, $D3   ; RTBL: "AXYPS", RGDSP1's register names
        lda PTRIG               ; PREAD ($FB1E): Y = paddle X (0-255).  The II+'s
        jmp pread               ; ID bytes check $FB1E = $AD (LDA abs).
                                ; PREAD4 ($FB21): the same without a trigger
.advance $FB2F, $00
        jmp init                ; INIT: text page 1, full window
.advance $FB39, $00
        jmp settxt              ; SETTXT: text mode, full window
.advance $FB40, $00
        jmp setgr               ; SETGR: lo-res, mixed, window rows 20-23
.advance $FB4B, $00
        jmp setwnd              ; SETWND: window rows A-23, full width
.advance $FB5B, $00
        jmp tabv                ; TABV: cursor to row A
.advance $FB60, $00
        jmp appleii             ; APPLEII: clear the screen, title on top
.advance $FB6F, $00
setpwrc: lda SOFTEV+1           ; SETPWRC: the power-up byte that makes
        eor #$A5                ; RESET trust SOFTEV; A = that byte
        sta PWREDUP
        rts
.advance $FB78, $00
        jmp vidwait             ; VIDWAIT: VIDOUT, pausing at a Return on Ctrl-S
.advance $FB88, $00
        jmp kbdwait             ; KBDWAIT: wait for a key, then VIDOUT
; Identification bytes, per Apple II Miscellaneous Technical Notes #2 and
; #7: the model's top file sets them (a II+ has $FBB3 = $EA and $FB1E = $AD,
; PREAD above; $FBC0 and $FBBF are $EA there too, "for reference").
.advance $FBB3, $00
        .byte ID_FBB3           ; $FBB3
.advance $FBBF, $00
        .byte ID_FBBF, ID_FBC0  ; $FBBF, $FBC0
.advance $FBC1, $00
        jmp bascalc             ; BASCALC: text row A base -> BASL
; BELL1: wait about 0.01 s, then BELL1.2 ($FBE2): 192 half-waves, then
; BELL2 ($FBE4): Y half-waves of about 1 kHz on the speaker.
.advance $FBDD, $00
bell1:  lda #$40
        jsr WAIT
        ldy #192
        jmp bell2
.advance $FBF0, $00
        jmp storadv             ; STORADV: A at the cursor as it is, advance
.advance $FBF4, $00
        jmp advance             ; ADVANCE: cursor right
.advance $FBFD, $00
        jmp vidout              ; VIDOUT: A to the screen, no INVFLG
.advance $FC10, $00
        jmp bs                  ; BS: cursor left
.advance $FC1A, $00
        jmp up                  ; UP: cursor up
.advance $FC22, $00
        lda CV                  ; VTAB: BASL for row CV ...
        jmp vtabz               ; VTABZ ($FC24): ... for row A
.advance $FC42, $00
        jmp clreop              ; CLREOP: blank to the end of the window
.advance $FC58, $00
        jmp home                ; HOME: blank the window, cursor top left
.advance $FC62, $00
        jmp cr                  ; CR: start of the next line
.advance $FC66, $00
        jmp lf                  ; LF: next line, scrolling
.advance $FC70, $00
        jmp scroll              ; SCROLL: the window up one line
.advance $FC9C, $00
        ldy CH                  ; CLREOL: blank to the end of the line ...
        jmp cleolz              ; CLEOLZ ($FC9E): ... from column Y

; WAIT: delay 1/2 (26 + 27 A + 5 A^2) cycles, JSR and RTS included, for
; A = 1-255 (the documented formula; A = 0 waits about as long as 256).
; Here rather than behind a JMP, whose 3 cycles would spoil the count.
; Ends with A = 0; X and Y kept.
.advance $FCA8, $00
wait:   sec
_wait:  pha                     ; the outer count, A down to 1
_inner: sbc #1                  ; an inner loop of A passes, 5 cycles each
        bne _inner
        pla
        sbc #1
        bne _wait
        rts

.advance $FCB4, $00
        jmp nxta4               ; NXTA4: A4 and A1 on; carry: A1 was at A2
.advance $FCBA, $00
        jmp nxta1               ; NXTA1: A1 on; carry: it was at A2
; The cassette routines: there is no cassette port here, so HEADR, WRITE
; and READ return at once, as the Apple IIc's ROM documents for its own.
.advance $FCC9, $00
        rts                     ; HEADR
.advance $FD0C, $00
        jmp rdkey               ; RDKEY: a key through KSW, with a cursor
.advance $FD18, $00
        jmp (KSWL)              ; KEYIN0: the input hook itself
.advance $FD1B, $00
keyin:  jmp keywait             ; KEYIN: wait for a key
.advance $FD35, $00
        jmp rdchar              ; RDCHAR: a key, after escape sequences
.advance $FD67, $00
        jsr crout               ; GETLNZ: Return, then GETLN
        lda PROMPT              ; GETLN ($FD6A): the prompt, then ...
        jsr COUT                ; GETLN0 ($FD6C): A as the prompt, then
        jmp getln1              ; GETLN1 ($FD6F): a line into IN, X = length
.advance $FD8B, $00
        jsr clreol              ; CROUT1: blank to the end of the line ...
        jmp crout               ; CROUT ($FD8E): ... then Return
.advance $FD92, $00
        jmp pra1                ; PRA1: Return, A1 in hex, "-"
.advance $FD96, $00
        jmp pryx2               ; PRYX2: Return, Y and X in hex, "-"
.advance $FDDA, $00
        jmp prbyte              ; PRBYTE: A in hex
.advance $FDE3, $00
        and #$0F                ; PRHEX: the low nibble of A in hex ...
        jmp prhexz              ; PRHEXZ ($FDE5): ... A = 0-15 as a digit
.advance $FDED, $00
cout:   jmp (CSWL)              ; COUT: A through the output hook
cout1:  jmp scrnout             ; COUT1 ($FDF0): A to the screen
.advance $FDF6, $00
        jmp coutz               ; COUTZ: COUT1 without INVFLG
.advance $FE1F, $00
        rts                     ; $FE1F: the IIgs's ID call; on the II+ an RTS that
                                ; leaves carry set (Apple II Misc. Tech Note #7)
.advance $FE2C, $00
        jmp move                ; MOVE: A1..A2 to A4 (Y = 0)
.advance $FE36, $00
        jmp verify              ; VFY: compare A1..A2 with A4 (Y = 0)
.advance $FE5E, $00
        jmp listpc              ; LIST: 20 instructions from PC
.advance $FE75, $00
        jmp a1pc                ; A1PC: PC = A1 if X is not 0
.advance $FE80, $00
        jmp setinv              ; SETINV: inverse text
.advance $FE84, $00
        jmp setnorm             ; SETNORM: normal text
.advance $FE89, $00
setkbd: lda #0                  ; SETKBD: input from the keyboard ...
        jmp inport              ; INPORT ($FE8B): ... or from slot A
.advance $FE93, $00
setvid: lda #0                  ; SETVID: output to the screen ...
        jmp outport             ; OUTPORT ($FE95): ... or to slot A
.advance $FEB6, $00
        jmp go                  ; GO: registers from $45-$48, JMP (PC)
.advance $FECD, $00
        rts                     ; WRITE (cassette: none here)
.advance $FEFD, $00
        rts                     ; READ (cassette: none here)
.advance $FF2D, $00
        jmp prerr               ; PRERR: "ERR" and a beep
.advance $FF3A, $00
        jmp bell                ; BELL: a bell character through COUT
.advance $FF3F, $00
        jmp iorest              ; IOREST: registers from $45-$48
.advance $FF4A, $00
        sta A5H                 ; IOSAVE: A, then ...
        jmp sav1                ; SAV1 ($FF4C): X, Y, P, S to $46-$49
.advance $FF58, $00
        rts                     ; IORTS: a known RTS (cards find their slot with it)
        jmp oldrst              ; OLDRST ($FF59): reset the I/O, then the monitor
.advance $FF65, $00
mon:    jmp monbeep             ; MON: beep, then the monitor
.advance $FF69, $00
monz:   jmp monloop             ; MONZ: the monitor ("CALL -151")

.advance $FFFA, $00
        .word NMIV              ; NMI: through the soft vector's JMP
        .word resetv            ; RESET ($FA62)
        .word irq               ; IRQ and BRK ($FA40)
