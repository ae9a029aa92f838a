; sieve.s - a sieve of Eratosthenes, the CPU benchmark's own workload.
;
; Written for this project; assemble with ophis (documented NMOS opcodes only,
; so it runs unchanged on the 6502 and the 65C02):
;
;     ophis -o benchmarks/workloads/sieve.bin benchmarks/workloads/sieve.s
;
; Memory map (all fixed; the harness relies on these addresses):
;
;   $0800        load address of sieve.bin, and the entry point (set PC here)
;   $2000-$3FFF  FLAGS: one byte per number 0..8191, non-zero = still prime
;   $10          PASSES: how many times to run the sieve; the harness pokes it
;                before starting.  It counts down to 0 (0 = run no pass).
;   $11          spare (always 0)
;   $12-$13      COUNT: primes found by the last pass, 16-bit little endian.
;                Below 8192 there are 1028 primes, so COUNT = $0404.
;   $14-$15      I: the candidate number (16-bit)
;   $16-$17      PTR: pointer to FLAGS + I, then to the multiple being crossed out
;   DONE         the label of the final `jmp DONE` self-loop; its address is
;                $0800 + 3 (see the first instruction below): the harness stops
;                on the self-loop and checks PC == $0803.
;
; Each pass: set all 8192 flags to 1, then for I = 2..8191: if FLAGS[I] is set,
; count I as prime and clear FLAGS[2I], FLAGS[3I], ... below 8192.

.alias PASSES   $10
.alias COUNT    $12
.alias I        $14
.alias PTR      $16
.alias FLAGS    $2000
.alias NFLAGS   8192            ; a multiple of 256
.alias FLAGSEND [FLAGS + NFLAGS]

.org $0800

entry:  jmp start               ; $0800: keeps DONE at a fixed address
done:   jmp done                ; $0803: the end of the program (self-loop)

start:  cld                     ; binary arithmetic throughout
        lda #0
        sta COUNT
        sta COUNT+1
        sta $11

pass:   lda PASSES
        beq done

; --- fill FLAGS with 1 -------------------------------------------------------
        lda #<FLAGS
        sta PTR
        lda #>FLAGS
        sta PTR+1
        ldx #[NFLAGS / 256]     ; pages to fill
        ldy #0
        lda #1
fill:   sta (PTR),y
        iny
        bne fill
        inc PTR+1
        dex
        bne fill

; --- sieve -------------------------------------------------------------------
        lda #0
        sta COUNT
        sta COUNT+1
        sta I+1
        lda #2
        sta I

outer:  lda I                   ; PTR = FLAGS + I
        sta PTR
        lda I+1
        clc
        adc #>FLAGS
        sta PTR+1
        ldy #0
        lda (PTR),y
        beq next                ; crossed out: not prime

        inc COUNT               ; I is prime
        bne cross
        inc COUNT+1

cross:  clc                     ; PTR += I: the next multiple of I
        lda PTR
        adc I
        sta PTR
        lda PTR+1
        adc I+1
        sta PTR+1
        cmp #>FLAGSEND          ; past the end of FLAGS?
        bcs next
        tya                     ; Y = 0: A = 0
        sta (PTR),y             ; cross it out
        beq cross               ; always taken (A = 0)

next:   inc I
        bne check
        inc I+1
check:  lda I+1
        cmp #[NFLAGS / 256]
        bcc outer

        dec PASSES
        jmp pass
