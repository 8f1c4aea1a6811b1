"""One module per tool group; importing a module registers its tools on `server`."""
