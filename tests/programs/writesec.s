; writesec.s - write one sector's data field through the Disk II, RWTS style.
;
; Written for this project's tests (tests/test_disk_controller.py); assemble
; with ophis.  Load at $0C00 and start there with the motor on and the head on
; the track.  In: X = slot*16, SECTOR = the physical sector to write, the
; 349-nibble data field (D5 AA AD, 343 6-and-2 nibbles, DE AA EB) at $2000
; (bytes 0-255) and $2100 (bytes 256-348).  Out: RESULT = 0 written, 1 the
; disk is write-protected.  Ends in a JMP-to-self loop.
;
; It finds the sector's address field (D5 AA 96 ... DE AA), then switches the
; sequencer to write mode and writes five 10-bit self-sync bytes (one every
; 40 cycles) and the data field (one nibble every 32 cycles), as DOS 3.3's
; RWTS does ("Beneath Apple DOS" ch. 6).  Cycle counts are in the comments:
; what matters is the time between two loads of the data register
; (the last cycle of each STA $C08D,X / STA $C08F,X).

.alias SECTOR   $F0
.alias RESULT   $F1
.alias TMP      $F2
.alias PAGE1    $2000
.alias PAGE2    $2100

.org $0C00

start:  lda #0
        sta RESULT
        lda $C08D,x             ; Q6 on, Q7 off: sense write protect
        lda $C08E,x
        bpl find
        lda #1
        sta RESULT
        jmp done

find:   lda $C08C,x             ; read mode
        bpl find
find1:  cmp #$D5
        bne find
f2:     lda $C08C,x
        bpl f2
        cmp #$AA
        bne find1
f3:     lda $C08C,x
        bpl f3
        cmp #$96
        bne find
        ldy #3                  ; volume, track, sector (4-and-4)
pair:   lda $C08C,x
        bpl pair
        sec
        rol
        sta TMP
pair2:  lda $C08C,x
        bpl pair2
        and TMP
        dey
        bne pair
        cmp SECTOR
        bne find
        ldy #4                  ; checksum pair, then DE AA
skip:   lda $C08C,x
        bpl skip
        dey
        bne skip

; --- write: five syncs, 40 cycles apart ------------------------------------------
        ldy #4
        lda $C08D,x             ; Q6 on: the next access with Q7 on loads
        lda #$FF
        sta $C08F,x             ; Q7 on: write mode; load #1
        ora $C08C,x             ; 4   shift
        nop                     ; 2
        bit TMP                 ; 3   (35 + 5 = 40 to the first load below)
sync:   nop                     ; 24 cycles of padding
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        lda #$FF                ; 2
        sta $C08D,x             ; 5   load
        ora $C08C,x             ; 4
        dey                     ; 2
        bne sync                ; 3   = 40 per round
        nop                     ; 2   (last sync: 4+2+2 + 9 + 14+4+5 = 40)
        nop                     ; 2
        nop                     ; 2
        bit TMP                 ; 3

; --- the data field: 256 nibbles from PAGE1, then 93 from PAGE2, 32 cycles apart
data1:  nop                     ; 14 cycles of padding
        nop
        nop
        nop
        nop
        nop
        nop
        lda PAGE1,y             ; 4
        sta $C08D,x             ; 5   load
        ora $C08C,x             ; 4
        iny                     ; 2
        bne data1               ; 3   = 32
        bit TMP                 ; 3   (4+2+2 + 3 + 12+4+5 = 32)
data2:  nop                     ; 12 cycles of padding
        nop
        nop
        nop
        nop
        nop
        lda PAGE2,y             ; 4
        sta $C08D,x             ; 5   load
        ora $C08C,x             ; 4
        iny                     ; 2
        cpy #93                 ; 2
        bne data2               ; 3   = 32
        ldy #8                  ; let the last nibble out (>= 32 cycles)
drain:  dey
        bne drain
        lda $C08E,x             ; Q7 off: read mode again
        lda $C08C,x
done:   jmp done
