; Shared by the test programs: where text (and lo-res) row r of page 1 starts,
; $0400 + 128 * (r % 8) + 40 * (r / 8), as low and high bytes.
rowlo:  .byte $00, $80, $00, $80, $00, $80, $00, $80
        .byte $28, $a8, $28, $a8, $28, $a8, $28, $a8
        .byte $50, $d0, $50, $d0, $50, $d0, $50, $d0
rowhi:  .byte $04, $04, $05, $05, $06, $06, $07, $07
        .byte $04, $04, $05, $05, $06, $06, $07, $07
        .byte $04, $04, $05, $05, $06, $06, $07, $07
