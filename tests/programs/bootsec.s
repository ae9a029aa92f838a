; bootsec.s - a minimal boot sector (track 0, sector 0) for the boot ROM's tests.
;
; Written for this project's tests (tests/test_disk_controller.py); assemble
; with ophis.  The boot ROM loads it at $0800 and jumps to $0801 with X =
; slot*16.  The first time ($27 = 9: one page loaded) it prints "OK" on the
; first screen row, keeps X in $F0 and asks the ROM, through $Cn5C, for
; physical sector 5 at $1000; the ROM comes back to $0801, which then jumps
; to that second stage.  The second stage is the test's job (it prints "2").

.org $0800
        .byte 1                 ; the ROM loads one sector
entry:  lda $27
        cmp #$09
        bne stage2
        lda #$CF                ; "O"
        sta $0400
        lda #$CB                ; "K"
        sta $0401
        stx $F0
        lda #$10                ; buffer page
        sta $27
        lda #5                  ; physical sector 5
        sta $3D
        txa                     ; $Cn5C, through RTS: push $Cn, $5B
        lsr
        lsr
        lsr
        lsr
        ora #$C0
        pha
        lda #$5B
        pha
        rts
stage2: jmp $1000
