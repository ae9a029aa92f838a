"""Developer tools: building the ROMs from roms/src/ and the files they need."""
