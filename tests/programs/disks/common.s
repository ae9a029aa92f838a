; common.s - the boot sector and helpers of the Disk II test disks.
;
; Written for this project (emu/tools/testdisks.py); assembled after a
; params file (.alias lines) and before one test program, which defines
; `main`.  The boot ROM loads physical sectors 0-7 of track 0 to $0800-$0FFF
; and jumps to $0801 with X = slot * 16.  Everything prints to the first line
; of the text screen, straight into $0400: "PASS" or "FAIL" and a few hex
; bytes saying what was seen, then the program stops in a loop.

.alias SLOT16   $F0             ; slot * 16
.alias HALF     $F1             ; the head's half track
.alias COL      $F2             ; next column on the screen's first line
.alias STR      $F3             ; and $F4: a string to print
.alias COUNT    $F5             ; and $F6: a count of nibbles (timeouts)
.alias TMP      $F7             ; (putc and wait keep Y here)
.alias P1       $F8             ; a prologue to look for: P1 P2 P3
.alias P2       $F9
.alias P3       $FA
.alias SEEKTO   $FB             ; the half track seek is going to
.alias SCRATCH  $E8             ; $E8-$EF: the test programs' own
.alias SCREEN   $0400

.org $0800
        .byte 8                 ; the boot ROM loads 8 sectors
        stx SLOT16
        lda #0
        sta HALF                ; the boot ROM left the head on track 0
        sta COL
        ldy #39
        lda #$A0
clear:  sta SCREEN,y
        dey
        bpl clear
        lda $C089,x             ; motor on (it is already), read mode
        lda $C08E,x
        lda $C08C,x
        jmp main

; --- the screen ------------------------------------------------------------------
; puts: print the zero-terminated string at (STR)
puts:   ldy #0
putsl:  lda (STR),y
        beq putsx
        jsr putc
        iny
        bne putsl
putsx:  rts

; putc: print the character in A (ASCII, any case)
putc:   sty TMP
        ldy COL
        ora #$80
        sta SCREEN,y
        inc COL
        ldy TMP
        rts

; puthex: print A as two hex digits and a space
puthex: pha
        lsr
        lsr
        lsr
        lsr
        jsr digit
        pla
        pha
        and #$0F
        jsr digit
        lda #$20
        jsr putc
        pla
        rts
digit:  cmp #10
        bcc dig09
        adc #6                  ; carry is set: +7, "A" follows "9" + 7
dig09:  adc #$30
        jmp putc

; report: print A bytes from (STR) in hex, from column 5
report: sta SCRATCH+7
        lda #5
        sta COL
        ldy #0
repl:   lda (STR),y
        jsr puthex
        iny
        cpy SCRATCH+7
        bne repl
        rts

; lost: a mark never came round: FAIL EE
lost:   lda #5
        sta COL
        lda #$EE
        jsr puthex
        jmp fail

; pass and fail: the verdict first on the line, then stop.  (Other output
; goes after it: main prints its numbers first at column 5.)
pass:   ldy #3
passl:  lda passtx,y
        sta SCREEN,y
        dey
        bpl passl
        jmp halt
fail:   ldy #3
faill:  lda failtx,y
        sta SCREEN,y
        dey
        bpl faill
halt:   ldx SLOT16
        lda $C088,x             ; motor off
stop:   jmp stop
passtx: .byte $D0, $C1, $D3, $D3        ; PASS
failtx: .byte $C6, $C1, $C9, $CC        ; FAIL

; --- time ----------------------------------------------------------------------------
; wait: about A milliseconds (1,020 cycles each); keeps X and Y
wait:   sty TMP
waitl:  ldy #203
waitm:  dey                     ; 203 x 5 cycles
        bne waitm
        sec
        sbc #1
        bne waitl
        ldy TMP
        rts

; --- the head ------------------------------------------------------------------------
; seek: move the head to half track A, one half track at a time: the next
; magnet on, 3 ms, the last one off, 3 ms.  X = slot * 16 on return.
seek:   sta SEEKTO
seekl:  lda HALF
        cmp SEEKTO
        beq seekx
        bcc seekin
        dec HALF
        lda #1
        bne seekst
seekin: inc HALF
        lda #3
seekst: clc
        adc HALF                ; the magnet we leave: HALF + 1 (out) or - 1 (in)
        jsr magoff
        lda HALF
        jsr magon
        lda #3
        jsr wait
        jmp seekl
seekx:  ldx SLOT16
        rts

; ontrack: the head to half track A, then 30 ms for it to settle
ontrack:
        jsr seek
        lda #30
        jmp wait

; magon / magoff: magnet (A & 3) of the drive on or off
magon:  and #3
        asl
        ora SLOT16
        tax
        lda $C081,x
        ldx SLOT16
        rts
magoff: and #3
        asl
        ora SLOT16
        tax
        lda $C080,x
        ldx SLOT16
        rts

; --- reading ---------------------------------------------------------------------------
; find: wait for the prologue P1 P2 P3, reading at most COUNT (16 bits) nibbles.
; Carry clear: found, the next nibble is the one after P3; set: timed out.
find:   ldx SLOT16
findl:  lda COUNT
        bne findd
        lda COUNT+1
        beq findno
        dec COUNT+1
findd:  dec COUNT
f1:     lda $C08C,x
        bpl f1
f1b:    cmp P1
        bne findl
f2:     lda $C08C,x
        bpl f2
        cmp P2
        bne f1b
f3:     lda $C08C,x
        bpl f3
        cmp P3
        bne f1b
        clc
        rts
findno: sec
        rts

; setfind: P1 P2 P3 = the three bytes after the JSR, and COUNT = 20,000
; (several turns of the disk); returns past them.
setfind:
        pla
        sta STR
        pla
        sta STR+1
        ldy #1
        lda (STR),y
        sta P1
        iny
        lda (STR),y
        sta P2
        iny
        lda (STR),y
        sta P3
        lda #<20000
        sta COUNT
        lda #>20000
        sta COUNT+1
        lda STR
        clc
        adc #3
        tay
        lda STR+1
        adc #0
        pha
        tya
        pha
        rts
