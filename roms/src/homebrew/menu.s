; build: roms/homebrew_menu.bin
;
; menu.s - the homebrew disk's menu: pick a program with a key.
;
; Load at $0900 (MENU in map.s) and start there; the boot sector does both.
; Text mode, page 1.  Keys: 1 starts the snake game ($0C00), 2 the hi-res
; colour demo ($1400), 4 the Mockingboard tune ($1100), 3 leaves for the
; system monitor through its documented entry MONZ ($FF69) -- the only place
; any homebrew program touches the ROM, and only when asked to.  Every program comes back here with Esc.
; Self-contained: its own screen and keyboard code (text.s), NMOS 6502.

.include "map.s"

.org MENU

start:  cld                     ; a program may have left decimal mode on
        ldx #$ff                ; programs reach the menu by JMP, never RTS:
        txs                     ; start each visit with an empty stack
        sta $c051               ; text
        sta $c052               ; full screen, not mixed
        sta $c054               ; page 1
        sta $c056               ; lo-res (for whoever switches to graphics next)

        lda #$a0                ; blank the whole screen
        ldx #0
        ldy #24
        jsr fillrows

        lda #$3f                ; the title bar, in inverse
        sta MASK
        jsr print
        .byte 1, 0, "         APPLE II HOMEBREW DISK         ", 0
        lda #$ff
        sta MASK

        jsr print
        .byte 5, 3, "1  SNAKE", 0
        jsr print
        .byte 6, 6, "LO-RES GAME: STEER, EAT, GROW", 0
        jsr print
        .byte 9, 3, "2  COLOUR BARS", 0
        jsr print
        .byte 10, 6, "HI-RES NTSC COLOUR DEMO", 0
        jsr print
        .byte 13, 3, "3  MONITOR", 0
        jsr print
        .byte 14, 6, "LEAVE FOR THE MONITOR AT $FF69", 0
        jsr print
        .byte 17, 3, "4  MUSIC", 0
        jsr print
        .byte 18, 6, "MOCKINGBOARD: TWO AY-3-8910S", 0
        jsr print
        .byte 20, 3, "PRESS 1, 2, 3 OR 4", 0
        jsr print
        .byte 22, 3, "ESC IN ANY PROGRAM COMES BACK HERE", 0

choose:
.scope
        jsr getkey
        beq choose
        cmp #$b1                ; "1"
        bne _two
        jmp SNAKE
_two:   cmp #$b2                ; "2"
        bne _three
        jmp DEMO
_three: cmp #$b3                ; "3"
        bne _four
        jmp MONZ
_four:  cmp #$b4                ; "4"
        bne _other
        jmp MUSIC
_other: ldx #60                 ; any other key: a short low buzz, and wait on
        ldy #16
        jsr tone
        jmp choose
.scend

.include "text.s"
.include "sound.s"
.include "rows.s"

.checkpc SNAKE                  ; the menu must end before the game starts
