"""The Disk II: 6-and-2 GCR, disk images, and the controller card inside the bus."""
