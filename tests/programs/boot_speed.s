; boot_speed.s - a boot loader whose sector order needs the boot ROM's speed.
;
; For tests/test_boot_rom.py; assemble with ophis from this folder.  When
; the ROM has read sector s and jumps to $0801, how far has the disk turned?
; Apple's ROM spends about 9,800 cycles decoding after a sector's last
; nibble; a sector passes the head in about 12,500 (Beneath Apple DOS ch. 3:
; 32 cycles a nibble, about 390 nibbles).  So the next address field that
; passes is that of sector s + 2: DOS 3.3's boot 1, which asks for every
; other physical sector in turn (ch. 8), gets each on the same turn.
;
; Six times: on entry, watch for the next address field and log the sector
; just read (s = $3D - 1) and the sector seen (n); then ask the ROM for n + 1,
; whose address field comes after n's data field.  PASS if every n = s + 2
; (mod 16); else FAIL and the round.  The log is at LOG for the test.

.alias LOG      $0280           ; pairs: sector read, next sector seen
.alias ROUNDS   6
.alias ROUND    $09FF           ; in the second sector, which nothing rereads
.alias TMP      $F2

.org $0800
        .byte 2                 ; the ROM reads this and the next sector

entry:  jsr nextsec             ; the next address field's sector: n
        ldy ROUND
        sta LOG+1,y
        clc
        adc #1
        and #$0F
        sta TMP                 ; n + 1: the next to read
        ldx SECTOR
        dex
        txa
        and #$0F
        sta LOG,y               ; s
        iny
        iny
        sty ROUND
        cpy #ROUNDS * 2
        beq check
        lda TMP
        sta SECTOR
        lda #0
        sta COUNT
        lda #$20
        sta BUFPAGE
        ldx SLOT16
        jmp rdrom

check:  ldy #0
_c:     lda LOG,y
        clc
        adc #2
        and #$0F
        cmp LOG+1,y
        bne _bad
        iny
        iny
        cpy #ROUNDS * 2
        bne _c
        jmp pass
_bad:   tya
        lsr
        jmp fail

.include "bootlib.s"
.checkpc ROUND
        .advance ROUND
        .byte 0
