; relocate.s - how both loaders' first stage ends: the main part, read to
; $0900-$0BFF, is copied to LOADER ($BA00-$BCFF) and started there.  An
; include file (no build header).

relocate:
.scope
        ldy #0
_copy:  lda $0900,y
        sta LOADER,y
        lda $0A00,y
        sta LOADER+$100,y
        lda $0B00,y
        sta LOADER+$200,y
        iny
        bne _copy
        jmp main
.scend
