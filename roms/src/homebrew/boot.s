; build: roms/homebrew_boot.bin
;
; boot.s - the homebrew disk's boot sector (track 0, sector 0).
;
; The Disk II boot ROM in slot n reads track 0 sector 0 into $0800-$08FF and
; jumps to $0801 with X = n * 16.  The byte at $0800 tells it how many
; sectors to read in a row before that jump; 1 means just this one.
;
; This loader then asks the ROM for the rest of track 0 itself: it sets
;   $26/$27 = the buffer ($27 the page, $26 = 0)
;   $3D     = the physical sector wanted
;   $41     = the track (0: the head is still there)
; and jumps into the ROM's sector reader at $Cn5C with X = n * 16.  The ROM
; reads that sector into the buffer and, as after the first sector, jumps to
; $0801 again.  So every request starts this program from the top: the
; count of requests made (`done`) lives here in the boot sector, which no
; request overwrites, and says where we are.
;
; Physical sector s (1-15) goes to page $08 + s: $0900-$17FF, the menu, the
; game and the demo (map.s).  The sectors are asked for two apart (1, 3, 5,
; ... 15, 2, 4, ... 14): while the ROM returns and we ask again, the next
; sector is already passing the head, so the one after is the first we can
; catch; in order, each would cost a whole turn of the disk.  The .dsk file
; holds each physical sector where DOS 3.3's interleave puts it (see
; emu/tools/homebrew_disk.py).  When all 15 are in, the drive motor is
; turned off and the menu starts.  Self-contained: calls only the Disk II
; ROM's reader, NMOS 6502.

.include "map.s"

.alias BUFLO    $26             ; the boot ROM's buffer pointer...
.alias BUFPAGE  $27
.alias SLOT16   $2b             ; ...slot * 16...
.alias SECTOR   $3d             ; ...the sector it reads...
.alias TRACK    $41             ; ...and the track it expects

.alias SECTORS  15              ; physical sectors 1-15 of track 0
.alias MOTOROFF $c088           ; + slot * 16: the drive's motor off

.org $0800

        .byte 1                 ; the ROM reads only this sector

entry:  lda done                ; first time here?
        bne next
        stx slot                ; keep the ROM's X for every request
        jsr print

; next: ask for the next sector, or start the menu when all are in.
next:   ldy done
        cpy #SECTORS
        beq finish
        inc done
        lda order,y             ; the sector...
        sta SECTOR
        clc
        adc #$08                ; ...goes to page $08 + sector
        sta BUFPAGE
        lda #0
        sta BUFLO
        sta TRACK
        lda #$20                ; an inverse space per sector: a progress bar
        sta $07d0+18,y
        lda slot                ; the ROM's reader: $Cn5C for slot n
        sta SLOT16
        lsr
        lsr
        lsr
        lsr
        ora #$c0
        sta read+2
        ldx slot
read:   jmp $c05c               ; (the high byte is set above)

finish: ldx slot
        lda MOTOROFF,x
        jmp MENU

; print: "HOMEBREW DISK" and room for the progress bar on the bottom line.
print:
.scope
        ldy #message_end-message-1
_char:  lda message,y
        ora #$80
        sta $07d0,y             ; text row 23
        dey
        bpl _char
        rts
.scend

message: .byte "HOMEBREW DISK ... "
message_end:

order:  .byte 1, 3, 5, 7, 9, 11, 13, 15, 2, 4, 6, 8, 10, 12, 14
done:   .byte 0                 ; sectors asked for so far
slot:   .byte 0                 ; the boot slot * 16

.checkpc $0900                  ; one sector
