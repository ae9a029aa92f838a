; build: roms/disk2.rom
; Disk II boot ROM for the slot n page $Cn00-$CnFF (16 sectors, 6-and-2).
;
; Written for this emulator from the documented behaviour of Apple's 16-sector
; boot PROM (341-0027, "P5"), not copied from it.  One part is constrained by
; interoperability: the reader at $Cn63-$CnEA keeps the instruction layout
; that ProDOS's boot loader relies on (below), so there its instructions sit
; where Apple's do.  Position independent: the same 256 bytes run in any slot.
;
; Boot loaders depend on much more than "track 0 sector 0 to $0800, JMP
; $0801".  Each thing below is documented, and each has a test disk of its
; own (tests/test_boot_rom.py, tests/programs/boot_*.s):
;
; * Identity bytes ($Cn01, $Cn03, $Cn05, $Cn07 = $20, $00, $03, $3C; $CnFF =
;   $00 for 16 sectors): the autostart ROM's slot scan, and ProDOS's (ProDOS 8
;   Technical Reference, 6.3.1), which reads $CnFF.
; * The 6-and-2 decoding table in page 3: the value of disk byte b at
;   $02D6 + b ($036C-$03D5), the 64 valid bytes only.  Loaders that read on
;   their own index it as EOR $02D6,Y, as this ROM does.  $0300-$0355 hold
;   the 86 auxiliary values of the sector being read.
; * At $0801: X = slot * 16 (the same in $2B), A = $3D, Y = 0, carry set,
;   N and Z from X; $26/$27 = the next buffer (low byte 0), $3D = the next
;   sector, $40 = the track of the last address field read, $41 = 0 (the
;   track expected), $3C = scratch.  (Beneath Apple DOS ch. 5 and 8.)
; * $0800 is a count: while $3D < ($0800) the next sector goes to the next
;   page, so a boot sector may ask for more (the BASICS disk, ProDOS).
; * $Cn5C reads sector $3D of the track the head is on into ($26) and then
;   does as above: INC $27, INC $3D, and on or JMP $0801.  It needs X = slot
;   * 16 on entry (it does not load it), takes the buffer's low byte from $26
;   too, keeps trying until an address field shows sector $3D AND track $41
;   (volume and checksums are not checked), and uses $2B and $0800 only at
;   the end.  DOS 3.3's boot 1 and Peter Ferrie's loaders re-enter here.
; * The reader's layout, $Cn63-$CnEA: ProDOS's block-0 boot loader (and a
;   few others) copy those bytes into RAM ($09F7-$0A7E) and use them as their
;   own sector reader, after patching the operands of seven branches
;   ($Cn66, $Cn7C, $Cn82, $Cn9D, $CnA3, $CnA5, $CnD4) to go to their retry
;   and seek code, and appending LDX $2B / CLC / RTS at the end.  So every
;   instruction of the reader sits at the offset that use requires, each of
;   those seven is the conditional branch it expects, and nothing in
;   $Cn63-$CnEA jumps to an absolute address.  (Beneath Apple ProDOS, the
;   boot loader; the ProDOS 8 block 0.)
; * Timing: the reader keeps up with a nibble every 32 cycles, and decoding
;   a sector takes about 9,800 cycles after its last nibble.  A loader that
;   asks for the next sector at once catches the sector after next: DOS
;   3.3's boot 1 reads DOS's logical sectors in descending order, two apart
;   physically, and depends on it.  (Beneath Apple DOS ch. 3 and 8.)
; * $CnF8: JMP $0801 (boot tracers patch it).
;
; Zero page: $26/$27 buffer, $2B slot*16, $3C scratch, $3D sector, $40 track
; found, $41 track wanted.  It calls the monitor's IORTS ($FF58, to find its
; slot) and WAIT ($FCA8, between steps), as Apple's does.

        .org $C600

.alias buf $26 ; and $27
.alias slot16 $2B 
.alias tmp $3C 
.alias sector $3D 
.alias track $40 
.alias expect $41 
.alias aux $0300 
.alias decode $02D6 ; decode + disk byte = its 6-bit value ($036C-$03D5)
.alias iorts $FF58 ; an RTS in the monitor
.alias wait $FCA8 ; the monitor's delay: A = 0 on return
.alias boot1 $0801 
.alias secount $0800 ; boot 1's first byte: sectors the ROM loads

