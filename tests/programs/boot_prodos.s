; boot_prodos.s - a ProDOS-style block-0 boot loader of our own.
;
; For tests/test_boot_rom.py; assemble with ophis from this folder.  It does
; what ProDOS 8's boot block does with a Disk II (Beneath Apple ProDOS, the
; boot; the boot block of every ProDOS floppy):
;  1. The ROM loads physical sector 0 (block 0's first half) and jumps here
;     with A = $3D = 1.  If $CnFF = $00 (a 16-sector Disk II: ProDOS 8
;     Technical Reference 6.3.1; FAIL 1 otherwise) it sets $0800 = 3 and
;     $3D = 2 and re-enters $Cn5C: the ROM reads physical sector 2 (block
;     0's second half) to $0900 and comes back with A = 3.
;  2. It copies the ROM's reader, $Cn63-$CnEA, into RAM ($0963-$09EA) and
;     patches the operands of its seven branches to go to its own code: a
;     nibble that is not $D5 ($Cn66) reads the next; not the field wanted
;     ($Cn7C, $Cn82), the wrong sector ($Cn9D) or a bad checksum ($CnD4, by
;     way of the copied branch at $Cn81) try again, up to a limit; the wrong
;     track ($CnA3) steps the head from track $40 to $41; the address field
;     found ($CnA5) looks for its data field.  After the copy: LDX $2B /
;     CLC / RTS.  The copy reads the rest: block 1 to $0C00, then on.
;  3. From block 1: blocks on tracks 1, 3, 1 and 0 (stepping both ways),
;     each checked against the test pattern (FAIL 2), and block 21, whose
;     first sector the test corrupts: it must come back with carry set, not
;     hang (FAIL 3).

.alias HERE     $F6             ; the head, in half tracks
.alias THERE    $F7
.alias TRIES    $F8
.alias BLOCK    $F9
.alias INDEX    $FA
.alias ROMPTR   $F2             ; ($F2) = $Cn00
.alias READER   $0900           ; the copy: reader + $63 = ROM + $63

.org $0800
        .byte 1                 ; block 0's first half only, at first

entry:  cmp #3
        bne _first
        jmp relocate            ; second time: block 0 is all in
_first: jsr slotpage            ; ($F2) = $Cn00
        sta ROMPTR+1
        lda #0
        sta ROMPTR
        ldy #$FF
        lda (ROMPTR),y
        beq _disk2
        lda #1
        jmp fail
_disk2: lda #3                  ; the ROM reads on to sector 2 ($3D < 3)
        sta COUNT
        inc SECTOR
        jmp rdrom

; readblk: block BLOCK (track BLOCK / 8) to pages BUFPAGE, BUFPAGE + 1;
; carry set if a sector could not be read.  Block k of a track is in
; physical sectors 4k and 4k + 2 (k < 4), or 4k - 15 and 4k - 13.
readblk:
        lda BLOCK
        lsr
        lsr
        lsr
        sta EXPECT
        lda BLOCK
        and #7
        asl
        asl
        cmp #16
        bcc _lo
        sbc #15
_lo:    sta SECTOR
        lda #0
        sta BUFLO
        jsr readsec
        bcs _done
        inc BUFPAGE
        inc SECTOR
        inc SECTOR
        jsr readsec
        dec BUFPAGE
_done:   rts

.include "bootlib.s"
.checkpc $0900

; --- block 0's second half: physical sector 2, read to $0900 -------------------
        .advance $0900
relocate:
        ldy #$63                ; the ROM's $Cn63-$CnEA to $0963-$09EA
_copy:  lda (ROMPTR),y
        sta READER,y
        iny
        cpy #$EB
        bne _copy
        ldy #6
_patch: ldx where,y
        lda offset,y
        sta READER,x
        dey
        bpl _patch
        lda #1                  ; block 1 to $0C00, and on to the rest
        sta BLOCK
        lda #$0C
        sta BUFPAGE
        jsr readblk
        bcs _lost
        jmp main
_lost:  lda #4
        jmp fail

; readsec: sector SECTOR of track EXPECT into (BUFLO); carry set after 160
; tries (each field that is not it is one: about five turns of the disk).
; Runs into the copy of the ROM.
giveup: sec
        rts
readsec:
        ldx SLOT16
        lda #160
        sta TRIES
restart:
        dec TRIES
        beq giveup
        clc                     ; an address field wanted
look:   php                     ; (C = 1: its data field)
        .advance READER + $5E, $EA      ; (NOPs, so that nibble0 ends at $0962)
nibble0:
        lda $C08C,x
        bpl nibble0
        .checkpc READER + $63   ; the copy goes here: $0963-$09EA
        .advance READER + $EB
        ldx SLOT16              ; after the copy: done
        clc
        rts
wrongtrk:
        jmp seekfix             ; where the wrong track goes

; The seven operands, and where they send the copy.
where:  .byte $66, $7C, $82, $9D, $A3, $A5, $D4
offset: .byte <(nibble0 - $0967), <(restart - $097D), <(restart - $0983)
        .byte <(restart - $099E), <(wrongtrk - $09A4), <(look - $09A6)
        .byte <($0981 - $09D5)

.checkpc $0A00

; --- block 1: tracks 0 and 1 both ways, and a bad sector -------------------------
        .advance $0C00
main:   ldy #0
        sty INDEX
_next:  ldy INDEX
        lda blocks,y
        beq _bad
        sta BLOCK
        lda #$20
        sta BUFPAGE
        jsr readblk
        bcs _fail2
        lda #0
        sta PTR
        lda #$20
        sta PTR+1
        ldy INDEX
        lda tag1,y
        jsr same
        bne _fail2
        inc PTR+1
        ldy INDEX
        lda tag2,y
        jsr same
        bne _fail2
        inc INDEX
        bne _next
_bad:   lda #21                 ; its first sector does not check out
        sta BLOCK
        jsr readblk
        bcc _fail3
        jmp pass
_fail2: lda #2
        .byte $2C
_fail3: lda #3
        jmp fail

; The wrong track: step from the track found ($40) to the one wanted ($41),
; one half track at a time (the ROM left magnet 0 on), and try again.
seekfix:
        lda FOUND
        asl
        sta HERE
        lda EXPECT
        asl
        sta THERE
_step:  lda HERE
        cmp THERE
        beq _there
        jsr magnet
        lda $C080,x             ; off: the magnet holding the head
        lda HERE
        cmp THERE
        bcc _in
        dec HERE                ; (C stays 1)
        bcs _on
_in:    inc HERE
_on:    lda HERE
        jsr magnet
        lda $C081,x             ; on: it pulls the head a half track
        lda #$30                ; 6.6 ms
        jsr WAIT
        jmp _step
_there: ldx SLOT16
        jmp restart

magnet: and #3                  ; X = slot * 16 + magnet * 2
        asl
        ora SLOT16
        tax
        rts

; Blocks 9, 26, 13, 2: tracks 1, 3, 1, 0; their sectors' tags (track * 16 +
; physical sector).
blocks: .byte 9, 26, 13, 2, 0
tag1:   .byte $14, $38, $15, $08
tag2:   .byte $16, $3A, $17, $0A
.checkpc $0E00
