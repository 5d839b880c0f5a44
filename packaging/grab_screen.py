"""Save the X screen (``$DISPLAY``) as a PNG and fail if nothing was painted on it: the smoke test's proof that
the installed app showed its window. Usage: python grab_screen.py OUT.png"""

import sys

from PySide6.QtGui import QGuiApplication

app = QGuiApplication(sys.argv[:1])
image = app.primaryScreen().grabWindow(0).toImage()
colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
image.save(sys.argv[1])
if len(colours) < 20:  # Xvfb's empty screen is one colour; a painted window has text and icons
    sys.exit(f"grab_screen: the screen looks empty ({len(colours)} colours)")
