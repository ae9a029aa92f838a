; monitor.s - the "*" monitor: examine, deposit, move, go, list, boot.  Include file.
;
; A command line is a series of items.  A hex number (gathered in A2) ends
; at the first non-hex character; what happens to it depends on MODE:
;   no mode:  it becomes the current address (A1 and PC); followed by a
;             space or Return, that byte is shown ("300");
;   '.' mode: it ends the range A1..A2, shown if a space or Return
;             follows ("300.30F");
;   ':' mode: it is stored at A3, which then moves on ("300: A9 00").
; Then the character after it: "." or ":" sets the mode, "<" makes the
; address before it the destination A4 of "M" (move A1..A2 there) or "V"
; (verify), "G" calls PC, "L" lists 20 instructions from PC, Ctrl-P boots
; slot n ("6" Ctrl-P), Ctrl-B boots the first disk found (the homebrew menu
; lives on a disk), Ctrl-E shows the saved registers, Ctrl-Y calls USRADR,
; "I" and "N" set inverse and normal text.  An empty line shows the next
; bytes up to a multiple of 8.  Anything else beeps and ends the line.
.scope

; MON: beep and enter the monitor.  MONZ: enter it quietly.
monbeep: cld
        jsr bell
monloop: lda #$AA               ; "*"
        sta PROMPT
        jsr freshln
        lda PROMPT
        jsr COUT
        jsr getln1
        jsr _line
        jmp monloop

_line:  ldy #0
        sty MODE
        lda IN
        cmp #$8D
        bne _item
        lda A1L                 ; empty line: on to the end of this group of 8
        ora #$07
        sta A2L
        lda A1H
        sta A2H
        jmp xam

_item:  lda #0                  ; the number accumulates in A2
        sta A2L
        sta A2H
        sta A5L                 ; digits seen
_digit: lda IN,y
        jsr hexval
        bcc _endnum
        ldx #4
_shift: asl A2L
        rol A2H
        dex
        bne _shift
        ora A2L
        sta A2L
        inc A5L
        iny
        bne _digit
_endnum:
        sty YSAV
        lda A5L
        beq _command            ; no number before this character
        lda MODE
        cmp #$BA                ; ":"
        beq _store
        cmp #$AE                ; "."
        beq _range
        lda A2L                 ; no mode: the current address
        sta A1L
        sta PCL
        lda A2H
        sta A1H
        sta PCH
        jmp _shownow
_store: ldy #0
        lda A2L
        sta (A3L),y
        inc A3L
        bne _command
        inc A3H
        bne _command            ; always
_range: lda #0                  ; A1..A2 is a range now
        sta MODE
_shownow:                       ; shown if a space or Return follows; else
        lda IN,y                ; it is for the command after it (G, L, M, V)
        cmp #$A0
        beq _show
        cmp #$8D
        bne _command
_show:  jsr xam

_command:
        ldy YSAV
        lda IN,y
        ldx #_cmdlo - _cmdkey - 1   ; the number of commands - 1
_find:  cmp _cmdkey,x
        beq _found
        dex
        bpl _find
        jmp bell                ; not a command: beep, forget the rest

