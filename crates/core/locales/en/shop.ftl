# The console's shop, cart, checkout and products pages (CAT-2).
