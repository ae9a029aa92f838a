; map.s - where the homebrew programs live (shared by every homebrew source).
;
; An include file: it has no build header, so it is never assembled alone.
; The same numbers are in README.md (the memory map) and in
; emu/tools/homebrew_disk.py (the disk layout); the tests check they agree.
;
; The boot sector sits at $0800 and loads track 0, physical sector s, to page
; $08 + s, so the programs below fill $0900-$17FF with no gaps.  Nothing goes
; at $0400-$07FF (text page 1) or $2000-$3FFF (hi-res page 1): those are the
; screens the programs draw on.

.alias MENU     $0900           ; the menu: $0900-$0BFF (3 sectors)
.alias SNAKE    $0C00           ; the snake game: $0C00-$10FF (5 sectors)
.alias MUSIC    $1100           ; the Mockingboard tune: $1100-$13FF (3 sectors)
.alias DEMO     $1400           ; the hi-res demo: $1400-$17FF (4 sectors)
.alias BODYX    $1800           ; the snake's body, a ring of 256 cells:
.alias BODYY    $1900           ;   column and row of each, $1800-$19FF
.alias MONZ     $FF69           ; the system monitor's documented entry

; Zero page: $50-$5F belong to the library (text.s, sound.s), $60-$7F to
; whichever program is running.  The boot ROM's own ($26, $27, $2B, $3C, $3D,
; $40, $41) are left alone.
