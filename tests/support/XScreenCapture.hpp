// What the X server shows: pixels read back from the root window with XGetImage, i.e. what a user's
// screen shows after Qt composed the window (never QWidget::grab, which renders the widget again).
// Xlib stays in XScreenCapture.cpp: its macros (None, Status, Bool) clash with ordinary names.
#pragma once

#include <QImage>
#include <QRect>

namespace halltwin::test {

// The screen area `r` (global coordinates), clipped to the screen; a null image without a display.
QImage captureScreen(QRect r);

} // namespace halltwin::test
