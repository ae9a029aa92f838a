; build: roms/boot_dos33.bin
;
; dos33.s - our DOS 3.3 boot loader: track 0 of a disk that `apple2 disk new
; --dos33` makes, which holds a DOS 3.3 catalog but no DOS.  Written for this
; project from "Beneath Apple DOS" ch. 4 (the VTOC at track 17 sector 0 and
; its pointer to the first catalog sector; catalog sectors of seven 35-byte
; entries from +$0B, ended by an entry whose first byte is 0, deleted ones
; $FF; T/S lists of 122 pairs from +$0C, the next list at +$01/$02) and
; ch. 3 (DOS 3.3's logical sector n is physical sector
; 0 D B 9 7 5 3 1 E C A 8 6 4 2 F [n]).
;
; The Disk II ROM reads physical sectors 0 to 3 of track 0 to $0800-$0BFF
; (the byte at $0800 asks for four) and jumps to $0801 with X = slot * 16.
; Stage 1 copies $0900-$0BFF to LOADER ($BA00) and starts it there; it runs
; the first B file of the catalog: its first sector begins with its address
; and length; it is copied there, sector by sector, and started at its
; address, if it fits $0900-$B9FF.  Memory while loading: page $08, the
; loader $BA00-$BCFF, a sector buffer at $BD00 and a T/S list at $BE00.

.alias ctrk     $48             ; the catalog (then T/S list) sector to read
.alias csec     $49
.alias pair     $4A             ; the offset of the T/S pair in hand
.alias started  $4B             ; the first data sector (the header) is done
.alias SECBUF   $BD00
.alias TSLIST   $BE00

; --- stage 1: physical sector 0, at $0800 ------------------------------------
.org $0800
        .byte 4                 ; the ROM reads physical sectors 0-3
        jmp stage1              ; $0801 (diskii.s points it at `back`)
stage1: stx slot

.include "relocate.s"

.advance $0900

; --- the loader, physical sectors 1-3, run at LOADER --------------------------
.org LOADER
main:
.scope
        jsr diskii
        lda #>TSLIST            ; the VTOC, track 17 sector 0
        sta BUFPG
        ldy #17
        lda #0
        jsr rdlog
        lda TSLIST+1            ; the first catalog sector
        sta ctrk
        lda TSLIST+2
        sta csec
_sector:
        lda ctrk
        beq _none
        lda #>SECBUF
        sta BUFPG
        ldy ctrk
        lda csec
        jsr rdlog
        lda #<[SECBUF+$0B]
        sta ent
        lda #>SECBUF
        sta ent+1
        ldx #7
_entry: ldy #0
        lda (ent),y
        beq _none               ; the end of the catalog
        cmp #$FF
        beq _next               ; deleted
        ldy #2
        lda (ent),y
        and #$7F
        cmp #$04                ; a B file
        beq found
_next:  clc
        lda ent
        adc #35
        sta ent
        dex
        bne _entry
        lda SECBUF+1
        sta ctrk
        lda SECBUF+2
        sta csec
        jmp _sector
_none:  ldx #nofile-messages
        jmp fail
.scend

found:
.scope
        ldy #0                  ; its first T/S list
        lda (ent),y
        sta ctrk
        iny
        lda (ent),y
        sta csec
        lda #0
        sta started
_list:  lda #>TSLIST
        sta BUFPG
        ldy ctrk
        lda csec
        jsr rdlog
        lda #$0C
        sta pair
_pair:  ldx pair
        lda TSLIST,x
        beq run                 ; no more sectors
        tay
        lda #>SECBUF
        sta BUFPG
        lda TSLIST+1,x
        jsr rdlog
        lda started
        bne _copy
        inc started
        lda SECBUF              ; the address...
        sta runat
        sec
        sbc #4
        sta dest                ; (dest: 4 bytes before, where the header would go)
        lda SECBUF+1
        sta runat+1
        sbc #0
        sta dest+1
        lda SECBUF+2            ; ...and the length
        sta left
        lda SECBUF+3
        sta left+1
        jsr fits
        clc                     ; count the header's 4 bytes too
        lda left
        adc #4
        sta left
        bcc +
        inc left+1
*       lda #4
        sta first
_copy:  lda #>SECBUF
        jsr copy
        beq run
        inc pair
        inc pair
        bne _pair
        lda TSLIST+1            ; the next T/S list
        beq run
        sta ctrk
        lda TSLIST+2
        sta csec
        jmp _list
.scend

run:    jsr halt
        jmp (runat)

halt:   ldx slot
        lda MOTOROFF,x
        rts

; rdlog: read DOS 3.3 logical sector A of track Y into the page at BUFPG.
rdlog:  tax
        lda dosphys,x
        jmp rdphys

dosphys: .byte $0, $D, $B, $9, $7, $5, $3, $1, $E, $C, $A, $8, $6, $4, $2, $F

.include "diskii.s"
.include "copy.s"

.checkpc LOADER+$300            ; physical sectors 1-3
