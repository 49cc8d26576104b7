"""The network core: plain data, datasets, the network and its pieces, vector helpers."""