_found: lda _cmdhi,x            ; call the command's routine; those that
        pha                     ; return continue the line
        lda _cmdlo,x
        pha
        rts                     ; (the pushed address is the routine's - 1)
_next:  ldy YSAV
        iny
        jmp _item

; Command routines: Y = YSAV; they end with JMP _next or return (end of line).
_cmdmode:                       ; "." and ":" set the mode
        lda IN,y
        sta MODE
        cmp #$BA
        bne _nextc
        lda A5L
        beq _nextc              ; ": bytes" on its own goes on storing
        lda A2L
        sta A3L
        lda A2H
        sta A3H
_nextc: jmp _next
_cmdspace:
        jmp _next
_cmdreturn:
        rts
_cmdgo: jsr _restore_and_go      ; the program returns here with RTS
        cld
        rts
_cmdlist:
        jsr list
        jmp _next
_cmdslot:
        lda A2L
        and #$07
        ora #$C0
        sta LOC1
        lda #0
        sta LOC0
        jmp (LOC0)
_cmdboot:
        jsr bootscan
        lda #<_nodisk
        ldy #>_nodisk
        jmp prmsg
_cmdregs:                       ; Ctrl-E; A3 = $0045 after it, so that
        jsr freshln             ; ": 12 34" changes the saved A and X
        jsr rgdsp1
        jmp _next
_cmduser:
        jsr USRADR
        rts
_cmdinv:
        jsr setinv
        jmp _next
_cmdnorm:
        lda #0
        sta MODE
        jsr setnorm
        jmp _next

_cmddest:                       ; "<": the number before it is M's or V's destination
        lda A1L
        sta A4L
        lda A1H
        sta A4H
        jmp _next
_cmdmove:
        ldy #0
        jsr move
        jmp _next
_cmdverify:
        ldy #0
        jsr verify
        jmp _next

;                .    :    space Return G    L    ^P   ^B   ^E   ^Y   I    N    <    M    V
_cmdkey: .byte $AE, $BA, $A0, $8D, $C7, $CC, $90, $82, $85, $99, $C9, $CE, $BC, $CD, $D6
_cmdlo:  .byte <[_cmdmode-1], <[_cmdmode-1], <[_cmdspace-1], <[_cmdreturn-1]
         .byte <[_cmdgo-1], <[_cmdlist-1], <[_cmdslot-1], <[_cmdboot-1]
         .byte <[_cmdregs-1], <[_cmduser-1], <[_cmdinv-1], <[_cmdnorm-1]
         .byte <[_cmddest-1], <[_cmdmove-1], <[_cmdverify-1]
_cmdhi:  .byte >[_cmdmode-1], >[_cmdmode-1], >[_cmdspace-1], >[_cmdreturn-1]
         .byte >[_cmdgo-1], >[_cmdlist-1], >[_cmdslot-1], >[_cmdboot-1]
         .byte >[_cmdregs-1], >[_cmduser-1], >[_cmdinv-1], >[_cmdnorm-1]
         .byte >[_cmddest-1], >[_cmdmove-1], >[_cmdverify-1]
_nodisk: .byte "NO DISK CARD", 0

; G: A, X, Y and P from the save area, then jump to PC.
_restore_and_go:
        lda STATUS
        pha
        lda A5H
        ldx XREG
        ldy YREG
        plp
        jmp (PCL)

; HEXVAL: if A is a hex digit ("0"-"9", "A"-"F", bit 7 set), carry set and
; A = its value; else carry clear.
hexval: cmp #$B0
        bcc _no
        cmp #$BA
        bcc _dec
        cmp #$C1
        bcc _no
        cmp #$C7
        bcs _no
        sbc #$B6                ; carry clear here: subtracts $B7, "A" -> 10
        sec
        rts
_dec:   and #$0F
        sec
        rts
_no:    clc
        rts

; XAM: show the bytes A1..A2, 8 to a line ("0300- A9 C1 ..."), each line
; starting at the address or at a multiple of 8.  A1 ends one past the last.
xam:
_xline: lda A1H
        ldx A1L
        jsr addrln
_xbyte: lda #$A0
        jsr COUT
        ldy #0
        lda (A1L),y
        jsr prbyte
        lda A1L                 ; was that the last one (A1 >= A2)?
        cmp A2L
        lda A1H
        sbc A2H
        php
        inc A1L
        bne +
        inc A1H
*       plp
        bcs _xend
        lda A1L
        and #$07
        bne _xbyte
        beq _xline              ; always
_xend:  rts

; MOVE: copy A1..A2 to A4 upwards, byte by byte ("800<300.3FFM"); an
; overlapping move to a lower address works, as documented for the Apple.
; Y must be 0 (it is added to both addresses, as on the II+).  A1 and A4
; end one past the ranges.
move:   lda (A1L),y
        sta (A4L),y
        jsr nxta4
        bcc move
        rts

; VERIFY: compare A1..A2 with A4.. (Y = 0); show each difference as
; "0305-01 (02)": the address in A1's range, its byte, then A4's.
verify: lda (A1L),y
        cmp (A4L),y
        beq _vsame
        lda A1H
        ldx A1L
        jsr addrln
        ldy #0
        lda (A1L),y
        jsr prbyte
        lda #$A0
        jsr COUT
        lda #$A8                ; "("
        jsr COUT
        ldy #0
        lda (A4L),y
        jsr prbyte
        lda #$A9                ; ")"
        jsr COUT
        ldy #0
_vsame: jsr nxta4
        bcc verify
        rts

; NXTA4: A4 and A1 one on; carry set if A1 was at A2 (the range is done).
nxta4:  inc A4L
        bne nxta1
        inc A4H
; NXTA1: the same for A1 alone.
nxta1:  lda A1L
        cmp A2L
        lda A1H
        sbc A2H
        inc A1L
        bne +
        inc A1H
*       rts

; RGDSP1: " A=.. X=.. Y=.. P=.. S=.." from the save area A5H..SPNT, and A3
; pointing at it ($0045), so that a ":" line after it changes the saved
; registers, as on the II+.
rgdsp1: lda #A5H
        sta A3L
        lda #0
        sta A3H
        tax
_reg:   lda #$A0
        jsr COUT
        lda rtbl,x
        jsr COUT
        lda #$BD                ; "="
        jsr COUT
        lda A5H,x
        jsr prbyte
        inx
        cpx #5
        bcc _reg
        rts

; A1PC: with X not 0, PC = A1 (the monitor's "300L" and "300G" give it
; an address); with X = 0, PC stays.
a1pc:   txa
        beq _a1done
_a1:    lda A1L,x
        sta PCL,x
        dex
        bpl _a1
_a1done: rts

; GO ($FEB6): A1PC, then A, X, Y and P from the save area and JMP (PC).
go:     jsr a1pc
        jsr iorest
        jmp (PCL)

; PRERR: "ERR" and a beep.
prerr:  lda #$C5
        jsr COUT
        lda #$D2
        jsr COUT
        jsr COUT
        jmp bell
.scend
