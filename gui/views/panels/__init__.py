"""Side and bottom panels: the versions list, the summary table and the error banner."""
