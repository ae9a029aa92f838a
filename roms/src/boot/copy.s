; copy.s - the loaders' copying of a file, page by page, and their failure
; message.  An include file (no build header).
;
; The loaders read each sector or block into a buffer page of their own and
; copy it to where the program goes, so that a program may start at any
; address (the ROM reads only whole, aligned pages) and nothing is written
; past its last byte.  `left` counts the bytes still to copy from the start
; of the page in hand; `first` is the page's first byte to copy (4 in a DOS
; 3.3 B file's first sector, which begins with the file's address and
; length; `dest` then points 4 bytes before the address).

; copy: copy page A (bytes first .. min(256, left) - 1) to dest; then dest
; moves on a page, left drops by 256 (to 0 at least) and first becomes 0.
; Returns Z = 1 when nothing is left to copy.
copy:
.scope
        sta _from+2
        ldx #0                  ; stop at byte 0 of the next page: all 256...
        lda left+1
        bne _set
        ldx left                ; ...or at `left`, under 256
_set:   stx end
        ldy first
        beq _byte               ; from byte 0 there is at least one to copy
        cpy end
        beq _next               ; nothing after the header (a 0-byte file)
_byte:
_from:  lda $FF00,y             ; (the page is set above)
        sta (dest),y
        iny
        cpy end
        bne _byte
_next:  inc dest+1
        lda #0
        sta first
        lda left+1
        beq _none
        dec left+1
        lda left+1
        ora left
        rts
_none:  sta left
        rts
.scend

; fits: fail unless the program, `left` bytes at `runat`, lies in $0900-$B9FF
; (page $08 is the boot sector's, the loader is at $BA00).
fits:
.scope
        lda runat+1
        cmp #LOWEST
        bcc _no
        clc
        lda runat
        adc left
        tax
        lda runat+1
        adc left+1
        bcs _no
        cmp #BEYOND
        bcc _yes
        bne _no
        cpx #0
        bne _no
_yes:   rts
_no:    ldx #toobig-messages
        ; fall into fail
.scend

; fail: show message X (an offset in `messages`, ended by a 0) on the bottom
; line of the screen, stop the drive, and wait there for RESET.
fail:
.scope
        ldy #0
_char:  lda messages,x
        beq _stop
        ora #$80
        sta SCREEN,y
        inx
        iny
        bne _char
_stop:  jsr halt
_wait:  jmp _wait
.scend

messages:
nofile: .byte "NO PROGRAM ON THIS DISK TO RUN", 0
toobig: .byte "THE PROGRAM DOES NOT FIT $0900-$B9FF", 0
ioerr:  .byte "DISK ERROR", 0
