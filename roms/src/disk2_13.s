; build: roms/disk2_13.rom
; Disk II boot ROM for 13-sector disks (5-and-3, DOS 3.2 and earlier): the
; card variant that Apple's 341-0009 P5 was.  The emulator puts it in the
; card instead of disk2.rom when drive 1 holds a 13-sector image.
;
; Written for this emulator; it contains no Apple code.  Position
; independent, like disk2.s (whose design it shares: see that file).
;
; What it does, and what a boot sector may rely on:
; * identity bytes $Cn01, $Cn03, $Cn05, $Cn07 = $20, $00, $03, $3C (so the
;   autostart scan boots it) and $CnFF = $FF: a 13-sector card, which ProDOS
;   leaves alone (ProDOS 8 Technical Reference Manual);
; * the 5-and-3 table: the value of disk byte b at $0A00 + b ($0AAB-$0AFF),
;   the 32 bytes with bit 7 set and no two adjacent 0 bits, less $AA and $D5
;   (Beneath Apple DOS ch. 3);
; * physical sector 0 of track 0 to $0300-$03FF, then JMP $0301 with X =
;   slot * 16 (where DOS 3.2's boot 1 runs: Beneath Apple DOS ch. 5; Rana
;   Systems' Elite manual 7.2.2);
; * JSR $Cn5D reads sector $3D of the track under the head into ($26) and
;   returns with X = slot * 16 (X must hold it on entry too): DOS 3.2.1's
;   boot 1 calls it that way (Rana, 7.2.2).  Unlike disk2.s it does not
;   compare the track ($41 is not used: 256 bytes hold no more).  It uses
;   $0800-$09FF for the values and $3C, $3E, $3F as scratch.
;
; Not reproduced: Apple's 13-sector PROM decodes track 0 sector 0 its own way,
; and DOS 3.2 writes its boot 1 "with a different form of nibbilization than
; any other sector on the diskette" (Beneath Apple DOS ch. 5), which is not
; documented; this ROM decodes it as any other sector.  So boot sectors of
; our own (and 13-sector images made from sector dumps) boot here; real DOS
; 3.2 boot 1 code needs the user's 341-0009 (--disk-rom).
;
; A data field: 154 values holding each byte's low 3 bits, then 256 holding
; its top 5 (Beneath Apple DOS ch. 3, fig. 3.18), each nibble the XOR of its
; value with the one before, then the checksum.  Bytes 5i..5i+4 (i = 0..50)
; take their top bits from values 50-i, 101-i, 152-i, 203-i and 254-i of the
; 256, and their low bits from values 50-i, 101-i and 152-i of the 154: bits
; 4-2 for bytes 5i..5i+2, bit 1 of each for byte 5i+3, bit 0 for 5i+4.  Byte
; 255 is value 255 of the 256 and the low 3 bits of value 153 of the 154.

        .org $C600

.alias buf $26 ; and $27
.alias slot16 $2B 
.alias tmp $3C 
.alias sector $3D 
.alias lo3 $3E ; byte 5i+3's low bits, gathered
.alias lo4 $3F ; byte 5i+4's
.alias threes $0800 ; the 154 values, first read last: threes + 153 - n
.alias tops $0900 ; the 256, in the order read
.alias decode $0A00 ; decode + disk byte = its 5-bit value
.alias iorts $FF58 
.alias wait $FCA8 
.alias boot1 $0301 

; --- identity bytes, which also begin the table loop ----------------------------
        ldx #$20
        ldy #$00                ; the first 5-bit value
        ldx #$03                ; the first candidate (bit 7 dropped)

; --- the 5-and-3 table: two adjacent 1 bits among bits 0-6 (which leaves out
; $AA and $D5, the only ones with no 0 pair and no 1 pair) and no two adjacent
; 0 bits --------------------------------------------------------------------------
table:  stx tmp
        txa
        asl
        bit tmp
        beq next
        ora tmp                 ; a 0 left at bit i: bits i and i-1 both 0
        and #$7E
        cmp #$7E
        bne next
        tya
        sta decode+$80,x
        iny
next:   inx
        bpl table

; --- slot, drive 1, motor on, recalibrate: as disk2.s (but Q7 is left alone:
; RESET turns write mode off, and there is no room here) ---------------------------
.include "disk2_slot.s"
        lda $C08A,x
        lda $C089,x
        lda #>$0300             ; sector 0 goes to $0300, and the read's RTS
        sta buf+1               ; to $0301: $03 pushed now, $00 below
        pha
.include "disk2_seek.s"
        pha
        sta buf
        sta sector
        bmi read                ; (N = 1 from the recalibration's last DEY)

nibble: lda $C08C,x
        bpl nibble
        rts

; --- $Cn5D: read sector `sector` of the track under the head into (buf) ------------
        .checkpc $C65D
        .advance $C65D
read:   jsr field
        cmp #$B5
        bne read                ; an address field: volume, track, sector
        ldy #3
_addr:  jsr nibble              ; volume, track, sector: only the last counts
        rol                     ; (C = 1: from CMP #$B5, then from each ROL)
        sta tmp
        jsr nibble
        and tmp
        dey
        bne _addr
        cmp sector
        bne read
        jsr field               ; its data field: the next D5 AA (a missing
        lda #0                  ; one fails the checksum), and A = 0

        ldy #154
_three: sty tmp                 ; 154 values to threes + 153 down to threes
_t:     ldy $C08C,x
        bpl _t
        eor decode,y
        ldy tmp
        dey
        sta threes,y
        bne _three
_top:   sty tmp                 ; 256 to tops, in order
_p:     ldy $C08C,x
        bpl _p
        eor decode,y
        ldy tmp
        sta tops,y
        iny
        bne _top
_sum:   ldy $C08C,x
        bpl _sum
        eor decode,y
        bne read                ; the values do not XOR to 0
        ldy #0

; Bytes 5i..5i+4 in turn: X walks 50-i, 101-i, 152-i, 203-i, 254-i (51 up each
; time), and 255 up wraps it to 50-(i+1) for the next group; after the last,
; X = 255.  threes + X and tops + X are the values for each.
        ldx #50
_group: jsr three
        jsr three
        jsr three
        lda lo3
        jsr low
        lda lo4
        jsr low
        bpl _group              ; X = 49-i here, and $FF after the last
        lda threes+153          ; byte 255
        jsr low
        ldx slot16
        rts

three:  lda threes,x
        lsr                     ; bit 0: byte 5i+4's; bit 1: byte 5i+3's
        rol lo4
        lsr
        rol lo3
low:    and #7
        sta tmp
        lda tops,x
        asl
        asl
        asl
        ora tmp
        sta (buf),y
        iny
        txa
        adc #51                 ; (C = 0: the last ASL shifted out a 0)
        tax
        rts

; field: read nibbles until D5 AA; returns the one after.
field:  jsr nibble
_d5:    cmp #$D5
        bne field
        jsr nibble
        cmp #$AA
        bne _d5
        jmp nibble              ; the third

        .advance $C6FF
        .byte $FF               ; 13 sectors
