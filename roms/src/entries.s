; entries.s - the documented entry points at their fixed addresses in
; $F800-$FFFF, and the 6502 vectors.  Programs call these addresses
; directly, so they must never move.  Most are a JMP to the routine
; elsewhere in the ROM; where two documented entry points are closer than a
; JMP is long, the first is the instruction that really comes before the
; second (VTAB = LDA CV, then VTABZ).  Gaps are filled with $FF.  Include file.

.advance $F800, $FF
        jmp plot                ; PLOT: block at column Y, row A, colour COLOR
.advance $F80E, $FF
        jmp plot1               ; PLOT1: the same with GBASL and MASK set
.advance $F819, $FF
        jmp hline               ; HLINE: row A, columns Y..H2
.advance $F828, $FF
        jmp vline               ; VLINE: column Y, rows A..V2
.advance $F832, $FF
        jmp clrscr              ; CLRSCR: lo-res all black
.advance $F836, $FF
        jmp clrtop              ; CLRTOP: lo-res rows 0-39 black
.advance $F847, $FF
        jmp gbascalc            ; GBASCALC: lo-res row A base -> GBASL
.advance $F85F, $FF
        jmp nxtcol              ; NXTCOL: COLOR + 3
.advance $F864, $FF
        jmp setcol              ; SETCOL: COLOR = A
.advance $F871, $FF
        jmp scrn                ; SCRN: A = colour at column Y, row A
.advance $F8D0, $FF
        jmp insdsp              ; INSTDSP: disassemble the instruction at PC
.advance $F941, $FF
prntax: jsr prbyte              ; PRNTAX: A then X in hex
        txa                     ; PRNTX ($F944): X in hex
        jmp prbyte
        ldx #3                  ; PRBLNK ($F948): three blanks
        jmp prbl2               ; PRBL2 ($F94A): X blanks
.advance $FA62, $FF
        jmp reset               ; the autostart RESET entry
.advance $FB1E, $FF
        lda PTRIG               ; PREAD: Y = paddle X (0-255).  The II+'s
        jmp pread               ; ID bytes check $FB1E = $AD (LDA abs).
.advance $FB2F, $FF
        jmp init                ; INIT: text page 1, full window
.advance $FB39, $FF
        jmp settxt              ; SETTXT: text mode, full window
.advance $FB40, $FF
        jmp setgr               ; SETGR: lo-res, mixed, window rows 20-23
.advance $FB4B, $FF
        jmp setwnd              ; SETWND: window rows A-23, full width
.advance $FB5B, $FF
        jmp tabv                ; TABV: cursor to row A
; Identification bytes, per Apple II Miscellaneous Technical Note #7: a II+
; has $FBB3 = $EA and $FB1E = $AD (PREAD above); $FBC0 and $FBBF are $EA
; there too (listed "for reference").
.advance $FBB3, $FF
        .byte $EA               ; $FBB3
.advance $FBBF, $FF
        .byte $EA, $EA          ; $FBBF, $FBC0
.advance $FBC1, $FF
        jmp bascalc             ; BASCALC: text row A base -> BASL
.advance $FBDD, $FF
        jmp bell1               ; BELL1: beep the speaker
.advance $FBF4, $FF
        jmp advance             ; ADVANCE: cursor right
.advance $FC10, $FF
        jmp bs                  ; BS: cursor left
.advance $FC1A, $FF
        jmp up                  ; UP: cursor up
.advance $FC22, $FF
        lda CV                  ; VTAB: BASL for row CV ...
        jmp vtabz               ; VTABZ ($FC24): ... for row A
.advance $FC42, $FF
        jmp clreop              ; CLREOP: blank to the end of the window
.advance $FC58, $FF
        jmp home                ; HOME: blank the window, cursor top left
.advance $FC62, $FF
        jmp cr                  ; CR: start of the next line
.advance $FC66, $FF
        jmp lf                  ; LF: next line, scrolling
.advance $FC70, $FF
        jmp scroll              ; SCROLL: the window up one line
.advance $FC9C, $FF
        ldy CH                  ; CLREOL: blank to the end of the line ...
        jmp cleolz              ; CLEOLZ ($FC9E): ... from column Y

; WAIT: delay 1/2 (26 + 27 A + 5 A^2) cycles, JSR and RTS included, for
; A = 1-255 (the documented formula; A = 0 waits about as long as 256).
; Here rather than behind a JMP, whose 3 cycles would spoil the count.
; Ends with A = 0; X and Y kept.
.advance $FCA8, $FF
wait:   sec
_wait:  pha                     ; the outer count, A down to 1
_inner: sbc #1                  ; an inner loop of A passes, 5 cycles each
        bne _inner
        pla
        sbc #1
        bne _wait
        rts

.advance $FCB4, $FF
        jmp nxta4               ; NXTA4: A4 and A1 on; carry: A1 was at A2
.advance $FCBA, $FF
        jmp nxta1               ; NXTA1: A1 on; carry: it was at A2
.advance $FD0C, $FF
        jmp rdkey               ; RDKEY: a key through KSW, with a cursor
.advance $FD1B, $FF
keyin:  jmp keywait             ; KEYIN: wait for a key
.advance $FD35, $FF
        jmp rdchar              ; RDCHAR: a key
.advance $FD67, $FF
        jsr crout               ; GETLNZ: Return, then GETLN
        lda PROMPT              ; GETLN ($FD6A): the prompt, then GETLN1
        jsr COUT
        jmp getln1              ; GETLN1 ($FD6F): a line into IN, X = length
.advance $FD8B, $FF
        jsr clreol              ; CROUT1: blank to the end of the line ...
        jmp crout               ; CROUT ($FD8E): ... then Return
.advance $FDDA, $FF
        jmp prbyte              ; PRBYTE: A in hex
.advance $FDE3, $FF
        jmp prhex               ; PRHEX: low nibble of A in hex
.advance $FDED, $FF
cout:   jmp (CSWL)              ; COUT: A through the output hook
cout1:  jmp scrnout             ; COUT1 ($FDF0): A to the screen
.advance $FE1F, $FF
        rts                     ; $FE1F: the IIgs's ID call; on the II+ an RTS that
                                ; leaves carry set (Apple II Misc. Tech Note #7)
.advance $FE80, $FF
        jmp setinv              ; SETINV: inverse text
.advance $FE84, $FF
        jmp setnorm             ; SETNORM: normal text
.advance $FE89, $FF
setkbd: lda #0                  ; SETKBD: input from the keyboard ...
        jmp inport              ; INPORT ($FE8B): ... or from slot A
.advance $FE93, $FF
setvid: lda #0                  ; SETVID: output to the screen ...
        jmp outport             ; OUTPORT ($FE95): ... or to slot A
.advance $FF2D, $FF
        jmp prerr               ; PRERR: "ERR" and a beep
.advance $FF3A, $FF
        jmp bell                ; BELL: a bell character through COUT
.advance $FF3F, $FF
        jmp iorest              ; IOREST: registers from $45-$48
.advance $FF4A, $FF
        jmp iosave              ; IOSAVE: registers to $45-$49
.advance $FF58, $FF
        rts                     ; IORTS: a known RTS (cards find their slot with it)
        jmp reset               ; OLDRST ($FF59)
.advance $FF65, $FF
mon:    jmp monbeep             ; MON: beep, then the monitor
.advance $FF69, $FF
        jmp monz                ; MONZ: the monitor ("CALL -151")

.advance $FFFA, $FF
        .word NMIV              ; NMI: through the soft vector's JMP
        .word reset             ; RESET
        .word irq               ; IRQ and BRK
