; build: roms/apple2ee.rom
;
; apple2ee.s - this project's own ROM for the enhanced Apple IIe, $C000-$FFFF
; (16 KiB): the IIe's internal ROM at $C100-$CFFF (iierom.s, a placeholder
; for now) and the same system ROM as the II+'s at $D000-$FFFF (system.s),
; with the enhanced IIe's identification bytes.  Its code is NMOS 6502 code, which
; both the IIe's 6502 and the enhanced IIe's 65C02 run.

.include "zp.s"

; Apple II Miscellaneous Technical Note #2: a IIe has $FBB3 = $06; $FBC0 is
; $EA on the original IIe, $E0 on the enhanced one.
.alias ID_FBB3 $06
.alias ID_FBBF $EA
.alias ID_FBC0 $E0

.include "iierom.s"
.include "system.s"
