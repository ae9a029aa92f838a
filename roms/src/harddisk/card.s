; build: roms/harddisk.rom
;
; card.s - the firmware of our ProDOS hard-disk card: a 2 KiB ROM whose page
; n ($Cn00-$CnFF) is the firmware for slot n, as on cards that wire address
; lines A8-A10 to their ROM: each page is slot.s assembled for its slot, so
; the code addresses the card's registers ($C080 + n * 16) and its own page
; directly.  Page 0 is never seen (no card sits in slot 0).
;
; Written for this project from the documented protocols: the ProDOS 8
; Technical Reference Manual, section 6.3 (the ID bytes, the driver at $Cn00
; + the byte at $CnFF, the status byte $CnFE and block count $CnFC, the
; command block $42-$47, carry and A on an error), the Apple IIc Technical
; Reference's SmartPort chapter (the SmartPort entry at the driver + 3, its
; calls made with JSR followed by a command byte and a parameter list's
; address), and the II+ autostart ROM's boot scan (it jumps to $Cn00 with
; $00/$01 = $Cn00; a boot ROM that finds nothing to boot goes on with the
; scan at SLOOP, $FABA).  The card itself (emu/disk/hdcontroller.py) does
; each call; this code only hands it over and returns its results.

.org $C000
.advance $C100, $00

.scope
.alias _SLOT 1
.include "slot.s"
.scend
.scope
.alias _SLOT 2
.include "slot.s"
.scend
.scope
.alias _SLOT 3
.include "slot.s"
.scend
.scope
.alias _SLOT 4
.include "slot.s"
.scend
.scope
.alias _SLOT 5
.include "slot.s"
.scend
.scope
.alias _SLOT 6
.include "slot.s"
.scend
.scope
.alias _SLOT 7
.include "slot.s"
.scend
