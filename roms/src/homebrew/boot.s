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
; catch; in order, each would cost a whole turn of the disk.  Then the head
; steps to track 1 (phase 1 on, phase 2 on, phase 1 off, 4 ms apart: a
; track is two phases, "Beneath Apple DOS" ch. 6) for nine of its physical
; sectors, two apart from 1 (1, 3, ... 15, then 2: sector 0 passes as the
; loader asks again), which go to pages $1A-$1F, the 80-column snake, and
; $60-$62, the split-screen timing demo.  The .dsk file holds
; each physical sector where DOS 3.3's interleave puts it (see
; emu/tools/homebrew_disk.py).  When all are in, the drive motor is
; turned off and the menu starts.  Self-contained: calls only the Disk II
; ROM's reader, NMOS 6502.

.include "map.s"

.alias BUFLO    $26             ; the boot ROM's buffer pointer...
.alias BUFPAGE  $27
.alias SLOT16   $2b             ; ...slot * 16...
.alias SECTOR   $3d             ; ...the sector it reads...
.alias TRACK    $41             ; ...and the track it expects

.alias SECTORS  15              ; physical sectors 1-15 of track 0...
.alias REQUESTS 24              ; ...then nine of track 1:
.alias T1S0     1               ; physical sectors 1, 3, ... 15, 2 (as the
                                ; head lands, about sector 0 passes)
.alias MOTOROFF $c088           ; + slot * 16: the drive's motor off
.alias PHASE0OFF $c080          ; + slot * 16: the stepper's magnets
.alias PHASE1OFF $c082
.alias PHASE1ON $c083
.alias PHASE2OFF $c084
.alias PHASE2ON $c085

.org $0800

        .byte 1                 ; the ROM reads only this sector

entry:  lda done                ; first time here?
        bne next
        stx slot                ; keep the ROM's X for every request
        jsr print

; next: ask for the next sector, or start the menu when all are in.
next:   ldy done
        cpy #REQUESTS
        beq finish
        cpy #SECTORS            ; track 0 is in: on to track 1, once
        bne ask
        lda curtrack
        bne ask
        jsr seek
        ldy done
ask:    inc done
        lda order,y             ; the sector...
        sta SECTOR
        lda pages,y             ; ...and its page
        sta BUFPAGE
        lda #0
        sta BUFLO
        lda curtrack
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

; seek: the head from track 0 to track 1 (the motor is still on).
seek:   ldx slot
        lda PHASE0OFF,x         ; (nothing pulls it back)
        lda PHASE1ON,x
        jsr delay
        lda PHASE2ON,x
        jsr delay
        lda PHASE1OFF,x
        jsr delay
        lda PHASE2OFF,x
        inc curtrack
        rts

; delay: about 4,000 cycles (4 ms).  Uses A, Y.
delay:
.scope
        lda #3
_outer: ldy #0
_inner: dey
        bne _inner
        sec
        sbc #1
        bne _outer
        rts
.scend

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

order:  .byte 1, 3, 5, 7, 9, 11, 13, 15, 2, 4, 6, 8, 10, 12, 14   ; track 0
        .byte T1S0, T1S0+2, T1S0+4, T1S0+6, T1S0+8, T1S0+10       ; track 1
        .byte T1S0+12, T1S0+14, T1S0+1
pages:  .byte $09, $0b, $0d, $0f, $11, $13, $15, $17              ; $08 + the sector
        .byte $0a, $0c, $0e, $10, $12, $14, $16
        .byte >SNAKE80, >SNAKE80+1, >SNAKE80+2, >SNAKE80+3, >SNAKE80+4, >SNAKE80+5
        .byte >TIMING, >TIMING+1, >TIMING+2
done:   .byte 0                 ; sectors asked for so far
slot:   .byte 0                 ; the boot slot * 16
curtrack: .byte 0               ; the track the head is on

.checkpc $0900                  ; one sector
