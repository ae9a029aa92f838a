; boot_table.s - a boot sector that reads a sector with its own code,
; decoding through the 6-and-2 table the boot ROM left in page 3.
;
; For tests/test_boot_rom.py; assemble with ophis from this folder.  Loaders
; that carry their own sector reader save room by indexing the ROM's table
; (the value of disk byte b at $02D6 + b, $036C-$03D5) instead of building
; one.  This one finds physical sector 5 of track 0 (the head is still
; there and the motor on), reads its data field (Beneath Apple DOS ch. 3),
; decodes it with EOR TABLE,Y and checks it holds the test pattern: byte i
; = i EOR 5.  FAIL 1: the checksum is wrong; FAIL 2: a byte is wrong.

.alias WANTED   5
.alias AUX      $1000           ; the 86 auxiliary values, in the order read
.alias BUF      $1100           ; the 256 others, then the bytes
.alias IDX      $F2

.org $0800
        .byte 2                 ; (the second sector holds the library)

entry:  stx SLOT16              ; X = slot * 16 from here on
find:   jsr nextsec             ; an address field
        cmp #WANTED
        bne find
        lda #$AD
        jsr prolog              ; its data field

        lda #0                  ; the running XOR
        sta IDX
auxl:   ldy $C08C,x
        bpl auxl
        eor TABLE,y
        ldy IDX
        sta AUX,y
        iny
        sty IDX
        cpy #86
        bne auxl
        ldy #0
        sty IDX
mainl:  ldy $C08C,x
        bpl mainl
        eor TABLE,y
        ldy IDX
        sta BUF,y
        iny
        sty IDX
        bne mainl
sum:    ldy $C08C,x
        bpl sum
        eor TABLE,y
        beq post
        lda #1
        jmp fail

post:   ldy #0                  ; byte i gets two more bits of AUX + i mod 86
p0:     ldx #0
p1:     lda BUF,y
        lsr AUX,x
        rol
        lsr AUX,x
        rol
        sta BUF,y
        iny
        beq check
        inx
        cpx #86
        bne p1
        beq p0

check:  tya
        eor #WANTED
        cmp BUF,y
        bne wrong
        iny
        bne check
        jmp pass
wrong:  lda #2
        jmp fail

.include "bootlib.s"
.checkpc $0A00
