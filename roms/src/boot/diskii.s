; diskii.s - what both of our boot loaders share: their memory, and reading
; any sector of a 16-sector disk through the Disk II boot ROM.
;
; An include file (no build header), part of the loaders' main part, which
; their first stage copies to LOADER ($BA00-$BCFF) and starts there, so that
; a program may be loaded anywhere from $0900 to $B9FF.
;
; Reading a sector: the Disk II boot ROM's sector reader at $Cn5C reads
; physical sector $3D of the track under the head (the track number in the
; address field must equal $41) into the page at $27 ($26 = 0), with X = slot
; * 16, then advances $27 and $3D and, as $3D is not below the byte at $0800,
; jumps to $0801.  We set $0800 to 0 and point the JMP at $0801 at `back`,
; an RTS, so a JSR to `rdphys` returns to its caller once the sector is in.
; (This is how DOS 3.3's boot stage 1 and Peter Ferrie's Standard Delivery
; use the ROM; "Beneath Apple DOS" ch. 8.)  That is why page $08 stays ours
; while loading.  The ROM only reads; moving the head is ours: `seek` steps
; it a half track at a time, turning on the magnet of the next half track
; (phase = half track mod 4) for about 5 ms, then off ("Understanding the
; Apple II" ch. 9).
;
; Zero page: the ROM's $26 $27 $2B $3C $3D $40 $41; a ProDOS block driver's
; command $42-$47; ours $48-$5F.  Page 3 is the ROM's decoding table.

.alias BUFLO    $26             ; the ROM's buffer pointer: 0...
.alias BUFPG    $27             ; ...and the page
.alias ROMSLOT  $2B             ; slot * 16, as the ROM keeps it
.alias ROMSEC   $3D             ; the physical sector to read
.alias ROMTRK   $41             ; the track it must be on
.alias CMD      $42             ; ProDOS block driver: 1 = READ
.alias UNIT     $43             ;   drive 1 of slot n: n * 16
.alias BUFFER   $44             ;   ($44/$45) where the block goes
.alias BLOCK    $46             ;   ($46/$47) which block

.alias slot     $50             ; slot * 16 of the boot device
.alias curht    $51             ; the half track the head is on
.alias target   $52             ; the half track wanted
.alias dest     $53             ; ($53/$54) where the next byte of the file goes
.alias left     $55             ; ($55/$56) bytes of the file still to copy
.alias runat    $57             ; ($57/$58) the program's address: where we jump
.alias first    $59             ; the first byte of the next page to copy
.alias end      $5A             ; the byte of this page to stop at (0: all 256)
.alias tmp      $5B
.alias ent      $5C             ; ($5C/$5D) a catalog or directory entry

.alias LOADER   $BA00           ; the main part runs here, $BA00-$BCFF
.alias BUF      $BD00           ; its buffers, $BD00-$BFFF
.alias LOWEST   $09             ; a program's first page...
.alias BEYOND   $BA             ; ...and the page after its last
.alias SCREEN   $07D0           ; text row 23: where a failure is shown
.alias PHASEOFF $C080           ; + slot * 16 + phase * 2
.alias PHASEON  $C081
.alias MOTOROFF $C088           ; + slot * 16

; diskii: set the Disk II up for rdphys (`slot` set, head on track 0).
diskii:
        jsr slotpage
        sta romread+2           ; $Cn5C
        lda #0
        sta $0800               ; the ROM's reader returns after one sector
        sta curht               ; the head is still on track 0
        lda #<back
        sta $0802               ; the JMP at $0801 now goes back to rdphys's caller
        lda #>back
        sta $0803
        rts

; slotpage: A = $Cn, the page of the boot slot's ROM.
slotpage:
        lda slot
        lsr
        lsr
        lsr
        lsr
        ora #$C0
        rts

; rdphys: read physical sector A of track Y into the page at BUFPG.
rdphys:
        sta ROMSEC
        sty ROMTRK
        tya
        asl
        sta target
        jsr seek
        lda #0
        sta BUFLO
        ldx slot
        stx ROMSLOT
romread:
        jmp $C05C               ; the high byte is the slot's, set by diskii
back:   rts                     ; the ROM jumps here through $0801

; seek: step the head to half track `target`.
seek:
.scope
_step:  lda curht
        cmp target
        beq _done
        bcc _in
        dec curht               ; out, towards track 0
        bcs _pull               ; (always: C = 1 from the compare)
_in:    inc curht
_pull:  lda curht
        and #3
        asl
        ora slot
        tax
        lda PHASEON,x           ; the magnet of the new half track on...
        ldy #0
        lda #4
        sta tmp
_wait:  dey                     ; ...for 4 x 256 x 5 cycles, about 5 ms...
        bne _wait
        dec tmp
        bne _wait
        lda PHASEOFF,x          ; ...and off: the head stays there
        jmp _step
_done:  rts
.scend
