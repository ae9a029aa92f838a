; monitor.s - $FDED-$FFFF: character output (COUT, COUT1, COUTZ), the
; IIgs ID call, memory (MOVE, VFY), the disassembler's LIST, the I/O hooks,
; GO, the register save area, RESET's I/O, and the "*" monitor's command
; loop (MONZ); the 6502 vectors.  Include file.
;
; A monitor command line is a series of items.  A hex number (gathered in
; A2) ends at the first non-hex character; what happens to it depends on
; MODE:
;   no mode:  it becomes the current address (A1 and PC, and A3 for a
;             ":" after it); followed by a space or Return, that byte is
;             shown ("300");
;   "." mode: it ends the range A1..A2, shown if a space or Return follows
;             ("300.30F");
;   ":" mode: it is stored at A3, which then moves on ("300: A9 00").
; Then the character after it is a command (cmdkeys): "." or ":" sets the
; mode, "<" makes the address before it the destination A4 of "M" (move
; A1..A2 there) or "V" (verify), "G" calls PC, "L" lists 20 instructions
; from PC, Ctrl-P / Ctrl-K send output / take input to / from slot n (the
; number in A2L: OUTPORT and INPORT after their STA A2L; "6" Ctrl-P boots a
; Disk II there), Ctrl-B boots the first disk found, Ctrl-E shows the saved
; registers, Ctrl-Y calls USRADR, "I" and "N" set inverse and normal text.
; A Return alone shows on to the end of the group of 8.  Anything else
; beeps and ends the line.  Every command's routine is in this page, $FE
; (cmdlo): it is called with A = the command's character, X = 0 for "G"
; and Y = 0, and returns to go on with the line.

.scope
; COUT ($FDED): A through the output hook CSW.  COUT1 ($FDF0): A on the
; screen at the cursor: $A0-$FF through INVFLG (normal, inverse, flashing),
; then COUTZ ($FDF6): VIDWAIT with Y kept.  X and Y are kept; COUT1 leaves
; A as it went to the screen.
.advance $FDED, $00
cout:   jmp (CSWL)
cout1:  cmp #$A0
        bcc coutz
        and INVFLG
coutz:  sty YSAV1
        pha
        jsr vidwait
        pla
        ldy YSAV1
        rts

; The soft vectors $03F0-$03FF at a cold start: BRK shows the registers
; (OLDBRK); Ctrl-Reset returns to the monitor; "&" and Ctrl-Y go to the
; monitor until a program hooks them; NMI and IRQ return at once.
vectors: .word oldbrk           ; BRKV
        .word monz              ; SOFTEV
        .byte 0                 ; PWREDUP (SETPWRC sets it)
        jmp mon                 ; AMPERV
        jmp mon                 ; USRADR
        jmp _nmi                ; NMIV
        .word _irq              ; IRQLOC
_irq:   lda A5H                 ; the default IRQ handler: A back, return
_nmi:   rti
; The Disk II signature SLOOP looks for, at odd offsets: $Cn01 = $20,
; $Cn03 = $00, $Cn05 = $03, $Cn07 = $3C.
sigtab: .byte 0, $20, 0, $00, 0, $03, 0, $3C

