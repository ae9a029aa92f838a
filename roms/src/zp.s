; zp.s - names of the zero-page cells, soft vectors and I/O addresses the
; firmware uses.  The names and addresses are the ones the Apple II Reference
; Manual documents, so that programs written for the Apple monitor find their
; data where they expect it.  Include file (no build header).

; --- text window and cursor -------------------------------------------------
.alias WNDLFT   $20             ; left column of the scroll window
.alias WNDWDTH  $21             ; width of the window
.alias WNDTOP   $22             ; top row of the window
.alias WNDBTM   $23             ; one past the bottom row of the window
.alias CH       $24             ; cursor column, relative to WNDLFT
.alias CV       $25             ; cursor row (absolute)
.alias GBASL    $26             ; lo-res row base address
.alias GBASH    $27
.alias BASL     $28             ; text row base address (WNDLFT added)
.alias BASH     $29
.alias BAS2L    $2A             ; second row pointer (scrolling)
.alias BAS2H    $2B
.alias H2       $2C             ; HLINE: right end
.alias V2       $2D             ; VLINE: bottom end
.alias MASK     $2E             ; lo-res nibble mask / disassembler format
.alias FORMAT   $2E
.alias LENGTH   $2F             ; disassembler: operand bytes of the instruction
.alias COLOR    $30             ; lo-res colour, in both nibbles
.alias MODE     $31             ; monitor: the pending '.' or ':' of a command line
.alias INVFLG   $32             ; $FF normal, $3F inverse, $7F flashing
.alias PROMPT   $33             ; GETLN's prompt character
.alias YSAV     $34             ; monitor: index into the input line
.alias YSAV1    $35             ; COUT1 keeps Y here
.alias CSWL     $36             ; output hook (COUT jumps through it)
.alias CSWH     $37
.alias KSWL     $38             ; input hook (RDKEY jumps through it)
.alias KSWH     $39
.alias PCL      $3A             ; monitor program counter (G, L)
.alias PCH      $3B
.alias A1L      $3C             ; monitor address registers A1..A5
.alias A1H      $3D
.alias A2L      $3E
.alias A2H      $3F
.alias A3L      $40
.alias A3H      $41
.alias A4L      $42
.alias A4H      $43
.alias A5L      $44
.alias A5H      $45             ; also the saved A (IRQ, IOSAVE)
.alias XREG     $46
.alias YREG     $47
.alias STATUS   $48
.alias SPNT     $49
.alias RNDL     $4E             ; counted up while KEYIN waits: a random seed
.alias RNDH     $4F
.alias LOC0     $00             ; slot scan: $Cn00 pointer
.alias LOC1     $01

; --- pages 2 and 3 ----------------------------------------------------------
.alias IN       $0200           ; GETLN's input buffer
.alias BRKV     $03F0           ; BRK handler address
.alias SOFTEV   $03F2           ; warm RESET goes here ...
.alias PWREDUP  $03F4           ; ... if this is SOFTEV+1 EOR #$A5
.alias AMPERV   $03F5           ; JMP for Applesoft's "&"
.alias USRADR   $03F8           ; JMP for the monitor's Ctrl-Y
.alias NMIV     $03FB           ; JMP for NMI
.alias IRQLOC   $03FE           ; IRQ handler address
.alias MSLOT    $07F8           ; $Cn of the slot being booted (or whose card is active)

; --- I/O ---------------------------------------------------------------------
.alias KBD      $C000
.alias KBDSTRB  $C010
.alias SPKR     $C030
.alias TXTCLR   $C050
.alias TXTSET   $C051
.alias MIXCLR   $C052
.alias MIXSET   $C053
.alias LOWSCR   $C054
.alias LORES    $C056
.alias CLRAN0   $C058
.alias CLRAN1   $C05A
.alias SETAN2   $C05D
.alias SETAN3   $C05F
.alias PADDL0   $C064
.alias PTRIG    $C070
.alias CLRROM   $CFFF           ; any access: every card lets go of $C800-$CFFF

; --- our $D000-$F7FF (extras.s) --------------------------------------------------
.alias SIGNATURE $D000          ; "APPLE2 PY FIRMWARE": our ROM's name
.alias XBANNER  $D013           ; the cold start's help lines

; The routines' labels are their documented names (cout, home, ...).  Ophis
; labels ignore case, so no cell here may share a name with a routine.
