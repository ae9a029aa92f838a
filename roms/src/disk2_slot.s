; disk2_slot.s - how both boot ROMs find their slot (disk2.s, disk2_13.s).
;
; An include file.  The ROM runs at $Cn00-$CnFF of slot n: a JSR to an RTS
; in the monitor (IORTS, $FF58) leaves its return address, $Cnxx, on the
; stack, below the stack pointer.  Out: $2B = X = A = n * 16.

        jsr iorts
        tsx
        lda $0100,x
        asl
        asl
        asl
        asl
        sta slot16
        tax