; IDROUTINE ($FE1F): the IIgs's ID call; on every other Apple II an RTS
; that leaves the carry set (Apple II Misc. Technical Note #7).
        .advance $FE1F, $00
idroutine:
        rts
.include "opmodes.s"

; MOVE ($FE2C): copy A1..A2 to A4 upwards, byte by byte ("800<300.3FFM");
; an overlapping move to a lower address works, as documented.  Y must be 0
; (it is added to both addresses).  A1 and A4 end one past the ranges.
        .advance $FE2C, $00
move:   lda (A1L),y
        sta (A4L),y
        jsr nxta4
        bcc move
        rts

; VFY ($FE36): compare A1..A2 with A4.. (Y = 0); show each difference as
; "0305-01 (02)": the address in A1's range, its byte, then A4's.
vfy:    lda (A1L),y
        cmp (A4L),y
        beq _same
        jsr a1line
        lda (A1L),y
        jsr prbyte
        lda #$A0
        jsr cout
        lda #$A8                ; "("
        jsr cout
        lda (A4L),y
        jsr prbyte
        lda #$A9                ; ")"
        jsr cout
_same:  jsr nxta4
        bcc vfy
        rts

; LIST ($FE5E): A1PC, then 20 instructions from PC; PC ends after the last.
list:   jsr a1pc
listz:  lda #20
_inst:  pha
        jsr instdsp
        jsr pcadj               ; A, Y = the next instruction
        sta PCL
        sty PCH
        pla
        sec
        sbc #1
        bne _inst
        rts

; A1PC ($FE75): with X not 0, PC = A1 (the monitor's "300L" and "300G"
; give it an address); with X = 0, PC stays.
a1pc:   txa
        beq _a1done
_a1:    lda A1L,x
        sta PCL,x
        dex
        bpl _a1
_a1done: rts

; SETINV ($FE80), SETNORM ($FE84): later text inverse, or normal.  Y =
; the new INVFLG.
setinv: ldy #$3F
        bne _inv
setnorm: ldy #$FF
_inv:   sty INVFLG
        rts

; SETKBD ($FE89) / INPORT ($FE8B): input from the keyboard (A = 0) or the
; card in slot A.  SETVID ($FE93) / OUTPORT ($FE95): output to the screen
; (A = 0) or the card in slot A.  As on the II+, the slot number is kept in
; A2L, and they end with X = the hook ($38 or $36), Y and A = the low and
; high byte stored in it.
setkbd: lda #0
inport: sta A2L
        ldx #KSWL
        ldy #<keyin
        bne _ioprt              ; always
setvid: lda #0
outport: sta A2L
        ldx #CSWL
        ldy #<cout1
_ioprt: lda A2L
        and #$0F
        beq _rom
        ora #$C0                ; $Cn00: the card's own routine
        ldy #0
        beq _set                ; always
_rom:   lda #>cout1             ; KEYIN and COUT1 share page $FD
_set:   sty LOC0,x
        sta LOC1,x
        rts
muser:  jmp USRADR              ; the monitor's Ctrl-Y

; GO ($FEB6): A1PC, then A, X, Y and P from the save area and JMP (PC).
        .advance $FEB6, $00
go:     jsr a1pc
        jsr iorest
        jmp (PCL)

; The monitor's commands: each one's routine in this page (cmdlo).
mboot:  jmp coldboot            ; Ctrl-B
mregs:  jmp rgdsp1              ; Ctrl-E
; "<": the address before it is the destination of "M" or "V".
mdest:  lda A1L
        sta A4L
        lda A1H
        sta A4H
; WRITE ($FECD): the cassette's; there is none here: it returns at once.
        .advance $FECD, $00
write:  rts

; A Return: the end of the line; alone on it, show on from A1 to the end of
; its group of 8.
mret:   lda YSAV
        bne read
        lda A1L
        ora #$07
        sta A2L
        lda A1H
        sta A2H
; XAM: show the bytes A1..A2, 8 to a line ("0300- A9 C1 ..."), each line
; starting at the address or at a multiple of 8.  A1 ends one past the last.
xam:    jsr a1line
_xbyte: lda #$A0
        jsr cout
        ldy #0
        lda (A1L),y
        jsr prbyte
        jsr nxta1               ; carry: that was the last
        bcs read
        lda A1L
        and #$07
        bne _xbyte
        beq xam                 ; always
; "." and ":" (A): the mode of the numbers after it.
        .advance $FEFB, $00
mmode:  sta MODE
; READ ($FEFD): the cassette's; there is none here: it returns at once.
        .advance $FEFD, $00
read:   rts

; One item of a command line: a hex number (into A2) from IN,Y, then what
; MODE and the character after it say.
_item:  sty A5L                 ; where the number starts
        lda #0
        sta A2L
        sta A2H
_digit: lda IN,y
        eor #$B0                ; "0"-"9" -> 0-9
        cmp #10
        bcc _hex
        sbc #$71                ; "A"-"F" -> 0-5
        cmp #6
        bcs _end
        adc #10
_hex:   ldx #4
_shift: asl A2L
        rol A2H
        dex
        bne _shift
        ora A2L
        sta A2L
        iny
        bne _digit              ; always (a Return ends every line)

; PRERR ($FF2D): "ERR" and a bell through COUT.
        .advance $FF2D, $00
prerr:  lda #$C5
        jsr cout
        lda #$D2
        jsr cout
        jsr cout
; BELL ($FF3A): a bell ($87) through COUT.
bell:   lda #$87
        jmp cout

; IOREST ($FF3F): A, X, Y and P back from the save area.
iorest: ldx XREG
        ldy YREG
        lda STATUS
        pha
        lda A5H
        plp                     ; last: the loads above would change N and Z
        rts

; IOSAVE ($FF4A): A to A5H, then SAV1 ($FF4C): X, Y, P, S to XREG, YREG,
; STATUS, SPNT, then binary mode.  Ends with A = P and X = S (as saved),
; returning through IORTS ($FF58), a known RTS: cards JSR there and read
; the stack to find their slot.
iosave: sta A5H
sav1:   stx XREG
        sty YREG
        php                     ; the caller's flags: the stores kept them
        pla
        sta STATUS
        tsx                     ; S as the caller's JSR left it
        stx SPNT
        cld
iorts:  rts

; OLDRST ($FF59): the I/O as RESET sets it, then MON ($FF65): the monitor
; with a beep, decimal mode off, then MONZ ($FF69): the monitor quietly
; ("CALL -151").
oldrst: jsr setnorm
        jsr init
        jsr setvid
        jsr setkbd
mon:    cld
        jsr bell
monz:   lda #$AA                ; "*"
        sta PROMPT
        jsr freshln
        jsr getln
        ldy #0
        sty MODE
        jsr _item
        jmp monz

_end:   sty YSAV                ; the character after the number
        cpy A5L
        beq _cmd                ; no number
        lda MODE
        beq _addr
        cmp #$BA
        beq _store
        lda #0                  ; "." before it: the range A1..A2
        sta MODE
        beq _show               ; always
_addr:  ldx #1                  ; no mode: the current address (A1, PC and
_a:     lda A2L,x               ; A3, where a ":" after it stores)
        sta A1L,x
        sta PCL,x
        sta A3L,x
        dex
        bpl _a
