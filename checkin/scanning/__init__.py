"""Scanning: camera frames and scanner keystrokes to payload texts. No Qt.

- :mod:`.decoders`: QR engines (zbar, zxing-cpp) behind one protocol, the desk's default.
- :mod:`.preprocess`: numpy pre-processing steps for hard frames.
- :mod:`.wedge`: keyboard-wedge (USB scanner) bursts told apart from human typing.
- :mod:`.debounce`: one payload seen in many frames is accepted once.
- :mod:`.latest`: the newest-frame-wins hand-over to the decoding thread.
"""
