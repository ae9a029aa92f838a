; disk2_seek.s - the recalibration both boot ROMs do (disk2.s, disk2_13.s).
;
; An include file.  In: X = slot * 16, the drive's motor on.  Magnets 0, 3,
; 2, 1, 0, 3, ... each pull the head out a half track; the last is magnet 0,
; so the head stops on track 0, and magnet 0 stays on, as with Apple's PROM.
; Each magnet is on 8 ms: a drive moves the arm a half track in a few (DOS
; 3.3 steps faster); Apple's PROM allows about 19 ms, which only makes its
; boot slower.  81 steps come out from quarter track 159, with one to spare.
; Out: A = 0 (from the monitor's WAIT), X = slot * 16, Y = $FF, N = 1.

.alias steps 81 
.alias settle $37 ; WAIT(55): 8,318 cycles

        ldy #steps
seek:   lda $C080,x             ; the magnet X points at off
        tya
        and #3
        asl
        ora slot16
        tax
        lda $C081,x             ; magnet Y mod 4 on
        lda #settle
        jsr wait                ; let the head get there
        dey
        bpl seek