_show:  lda IN,y                ; a space or Return after it: show it
        cmp #$A0
        beq _xam
        cmp #$8D
        bne _cmd
_xam:   jsr xam
_cmd:   ldy YSAV
        lda IN,y
        ldx #_ncmd - cmdkeys - 1
_find:  cmp cmdkeys,x
        beq _found
        dex
        bpl _find
        jmp bell                ; not a command: beep, forget the rest

; _CALL: command X's routine (in page $FE, cmdlo), with A = the command, X =
; 0 for "G" and Y = 0; its RTS returns to _call's caller.  Its own RTS lies
; at $FFCB: ProDOS's language-card handler switches the ROM in with an STA
; at $FFC8 and counts on an RTS here to go on into the ROM's $FA42 or $FA62.
        .advance $FFBF, $00
_call:  lda #>move
        pha
        lda cmdlo,x
        pha
        lda IN,y
        ldy #0
        .checkpc $FFCB
_done:  rts

_found: jsr _call
        ldy YSAV                ; on with the line, unless that was its end
        lda IN,y
        eor #$8D
        beq _done
        iny
        jmp _item
_store: lda A2L                 ; ":" before it: store, A3 on
        ldy #0
        sta (A3L),y
        inc A3L
        bne _cmd
        inc A3H
        bne _cmd                ; always

; The command keys; cmdlo (keyboard.s) has the low byte of each one's
; routine - 1, in page $FE.  "G" first: its routine (GO) is called with X = 0.
cmdkeys: .byte $C7, $CC, $AE, $BA, $A0, $8D, $90, $8B, $82, $85, $99, $C9, $CE
        .byte $BC, $CD, $D6     ; G L . : space Return ^P ^K ^B ^E ^Y I N < M V
_ncmd:
; The 6502's vectors.
        .advance $FFFA, $00
        .word NMIV              ; NMI: through the soft vector's JMP
        .word reset             ; RESET ($FA62)
        .word irq               ; IRQ and BRK ($FA40)
.scend
