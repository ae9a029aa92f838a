; build: roms/homebrew_menu.bin
;
; menu.s - the homebrew disk's menu: pick a program with a key.
;
; Load at $0900 (MENU in map.s) and start there; the boot sector does both.
; Text mode, page 1.  Keys: 1 starts the snake game ($0C00), 2 the hi-res
; colour demo ($1400), 4 the Mockingboard tune ($1100), 3 leaves for the
; system monitor through its documented entry MONZ ($FF69) -- the only place
; any homebrew program touches the ROM, and only when asked to -- 5 the
; 80-column snake ($1A00) on a IIe, told by its identification byte ($FBB3 =
; $06, Apple II Miscellaneous Technical Note #2; on a II+ the menu says it
; needs a IIe), and 6 the split-screen timing demo ($6000).  Every program
; comes back here with Esc.
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
        .byte 3, 3, "1  SNAKE", 0
        jsr print
        .byte 4, 6, "LO-RES GAME: STEER, EAT, GROW", 0
        jsr print
        .byte 6, 3, "2  COLOUR BARS", 0
        jsr print
        .byte 7, 6, "HI-RES NTSC COLOUR DEMO", 0
        jsr print
        .byte 9, 3, "3  MONITOR", 0
        jsr print
        .byte 10, 6, "LEAVE FOR THE MONITOR AT $FF69", 0
        jsr print
        .byte 12, 3, "4  MUSIC", 0
        jsr print
        .byte 13, 6, "MOCKINGBOARD: TWO AY-3-8910S", 0
        jsr print
        .byte 15, 3, "5  SNAKE 80", 0
        jsr print
        .byte 16, 6, "80 COLUMNS, AUX MEMORY: 128K IIE", 0
        jsr print
        .byte 18, 3, "6  SPLIT SCREEN", 0
        jsr print
        .byte 19, 6, "CYCLE-EXACT TEXT, LO-RES, HI-RES", 0
        jsr print
        .byte 21, 3, "PRESS 1, 2, 3, 4, 5 OR 6", 0
        jsr print
        .byte 23, 3, "ESC IN ANY PROGRAM COMES BACK HERE", 0

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
        bne _five
        jmp MUSIC
_five:  cmp #$b5                ; "5": a IIe only
        bne _six
        lda $fbb3
        cmp #$06
        bne _noiie
        jmp SNAKE80
_noiie: jsr print               ; (over the prompt)
        .byte 21, 3, "SNAKE 80 NEEDS AN APPLE IIE", 0
        jmp _other              ; and the buzz
_six:   cmp #$b6                ; "6"
        bne _other
        jmp TIMING
_other: ldx #60                 ; any other key: a short low buzz, and wait on
        ldy #16
        jsr tone
        jmp choose
.scend

.include "text.s"
.include "sound.s"
.include "rows.s"

.checkpc SNAKE                  ; the menu must end before the game starts
