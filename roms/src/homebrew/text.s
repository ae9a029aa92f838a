; text.s - a tiny text library: cursor, characters, strings, keys.
;
; An include file (no build header).  Needs rows.s.  Writes straight into
; text page 1 ($0400-$07FF); calls no ROM routine, so it works with any
; firmware or none.  Characters go on screen with bit 7 set (normal video)
; unless MASK is $3F, which turns them into inverse video.

.alias DST      $50             ; start of the cursor's row (2 bytes)
.alias CX       $52             ; the cursor's column
.alias MASK     $53             ; $FF normal, $3F inverse
.alias SRC      $54             ; the string being printed (2 bytes)
.alias FILLEND  $56             ; fillrows: the row to stop at

.alias KBD      $c000           ; bit 7 set: a key is waiting; bits 0-6 the key
.alias KBDSTRB  $c010           ; any access clears bit 7 of KBD

; at: put the cursor at row X (0-23), column Y (0-39).
at:     sty CX
        lda rowlo,x
        sta DST
        lda rowhi,x
        sta DST+1
        rts

; putc: show the character in A (ASCII) at the cursor and move right.
putc:   ora #$80                ; normal video has bit 7 set...
        and MASK                ; ...inverse keeps only the low six bits
        ldy CX
        sta (DST),y
        inc CX
        rts

; putbcd: show the BCD byte in A as two digits at the cursor.
putbcd: pha
        lsr
        lsr
        lsr
        lsr
        ora #$30                ; "0" + the high digit
        jsr putc
        pla
        and #$0f
        ora #$30
        jmp putc

; print: show the string that follows the JSR, then return past it.
;
;       jsr print
;       .byte ROW, COLUMN, "TEXT", 0
;
; Keeping each string beside the call that prints it reads better than a
; table of pointers.  The JSR pushed the address of its own last byte, so the
; data starts one byte after the pulled address; when the 0 is reached, SRC
; points at it and RTS (which adds 1) resumes right after it.
print:
.scope
        pla
        sta SRC
        pla
        sta SRC+1
        jsr nextsrc
        tax                     ; the row
        jsr nextsrc
        tay                     ; the column
        jsr at
_char:  jsr nextsrc
        beq _end
        jsr putc
        jmp _char
_end:   lda SRC+1
        pha
        lda SRC
        pha
        rts
.scend

; nextsrc: step SRC on and load the byte there (Z set at the end marker).
nextsrc:
.scope
        inc SRC
        bne _get
        inc SRC+1
_get:   ldy #0
        lda (SRC),y
        rts
.scend

; fillrows: store A in every column of text rows X up to (not including) Y.
; $A0 blanks text; $00 is black lo-res.  Only the 40 visible bytes of each row
; are written: the 8 "screen hole" bytes after each 120 belong to the cards.
fillrows:
.scope
        sty FILLEND
_row:   pha
        lda rowlo,x
        sta DST
        lda rowhi,x
        sta DST+1
        pla
        ldy #39
_col:   sta (DST),y
        dey
        bpl _col
        inx
        cpx FILLEND
        bne _row
        rts
.scend

; getkey: A = the waiting key (bit 7 set) with the strobe cleared, N set;
; or A = 0 with Z set when no key is waiting.
getkey:
.scope
        lda KBD
        bpl _none
        sta KBDSTRB             ; a store changes no flags: N still says "key"
        rts
_none:  lda #0
        rts
.scend