; --- identity bytes, which also begin the table loop ----------------------------
        ldx #$20
        ldy #$00                ; the first 6-bit value
        ldx #$03                ; the first candidate (disk byte $83, bit 7 dropped)

; --- the decoding table: X runs through disk bytes without bit 7, Y through values --
; Valid: two adjacent 1 bits among bits 0-6, and at most one pair of adjacent
; 0 bits (Beneath Apple DOS ch. 3); $AA and $D5 fail the first test.
table:  stx tmp
        txa
        asl                     ; C = 0: X < $80
        bit tmp                 ; Z: no two adjacent 1 bits
        beq next
        ora tmp
        eor #$FF
        and #$7E                ; a 1 for each pair of adjacent 0 bits
        sta tmp
        sbc #0                  ; minus 1 (C = 0)
        and tmp                 ; zero unless two pairs or more
        bne next
        tya
        sta decode+$80,x
        iny
next:   inx
        bpl table

; --- where am I ---------------------------------------------------------------------
.include "disk2_slot.s"

; --- read mode, drive 1, motor on ------------------------------------------------
        lda $C08E,x             ; Q7 off: never write while the disk turns
        lda $C08A,x
        lda $C089,x

; --- recalibrate: to track 0, magnet 0 left on; ends with A = 0 ---------------------
.include "disk2_seek.s"

        sta buf
        sta sector
        sta expect
        lda #>$0800
        sta buf+1

; --- $Cn5C: read sector `sector` of this track into (buf) -------------------------
; From here to $CnEA the layout is fixed (see the notes at the top): ProDOS
; runs a copy of $Cn63-$CnEA with the seven marked operands replaced.
        .checkpc $C65C
        .advance $C65C
rdsect: clc                     ; C = 0: an address field wanted
field:  php                     ; (C = 1: a data field)
nibble: lda $C08C,x
        bpl nibble
isd5:   cmp #$D5
        bne nibble              ; * $Cn66
nib2:   lda $C08C,x
        bpl nib2
        cmp #$AA
        bne isd5
        nop                     ; (room: the next instruction is at $Cn71)
nib3:   lda $C08C,x
        bpl nib3
        cmp #$96
        beq address
        plp
        bcc rdsect              ; * $Cn7C: not the address field wanted
        eor #$AD                ; A = 0 for the data field's running XOR
        beq data
        bne rdsect              ; * $Cn82

; The address field, 4-and-4: volume, track, sector (the checksum is not read).
address:
        ldy #3
addr:   sta track               ; the value before: the track, after the loop
odd:    lda $C08C,x
        bpl odd
        rol                     ; C = 1 here: the odd bits, shifted, with a 1 below
        sta tmp
even:   lda $C08C,x
        bpl even
        and tmp
        dey
        bne addr                ; A = the sector
        plp
        cmp sector
        bne rdsect              ; * $Cn9D
        lda track
        cmp expect
        bne rdsect              ; * $CnA3
        bcs field               ; * $CnA5: always; now look for its data field

; The data field, 6-and-2: 86 auxiliary values, 256 more, a checksum; each
; nibble is the XOR of its value with the one before.
data:   ldy #$56
auxl:   sty tmp
aux1:   ldy $C08C,x
        bpl aux1
        eor decode,y
        ldy tmp
        dey
        sta aux,y
        bne auxl
mainl:  sty tmp
main1:  ldy $C08C,x
        bpl main1
        eor decode,y
        ldy tmp
        sta (buf),y
        iny
        bne mainl
sum:    ldy $C08C,x
        bpl sum
        eor decode,y
again:  bne rdsect              ; * $CnD4: the values do not XOR to 0

; Each byte's low two bits come from the auxiliary values, two at a time and
; swapped: byte i takes the next two bits of aux + $55 - (i mod 86).
        ldy #0
post0:  ldx #$56
post:   dex
        bmi post0
        lda (buf),y
        lsr aux,x
        rol
        lsr aux,x
        rol
        sta (buf),y
        iny
        bne post
        .checkpc $C6EB

; --- on to the next sector, or boot 1 ----------------------------------------------
        inc sector
        inc buf+1
        lda sector
        cmp secount
        ldx slot16              ; X = slot*16; N = 0, Z = 0
        bcc again               ; more: BNE there goes back to $Cn5C
        .checkpc $C6F8
        jmp boot1

        .advance $C6FF
        .byte $00               ; 16 sectors
