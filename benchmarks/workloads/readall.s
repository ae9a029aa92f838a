; readall.s - a boot sector that reads every sector of a 35-track disk.
;
; Written for benchmarks/disk.py; assemble with ophis.  It is track 0 sector
; 0 of the benchmark disk: the boot ROM loads it at $0800 and jumps to $0801.
; It then reads, through the boot ROM's $Cn5C, all 16 sectors of each of the
; 35 tracks into page $10, in the order 0, 2, 4 ... 14, 1, 3 ... 15 (the ROM
; needs about half a sector's time to decode one, so it takes every other
; sector as it goes by: two turns a track), stepping out one track at a time.
; The ROM comes back to $0801 after each sector.  At the end: JMP-to-self at
; `done`, with TRACK = 35.

.alias TRACK    $F0             ; track being read
.alias INDEX    $F1             ; place in ORDER
.alias HALF     $F2             ; head position in half tracks
.alias SLOT16   $2B
.alias SECTOR   $3D
.alias EXPECT   $41             ; the track the ROM checks address fields against
.alias BUFPAGE  $27

.org $0800
        .byte 1                 ; the ROM loads this one sector
entry:  lda BUFPAGE
        cmp #$09                ; first time here (one page loaded)?
        bne next
        lda #0
        sta TRACK
        sta INDEX
        sta HALF
        beq read
next:   inc INDEX
        lda INDEX
        cmp #16
        bne read
        lda #0
        sta INDEX
        inc TRACK
        lda TRACK
        cmp #35
        beq done
        jsr step
        jsr step
        lda TRACK
        sta EXPECT
read:   ldy INDEX
        lda order,y
        sta SECTOR
        lda #$10
        sta BUFPAGE
        lda SLOT16              ; RTS to $Cn5C: push $Cn, $5B
        tax
        lsr
        lsr
        lsr
        lsr
        ora #$C0
        pha
        lda #$5B
        pha
        rts
done:   jmp done

; The boot ROM leaves magnet 0 on (as Apple's does), so each step first turns
; off the magnet that holds the head.
step:   jsr magnet              ; the magnet holding the head: off
        lda $C080,x
        inc HALF                ; next half track: its magnet on, wait, off
        jsr magnet
        lda $C081,x
        ldy #0
wait:   dey                     ; about 1.3 ms
        bne wait
        lda $C080,x
        rts

magnet: lda HALF                ; X = slot * 16 + 2 * (HALF mod 4)
        and #3
        asl
        ora SLOT16
        tax
        rts

order:  .byte 0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15
