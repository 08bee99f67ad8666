"""Attendance notices: QR codes, rendered documents, e-mail. No Qt."""
