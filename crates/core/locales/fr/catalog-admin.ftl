# The back office's catalogue editor (CAT-1).
