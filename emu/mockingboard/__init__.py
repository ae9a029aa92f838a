"""The Mockingboard sound card: two 6522 VIAs (``via``) driving two AY-3-8910s (``ay``).

``card`` wires them to the Apple's bus and IRQ line; ``layout`` says where
their state lives in the machine's ``io`` array.
"""
