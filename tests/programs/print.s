; Shared by the test programs.
; print: the string `message` on text row X, column 0; A = ANDMASK, Y = ORMASK.
print:  sta ANDMASK
        sty ORMASK
        lda rowlo,x
        sta DST
        lda rowhi,x
        sta DST+1
        lda #<message
        sta SRC
        lda #>message
        sta SRC+1
        ldy #0
pchar:  lda (SRC),y
        beq pdone
        and ANDMASK
        ora ORMASK
        sta (DST),y
        iny
        bne pchar
pdone:  rts
