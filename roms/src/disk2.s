; build: roms/disk2.rom
; Disk II boot ROM for the slot n page $Cn00-$CnFF (16-sector, 6-and-2).
;
; Written from scratch for this emulator from the documented behaviour
; ("Beneath Apple DOS" ch. 3 and 6, "Understanding the Apple II" ch. 9);
; it contains no Apple code.  It is position independent: the same 256 bytes
; run in any slot.
;
; What it does, and what boot loaders rely on:
;   * the signature bytes the autostart monitor and ProDOS look for:
;     $Cn01=$20, $Cn03=$00, $Cn05=$03, $Cn07=$3C, and $CnFF=$00 (16 sectors);
;   * finds its slot by calling an RTS in the monitor ($FF58) and reading the
;     return address left on the stack: $2B = slot*16;
;   * builds the 6-and-2 decoding table (disk byte -> 6-bit value) in page 3,
;     turns the drive 1 motor on, steps the head out to track 0 (it leaves
;     Q7 alone: RESET turns write mode off);
;   * reads physical sector 0 of track 0 into $0800 and jumps to $0801 with
;     X = slot*16, A = $3D, $26/$27 = the buffer pointer (already advanced to
;     the next page), $3D = next sector;
;   * $Cn5C reads physical sector $3D of track $41 (the head must be there)
;     into page $27, then does the same: INC $27, INC $3D, and while
;     $3D < ($0800) reads the next sector, else JMP $0801.  DOS 3.3's boot 1 and Peter Ferrie's
;     "Standard Delivery" re-enter here to load more sectors.
;
; Zero page: $26/$27 buffer, $2B slot*16, $3C scratch, $3D sector, $40 the
; track number of the last address field read, $41 the track expected there
; (the boot sets it to 0; a loader that steps the head sets it, as Standard
; Delivery does).
; Page 3: $0300-$0355 the 86 auxiliary (low 2 bits) values, $0356-$03BF
; the decoding table, indexed by disk byte ($96-$FF).

        .org $C600

.alias slotpage $0100 ; the stack page
.alias buf $26 ; and $27
.alias slot16 $2B 
.alias tmp $3C 
.alias sector $3D 
.alias track $40 
.alias expect $41 
.alias aux $0300 
.alias decode $0356 - $96 ; decode + disk byte = its 6-bit value
.alias iorts $FF58 ; an RTS in the monitor
.alias boot1 $0801 
.alias secount $0800 ; boot 1's first byte: sectors the ROM loads

; --- signature; also initialises Y = 0 for the table loop -----------------------
        ldx #$20
        ldy #$00
        ldx #$03
        stx tmp

; --- the decoding table: Y counts the 6-bit values, X runs through disk bytes ---
; A disk byte is valid when two adjacent bits of bits 0-6 are 1 and at most
; one pair of adjacent bits is 0 (all candidates from $96 on have bit 7 set).
        ldx #$96
table:  stx tmp
        txa
        lsr
        and tmp
        and #$3F                ; adjacent 1 bits among bits 0-6
        beq next
        txa
        lsr
        ora tmp                 ; a 0 bit wherever two adjacent bits are 0
        sta tmp
        inc tmp
        ora tmp                 ; A OR (A + 1) is $FF if A has at most one 0 bit
        cmp #$FF
        bne next
valid:  tya
        sta decode,x
        iny
next:   inx
        bne table               ; ends with tmp = 0 (from $FF)

; --- where am I: the return address of a JSR left on the stack is $Cnxx -------
        jsr iorts
        tsx
        lda slotpage,x
        asl
        asl
        asl
        asl
        sta slot16
        tax

; --- drive 1, motor on ----------------------------------------------------
        lda $C08A,x             ; drive 1 (Q7, write, is off since RESET)
        lda $C089,x             ; motor on

; --- recalibrate: step out 64 tracks, magnets 0, 3, 3, 2, 2, 1, 1, 0, 0, 3, ... ------
; Each magnet stays on for two turns of the inner loop, about 4.6 ms: a head
; needs time to follow (the drive's stepper takes about 0.5 ms a quarter track).
; The count in tmp starts at 0 (the table loop leaves it there).
seek:   lda tmp
        and #6
        ora slot16
        tax                     ; X = slot*16 + phase*2
hold:   lda $C081,x             ; this phase on, 256 times (2.3 ms)
        dey
        bne hold
        lda $C080,x             ; and off
        dec tmp
        bne seek                ; ends on phase 0 (track 0) with X = slot*16, Y = 0

        sty buf
        sty sector
        sty expect              ; track 0
        lda #>$0800
        sta buf+1               ; (this fills the page up to $Cn5C: fall into the reader)

; --- $Cn5C: read sector `sector` of this track into page buf+1 ------------------
        .advance $C65C
rdsect: ldx slot16
restart:
        clc                     ; C = 0: look for an address field
field:  php
pro1:   lda $C08C,x
        bpl pro1
pro1b:  cmp #$D5
        bne pro1
pro2:   lda $C08C,x
        bpl pro2
        cmp #$AA
        bne pro1b
pro3:   lda $C08C,x
        bpl pro3
        plp
        bcs data
        cmp #$96                ; address field: volume, track, sector in 4-and-4
        bne restart
        ldy #3
addr:   sta track               ; the value before: after the loop, the track
odd:    lda $C08C,x
        bpl odd
        sec
        rol
        sta tmp
even:   lda $C08C,x
        bpl even
        and tmp
        dey
        bne addr                ; A = the sector number, read last
        cmp sector
        bne restart
        lda track
        cmp expect
        beq field               ; ours (C = 1): now its data field
        bne restart
data:   cmp #$AD
        bne restart

; --- the data field: 86 auxiliary values then 256, each XORed with the last ---
        lda #0
        ldy #$56
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
again:  bne restart             ; checksum: the values XOR to 0

; --- add each byte's low two bits (swapped) from the auxiliary values ----------
        ldy #0
        ldx #$56
post:   dex
        bpl post1
        ldx #$55
post1:  lda (buf),y
        lsr aux,x
        rol
        lsr aux,x
        rol
        sta (buf),y
        iny
        bne post

        inc buf+1
        inc sector
        lda sector
        cmp secount
        ldx slot16
        bcc again               ; more: Z = 0 there (X is not 0), so on to restart
        jmp boot1

        .advance $C6FF
        .byte $00               ; 16-sector ROM
