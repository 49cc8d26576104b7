"""Where student code runs: ``isolate`` (namespaces, users, limits), ``runner`` (drives the
kernel, standard library only), ``kernel`` (what the runner asks the kernel to do) and
``probes`` (calls of the student's functions). Student-safe: the sandbox gets this folder."""
