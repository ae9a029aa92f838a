; rows.s - where each text (and lo-res) row of page 1 starts in memory.
;
; An include file (no build header).  Row r starts at
; $0400 + 128 * (r mod 8) + 40 * (r div 8): the screen's rows are
; interleaved in memory, so a table is the quickest way to find one.
; Lo-res block rows 2r and 2r+1 share text row r (low and high nibble).

rowlo:  .byte $00, $80, $00, $80, $00, $80, $00, $80
        .byte $28, $a8, $28, $a8, $28, $a8, $28, $a8
        .byte $50, $d0, $50, $d0, $50, $d0, $50, $d0
rowhi:  .byte $04, $04, $05, $05, $06, $06, $07, $07
        .byte $04, $04, $05, $05, $06, $06, $07, $07
        .byte $04, $04, $05, $05, $06, $06, $07, $07
